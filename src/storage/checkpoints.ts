/**
 * Kafka's checkpoint files (`server/checkpoints/CheckpointFile.scala`): a text file holding a version
 * line, an entry-count line, then one entry per line.
 *
 *   0                 <- version
 *   2                 <- number of entries
 *   my-topic 0 42     <- offset checkpoints: "<topic> <partition> <offset>"
 *   my-topic 1 17
 *
 * `leader-epoch-checkpoint` uses the same header with "<epoch> <startOffset>" lines. Writes go to
 * `<file>.tmp`, which is fsynced and renamed over the file (then the directory is fsynced), so a
 * crash leaves either the old or the new content. Reads accept any whitespace between fields, as
 * Kafka does; an empty file reads as no entries.
 *
 * Concurrency: `write` is synchronous and complete. `writeAsync` (the periodic checkpoint tasks)
 * does the same steps with asynchronous I/O, so the fsyncs — which can wait tens of milliseconds
 * behind other dirty data — never stall the event loop. Async writes of one file are serialized and
 * coalesced (a write requested while one is running stores the newest text when it finishes), and a
 * synchronous write of the same file meanwhile wins: it unlinks the running write's tmp file first,
 * and that write then skips its rename, so an older text never replaces a newer one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TopicPartition } from './topic-partition';
import { tpKey } from './topic-partition';

export const RECOVERY_POINT_CHECKPOINT_FILE = 'recovery-point-offset-checkpoint';
export const LOG_START_OFFSET_CHECKPOINT_FILE = 'log-start-offset-checkpoint';
/** High watermarks, written by the replication layer (`ReplicaManager.HighWatermarkFilename`). */
export const REPLICATION_OFFSET_CHECKPOINT_FILE = 'replication-offset-checkpoint';
export const LEADER_EPOCH_CHECKPOINT_FILE = 'leader-epoch-checkpoint';
export const CLEAN_SHUTDOWN_FILE = '.kafka_cleanshutdown';

const CURRENT_VERSION = 0;
const WHITESPACE = /\s+/;

export interface CheckpointFormatter<T> {
  toLine(entry: T): string;
  /** undefined for a malformed line. */
  fromLine(line: string): T | undefined;
}

/** The file's text for these entries (what {@link CheckpointFile.write} stores). */
export function formatCheckpoint<T>(
  entries: readonly T[],
  formatter: CheckpointFormatter<T>,
  version = 0,
): string {
  let text = `${version}\n${entries.length}\n`;
  for (const e of entries) text += `${formatter.toLine(e)}\n`;
  return text;
}

interface AsyncWrite {
  /** Set by a synchronous write of the file while this async write runs. */
  overtaken: boolean;
  /** Text requested while this write ran, to be written when it finishes. */
  next: string | undefined;
  done: Promise<void>;
}

const asyncWrites = new Map<string, AsyncWrite>();

/** Writes `text` to `file` atomically: tmp file, fsync, rename, fsync of the directory. */
export function writeFileAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  const running = asyncWrites.get(file);
  if (running) {
    // Give the running async write's tmp file no chance to be renamed over ours.
    running.overtaken = true;
    running.next = undefined;
    fs.rmSync(tmp, { force: true });
  }
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDirectory(path.dirname(file));
}

/**
 * {@link writeFileAtomically} with asynchronous I/O. Resolves when this text (or a newer one) is
 * durable, or when a synchronous write of the file has replaced it.
 */
export function writeFileAtomicallyAsync(file: string, text: string): Promise<void> {
  const running = asyncWrites.get(file);
  if (running) {
    running.next = text;
    return running.done;
  }
  const write: AsyncWrite = { overtaken: false, next: undefined, done: Promise.resolve() };
  asyncWrites.set(file, write);
  write.done = (async () => {
    try {
      let current: string | undefined = text;
      while (current !== undefined && !write.overtaken) {
        write.next = undefined;
        await writeOnceAsync(file, current, write);
        current = write.next;
      }
    } finally {
      asyncWrites.delete(file);
    }
  })();
  return write.done;
}

async function writeOnceAsync(file: string, text: string, write: AsyncWrite): Promise<void> {
  const tmp = `${file}.tmp`;
  const handle = await fs.promises.open(tmp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  // Checked and renamed in one synchronous step: no synchronous write can come in between. A tmp
  // file seen here is this write's own (a synchronous write renames its tmp before returning).
  if (write.overtaken) {
    fs.rmSync(tmp, { force: true });
    return;
  }
  fs.renameSync(tmp, file);
  await fsyncDirectoryAsync(path.dirname(file));
}

/** Resolves when no asynchronous checkpoint write is running (for shutdown and tests). */
export async function asyncCheckpointWritesDone(): Promise<void> {
  while (asyncWrites.size > 0) {
    await Promise.allSettled([...asyncWrites.values()].map((w) => w.done));
  }
}

async function fsyncDirectoryAsync(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // as fsyncDirectory
  } finally {
    await handle?.close();
  }
}

/** fsyncs a directory so that a rename or create in it is durable (best effort). */
export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some filesystems refuse to fsync a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** One checkpoint file of entries of type T. */
export class CheckpointFile<T> {
  constructor(
    readonly file: string,
    private readonly formatter: CheckpointFormatter<T>,
    private readonly version = CURRENT_VERSION,
  ) {}

  /** Creates the file empty if it does not exist (Kafka creates every checkpoint file at startup). */
  ensureExists(): void {
    try {
      fs.closeSync(fs.openSync(this.file, 'wx'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }

  write(entries: Iterable<T>): void {
    writeFileAtomically(this.file, formatCheckpoint([...entries], this.formatter, this.version));
  }

  /** As {@link write}, off the event loop (see the module comment). */
  writeAsync(entries: Iterable<T>): Promise<void> {
    return writeFileAtomicallyAsync(this.file, formatCheckpoint([...entries], this.formatter, this.version));
  }

  /** The entries, [] for a missing or empty file; throws on a malformed file, with Kafka's messages. */
  read(): T[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const lines = text.split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) return [];
    const malformed = (line: string): Error =>
      new Error(`Malformed line in checkpoint file (${this.file}): '${line}'`);
    const versionLine = lines[0] ?? '';
    if (!/^-?\d+$/.test(versionLine.trim())) throw malformed(versionLine);
    if (Number(versionLine.trim()) !== this.version) {
      throw new Error(`Unrecognized version of the checkpoint file (${this.file}): ${this.version}`);
    }
    if (lines.length === 1) return [];
    const countLine = lines[1] ?? '';
    if (!/^-?\d+$/.test(countLine.trim())) throw malformed(countLine);
    const expected = Number(countLine.trim());
    const entries: T[] = [];
    for (const line of lines.slice(2)) {
      const entry = this.formatter.fromLine(line);
      if (entry === undefined) throw malformed(line);
      entries.push(entry);
    }
    if (entries.length !== expected) {
      throw new Error(
        `Expected ${expected} entries in checkpoint file (${this.file}), but found only ${entries.length}`,
      );
    }
    return entries;
  }
}

const INT64 = /^[+-]?\d+$/;

function parseInt32(s: string): number | undefined {
  if (!INT64.test(s)) return undefined;
  const n = Number(s);
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

function parseInt64(s: string): bigint | undefined {
  if (!INT64.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

export interface OffsetCheckpointEntry {
  readonly topicPartition: TopicPartition;
  readonly offset: bigint;
}

export const OFFSET_CHECKPOINT_FORMATTER: CheckpointFormatter<OffsetCheckpointEntry> = {
  toLine: (e) => `${e.topicPartition.topic} ${e.topicPartition.partition} ${e.offset}`,
  fromLine(line) {
    const parts = line.split(WHITESPACE);
    if (parts.length !== 3) return undefined;
    const [topic, p, o] = parts as [string, string, string];
    const partition = parseInt32(p);
    const offset = parseInt64(o);
    if (partition === undefined || offset === undefined) return undefined;
    return { topicPartition: { topic, partition }, offset };
  },
};

/** recovery-point-offset-checkpoint, log-start-offset-checkpoint, replication-offset-checkpoint. */
export class OffsetCheckpointFile {
  private readonly checkpoint: CheckpointFile<OffsetCheckpointEntry>;

  constructor(readonly file: string) {
    this.checkpoint = new CheckpointFile(file, OFFSET_CHECKPOINT_FORMATTER);
  }

  ensureExists(): void {
    this.checkpoint.ensureExists();
  }

  write(entries: Iterable<OffsetCheckpointEntry>): void {
    this.checkpoint.write(entries);
  }

  writeAsync(entries: Iterable<OffsetCheckpointEntry>): Promise<void> {
    return this.checkpoint.writeAsync(entries);
  }

  /** Offsets by `topic-partition` key (see tpKey). */
  read(): Map<string, bigint> {
    const out = new Map<string, bigint>();
    for (const e of this.checkpoint.read()) out.set(tpKey(e.topicPartition), e.offset);
    return out;
  }
}

/** One leader epoch and the first offset written in it. */
export interface EpochEntry {
  readonly epoch: number;
  readonly startOffset: bigint;
}

export const EPOCH_CHECKPOINT_FORMATTER: CheckpointFormatter<EpochEntry> = {
  toLine: (e) => `${e.epoch} ${e.startOffset}`,
  fromLine(line) {
    const parts = line.split(WHITESPACE);
    if (parts.length !== 2) return undefined;
    const epoch = parseInt32(parts[0] ?? '');
    const startOffset = parseInt64(parts[1] ?? '');
    if (epoch === undefined || startOffset === undefined) return undefined;
    return { epoch, startOffset };
  },
};

/** Where a leader epoch cache persists itself. */
export interface LeaderEpochCheckpoint {
  write(epochs: Iterable<EpochEntry>): void;
  read(): EpochEntry[];
}

/** `<partition dir>/leader-epoch-checkpoint`. */
export class LeaderEpochCheckpointFile implements LeaderEpochCheckpoint {
  private readonly checkpoint: CheckpointFile<EpochEntry>;

  constructor(readonly file: string) {
    this.checkpoint = new CheckpointFile(file, EPOCH_CHECKPOINT_FORMATTER);
  }

  static inDir(dir: string): LeaderEpochCheckpointFile {
    return new LeaderEpochCheckpointFile(path.join(dir, LEADER_EPOCH_CHECKPOINT_FILE));
  }

  ensureExists(): void {
    this.checkpoint.ensureExists();
  }

  write(epochs: Iterable<EpochEntry>): void {
    this.checkpoint.write(epochs);
  }

  read(): EpochEntry[] {
    return this.checkpoint.read();
  }
}
