/**
 * The sparse offset index of a segment (`.index`, Kafka's `OffsetIndex`): 8-byte entries of
 * (offset − baseOffset) int32 and byte position in the `.log` int32, both increasing. A lookup gives
 * the last entry at or before an offset; the log is then scanned forward from that position.
 *
 * Lifecycle and concurrency: see AbstractIndex.
 */
import { AbstractIndex } from './abstract-index';
import { InvalidOffsetError } from './errors';

export const OFFSET_INDEX_ENTRY_SIZE = 8;
const INT32_MAX = 2147483647n;

/** An offset and the byte position of the batch the index points at. */
export interface OffsetPosition {
  readonly offset: bigint;
  readonly position: number;
}

export class OffsetIndex extends AbstractIndex {
  readonly entrySize = OFFSET_INDEX_ENTRY_SIZE;

  private relativeOffset(slot: number): number {
    return this.buf.readInt32BE(slot * OFFSET_INDEX_ENTRY_SIZE);
  }

  private physical(slot: number): number {
    return this.buf.readInt32BE(slot * OFFSET_INDEX_ENTRY_SIZE + 4);
  }

  protected validEntries(count: number): number {
    let prevOffset = -1;
    let prevPosition = 0;
    for (let i = 0; i < count; i++) {
      const rel = this.relativeOffset(i);
      const pos = this.physical(i);
      // Entries strictly increase and the first one never points at byte 0: zeros are padding.
      if (rel <= prevOffset || pos <= prevPosition) return i;
      prevOffset = rel;
      prevPosition = pos;
    }
    return count;
  }

  /** Whether `offset` fits the index's int32 relative offsets. */
  canAppendOffset(offset: bigint): boolean {
    const rel = offset - this.baseOffset;
    return rel >= 0n && rel <= INT32_MAX;
  }

  /** The n-th entry. */
  entry(n: number): OffsetPosition {
    if (n >= this.entries) {
      throw new RangeError(
        `Attempt to fetch the ${n}th entry from index ${this.file}, which has size ${this.entries}.`,
      );
    }
    return { offset: this.baseOffset + BigInt(this.relativeOffset(n)), position: this.physical(n) };
  }

  /** The offset of the last entry, or the base offset when empty. */
  get lastOffset(): bigint {
    const n = this.entries;
    return n === 0 ? this.baseOffset : this.baseOffset + BigInt(this.relativeOffset(n - 1));
  }

  /** Adds (offset, position); the offset must be larger than the last one. */
  append(offset: bigint, position: number): void {
    if (this.isFull()) throw new RangeError(`Attempt to append to a full index (size = ${this.entries}).`);
    const n = this.entries;
    if (n > 0 && offset <= this.lastOffset) {
      throw new InvalidOffsetError(
        `Attempt to append an offset (${offset}) to position ${n} no larger than the last offset appended (${this.lastOffset}) to ${this.file}.`,
      );
    }
    if (!this.canAppendOffset(offset)) {
      throw new InvalidOffsetError(`Integer overflow for offset: ${offset} (${this.file})`);
    }
    const at = this.reserveEntry();
    this.buf.writeInt32BE(Number(offset - this.baseOffset), at);
    this.buf.writeInt32BE(position, at + 4);
  }

  /** The last entry at or before `targetOffset`, or (baseOffset, 0) when there is none. */
  lookup(targetOffset: bigint): OffsetPosition {
    const rel = targetOffset - this.baseOffset;
    const slot = this.largestLowerBoundSlot((s) => {
      const d = BigInt(this.relativeOffset(s)) - rel;
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    });
    return slot < 0 ? { offset: this.baseOffset, position: 0 } : this.entry(slot);
  }

  /** Removes entries for offsets >= `offset`. */
  truncateTo(offset: bigint): void {
    const rel = offset - this.baseOffset;
    const slot = this.largestLowerBoundSlot((s) => {
      const d = BigInt(this.relativeOffset(s)) - rel;
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    });
    let keep: number;
    if (slot < 0) keep = 0;
    else if (BigInt(this.relativeOffset(slot)) === rel) keep = slot;
    else keep = slot + 1;
    this.truncateToEntries(keep);
  }
}
