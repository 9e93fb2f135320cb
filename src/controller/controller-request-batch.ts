/**
 * Collects the requests one controller action produces and sends them per broker in Kafka's order:
 * LeaderAndIsr, then UpdateMetadata, then StopReplica (ControllerBrokerRequestBatch). Every
 * LeaderAndIsr also puts that partition into the UpdateMetadata sent to every live broker.
 * Versions are those of inter.broker.protocol.version 2.8: LeaderAndIsr v5, UpdateMetadata v7,
 * StopReplica v3.
 */
import { ApiKey, ErrorCode, type StopReplicaResponse } from '../protocol';
import type { Logger } from '../common/logger';
import type { ControllerChannelManager } from './controller-channel-manager';
import type { ControllerContext, TopicPartition } from './controller-context';

export const LEADER_AND_ISR_VERSION = 5;
export const UPDATE_METADATA_VERSION = 7;
export const STOP_REPLICA_VERSION = 3;
/** The leader UpdateMetadata carries for a partition of a topic being deleted. */
export const LEADER_DURING_DELETE = -2;
export const ZERO_TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAA';

const SECURITY_PROTOCOL_IDS: Record<string, number> = {
  PLAINTEXT: 0,
  SSL: 1,
  SASL_PLAINTEXT: 2,
  SASL_SSL: 3,
};

interface LeaderAndIsrEntry {
  tp: TopicPartition;
  isNew: boolean;
}

interface StopReplicaEntry {
  tp: TopicPartition;
  deletePartition: boolean;
  leaderEpoch: number;
}

export type StopReplicaCallback = (brokerId: number, response: StopReplicaResponse) => void;

export class ControllerRequestBatch {
  private readonly leaderAndIsr = new Map<number, Map<string, LeaderAndIsrEntry>>();
  private readonly updateMetadataBrokers = new Set<number>();
  private readonly updateMetadataPartitions = new Map<string, TopicPartition>();
  private readonly stopReplica = new Map<number, StopReplicaEntry[]>();

  constructor(
    private readonly controllerId: number,
    private readonly context: ControllerContext,
    private readonly channel: ControllerChannelManager,
    private readonly stateChangeLog: Logger,
  ) {}

  addLeaderAndIsr(brokerIds: number[], tp: TopicPartition, isNew: boolean): void {
    for (const id of brokerIds) {
      if (!this.context.liveBrokers.has(id)) continue;
      let m = this.leaderAndIsr.get(id);
      if (!m) this.leaderAndIsr.set(id, (m = new Map()));
      const key = `${tp.topic}\u0000${tp.partition}`;
      const existing = m.get(key);
      m.set(key, { tp, isNew: isNew || (existing?.isNew ?? false) });
    }
    this.addUpdateMetadata(this.context.liveBrokerIds(), [tp]);
  }

  /** UpdateMetadata for these partitions (none: just the live-broker list) to these brokers. */
  addUpdateMetadata(brokerIds: number[], partitions: TopicPartition[]): void {
    for (const id of brokerIds) if (this.context.liveBrokers.has(id)) this.updateMetadataBrokers.add(id);
    for (const tp of partitions) this.updateMetadataPartitions.set(`${tp.topic}\u0000${tp.partition}`, tp);
  }

  addStopReplica(brokerIds: number[], tp: TopicPartition, deletePartition: boolean): void {
    const leaderEpoch = this.context.topicsToBeDeleted.has(tp.topic)
      ? -2
      : (this.context.leadershipFor(tp)?.leaderAndIsr.leaderEpoch ?? -1);
    for (const id of brokerIds) {
      if (!this.context.liveBrokers.has(id)) continue;
      let list = this.stopReplica.get(id);
      if (!list) this.stopReplica.set(id, (list = []));
      list.push({ tp, deletePartition, leaderEpoch });
    }
  }

  /** Sends everything collected, in Kafka's order, and empties the batch. */
  send(onStopReplicaResponse?: StopReplicaCallback): void {
    const epoch = this.context.epoch;
    for (const [brokerId, entries] of this.leaderAndIsr)
      this.sendLeaderAndIsr(brokerId, [...entries.values()], epoch);
    if (this.updateMetadataBrokers.size > 0) {
      const partitions = [...this.updateMetadataPartitions.values()];
      for (const brokerId of this.updateMetadataBrokers) this.sendUpdateMetadata(brokerId, partitions, epoch);
    }
    for (const [brokerId, entries] of this.stopReplica) {
      this.sendStopReplica(brokerId, entries, epoch, onStopReplicaResponse);
    }
    this.leaderAndIsr.clear();
    this.updateMetadataBrokers.clear();
    this.updateMetadataPartitions.clear();
    this.stopReplica.clear();
  }

  private brokerEpoch(brokerId: number): bigint {
    return this.context.liveBrokers.get(brokerId)?.epoch ?? -1n;
  }

  private groupByTopic<T extends { tp: TopicPartition }>(entries: T[]): Map<string, T[]> {
    const byTopic = new Map<string, T[]>();
    for (const e of entries) {
      let list = byTopic.get(e.tp.topic);
      if (!list) byTopic.set(e.tp.topic, (list = []));
      list.push(e);
    }
    return byTopic;
  }

  private partitionState(tp: TopicPartition): {
    controllerEpoch: number;
    leader: number;
    leaderEpoch: number;
    isr: number[];
    zkVersion: number;
    replicas: number[];
  } {
    const leadership = this.context.leadershipFor(tp);
    const l = leadership?.leaderAndIsr;
    return {
      controllerEpoch: l?.controllerEpoch ?? this.context.epoch,
      leader: l?.leader ?? -1,
      leaderEpoch: l?.leaderEpoch ?? -1,
      isr: l?.isr ?? [],
      zkVersion: leadership?.zkVersion ?? -1,
      replicas: this.context.replicasFor(tp),
    };
  }

  private sendLeaderAndIsr(brokerId: number, entries: LeaderAndIsrEntry[], epoch: number): void {
    const leaders = new Set<number>();
    const topicStates = [...this.groupByTopic(entries)].map(([topic, list]) => ({
      topicName: topic,
      topicId: this.context.topicIds.get(topic) ?? ZERO_TOPIC_ID,
      partitionStates: list.map(({ tp, isNew }) => {
        const state = this.partitionState(tp);
        if (state.leader >= 0) leaders.add(state.leader);
        const typ = state.leader === brokerId ? 'become-leader' : 'become-follower';
        this.stateChangeLog.trace(
          `Sending ${typ} LeaderAndIsr request LeaderAndIsrPartitionState(topicName='${tp.topic}', partitionIndex=${tp.partition}, controllerEpoch=${state.controllerEpoch}, leader=${state.leader}, leaderEpoch=${state.leaderEpoch}, isr=[${state.isr.join(', ')}], zkVersion=${state.zkVersion}, replicas=[${state.replicas.join(', ')}], isNew=${isNew}) to broker ${brokerId} for partition ${tp.topic}-${tp.partition}`,
        );
        return { ...state, partitionIndex: tp.partition, addingReplicas: [], removingReplicas: [], isNew };
      }),
    }));
    const liveLeaders = [...leaders].flatMap((id) => {
      const b = this.context.liveBrokers.get(id);
      const e = b?.info.endpoints[0];
      return b && e ? [{ brokerId: id, hostName: e.host, port: e.port }] : [];
    });
    this.channel.sendRequest(brokerId, ApiKey.LeaderAndIsr, LEADER_AND_ISR_VERSION, {
      controllerId: this.controllerId,
      controllerEpoch: epoch,
      brokerEpoch: this.brokerEpoch(brokerId),
      type: 0,
      topicStates,
      liveLeaders,
    });
  }

  private sendUpdateMetadata(brokerId: number, partitions: TopicPartition[], epoch: number): void {
    const topicStates = [...this.groupByTopic(partitions.map((tp) => ({ tp })))].map(([topic, list]) => ({
      topicName: topic,
      topicId: this.context.topicIds.get(topic) ?? ZERO_TOPIC_ID,
      partitionStates: list.map(({ tp }) => {
        const state = this.partitionState(tp);
        const deleting = this.context.topicsToBeDeleted.has(tp.topic);
        return {
          topicName: tp.topic,
          partitionIndex: tp.partition,
          controllerEpoch: state.controllerEpoch,
          leader: deleting ? LEADER_DURING_DELETE : state.leader,
          leaderEpoch: state.leaderEpoch,
          isr: state.isr,
          zkVersion: state.zkVersion,
          replicas: state.replicas,
          offlineReplicas: state.replicas.filter((r) => !this.context.liveBrokers.has(r)),
        };
      }),
    }));
    const liveBrokers = this.context.liveBrokerIds().map((id) => {
      const info = this.context.liveBrokers.get(id)?.info;
      return {
        id,
        endpoints: (info?.endpoints ?? []).map((e) => ({
          port: e.port,
          host: e.host,
          listener: e.listenerName,
          securityProtocol: SECURITY_PROTOCOL_IDS[e.securityProtocol] ?? 0,
        })),
        rack: info?.rack ?? null,
      };
    });
    this.channel.sendRequest(brokerId, ApiKey.UpdateMetadata, UPDATE_METADATA_VERSION, {
      controllerId: this.controllerId,
      controllerEpoch: epoch,
      brokerEpoch: this.brokerEpoch(brokerId),
      topicStates,
      liveBrokers,
    });
  }

  private sendStopReplica(
    brokerId: number,
    entries: StopReplicaEntry[],
    epoch: number,
    onResponse: StopReplicaCallback | undefined,
  ): void {
    const topicStates = [...this.groupByTopic(entries)].map(([topic, list]) => ({
      topicName: topic,
      partitionStates: list.map((e) => ({
        partitionIndex: e.tp.partition,
        leaderEpoch: e.leaderEpoch,
        deletePartition: e.deletePartition,
      })),
    }));
    this.channel.sendRequest(
      brokerId,
      ApiKey.StopReplica,
      STOP_REPLICA_VERSION,
      {
        controllerId: this.controllerId,
        controllerEpoch: epoch,
        brokerEpoch: this.brokerEpoch(brokerId),
        topicStates,
      },
      (response) => {
        if (response.errorCode !== ErrorCode.NONE) return;
        onResponse?.(brokerId, response);
      },
    );
  }
}
