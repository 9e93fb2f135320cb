/**
 * What the coordinator's request logic (membership.ts, group-admin.ts) shares: settings, the group
 * cache, the timers, the logger, and the check every group request starts with.
 */
import type { Logger } from '../../common/logger';
import type { GroupMetadataManager } from './group-metadata-manager';
import type { Rebalancer } from './rebalance';

export interface GroupConfig {
  groupMinSessionTimeoutMs: number;
  groupMaxSessionTimeoutMs: number;
  groupMaxSize: number;
  groupInitialRebalanceDelayMs: number;
}

/** The group APIs, for validateGroupStatus (some accept the empty group id). */
export type GroupApi =
  | 'JoinGroup'
  | 'SyncGroup'
  | 'Heartbeat'
  | 'LeaveGroup'
  | 'OffsetCommit'
  | 'OffsetFetch'
  | 'OffsetDelete'
  | 'DescribeGroups'
  | 'DeleteGroups';

export interface CoordinatorContext {
  readonly config: GroupConfig;
  readonly manager: GroupMetadataManager;
  readonly rebalancer: Rebalancer;
  readonly log: Logger;
  /**
   * INVALID_GROUP_ID, COORDINATOR_NOT_AVAILABLE (not started), COORDINATOR_LOAD_IN_PROGRESS or
   * NOT_COORDINATOR; null when the request may proceed.
   */
  validateGroupStatus(groupId: string, api: GroupApi): number | null;
}

/** Scala's Option rendering, for log lines that print one. */
export function scalaOption(v: string | null): string {
  return v === null ? 'None' : `Some(${v})`;
}
