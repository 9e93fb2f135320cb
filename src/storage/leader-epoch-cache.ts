/**
 * The leader epoch cache of one partition (Kafka's `LeaderEpochFileCache`): for every leader epoch
 * that wrote data, the first offset it wrote. Followers use it to find where their log diverges from
 * the leader's (OffsetsForLeaderEpoch, or the diverging epoch of Fetch v12+).
 *
 * Lifecycle: built by {@link LeaderEpochFileCache.load} from `leader-epoch-checkpoint` when the log is
 * loaded; every change that alters the entries rewrites the checkpoint file atomically before
 * returning. Concurrency: owned by its Log; all calls are synchronous on Node's single thread.
 */
import type { EpochEntry, LeaderEpochCheckpoint } from './checkpoints';
import { getLogger, type Logger } from '../common/logger';

export const UNDEFINED_EPOCH = -1;
export const UNDEFINED_EPOCH_OFFSET = -1n;

/** The answer to "where does epoch E end?". */
export interface EpochEndOffset {
  /** The largest epoch <= the requested one that the cache knows, or UNDEFINED_EPOCH. */
  readonly epoch: number;
  /** Start offset of the next higher epoch, the log end offset for the latest epoch, or -1. */
  readonly endOffset: bigint;
}

const entryString = (e: EpochEntry): string => `EpochEntry(epoch=${e.epoch}, startOffset=${e.startOffset})`;

export class LeaderEpochFileCache {
  /** Entries in increasing epoch order (and increasing start offset). */
  private epochs: EpochEntry[] = [];
  private readonly log: Logger;

  constructor(
    readonly topicPartition: string,
    private readonly logEndOffset: () => bigint,
    private readonly checkpoint: LeaderEpochCheckpoint,
  ) {
    this.log = getLogger('kafka.server.epoch.LeaderEpochFileCache', `[LeaderEpochCache ${topicPartition}] `);
  }

  /** Reads the checkpoint (throws on a malformed file) and builds the cache. */
  static load(
    topicPartition: string,
    logEndOffset: () => bigint,
    checkpoint: LeaderEpochCheckpoint,
  ): LeaderEpochFileCache {
    const cache = new LeaderEpochFileCache(topicPartition, logEndOffset, checkpoint);
    for (const e of checkpoint.read()) cache.assignEntry(e);
    return cache;
  }

  /**
   * Records that `epoch` started at `startOffset` and persists the cache when that changed it.
   * Entries for the same or a later epoch, or at the same or a later offset, are dropped first.
   */
  assign(epoch: number, startOffset: bigint): void {
    if (this.assignEntry({ epoch, startOffset })) {
      this.log.debug(
        `Appended new epoch entry ${entryString({ epoch, startOffset })}. Cache now contains ${this.epochs.length} entries.`,
      );
      this.flush();
    }
  }

  private assignEntry(entry: EpochEntry): boolean {
    if (entry.epoch < 0 || entry.startOffset < 0n) {
      throw new RangeError(`Received invalid partition leader epoch entry ${entryString(entry)}`);
    }
    const last = this.latestEntry;
    if (last && entry.epoch === last.epoch && entry.startOffset >= last.startOffset) return false;
    const removed: EpochEntry[] = [];
    for (;;) {
      const tail = this.epochs[this.epochs.length - 1];
      if (!tail || (tail.epoch < entry.epoch && tail.startOffset < entry.startOffset)) break;
      removed.unshift(tail);
      this.epochs.pop();
    }
    this.epochs.push(entry);
    const first = removed[0];
    if (removed.length > 1 || (first && first.startOffset !== entry.startOffset)) {
      this.log.warn(
        `New epoch entry ${entryString(entry)} caused truncation of conflicting entries ` +
          `ListBuffer(${removed.map(entryString).join(', ')}). Cache now contains ${this.epochs.length} entries.`,
      );
    }
    return true;
  }

  get nonEmpty(): boolean {
    return this.epochs.length > 0;
  }

  get latestEntry(): EpochEntry | undefined {
    return this.epochs[this.epochs.length - 1];
  }

  /** The latest epoch that wrote data, if any. */
  get latestEpoch(): number | undefined {
    return this.latestEntry?.epoch;
  }

  /** The epoch before the latest one, if any. */
  get previousEpoch(): number | undefined {
    return this.epochs[this.epochs.length - 2]?.epoch;
  }

  get earliestEntry(): EpochEntry | undefined {
    return this.epochs[0];
  }

  /** A copy of the entries, oldest first. */
  epochEntries(): EpochEntry[] {
    return [...this.epochs];
  }

  /**
   * Kafka's `endOffsetFor`: the largest known epoch <= `requestedEpoch` and the offset where it ended
   * (the start of the next epoch, or the log end offset for the latest epoch). An epoch below every
   * known one answers (requestedEpoch, start of the first epoch); anything unknowable answers (-1, -1).
   */
  endOffsetFor(requestedEpoch: number): EpochEndOffset {
    let result: EpochEndOffset;
    if (requestedEpoch === UNDEFINED_EPOCH) {
      result = { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    } else if (this.latestEpoch === requestedEpoch) {
      result = { epoch: requestedEpoch, endOffset: this.logEndOffset() };
    } else {
      const higherIndex = this.epochs.findIndex((e) => e.epoch > requestedEpoch);
      const higher = higherIndex >= 0 ? this.epochs[higherIndex] : undefined;
      const floor = higherIndex > 0 ? this.epochs[higherIndex - 1] : undefined;
      if (!higher) result = { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
      else if (!floor) result = { epoch: requestedEpoch, endOffset: higher.startOffset };
      else result = { epoch: floor.epoch, endOffset: higher.startOffset };
    }
    this.log.debug(
      `Processed end offset request for epoch ${requestedEpoch} and returning epoch ${result.epoch} ` +
        `with end offset ${result.endOffset} from epoch cache of size ${this.epochs.length}`,
    );
    return result;
  }

  /** Removes every entry starting at or after `endOffset` (after the log was truncated to it). */
  truncateFromEnd(endOffset: bigint): void {
    const last = this.latestEntry;
    if (endOffset < 0n || !last || last.startOffset < endOffset) return;
    const before = this.epochs.length;
    this.epochs = this.epochs.filter((e) => e.startOffset < endOffset);
    this.flush();
    this.log.debug(
      `Cleared ${before - this.epochs.length} entries from epoch cache after truncating to end offset ` +
        `${endOffset}, leaving ${this.epochs.length} entries in the cache.`,
    );
  }

  /**
   * Drops entries that start at or before `startOffset`, keeping the last of them moved up to
   * `startOffset` (after the log start offset moved). truncateFromStart(6) keeps an entry at 6.
   */
  truncateFromStart(startOffset: bigint): void {
    let n = 0;
    while (n < this.epochs.length && (this.epochs[n]?.startOffset ?? 0n) <= startOffset) n++;
    const lastRemoved = this.epochs[n - 1];
    if (!lastRemoved) return;
    this.epochs = [{ epoch: lastRemoved.epoch, startOffset }, ...this.epochs.slice(n)];
    this.flush();
    this.log.debug(
      `Cleared ${n} entries and rewrote first entry ${entryString({ epoch: lastRemoved.epoch, startOffset })} ` +
        `after truncating to start offset ${startOffset}, leaving ${this.epochs.length} in the cache.`,
    );
  }

  /** Removes every entry and persists the empty cache. */
  clearAndFlush(): void {
    this.epochs = [];
    this.flush();
  }

  /** Removes every entry without touching the file (the log is being deleted). */
  clear(): void {
    this.epochs = [];
  }

  private flush(): void {
    this.checkpoint.write(this.epochs);
  }
}
