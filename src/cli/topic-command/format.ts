/**
 * What `kafka-topics --list` and `--describe` print, from plain data, for both modes: the ZooKeeper
 * service fills the data from znodes, the bootstrap service will fill it from Metadata/DescribeConfigs.
 * Pure functions; each returns the lines to print (no trailing newline).
 */

export interface PartitionDescriptionData {
  partition: number;
  /** The leader's broker id, or null for no leader (state znode leader -1, or no state yet). */
  leader: number | null;
  replicas: readonly number[];
  isr: readonly number[];
  /** Set only while a reassignment of this partition is in progress (bootstrap mode shows it). */
  reassignment?: { replicas: readonly number[]; adding: readonly number[]; removing: readonly number[] };
}

export interface ConfigEntryData {
  name: string;
  value: string;
  /** Default entries are left out of `Configs:`; ZooKeeper overrides are never default. */
  isDefault: boolean;
}

export interface TopicDescriptionData {
  topic: string;
  /** The topic id as Kafka prints it (22-char base64url); null or all-zero means none. */
  topicId: string | null;
  /** Sorted by partition id. */
  partitions: readonly PartitionDescriptionData[];
  /** Every config entry the mode knows (ZK: the overrides; bootstrap: the whole DescribeConfigs result). */
  configs: readonly ConfigEntryData[];
  markedForDeletion: boolean;
  /** `min.insync.replicas` when known (bootstrap mode); enables the min-ISR filters. */
  minIsr?: number;
}

export interface DescribeFilter {
  reportUnderReplicatedPartitions: boolean;
  reportUnavailablePartitions: boolean;
  reportUnderMinIsrPartitions: boolean;
  reportAtMinIsrPartitions: boolean;
  reportOverriddenConfigs: boolean;
}

export const NO_FILTER: DescribeFilter = {
  reportUnderReplicatedPartitions: false,
  reportUnavailablePartitions: false,
  reportUnderMinIsrPartitions: false,
  reportAtMinIsrPartitions: false,
  reportOverriddenConfigs: false,
};

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** Java's `String.hashCode`. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * The order a `java.util.HashMap<String, V>` filled with these keys (in this order) iterates them:
 * by bucket (`(h ^ h >>> 16) & (capacity - 1)`, capacity the power of two >= 16 keeping the load
 * under 0.75), insertion order within a bucket. Kafka's tools print configs from such a map (in ZK
 * mode after a `Properties`, which on Java 9+ iterates the same way for fewer than 12 entries).
 */
export function javaHashMapOrder<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const unique = new Map<string, T>();
  for (const item of items) unique.set(keyOf(item), item);
  let capacity = 16;
  while (unique.size > capacity * 0.75) capacity *= 2;
  const bucket = (k: string): number => {
    const h = javaStringHash(k);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  const keys = [...unique.keys()];
  const order = keys.map((k, i) => ({ k, i, b: bucket(k) })).sort((x, y) => x.b - y.b || x.i - y.i);
  return order.map(({ k }) => unique.get(k) as T);
}

function replicationFactor(p: PartitionDescriptionData | undefined): number {
  if (p === undefined) return 0;
  const ra = p.reassignment;
  if (ra !== undefined) {
    const changing = new Set([...ra.adding, ...ra.removing]);
    if (p.replicas.some((r) => changing.has(r)))
      return ra.replicas.filter((r) => !ra.adding.includes(r)).length;
  }
  return p.replicas.length;
}

/** `Topic: t\tTopicId: ..\tPartitionCount: n\tReplicationFactor: rf\tConfigs: k=v,..` */
export function formatTopicHeader(d: TopicDescriptionData): string {
  const configs = javaHashMapOrder(d.configs, (c) => c.name)
    .filter((c) => !c.isDefault)
    .map((c) => `${c.name}=${c.value}`)
    .join(',');
  const id = d.topicId !== null && d.topicId !== ZERO_UUID ? `\tTopicId: ${d.topicId}` : '';
  return (
    `Topic: ${d.topic}${id}\tPartitionCount: ${d.partitions.length}` +
    `\tReplicationFactor: ${replicationFactor(d.partitions[0])}\tConfigs: ${configs}` +
    (d.markedForDeletion ? '\tMarkedForDeletion: true' : '')
  );
}

/** `\tTopic: t\tPartition: p\tLeader: l|none\tReplicas: a,b\tIsr: a,b` (plus reassignment, deletion). */
export function formatPartitionLine(
  topic: string,
  p: PartitionDescriptionData,
  markedForDeletion: boolean,
): string {
  let line =
    `\tTopic: ${topic}\tPartition: ${p.partition}\tLeader: ${p.leader === null ? 'none' : p.leader}` +
    `\tReplicas: ${p.replicas.join(',')}\tIsr: ${p.isr.join(',')}`;
  if (p.reassignment !== undefined)
    line +=
      `\tAdding Replicas: ${p.reassignment.adding.join(',')}` +
      `\tRemoving Replicas: ${p.reassignment.removing.join(',')}`;
  return line + (markedForDeletion ? '\tMarkedForDeletion: true' : '');
}

export function isUnderReplicated(p: PartitionDescriptionData): boolean {
  return replicationFactor(p) - p.isr.length > 0;
}

export function isUnavailable(p: PartitionDescriptionData, liveBrokers: ReadonlySet<number>): boolean {
  return p.leader === null || !liveBrokers.has(p.leader);
}

function isUnderMinIsr(p: PartitionDescriptionData, minIsr: number | undefined): boolean {
  return p.leader === null || (minIsr !== undefined && p.isr.length < minIsr);
}

/** True when describe prints the header and every partition (no `--*-partitions` filter given). */
export function describesConfigs(f: DescribeFilter): boolean {
  return (
    !f.reportUnavailablePartitions &&
    !f.reportUnderReplicatedPartitions &&
    !f.reportUnderMinIsrPartitions &&
    !f.reportAtMinIsrPartitions
  );
}

/** The lines `--describe` prints for one topic under the given filters. */
export function describeTopicLines(
  d: TopicDescriptionData,
  filter: DescribeFilter,
  liveBrokers: ReadonlySet<number>,
): string[] {
  const lines: string[] = [];
  const all = describesConfigs(filter);
  if (all && (!filter.reportOverriddenConfigs || d.configs.some((c) => !c.isDefault)))
    lines.push(formatTopicHeader(d));
  if (filter.reportOverriddenConfigs) return lines;
  for (const p of d.partitions) {
    const show =
      all ||
      (filter.reportUnderReplicatedPartitions && isUnderReplicated(p)) ||
      (filter.reportUnavailablePartitions && isUnavailable(p, liveBrokers)) ||
      (filter.reportUnderMinIsrPartitions && isUnderMinIsr(p, d.minIsr)) ||
      (filter.reportAtMinIsrPartitions && d.minIsr !== undefined && p.isr.length === d.minIsr);
    if (show) lines.push(formatPartitionLine(d.topic, p, d.markedForDeletion));
  }
  return lines;
}

/**
 * `--list`: one name per line. ZooKeeper mode marks topics being deleted and prints nothing for no
 * topics; bootstrap mode joins the names into one println, so no topics prints one empty line.
 */
export function formatTopicList(
  topics: readonly { name: string; markedForDeletion: boolean }[],
  mode: 'zookeeper' | 'bootstrap',
): string[] {
  if (mode === 'bootstrap') return [topics.map((t) => t.name).join('\n')];
  return topics.map((t) => (t.markedForDeletion ? `${t.name} - marked for deletion` : t.name));
}
