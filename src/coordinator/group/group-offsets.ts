/**
 * A group's committed offsets (the offsets half of Kafka's GroupMetadata): the cache of committed
 * offsets, each with the log offset of the batch that carried it (so the newest write wins even when
 * loading out of order), and the commits still waiting for their append to be replicated.
 * Owned by one GroupMetadata; used on the event loop only.
 */
import type { OffsetAndMetadata } from './group-records';

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** A committed offset and the base offset of the `__consumer_offsets` batch it came from. */
export interface CommitRecordMetadataAndOffset {
  appendedBatchOffset: bigint | null;
  offsetAndMetadata: OffsetAndMetadata;
}

const keyOf = (tp: TopicPartition): string => `${tp.partition}:${tp.topic}`;

function sameOffset(a: OffsetAndMetadata, b: OffsetAndMetadata): boolean {
  return (
    a.offset === b.offset &&
    a.leaderEpoch === b.leaderEpoch &&
    a.metadata === b.metadata &&
    a.commitTimestamp === b.commitTimestamp &&
    a.expireTimestamp === b.expireTimestamp
  );
}

export class GroupOffsets {
  private readonly offsets = new Map<string, { tp: TopicPartition; commit: CommitRecordMetadataAndOffset }>();
  private readonly pending = new Map<string, { tp: TopicPartition; offset: OffsetAndMetadata }>();

  /** Loaded offsets (Kafka's initializeOffsets). */
  initialize(
    loaded: ReadonlyMap<string, { tp: TopicPartition; commit: CommitRecordMetadataAndOffset }>,
  ): void {
    for (const [k, v] of loaded) this.offsets.set(k, v);
  }

  /** Commits about to be appended: they count as pending until the append completes or fails. */
  prepareOffsetCommit(commits: ReadonlyMap<string, { tp: TopicPartition; offset: OffsetAndMetadata }>): void {
    for (const [k, v] of commits) this.pending.set(k, v);
  }

  /** The append of a commit succeeded: cache it unless a newer write is already cached. */
  onOffsetCommitAppend(tp: TopicPartition, commit: CommitRecordMetadataAndOffset): void {
    const k = keyOf(tp);
    const pending = this.pending.get(k);
    if (pending) {
      const current = this.offsets.get(k);
      const older =
        current === undefined ||
        (current.commit.appendedBatchOffset ?? -1n) < (commit.appendedBatchOffset ?? -1n);
      if (older) this.offsets.set(k, { tp, commit });
      if (sameOffset(pending.offset, commit.offsetAndMetadata)) this.pending.delete(k);
    }
  }

  /** The append of a commit failed: forget it if it is still the pending one. */
  failPendingOffsetWrite(tp: TopicPartition, offset: OffsetAndMetadata): void {
    const k = keyOf(tp);
    const pending = this.pending.get(k);
    if (pending && sameOffset(pending.offset, offset)) this.pending.delete(k);
  }

  hasPendingOffsetCommitsForTopicPartition(tp: TopicPartition): boolean {
    return this.pending.has(keyOf(tp));
  }

  offset(tp: TopicPartition): OffsetAndMetadata | undefined {
    return this.offsets.get(keyOf(tp))?.commit.offsetAndMetadata;
  }

  /** Every cached offset. */
  all(): { tp: TopicPartition; offset: OffsetAndMetadata }[] {
    return [...this.offsets.values()].map((v) => ({ tp: v.tp, offset: v.commit.offsetAndMetadata }));
  }

  get size(): number {
    return this.offsets.size;
  }

  get hasOffsets(): boolean {
    return this.offsets.size > 0 || this.pending.size > 0;
  }

  /** Removes the partitions' cached and pending offsets; returns the cached ones removed. */
  remove(tps: readonly TopicPartition[]): { tp: TopicPartition; offset: OffsetAndMetadata }[] {
    const removed: { tp: TopicPartition; offset: OffsetAndMetadata }[] = [];
    for (const tp of tps) {
      const k = keyOf(tp);
      this.pending.delete(k);
      const v = this.offsets.get(k);
      if (v) {
        this.offsets.delete(k);
        removed.push({ tp: v.tp, offset: v.commit.offsetAndMetadata });
      }
    }
    return removed;
  }

  removeAll(): { tp: TopicPartition; offset: OffsetAndMetadata }[] {
    return this.remove([...this.offsets.values()].map((v) => v.tp));
  }

  /**
   * Removes offsets past retention: those with an explicit expire timestamp expire at it; the others
   * `retentionMs` after `baseTimestamp(offset)`. Topics in `keepTopics` and pending commits are kept.
   */
  removeExpired(
    now: bigint,
    retentionMs: bigint,
    baseTimestamp: (o: OffsetAndMetadata) => bigint,
    keepTopics: ReadonlySet<string> = new Set(),
  ): { tp: TopicPartition; offset: OffsetAndMetadata }[] {
    const expired = [...this.offsets.entries()].filter(([k, v]) => {
      if (keepTopics.has(v.tp.topic) || this.pending.has(k)) return false;
      const o = v.commit.offsetAndMetadata;
      return o.expireTimestamp === null ? now - baseTimestamp(o) >= retentionMs : now >= o.expireTimestamp;
    });
    for (const [k] of expired) this.offsets.delete(k);
    return expired.map(([, v]) => ({ tp: v.tp, offset: v.commit.offsetAndMetadata }));
  }
}

export { keyOf as topicPartitionKey };
