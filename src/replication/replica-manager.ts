/**
 * The broker's side of the controller's LeaderAndIsr and StopReplica requests (Kafka's
 * ReplicaManager.becomeLeaderOrFollower / stopReplicas): which partitions this broker hosts, as leader
 * or follower, at which leader epoch, and their logs.
 *
 * A request from an older controller epoch than the newest seen is refused (STALE_CONTROLLER_EPOCH);
 * a partition state is applied only when its leader epoch is newer than the one we hold.
 *
 * Runs on the request path; each call completes its state changes synchronously, so two requests
 * never interleave their updates.
 */
import { ErrorCode } from '../protocol';
import type { Logger } from '../common/logger';
import { getLogger } from '../common/logger';
import { validateTopicName } from '../admin/topic-validation';

function isLegalTopicName(topic: string): boolean {
  try {
    validateTopicName(topic);
    return true;
  } catch {
    return false;
  }
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Where partition logs live; the storage layer implements it. */
export interface LogStore {
  hasLog(tp: TopicPartition): boolean;
  /** Creates (or opens) the partition's log. */
  getOrCreateLog(tp: TopicPartition, topicId: string | null): void;
  /** Removes the partition's log and its directory. */
  deleteLog(tp: TopicPartition): void;
}

export interface PartitionInfo {
  leader: number;
  leaderEpoch: number;
  isr: number[];
  replicas: number[];
  zkVersion: number;
  controllerEpoch: number;
}

export interface LeaderAndIsrPartition {
  topic: string;
  topicId: string | null;
  partition: number;
  controllerEpoch: number;
  leader: number;
  leaderEpoch: number;
  isr: number[];
  zkVersion: number;
  replicas: number[];
  isNew: boolean;
}

export class ReplicaManager {
  private controllerEpoch = 0;
  private readonly partitions = new Map<string, Map<number, PartitionInfo>>();
  private readonly stateChangeLog: Logger;
  private readonly log: Logger;

  constructor(
    readonly brokerId: number,
    private readonly logs: LogStore,
  ) {
    this.stateChangeLog = getLogger('state.change.logger', `[Broker id=${brokerId}] `);
    this.log = getLogger('kafka.server.ReplicaManager', `[ReplicaManager broker=${brokerId}] `);
  }

  partition(tp: TopicPartition): PartitionInfo | undefined {
    return this.partitions.get(tp.topic)?.get(tp.partition);
  }

  isLeader(tp: TopicPartition): boolean {
    return this.partition(tp)?.leader === this.brokerId;
  }

  hostedPartitions(): TopicPartition[] {
    return [...this.partitions].flatMap(([topic, m]) =>
      [...m.keys()].map((partition) => ({ topic, partition })),
    );
  }

  /** Returns null when the whole request is stale, else the per-partition error codes. */
  becomeLeaderOrFollower(
    controllerId: number,
    controllerEpoch: number,
    correlationId: number,
    states: LeaderAndIsrPartition[],
  ): { errorCode: number; partitionErrors: (TopicPartition & { errorCode: number })[] } {
    if (controllerEpoch < this.controllerEpoch) {
      this.stateChangeLog.warn(
        `Ignoring LeaderAndIsr request from controller ${controllerId} with correlation id ${correlationId} since its controller epoch ${controllerEpoch} is old. Latest known controller epoch is ${this.controllerEpoch}`,
      );
      return { errorCode: ErrorCode.STALE_CONTROLLER_EPOCH, partitionErrors: [] };
    }
    this.controllerEpoch = controllerEpoch;
    const partitionErrors: (TopicPartition & { errorCode: number })[] = [];
    for (const s of states) {
      const tp = { topic: s.topic, partition: s.partition };
      const current = this.partition(tp);
      if (current && s.leaderEpoch <= current.leaderEpoch) {
        this.stateChangeLog.info(
          `Ignoring LeaderAndIsr request from controller ${controllerId} with correlation id ${correlationId} epoch ${controllerEpoch} for partition ${s.topic}-${s.partition} since its associated leader epoch ${s.leaderEpoch} is not higher than the current leader epoch ${current.leaderEpoch}`,
        );
        partitionErrors.push({ ...tp, errorCode: ErrorCode.STALE_CONTROLLER_EPOCH });
        continue;
      }
      // The topic name becomes a directory name: never let one escape the log dir.
      if (!isLegalTopicName(s.topic)) {
        partitionErrors.push({ ...tp, errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION });
        continue;
      }
      if (!s.replicas.includes(this.brokerId)) {
        partitionErrors.push({ ...tp, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION });
        continue;
      }
      this.logs.getOrCreateLog(tp, s.topicId);
      let m = this.partitions.get(s.topic);
      if (!m) this.partitions.set(s.topic, (m = new Map()));
      m.set(s.partition, {
        leader: s.leader,
        leaderEpoch: s.leaderEpoch,
        isr: [...s.isr],
        replicas: [...s.replicas],
        zkVersion: s.zkVersion,
        controllerEpoch: s.controllerEpoch,
      });
      if (s.leader === this.brokerId) {
        this.stateChangeLog.info(
          `Leader ${s.topic}-${s.partition} starts at leader epoch ${s.leaderEpoch} with ISR [${s.isr.join(', ')}] from controller ${controllerId} epoch ${controllerEpoch}`,
        );
      } else {
        this.stateChangeLog.info(
          `Follower ${s.topic}-${s.partition} starts at leader epoch ${s.leaderEpoch} with leader ${s.leader} from controller ${controllerId} epoch ${controllerEpoch}`,
        );
      }
      partitionErrors.push({ ...tp, errorCode: ErrorCode.NONE });
    }
    return { errorCode: ErrorCode.NONE, partitionErrors };
  }

  stopReplicas(
    controllerId: number,
    controllerEpoch: number,
    partitions: (TopicPartition & { deletePartition: boolean })[],
  ): { errorCode: number; partitionErrors: (TopicPartition & { errorCode: number })[] } {
    if (controllerEpoch < this.controllerEpoch) {
      this.stateChangeLog.warn(
        `Ignoring StopReplica request from controller ${controllerId} since its controller epoch ${controllerEpoch} is old. Latest known controller epoch is ${this.controllerEpoch}`,
      );
      return { errorCode: ErrorCode.STALE_CONTROLLER_EPOCH, partitionErrors: [] };
    }
    this.controllerEpoch = controllerEpoch;
    const partitionErrors: (TopicPartition & { errorCode: number })[] = [];
    for (const p of partitions) {
      const tp = { topic: p.topic, partition: p.partition };
      if (!isLegalTopicName(p.topic)) {
        partitionErrors.push({ ...tp, errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION });
        continue;
      }
      const m = this.partitions.get(p.topic);
      m?.delete(p.partition);
      if (m && m.size === 0) this.partitions.delete(p.topic);
      if (p.deletePartition) {
        try {
          if (this.logs.hasLog(tp)) this.logs.deleteLog(tp);
        } catch (err) {
          this.log.error(`Error while deleting log for partition ${p.topic}-${p.partition}`, err);
          partitionErrors.push({ ...tp, errorCode: ErrorCode.KAFKA_STORAGE_ERROR });
          continue;
        }
      }
      partitionErrors.push({ ...tp, errorCode: ErrorCode.NONE });
    }
    return { errorCode: ErrorCode.NONE, partitionErrors };
  }
}
