/**
 * The timed half of the group coordinator (what Kafka keeps in its heartbeat and rebalance
 * purgatories): member session expiry, the delayed join that ends a rebalance's join phase (the
 * initial one that waits group.initial.rebalance.delay.ms for more members of an Empty group, then
 * one bounded by the rebalance timeout), the delayed sync that expels members who never sent
 * SyncGroup, and the transitions these drive: prepareRebalance, onCompleteJoin (new generation,
 * leader, JoinGroup responses), assignment propagation, and member removal.
 *
 * Timers come from the injected Scheduler, so unit tests drive them with MockTime. Everything runs
 * on the event loop; a timer firing after its group moved on re-checks the group and does nothing.
 */
import type { Logger } from '../../common/logger';
import type { Scheduler } from '../../common/clock';
import { GROUP_METADATA_TOPIC_NAME } from '../../admin/topic-validation';
import { ErrorCode, errorName } from '../../protocol';
import type { GroupMetadata } from './group-metadata';
import type { GroupMetadataManager } from './group-metadata-manager';
import type { MemberMetadata } from './member-metadata';
import { joinError, syncError } from './member-metadata';

/** How long a new member may wait in JoinGroup before it is dropped (Kafka's NewMemberJoinTimeoutMs). */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

export interface RebalancerOptions {
  manager: GroupMetadataManager;
  scheduler: Scheduler;
  log: Logger;
  groupInitialRebalanceDelayMs: number;
}

export class Rebalancer {
  private readonly manager: GroupMetadataManager;
  private readonly scheduler: Scheduler;
  private readonly log: Logger;

  constructor(private readonly o: RebalancerOptions) {
    this.manager = o.manager;
    this.scheduler = o.scheduler;
    this.log = o.log;
  }

  private offsetsPartition(group: GroupMetadata): string {
    return `${GROUP_METADATA_TOPIC_NAME}-${this.manager.partitionFor(group.groupId)}`;
  }

  // ---- heartbeats ------------------------------------------------------------------------------

  completeAndScheduleNextHeartbeatExpiration(group: GroupMetadata, member: MemberMetadata): void {
    this.completeAndScheduleNextExpiration(group, member, member.sessionTimeoutMs);
  }

  /** The member showed it is alive: its session deadline restarts (none while it waits in a rebalance). */
  completeAndScheduleNextExpiration(group: GroupMetadata, member: MemberMetadata, timeoutMs: number): void {
    member.heartbeatTimer?.cancel();
    member.heartbeatTimer = undefined;
    member.heartbeatSatisfied = false;
    if (member.hasSatisfiedHeartbeat) return;
    member.heartbeatTimer = this.scheduler.schedule(timeoutMs, () => {
      member.heartbeatTimer = undefined;
      this.onExpireHeartbeat(group, member.memberId);
    });
  }

  /** A member id handed out with MEMBER_ID_REQUIRED expires unless it joins within the session timeout. */
  addPendingMemberExpiration(group: GroupMetadata, memberId: string, timeoutMs: number): void {
    group.timers.pendingMembers.get(memberId)?.cancel();
    const timer = this.scheduler.schedule(timeoutMs, () => {
      group.timers.pendingMembers.delete(memberId);
      if (group.is('Dead') || group.has(memberId)) return;
      this.log.info(
        `Pending member ${memberId} in group ${group.groupId} has been removed after session timeout expiration.`,
      );
      this.removePendingMemberAndUpdateGroup(group, memberId);
    });
    group.timers.pendingMembers.set(memberId, timer);
  }

  removeHeartbeatForLeavingMember(member: MemberMetadata): void {
    member.isLeaving = true;
    member.heartbeatTimer?.cancel();
    member.heartbeatTimer = undefined;
  }

  private onExpireHeartbeat(group: GroupMetadata, memberId: string): void {
    if (group.is('Dead')) {
      this.log.info(
        `Received notification of heartbeat expiration for member ${memberId} after group ${group.groupId} had already been unloaded or deleted.`,
      );
    } else if (!group.has(memberId)) {
      this.log.debug(`Member ${memberId} has already been removed from the group.`);
    } else {
      const member = group.get(memberId);
      if (!member.hasSatisfiedHeartbeat && !member.isLeaving) {
        this.log.info(
          `Member ${member.memberId} in group ${group.groupId} has failed, removing it from the group`,
        );
        this.removeMemberAndUpdateGroup(
          group,
          member,
          `removing member ${member.memberId} on heartbeat expiration`,
        );
      }
    }
  }

  // ---- membership changes ----------------------------------------------------------------------

  /** Removes a member; a waiting JoinGroup gets UNKNOWN_MEMBER_ID so a live client rejoins. */
  removeMemberAndUpdateGroup(group: GroupMetadata, member: MemberMetadata, reason: string): void {
    group.maybeInvokeJoinCallback(member, joinError('', ErrorCode.UNKNOWN_MEMBER_ID));
    member.heartbeatTimer?.cancel();
    group.remove(member.memberId);
    switch (group.currentState) {
      case 'Stable':
      case 'CompletingRebalance':
        this.maybePrepareRebalance(group, reason);
        break;
      case 'PreparingRebalance':
        this.checkJoin(group);
        break;
      default:
    }
  }

  removePendingMemberAndUpdateGroup(group: GroupMetadata, memberId: string): void {
    group.removePendingMember(memberId);
    group.timers.pendingMembers.get(memberId)?.cancel();
    group.timers.pendingMembers.delete(memberId);
    if (group.is('PreparingRebalance')) this.checkJoin(group);
  }

  // ---- join phase ------------------------------------------------------------------------------

  maybePrepareRebalance(group: GroupMetadata, reason: string): void {
    if (group.canRebalance) this.prepareRebalance(group, reason);
  }

  prepareRebalance(group: GroupMetadata, reason: string): void {
    if (group.is('CompletingRebalance'))
      this.resetAndPropagateAssignmentError(group, ErrorCode.REBALANCE_IN_PROGRESS);
    this.removeSyncExpiration(group);
    const initial = group.is('Empty');
    group.transitionTo('PreparingRebalance');
    this.log.info(
      `Preparing to rebalance group ${group.groupId} in state ${group.currentState} with old generation ${group.generationId} (${this.offsetsPartition(group)}) (reason: ${reason})`,
    );
    const delay = this.o.groupInitialRebalanceDelayMs;
    if (initial) this.startInitialJoin(group, delay, Math.max(group.rebalanceTimeoutMs - delay, 0));
    else this.startJoin(group);
  }

  private startJoin(group: GroupMetadata): void {
    group.timers.join?.timer.cancel();
    const delayMs = group.rebalanceTimeoutMs;
    const timer = this.scheduler.schedule(delayMs, () => this.completeJoin(group));
    group.timers.join = { kind: 'normal', timer, delayMs, remainingMs: 0 };
    this.checkJoin(group);
  }

  private startInitialJoin(group: GroupMetadata, delayMs: number, remainingMs: number): void {
    group.timers.join?.timer.cancel();
    const timer = this.scheduler.schedule(delayMs, () => {
      group.timers.join = undefined;
      if (group.newMemberAdded && remainingMs !== 0) {
        group.newMemberAdded = false;
        const configured = this.o.groupInitialRebalanceDelayMs;
        this.startInitialJoin(group, Math.min(configured, remainingMs), Math.max(remainingMs - delayMs, 0));
      } else {
        this.onCompleteJoin(group);
      }
    });
    group.timers.join = { kind: 'initial', timer, delayMs, remainingMs };
  }

  /** Something changed that may let the join phase end now: it does once every member has joined. */
  checkJoin(group: GroupMetadata): void {
    if (group.timers.join?.kind === 'normal' && group.hasAllMembersJoined) this.completeJoin(group);
  }

  private completeJoin(group: GroupMetadata): void {
    group.timers.join?.timer.cancel();
    group.timers.join = undefined;
    this.onCompleteJoin(group);
  }

  private onCompleteJoin(group: GroupMetadata): void {
    const notRejoined = group.notYetRejoinedMembers.filter((m) => !m.isStaticMember);
    if (notRejoined.length > 0) {
      this.log.info(
        `Group ${group.groupId} removed dynamic members who haven't joined: Set(${notRejoined.map((m) => m.memberId).join(', ')})`,
      );
      for (const m of notRejoined) {
        this.removeHeartbeatForLeavingMember(m);
        group.remove(m.memberId);
      }
    }
    if (group.is('Dead')) {
      this.log.info(`Group ${group.groupId} is dead, skipping rebalance stage`);
    } else if (!group.maybeElectNewJoinedLeader() && group.size > 0) {
      this.log.error(`Group ${group.groupId} could not complete rebalance because no members rejoined`);
      this.startJoin(group);
    } else {
      group.initNextGeneration();
      if (group.is('Empty')) {
        this.log.info(
          `Group ${group.groupId} with generation ${group.generationId} is now empty (${this.offsetsPartition(group)})`,
        );
        void this.manager.storeGroup(group, new Map()).then((error) => {
          if (error !== ErrorCode.NONE)
            this.log.warn(`Failed to write empty metadata for group ${group.groupId}: ${errorName(error)}`);
        });
      } else {
        this.log.info(
          `Stabilized group ${group.groupId} generation ${group.generationId} (${this.offsetsPartition(group)}) with ${group.size} members`,
        );
        for (const member of group.allMemberMetadata) {
          group.maybeInvokeJoinCallback(member, {
            members: group.isLeader(member.memberId) ? group.currentMemberMetadata() : [],
            memberId: member.memberId,
            generationId: group.generationId,
            protocolType: group.protocolType,
            protocolName: group.protocolName,
            leaderId: group.leaderOrNull ?? '',
            error: ErrorCode.NONE,
          });
          this.completeAndScheduleNextHeartbeatExpiration(group, member);
          member.isNew = false;
          group.addPendingSyncMember(member.memberId);
        }
        this.schedulePendingSync(group);
      }
    }
  }

  // ---- sync phase ------------------------------------------------------------------------------

  removePendingSyncMember(group: GroupMetadata, memberId: string): void {
    group.removePendingSyncMember(memberId);
    this.maybeCompleteSyncExpiration(group);
  }

  private removeSyncExpiration(group: GroupMetadata): void {
    group.clearPendingSyncMembers();
    this.maybeCompleteSyncExpiration(group);
  }

  private maybeCompleteSyncExpiration(group: GroupMetadata): void {
    const sync = group.timers.sync;
    if (!sync) return;
    const done =
      sync.generationId !== group.generationId ||
      !(group.is('CompletingRebalance') || group.is('Stable')) ||
      group.hasReceivedSyncFromAllMembers;
    if (done) {
      sync.timer.cancel();
      group.timers.sync = undefined;
    }
  }

  private schedulePendingSync(group: GroupMetadata): void {
    group.timers.sync?.timer.cancel();
    const generationId = group.generationId;
    const timer = this.scheduler.schedule(group.rebalanceTimeoutMs, () => {
      group.timers.sync = undefined;
      this.onExpirePendingSync(group, generationId);
    });
    group.timers.sync = { generationId, timer };
    this.maybeCompleteSyncExpiration(group);
  }

  private onExpirePendingSync(group: GroupMetadata, generationId: number): void {
    if (generationId !== group.generationId || !(group.is('CompletingRebalance') || group.is('Stable')))
      return;
    if (group.hasReceivedSyncFromAllMembers) return;
    const pending = group.allPendingSyncMembers;
    for (const memberId of pending) {
      const member = group.get(memberId);
      this.removeHeartbeatForLeavingMember(member);
      group.remove(memberId);
    }
    this.log.debug(
      `Group ${group.groupId} removed members who haven't sent their sync request: ${pending.join(', ')}`,
    );
    this.prepareRebalance(group, `Removing ${pending.join(', ')} on pending sync request expiration`);
  }

  // ---- assignments -----------------------------------------------------------------------------

  setAndPropagateAssignment(group: GroupMetadata, assignment: ReadonlyMap<string, Buffer>): void {
    for (const m of group.allMemberMetadata) m.assignment = assignment.get(m.memberId) ?? Buffer.alloc(0);
    this.propagateAssignment(group, ErrorCode.NONE);
  }

  resetAndPropagateAssignmentError(group: GroupMetadata, error: number): void {
    for (const m of group.allMemberMetadata) m.assignment = Buffer.alloc(0);
    this.propagateAssignment(group, error);
  }

  private propagateAssignment(group: GroupMetadata, error: number): void {
    const ok = error === ErrorCode.NONE;
    for (const member of group.allMemberMetadata) {
      if (member.assignment.length === 0 && ok) {
        this.log.warn(
          `Sending empty assignment to member ${member.memberId} of ${group.groupId} for generation ${group.generationId} with no errors`,
        );
      }
      const result = ok
        ? {
            protocolType: group.protocolType,
            protocolName: group.protocolName,
            assignment: member.assignment,
            error,
          }
        : syncError(error);
      if (group.maybeInvokeSyncCallback(member, result))
        this.completeAndScheduleNextHeartbeatExpiration(group, member);
    }
  }

  // ---- loading and unloading -------------------------------------------------------------------

  onGroupLoaded(group: GroupMetadata): void {
    this.log.info(`Loading group metadata for ${group.groupId} with generation ${group.generationId}`);
    for (const m of group.allMemberMetadata) this.completeAndScheduleNextHeartbeatExpiration(group, m);
  }

  /** The group moved away: it becomes Dead, waiting requests get NOT_COORDINATOR, timers stop. */
  onGroupUnloaded(group: GroupMetadata): void {
    this.log.info(`Unloading group metadata for ${group.groupId} with generation ${group.generationId}`);
    const previous = group.currentState;
    group.transitionTo('Dead');
    for (const member of group.allMemberMetadata) {
      if (previous === 'PreparingRebalance')
        group.maybeInvokeJoinCallback(member, joinError(member.memberId, ErrorCode.NOT_COORDINATOR));
      if (previous === 'Stable' || previous === 'CompletingRebalance')
        group.maybeInvokeSyncCallback(member, syncError(ErrorCode.NOT_COORDINATOR));
    }
    this.cancelTimers(group);
    group.clearPendingSyncMembers();
  }

  /** Stops every timer of the group and its members (unload, coordinator shutdown). */
  cancelTimers(group: GroupMetadata): void {
    for (const member of group.allMemberMetadata) {
      member.heartbeatTimer?.cancel();
      member.heartbeatTimer = undefined;
    }
    group.timers.join?.timer.cancel();
    group.timers.join = undefined;
    group.timers.sync?.timer.cancel();
    group.timers.sync = undefined;
    for (const t of group.timers.pendingMembers.values()) t.cancel();
    group.timers.pendingMembers.clear();
  }
}
