/**
 * One partition on this broker (Kafka's cluster/Partition): its role (leader or follower) at a
 * leader epoch, the ISR, what the leader knows of each follower, and the high watermark.
 *
 * Leader side: appends check leadership and min.insync.replicas; the high watermark is the smallest
 * log end offset among ISR members (Kafka's maybeIncrementLeaderHW); a follower that has caught up
 * joins the ISR, one that has not caught up for replica.lag.time.max.ms leaves it. ISR changes are
 * handed to an IsrChangeSink, which records them in ZooKeeper.
 *
 * Runs on the event loop; every method finishes its state change synchronously.
 */
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { getLogger } from '../common/logger';
import { ErrorCode, KafkaError } from '../protocol';
import type { Log } from '../storage';
import type { LogAppendInfo } from '../storage/log-types';
import { ProducerStateManager } from './producer-state';

export interface PartitionState {
  controllerEpoch: number;
  leader: number;
  leaderEpoch: number;
  isr: number[];
  replicas: number[];
  zkVersion: number;
}

export interface FollowerState {
  logEndOffset: bigint;
  lastCaughtUpTimeMs: number;
  lastFetchTimeMs: number;
  /** The leader's log end offset when that follower last fetched. */
  lastFetchLeaderLogEndOffset: bigint;
}

/** Where ISR changes go (the legacy ZooKeeper path: conditional state write + notification). */
export interface IsrChangeSink {
  /** Writes the new ISR; resolves with the new zkVersion, or null when the write lost a race. */
  updateIsr(partition: Partition, newIsr: number[]): Promise<number | null>;
}

export class Partition {
  leader = -1;
  leaderEpoch = -1;
  isr: number[] = [];
  replicas: number[] = [];
  zkVersion = -1;
  controllerEpoch = -1;
  readonly followers = new Map<number, FollowerState>();
  /** Idempotent producers' sequences on this partition. */
  readonly producers = new ProducerStateManager();
  private isrUpdateInFlight = false;
  private readonly log: Logger;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly brokerId: number,
    readonly localLog: Log,
    private readonly clock: Clock,
    private readonly isrSink: IsrChangeSink,
  ) {
    this.log = getLogger('kafka.cluster.Partition', `[Partition ${topic}-${partition} broker=${brokerId}] `);
  }

  get name(): string {
    return `${this.topic}-${this.partition}`;
  }

  isLeader(): boolean {
    return this.leader === this.brokerId;
  }

  get highWatermark(): bigint {
    return this.localLog.highWatermark;
  }

  /**
   * The error for a request that names the leader epoch it expects (Fetch v9+, ListOffsets v4+,
   * OffsetForLeaderEpoch v2+): FENCED_LEADER_EPOCH when the client is behind, UNKNOWN_LEADER_EPOCH when
   * it is ahead of this broker, NONE when it matches or names none (-1).
   */
  checkCurrentLeaderEpoch(currentLeaderEpoch: number): ErrorCode {
    if (currentLeaderEpoch < 0 || currentLeaderEpoch === this.leaderEpoch) return ErrorCode.NONE;
    return currentLeaderEpoch < this.leaderEpoch
      ? ErrorCode.FENCED_LEADER_EPOCH
      : ErrorCode.UNKNOWN_LEADER_EPOCH;
  }

  /** Becomes leader at the state's epoch; returns true if this broker was not leader before. */
  makeLeader(state: PartitionState): boolean {
    const wasLeader = this.isLeader();
    const previousEpoch = this.leaderEpoch;
    this.applyState(state);
    const now = this.clock.now();
    const leo = this.localLog.logEndOffset;
    this.localLog.maybeAssignEpochStartOffset(state.leaderEpoch, leo);
    this.followers.clear();
    for (const id of state.replicas) {
      if (id === this.brokerId) continue;
      // Followers start unknown; those in the ISR count as caught up now, as Kafka resets them.
      this.followers.set(id, {
        logEndOffset: -1n,
        lastCaughtUpTimeMs: state.isr.includes(id) ? now : 0,
        lastFetchTimeMs: 0,
        lastFetchLeaderLogEndOffset: -1n,
      });
    }
    this.log.info(
      `${this.name} starts at leader epoch ${state.leaderEpoch} from offset ${leo} with high watermark ${this.highWatermark}. Previous leader epoch was ${previousEpoch}.`,
    );
    this.maybeIncrementLeaderHW();
    return !wasLeader;
  }

  /** Becomes follower of the state's leader; returns true if the leader changed. */
  makeFollower(state: PartitionState): boolean {
    const leaderChanged = this.leader !== state.leader;
    this.applyState(state);
    this.followers.clear();
    return leaderChanged;
  }

  private applyState(state: PartitionState): void {
    this.leader = state.leader;
    this.leaderEpoch = state.leaderEpoch;
    this.isr = [...state.isr];
    this.replicas = [...state.replicas];
    this.zkVersion = state.zkVersion;
    this.controllerEpoch = state.controllerEpoch;
  }

  /** Leader append: checks leadership and, for acks=all, min.insync.replicas before appending. */
  appendRecordsToLeader(
    records: Buffer,
    requiredAcks: number,
    minInSyncReplicas: number,
    options: { timestampType: 'CreateTime' | 'LogAppendTime'; maxMessageBytes: number },
  ): LogAppendInfo {
    if (!this.isLeader()) {
      throw new KafkaError(
        ErrorCode.NOT_LEADER_OR_FOLLOWER,
        `Leader not local for partition ${this.name} on broker ${this.brokerId}`,
      );
    }
    if (requiredAcks === -1 && this.isr.length < minInSyncReplicas) {
      throw new KafkaError(
        ErrorCode.NOT_ENOUGH_REPLICAS,
        `The size of the current ISR Set(${this.isr.join(', ')}) is insufficient to satisfy the min.isr requirement of ${minInSyncReplicas} for partition ${this.name}`,
      );
    }
    const info = this.localLog.appendAsLeader(records, this.leaderEpoch, {
      ...options,
      now: this.clock.now(),
    });
    this.maybeIncrementLeaderHW();
    return info;
  }

  /**
   * For acks=all: whether the high watermark has passed `requiredOffset` (done), and the error to
   * answer with (NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrank below min.insync.replicas).
   */
  checkEnoughReplicasReachOffset(
    requiredOffset: bigint,
    minInSyncReplicas: number,
  ): { done: boolean; error: number } {
    if (!this.isLeader()) return { done: true, error: ErrorCode.NOT_LEADER_OR_FOLLOWER };
    if (this.highWatermark < requiredOffset) return { done: false, error: ErrorCode.NONE };
    if (this.isr.length < minInSyncReplicas)
      return { done: true, error: ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND };
    return { done: true, error: ErrorCode.NONE };
  }

  /** Raises the high watermark to the smallest log end offset in the ISR; returns whether it moved. */
  maybeIncrementLeaderHW(): boolean {
    if (!this.isLeader()) return false;
    let newHw = this.localLog.logEndOffset;
    for (const id of this.isr) {
      if (id === this.brokerId) continue;
      // Every ISR member must have the data: a follower not heard from yet holds the mark where it is.
      const leo = this.followers.get(id)?.logEndOffset ?? -1n;
      if (leo < 0n) return false;
      if (leo < newHw) newHw = leo;
    }
    const moved = this.localLog.maybeIncrementHighWatermark(newHw);
    return moved !== undefined;
  }

  /**
   * A follower fetched from `fetchOffset`: its log end offset is that offset. Records when it last
   * caught up, adds it to the ISR when it reached the high watermark, and raises the high watermark.
   * Returns whether the high watermark moved.
   */
  updateFollowerFetchState(replicaId: number, fetchOffset: bigint, leaderLogEndOffset: bigint): boolean {
    const f = this.followers.get(replicaId);
    if (!f) return false;
    const now = this.clock.now();
    if (fetchOffset >= leaderLogEndOffset) f.lastCaughtUpTimeMs = now;
    else if (fetchOffset >= f.lastFetchLeaderLogEndOffset && f.lastFetchLeaderLogEndOffset >= 0n) {
      f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, f.lastFetchTimeMs);
    }
    f.logEndOffset = fetchOffset;
    f.lastFetchTimeMs = now;
    f.lastFetchLeaderLogEndOffset = leaderLogEndOffset;
    this.maybeExpandIsr(replicaId);
    return this.maybeIncrementLeaderHW();
  }

  private maybeExpandIsr(replicaId: number): void {
    if (this.isr.includes(replicaId) || this.isrUpdateInFlight) return;
    const f = this.followers.get(replicaId);
    if (!f || !this.replicas.includes(replicaId)) return;
    // Caught up: at or past the high watermark, and past the start of this leader's epoch.
    const epochStart = this.localLog.endOffsetForEpoch(this.leaderEpoch - 1)?.offset ?? 0n;
    if (f.logEndOffset >= this.highWatermark && f.logEndOffset >= epochStart) {
      const newIsr = [...this.isr, replicaId];
      this.log.info(`Expanding ISR from ${this.isr.join(',')} to ${newIsr.join(',')}`);
      void this.changeIsr(newIsr);
    }
  }

  /** Drops followers that have not caught up for `maxLagMs` (Kafka's isr-expiration task). */
  maybeShrinkIsr(maxLagMs: number): void {
    if (!this.isLeader() || this.isrUpdateInFlight) return;
    const now = this.clock.now();
    const lagging = this.isr.filter((id) => {
      if (id === this.brokerId) return false;
      const f = this.followers.get(id);
      return !f || now - f.lastCaughtUpTimeMs > maxLagMs;
    });
    if (lagging.length === 0) return;
    const newIsr = this.isr.filter((id) => !lagging.includes(id));
    this.log.info(
      `Shrinking ISR from ${this.isr.join(',')} to ${newIsr.join(',')}. Leader: (highWatermark: ${this.highWatermark}, endOffset: ${this.localLog.logEndOffset}). Out of sync replicas: ${lagging.join(',')}.`,
    );
    void this.changeIsr(newIsr);
  }

  private async changeIsr(newIsr: number[]): Promise<void> {
    this.isrUpdateInFlight = true;
    try {
      const version = await this.isrSink.updateIsr(this, newIsr);
      if (version === null) {
        this.log.info(`Cached zkVersion ${this.zkVersion} not equal to that in zookeeper, skip updating ISR`);
        return;
      }
      this.isr = newIsr;
      this.zkVersion = version;
      this.log.info(`ISR updated to ${newIsr.join(',')} and zkVersion updated to [${version}]`);
      this.maybeIncrementLeaderHW();
      this.onIsrChanged?.();
    } catch (err) {
      this.log.warn(`Failed to update ISR to ${newIsr.join(',')}`, err);
    } finally {
      this.isrUpdateInFlight = false;
    }
  }

  /** Set by the ReplicaManager: wakes waiting produces when the ISR (and so the HW) changes. */
  onIsrChanged: (() => void) | undefined;
}
