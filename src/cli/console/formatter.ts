/**
 * The console consumer's message formatters (`--formatter`, configured by `--property`), writing the
 * bytes Kafka 2.8's would. `DefaultMessageFormatter` prints, in this order and each only if asked for:
 * `<timestampType>:<ms>` (or `NO_TIMESTAMP`), `Partition:<p>`, `Offset:<o>`, the headers
 * (`k:v` joined by `headers.separator`, or `NO_HEADERS`), the key, the value (on by default). Fields
 * are separated by `key.separator` (TAB), and `line.separator` (newline) ends the record; a field with
 * nothing after it ends with the line separator instead. Null keys, values and header values print as
 * `null.literal` ("null"), which the deserializers (if any) then see as bytes.
 */
import { AdminError } from '../../admin/errors';
import { deserializerFor, type Deserializer } from './deserializers';
import { isTrue } from './options';

export type TimestampType = 'CreateTime' | 'LogAppendTime' | 'NO_TIMESTAMP_TYPE';

/** A record as the console consumer sees it (offsets and timestamps as decimal strings). */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  timestampType: TimestampType;
  key: Buffer | null;
  value: Buffer | null;
  headers: readonly { key: string; value: Buffer | null }[];
}

export interface MessageFormatter {
  /** The bytes to write to stdout for one record (may throw: a deserializer failing). */
  format(record: ConsumedRecord): Buffer;
}

export const DEFAULT_FORMATTER = 'kafka.tools.DefaultMessageFormatter';

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

export class DefaultMessageFormatter implements MessageFormatter {
  printTimestamp = false;
  printKey = false;
  printValue = true;
  printPartition = false;
  printOffset = false;
  printHeaders = false;
  keySeparator = utf8('\t');
  lineSeparator = utf8('\n');
  headersSeparator = utf8(',');
  nullLiteral = utf8('null');
  keyDeserializer: Deserializer | undefined;
  valueDeserializer: Deserializer | undefined;
  headersDeserializer: Deserializer | undefined;

  constructor(props: ReadonlyMap<string, string>) {
    const bool = (key: string, current: boolean): boolean =>
      props.has(key) ? isTrue(props.get(key)) : current;
    const bytes = (key: string, current: Buffer): Buffer => {
      const v = props.get(key);
      return v === undefined ? current : utf8(v);
    };
    const deserializer = (key: string): Deserializer | undefined => {
      const v = props.get(key);
      return v === undefined ? undefined : deserializerFor(v);
    };
    this.printTimestamp = bool('print.timestamp', this.printTimestamp);
    this.printKey = bool('print.key', this.printKey);
    this.printOffset = bool('print.offset', this.printOffset);
    this.printPartition = bool('print.partition', this.printPartition);
    this.printHeaders = bool('print.headers', this.printHeaders);
    this.printValue = bool('print.value', this.printValue);
    this.keySeparator = bytes('key.separator', this.keySeparator);
    this.lineSeparator = bytes('line.separator', this.lineSeparator);
    this.headersSeparator = bytes('headers.separator', this.headersSeparator);
    this.nullLiteral = bytes('null.literal', this.nullLiteral);
    this.keyDeserializer = deserializer('key.deserializer');
    this.valueDeserializer = deserializer('value.deserializer');
    this.headersDeserializer = deserializer('headers.deserializer');
  }

  private field(deserializer: Deserializer | undefined, data: Buffer | null): Buffer {
    const bytes = data ?? this.nullLiteral;
    return deserializer === undefined ? bytes : utf8(deserializer(bytes));
  }

  format(r: ConsumedRecord): Buffer {
    const out: Buffer[] = [];
    const separator = (moreColumns: boolean): void => {
      out.push(moreColumns ? this.keySeparator : this.lineSeparator);
    };
    if (this.printTimestamp) {
      out.push(
        utf8(r.timestampType === 'NO_TIMESTAMP_TYPE' ? 'NO_TIMESTAMP' : `${r.timestampType}:${r.timestamp}`),
      );
      separator(
        this.printOffset || this.printPartition || this.printHeaders || this.printKey || this.printValue,
      );
    }
    if (this.printPartition) {
      out.push(utf8(`Partition:${r.partition}`));
      separator(this.printOffset || this.printHeaders || this.printKey || this.printValue);
    }
    if (this.printOffset) {
      out.push(utf8(`Offset:${r.offset}`));
      separator(this.printHeaders || this.printKey || this.printValue);
    }
    if (this.printHeaders) {
      if (r.headers.length === 0) out.push(utf8('NO_HEADERS'));
      r.headers.forEach((h, i) => {
        out.push(utf8(`${h.key}:`), this.field(this.headersDeserializer, h.value));
        if (i < r.headers.length - 1) out.push(this.headersSeparator);
      });
      separator(this.printKey || this.printValue);
    }
    if (this.printKey) {
      out.push(this.field(this.keyDeserializer, r.key));
      separator(this.printValue);
    }
    if (this.printValue) {
      out.push(this.field(this.valueDeserializer, r.value), this.lineSeparator);
    }
    return Buffer.concat(out);
  }
}

/** `kafka.tools.NoOpMessageFormatter`: prints nothing. */
class NoOpMessageFormatter implements MessageFormatter {
  format(): Buffer {
    return Buffer.alloc(0);
  }
}

/**
 * `kafka.tools.ChecksumMessageFormatter`: `[<topic>:]checksum:<crc>`. Records of the v2 format carry
 * no per-record checksum, so the Java consumer prints `null` for them, as here.
 */
class ChecksumMessageFormatter implements MessageFormatter {
  private readonly prefix: string;
  constructor(props: ReadonlyMap<string, string>) {
    const topic = props.get('topic');
    this.prefix = topic === undefined ? '' : `${topic}:`;
  }
  format(): Buffer {
    return utf8(`${this.prefix}checksum:null\n`);
  }
}

/** The formatter for `--formatter <class>`; an unknown class is Java's ClassNotFoundException. */
export function createFormatter(className: string, props: ReadonlyMap<string, string>): MessageFormatter {
  switch (className) {
    // LoggingMessageFormatter also logs each record at INFO, which the tools' log4j config hides.
    case DEFAULT_FORMATTER:
    case 'kafka.tools.LoggingMessageFormatter':
      return new DefaultMessageFormatter(props);
    case 'kafka.tools.NoOpMessageFormatter':
      return new NoOpMessageFormatter();
    case 'kafka.tools.ChecksumMessageFormatter':
      return new ChecksumMessageFormatter(props);
    default:
      throw new AdminError('java.lang.ClassNotFoundException', className);
  }
}
