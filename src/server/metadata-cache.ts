/**
 * The broker's view of the cluster, kept from the controller's UpdateMetadata requests (Kafka's
 * MetadataCache): live brokers with their endpoints, every partition's leader/ISR/replicas, topic
 * ids, and who the controller is. Metadata requests are answered from it.
 *
 * Updated only by the UpdateMetadata handler; read by everyone. Replaced maps are swapped in whole,
 * so a reader never sees a half-applied update.
 */
import type { UpdateMetadataRequest } from '../protocol';

export interface CachedBroker {
  id: number;
  rack: string | null;
  /** listener name -> host/port */
  endpoints: Map<string, { host: string; port: number }>;
}

export interface CachedPartition {
  partition: number;
  leader: number;
  leaderEpoch: number;
  isr: number[];
  replicas: number[];
  offlineReplicas: number[];
  zkVersion: number;
  controllerEpoch: number;
}

/** The leader UpdateMetadata carries for the partitions of a topic being deleted. */
const LEADER_DURING_DELETE = -2;

export class MetadataCache {
  private brokers = new Map<number, CachedBroker>();
  private readonly partitions = new Map<string, Map<number, CachedPartition>>();
  private readonly topicIds = new Map<string, string>();
  private controller = -1;
  private updateListeners: (() => void)[] = [];

  constructor(readonly brokerId: number) {}

  get controllerId(): number {
    return this.controller;
  }

  aliveBrokers(): CachedBroker[] {
    return [...this.brokers.values()].sort((a, b) => a.id - b.id);
  }

  isAlive(brokerId: number): boolean {
    return this.brokers.has(brokerId);
  }

  topics(): string[] {
    return [...this.partitions.keys()].sort();
  }

  contains(topic: string): boolean {
    return this.partitions.has(topic);
  }

  topicId(topic: string): string | undefined {
    return this.topicIds.get(topic);
  }

  partitionsOf(topic: string): CachedPartition[] {
    return [...(this.partitions.get(topic)?.values() ?? [])].sort((a, b) => a.partition - b.partition);
  }

  partition(topic: string, partition: number): CachedPartition | undefined {
    return this.partitions.get(topic)?.get(partition);
  }

  /** Calls fn after every applied update (used by requests that wait for metadata to appear). */
  onUpdate(fn: () => void): () => void {
    this.updateListeners.push(fn);
    return () => {
      this.updateListeners = this.updateListeners.filter((l) => l !== fn);
    };
  }

  /** Applies an UpdateMetadata request; returns the partitions it deleted (topic deletion). */
  update(request: UpdateMetadataRequest): { topic: string; partition: number }[] {
    this.controller = request.controllerId;
    const brokers = new Map<number, CachedBroker>();
    for (const b of request.liveBrokers) {
      const endpoints = new Map<string, { host: string; port: number }>();
      for (const e of b.endpoints) endpoints.set(e.listener || 'PLAINTEXT', { host: e.host, port: e.port });
      if (b.endpoints.length === 0 && b.v0Host)
        endpoints.set('PLAINTEXT', { host: b.v0Host, port: b.v0Port });
      brokers.set(b.id, { id: b.id, rack: b.rack, endpoints });
    }
    this.brokers = brokers;
    const deleted: { topic: string; partition: number }[] = [];
    const states = [
      ...request.ungroupedPartitionStates,
      ...request.topicStates.flatMap((t) => t.partitionStates.map((p) => ({ ...p, topicName: t.topicName }))),
    ];
    for (const t of request.topicStates) {
      if (t.topicId && t.topicId !== 'AAAAAAAAAAAAAAAAAAAAAA') this.topicIds.set(t.topicName, t.topicId);
    }
    for (const p of states) {
      if (p.leader === LEADER_DURING_DELETE) {
        const parts = this.partitions.get(p.topicName);
        if (parts?.delete(p.partitionIndex))
          deleted.push({ topic: p.topicName, partition: p.partitionIndex });
        if (parts && parts.size === 0) {
          this.partitions.delete(p.topicName);
          this.topicIds.delete(p.topicName);
        }
        continue;
      }
      let parts = this.partitions.get(p.topicName);
      if (!parts) this.partitions.set(p.topicName, (parts = new Map()));
      parts.set(p.partitionIndex, {
        partition: p.partitionIndex,
        leader: p.leader,
        leaderEpoch: p.leaderEpoch,
        isr: [...p.isr],
        replicas: [...p.replicas],
        offlineReplicas: [...p.offlineReplicas],
        zkVersion: p.zkVersion,
        controllerEpoch: p.controllerEpoch,
      });
    }
    for (const l of this.updateListeners) l();
    return deleted;
  }
}
