/**
 * A consumer without a group, on kafkajs' cluster layer: the Java consumer's `assign()` (used by the
 * console consumer for `--partition`), and the partition set of a subscription (every partition of
 * the topic or of each `--whitelist` match, followed as partitions and topics appear).
 *
 * kafkajs has no `assign()`: its Consumer always joins a group. Its `Cluster` (metadata, ListOffsets,
 * per-broker Fetch) is public API but only handed to partition assigners, so the caller obtains it
 * from an unused kafkajs Consumer's assigner factory (see consumer-sources.ts). Fetches go to every
 * partition leader at once; a failed one refreshes metadata and backs off (50 ms doubling to 1 s, as
 * the Java client's reconnect backoff), so a dead broker stalls only its own partitions.
 */
import type { Broker, Cluster } from 'kafkajs';
import type { ConsumedRecord, TimestampType } from './formatter';
import { kafkaErrorName } from './java-errors';
import { AdminError } from '../../admin/errors';

export interface FetchSettings {
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  maxPartitionBytes: number;
  readCommitted: boolean;
  retryBackoffMs: number;
  /** `auto.offset.reset`, applied to new partitions and on OFFSET_OUT_OF_RANGE. */
  resetPolicy: 'earliest' | 'latest' | 'none';
}

export type Assignment =
  | { kind: 'partition'; topic: string; partition: number; start: 'earliest' | 'latest' | bigint }
  | { kind: 'topic'; topic: string }
  | { kind: 'pattern'; pattern: RegExp };

/**
 * Receives each partition's records in offset order; says how many it took (printed) and whether it
 * wants more (false stops the source).
 */
export type RecordSink = (records: ConsumedRecord[]) => Promise<{ accepted: number; more: boolean }>;

interface RawMessage {
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | Buffer[] | null | undefined>;
  isControlRecord?: boolean;
  magicByte?: number;
  attributes?: number;
  batchContext?: { producerId?: string; inTransaction?: boolean; timestampType?: number };
}

interface RawPartition {
  partition: number;
  abortedTransactions?: { producerId: string; firstOffset: string }[];
  messages: RawMessage[];
}

interface RawFetchResponse {
  responses: { topicName: string; partitions: RawPartition[] }[];
}

function isFetchResponse(r: unknown): r is RawFetchResponse {
  return typeof r === 'object' && r !== null && 'responses' in r && Array.isArray(r.responses);
}

const PATTERN_REFRESH_MS = 5000;

const tpKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

function timestampTypeOf(m: RawMessage): TimestampType {
  const magic = m.magicByte ?? 2;
  if (magic === 0) return 'NO_TIMESTAMP_TYPE';
  const logAppend = magic === 1 ? ((m.attributes ?? 0) & 0x08) !== 0 : m.batchContext?.timestampType === 1;
  return logAppend ? 'LogAppendTime' : 'CreateTime';
}

export function toConsumedRecord(topic: string, partition: number, m: RawMessage): ConsumedRecord {
  const headers: { key: string; value: Buffer | null }[] = [];
  for (const [key, value] of Object.entries(m.headers ?? {})) {
    for (const v of Array.isArray(value) ? value : [value ?? null]) headers.push({ key, value: v });
  }
  return {
    topic,
    partition,
    offset: m.offset,
    timestamp: m.timestamp,
    timestampType: timestampTypeOf(m),
    key: m.key,
    value: m.value,
    headers,
  };
}

/** Drops records of aborted transactions (read_committed), as the Java fetcher does. */
export function dropAborted(
  messages: RawMessage[],
  aborted: RawPartition['abortedTransactions'],
): RawMessage[] {
  if (aborted === undefined || aborted.length === 0) return messages;
  const pending = [...aborted].sort((a, b) => (BigInt(a.firstOffset) < BigInt(b.firstOffset) ? -1 : 1));
  const abortedProducers = new Set<string>();
  return messages.filter((m) => {
    while (pending.length > 0 && BigInt(m.offset) >= BigInt(pending[0]?.firstOffset ?? '0'))
      abortedProducers.add(pending.shift()?.producerId ?? '');
    const producerId = m.batchContext?.producerId ?? '';
    if (m.isControlRecord === true) {
      abortedProducers.delete(producerId);
      return false;
    }
    return !(m.batchContext?.inTransaction === true && abortedProducers.has(producerId));
  });
}

export class AssignedFetcher {
  private readonly positions = new Map<string, { topic: string; partition: number; offset: bigint | null }>();
  private stopped = false;
  private wake: (() => void) | undefined;
  private backoffMs = 0;
  private metadataCorrelation = 1;
  private readonly initialized = new Set<string>();
  private patternTopics: string[] = [];
  private patternCheckedAt = 0;

  constructor(
    private readonly cluster: Cluster,
    private readonly assignment: Assignment,
    private readonly settings: FetchSettings,
    private readonly warn: (message: string) => void,
    private readonly learnBrokers: (brokers: { nodeId: number; host: string; port: number }[]) => void,
  ) {}

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  /** Fetches until stopped or the sink says stop; throws what the Java consumer's poll would. */
  async run(sink: RecordSink): Promise<void> {
    while (!this.stopped) {
      try {
        // Like the Java client, keep trying to reach the cluster (each failure is logged as a WARN).
        if (!this.cluster.isConnected()) await this.cluster.connect();
        await this.refreshAssignment();
        await this.resolvePositions();
        await this.fetchOnce(sink);
        this.backoffMs = 0;
      } catch (err) {
        if (err instanceof AdminError) throw err;
        this.backoffMs = Math.min(1000, this.backoffMs === 0 ? 50 : this.backoffMs * 2);
        await this.cluster.refreshMetadata().catch(() => undefined);
      }
      if (this.backoffMs > 0) await this.sleep(this.backoffMs);
    }
  }

  private async sleep(ms: number): Promise<void> {
    if (this.stopped) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    this.wake = undefined;
  }

  /** Java's `Error while fetching metadata with correlation id N : {t=ERROR}` warning. */
  private metadataWarning(topic: string, err: unknown): void {
    const type = typeof err === 'object' && err !== null && 'type' in err ? err.type : undefined;
    if (typeof type !== 'string') return;
    this.metadataCorrelation += 1;
    this.warn(
      `Error while fetching metadata with correlation id ${this.metadataCorrelation} : {${topic}=${kafkaErrorName(type)}}`,
    );
  }

  private async refreshAssignment(): Promise<void> {
    const a = this.assignment;
    let topics: string[];
    if (a.kind === 'pattern') {
      // New topics matching the pattern are picked up on a metadata refresh; check every few seconds.
      if (this.positions.size === 0 || Date.now() - this.patternCheckedAt >= PATTERN_REFRESH_MS) {
        const metadata = await this.cluster.metadata();
        this.learnBrokers(metadata.brokers);
        this.patternTopics = metadata.topicMetadata
          .filter((t) => !('isInternal' in t && t.isInternal === true) && a.pattern.test(t.topic))
          .map((t) => t.topic);
        this.patternCheckedAt = Date.now();
        if (this.patternTopics.length > 0) await this.cluster.addMultipleTargetTopics(this.patternTopics);
      }
      topics = this.patternTopics;
    } else {
      topics = [a.topic];
      try {
        await this.cluster.addTargetTopic(a.topic);
        await this.cluster.refreshMetadataIfNecessary();
      } catch (err) {
        this.metadataWarning(a.topic, err);
        throw err;
      }
      if (this.positions.size === 0) this.learnBrokers((await this.cluster.metadata()).brokers);
    }
    const live = new Set<string>();
    for (const topic of topics) {
      const partitions = this.cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId);
      const wanted = a.kind === 'partition' ? partitions.filter((p) => p === a.partition) : partitions;
      for (const partition of wanted) {
        const key = tpKey(topic, partition);
        live.add(key);
        if (!this.positions.has(key)) this.positions.set(key, { topic, partition, offset: null });
      }
    }
    for (const key of this.positions.keys()) if (!live.has(key)) this.positions.delete(key);
  }

  /** Looks up the start offset of partitions that have none (ListOffsets, or the explicit --offset). */
  private async resolvePositions(): Promise<void> {
    const missing = [...this.positions.values()].filter((p) => p.offset === null);
    if (missing.length === 0) return;
    const a = this.assignment;
    const byTopic = new Map<string, { earliest: number[]; latest: number[] }>();
    const unresolvable: string[] = [];
    for (const p of missing) {
      const key = tpKey(p.topic, p.partition);
      let policy = this.settings.resetPolicy;
      if (!this.initialized.has(key)) {
        this.initialized.add(key);
        if (a.kind === 'partition') {
          // assign() then seek(N), seekToBeginning or seekToEnd; later resets follow auto.offset.reset.
          if (typeof a.start === 'bigint') {
            p.offset = a.start;
            continue;
          }
          policy = a.start;
        }
      }
      if (policy === 'none') {
        unresolvable.push(`${p.topic}-${p.partition}`);
        continue;
      }
      const entry = byTopic.get(p.topic) ?? { earliest: [], latest: [] };
      entry[policy].push(p.partition);
      byTopic.set(p.topic, entry);
    }
    if (unresolvable.length > 0)
      throw new AdminError(
        'org.apache.kafka.clients.consumer.NoOffsetForPartitionException',
        `Undefined offset with no reset policy for partitions: [${unresolvable.join(', ')}]`,
      );
    const requests = [...byTopic].flatMap(([topic, e]) =>
      (['earliest', 'latest'] as const)
        .filter((which) => e[which].length > 0)
        .map((which) => ({
          topic,
          partitions: e[which].map((partition) => ({ partition })),
          fromBeginning: which === 'earliest',
        })),
    );
    if (requests.length === 0) return;
    for (const t of await this.cluster.fetchTopicsOffset(requests))
      for (const p of t.partitions) {
        const pos = this.positions.get(tpKey(t.topic, p.partition));
        if (pos !== undefined && pos.offset === null) pos.offset = BigInt(p.offset);
      }
  }

  private async fetchOnce(sink: RecordSink): Promise<void> {
    const ready = [...this.positions.values()].filter((p) => p.offset !== null);
    if (ready.length === 0) {
      this.backoffMs = this.settings.retryBackoffMs;
      return;
    }
    const byLeader = new Map<number, typeof ready>();
    for (const p of ready) {
      const meta = this.cluster
        .findTopicPartitionMetadata(p.topic)
        .find((m) => m.partitionId === p.partition);
      if (meta === undefined || meta.leader < 0) continue;
      byLeader.set(meta.leader, [...(byLeader.get(meta.leader) ?? []), p]);
    }
    if (byLeader.size === 0) throw new Error('no partition has a leader');
    let failure: unknown;
    await Promise.all(
      [...byLeader].map(async ([leader, partitions]) => {
        try {
          const broker: Broker = await this.cluster.findBroker({ nodeId: String(leader) });
          await this.fetchFrom(broker, partitions, sink);
        } catch (err) {
          if (err instanceof AdminError) throw err;
          failure = err;
        }
      }),
    );
    if (failure !== undefined) this.handleFetchError(failure);
  }

  private handleFetchError(err: unknown): never {
    const e = typeof err === 'object' && err !== null ? err : {};
    if ('name' in e && e.name === 'KafkaJSOffsetOutOfRange' && 'topic' in e && 'partition' in e) {
      const pos = this.positions.get(tpKey(String(e.topic), Number(e.partition)));
      if (pos !== undefined) {
        if (this.settings.resetPolicy === 'none')
          throw new AdminError(
            'org.apache.kafka.clients.consumer.OffsetOutOfRangeException',
            `Fetch position FetchPosition{offset=${pos.offset}} is out of range for partition ${pos.topic}-${pos.partition}`,
          );
        pos.offset = null;
      }
    }
    throw err;
  }

  private async fetchFrom(
    broker: Broker,
    partitions: { topic: string; partition: number; offset: bigint | null }[],
    sink: RecordSink,
  ): Promise<void> {
    const topics = new Map<string, { partition: number; fetchOffset: string; maxBytes: number }[]>();
    for (const p of partitions)
      topics.set(p.topic, [
        ...(topics.get(p.topic) ?? []),
        { partition: p.partition, fetchOffset: String(p.offset), maxBytes: this.settings.maxPartitionBytes },
      ]);
    const response: unknown = await broker.fetch({
      isolationLevel: this.settings.readCommitted ? 1 : 0,
      maxWaitTime: this.settings.maxWaitMs,
      minBytes: this.settings.minBytes,
      maxBytes: this.settings.maxBytes,
      topics: [...topics].map(([topic, ps]) => ({ topic, partitions: ps })),
    });
    if (!isFetchResponse(response)) return;
    for (const t of response.responses)
      for (const p of t.partitions) {
        if (this.stopped) return;
        const pos = this.positions.get(tpKey(t.topicName, p.partition));
        if (pos === undefined || pos.offset === null) continue;
        const from = pos.offset;
        const within = p.messages.filter((m) => BigInt(m.offset) >= from);
        const last = within[within.length - 1];
        if (last === undefined) continue;
        const visible = this.settings.readCommitted
          ? dropAborted(within, p.abortedTransactions)
          : within.filter((m) => m.isControlRecord !== true);
        pos.offset = BigInt(last.offset) + 1n;
        if (visible.length === 0) continue;
        const records = visible.map((m) => toConsumedRecord(t.topicName, p.partition, m));
        if (!(await sink(records)).more) {
          this.stop();
          return;
        }
      }
  }
}
