/**
 * Group membership requests (Kafka's GroupCoordinator.handleJoinGroup, handleSyncGroup,
 * handleLeaveGroup, handleHeartbeat): joining with and without a member id (MEMBER_ID_REQUIRED from
 * JoinGroup v4), static members, session-timeout bounds, group size limits, the leader's
 * assignment being stored and handed out, leaving, and heartbeats that tell members to rejoin.
 * JoinGroup and SyncGroup resolve when the rebalance reaches them. Runs on the event loop.
 */
import { ErrorCode } from '../../protocol';
import type { CoordinatorContext } from './coordinator-context';
import { scalaOption } from './coordinator-context';
import type { GroupMetadata } from './group-metadata';
import type { JoinCallback, JoinGroupResult, Protocol, SyncGroupResult } from './member-metadata';
import { joinError, MemberMetadata, syncError } from './member-metadata';
import { NEW_MEMBER_JOIN_TIMEOUT_MS } from './rebalance';

export interface JoinGroupRequestArgs {
  groupId: string;
  memberId: string;
  groupInstanceId: string | null;
  /** JoinGroup v4+ without a group instance id: a first join gets MEMBER_ID_REQUIRED. */
  requireKnownMemberId: boolean;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  protocolType: string;
  protocols: Protocol[];
}

export interface SyncGroupRequestArgs {
  groupId: string;
  generationId: number;
  memberId: string;
  protocolType: string | null;
  protocolName: string | null;
  groupInstanceId: string | null;
  assignments: ReadonlyMap<string, Buffer>;
}

export interface LeaveMemberResult {
  memberId: string;
  groupInstanceId: string | null;
  error: number;
}

const UNKNOWN_MEMBER_ID = '';

function acceptJoiningMember(ctx: CoordinatorContext, group: GroupMetadata, memberId: string): boolean {
  const max = ctx.config.groupMaxSize;
  switch (group.currentState) {
    case 'Empty':
    case 'Dead':
      return true;
    case 'PreparingRebalance':
      return (group.has(memberId) && group.get(memberId).isAwaitingJoin) || group.numAwaiting < max;
    default:
      return group.has(memberId) || group.size < max;
  }
}

export function handleJoinGroup(
  ctx: CoordinatorContext,
  req: JoinGroupRequestArgs,
): Promise<JoinGroupResult> {
  return new Promise((resolve) => {
    const error = ctx.validateGroupStatus(req.groupId, 'JoinGroup');
    if (error !== null) return resolve(joinError(req.memberId, error));
    const { groupMinSessionTimeoutMs: min, groupMaxSessionTimeoutMs: max } = ctx.config;
    if (req.sessionTimeoutMs < min || req.sessionTimeoutMs > max)
      return resolve(joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
    const isUnknownMember = req.memberId === UNKNOWN_MEMBER_ID;
    const group = ctx.manager.getOrMaybeCreateGroup(req.groupId, isUnknownMember);
    if (!group) return resolve(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    if (!acceptJoiningMember(ctx, group, req.memberId)) {
      group.remove(req.memberId);
      resolve(joinError(UNKNOWN_MEMBER_ID, ErrorCode.GROUP_MAX_SIZE_REACHED));
    } else if (isUnknownMember) {
      doUnknownJoinGroup(ctx, group, req, resolve);
    } else {
      doJoinGroup(ctx, group, req, resolve);
    }
    if (group.is('PreparingRebalance')) ctx.rebalancer.checkJoin(group);
  });
}

function doUnknownJoinGroup(
  ctx: CoordinatorContext,
  group: GroupMetadata,
  req: JoinGroupRequestArgs,
  respond: JoinCallback,
): void {
  const names = new Set(req.protocols.map((p) => p.name));
  if (group.is('Dead')) return respond(joinError(UNKNOWN_MEMBER_ID, ErrorCode.COORDINATOR_NOT_AVAILABLE));
  if (!group.supportsProtocols(req.protocolType, names))
    return respond(joinError(UNKNOWN_MEMBER_ID, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
  const newMemberId = group.generateMemberId(req.clientId, req.groupInstanceId);
  if (req.groupInstanceId !== null && group.hasStaticMember(req.groupInstanceId)) {
    updateStaticMemberAndRebalance(ctx, group, newMemberId, req.groupInstanceId, req.protocols, respond);
  } else if (req.requireKnownMemberId) {
    ctx.log.debug(
      `Dynamic member with unknown member id joins group ${group.groupId} in ${group.currentState} state. Created a new member id ${newMemberId} and request the member to rejoin with this id.`,
    );
    group.addPendingMember(newMemberId);
    ctx.rebalancer.addPendingMemberExpiration(group, newMemberId, req.sessionTimeoutMs);
    respond(joinError(newMemberId, ErrorCode.MEMBER_ID_REQUIRED));
  } else {
    ctx.log.info(
      `${req.groupInstanceId !== null ? 'Static' : 'Dynamic'} Member with unknown member id joins group ${group.groupId} in ${group.currentState} state. Created a new member id ${newMemberId} for this member and add to the group.`,
    );
    addMemberAndRebalance(ctx, group, newMemberId, req, respond);
  }
}

function doJoinGroup(
  ctx: CoordinatorContext,
  group: GroupMetadata,
  req: JoinGroupRequestArgs,
  respond: JoinCallback,
): void {
  const { memberId, groupInstanceId, protocols } = req;
  if (group.is('Dead')) return respond(joinError(memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
  if (!group.supportsProtocols(req.protocolType, new Set(protocols.map((p) => p.name))))
    return respond(joinError(memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
  if (group.isPendingMember(memberId)) {
    ctx.log.debug(
      `Dynamic Member with specific member id ${memberId} joins group ${group.groupId} in ${group.currentState} state. Adding to the group now.`,
    );
    return addMemberAndRebalance(ctx, group, memberId, req, respond);
  }
  if (group.isStaticMemberFenced(memberId, groupInstanceId))
    return respond(joinError(memberId, ErrorCode.FENCED_INSTANCE_ID));
  if (!group.has(memberId) || (groupInstanceId !== null && !group.hasStaticMember(groupInstanceId)))
    return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
  const member = group.get(memberId);
  const current = (): JoinGroupResult => ({
    members: group.isLeader(memberId) ? group.currentMemberMetadata() : [],
    memberId,
    generationId: group.generationId,
    protocolType: group.protocolType,
    protocolName: group.protocolName,
    leaderId: group.leaderOrNull ?? '',
    error: ErrorCode.NONE,
  });
  const updateAndRebalance = (reason: string): void => {
    group.updateMember(member, protocols, respond);
    ctx.rebalancer.maybePrepareRebalance(group, reason);
  };
  switch (group.currentState) {
    case 'PreparingRebalance':
      return updateAndRebalance(`Member ${memberId} joining group during ${group.currentState}`);
    case 'CompletingRebalance':
      if (member.matches(protocols)) return respond(current());
      return updateAndRebalance(`Updating metadata for member ${memberId} during ${group.currentState}`);
    case 'Stable':
      if (group.isLeader(memberId))
        return updateAndRebalance(`leader ${memberId} re-joining group during ${group.currentState}`);
      if (!member.matches(protocols))
        return updateAndRebalance(`Updating metadata for member ${memberId} during ${group.currentState}`);
      return respond({ ...current(), members: [] });
    default:
      ctx.log.warn(
        `Attempt to add rejoining member ${memberId} of group ${group.groupId} in unexpected group state ${group.currentState}`,
      );
      respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
  }
}

function addMemberAndRebalance(
  ctx: CoordinatorContext,
  group: GroupMetadata,
  memberId: string,
  req: JoinGroupRequestArgs,
  respond: JoinCallback,
): void {
  const member = new MemberMetadata(
    memberId,
    req.groupInstanceId,
    req.clientId,
    req.clientHost,
    req.rebalanceTimeoutMs,
    req.sessionTimeoutMs,
    req.protocolType,
    req.protocols,
  );
  member.isNew = true;
  if (group.is('PreparingRebalance') && group.generationId === 0) group.newMemberAdded = true;
  group.add(member, respond);
  // A new member cannot heartbeat yet; drop it if it never completes its join.
  ctx.rebalancer.completeAndScheduleNextExpiration(group, member, NEW_MEMBER_JOIN_TIMEOUT_MS);
  if (req.groupInstanceId !== null) {
    ctx.log.info(
      `Adding new static member ${req.groupInstanceId} to group ${group.groupId} with member id ${memberId}.`,
    );
    group.addStaticMember(req.groupInstanceId, memberId);
  } else {
    ctx.rebalancer.removePendingMemberAndUpdateGroup(group, memberId);
  }
  ctx.rebalancer.maybePrepareRebalance(
    group,
    `Adding new member ${memberId} with group instance id ${scalaOption(req.groupInstanceId)}`,
  );
}

function updateStaticMemberAndRebalance(
  ctx: CoordinatorContext,
  group: GroupMetadata,
  newMemberId: string,
  groupInstanceId: string,
  protocols: Protocol[],
  respond: JoinCallback,
): void {
  const oldMemberId = group.getStaticMemberId(groupInstanceId) ?? '';
  ctx.log.info(
    `Static member Some(${groupInstanceId}) of group ${group.groupId} with unknown member id rejoins, assigning new member id ${newMemberId}, while old member id ${oldMemberId} will be removed.`,
  );
  const currentLeader = group.leaderOrNull ?? '';
  const old = group.get(oldMemberId);
  // Fence a duplicate instance still waiting on the old id.
  group.maybeInvokeJoinCallback(old, joinError(oldMemberId, ErrorCode.FENCED_INSTANCE_ID));
  group.maybeInvokeSyncCallback(old, syncError(ErrorCode.FENCED_INSTANCE_ID));
  const member = group.replaceGroupInstance(oldMemberId, newMemberId, groupInstanceId);
  ctx.rebalancer.completeAndScheduleNextHeartbeatExpiration(group, member);
  group.updateMember(member, protocols, respond);
  switch (group.currentState) {
    case 'Stable':
      if (group.protocolName === group.selectProtocol()) {
        // Same protocol: persist the new member id and answer without a rebalance.
        const assignment = new Map(group.allMemberMetadata.map((m) => [m.memberId, m.assignment]));
        void ctx.manager.storeGroup(group, assignment).then((error) => {
          const result: JoinGroupResult = {
            members: [],
            memberId: error === ErrorCode.NONE ? newMemberId : UNKNOWN_MEMBER_ID,
            generationId: group.generationId,
            protocolType: group.protocolType,
            protocolName: group.protocolName,
            leaderId: currentLeader,
            error,
          };
          group.maybeInvokeJoinCallback(member, result);
        });
      } else {
        ctx.rebalancer.maybePrepareRebalance(
          group,
          `Group's selectedProtocol will change because static member ${newMemberId} with instance id Some(${groupInstanceId}) joined with change of protocol`,
        );
      }
      break;
    case 'CompletingRebalance':
      ctx.rebalancer.prepareRebalance(
        group,
        `Updating metadata for static member ${newMemberId} with instance id Some(${groupInstanceId})`,
      );
      break;
    default:
  }
}

export function handleSyncGroup(
  ctx: CoordinatorContext,
  req: SyncGroupRequestArgs,
): Promise<SyncGroupResult> {
  return new Promise((resolve) => {
    const error = ctx.validateGroupStatus(req.groupId, 'SyncGroup');
    // While loading, the rebalance state is lost: REBALANCE_IN_PROGRESS makes the member rejoin.
    if (error === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS)
      return resolve(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
    if (error !== null) return resolve(syncError(error));
    const group = ctx.manager.getGroup(req.groupId);
    if (!group) return resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    doSyncGroup(ctx, group, req, resolve);
  });
}

function doSyncGroup(
  ctx: CoordinatorContext,
  group: GroupMetadata,
  req: SyncGroupRequestArgs,
  respond: (r: SyncGroupResult) => void,
): void {
  const { memberId, generationId } = req;
  if (group.is('Dead')) return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
  if (group.isStaticMemberFenced(memberId, req.groupInstanceId))
    return respond(syncError(ErrorCode.FENCED_INSTANCE_ID));
  if (!group.has(memberId)) return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
  if (generationId !== group.generationId) return respond(syncError(ErrorCode.ILLEGAL_GENERATION));
  if (
    (req.protocolType !== null && group.protocolType !== req.protocolType) ||
    (req.protocolName !== null && group.protocolName !== req.protocolName)
  )
    return respond(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
  switch (group.currentState) {
    case 'Empty':
      return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    case 'PreparingRebalance':
      return respond(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
    case 'CompletingRebalance': {
      group.get(memberId).awaitingSyncCallback = respond;
      ctx.rebalancer.removePendingSyncMember(group, memberId);
      if (!group.isLeader(memberId)) return;
      ctx.log.info(
        `Assignment received from leader for group ${group.groupId} for generation ${group.generationId}. The group has ${group.size} members, ${group.allStaticMembers.length} of which are static.`,
      );
      const assignment = new Map(req.assignments);
      const missing = group.allMembers.filter((m) => !assignment.has(m));
      for (const m of missing) assignment.set(m, Buffer.alloc(0));
      if (missing.length > 0)
        ctx.log.warn(
          `Setting empty assignments for members Set(${missing.join(', ')}) of ${group.groupId} for generation ${group.generationId}`,
        );
      void ctx.manager.storeGroup(group, assignment).then((storeError) => {
        // Another member may have joined meanwhile: only act if still in this generation's sync.
        if (!group.is('CompletingRebalance') || generationId !== group.generationId) return;
        if (storeError !== ErrorCode.NONE) {
          ctx.rebalancer.resetAndPropagateAssignmentError(group, storeError);
          ctx.rebalancer.maybePrepareRebalance(
            group,
            `error when storing group assignment during SyncGroup (member: ${memberId})`,
          );
        } else {
          ctx.rebalancer.setAndPropagateAssignment(group, assignment);
          group.transitionTo('Stable');
        }
      });
      return;
    }
    case 'Stable': {
      ctx.rebalancer.removePendingSyncMember(group, memberId);
      const member = group.get(memberId);
      respond({
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        assignment: member.assignment,
        error: ErrorCode.NONE,
      });
      ctx.rebalancer.completeAndScheduleNextHeartbeatExpiration(group, member);
      return;
    }
    default:
      respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
  }
}

/** LeaveGroup: a top-level error, or one result per leaving member. */
export function handleLeaveGroup(
  ctx: CoordinatorContext,
  groupId: string,
  leaving: readonly { memberId: string; groupInstanceId: string | null }[],
): { error: number; members: LeaveMemberResult[] } {
  const error = ctx.validateGroupStatus(groupId, 'LeaveGroup');
  if (error !== null) return { error, members: [] };
  const result = (m: (typeof leaving)[number], e: number): LeaveMemberResult => ({ ...m, error: e });
  const group = ctx.manager.getGroup(groupId);
  if (!group)
    return { error: ErrorCode.NONE, members: leaving.map((m) => result(m, ErrorCode.UNKNOWN_MEMBER_ID)) };
  if (group.is('Dead')) return { error: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
  const members = leaving.map((m) => {
    const { memberId, groupInstanceId } = m;
    if (memberId !== UNKNOWN_MEMBER_ID && group.isStaticMemberFenced(memberId, groupInstanceId))
      return result(m, ErrorCode.FENCED_INSTANCE_ID);
    if (group.isPendingMember(memberId)) {
      ctx.log.info(`Pending member ${memberId} is leaving group ${group.groupId}.`);
      ctx.rebalancer.removePendingMemberAndUpdateGroup(group, memberId);
      return result(m, ErrorCode.NONE);
    }
    const staticId = groupInstanceId !== null ? group.getStaticMemberId(groupInstanceId) : undefined;
    if (!group.has(memberId) && staticId === undefined) return result(m, ErrorCode.UNKNOWN_MEMBER_ID);
    const member = group.get(staticId ?? memberId);
    ctx.rebalancer.removeHeartbeatForLeavingMember(member);
    ctx.log.info(
      `Member[group.instance.id ${scalaOption(member.groupInstanceId)}, member.id ${member.memberId}] in group ${group.groupId} has left, removing it from the group`,
    );
    ctx.rebalancer.removeMemberAndUpdateGroup(group, member, `removing member ${memberId} on LeaveGroup`);
    return result(m, ErrorCode.NONE);
  });
  return { error: ErrorCode.NONE, members };
}

export function handleHeartbeat(
  ctx: CoordinatorContext,
  groupId: string,
  memberId: string,
  groupInstanceId: string | null,
  generationId: number,
): number {
  const error = ctx.validateGroupStatus(groupId, 'Heartbeat');
  // While the group loads, heartbeats are answered blindly.
  if (error === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) return ErrorCode.NONE;
  if (error !== null) return error;
  const group = ctx.manager.getGroup(groupId);
  if (!group) return ErrorCode.UNKNOWN_MEMBER_ID;
  if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
  if (group.isStaticMemberFenced(memberId, groupInstanceId)) return ErrorCode.FENCED_INSTANCE_ID;
  if (!group.has(memberId)) return ErrorCode.UNKNOWN_MEMBER_ID;
  if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
  if (group.is('Empty')) return ErrorCode.UNKNOWN_MEMBER_ID;
  ctx.rebalancer.completeAndScheduleNextHeartbeatExpiration(group, group.get(memberId));
  return group.is('PreparingRebalance') ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
}
