/**
 * Common machinery of the offset and time indexes (Kafka's `AbstractIndex` + `LazyIndex`): fixed-size
 * big-endian entries, kept in memory in a growable Buffer and written to the file in place of Kafka's
 * mmap.
 *
 * File layout matches Kafka: a new index file is preallocated (sparse) to the configured maximum
 * size rounded down to a whole number of entries, entries are stored from byte 0, and the file is
 * trimmed to the used size when its segment rolls or closes.
 *
 * Lifecycle: the constructor does no I/O. The file is opened and read lazily on first use (or
 * eagerly with `load()` for a new segment, which creates and preallocates it). New entries live only
 * in memory until `flush()`, `trimToValidSize()` or `close()` writes them with one positional write;
 * a crash may therefore lose the tail of an index, which recovery rebuilds, exactly as an unsynced
 * mmap would. Concurrency: owned by one LogSegment; all calls are synchronous except `flushAsync`.
 */
import fs from 'node:fs';
import { FileHandle } from './file-handle';

const INITIAL_CAPACITY = 4096;

export abstract class AbstractIndex {
  protected buf: Buffer = Buffer.alloc(0);
  protected entryCount = 0;
  /** Entries [0, durable) are on disk. */
  private durable = 0;
  private handle: FileHandle | undefined;
  private loaded = false;
  /** The file length, Kafka's mmap limit: maxEntries = capacityBytes / entrySize. */
  private capacityBytes = 0;
  /** Written since the last fsync. */
  private unsynced = false;
  private closed = false;

  constructor(
    private path: string,
    readonly baseOffset: bigint,
    /** The size a new or reset index file is preallocated to (segment.index.bytes). */
    readonly maxIndexSize: number,
  ) {}

  abstract readonly entrySize: number;

  /** How many leading entries of the loaded bytes form a valid index (stops at zero padding). */
  protected abstract validEntries(count: number): number;

  get file(): string {
    return this.path;
  }

  get entries(): number {
    this.load();
    return this.entryCount;
  }

  get maxEntries(): number {
    this.load();
    return Math.floor(this.capacityBytes / this.entrySize);
  }

  isFull(): boolean {
    return this.entries >= this.maxEntries;
  }

  /** Bytes of valid entries. */
  get sizeInBytes(): number {
    return this.entries * this.entrySize;
  }

  /** Current length of the index file. */
  get length(): number {
    this.load();
    return this.capacityBytes;
  }

  private roundDown(size: number): number {
    return size - (size % this.entrySize);
  }

  /** Opens the file, creating and preallocating it when missing, and reads existing entries. */
  load(): void {
    this.open(false);
  }

  /** Opens the file; with `discard` (or when it is new) it starts empty and preallocated, unread. */
  private open(discard: boolean): void {
    if (this.loaded) return;
    if (this.closed) throw new Error(`Index ${this.path} is closed`);
    const existed = fs.existsSync(this.path);
    this.handle = FileHandle.openReadWrite(this.path);
    this.loaded = true;
    if (!existed || discard) {
      this.capacityBytes = this.roundDown(this.maxIndexSize);
      // Cut to 0 first so that no old entry survives the preallocation.
      if (existed) this.handle.truncate(0);
      this.handle.truncate(this.capacityBytes);
      this.buf = Buffer.alloc(Math.min(INITIAL_CAPACITY, Math.max(this.capacityBytes, this.entrySize)));
      this.entryCount = 0;
      this.durable = 0;
      this.unsynced = existed;
      return;
    }
    const size = this.roundDown(this.handle.size());
    this.capacityBytes = size;
    this.buf = Buffer.alloc(Math.max(size, INITIAL_CAPACITY));
    if (size > 0) this.handle.readFully(this.buf, 0, size, 0);
    this.entryCount = this.validEntries(size / this.entrySize);
    this.durable = this.entryCount;
  }

  /** Space for one more entry; returns its byte position in `buf`. */
  protected reserveEntry(): number {
    const at = this.entryCount * this.entrySize;
    if (at + this.entrySize > this.buf.length) {
      const grown = Buffer.alloc(Math.max(this.buf.length * 2, at + this.entrySize, INITIAL_CAPACITY));
      this.buf.copy(grown, 0, 0, at);
      this.buf = grown;
    }
    this.entryCount++;
    return at;
  }

  /** Writes entries not yet on disk with one positional write. */
  private writeDirty(): void {
    if (!this.handle || this.durable >= this.entryCount) return;
    const from = this.durable * this.entrySize;
    const to = this.entryCount * this.entrySize;
    this.handle.writeFully(this.buf, from, to - from, from);
    if (to > this.capacityBytes) this.capacityBytes = to;
    this.durable = this.entryCount;
    this.unsynced = true;
  }

  /** Writes pending entries and fsyncs the file. */
  flush(): void {
    if (!this.loaded || !this.handle) return;
    this.writeDirty();
    if (this.unsynced) {
      this.handle.fsync();
      this.unsynced = false;
    }
  }

  /** Writes pending entries now and fsyncs on the thread pool. */
  flushAsync(): Promise<void> {
    if (!this.loaded || !this.handle) return Promise.resolve();
    this.writeDirty();
    if (!this.unsynced) return Promise.resolve();
    this.unsynced = false;
    return this.handle.fsyncAsync();
  }

  /** Keeps the first `n` entries. */
  protected truncateToEntries(n: number): void {
    this.load();
    this.entryCount = Math.min(n, this.entryCount);
    if (this.durable > this.entryCount && this.handle) {
      // Zero the dropped entries on disk too, so a crash cannot resurrect them.
      this.handle.truncate(this.entryCount * this.entrySize);
      this.handle.truncate(this.capacityBytes);
      this.unsynced = true;
    }
    this.durable = Math.min(this.durable, this.entryCount);
  }

  /** Removes every entry. */
  truncate(): void {
    this.truncateToEntries(0);
  }

  /** Sets the file length (and so maxEntries), Kafka's `resize`; returns whether it changed. */
  resize(newSize: number): boolean {
    this.load();
    const rounded = Math.max(this.roundDown(newSize), this.entryCount * this.entrySize);
    this.writeDirty();
    if (rounded === this.capacityBytes) return false;
    this.handle?.truncate(rounded);
    this.capacityBytes = rounded;
    this.unsynced = true;
    return true;
  }

  /** Cuts the file to the valid entries. */
  trimToValidSize(): void {
    this.resize(this.entryCount * this.entrySize);
  }

  /** Removes every entry and preallocates the file again. */
  reset(): void {
    if (!this.loaded) {
      this.open(true); // recovery rebuilds the index: no need to read the old one
      return;
    }
    this.truncate();
    this.resize(this.maxIndexSize);
  }

  /** Trims, syncs and closes the file. */
  close(): void {
    if (!this.loaded || !this.handle) return;
    this.trimToValidSize();
    this.flush();
    this.closeHandler();
  }

  /** Closes the file without writing anything. */
  closeHandler(): void {
    this.handle?.close();
    this.handle = undefined;
    this.closed = true;
  }

  renameTo(newPath: string): void {
    try {
      fs.renameSync(this.path, newPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.path = newPath;
  }

  /** Closes and unlinks the file; false when it did not exist. */
  deleteIfExists(): boolean {
    this.closeHandler();
    try {
      fs.unlinkSync(this.path);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  /**
   * Binary search: the largest slot whose entry compares <= the target (`compare(slot)` returns
   * entry − target as a sign), or -1 when the first entry is already larger or there are none.
   */
  protected largestLowerBoundSlot(compare: (slot: number) => number): number {
    const n = this.entries;
    if (n === 0 || compare(0) > 0) return -1;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (compare(mid) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The raw bytes of the valid entries (for tests and tools). */
  entryBytes(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.entries * this.entrySize));
  }
}
