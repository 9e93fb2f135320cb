/**
 * The group coordinator of one broker (Kafka's GroupCoordinator): it coordinates the groups whose
 * `__consumer_offsets` partition this broker leads, loading them when it becomes that partition's
 * leader and dropping them when it stops. Requests for other groups get NOT_COORDINATOR, requests
 * for a partition still loading COORDINATOR_LOAD_IN_PROGRESS.
 *
 * The request logic lives in membership.ts (join, sync, leave, heartbeat) and group-admin.ts
 * (offsets, list, describe, delete); the timers in rebalance.ts; the cache and the log in
 * group-metadata-manager.ts. This class wires them and answers `validateGroupStatus`.
 *
 * Lifecycle: the constructor does no I/O; `startup(partitionCount)` activates it and schedules offset
 * expiry; `shutdown()` deactivates it and stops every timer (groups stay cached, as in Kafka). Runs on the event loop; every method finishes its state
 * change synchronously, and async results resolve after the write they wait for.
 */
import type { Clock, Scheduler } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { getLogger } from '../../common/logger';
import { ErrorCode } from '../../protocol';
import type { CoordinatorContext, GroupApi, GroupConfig } from './coordinator-context';
import type { CoordinatorLog } from './coordinator-log';
import * as admin from './group-admin';
import type { GroupOverview, GroupSummary } from './group-metadata';
import type { FetchedOffset, OffsetConfig, OffsetCommits } from './group-metadata-manager';
import { GroupMetadataManager } from './group-metadata-manager';
import type { TopicPartition } from './group-offsets';
import * as membership from './membership';
import type { JoinGroupResult, SyncGroupResult } from './member-metadata';
import { Rebalancer } from './rebalance';

export interface GroupCoordinatorOptions {
  brokerId: number;
  groupConfig: GroupConfig;
  offsetConfig: OffsetConfig;
  coordinatorLog: CoordinatorLog;
  clock: Clock;
  scheduler: Scheduler;
}

/** The APIs where an empty group id is valid (offsets, describe and delete keep working for ""). */
const EMPTY_ID_ALLOWED: ReadonlySet<GroupApi> = new Set([
  'OffsetCommit',
  'OffsetFetch',
  'DescribeGroups',
  'DeleteGroups',
]);

export class GroupCoordinator implements CoordinatorContext {
  readonly config: GroupConfig;
  readonly manager: GroupMetadataManager;
  readonly rebalancer: Rebalancer;
  readonly log: Logger;
  private active = false;

  constructor(readonly options: GroupCoordinatorOptions) {
    this.config = options.groupConfig;
    this.log = getLogger(
      'kafka.coordinator.group.GroupCoordinator',
      `[GroupCoordinator ${options.brokerId}]: `,
    );
    this.manager = new GroupMetadataManager(
      options.brokerId,
      options.offsetConfig,
      options.coordinatorLog,
      options.clock,
      options.scheduler,
    );
    this.rebalancer = new Rebalancer({
      manager: this.manager,
      scheduler: options.scheduler,
      log: this.log,
      groupInitialRebalanceDelayMs: options.groupConfig.groupInitialRebalanceDelayMs,
    });
  }

  get isActive(): boolean {
    return this.active;
  }

  startup(offsetsTopicPartitionCount: number, enableMetadataExpiration = true): void {
    this.log.info('Starting up.');
    this.manager.startup(offsetsTopicPartitionCount, enableMetadataExpiration);
    this.active = true;
    this.log.info('Startup complete.');
  }

  shutdown(): void {
    this.log.info('Shutting down.');
    this.active = false;
    this.manager.shutdown();
    for (const group of this.manager.currentGroups) this.rebalancer.cancelTimers(group);
    this.log.info('Shutdown complete.');
  }

  partitionFor(groupId: string): number {
    return this.manager.partitionFor(groupId);
  }

  validateGroupStatus(groupId: string, api: GroupApi): number | null {
    if (groupId === '' && !EMPTY_ID_ALLOWED.has(api)) return ErrorCode.INVALID_GROUP_ID;
    if (!this.active) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (this.manager.isGroupLoading(groupId)) return ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
    if (!this.manager.isGroupLocal(groupId)) return ErrorCode.NOT_COORDINATOR;
    return null;
  }

  /** This broker leads `__consumer_offsets-<partition>` at `epoch`: load its groups. */
  onElection(partition: number, epoch: number): void {
    this.log.info(`Elected as the group coordinator for partition ${partition} in epoch ${epoch}`);
    this.manager.scheduleLoadGroupAndOffsets(partition, epoch, (g) => this.rebalancer.onGroupLoaded(g));
  }

  /** This broker no longer leads the partition (epoch null: the replica was stopped). */
  onResignation(partition: number, epoch: number | null): void {
    this.log.info(
      `Resigned as the group coordinator for partition ${partition} in epoch ${epoch === null ? 'None' : `Some(${epoch})`}`,
    );
    this.manager.removeGroupsForPartition(partition, epoch, (g) => this.rebalancer.onGroupUnloaded(g));
  }

  handleJoinGroup(req: membership.JoinGroupRequestArgs): Promise<JoinGroupResult> {
    return membership.handleJoinGroup(this, req);
  }

  handleSyncGroup(req: membership.SyncGroupRequestArgs): Promise<SyncGroupResult> {
    return membership.handleSyncGroup(this, req);
  }

  handleLeaveGroup(
    groupId: string,
    members: readonly { memberId: string; groupInstanceId: string | null }[],
  ): { error: number; members: membership.LeaveMemberResult[] } {
    return membership.handleLeaveGroup(this, groupId, members);
  }

  handleHeartbeat(
    groupId: string,
    memberId: string,
    groupInstanceId: string | null,
    generationId: number,
  ): number {
    return membership.handleHeartbeat(this, groupId, memberId, groupInstanceId, generationId);
  }

  handleCommitOffsets(
    groupId: string,
    memberId: string,
    groupInstanceId: string | null,
    generationId: number,
    commits: OffsetCommits,
  ): Promise<Map<string, number>> {
    return admin.handleCommitOffsets(this, groupId, memberId, groupInstanceId, generationId, commits);
  }

  handleFetchOffsets(
    groupId: string,
    requireStable: boolean,
    tps: readonly TopicPartition[] | null,
  ): { error: number; offsets: FetchedOffset[] } {
    return admin.handleFetchOffsets(this, groupId, requireStable, tps);
  }

  handleListGroups(states: ReadonlySet<string>): { error: number; groups: GroupOverview[] } {
    return admin.handleListGroups(this, this.active, states);
  }

  handleDescribeGroup(groupId: string): { error: number; summary: GroupSummary } {
    return admin.handleDescribeGroup(this, groupId);
  }

  handleDeleteGroups(groupIds: readonly string[]): Map<string, number> {
    return admin.handleDeleteGroups(this, groupIds);
  }

  handleDeleteOffsets(
    groupId: string,
    tps: readonly TopicPartition[],
  ): { error: number; partitions: { tp: TopicPartition; error: number }[] } {
    return admin.handleDeleteOffsets(this, groupId, tps);
  }
}
