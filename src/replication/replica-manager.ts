/**
 * The broker's partitions and their logs (Kafka's ReplicaManager): applies the controller's
 * LeaderAndIsr and StopReplica, appends produce requests on leaders (acks 0, 1 and all through the
 * produce purgatory), reads for consumers (up to the high watermark) and followers (up to the log
 * end offset, recording their progress), and runs the ISR expiration task.
 *
 * A request from an older controller epoch than the newest seen is refused (STALE_CONTROLLER_EPOCH);
 * a partition state is applied only when its leader epoch is newer than the one held.
 *
 * Lifecycle: the constructor does no I/O; `startup()` schedules the isr-expiration task;
 * `shutdown()` completes waiting requests. Runs on the event loop.
 */
import type { Cancellable, Clock, Scheduler } from '../common/clock';
import type { Logger } from '../common/logger';
import { getLogger } from '../common/logger';
import { ErrorCode, KafkaError, toErrorCode } from '../protocol';
import { validateTopicName } from '../admin/topic-validation';
import type { LogConfig, LogManager } from '../storage';
import type { IsrChangeSink, PartitionState } from './partition';
import { Partition } from './partition';
import type { DelayedFetch } from './delayed-operations';
import { DelayedProduce, type ProducePartitionStatus } from './delayed-operations';
import { Purgatory } from './purgatory';
import { maybeWritePartitionMetadata } from './partition-metadata-file';

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface LeaderAndIsrPartition extends PartitionState {
  topic: string;
  topicId: string | null;
  partition: number;
  isNew: boolean;
}

export interface ReplicaManagerOptions {
  brokerId: number;
  logManager: LogManager;
  clock: Clock;
  scheduler: Scheduler;
  isrSink: IsrChangeSink;
  /** The log config for a topic: broker defaults plus its /config/topics overrides. */
  topicLogConfig: (topic: string) => Promise<LogConfig>;
  replicaLagTimeMaxMs: number;
}

function isLegalTopicName(topic: string): boolean {
  try {
    validateTopicName(topic);
    return true;
  } catch {
    return false;
  }
}

export const tpKey = (tp: TopicPartition): string => `${tp.topic}-${tp.partition}`;

export type PartitionError = TopicPartition & { errorCode: number };

export interface LeaderEndpoint {
  host: string;
  port: number;
}

/**
 * Told when partitions change role on this broker: the replica fetchers follow and unfollow, the
 * group coordinator loads and unloads the groups of `__consumer_offsets` partitions.
 */
export interface PartitionRoleListener {
  onBecomeLeader?(partitions: Partition[]): void;
  onBecomeFollower?(partitions: Partition[], leaderEndpoints: ReadonlyMap<number, LeaderEndpoint>): void;
  /** StopReplica: the partitions are no longer hosted here (deleted or not). */
  onStopReplica?(partitions: TopicPartition[]): void;
}

export class ReplicaManager {
  private controllerEpoch = 0;
  private readonly partitions = new Map<string, Partition>();
  private readonly stateChangeLog: Logger;
  private readonly log: Logger;
  readonly producePurgatory: Purgatory<DelayedProduce>;
  readonly fetchPurgatory: Purgatory<DelayedFetch>;
  private isrExpiration: Cancellable | undefined;
  private readonly listeners: PartitionRoleListener[] = [];

  constructor(private readonly o: ReplicaManagerOptions) {
    this.stateChangeLog = getLogger('state.change.logger', `[Broker id=${o.brokerId}] `);
    this.log = getLogger('kafka.server.ReplicaManager', `[ReplicaManager broker=${o.brokerId}] `);
    this.producePurgatory = new Purgatory('Produce', o.scheduler);
    this.fetchPurgatory = new Purgatory('Fetch', o.scheduler);
  }

  get brokerId(): number {
    return this.o.brokerId;
  }

  startup(): void {
    const period = Math.max(1, Math.floor(this.o.replicaLagTimeMaxMs / 2));
    this.isrExpiration ??= this.o.scheduler.schedulePeriodic(period, period, () => {
      for (const p of this.partitions.values()) p.maybeShrinkIsr(this.o.replicaLagTimeMaxMs);
    });
  }

  shutdown(): void {
    this.isrExpiration?.cancel();
    this.isrExpiration = undefined;
    this.producePurgatory.shutdown();
    this.fetchPurgatory.shutdown();
  }

  addListener(listener: PartitionRoleListener): void {
    this.listeners.push(listener);
  }

  getPartition(tp: TopicPartition): Partition | undefined {
    return this.partitions.get(tpKey(tp));
  }

  isLeader(tp: TopicPartition): boolean {
    return this.getPartition(tp)?.isLeader() ?? false;
  }

  hostedPartitions(): Partition[] {
    return [...this.partitions.values()];
  }

  /** The partition if this broker leads it, else the error a client should get. */
  leaderPartition(tp: TopicPartition, knownTopic: boolean): Partition {
    const p = this.getPartition(tp);
    if (p?.isLeader()) return p;
    if (!p && !knownTopic) {
      throw new KafkaError(
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        `This server does not host this topic-partition.`,
      );
    }
    throw new KafkaError(ErrorCode.NOT_LEADER_OR_FOLLOWER, `This server is not the leader for ${tpKey(tp)}`);
  }

  async becomeLeaderOrFollower(
    controllerId: number,
    controllerEpoch: number,
    correlationId: number,
    states: LeaderAndIsrPartition[],
    leaderEndpoints: ReadonlyMap<number, LeaderEndpoint> = new Map(),
  ): Promise<{ errorCode: number; partitionErrors: PartitionError[] }> {
    if (controllerEpoch < this.controllerEpoch) {
      this.stateChangeLog.warn(
        `Ignoring LeaderAndIsr request from controller ${controllerId} with correlation id ${correlationId} since its controller epoch ${controllerEpoch} is old. Latest known controller epoch is ${this.controllerEpoch}`,
      );
      return { errorCode: ErrorCode.STALE_CONTROLLER_EPOCH, partitionErrors: [] };
    }
    this.controllerEpoch = controllerEpoch;
    const partitionErrors: PartitionError[] = [];
    const newFollowers: Partition[] = [];
    const newLeaders: Partition[] = [];
    for (const s of states) {
      const tp = { topic: s.topic, partition: s.partition };
      const current = this.getPartition(tp);
      if (current && s.leaderEpoch <= current.leaderEpoch) {
        this.stateChangeLog.info(
          `Ignoring LeaderAndIsr request from controller ${controllerId} with correlation id ${correlationId} epoch ${controllerEpoch} for partition ${tpKey(tp)} since its associated leader epoch ${s.leaderEpoch} is not higher than the current leader epoch ${current.leaderEpoch}`,
        );
        partitionErrors.push({ ...tp, errorCode: ErrorCode.STALE_CONTROLLER_EPOCH });
        continue;
      }
      // The topic name becomes a directory name: never let one escape the log dir.
      if (!isLegalTopicName(s.topic)) {
        partitionErrors.push({ ...tp, errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION });
        continue;
      }
      if (!s.replicas.includes(this.o.brokerId)) {
        partitionErrors.push({ ...tp, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
        continue;
      }
      try {
        const partition = current ?? (await this.createPartition(tp));
        maybeWritePartitionMetadata(partition.localLog.dir, s.topicId);
        if (s.leader === this.o.brokerId) {
          partition.makeLeader(s);
          newLeaders.push(partition);
          this.stateChangeLog.info(
            `Leader ${tpKey(tp)} starts at leader epoch ${s.leaderEpoch} from offset ${partition.localLog.logEndOffset} with high watermark ${partition.highWatermark} ISR [${s.isr.join(',')}]`,
          );
        } else {
          partition.makeFollower(s);
          newFollowers.push(partition);
          this.stateChangeLog.info(
            `Follower ${tpKey(tp)} starts at leader epoch ${s.leaderEpoch} with leader ${s.leader}`,
          );
        }
        // Waiting produces and fetches on a partition that changed role are answered now.
        this.producePurgatory.checkAndComplete(tpKey(tp));
        this.fetchPurgatory.checkAndComplete(tpKey(tp));
        partitionErrors.push({ ...tp, errorCode: ErrorCode.NONE });
      } catch (err) {
        this.stateChangeLog.error(
          `Error while making broker the leader or follower for partition ${tpKey(tp)}`,
          err,
        );
        partitionErrors.push({ ...tp, errorCode: toErrorCode(err) });
      }
    }
    for (const l of this.listeners) {
      if (newLeaders.length > 0) l.onBecomeLeader?.(newLeaders);
      if (newFollowers.length > 0) l.onBecomeFollower?.(newFollowers, leaderEndpoints);
    }
    return { errorCode: ErrorCode.NONE, partitionErrors };
  }

  private async createPartition(tp: TopicPartition): Promise<Partition> {
    const config = await this.o.topicLogConfig(tp.topic);
    const existing = this.getPartition(tp);
    if (existing) return existing;
    const log = this.o.logManager.getOrCreateLog(tp, config);
    const partition = new Partition(
      tp.topic,
      tp.partition,
      this.o.brokerId,
      log,
      this.o.clock,
      this.o.isrSink,
    );
    partition.onIsrChanged = () => this.producePurgatory.checkAndComplete(tpKey(tp));
    this.partitions.set(tpKey(tp), partition);
    return partition;
  }

  stopReplicas(
    controllerId: number,
    controllerEpoch: number,
    partitions: (TopicPartition & { deletePartition: boolean })[],
  ): { errorCode: number; partitionErrors: PartitionError[] } {
    if (controllerEpoch < this.controllerEpoch) {
      this.stateChangeLog.warn(
        `Ignoring StopReplica request from controller ${controllerId} since its controller epoch ${controllerEpoch} is old. Latest known controller epoch is ${this.controllerEpoch}`,
      );
      return { errorCode: ErrorCode.STALE_CONTROLLER_EPOCH, partitionErrors: [] };
    }
    this.controllerEpoch = controllerEpoch;
    const partitionErrors: PartitionError[] = [];
    const stopped = partitions.map((p) => ({ topic: p.topic, partition: p.partition }));
    for (const l of this.listeners) l.onStopReplica?.(stopped);
    for (const p of partitions) {
      const tp = { topic: p.topic, partition: p.partition };
      if (!isLegalTopicName(p.topic)) {
        partitionErrors.push({ ...tp, errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION });
        continue;
      }
      this.partitions.delete(tpKey(tp));
      this.producePurgatory.checkAndComplete(tpKey(tp));
      this.fetchPurgatory.checkAndComplete(tpKey(tp));
      if (p.deletePartition) {
        try {
          this.o.logManager.deleteLog(tp);
        } catch (err) {
          this.log.error(`Error while deleting log for partition ${tpKey(tp)}`, err);
          partitionErrors.push({ ...tp, errorCode: ErrorCode.KAFKA_STORAGE_ERROR });
          continue;
        }
      }
      partitionErrors.push({ ...tp, errorCode: ErrorCode.NONE });
    }
    return { errorCode: ErrorCode.NONE, partitionErrors };
  }

  /** After an append or a high-watermark move: wake what waits on the partition. */
  onPartitionChanged(tp: TopicPartition): void {
    const key = tpKey(tp);
    this.producePurgatory.checkAndComplete(key);
    this.fetchPurgatory.checkAndComplete(key);
  }

  /** Waits (acks=all) until every partition's high watermark passes its append, then responds. */
  awaitReplication(
    timeoutMs: number,
    statuses: ProducePartitionStatus[],
    respond: (statuses: ProducePartitionStatus[]) => void,
  ): void {
    const op = new DelayedProduce(
      timeoutMs,
      statuses,
      (s) => {
        const p = this.getPartition(s);
        if (!p) return { done: true, error: ErrorCode.NOT_LEADER_OR_FOLLOWER };
        return p.checkEnoughReplicasReachOffset(s.requiredOffset, p.localLog.config.minInSyncReplicas);
      },
      respond,
    );
    this.producePurgatory.tryCompleteElseWatch(
      op,
      statuses.filter((s) => s.requiredOffset >= 0n).map((s) => tpKey(s)),
    );
  }
}
