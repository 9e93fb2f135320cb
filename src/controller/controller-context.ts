/**
 * What the active controller knows about the cluster. Owned by the controller's event thread:
 * only code running inside an event touches it.
 */
import type { BrokerInfo, LeaderIsrAndControllerEpoch } from '../zk/zk-data';

/** A partition's leader, ISR and epochs as last written to its state znode, with that znode's version. */
export interface PartitionLeadership {
  leaderAndIsr: LeaderIsrAndControllerEpoch;
  zkVersion: number;
}

export type PartitionState = 'NewPartition' | 'OnlinePartition' | 'OfflinePartition' | 'NonExistentPartition';

/** Kafka's allowed transitions: the states each one may be entered from. */
export const VALID_PREVIOUS_PARTITION_STATES: Record<PartitionState, PartitionState[]> = {
  NewPartition: ['NonExistentPartition'],
  OnlinePartition: ['NewPartition', 'OnlinePartition', 'OfflinePartition'],
  OfflinePartition: ['NewPartition', 'OnlinePartition', 'OfflinePartition'],
  NonExistentPartition: ['OfflinePartition'],
};

export interface TopicPartition {
  topic: string;
  partition: number;
}

export function tpString(tp: TopicPartition): string {
  return `${tp.topic}-${tp.partition}`;
}

export interface LiveBroker {
  info: BrokerInfo;
  /** The czxid of the broker's registration znode. */
  epoch: bigint;
}

export class ControllerContext {
  epoch = 0;
  epochZkVersion = 0;
  readonly liveBrokers = new Map<number, LiveBroker>();
  readonly shuttingDownBrokerIds = new Set<number>();
  readonly allTopics = new Set<string>();
  readonly topicIds = new Map<string, string>();
  /** topic -> partition -> replicas in preference order */
  readonly partitionAssignments = new Map<string, Map<number, number[]>>();
  /** topic -> partition -> leadership */
  readonly partitionLeadership = new Map<string, Map<number, PartitionLeadership>>();
  /** topic -> partition -> state */
  readonly partitionStates = new Map<string, Map<number, PartitionState>>();
  readonly topicsToBeDeleted = new Set<string>();
  /** topic -> replicas (as `broker:partition`) still to confirm StopReplica(delete=true) */
  readonly pendingReplicaDeletions = new Map<string, Set<string>>();

  replicasFor(tp: TopicPartition): number[] {
    return this.partitionAssignments.get(tp.topic)?.get(tp.partition) ?? [];
  }

  leadershipFor(tp: TopicPartition): PartitionLeadership | undefined {
    return this.partitionLeadership.get(tp.topic)?.get(tp.partition);
  }

  setLeadership(tp: TopicPartition, leadership: PartitionLeadership): void {
    let m = this.partitionLeadership.get(tp.topic);
    if (!m) this.partitionLeadership.set(tp.topic, (m = new Map()));
    m.set(tp.partition, leadership);
  }

  stateOf(tp: TopicPartition): PartitionState {
    return this.partitionStates.get(tp.topic)?.get(tp.partition) ?? 'NonExistentPartition';
  }

  /** Sets a partition's state without a transition check (at controller failover). */
  initializeState(tp: TopicPartition, state: PartitionState): void {
    let m = this.partitionStates.get(tp.topic);
    if (!m) this.partitionStates.set(tp.topic, (m = new Map()));
    m.set(tp.partition, state);
  }

  /** Moves a partition to a state, asserting Kafka's allowed transitions. */
  transition(tp: TopicPartition, to: PartitionState): void {
    const from = this.stateOf(tp);
    if (!VALID_PREVIOUS_PARTITION_STATES[to].includes(from)) {
      throw new Error(
        `Partition ${tpString(tp)} should be in one of [${VALID_PREVIOUS_PARTITION_STATES[to].join(', ')}] states before moving to ${to} state. Instead it is in ${from} state`,
      );
    }
    let m = this.partitionStates.get(tp.topic);
    if (!m) this.partitionStates.set(tp.topic, (m = new Map()));
    m.set(tp.partition, to);
  }

  allPartitions(): TopicPartition[] {
    const out: TopicPartition[] = [];
    for (const [topic, parts] of this.partitionAssignments) {
      for (const partition of [...parts.keys()].sort((a, b) => a - b)) out.push({ topic, partition });
    }
    return out;
  }

  partitionsOnBroker(brokerId: number): TopicPartition[] {
    return this.allPartitions().filter((tp) => this.replicasFor(tp).includes(brokerId));
  }

  removeTopic(topic: string): void {
    this.allTopics.delete(topic);
    this.topicIds.delete(topic);
    this.partitionAssignments.delete(topic);
    this.partitionLeadership.delete(topic);
    this.partitionStates.delete(topic);
    this.topicsToBeDeleted.delete(topic);
    this.pendingReplicaDeletions.delete(topic);
  }

  liveBrokerIds(): number[] {
    return [...this.liveBrokers.keys()].sort((a, b) => a - b);
  }

  isLive(brokerId: number): boolean {
    return this.liveBrokers.has(brokerId) && !this.shuttingDownBrokerIds.has(brokerId);
  }

  reset(): void {
    this.epoch = 0;
    this.epochZkVersion = 0;
    this.liveBrokers.clear();
    this.shuttingDownBrokerIds.clear();
    this.allTopics.clear();
    this.topicIds.clear();
    this.partitionAssignments.clear();
    this.partitionLeadership.clear();
    this.partitionStates.clear();
    this.topicsToBeDeleted.clear();
    this.pendingReplicaDeletions.clear();
  }
}

/** What changed between the cached live brokers and a fresh read of `/brokers/ids`. */
export interface BrokerChangeDiff {
  newBrokerIds: number[];
  deadBrokerIds: number[];
  bouncedBrokerIds: number[];
}

/** Pure diff of broker id -> epoch maps: a bounce is the same id with a larger epoch. */
export function diffBrokers(cached: Map<number, bigint>, current: Map<number, bigint>): BrokerChangeDiff {
  const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);
  const newBrokerIds = sorted([...current.keys()].filter((id) => !cached.has(id)));
  const deadBrokerIds = sorted([...cached.keys()].filter((id) => !current.has(id)));
  const bouncedBrokerIds = sorted(
    [...current.entries()]
      .filter(([id, epoch]) => {
        const old = cached.get(id);
        return old !== undefined && epoch > old;
      })
      .map(([id]) => id),
  );
  return { newBrokerIds, deadBrokerIds, bouncedBrokerIds };
}
