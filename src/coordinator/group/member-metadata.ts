/**
 * One member of a group (Kafka's MemberMetadata): identity, timeouts, the protocols it supports in
 * order of preference with their metadata, its assignment, and the JoinGroup/SyncGroup responses it
 * is waiting for. Owned by its GroupMetadata; mutated only by the coordinator, on the event loop.
 */
import type { Cancellable } from '../../common/clock';

/** A protocol name and the member's metadata for it (a consumer's subscription). */
export interface Protocol {
  name: string;
  metadata: Buffer;
}

export interface JoinGroupResponseMember {
  memberId: string;
  groupInstanceId: string | null;
  metadata: Buffer;
}

/** What a JoinGroup gets back (Kafka's JoinGroupResult). */
export interface JoinGroupResult {
  members: JoinGroupResponseMember[];
  memberId: string;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leaderId: string;
  error: number;
}

/** What a SyncGroup gets back (Kafka's SyncGroupResult). */
export interface SyncGroupResult {
  protocolType: string | null;
  protocolName: string | null;
  assignment: Buffer;
  error: number;
}

export type JoinCallback = (result: JoinGroupResult) => void;
export type SyncCallback = (result: SyncGroupResult) => void;

export const NO_GENERATION = -1;
export const NO_LEADER = '';

export function joinError(memberId: string, error: number): JoinGroupResult {
  return {
    members: [],
    memberId,
    generationId: NO_GENERATION,
    protocolType: null,
    protocolName: null,
    leaderId: NO_LEADER,
    error,
  };
}

export function syncError(error: number): SyncGroupResult {
  return { protocolType: null, protocolName: null, assignment: Buffer.alloc(0), error };
}

/** DescribeGroups' view of a member. */
export interface MemberSummary {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  metadata: Buffer;
  assignment: Buffer;
}

export class MemberMetadata {
  awaitingJoinCallback: JoinCallback | null = null;
  awaitingSyncCallback: SyncCallback | null = null;
  isLeaving = false;
  isNew = false;
  /** Set when the member shows it is alive; the heartbeat timer checks it (see hasSatisfiedHeartbeat). */
  heartbeatSatisfied = false;
  /** The pending session-expiration check; owned by the coordinator's heartbeat logic. */
  heartbeatTimer: Cancellable | undefined;

  constructor(
    public memberId: string,
    readonly groupInstanceId: string | null,
    readonly clientId: string,
    readonly clientHost: string,
    readonly rebalanceTimeoutMs: number,
    readonly sessionTimeoutMs: number,
    readonly protocolType: string,
    public supportedProtocols: Protocol[],
    public assignment: Buffer = Buffer.alloc(0),
  ) {}

  get isStaticMember(): boolean {
    return this.groupInstanceId !== null;
  }

  get isAwaitingJoin(): boolean {
    return this.awaitingJoinCallback !== null;
  }

  get isAwaitingSync(): boolean {
    return this.awaitingSyncCallback !== null;
  }

  /** The metadata for `protocol`; throws when the member does not support it. */
  metadata(protocol: string): Buffer {
    const p = this.supportedProtocols.find((x) => x.name === protocol);
    if (!p) throw new Error('Member does not support protocol');
    return p.metadata;
  }

  /** New members must heartbeat; members waiting in a rebalance count as alive; others must heartbeat. */
  get hasSatisfiedHeartbeat(): boolean {
    if (this.isNew) return this.heartbeatSatisfied;
    if (this.isAwaitingJoin || this.isAwaitingSync) return true;
    return this.heartbeatSatisfied;
  }

  /** Same protocols, same order, same metadata bytes. */
  matches(protocols: readonly Protocol[]): boolean {
    if (protocols.length !== this.supportedProtocols.length) return false;
    return protocols.every((p, i) => {
      const mine = this.supportedProtocols[i];
      return mine !== undefined && mine.name === p.name && mine.metadata.equals(p.metadata);
    });
  }

  /** The first of the member's protocols (in its preference order) that is among the candidates. */
  vote(candidates: ReadonlySet<string>): string {
    const p = this.supportedProtocols.find((x) => candidates.has(x.name));
    if (!p) throw new Error('Member does not support any of the candidate protocols');
    return p.name;
  }

  summary(protocol: string): MemberSummary {
    return { ...this.identity(), metadata: this.metadata(protocol), assignment: this.assignment };
  }

  summaryNoMetadata(): MemberSummary {
    return { ...this.identity(), metadata: Buffer.alloc(0), assignment: Buffer.alloc(0) };
  }

  private identity(): Pick<MemberSummary, 'memberId' | 'groupInstanceId' | 'clientId' | 'clientHost'> {
    return {
      memberId: this.memberId,
      groupInstanceId: this.groupInstanceId,
      clientId: this.clientId,
      clientHost: this.clientHost,
    };
  }

  toString(): string {
    return (
      `MemberMetadata(memberId=${this.memberId}, groupInstanceId=${this.groupInstanceId === null ? 'None' : `Some(${this.groupInstanceId})`}, ` +
      `clientId=${this.clientId}, clientHost=${this.clientHost}, sessionTimeoutMs=${this.sessionTimeoutMs}, ` +
      `rebalanceTimeoutMs=${this.rebalanceTimeoutMs}, supportedProtocols=List(${this.supportedProtocols.map((p) => p.name).join(', ')}), )`
    );
  }
}
