/**
 * What the console tools need from their process, injectable for tests: stdin, stdout (raw bytes,
 * with back-pressure), stderr lines, terminal detection, signals, the clock and file loading.
 */
import { loadPropertiesFile } from '../../common/java-properties';
import { usageTable, type ConsoleOptionSpec } from './options';
import { AdminError } from '../../admin/errors';

export interface ToolIO {
  stdin: AsyncIterable<string | Buffer>;
  /** Writes bytes to stdout; resolves once they are accepted (waits for 'drain' when needed). */
  writeOut(chunk: Buffer | string): Promise<void>;
  /** Called once if stdout breaks (e.g. EPIPE when the reader went away). */
  onStdoutError(handler: () => void): void;
  writeErr(line: string): void;
  stdinIsTty: boolean;
  stdoutIsTty: boolean;
  /** Registers the SIGINT/SIGTERM handler; returns the unregistering function. */
  onSignal(handler: (signal: string) => void): () => void;
  now(): Date;
  loadProperties(file: string): Map<string, string>;
}

/** `Utils.loadProps`: a missing file is Java's FileNotFoundException. */
export function fileNotFound(file: string): AdminError {
  return new AdminError('java.io.FileNotFoundException', `${file} (No such file or directory)`);
}

export function processIO(): ToolIO {
  const stdout = process.stdout;
  let broken = false;
  const errorHandlers: (() => void)[] = [];
  stdout.on('error', () => {
    if (broken) return;
    broken = true;
    for (const h of errorHandlers) h();
  });
  return {
    stdin: process.stdin,
    writeOut: (chunk) =>
      new Promise<void>((resolve) => {
        if (broken) return resolve();
        if (stdout.write(chunk)) resolve();
        else stdout.once('drain', resolve);
      }),
    onStdoutError: (h) => void errorHandlers.push(h),
    writeErr: (line) => void process.stderr.write(`${line}\n`),
    stdinIsTty: process.stdin.isTTY === true,
    stdoutIsTty: stdout.isTTY === true,
    onSignal(handler) {
      const listener = (signal: NodeJS.Signals): void => handler(signal);
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
    now: () => new Date(),
    loadProperties(file) {
      try {
        return loadPropertiesFile(file);
      } catch (err) {
        if (err instanceof Error && 'code' in err && err.code === 'ENOENT') throw fileNotFound(file);
        throw err;
      }
    },
  };
}

/** Kafka's `printUsageAndDie`: the message, then the option table, on stderr. */
export function printUsage(io: ToolIO, message: string, specs: readonly ConsoleOptionSpec[]): void {
  for (const line of message.split('\n')) io.writeErr(line);
  const table = usageTable(specs).split('\n');
  if (table[table.length - 1] === '') table.pop();
  for (const line of table) io.writeErr(line);
}

/**
 * The exit code of a tool stopped by Ctrl-C or SIGTERM. The JVM's would be 130 / 143 (128 + signal);
 * the console tools here exit 0 after their clean shutdown, as the project asks.
 */
export const SIGNAL_EXIT_CODE = 0;

/**
 * Ends the process once stdout and stderr have taken everything written (stdin, kafkajs timers and
 * sockets would otherwise keep it alive).
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = (): void => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
  setTimeout(() => process.exit(code), 2000).unref();
}
