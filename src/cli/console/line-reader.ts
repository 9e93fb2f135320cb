/**
 * Kafka's `ConsoleProducer.LineMessageReader`: one record per line of standard input. With
 * `parse.key=true` the key is the text before the first `key.separator` (default TAB) and the value
 * the rest; a line without the separator fails with `No key found on line N: <line>` unless
 * `ignore.error=true`, which sends the whole line as a value without key.
 */
import { AdminError } from '../../admin/errors';
import { isTrue } from './options';

export interface LineRecord {
  topic: string;
  key: Buffer | null;
  value: Buffer;
  /** CreateTime: when the line was read (the Java producer stamps records in send(), before lingering). */
  timestamp?: number;
}

export class LineMessageReader {
  readonly topic: string;
  readonly parseKey: boolean;
  readonly keySeparator: string;
  readonly ignoreError: boolean;
  private lineNumber = 0;

  constructor(props: ReadonlyMap<string, string>) {
    this.topic = props.get('topic') ?? '';
    this.parseKey = isTrue(props.get('parse.key'));
    this.keySeparator = props.get('key.separator') ?? '\t';
    this.ignoreError = isTrue(props.get('ignore.error'));
  }

  /** Turns the next line into a record; throws `org.apache.kafka.common.KafkaException` as Kafka does. */
  read(line: string): LineRecord {
    this.lineNumber += 1;
    if (!this.parseKey) return { topic: this.topic, key: null, value: Buffer.from(line, 'utf8') };
    const n = line.indexOf(this.keySeparator);
    if (n < 0) {
      if (this.ignoreError) return { topic: this.topic, key: null, value: Buffer.from(line, 'utf8') };
      throw new AdminError(
        'org.apache.kafka.common.KafkaException',
        `No key found on line ${this.lineNumber}: ${line}`,
      );
    }
    const rest = n + this.keySeparator.length > line.length ? '' : line.slice(n + this.keySeparator.length);
    return {
      topic: this.topic,
      key: Buffer.from(line.slice(0, n), 'utf8'),
      value: Buffer.from(rest, 'utf8'),
    };
  }
}

/** Kafka prints the `>` prompt only when `System.console()` exists: stdin and stdout are terminals. */
export function shouldPrompt(stdinIsTty: boolean, stdoutIsTty: boolean): boolean {
  return stdinIsTty && stdoutIsTty;
}

/**
 * Splits a stream of text into lines as Java's `BufferedReader.readLine` does: a line ends at `\n`,
 * `\r` or `\r\n`; a last line without terminator still counts; an empty input has no lines.
 */
export class LineSplitter {
  private buffer = '';
  private pendingCr = false;

  /** Feeds text; returns the lines it completes. */
  push(text: string): string[] {
    const lines: string[] = [];
    for (const ch of text) {
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === '\n') continue;
      }
      if (ch === '\n' || ch === '\r') {
        lines.push(this.buffer);
        this.buffer = '';
        this.pendingCr = ch === '\r';
      } else {
        this.buffer += ch;
      }
    }
    return lines;
  }

  /** At end of input: the unterminated last line, if any. */
  end(): string | null {
    const last = this.buffer;
    this.buffer = '';
    return last === '' ? null : last;
  }
}
