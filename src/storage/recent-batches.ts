/**
 * Where the last batches appended to a segment are: their last offsets, file positions and sizes,
 * from their headers (read in memory at append time, no record is decoded).
 *
 * Followers and consumers at the end of the log fetch exactly what was just appended; finding the
 * batch that holds their fetch offset then needs no read of the file (the offset index only points
 * near it and the batch headers after that point would otherwise be read back from the file).
 *
 * Holds up to CAPACITY batches in a ring. Anything it cannot answer exactly returns undefined and the
 * caller searches the file. `clear()` on truncation.
 */
import type { LogOffsetPosition } from './file-records';

const CAPACITY = 256;
const HEADER_BYTES = 61; // RecordBatch v2 header up to and including the record count
const MAGIC_OFFSET = 16;
const LAST_OFFSET_DELTA_OFFSET = 23;

export class RecentBatches {
  private readonly baseOffsets = new BigInt64Array(CAPACITY);
  private readonly lastOffsets = new BigInt64Array(CAPACITY);
  private readonly positions = new Float64Array(CAPACITY);
  private readonly sizes = new Float64Array(CAPACITY);
  /** Index of the oldest entry, and how many there are. */
  private head = 0;
  private count = 0;

  /**
   * Records the batches of `records`, appended at file position `position`. A buffer that is not a
   * sequence of whole v2 batches (old message formats) clears the cache instead.
   */
  appended(records: Uint8Array, position: number): void {
    const view = Buffer.from(records.buffer, records.byteOffset, records.byteLength);
    let at = 0;
    while (at < view.length) {
      if (view.length - at < HEADER_BYTES || view.readInt8(at + MAGIC_OFFSET) !== 2) {
        this.clear();
        return;
      }
      const size = 12 + view.readInt32BE(at + 8);
      if (size < HEADER_BYTES || at + size > view.length) {
        this.clear();
        return;
      }
      const baseOffset = view.readBigInt64BE(at);
      this.push(
        baseOffset,
        baseOffset + BigInt(view.readInt32BE(at + LAST_OFFSET_DELTA_OFFSET)),
        position + at,
        size,
      );
      at += size;
    }
  }

  /**
   * The first batch whose last offset is >= `offset`, when the ring holds it for certain (the offset
   * is not below the oldest batch held) and it starts at or after `fromPosition`; else undefined.
   */
  find(offset: bigint, fromPosition = 0): LogOffsetPosition | undefined {
    if (this.count === 0) return undefined;
    const oldest = this.head;
    const newest = (this.head + this.count - 1) % CAPACITY;
    if (offset < (this.baseOffsets[oldest] as bigint) || offset > (this.lastOffsets[newest] as bigint)) {
      return undefined;
    }
    // Most lookups are for the newest batches: search from the end.
    let found = -1;
    for (let k = this.count - 1; k >= 0; k--) {
      const i = (this.head + k) % CAPACITY;
      if ((this.lastOffsets[i] as bigint) < offset) break;
      found = i;
    }
    if (found < 0) return undefined;
    const position = this.positions[found] as number;
    if (position < fromPosition) return undefined;
    return { offset: this.lastOffsets[found] as bigint, position, size: this.sizes[found] as number };
  }

  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  private push(baseOffset: bigint, lastOffset: bigint, position: number, size: number): void {
    const i = (this.head + this.count) % CAPACITY;
    this.baseOffsets[i] = baseOffset;
    this.lastOffsets[i] = lastOffset;
    this.positions[i] = position;
    this.sizes[i] = size;
    if (this.count < CAPACITY) this.count++;
    else this.head = (this.head + 1) % CAPACITY;
  }
}
