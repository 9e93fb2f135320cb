/**
 * The offset and administrative group requests (Kafka's GroupCoordinator.handleCommitOffsets,
 * handleFetchOffsets, handleDeleteOffsets, handleListGroups, handleDescribeGroup,
 * handleDeleteGroups): generation and member checks on commits (a simple consumer with generation -1
 * may commit to an Empty or unknown group), committed offsets for fetches, and deletion of empty
 * groups or of offsets of topics the group no longer consumes. Runs on the event loop.
 */
import { ErrorCode } from '../../protocol';
import type { CoordinatorContext } from './coordinator-context';
import type { GroupMetadata, GroupOverview, GroupSummary } from './group-metadata';
import type { FetchedOffset, OffsetCommits } from './group-metadata-manager';
import type { TopicPartition } from './group-offsets';

export const DEAD_GROUP: GroupSummary = { state: 'Dead', protocolType: '', protocol: '', members: [] };
export const EMPTY_GROUP: GroupSummary = { state: '', protocolType: '', protocol: '', members: [] };

const allWith = (commits: OffsetCommits, error: number): Map<string, number> =>
  new Map([...commits.keys()].map((k) => [k, error]));

export async function handleCommitOffsets(
  ctx: CoordinatorContext,
  groupId: string,
  memberId: string,
  groupInstanceId: string | null,
  generationId: number,
  commits: OffsetCommits,
): Promise<Map<string, number>> {
  const error = ctx.validateGroupStatus(groupId, 'OffsetCommit');
  if (error !== null) return allWith(commits, error);
  let group = ctx.manager.getGroup(groupId);
  if (!group) {
    // Not using group management (generation -1): allowed; otherwise an old generation.
    if (generationId >= 0) return allWith(commits, ErrorCode.ILLEGAL_GENERATION);
    group = ctx.manager.getOrCreateGroup(groupId);
  }
  if (group.is('Dead')) return allWith(commits, ErrorCode.COORDINATOR_NOT_AVAILABLE);
  if (group.isStaticMemberFenced(memberId, groupInstanceId))
    return allWith(commits, ErrorCode.FENCED_INSTANCE_ID);
  if (generationId < 0 && group.is('Empty')) return ctx.manager.storeOffsets(group, memberId, commits);
  if (!group.has(memberId)) return allWith(commits, ErrorCode.UNKNOWN_MEMBER_ID);
  if (generationId !== group.generationId) return allWith(commits, ErrorCode.ILLEGAL_GENERATION);
  switch (group.currentState) {
    case 'Stable':
    case 'PreparingRebalance':
      // Commits during PreparingRebalance are allowed; the heartbeat tells the member to rejoin.
      ctx.rebalancer.completeAndScheduleNextHeartbeatExpiration(group, group.get(memberId));
      return ctx.manager.storeOffsets(group, memberId, commits);
    case 'CompletingRebalance':
      return allWith(commits, ErrorCode.REBALANCE_IN_PROGRESS);
    default:
      return allWith(commits, ErrorCode.UNKNOWN_SERVER_ERROR);
  }
}

/** Committed offsets of the partitions, or of every partition the group has (`tps` null). */
export function handleFetchOffsets(
  ctx: CoordinatorContext,
  groupId: string,
  requireStable: boolean,
  tps: readonly TopicPartition[] | null,
): { error: number; offsets: FetchedOffset[] } {
  const error = ctx.validateGroupStatus(groupId, 'OffsetFetch');
  if (error !== null) return { error, offsets: [] };
  return { error: ErrorCode.NONE, offsets: ctx.manager.getOffsets(groupId, requireStable, tps) };
}

export function handleListGroups(
  ctx: CoordinatorContext,
  isActive: boolean,
  states: ReadonlySet<string>,
): { error: number; groups: GroupOverview[] } {
  if (!isActive) return { error: ErrorCode.COORDINATOR_NOT_AVAILABLE, groups: [] };
  const error = ctx.manager.isLoading ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : ErrorCode.NONE;
  const groups = ctx.manager.currentGroups
    .filter((g) => states.size === 0 || states.has(g.currentState))
    .map((g) => g.overview());
  return { error, groups };
}

export function handleDescribeGroup(
  ctx: CoordinatorContext,
  groupId: string,
): { error: number; summary: GroupSummary } {
  const error = ctx.validateGroupStatus(groupId, 'DescribeGroups');
  if (error !== null) return { error, summary: EMPTY_GROUP };
  const group = ctx.manager.getGroup(groupId);
  return { error: ErrorCode.NONE, summary: group ? group.summary() : DEAD_GROUP };
}

function missingGroupError(ctx: CoordinatorContext, groupId: string): number {
  return ctx.manager.groupNotExists(groupId) ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.NOT_COORDINATOR;
}

export function handleDeleteGroups(
  ctx: CoordinatorContext,
  groupIds: readonly string[],
): Map<string, number> {
  const errors = new Map<string, number>();
  const eligible: GroupMetadata[] = [];
  for (const groupId of groupIds) {
    const error = ctx.validateGroupStatus(groupId, 'DeleteGroups');
    if (error !== null) {
      errors.set(groupId, error);
      continue;
    }
    const group = ctx.manager.getGroup(groupId);
    if (!group || group.is('Dead')) errors.set(groupId, missingGroupError(ctx, groupId));
    else if (group.is('Empty')) {
      group.transitionTo('Dead');
      eligible.push(group);
    } else errors.set(groupId, ErrorCode.NON_EMPTY_GROUP);
  }
  if (eligible.length > 0) {
    const removed = ctx.manager.cleanupGroupMetadata(eligible, (g) => g.offsets.removeAll());
    for (const g of eligible) errors.set(g.groupId, ErrorCode.NONE);
    ctx.log.info(
      `The following groups were deleted: ${eligible.map((g) => g.groupId).join(', ')}. A total of ${removed} offsets were removed.`,
    );
  }
  return errors;
}

/** OffsetDelete: a group error, or an error per partition. */
export function handleDeleteOffsets(
  ctx: CoordinatorContext,
  groupId: string,
  tps: readonly TopicPartition[],
): { error: number; partitions: { tp: TopicPartition; error: number }[] } {
  const error = ctx.validateGroupStatus(groupId, 'OffsetDelete');
  if (error !== null) return { error, partitions: [] };
  const group = ctx.manager.getGroup(groupId);
  if (!group || group.is('Dead')) return { error: missingGroupError(ctx, groupId), partitions: [] };
  let eligible: readonly TopicPartition[] = [];
  const partitions: { tp: TopicPartition; error: number }[] = [];
  if (group.is('Empty')) eligible = tps;
  else if (group.isConsumerGroup) {
    eligible = tps.filter((tp) => !group.isSubscribedToTopic(tp.topic));
    for (const tp of tps)
      if (group.isSubscribedToTopic(tp.topic))
        partitions.push({ tp, error: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC });
  } else return { error: ErrorCode.NON_EMPTY_GROUP, partitions: [] };
  if (eligible.length > 0) {
    const removed = ctx.manager.cleanupGroupMetadata([group], (g) => g.offsets.remove(eligible));
    for (const tp of eligible) partitions.push({ tp, error: ErrorCode.NONE });
    ctx.log.info(
      `The following offsets of the group ${groupId} were deleted: ${eligible.map((tp) => `${tp.topic}-${tp.partition}`).join(', ')}. A total of ${removed} offsets were removed.`,
    );
  }
  return { error: ErrorCode.NONE, partitions };
}
