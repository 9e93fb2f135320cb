/**
 * What the active controller does to the cluster (KafkaController's onControllerFailover,
 * onBrokerStartup, onBrokerFailure, processTopicChange, processPartitionModifications): reads
 * ZooKeeper into the context, runs the partition state machine and topic deletion, and sends the
 * resulting requests to brokers.
 *
 * Runs only inside controller events.
 */
import type { Logger } from '../common/logger';
import type { KafkaZkClient } from '../zk/kafka-zk-client';
import type { Watcher } from '../zk/zookeeper-client';
import { generateUuidAsBase64 } from '../zk/kafka-zk-client';
import type { ControllerChannelManager } from './controller-channel-manager';
import type { ControllerContext, TopicPartition } from './controller-context';
import { ControllerRequestBatch } from './controller-request-batch';
import { PartitionStateMachine } from './partition-state-machine';
import { TopicDeletionManager } from './topic-deletion-manager';
import { partitionsToRebalance } from './leader-imbalance';
import { ErrorCode } from '../protocol';

export type ElectionTrigger = 'AutoTriggered' | 'AdminClientTriggered' | 'ZkTriggered';

export interface ElectionOutcome {
  tp: TopicPartition;
  errorCode: number;
  message: string | null;
}

export interface ClusterOperationsOptions {
  controllerId: number;
  context: ControllerContext;
  zkClient: KafkaZkClient;
  channel: ControllerChannelManager;
  log: Logger;
  stateChangeLog: Logger;
  deleteTopicEnable: boolean;
  uncleanLeaderElectionEnable: boolean;
  /** Watches that enqueue controller events (only while this broker stays controller). */
  watchers: {
    topicChange: Watcher;
    topicDeletion: Watcher;
    isrChange: Watcher;
    partitionModifications: (topic: string) => Watcher;
  };
}

export class ClusterOperations {
  readonly partitionStateMachine: PartitionStateMachine;
  readonly topicDeletion: TopicDeletionManager;

  constructor(private readonly o: ClusterOperationsOptions) {
    this.partitionStateMachine = new PartitionStateMachine({
      controllerId: o.controllerId,
      context: o.context,
      zkClient: o.zkClient,
      stateChangeLog: o.stateChangeLog,
      uncleanLeaderElectionEnable: o.uncleanLeaderElectionEnable,
    });
    this.topicDeletion = new TopicDeletionManager({
      controllerId: o.controllerId,
      context: o.context,
      zkClient: o.zkClient,
      partitionStateMachine: this.partitionStateMachine,
      deleteTopicEnable: o.deleteTopicEnable,
      log: o.log,
    });
  }

  private get ctx(): ControllerContext {
    return this.o.context;
  }

  newBatch(): ControllerRequestBatch {
    return new ControllerRequestBatch(this.o.controllerId, this.ctx, this.o.channel, this.o.stateChangeLog);
  }

  /** Sends a batch; StopReplica(delete=true) confirmations come back as `onReplicasDeleted`. */
  send(
    batch: ControllerRequestBatch,
    onReplicasDeleted: (brokerId: number, tps: TopicPartition[]) => void,
  ): void {
    batch.send((brokerId, response) => {
      const deleted = response.partitionErrors
        .filter((p) => p.errorCode === 0)
        .map((p) => ({ topic: p.topicName, partition: p.partitionIndex }));
      onReplicasDeleted(brokerId, deleted);
    });
  }

  /** Failover steps after the broker list is known: topics, states, requests, elections, deletions. */
  async initialize(batch: ControllerRequestBatch): Promise<void> {
    const zk = this.o.zkClient;
    for (const [id, b] of this.ctx.liveBrokers) this.o.channel.addBroker(id, b.info.endpoints);
    const topics = await zk.getAllTopics(this.o.watchers.topicChange);
    for (const topic of topics) await this.loadTopic(topic);
    const marked = await zk.getTopicDeletions(this.o.watchers.topicDeletion);
    await zk.getIsrChangeNotifications(this.o.watchers.isrChange);
    this.partitionStateMachine.initializePartitionStates();

    // Brokers first learn who is alive, then get each partition's current state.
    batch.addUpdateMetadata(this.ctx.liveBrokerIds(), []);
    for (const tp of this.ctx.allPartitions()) {
      if (!this.ctx.leadershipFor(tp)) continue;
      batch.addLeaderAndIsr(
        this.ctx.replicasFor(tp).filter((r) => this.ctx.isLive(r)),
        tp,
        false,
      );
    }
    await this.partitionStateMachine.triggerOnlinePartitionStateChange(batch);
    // Replicas on brokers that are not registered go offline: they leave the ISRs they are still in.
    const deadReplicaBrokers = [
      ...new Set(this.ctx.allPartitions().flatMap((tp) => this.ctx.replicasFor(tp))),
    ].filter((id) => !this.ctx.liveBrokers.has(id));
    if (deadReplicaBrokers.length > 0) {
      await this.partitionStateMachine.removeReplicasFromIsr(deadReplicaBrokers, batch);
    }
    await this.topicDeletion.enqueueTopicsForDeletion(marked, batch);
  }

  /** Reads a topic's assignment (watching it), gives it a topic id if it has none, reads its states. */
  private async loadTopic(topic: string): Promise<TopicPartition[]> {
    const zk = this.o.zkClient;
    const read = await zk.getTopicAssignment(topic, this.o.watchers.partitionModifications(topic));
    if (!read) return [];
    let { assignment } = read;
    if (assignment.topicId === null) {
      assignment = { ...assignment, topicId: generateUuidAsBase64() };
      await zk.setTopicAssignment(topic, assignment, read.zkVersion, this.ctx.epochZkVersion);
    }
    this.ctx.allTopics.add(topic);
    this.ctx.topicIds.set(topic, assignment.topicId ?? '');
    this.ctx.partitionAssignments.set(topic, new Map(assignment.partitions));
    const partitions = [...assignment.partitions.keys()]
      .sort((a, b) => a - b)
      .map((p) => ({ topic, partition: p }));
    for (const tp of partitions) {
      const state = await zk.getPartitionState(tp.topic, tp.partition);
      if (state) this.ctx.setLeadership(tp, { leaderAndIsr: state.state, zkVersion: state.zkVersion });
    }
    return partitions;
  }

  /** `/brokers/topics` children changed: new topics get partitions, leaders and requests. */
  async processTopicChange(batch: ControllerRequestBatch): Promise<void> {
    const topics = await this.o.zkClient.getAllTopics(this.o.watchers.topicChange);
    const added = topics.filter((t) => !this.ctx.allTopics.has(t));
    const removed = [...this.ctx.allTopics].filter((t) => !topics.includes(t));
    for (const t of removed) this.ctx.removeTopic(t);
    const newPartitions: TopicPartition[] = [];
    for (const topic of added) newPartitions.push(...(await this.loadTopic(topic)));
    this.o.log.info(
      `New topics: [Set(${added.join(', ')})], deleted topics: [Set(${removed.join(', ')})], new partition replica assignment [${newPartitions
        .map((tp) => `${tp.topic}-${tp.partition} -> [${this.ctx.replicasFor(tp).join(', ')}]`)
        .join(', ')}]`,
    );
    if (newPartitions.length > 0) await this.onNewPartitionCreation(newPartitions, batch);
  }

  /** A topic znode's data changed: partitions were added (or the controller wrote a topic id). */
  async processPartitionModifications(topic: string, batch: ControllerRequestBatch): Promise<void> {
    const read = await this.o.zkClient.getTopicAssignment(
      topic,
      this.o.watchers.partitionModifications(topic),
    );
    if (!read || !this.ctx.allTopics.has(topic)) return;
    const known = this.ctx.partitionAssignments.get(topic) ?? new Map<number, number[]>();
    const added = [...read.assignment.partitions.keys()].filter((p) => !known.has(p)).sort((a, b) => a - b);
    if (added.length === 0) return;
    if (this.ctx.topicsToBeDeleted.has(topic)) {
      this.o.log.info(
        `Skipping adding partitions ${added.join(',')} for topic ${topic} since it is currently being deleted`,
      );
      return;
    }
    for (const p of added) known.set(p, read.assignment.partitions.get(p) ?? []);
    this.ctx.partitionAssignments.set(topic, known);
    const tps = added.map((partition) => ({ topic, partition }));
    this.o.log.info(`New partitions to be added ${tps.map((tp) => `${tp.topic}-${tp.partition}`).join(',')}`);
    await this.onNewPartitionCreation(tps, batch);
  }

  private async onNewPartitionCreation(
    partitions: TopicPartition[],
    batch: ControllerRequestBatch,
  ): Promise<void> {
    this.o.log.info(
      `New partition creation callback for ${partitions.map((tp) => `${tp.topic}-${tp.partition}`).join(',')}`,
    );
    this.partitionStateMachine.newPartitions(partitions);
    await this.partitionStateMachine.toOnline(partitions, 'offline', batch);
  }

  /** Leaders changed ISRs in ZooKeeper: re-read those partitions and tell every broker. */
  async processIsrChangeNotification(batch: ControllerRequestBatch): Promise<void> {
    const zk = this.o.zkClient;
    const children = await zk.getIsrChangeNotifications(this.o.watchers.isrChange);
    const changed = new Map<string, TopicPartition>();
    for (const child of children) {
      for (const tp of await zk.consumeIsrChangeNotification(child, this.ctx.epochZkVersion)) {
        if (this.ctx.replicasFor(tp).length > 0) changed.set(`${tp.topic}\u0000${tp.partition}`, tp);
      }
    }
    if (changed.size === 0) return;
    for (const tp of changed.values()) await this.partitionStateMachine.refreshLeadership(tp);
    this.o.log.debug(
      `Sending UpdateMetadata for ISR changes of ${[...changed.values()].map((tp) => `${tp.topic}-${tp.partition}`).join(',')}`,
    );
    batch.addUpdateMetadata(this.ctx.liveBrokerIds(), [...changed.values()]);
  }

  async processTopicDeletion(batch: ControllerRequestBatch): Promise<void> {
    const marked = await this.o.zkClient.getTopicDeletions(this.o.watchers.topicDeletion);
    await this.topicDeletion.enqueueTopicsForDeletion(marked, batch);
  }

  /** Kafka's onBrokerStartup: metadata to everyone, current state to the new brokers, elections. */
  async onBrokerStartup(newBrokers: number[], batch: ControllerRequestBatch): Promise<void> {
    this.o.log.info(`New broker startup callback for ${newBrokers.join(',')}`);
    for (const id of newBrokers) {
      const b = this.ctx.liveBrokers.get(id);
      if (b) this.o.channel.addBroker(id, b.info.endpoints);
    }
    const existing = this.ctx.liveBrokerIds().filter((id) => !newBrokers.includes(id));
    batch.addUpdateMetadata(existing, []);
    batch.addUpdateMetadata(newBrokers, this.ctx.allPartitions());
    for (const id of newBrokers) {
      for (const tp of this.ctx.partitionsOnBroker(id)) {
        if (this.ctx.leadershipFor(tp) && !this.ctx.topicsToBeDeleted.has(tp.topic))
          batch.addLeaderAndIsr([id], tp, false);
      }
    }
    await this.partitionStateMachine.triggerOnlinePartitionStateChange(batch);
    await this.topicDeletion.resumeDeletions(batch);
  }

  /**
   * Kafka's doControlledShutdown: the broker stops counting as live; partitions it leads move to the
   * next ISR member now; for those it follows, it leaves the ISR and gets StopReplica. Returns the
   * replicated partitions it still leads (none when all could move).
   */
  async controlledShutdown(brokerId: number, batch: ControllerRequestBatch): Promise<TopicPartition[]> {
    this.ctx.shuttingDownBrokerIds.add(brokerId);
    this.o.log.info(`Shutting down broker ${brokerId}`);
    const hosted = this.ctx
      .partitionsOnBroker(brokerId)
      .filter((tp) => this.ctx.replicasFor(tp).length > 1 && !this.ctx.topicsToBeDeleted.has(tp.topic));
    const led = hosted.filter((tp) => this.ctx.leadershipFor(tp)?.leaderAndIsr.leader === brokerId);
    const followed = hosted.filter((tp) => this.ctx.leadershipFor(tp)?.leaderAndIsr.leader !== brokerId);
    await this.partitionStateMachine.toOnline(led, 'controlledShutdown', batch);
    for (const tp of followed) batch.addStopReplica([brokerId], tp, false);
    await this.partitionStateMachine.removeReplicasFromIsr([brokerId], batch, followed);
    const remaining = hosted.filter((tp) => this.ctx.leadershipFor(tp)?.leaderAndIsr.leader === brokerId);
    this.o.log.info(
      `Broker ${brokerId} is in controlled shutdown; it still leads ${remaining.length} replicated partitions`,
    );
    return remaining;
  }

  /**
   * Kafka's onReplicaElection: preferred elections move leadership back to the first replica when it
   * is live and in the ISR; unclean elections give leaderless partitions the first live replica.
   */
  async electLeaders(
    partitions: TopicPartition[],
    type: 'PREFERRED' | 'UNCLEAN',
    trigger: ElectionTrigger,
    batch: ControllerRequestBatch,
  ): Promise<ElectionOutcome[]> {
    this.o.log.info(
      `Starting replica leader election (${type}) for partitions ${partitions.map((tp) => `${tp.topic}-${tp.partition}`).join(',')} triggered by ${trigger}`,
    );
    const outcomes: ElectionOutcome[] = [];
    for (const tp of partitions) {
      const leadership = this.ctx.leadershipFor(tp);
      const replicas = this.ctx.replicasFor(tp);
      if (replicas.length === 0 || !leadership || this.ctx.topicsToBeDeleted.has(tp.topic)) {
        outcomes.push({
          tp,
          errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          message: `The partition does not exist.`,
        });
        continue;
      }
      const leader = leadership.leaderAndIsr.leader;
      const hasLiveLeader = leader >= 0 && this.ctx.isLive(leader);
      if (type === 'PREFERRED' ? leader === replicas[0] : hasLiveLeader) {
        outcomes.push({ tp, errorCode: ErrorCode.ELECTION_NOT_NEEDED, message: null });
        continue;
      }
      if (type === 'PREFERRED' && !hasLiveLeader && this.ctx.stateOf(tp) !== 'OnlinePartition') {
        outcomes.push({
          tp,
          errorCode: ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE,
          message: 'The partition has no live leader',
        });
        continue;
      }
      const failed = await this.partitionStateMachine.toOnline(
        [tp],
        type === 'PREFERRED' ? 'preferred' : 'unclean',
        batch,
      );
      if (failed.length === 0) outcomes.push({ tp, errorCode: ErrorCode.NONE, message: null });
      else {
        const code =
          type === 'PREFERRED'
            ? ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE
            : ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE;
        const message =
          type === 'PREFERRED'
            ? `Failed to elect leader for partition ${tp.topic}-${tp.partition} under strategy PreferredReplicaPartitionLeaderElectionStrategy`
            : `Failed to elect leader for partition ${tp.topic}-${tp.partition} under strategy OfflinePartitionLeaderElectionStrategy(true)`;
        outcomes.push({ tp, errorCode: code, message });
      }
    }
    return outcomes;
  }

  /** The periodic imbalance check; runs a preferred election when a broker is over the threshold. */
  async checkAndTriggerAutoLeaderRebalance(
    imbalancePercentage: number,
    batch: ControllerRequestBatch,
  ): Promise<void> {
    this.o.log.trace('Checking need to trigger auto leader balancing');
    const views = this.ctx
      .allPartitions()
      .filter((tp) => !this.ctx.topicsToBeDeleted.has(tp.topic))
      .flatMap((tp) => {
        const l = this.ctx.leadershipFor(tp)?.leaderAndIsr;
        return l ? [{ ...tp, replicas: this.ctx.replicasFor(tp), leader: l.leader, isr: l.isr }] : [];
      });
    const { imbalance, toElect } = partitionsToRebalance(
      views,
      (id) => this.ctx.isLive(id),
      imbalancePercentage,
    );
    for (const [broker, ratio] of imbalance)
      this.o.log.debug(`Leader imbalance ratio for broker ${broker} is ${ratio}`);
    if (toElect.length === 0) return;
    this.o.log.info('Processing automatic preferred replica leader election');
    await this.electLeaders(toElect, 'PREFERRED', 'AutoTriggered', batch);
  }

  /** Kafka's onBrokerFailure: new leaders for what the dead brokers led, then ISR removal. */
  async onBrokerFailure(deadBrokers: number[], batch: ControllerRequestBatch): Promise<void> {
    this.o.log.info(`Broker failure callback for ${deadBrokers.join(',')}`);
    for (const id of deadBrokers) this.o.channel.removeBroker(id);
    this.topicDeletion.onBrokerFailure(deadBrokers);
    const ledByDead = this.ctx
      .allPartitions()
      .filter((tp) => !this.ctx.topicsToBeDeleted.has(tp.topic))
      .filter((tp) => {
        const leader = this.ctx.leadershipFor(tp)?.leaderAndIsr.leader;
        return (
          leader !== undefined && deadBrokers.includes(leader) && this.ctx.stateOf(tp) === 'OnlinePartition'
        );
      });
    this.partitionStateMachine.toOffline(ledByDead);
    await this.partitionStateMachine.triggerOnlinePartitionStateChange(batch);
    await this.partitionStateMachine.removeReplicasFromIsr(deadBrokers, batch);
    batch.addUpdateMetadata(this.ctx.liveBrokerIds(), []);
  }
}
