/**
 * One consumer group (Kafka's GroupMetadata): its state in the group state machine, generation,
 * protocol type and selected protocol, leader, members (dynamic and static), members that were handed
 * a member id but have not joined yet, members still owing a SyncGroup, and its committed offsets.
 *
 * Every state change goes through `transitionTo`, which asserts Kafka's allowed transitions and
 * stamps `currentStateTimestamp`. Timers that belong to a group (the delayed join and sync) live in
 * `timers`, owned by the coordinator. Mutated on the event loop only.
 */
import crypto from 'node:crypto';
import type { Cancellable, Clock } from '../../common/clock';
import { CONSUMER_PROTOCOL_TYPE, decodeSubscriptionTopics } from './consumer-protocol';
import { GroupOffsets, type TopicPartition } from './group-offsets';
import type { OffsetAndMetadata } from './group-records';
import { assertValidTransition, canRebalance, type GroupState } from './group-state';
import type {
  JoinCallback,
  JoinGroupResponseMember,
  JoinGroupResult,
  MemberSummary,
  Protocol,
  SyncGroupResult,
  MemberMetadata,
} from './member-metadata';

export interface GroupSummary {
  state: string;
  protocolType: string;
  protocol: string;
  members: MemberSummary[];
}

export interface GroupOverview {
  groupId: string;
  protocolType: string;
  state: GroupState;
}

/** The group's delayed operations (Kafka keeps them in the rebalance purgatory). */
export interface GroupTimers {
  join: { kind: 'initial' | 'normal'; timer: Cancellable; delayMs: number; remainingMs: number } | undefined;
  sync: { generationId: number; timer: Cancellable } | undefined;
  pendingMembers: Map<string, Cancellable>;
}

export class GroupMetadata {
  private state: GroupState;
  currentStateTimestamp: number | null;
  protocolType: string | null = null;
  protocolName: string | null = null;
  generationId = 0;
  private leaderId: string | null = null;
  private readonly members = new Map<string, MemberMetadata>();
  private readonly staticMembers = new Map<string, string>();
  private readonly pendingMembers = new Set<string>();
  private numMembersAwaitingJoin = 0;
  private readonly supportedProtocols = new Map<string, number>();
  private readonly pendingSyncMembers = new Set<string>();
  /** Topics the members subscribe to (consumer groups only); null when unknown. */
  private subscribedTopics: Set<string> | null = null;
  newMemberAdded = false;
  readonly offsets = new GroupOffsets();
  readonly timers: GroupTimers = { join: undefined, sync: undefined, pendingMembers: new Map() };

  constructor(
    readonly groupId: string,
    initialState: GroupState,
    private readonly clock: Clock,
  ) {
    this.state = initialState;
    this.currentStateTimestamp = clock.now();
  }

  get currentState(): GroupState {
    return this.state;
  }
  is(state: GroupState): boolean {
    return this.state === state;
  }
  has(memberId: string): boolean {
    return this.members.has(memberId);
  }
  /** The member; throws when absent (callers check `has` first, as Kafka's do). */
  get(memberId: string): MemberMetadata {
    const m = this.members.get(memberId);
    if (!m) throw new Error(`member ${memberId} is not in group ${this.groupId}`);
    return m;
  }
  get size(): number {
    return this.members.size;
  }
  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }
  get leaderOrNull(): string | null {
    return this.leaderId;
  }
  /** For groups read back from the log, whose leader is recorded. */
  setLeader(leaderId: string | null): void {
    this.leaderId = leaderId;
  }
  get isConsumerGroup(): boolean {
    return this.protocolType === CONSUMER_PROTOCOL_TYPE;
  }
  get allMembers(): string[] {
    return [...this.members.keys()];
  }
  get allMemberMetadata(): MemberMetadata[] {
    return [...this.members.values()];
  }
  get allStaticMembers(): string[] {
    return [...this.staticMembers.keys()];
  }
  get numAwaiting(): number {
    return this.numMembersAwaitingJoin;
  }
  get hasAllMembersJoined(): boolean {
    return this.members.size === this.numMembersAwaitingJoin && this.pendingMembers.size === 0;
  }
  get notYetRejoinedMembers(): MemberMetadata[] {
    return this.allMemberMetadata.filter((m) => !m.isAwaitingJoin);
  }
  get rebalanceTimeoutMs(): number {
    return this.allMemberMetadata.reduce((t, m) => Math.max(t, m.rebalanceTimeoutMs), 0);
  }
  get canRebalance(): boolean {
    return canRebalance(this.state);
  }

  transitionTo(target: GroupState): void {
    assertValidTransition(this.groupId, this.state, target);
    this.state = target;
    this.currentStateTimestamp = this.clock.now();
  }

  add(member: MemberMetadata, callback: JoinCallback | null = null): void {
    if (this.members.size === 0) this.protocolType = member.protocolType;
    this.leaderId ??= member.memberId;
    this.members.set(member.memberId, member);
    for (const p of member.supportedProtocols)
      this.supportedProtocols.set(p.name, (this.supportedProtocols.get(p.name) ?? 0) + 1);
    member.awaitingJoinCallback = callback;
    if (member.isAwaitingJoin) this.numMembersAwaitingJoin++;
  }

  remove(memberId: string): void {
    const member = this.members.get(memberId);
    if (member) {
      this.members.delete(memberId);
      for (const p of member.supportedProtocols)
        this.supportedProtocols.set(p.name, (this.supportedProtocols.get(p.name) ?? 0) - 1);
      if (member.isAwaitingJoin) this.numMembersAwaitingJoin--;
      if (member.groupInstanceId !== null) this.staticMembers.delete(member.groupInstanceId);
    }
    if (this.isLeader(memberId)) this.leaderId = this.members.keys().next().value ?? null;
    this.pendingSyncMembers.delete(memberId);
  }

  /** Keeps the leader if it rejoined, else picks any member that did; false when none did. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    const leader = this.members.get(this.leaderId);
    if (leader?.isAwaitingJoin) return true;
    const joined = this.allMemberMetadata.find((m) => m.isAwaitingJoin);
    if (!joined) return false;
    this.leaderId = joined.memberId;
    return true;
  }

  /** A static member rejoined with a new member id: moves its metadata to the new id. */
  replaceGroupInstance(oldMemberId: string, newMemberId: string, groupInstanceId: string): MemberMetadata {
    const member = this.get(oldMemberId);
    this.members.delete(oldMemberId);
    member.memberId = newMemberId;
    this.members.set(newMemberId, member);
    if (this.isLeader(oldMemberId)) this.leaderId = newMemberId;
    this.staticMembers.set(groupInstanceId, newMemberId);
    return member;
  }

  isPendingMember(memberId: string): boolean {
    return this.pendingMembers.has(memberId) && !this.has(memberId);
  }
  addPendingMember(memberId: string): void {
    this.pendingMembers.add(memberId);
  }
  removePendingMember(memberId: string): void {
    this.pendingMembers.delete(memberId);
  }
  hasStaticMember(groupInstanceId: string | null): boolean {
    return groupInstanceId !== null && this.staticMembers.has(groupInstanceId);
  }
  getStaticMemberId(groupInstanceId: string): string | undefined {
    return this.staticMembers.get(groupInstanceId);
  }
  addStaticMember(groupInstanceId: string, memberId: string): void {
    this.staticMembers.set(groupInstanceId, memberId);
  }
  /** A known static member presenting a different member id is fenced. */
  isStaticMemberFenced(memberId: string, groupInstanceId: string | null): boolean {
    if (groupInstanceId === null) return false;
    const known = this.staticMembers.get(groupInstanceId);
    return known !== undefined && known !== memberId;
  }

  addPendingSyncMember(memberId: string): void {
    this.pendingSyncMembers.add(memberId);
  }
  removePendingSyncMember(memberId: string): void {
    this.pendingSyncMembers.delete(memberId);
  }
  get hasReceivedSyncFromAllMembers(): boolean {
    return this.pendingSyncMembers.size === 0;
  }
  get allPendingSyncMembers(): string[] {
    return [...this.pendingSyncMembers];
  }
  clearPendingSyncMembers(): void {
    this.pendingSyncMembers.clear();
  }

  /** `<clientId or instance id>-<uuid>`. */
  generateMemberId(clientId: string, groupInstanceId: string | null): string {
    return `${groupInstanceId ?? clientId}-${crypto.randomUUID()}`;
  }

  /** Each member votes for its preferred protocol among those every member supports; most votes wins. */
  selectProtocol(): string {
    if (this.members.size === 0) throw new Error('Cannot select protocol for empty group');
    const candidates = new Set(
      [...this.supportedProtocols].filter(([, n]) => n === this.members.size).map(([p]) => p),
    );
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const p = m.vote(candidates);
      votes.set(p, (votes.get(p) ?? 0) + 1);
    }
    let best = '';
    let bestVotes = -1;
    for (const [p, n] of votes) if (n > bestVotes) [best, bestVotes] = [p, n];
    return best;
  }

  /** Empty groups accept any non-empty protocol set; others need the type and a common protocol. */
  supportsProtocols(memberProtocolType: string, memberProtocols: ReadonlySet<string>): boolean {
    if (this.is('Empty')) return memberProtocolType !== '' && memberProtocols.size > 0;
    return (
      this.protocolType === memberProtocolType &&
      [...memberProtocols].some((p) => this.supportedProtocols.get(p) === this.members.size)
    );
  }

  /** True when the group's consumers subscribe to the topic, or when that is not known. */
  isSubscribedToTopic(topic: string): boolean {
    return this.subscribedTopics === null || this.subscribedTopics.has(topic);
  }
  get knownSubscribedTopics(): ReadonlySet<string> | null {
    return this.subscribedTopics;
  }

  computeSubscribedTopics(): Set<string> | null {
    if (this.protocolType !== CONSUMER_PROTOCOL_TYPE) return null;
    if (this.members.size === 0) return new Set();
    if (this.protocolName === null) return null;
    try {
      const topics = new Set<string>();
      for (const m of this.members.values())
        for (const t of decodeSubscriptionTopics(m.metadata(this.protocolName))) topics.add(t);
      return topics;
    } catch {
      return null;
    }
  }

  refreshSubscribedTopics(): void {
    this.subscribedTopics = this.computeSubscribedTopics();
  }

  updateMember(member: MemberMetadata, protocols: Protocol[], callback: JoinCallback | null): void {
    for (const p of member.supportedProtocols)
      this.supportedProtocols.set(p.name, (this.supportedProtocols.get(p.name) ?? 0) - 1);
    for (const p of protocols)
      this.supportedProtocols.set(p.name, (this.supportedProtocols.get(p.name) ?? 0) + 1);
    member.supportedProtocols = protocols;
    if (callback !== null && !member.isAwaitingJoin) this.numMembersAwaitingJoin++;
    else if (callback === null && member.isAwaitingJoin) this.numMembersAwaitingJoin--;
    member.awaitingJoinCallback = callback;
  }

  maybeInvokeJoinCallback(member: MemberMetadata, result: JoinGroupResult): void {
    const callback = member.awaitingJoinCallback;
    if (callback === null) return;
    member.awaitingJoinCallback = null;
    this.numMembersAwaitingJoin--;
    callback(result);
  }

  /** Returns true when a waiting SyncGroup was answered. */
  maybeInvokeSyncCallback(member: MemberMetadata, result: SyncGroupResult): boolean {
    const callback = member.awaitingSyncCallback;
    if (callback === null) return false;
    member.awaitingSyncCallback = null;
    callback(result);
    return true;
  }

  /** Next generation: CompletingRebalance with a selected protocol, or Empty when no member is left. */
  initNextGeneration(): void {
    this.generationId++;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.refreshSubscribedTopics();
      this.transitionTo('CompletingRebalance');
    } else {
      this.protocolName = null;
      this.refreshSubscribedTopics();
      this.transitionTo('Empty');
    }
    this.clearPendingSyncMembers();
  }

  /** The members as the leader's JoinGroup response lists them. */
  currentMemberMetadata(): JoinGroupResponseMember[] {
    if (this.is('Dead') || this.is('PreparingRebalance') || this.protocolName === null) {
      throw new Error(`Cannot obtain member metadata for group in state ${this.state}`);
    }
    const protocol = this.protocolName;
    return this.allMemberMetadata.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      metadata: m.metadata(protocol),
    }));
  }

  summary(): GroupSummary {
    if (this.is('Stable') && this.protocolName !== null) {
      const protocol = this.protocolName;
      return {
        state: this.state,
        protocolType: this.protocolType ?? '',
        protocol,
        members: this.allMemberMetadata.map((m) => m.summary(protocol)),
      };
    }
    return {
      state: this.state,
      protocolType: this.protocolType ?? '',
      protocol: '',
      members: this.allMemberMetadata.map((m) => m.summaryNoMetadata()),
    };
  }

  overview(): GroupOverview {
    return { groupId: this.groupId, protocolType: this.protocolType ?? '', state: this.state };
  }

  /**
   * Removes offsets that outlived `retentionMs` (Kafka's removeExpiredOffsets): in an Empty group,
   * counted from when it became Empty; in a Stable consumer group, counted from each commit but
   * only for topics no member subscribes to; in a group with no protocol (offsets only), from each
   * commit. Other groups keep their offsets.
   */
  removeExpiredOffsets(
    now: bigint,
    retentionMs: bigint,
  ): { tp: TopicPartition; offset: OffsetAndMetadata }[] {
    if (this.protocolType !== null && this.is('Empty')) {
      const since = this.currentStateTimestamp;
      return this.offsets.removeExpired(now, retentionMs, (o) =>
        since === null ? o.commitTimestamp : BigInt(since),
      );
    }
    const subscribed = this.subscribedTopics;
    if (this.isConsumerGroup && subscribed !== null && this.is('Stable'))
      return this.offsets.removeExpired(now, retentionMs, (o) => o.commitTimestamp, subscribed);
    if (this.protocolType === null)
      return this.offsets.removeExpired(now, retentionMs, (o) => o.commitTimestamp);
    return [];
  }

  toString(): string {
    return (
      `GroupMetadata(groupId=${this.groupId}, generation=${this.generationId}, ` +
      `protocolType=${this.protocolType === null ? 'None' : `Some(${this.protocolType})`}, ` +
      `currentState=${this.state}, members=${this.members.size})`
    );
  }
}
