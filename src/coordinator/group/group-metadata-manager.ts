/**
 * The groups this broker coordinates and their home in `__consumer_offsets` (Kafka's
 * GroupMetadataManager): the group cache, which offsets partitions are owned or still loading, writes
 * of group metadata and offset commits (acks -1: answered once replicated), reads of committed
 * offsets, loading a partition when this broker becomes its leader and unloading it when it stops
 * being, tombstones for deleted groups and offsets, and the periodic expiry of old offsets.
 *
 * Lifecycle: `startup()` schedules the expiry task; `shutdown()` cancels it and stops loads.
 * Loads and unloads run as scheduled tasks in the order they were scheduled, each to completion.
 * Everything runs on the event loop; appends complete later, so callers re-check group state in
 * their continuations, as Kafka's callbacks do.
 */
import type { Cancellable, Clock, Scheduler } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { getLogger } from '../../common/logger';
import { GROUP_METADATA_TOPIC_NAME } from '../../admin/topic-validation';
import { buildRecordBatch, ErrorCode, errorName } from '../../protocol';
import type { CoordinatorLog } from './coordinator-log';
import { loadPartition, materializeGroups } from './group-loader';
import { storeGroupError, storeOffsetsError } from './append-errors';
import { GroupMetadata } from './group-metadata';
import { groupMetadataValue } from './group-metadata-value';
import type { TopicPartition } from './group-offsets';
import { topicPartitionKey } from './group-offsets';
import {
  encodeGroupMetadataKey,
  encodeOffsetCommitKey,
  encodeOffsetCommitValue,
  type OffsetAndMetadata,
} from './group-records';
import { partitionFor } from './partition-for';

export interface OffsetConfig {
  maxMetadataSize: number;
  loadBufferSize: number;
  offsetsRetentionMs: number;
  offsetsRetentionCheckIntervalMs: number;
  offsetsTopicNumPartitions: number;
  offsetCommitTimeoutMs: number;
  offsetCommitRequiredAcks: number;
}

export type OffsetCommits = Map<string, { tp: TopicPartition; offset: OffsetAndMetadata }>;

export interface FetchedOffset {
  tp: TopicPartition;
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  error: number;
}

export class GroupMetadataManager {
  private readonly cache = new Map<string, GroupMetadata>();
  private readonly owned = new Set<number>();
  private readonly loading = new Set<number>();
  private readonly epochForPartition = new Map<number, number>();
  private readonly log: Logger;
  private expiryTask: Cancellable | undefined;
  private shuttingDown = false;
  partitionCount: number;

  constructor(
    readonly brokerId: number,
    readonly config: OffsetConfig,
    private readonly coordinatorLog: CoordinatorLog,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
  ) {
    this.partitionCount = config.offsetsTopicNumPartitions;
    this.log = getLogger(
      'kafka.coordinator.group.GroupMetadataManager',
      `[GroupMetadataManager brokerId=${brokerId}] `,
    );
  }

  startup(partitionCount: number, enableMetadataExpiration = true): void {
    this.partitionCount = partitionCount;
    this.shuttingDown = false;
    if (enableMetadataExpiration && !this.expiryTask) {
      const period = this.config.offsetsRetentionCheckIntervalMs;
      this.expiryTask = this.scheduler.schedulePeriodic(period, period, () => this.cleanupExpiredOffsets());
    }
  }

  shutdown(): void {
    this.shuttingDown = true;
    this.expiryTask?.cancel();
    this.expiryTask = undefined;
  }

  get currentGroups(): GroupMetadata[] {
    return [...this.cache.values()];
  }
  partitionFor(groupId: string): number {
    return partitionFor(groupId, this.partitionCount);
  }
  isPartitionOwned(partition: number): boolean {
    return this.owned.has(partition);
  }
  isPartitionLoading(partition: number): boolean {
    return this.loading.has(partition);
  }
  isGroupLocal(groupId: string): boolean {
    return this.isPartitionOwned(this.partitionFor(groupId));
  }
  isGroupLoading(groupId: string): boolean {
    return this.isPartitionLoading(this.partitionFor(groupId));
  }
  get isLoading(): boolean {
    return this.loading.size > 0;
  }
  /** True when the group is local and does not exist (or is Dead). */
  groupNotExists(groupId: string): boolean {
    const g = this.cache.get(groupId);
    return this.isGroupLocal(groupId) && (g === undefined || g.is('Dead'));
  }

  getGroup(groupId: string): GroupMetadata | undefined {
    return this.cache.get(groupId);
  }

  getOrMaybeCreateGroup(groupId: string, createIfNotExist: boolean): GroupMetadata | undefined {
    return createIfNotExist ? this.getOrCreateGroup(groupId) : this.cache.get(groupId);
  }

  /** The cached group, or a new Empty one added to the cache. */
  getOrCreateGroup(groupId: string): GroupMetadata {
    return this.cache.get(groupId) ?? this.addGroup(new GroupMetadata(groupId, 'Empty', this.clock));
  }

  addGroup(group: GroupMetadata): GroupMetadata {
    const current = this.cache.get(group.groupId);
    if (current) return current;
    this.cache.set(group.groupId, group);
    return group;
  }

  private batchOf(records: { key: Buffer; value: Buffer | null }[]): Buffer {
    return buildRecordBatch({ records, baseTimestamp: BigInt(this.clock.now()) });
  }

  /** Writes the group's metadata with the given assignment; resolves with the SyncGroup error. */
  async storeGroup(group: GroupMetadata, assignment: ReadonlyMap<string, Buffer>): Promise<number> {
    const partition = this.partitionFor(group.groupId);
    if (!this.coordinatorLog.isLocal(partition)) return ErrorCode.NOT_COORDINATOR;
    const value = groupMetadataValue(group, assignment);
    const generation = group.generationId;
    const records = this.batchOf([{ key: encodeGroupMetadataKey(group.groupId), value }]);
    const result = await this.coordinatorLog.append(
      partition,
      records,
      this.config.offsetCommitRequiredAcks,
      this.config.offsetCommitTimeoutMs,
    );
    if (result.errorCode === ErrorCode.NONE) return ErrorCode.NONE;
    this.log.debug(
      `Metadata from group ${group.groupId} with generation ${generation} failed when appending to log due to ${errorName(result.errorCode)}`,
    );
    return storeGroupError(result.errorCode);
  }

  /** Appends offset commits and caches them once replicated; resolves with an error per partition. */
  async storeOffsets(
    group: GroupMetadata,
    consumerId: string,
    commits: OffsetCommits,
  ): Promise<Map<string, number>> {
    const valid = (o: OffsetAndMetadata): boolean => o.metadata.length <= this.config.maxMetadataSize;
    const filtered: OffsetCommits = new Map([...commits].filter(([, c]) => valid(c.offset)));
    const statusFor = (error: number): Map<string, number> =>
      new Map(
        [...commits].map(([k, c]) => [k, valid(c.offset) ? error : ErrorCode.OFFSET_METADATA_TOO_LARGE]),
      );
    if (filtered.size === 0) return statusFor(ErrorCode.OFFSET_METADATA_TOO_LARGE);
    const partition = this.partitionFor(group.groupId);
    if (!this.coordinatorLog.isLocal(partition)) return statusFor(ErrorCode.NOT_COORDINATOR);
    const records = this.batchOf(
      [...filtered.values()].map(({ tp, offset }) => ({
        key: encodeOffsetCommitKey(group.groupId, tp.topic, tp.partition),
        value: encodeOffsetCommitValue(offset),
      })),
    );
    group.offsets.prepareOffsetCommit(filtered);
    const result = await this.coordinatorLog.append(
      partition,
      records,
      this.config.offsetCommitRequiredAcks,
      this.config.offsetCommitTimeoutMs,
    );
    if (result.errorCode === ErrorCode.NONE) {
      if (!group.is('Dead')) {
        for (const { tp, offset } of filtered.values())
          group.offsets.onOffsetCommitAppend(tp, {
            appendedBatchOffset: result.baseOffset,
            offsetAndMetadata: offset,
          });
      }
      return statusFor(ErrorCode.NONE);
    }
    if (!group.is('Dead'))
      for (const { tp, offset } of filtered.values()) group.offsets.failPendingOffsetWrite(tp, offset);
    this.log.debug(
      `Offset commit from group ${group.groupId}, consumer ${consumerId} with generation ${group.generationId} failed when appending to log due to ${errorName(result.errorCode)}`,
    );
    return statusFor(storeOffsetsError(result.errorCode));
  }

  /** Committed offsets of the partitions (all the group has when `tps` is null); -1 when none. */
  getOffsets(
    groupId: string,
    requireStable: boolean,
    tps: readonly TopicPartition[] | null,
  ): FetchedOffset[] {
    const none = (tp: TopicPartition, error: number = ErrorCode.NONE): FetchedOffset => ({
      tp,
      offset: -1n,
      leaderEpoch: -1,
      metadata: '',
      error,
    });
    const group = this.cache.get(groupId);
    if (!group || group.is('Dead')) return (tps ?? []).map((tp) => none(tp));
    const wanted = tps ?? group.offsets.all().map((o) => o.tp);
    return wanted.map((tp) => {
      if (requireStable && group.offsets.hasPendingOffsetCommitsForTopicPartition(tp))
        return none(tp, ErrorCode.UNSTABLE_OFFSET_COMMIT);
      const o = group.offsets.offset(tp);
      if (!o) return none(tp);
      return {
        tp,
        offset: o.offset,
        leaderEpoch: o.leaderEpoch,
        metadata: o.metadata,
        error: ErrorCode.NONE,
      };
    });
  }

  /** Records the newest coordinator epoch; true when `epoch` is null or at least the newest. */
  private maybeUpdateCoordinatorEpoch(partition: number, epoch: number | null): boolean {
    const current = this.epochForPartition.get(partition);
    if (epoch !== null && (current === undefined || epoch > current))
      this.epochForPartition.set(partition, epoch);
    return epoch === null || epoch === this.epochForPartition.get(partition);
  }

  scheduleLoadGroupAndOffsets(
    partition: number,
    epoch: number,
    onGroupLoaded: (g: GroupMetadata) => void,
  ): void {
    const tp = `${GROUP_METADATA_TOPIC_NAME}-${partition}`;
    this.log.info(`Scheduling loading of offsets and group metadata from ${tp} for epoch ${epoch}`);
    const start = this.clock.now();
    if (!this.owned.has(partition)) this.loading.add(partition);
    this.scheduler.schedule(0, () => this.loadGroupsAndOffsets(partition, epoch, onGroupLoaded, start));
  }

  private loadGroupsAndOffsets(
    partition: number,
    epoch: number,
    onGroupLoaded: (g: GroupMetadata) => void,
    start: number,
  ): void {
    const tp = `${GROUP_METADATA_TOPIC_NAME}-${partition}`;
    if (!this.maybeUpdateCoordinatorEpoch(partition, epoch)) {
      this.log.info(
        `Not loading offsets and group metadata for ${tp} in epoch ${epoch} since current epoch is ${this.epochForPartition.get(partition)}`,
      );
      return;
    }
    if (this.owned.has(partition)) {
      this.log.info(`Already loading offsets and group metadata from ${tp}`);
      this.loading.delete(partition);
      return;
    }
    this.loading.add(partition);
    try {
      this.doLoadGroupsAndOffsets(partition, onGroupLoaded);
      const elapsed = this.clock.now() - start;
      this.log.info(
        `Finished loading offsets and group metadata from ${tp} in ${elapsed} milliseconds for epoch ${epoch}, of which 0 milliseconds was spent in the scheduler.`,
      );
    } catch (err) {
      this.log.error(`Error loading offsets from ${tp}`, err);
    } finally {
      this.owned.add(partition);
      this.loading.delete(partition);
    }
  }

  private doLoadGroupsAndOffsets(partition: number, onGroupLoaded: (g: GroupMetadata) => void): void {
    const log = this.coordinatorLog.openForLoad(partition);
    if (!log) {
      this.log.warn(
        `Attempted to load offsets and group metadata from ${GROUP_METADATA_TOPIC_NAME}-${partition}, but found no log`,
      );
      return;
    }
    const loaded = loadPartition(log, this.config.loadBufferSize, () => this.shuttingDown);
    for (const group of materializeGroups(loaded, this.clock, this.log)) {
      const current = this.addGroup(group);
      if (current !== group) {
        this.log.debug(
          `Attempt to load group ${group.groupId} from log with generation ${group.generationId} failed because there is already a cached group with generation ${current.generationId}`,
        );
        continue;
      }
      onGroupLoaded(group);
    }
  }

  /** This broker stops leading the partition: its groups leave the cache (after `onGroupUnloaded`). */
  removeGroupsForPartition(
    partition: number,
    epoch: number | null,
    onGroupUnloaded: (g: GroupMetadata) => void,
  ): void {
    const tp = `${GROUP_METADATA_TOPIC_NAME}-${partition}`;
    this.log.info(`Scheduling unloading of offsets and group metadata from ${tp}`);
    this.scheduler.schedule(0, () => {
      if (!this.maybeUpdateCoordinatorEpoch(partition, epoch)) {
        this.log.info(
          `Not removing offsets and group metadata for ${tp} in epoch ${epoch} since current epoch is ${this.epochForPartition.get(partition)}`,
        );
        return;
      }
      let groups = 0;
      let offsets = 0;
      this.owned.delete(partition);
      this.loading.delete(partition);
      for (const group of this.cache.values()) {
        if (this.partitionFor(group.groupId) !== partition) continue;
        onGroupUnloaded(group);
        this.cache.delete(group.groupId);
        groups++;
        offsets += group.offsets.size;
      }
      this.log.info(
        `Finished unloading ${tp} for coordinator epoch ${epoch ?? 'None'}. Removed ${offsets} cached offsets and ${groups} cached groups.`,
      );
    });
  }

  private cleanupExpiredOffsets(): void {
    const now = this.clock.now();
    const retention = BigInt(this.config.offsetsRetentionMs);
    const removed = this.cleanupGroupMetadata(this.currentGroups, (g) =>
      g.removeExpiredOffsets(BigInt(now), retention),
    );
    if (removed > 0)
      this.log.info(`Removed ${removed} expired offsets in ${this.clock.now() - now} milliseconds.`);
  }

  /**
   * Removes offsets chosen by `selector` from each group, turns groups that are Empty and have no
   * offsets left into Dead ones, and appends tombstones for what was removed. Returns how many
   * offsets were removed.
   */
  cleanupGroupMetadata(
    groups: readonly GroupMetadata[],
    selector: (g: GroupMetadata) => { tp: TopicPartition; offset: OffsetAndMetadata }[],
  ): number {
    let removedTotal = 0;
    for (const group of groups) {
      const removed = selector(group);
      if (group.is('Empty') && !group.offsets.hasOffsets) {
        this.log.info(`Group ${group.groupId} transitioned to Dead in generation ${group.generationId}`);
        group.transitionTo('Dead');
      }
      const partition = this.partitionFor(group.groupId);
      if (!this.coordinatorLog.isLocal(partition)) {
        this.log.info(
          `BrokerId ${this.brokerId} is no longer a coordinator for the group ${group.groupId}. Proceeding cleanup for other alive groups`,
        );
        continue;
      }
      const tombstones = removed.map(({ tp }) => ({
        key: encodeOffsetCommitKey(group.groupId, tp.topic, tp.partition),
        value: null,
      }));
      if (group.is('Dead') && this.cache.get(group.groupId) === group) {
        this.cache.delete(group.groupId);
        // A group that only ever stored offsets (generation 0) never wrote metadata to delete.
        if (group.generationId > 0)
          tombstones.push({ key: encodeGroupMetadataKey(group.groupId), value: null });
      }
      if (tombstones.length === 0) continue;
      removedTotal += removed.length;
      void this.coordinatorLog.append(partition, this.batchOf(tombstones), 0, 0).then((r) => {
        if (r.errorCode !== ErrorCode.NONE)
          this.log.error(
            `Failed to append ${tombstones.length} tombstones to ${GROUP_METADATA_TOPIC_NAME}-${partition} for expired/deleted offsets and/or metadata for group ${group.groupId}: ${errorName(r.errorCode)}`,
          );
      });
    }
    return removedTotal;
  }
}

export { topicPartitionKey };
