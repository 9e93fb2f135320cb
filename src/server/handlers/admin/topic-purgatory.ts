/**
 * Kafka's topic purgatory (`ZkAdminManager.topicPurgatory`): CreateTopics, CreatePartitions and
 * DeleteTopics wait here, keyed by topic, until this broker's MetadataCache shows the outcome (every
 * partition with a leader, or the topic gone) or the request's timeout passes. Every metadata update
 * re-checks the operations watching the topics it may have touched.
 *
 * Lifecycle: built once per broker with its handlers; lives as long as the metadata cache.
 * Single-threaded (the event loop), like the Purgatory it wraps.
 */
import type { Scheduler } from '../../../common/clock';
import { DelayedOperation, Purgatory } from '../../../replication/purgatory';
import type { MetadataCache } from '../../metadata-cache';

/** The leader Kafka stores for a partition without one (`LeaderAndIsr.NoLeader`). */
const NO_LEADER = -1;

/** An operation that completes once `isDone()` holds; `onDone(timedOut)` then runs once. */
export class DelayedTopicOperation extends DelayedOperation {
  constructor(
    delayMs: number,
    private readonly isDone: () => boolean,
    private readonly onDone: () => void,
  ) {
    super(delayMs);
  }

  tryComplete(): boolean {
    return this.isDone() ? this.forceComplete() : false;
  }

  protected onComplete(): void {
    this.onDone();
  }
}

/** True when the cache has no partition info, or no leader, for the partition. */
export function isMissingLeader(cache: MetadataCache, topic: string, partition: number): boolean {
  const info = cache.partition(topic, partition);
  return info === undefined || info.leader === NO_LEADER;
}

/** How many of the topic's given partitions have no leader in the cache yet. */
export function missingLeaderCount(
  cache: MetadataCache,
  topic: string,
  partitions: Iterable<number>,
): number {
  let count = 0;
  for (const p of partitions) if (isMissingLeader(cache, topic, p)) count += 1;
  return count;
}

export class TopicPurgatory {
  private readonly purgatory: Purgatory<DelayedTopicOperation>;
  private readonly watchedTopics = new Set<string>();

  constructor(cache: MetadataCache, scheduler: Scheduler) {
    this.purgatory = new Purgatory<DelayedTopicOperation>('topic', scheduler);
    cache.onUpdate(() => this.checkAll());
  }

  /**
   * Resolves once `isDone()` holds or `timeoutMs` has passed (check again in the caller to tell
   * which). Completes at once when it already holds.
   */
  waitUntil(timeoutMs: number, topics: readonly string[], isDone: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const op = new DelayedTopicOperation(timeoutMs, isDone, resolve);
      if (!this.purgatory.tryCompleteElseWatch(op, [...topics]))
        for (const t of topics) this.watchedTopics.add(t);
    });
  }

  /** Number of topics some operation still waits on (for tests). */
  get pendingTopics(): number {
    return this.watchedTopics.size;
  }

  private checkAll(): void {
    for (const topic of [...this.watchedTopics]) {
      this.purgatory.checkAndComplete(topic);
      if (this.purgatory.watched(topic) === 0) this.watchedTopics.delete(topic);
    }
  }
}
