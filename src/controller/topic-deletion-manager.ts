/**
 * Topic deletion as Kafka's controller runs it (TopicDeletionManager): a topic marked under
 * `/admin/delete_topics` goes offline (UpdateMetadata with leader -2), its live replicas get
 * StopReplica(delete=false) then StopReplica(delete=true), and once every replica has confirmed, the
 * topic's znodes are removed. Replicas on dead brokers make the deletion wait until they return.
 *
 * Runs only inside controller events.
 */
import type { Logger } from '../common/logger';
import type { KafkaZkClient } from '../zk/kafka-zk-client';
import type { ControllerContext, TopicPartition } from './controller-context';
import type { ControllerRequestBatch } from './controller-request-batch';
import type { PartitionStateMachine } from './partition-state-machine';

export interface TopicDeletionOptions {
  controllerId: number;
  context: ControllerContext;
  zkClient: KafkaZkClient;
  partitionStateMachine: PartitionStateMachine;
  deleteTopicEnable: boolean;
  log: Logger;
}

export class TopicDeletionManager {
  constructor(private readonly o: TopicDeletionOptions) {}

  private get ctx(): ControllerContext {
    return this.o.context;
  }

  /** Handles the current children of `/admin/delete_topics`. */
  async enqueueTopicsForDeletion(marked: string[], batch: ControllerRequestBatch): Promise<void> {
    for (const topic of marked) {
      if (!this.ctx.allTopics.has(topic)) {
        this.o.log.info(`Ignoring request to delete non-existing topics ${topic}`);
        await this.o.zkClient.deleteTopicDeletionZNode(topic, this.ctx.epochZkVersion);
        continue;
      }
      if (!this.o.deleteTopicEnable) {
        this.o.log.info(`Removing ${topic} since delete topic is disabled`);
        await this.o.zkClient.deleteTopicDeletionZNode(topic, this.ctx.epochZkVersion);
        continue;
      }
      if (this.ctx.topicsToBeDeleted.has(topic)) continue;
      this.o.log.info(`New topics to be deleted: ${topic}`);
      this.ctx.topicsToBeDeleted.add(topic);
    }
    await this.resumeDeletions(batch);
  }

  /** Starts (or resumes) deletion of every queued topic whose replicas are all on live brokers. */
  async resumeDeletions(batch: ControllerRequestBatch): Promise<void> {
    for (const topic of [...this.ctx.topicsToBeDeleted]) {
      if (this.ctx.pendingReplicaDeletions.has(topic)) continue;
      const partitions = this.partitionsOf(topic);
      const replicas = partitions.flatMap((tp) => this.ctx.replicasFor(tp).map((b) => ({ tp, broker: b })));
      const offline = replicas.filter((r) => !this.ctx.liveBrokers.has(r.broker));
      if (offline.length > 0) {
        this.o.log.info(
          `Deletion of topic ${topic} is waiting for brokers ${[...new Set(offline.map((r) => r.broker))].join(',')} to come back`,
        );
        continue;
      }
      this.o.log.info(`Topic deletion callback for ${topic}`);
      // Partitions go offline, then away; brokers learn it through UpdateMetadata with leader -2.
      const psm = this.o.partitionStateMachine;
      psm.toOffline(partitions.filter((tp) => this.ctx.stateOf(tp) !== 'OfflinePartition'));
      psm.toNonExistent(partitions);
      batch.addUpdateMetadata(this.ctx.liveBrokerIds(), partitions);
      if (replicas.length === 0) {
        await this.completeDeleteTopic(topic, batch);
        continue;
      }
      this.ctx.pendingReplicaDeletions.set(
        topic,
        new Set(replicas.map((r) => `${r.broker}:${r.tp.partition}`)),
      );
      for (const { tp, broker } of replicas) {
        batch.addStopReplica([broker], tp, false);
        batch.addStopReplica([broker], tp, true);
      }
    }
  }

  /** A broker confirmed StopReplica(delete=true) for some partitions. */
  async onReplicasDeleted(
    brokerId: number,
    deleted: TopicPartition[],
    batch: ControllerRequestBatch,
  ): Promise<void> {
    const topics = new Set<string>();
    for (const tp of deleted) {
      const pending = this.ctx.pendingReplicaDeletions.get(tp.topic);
      if (!pending) continue;
      pending.delete(`${brokerId}:${tp.partition}`);
      topics.add(tp.topic);
    }
    for (const topic of topics) {
      if (this.ctx.pendingReplicaDeletions.get(topic)?.size === 0)
        await this.completeDeleteTopic(topic, batch);
    }
  }

  /** A broker died while its replicas were being deleted: wait for it to return. */
  onBrokerFailure(brokerIds: number[]): void {
    for (const [topic, pending] of this.ctx.pendingReplicaDeletions) {
      if ([...pending].some((r) => brokerIds.includes(Number(r.split(':')[0])))) {
        this.ctx.pendingReplicaDeletions.delete(topic);
      }
    }
  }

  private partitionsOf(topic: string): TopicPartition[] {
    return [...(this.ctx.partitionAssignments.get(topic)?.keys() ?? [])]
      .sort((a, b) => a - b)
      .map((partition) => ({ topic, partition }));
  }

  private async completeDeleteTopic(topic: string, batch: ControllerRequestBatch): Promise<void> {
    await this.o.zkClient.deleteTopicZNodes(topic, this.ctx.epochZkVersion);
    this.ctx.removeTopic(topic);
    this.o.log.info(`Deletion of topic ${topic} successfully completed`);
    batch.addUpdateMetadata(this.ctx.liveBrokerIds(), []);
  }
}
