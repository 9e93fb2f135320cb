/**
 * The `.log` file of one segment (Kafka's `FileRecords`): record batches exactly as they travel on
 * the wire, appended at the end, read back as byte ranges, scanned by batch header only.
 *
 * Lifecycle: `open` (creates the file if needed) → appends/reads → `close`. The descriptor stays open
 * for the segment's life (Kafka keeps its FileChannel open too). Concurrency: single-threaded and
 * synchronous; the size is tracked in memory and only changes through this object.
 *
 * Scanning reads the file in 16 KiB chunks into one module-level scratch buffer; that is safe because
 * a scan runs to completion synchronously (the visitor must not start another scan).
 */
import fs from 'node:fs';
import { FileHandle } from './file-handle';
import { LOG_OVERHEAD, RECORD_BATCH_OVERHEAD } from '../protocol/record-batch';
import { ErrorCode, KafkaError } from '../protocol/error-codes';

/** Bytes up to and including the magic byte (offset, length, epoch, magic). */
export const HEADER_SIZE_UP_TO_MAGIC = 17;
/** Smallest legal batch length (a legacy v0 message). */
export const RECORD_OVERHEAD_V0 = 14;
const SCAN_CHUNK = 16 * 1024;
const FULL_BATCH_CHUNK = 1024 * 1024;
const scratch = Buffer.allocUnsafe(SCAN_CHUNK);

/** The header fields of one batch in the file. The scanner reuses one object; copy what you keep. */
export interface BatchHeaderView {
  position: number;
  /** Whole batch size, LOG_OVERHEAD included. */
  size: number;
  magic: number;
  baseOffset: bigint;
  /** baseOffset + lastOffsetDelta for v2; the offset field for legacy entries. */
  lastOffset: bigint;
  partitionLeaderEpoch: number;
  /** -1 when unknown (legacy entries). */
  maxTimestamp: bigint;
}

/** Where the batch holding an offset starts (Kafka's LogOffsetPosition). */
export interface LogOffsetPosition {
  /** The batch's last offset. */
  readonly offset: bigint;
  readonly position: number;
  readonly size: number;
}

export function corruptRecord(message: string): KafkaError {
  return new KafkaError(ErrorCode.CORRUPT_MESSAGE, message);
}

export class FileRecords {
  private constructor(
    private path: string,
    private readonly handle: FileHandle,
    private bytes: number,
  ) {}

  /** Opens (creating if missing) a log file; its current length is the records' size. */
  static open(file: string): FileRecords {
    const handle = FileHandle.openReadWrite(file);
    return new FileRecords(file, handle, handle.size());
  }

  get file(): string {
    return this.path;
  }

  get size(): number {
    return this.bytes;
  }

  /** Appends the whole buffer with one positional write; returns the bytes written. */
  append(records: Uint8Array, offset = 0, length = records.length - offset): number {
    this.handle.writeFully(records, offset, length, this.bytes);
    this.bytes += length;
    return length;
  }

  /** Reads `size` bytes at `position` (clamped to the end) into a new Buffer. */
  read(position: number, size: number): Buffer {
    const n = Math.max(0, Math.min(size, this.bytes - position));
    const out = Buffer.allocUnsafe(n);
    const got = n > 0 ? this.handle.readFully(out, 0, n, position) : 0;
    return got === n ? out : out.subarray(0, got);
  }

  /** Reads into `buf[offset, offset+length)` from `position`; returns the bytes read. */
  readInto(buf: Uint8Array, offset: number, length: number, position: number): number {
    return this.handle.readFully(buf, offset, Math.min(length, this.bytes - position), position);
  }

  /** Cuts the file to `targetSize`; returns the bytes removed. */
  truncateTo(targetSize: number): number {
    if (targetSize > this.bytes || targetSize < 0) {
      throw new RangeError(
        `Attempt to truncate log segment ${this.path} to ${targetSize} bytes failed, size of this log segment is ${this.bytes} bytes.`,
      );
    }
    const removed = this.bytes - targetSize;
    if (removed > 0) this.handle.truncate(targetSize);
    this.bytes = targetSize;
    return removed;
  }

  flush(): void {
    if (this.handle.isOpen) this.handle.fsync();
  }

  flushAsync(): Promise<void> {
    return this.handle.fsyncAsync();
  }

  close(): void {
    this.handle.close();
  }

  /** Renames the file (the descriptor stays valid). */
  renameTo(newPath: string): void {
    try {
      fs.renameSync(this.path, newPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    this.path = newPath;
  }

  /** Closes and unlinks; false when the file was already gone. */
  deleteIfExists(): boolean {
    this.handle.close();
    try {
      fs.unlinkSync(this.path);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  /** The file's mtime in ms (0 when it is gone). */
  lastModified(): number {
    try {
      return Math.floor(fs.statSync(this.path).mtimeMs);
    } catch {
      return 0;
    }
  }

  setLastModified(ms: number): void {
    fs.utimesSync(this.path, ms / 1000, ms / 1000);
  }

  /**
   * Visits the header of every complete batch from `from`, in order, until `visit` returns false or
   * the data ends (a truncated last batch is not visited). Throws CORRUPT_MESSAGE for an impossible
   * batch size or magic, as Kafka's FileLogInputStream does.
   */
  scanBatches(from: number, visit: (h: BatchHeaderView) => boolean): void {
    const end = this.bytes;
    const view: BatchHeaderView = {
      position: 0,
      size: 0,
      magic: 0,
      baseOffset: 0n,
      lastOffset: 0n,
      partitionLeaderEpoch: -1,
      maxTimestamp: -1n,
    };
    let chunkStart = 0;
    let chunkLength = 0;
    let pos = from;
    while (pos + HEADER_SIZE_UP_TO_MAGIC < end) {
      const need = Math.min(RECORD_BATCH_OVERHEAD, end - pos);
      if (pos < chunkStart || pos + need > chunkStart + chunkLength) {
        chunkStart = pos;
        chunkLength = this.handle.readFully(scratch, 0, Math.min(SCAN_CHUNK, end - pos), pos);
        if (chunkLength < need) return;
      }
      const at = pos - chunkStart;
      const batchLength = scratch.readInt32BE(at + 8);
      if (batchLength < RECORD_OVERHEAD_V0) {
        throw corruptRecord(
          `Found record size ${batchLength} smaller than minimum record overhead (${RECORD_OVERHEAD_V0}) in file ${this.path}.`,
        );
      }
      const size = batchLength + LOG_OVERHEAD;
      if (pos + size > end) return;
      const magic = scratch.readInt8(at + 16);
      if (magic < 0 || magic > 2) throw corruptRecord(`Invalid magic found in record: ${magic}`);
      view.position = pos;
      view.size = size;
      view.magic = magic;
      view.baseOffset = scratch.readBigInt64BE(at);
      if (magic === 2) {
        if (size < RECORD_BATCH_OVERHEAD) {
          throw corruptRecord(
            `Record batch is corrupt (the size ${size} is smaller than the minimum allowed overhead ${RECORD_BATCH_OVERHEAD})`,
          );
        }
        view.lastOffset = view.baseOffset + BigInt(scratch.readInt32BE(at + 23));
        view.partitionLeaderEpoch = scratch.readInt32BE(at + 12);
        view.maxTimestamp = scratch.readBigInt64BE(at + 35);
      } else {
        view.lastOffset = view.baseOffset;
        view.partitionLeaderEpoch = -1;
        view.maxTimestamp = -1n;
      }
      if (!visit(view)) return;
      pos += size;
    }
  }

  /**
   * Calls `visit` with the bytes of every complete batch from the start of the file (in a reused
   * buffer of at least 1 MiB, `at` being the batch's position in it). Stops at a truncated last
   * batch; throws CORRUPT_MESSAGE for an impossible batch size. Used by recovery.
   */
  forEachBatch(visit: (buf: Buffer, at: number, size: number) => void): void {
    const end = this.bytes;
    let chunk = Buffer.allocUnsafe(Math.min(FULL_BATCH_CHUNK, Math.max(end, 64)));
    let chunkStart = 0;
    let chunkLength = 0;
    let pos = 0;
    const fill = (from: number, atLeast: number): void => {
      if (atLeast > chunk.length) chunk = Buffer.allocUnsafe(atLeast);
      chunkStart = from;
      chunkLength = this.handle.readFully(chunk, 0, Math.min(chunk.length, end - from), from);
    };
    while (pos + HEADER_SIZE_UP_TO_MAGIC < end) {
      if (pos + HEADER_SIZE_UP_TO_MAGIC > chunkStart + chunkLength) fill(pos, HEADER_SIZE_UP_TO_MAGIC);
      const batchLength = chunk.readInt32BE(pos - chunkStart + 8);
      if (batchLength < RECORD_OVERHEAD_V0) {
        throw corruptRecord(
          `Record size ${batchLength} is less than the minimum record overhead (${RECORD_OVERHEAD_V0})`,
        );
      }
      const size = batchLength + LOG_OVERHEAD;
      if (pos + size > end) return;
      if (pos + size > chunkStart + chunkLength) fill(pos, size);
      visit(chunk, pos - chunkStart, size);
      pos += size;
    }
  }

  /** The first batch from `from` whose last offset is >= `target` (Kafka's searchForOffsetWithSize). */
  searchForOffsetWithSize(target: bigint, from: number): LogOffsetPosition | undefined {
    let found: LogOffsetPosition | undefined;
    this.scanBatches(from, (h) => {
      if (h.lastOffset < target) return true;
      found = { offset: h.lastOffset, position: h.position, size: h.size };
      return false;
    });
    return found;
  }

  /** The largest batch max timestamp from `from` and the last offset of that batch. */
  largestTimestampAfter(from: number): { timestamp: bigint; offset: bigint } {
    let timestamp = -1n;
    let offset = -1n;
    this.scanBatches(from, (h) => {
      if (h.maxTimestamp > timestamp) {
        timestamp = h.maxTimestamp;
        offset = h.lastOffset;
      }
      return true;
    });
    return { timestamp, offset };
  }

  /** The header of the first batch, if any. */
  firstBatch(): BatchHeaderView | undefined {
    let first: BatchHeaderView | undefined;
    this.scanBatches(0, (h) => {
      first = { ...h };
      return false;
    });
    return first;
  }

  /** The header of the last complete batch from `from` (a copy), if any. */
  lastBatchFrom(from: number): BatchHeaderView | undefined {
    let last: BatchHeaderView | undefined;
    this.scanBatches(from, (h) => {
      last = { ...h };
      return true;
    });
    return last;
  }
}
