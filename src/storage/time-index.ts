/**
 * The time index of a segment (`.timeindex`, Kafka's `TimeIndex`): 12-byte entries of a timestamp
 * int64 and (offset − baseOffset) int32. An entry is added only when the timestamp is larger than the
 * last one, so both columns increase. The last slot is reserved for the entry written when the
 * segment becomes inactive, hence `isFull` one entry early.
 *
 * Lifecycle and concurrency: see AbstractIndex.
 */
import { AbstractIndex } from './abstract-index';
import { InvalidOffsetError } from './errors';

export const TIME_INDEX_ENTRY_SIZE = 12;
/** RecordBatch.NO_TIMESTAMP. */
export const NO_TIMESTAMP = -1n;

export interface TimestampOffset {
  readonly timestamp: bigint;
  readonly offset: bigint;
}

export class TimeIndex extends AbstractIndex {
  readonly entrySize = TIME_INDEX_ENTRY_SIZE;
  private cachedLast: TimestampOffset | undefined;

  private timestampAt(slot: number): bigint {
    return this.buf.readBigInt64BE(slot * TIME_INDEX_ENTRY_SIZE);
  }

  private relativeOffset(slot: number): number {
    return this.buf.readInt32BE(slot * TIME_INDEX_ENTRY_SIZE + 8);
  }

  protected validEntries(count: number): number {
    for (let i = 1; i < count; i++) {
      if (
        this.timestampAt(i) <= this.timestampAt(i - 1) ||
        this.relativeOffset(i) < this.relativeOffset(i - 1)
      ) {
        return i;
      }
    }
    return count;
  }

  override isFull(): boolean {
    return this.entries >= this.maxEntries - 1;
  }

  entry(n: number): TimestampOffset {
    if (n >= this.entries) {
      throw new RangeError(
        `Attempt to fetch the ${n}th entry from time index ${this.file} which has size ${this.entries}.`,
      );
    }
    return { timestamp: this.timestampAt(n), offset: this.baseOffset + BigInt(this.relativeOffset(n)) };
  }

  /** The last entry, or (NO_TIMESTAMP, baseOffset) when empty. */
  get lastEntry(): TimestampOffset {
    if (!this.cachedLast) {
      const n = this.entries;
      this.cachedLast = n === 0 ? { timestamp: NO_TIMESTAMP, offset: this.baseOffset } : this.entry(n - 1);
    }
    return this.cachedLast;
  }

  /**
   * Adds (timestamp, offset) when the timestamp is larger than the last entry's. `skipFullCheck` is
   * used for the final entry written when the segment rolls or closes.
   */
  maybeAppend(timestamp: bigint, offset: bigint, skipFullCheck = false): void {
    if (!skipFullCheck && this.isFull()) {
      throw new RangeError(`Attempt to append to a full time index (size = ${this.entries}).`);
    }
    const last = this.lastEntry;
    const n = this.entries;
    if (n !== 0 && offset < last.offset) {
      throw new InvalidOffsetError(
        `Attempt to append an offset (${offset}) to slot ${n} no larger than the last offset appended (${last.offset}) to ${this.file}.`,
      );
    }
    if (n !== 0 && timestamp < last.timestamp) {
      throw new InvalidOffsetError(
        `Attempt to append a timestamp (${timestamp}) to slot ${n} no larger than the last timestamp appended (${last.timestamp}) to ${this.file}.`,
      );
    }
    if (timestamp > last.timestamp) {
      const at = this.reserveEntry();
      this.buf.writeBigInt64BE(timestamp, at);
      this.buf.writeInt32BE(Number(offset - this.baseOffset), at + 8);
      this.cachedLast = { timestamp, offset };
    }
  }

  /** The last entry with a timestamp <= `target`, or (NO_TIMESTAMP, baseOffset). */
  lookup(target: bigint): TimestampOffset {
    const slot = this.largestLowerBoundSlot((s) => {
      const t = this.timestampAt(s);
      return t < target ? -1 : t > target ? 1 : 0;
    });
    return slot < 0 ? { timestamp: NO_TIMESTAMP, offset: this.baseOffset } : this.entry(slot);
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

  protected override truncateToEntries(n: number): void {
    super.truncateToEntries(n);
    this.cachedLast = undefined;
  }
}
