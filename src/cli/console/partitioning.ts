/**
 * The Java client's default partitioning and group assignment, for kafkajs:
 *
 * - {@link StickyPartitioner}: Kafka 2.8's `DefaultPartitioner`. A keyed record goes to
 *   `toPositive(murmur2(key)) % partitions` (kafkajs' `Partitioners.DefaultPartitioner` computes exactly
 *   that), an unkeyed one to the topic's "sticky" partition, which changes (to a random available
 *   partition other than the last) whenever a batch is sent or fills up (KIP-480). So lines piped in
 *   at once land together in one partition while lines typed one by one spread out.
 * - {@link rangeAssigner}: the consumer's default `RangeAssignor` (protocol name `range`): per topic,
 *   members sorted by id take consecutive ranges, the first `partitions % members` one extra.
 */
import {
  AssignerProtocol,
  Partitioners,
  type Assignment,
  type PartitionAssigner,
  type PartitionerArgs,
} from 'kafkajs';

export class StickyPartitioner {
  private readonly keyed = Partitioners.DefaultPartitioner();
  private readonly sticky = new Map<string, number>();
  private readonly bytes = new Map<string, number>();
  private readonly rotate = new Set<string>();

  constructor(
    private readonly batchSize: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** A batch went out: the next unkeyed record of every topic starts a new one elsewhere. */
  batchSent(): void {
    for (const topic of this.sticky.keys()) this.rotate.add(topic);
  }

  /** For kafkajs' `createPartitioner`. */
  readonly create = (): ((args: PartitionerArgs) => number) => (args) => this.partition(args);

  partition(args: PartitionerArgs): number {
    const { topic, partitionMetadata, message } = args;
    if (message.partition !== undefined && message.partition !== null) return message.partition;
    if (message.key !== undefined && message.key !== null) return this.keyed(args);
    let current = this.sticky.get(topic);
    if (current === undefined || this.rotate.has(topic)) {
      current = this.next(
        partitionMetadata.map((p) => ({ id: p.partitionId, up: p.leader >= 0 })),
        current,
      );
      this.sticky.set(topic, current);
      this.bytes.set(topic, 0);
      this.rotate.delete(topic);
    }
    const size = (this.bytes.get(topic) ?? 0) + recordSize(message.value);
    this.bytes.set(topic, size);
    if (size >= this.batchSize) this.rotate.add(topic);
    return current;
  }

  /** `StickyPartitionCache.nextPartition`: a random available partition, other than the previous one. */
  private next(partitions: { id: number; up: boolean }[], previous: number | undefined): number {
    const available = partitions.filter((p) => p.up);
    const pool = available.length > 0 ? available : partitions;
    if (pool.length === 1) return pool[0]?.id ?? 0;
    const others = pool.filter((p) => p.id !== previous);
    const from = others.length > 0 ? others : pool;
    return from[Math.floor(this.random() * from.length)]?.id ?? 0;
  }
}

function recordSize(value: unknown): number {
  if (Buffer.isBuffer(value)) return value.length + 8;
  return typeof value === 'string' ? Buffer.byteLength(value) + 8 : 8;
}

/** The range assignment itself: member id -> topic -> partitions. */
export function assignRanges(
  subscriptions: ReadonlyMap<string, readonly string[]>,
  partitionsOf: (topic: string) => number[],
): Map<string, Assignment> {
  const result = new Map<string, Assignment>();
  for (const member of subscriptions.keys()) result.set(member, {});
  const topics = new Set([...subscriptions.values()].flat());
  for (const topic of [...topics].sort()) {
    const members = [...subscriptions.entries()]
      .filter(([, t]) => t.includes(topic))
      .map(([m]) => m)
      .sort();
    const partitions = [...partitionsOf(topic)].sort((a, b) => a - b);
    const per = Math.floor(partitions.length / members.length);
    const extra = partitions.length % members.length;
    members.forEach((member, i) => {
      const start = per * i + Math.min(i, extra);
      const length = per + (i + 1 > extra ? 0 : 1);
      const assignment = result.get(member);
      if (assignment !== undefined && length > 0) assignment[topic] = partitions.slice(start, start + length);
    });
  }
  return result;
}

export const rangeAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'range',
  version: 0,
  assign({ members }) {
    const subscriptions = new Map<string, string[]>();
    for (const m of members)
      subscriptions.set(m.memberId, AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? []);
    const ranges = assignRanges(subscriptions, (topic) =>
      cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId),
    );
    return Promise.resolve(
      [...ranges].map(([memberId, assignment]) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 0,
          assignment,
          userData: Buffer.alloc(0),
        }),
      })),
    );
  },
  protocol({ topics }) {
    return {
      name: 'range',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    };
  },
});
