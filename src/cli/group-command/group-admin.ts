/**
 * The admin calls `kafka-consumer-groups` makes (the Java Admin's listConsumerGroups,
 * describeConsumerGroups, listConsumerGroupOffsets, listOffsets, describeTopics,
 * alterConsumerGroupOffsets, deleteConsumerGroups, deleteConsumerGroupOffsets), as an interface the
 * command runs against (tests use a fake) and an implementation on kafkajs's admin client.
 *
 * kafkajs's admin has no way to commit offsets without joining the group (its setOffsets runs a
 * consumer), no OffsetDelete and no FindCoordinator: those three go through this project's
 * BrokerClient, as the Java admin sends them: FindCoordinator to a bootstrap broker, then
 * OffsetCommit (generation -1, no member id) or OffsetDelete to the coordinator.
 *
 * Lifecycle: nothing connects until the first call; `close()` disconnects everything. One command
 * at a time.
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { BrokerClient } from '../../network/broker-client';
import { ApiKey, ErrorCode } from '../../protocol';
import { decodeAssignment } from '../../coordinator/group/consumer-protocol';
import { groupErrorException } from './java-errors';

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface DescribedMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  assignment: TopicPartition[];
}

export interface DescribedGroup {
  groupId: string;
  state: string;
  protocolType: string;
  protocol: string;
  members: DescribedMember[];
}

export interface Node {
  id: number;
  host: string;
  port: number;
}

export type OffsetSpec = 'earliest' | 'latest' | { timestamp: bigint };

export const tpKey = (tp: TopicPartition): string => `${tp.topic}-${tp.partition}`;

export interface GroupAdmin {
  listGroups(): Promise<{ groupId: string; protocolType: string }[]>;
  describeGroups(groupIds: readonly string[]): Promise<DescribedGroup[]>;
  /** Committed offsets (partitions without one are left out). */
  committedOffsets(groupId: string): Promise<Map<string, TopicPartition & { offset: bigint }>>;
  /** Offsets per partition (keyed by tpKey); a timestamp without a match gives the log end offset. */
  listOffsets(tps: readonly TopicPartition[], spec: OffsetSpec): Promise<Map<string, bigint>>;
  partitionsOf(topic: string): Promise<number[]>;
  findCoordinator(groupId: string): Promise<Node>;
  alterOffsets(groupId: string, offsets: readonly (TopicPartition & { offset: bigint })[]): Promise<void>;
  /** An error code per group. */
  deleteGroups(groupIds: readonly string[]): Promise<Map<string, number>>;
  deleteOffsets(
    groupId: string,
    tps: readonly TopicPartition[],
  ): Promise<{ error: number; partitions: (TopicPartition & { error: number })[] }>;
  close(): Promise<void>;
}

function safeAssignment(buf: Buffer): TopicPartition[] {
  try {
    return decodeAssignment(buf).flatMap((t) =>
      t.partitions.map((partition) => ({ topic: t.topic, partition })),
    );
  } catch {
    return [];
  }
}

export class KafkajsGroupAdmin implements GroupAdmin {
  private readonly admin: Admin;
  private connected: Promise<void> | undefined;
  private readonly clients = new Map<string, BrokerClient>();
  private readonly bootstrap: Node[];

  constructor(
    bootstrapServer: string,
    private readonly timeoutMs: number,
  ) {
    const brokers = bootstrapServer
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    this.bootstrap = brokers.map((b) => {
      const i = b.lastIndexOf(':');
      return { id: -1, host: b.slice(0, i), port: Number(b.slice(i + 1)) };
    });
    const kafka = new Kafka({
      clientId: 'adminclient-1',
      brokers,
      logLevel: logLevel.NOTHING,
      requestTimeout: timeoutMs,
      connectionTimeout: Math.min(timeoutMs, 3000),
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 1000 },
    });
    this.admin = kafka.admin();
  }

  private async ready(): Promise<Admin> {
    this.connected ??= this.admin.connect();
    await this.connected;
    return this.admin;
  }

  /** One connection per broker address, reused. */
  private client(node: Node): BrokerClient {
    const key = `${node.host}:${node.port}`;
    let c = this.clients.get(key);
    if (!c) {
      c = new BrokerClient(node, {
        clientId: 'adminclient-1',
        requestTimeoutMs: this.timeoutMs,
        connectTimeoutMs: 3000,
      });
      this.clients.set(key, c);
    }
    return c;
  }

  async listGroups(): Promise<{ groupId: string; protocolType: string }[]> {
    return (await (await this.ready()).listGroups()).groups;
  }

  async describeGroups(groupIds: readonly string[]): Promise<DescribedGroup[]> {
    const { groups } = await (await this.ready()).describeGroups([...groupIds]);
    return groups.map((g) => ({
      groupId: g.groupId,
      state: g.state,
      protocolType: g.protocolType,
      protocol: g.protocol,
      members: g.members.map((m) => ({
        memberId: m.memberId,
        groupInstanceId: null,
        clientId: m.clientId,
        clientHost: m.clientHost,
        assignment: safeAssignment(m.memberAssignment),
      })),
    }));
  }

  async committedOffsets(groupId: string): Promise<Map<string, TopicPartition & { offset: bigint }>> {
    const topics = await (await this.ready()).fetchOffsets({ groupId });
    const out = new Map<string, TopicPartition & { offset: bigint }>();
    for (const t of topics)
      for (const p of t.partitions) {
        const offset = BigInt(p.offset);
        if (offset >= 0n)
          out.set(tpKey({ topic: t.topic, partition: p.partition }), {
            topic: t.topic,
            partition: p.partition,
            offset,
          });
      }
    return out;
  }

  async listOffsets(tps: readonly TopicPartition[], spec: OffsetSpec): Promise<Map<string, bigint>> {
    const admin = await this.ready();
    const out = new Map<string, bigint>();
    for (const topic of new Set(tps.map((tp) => tp.topic))) {
      const entries =
        typeof spec === 'object'
          ? await admin.fetchTopicOffsetsByTimestamp(topic, Number(spec.timestamp))
          : (await admin.fetchTopicOffsets(topic)).map((e) => ({
              partition: e.partition,
              offset: spec === 'earliest' ? e.low : e.high,
            }));
      for (const e of entries) out.set(tpKey({ topic, partition: e.partition }), BigInt(e.offset));
    }
    return out;
  }

  async partitionsOf(topic: string): Promise<number[]> {
    const { topics } = await (await this.ready()).fetchTopicMetadata({ topics: [topic] });
    return (topics[0]?.partitions ?? []).map((p) => p.partitionId).sort((a, b) => a - b);
  }

  async findCoordinator(groupId: string): Promise<Node> {
    let lastError: number = ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const deadline = Date.now() + this.timeoutMs;
    for (let attempt = 0; Date.now() < deadline || attempt === 0; attempt++) {
      const seed = this.bootstrap[attempt % Math.max(1, this.bootstrap.length)];
      if (!seed) break;
      try {
        const r = await this.client(seed).send(ApiKey.FindCoordinator, 1, { key: groupId, keyType: 0 });
        if (r.errorCode === ErrorCode.NONE) return { id: r.nodeId, host: r.host, port: r.port };
        lastError = r.errorCode;
      } catch {
        // A failed connection is closed; forget it so the next attempt reconnects.
        this.clients.get(`${seed.host}:${seed.port}`)?.close();
        this.clients.delete(`${seed.host}:${seed.port}`);
        lastError = ErrorCode.COORDINATOR_NOT_AVAILABLE;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw groupErrorException(lastError);
  }

  async alterOffsets(
    groupId: string,
    offsets: readonly (TopicPartition & { offset: bigint })[],
  ): Promise<void> {
    const coordinator = await this.findCoordinator(groupId);
    const topics = new Map<
      string,
      { partitionIndex: number; committedOffset: bigint; committedMetadata: string }[]
    >();
    for (const o of offsets)
      topics.set(o.topic, [
        ...(topics.get(o.topic) ?? []),
        { partitionIndex: o.partition, committedOffset: o.offset, committedMetadata: '' },
      ]);
    const r = await this.client(coordinator).send(ApiKey.OffsetCommit, 2, {
      groupId,
      generationId: -1,
      memberId: '',
      retentionTimeMs: -1n,
      topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
    });
    const failed = r.topics.flatMap((t) => t.partitions).find((p) => p.errorCode !== ErrorCode.NONE);
    if (failed) throw groupErrorException(failed.errorCode);
  }

  async deleteGroups(groupIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>(groupIds.map((g) => [g, ErrorCode.NONE]));
    try {
      await (await this.ready()).deleteGroups([...groupIds]);
    } catch (err) {
      const groups = (err as { groups?: { groupId: string; errorCode?: number }[] }).groups;
      if (!Array.isArray(groups)) throw err;
      for (const g of groups) out.set(g.groupId, g.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR);
    }
    return out;
  }

  async deleteOffsets(
    groupId: string,
    tps: readonly TopicPartition[],
  ): Promise<{ error: number; partitions: (TopicPartition & { error: number })[] }> {
    const coordinator = await this.findCoordinator(groupId);
    const topics = new Map<string, { partitionIndex: number }[]>();
    for (const tp of tps)
      topics.set(tp.topic, [...(topics.get(tp.topic) ?? []), { partitionIndex: tp.partition }]);
    const r = await this.client(coordinator).send(ApiKey.OffsetDelete, 0, {
      groupId,
      topics: [...topics].map(([name, partitions]) => ({ name, partitions })),
    });
    return {
      error: r.errorCode,
      partitions: r.topics.flatMap((t) =>
        t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, error: p.errorCode })),
      ),
    };
  }

  async close(): Promise<void> {
    for (const c of this.clients.values()) c.close();
    if (this.connected) await this.admin.disconnect().catch(() => undefined);
  }
}
