/**
 * The segments of one log, ordered by base offset (Kafka keeps a ConcurrentSkipListMap). Segment
 * counts are small, so a sorted array with binary search is enough; the last segment is the active
 * one. Lifecycle: built from the loaded segments, then changed by rolls, truncation and retention
 * through its owning LocalLog. Concurrency: synchronous, single-threaded; never shared.
 */
import type { LogSegment } from './log-segment';

export class LogSegmentList {
  private list: LogSegment[];

  constructor(segments: readonly LogSegment[]) {
    this.list = [...segments].sort((a, b) =>
      a.baseOffset < b.baseOffset ? -1 : a.baseOffset > b.baseOffset ? 1 : 0,
    );
  }

  /** All segments, oldest first (a live view: copy before mutating the list while iterating). */
  get all(): readonly LogSegment[] {
    return this.list;
  }

  get length(): number {
    return this.list.length;
  }

  get first(): LogSegment {
    const s = this.list[0];
    if (!s) throw new Error('The log has no segments');
    return s;
  }

  /** The segment taking appends. */
  get active(): LogSegment {
    const s = this.list[this.list.length - 1];
    if (!s) throw new Error('The log has no segments');
    return s;
  }

  at(index: number): LogSegment | undefined {
    return this.list[index];
  }

  get(baseOffset: bigint): LogSegment | undefined {
    const i = this.floorIndex(baseOffset);
    const s = this.list[i];
    return s && s.baseOffset === baseOffset ? s : undefined;
  }

  /** Index of the last segment with baseOffset <= offset, or -1. */
  floorIndex(offset: bigint): number {
    let lo = 0;
    let hi = this.list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.list[mid] as LogSegment).baseOffset <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  floor(offset: bigint): LogSegment | undefined {
    return this.list[this.floorIndex(offset)];
  }

  /** Kafka's `logSegments(from, to)`: from the segment holding `from` to the last one starting below `to`. */
  range(from: bigint, to: bigint): LogSegment[] {
    if (from === to) return [];
    if (to < from)
      throw new RangeError(
        `Invalid log segment range: requested segments from offset ${from} which is greater than limit offset ${to}`,
      );
    const start = Math.max(0, this.floorIndex(from));
    const out: LogSegment[] = [];
    for (let i = start; i < this.list.length; i++) {
      const s = this.list[i] as LogSegment;
      if (s.baseOffset >= to) break;
      out.push(s);
    }
    return out;
  }

  add(segment: LogSegment): void {
    const last = this.list[this.list.length - 1];
    if (!last || last.baseOffset < segment.baseOffset) this.list.push(segment);
    else {
      this.list = this.list.filter((s) => s.baseOffset !== segment.baseOffset);
      this.list.splice(this.floorIndex(segment.baseOffset) + 1, 0, segment);
    }
  }

  remove(segment: LogSegment): void {
    this.list = this.list.filter((s) => s !== segment);
  }
}
