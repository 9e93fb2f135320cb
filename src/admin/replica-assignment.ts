/**
 * Kafka's replica assignment (`AdminUtils.assignReplicasToBrokers` and
 * `AdminZkClient.createNewPartitionsAssignment`) as pure functions. The random source is injected so
 * tests can pin the start index and shift that Kafka draws at random.
 *
 * Rack-unaware: partition p's first replica (its preferred leader) is broker[(p + startIndex) % n];
 * each later replica j sits `1 + (shift + j) % (n - 1)` places further on, and the shift steps up by
 * one every n partitions. Rack-aware: the same walk over a broker list alternated by rack, skipping
 * brokers whose rack (or who themselves) already hold a replica while other racks (brokers) have none.
 */
import {
  AdminOperationError,
  BrokerNotAvailableError,
  InvalidPartitionsError,
  InvalidReplicaAssignmentError,
  InvalidReplicationFactorError,
} from './errors';

/** Returns an integer in [0, bound), like Java's `Random.nextInt(bound)`. */
export type RandomInt = (bound: number) => number;

export const defaultRandom: RandomInt = (bound) => Math.floor(Math.random() * bound);

/** A broker as assignment sees it: its id and its rack, if it has one. */
export interface BrokerMetadata {
  id: number;
  rack: string | null;
}

/** partition id -> replica broker ids, first one preferred leader. */
export type ReplicaAssignmentMap = Map<number, number[]>;

function toMetadata(b: number | BrokerMetadata): BrokerMetadata {
  return typeof b === 'number' ? { id: b, rack: null } : b;
}

/**
 * Assigns `nPartitions` partitions with `replicationFactor` replicas over the brokers, in the order
 * given (the `--zookeeper` path sorts by id). A fixed start index >= 0 is used as both the start index
 * and the initial shift, as Kafka does when adding partitions; otherwise both are drawn at random.
 */
export function assignReplicasToBrokers(
  brokers: readonly (number | BrokerMetadata)[],
  nPartitions: number,
  replicationFactor: number,
  fixedStartIndex = -1,
  startPartitionId = -1,
  random: RandomInt = defaultRandom,
): ReplicaAssignmentMap {
  if (nPartitions <= 0) throw new InvalidPartitionsError('Number of partitions must be larger than 0.');
  if (replicationFactor <= 0)
    throw new InvalidReplicationFactorError('Replication factor must be larger than 0.');
  if (replicationFactor > brokers.length)
    throw new InvalidReplicationFactorError(
      `Replication factor: ${replicationFactor} larger than available brokers: ${brokers.length}.`,
    );
  const metadata = brokers.map(toMetadata);
  if (metadata.every((b) => b.rack === null))
    return assignRackUnaware(
      metadata.map((b) => b.id),
      nPartitions,
      replicationFactor,
      fixedStartIndex,
      startPartitionId,
      random,
    );
  if (metadata.some((b) => b.rack === null))
    throw new AdminOperationError('Not all brokers have rack information for replica rack aware assignment.');
  return assignRackAware(metadata, nPartitions, replicationFactor, fixedStartIndex, startPartitionId, random);
}

function replicaIndex(firstReplicaIndex: number, shift: number, j: number, nBrokers: number): number {
  return (firstReplicaIndex + 1 + ((shift + j) % (nBrokers - 1))) % nBrokers;
}

function at(list: readonly number[], i: number): number {
  const v = list[i];
  if (v === undefined) throw new Error(`broker index ${i} out of range`);
  return v;
}

function assignRackUnaware(
  brokerIds: readonly number[],
  nPartitions: number,
  replicationFactor: number,
  fixedStartIndex: number,
  startPartitionId: number,
  random: RandomInt,
): ReplicaAssignmentMap {
  const n = brokerIds.length;
  const out: ReplicaAssignmentMap = new Map();
  const startIndex = fixedStartIndex >= 0 ? fixedStartIndex : random(n);
  let partitionId = Math.max(0, startPartitionId);
  let shift = fixedStartIndex >= 0 ? fixedStartIndex : random(n);
  for (let i = 0; i < nPartitions; i++) {
    if (partitionId > 0 && partitionId % n === 0) shift += 1;
    const first = (partitionId + startIndex) % n;
    const replicas = [at(brokerIds, first)];
    for (let j = 0; j < replicationFactor - 1; j++)
      replicas.push(at(brokerIds, replicaIndex(first, shift, j, n)));
    out.set(partitionId, replicas);
    partitionId += 1;
  }
  return out;
}

/** Brokers ordered rack by rack (racks sorted, ids sorted within a rack): rack1 b0, rack2 b3, rack1 b1, ... */
export function rackAlternatedBrokerList(brokers: readonly BrokerMetadata[]): number[] {
  const byRack = new Map<string, number[]>();
  for (const b of brokers) {
    if (b.rack === null) continue;
    const list = byRack.get(b.rack) ?? [];
    list.push(b.id);
    byRack.set(b.rack, list);
  }
  const racks = [...byRack.keys()].sort();
  const queues = racks.map((r) => [...(byRack.get(r) ?? [])].sort((a, b) => a - b));
  const total = queues.reduce((sum, q) => sum + q.length, 0);
  const result: number[] = [];
  for (let rack = 0; result.length < total; rack = (rack + 1) % queues.length) {
    const next = queues[rack]?.shift();
    if (next !== undefined) result.push(next);
  }
  return result;
}

function assignRackAware(
  brokers: readonly BrokerMetadata[],
  nPartitions: number,
  replicationFactor: number,
  fixedStartIndex: number,
  startPartitionId: number,
  random: RandomInt,
): ReplicaAssignmentMap {
  const rackOf = new Map(brokers.map((b) => [b.id, b.rack ?? '']));
  const numRacks = new Set(rackOf.values()).size;
  const arranged = rackAlternatedBrokerList(brokers);
  const n = arranged.length;
  const out: ReplicaAssignmentMap = new Map();
  const startIndex = fixedStartIndex >= 0 ? fixedStartIndex : random(n);
  let partitionId = Math.max(0, startPartitionId);
  let shift = fixedStartIndex >= 0 ? fixedStartIndex : random(n);
  for (let i = 0; i < nPartitions; i++) {
    if (partitionId > 0 && partitionId % n === 0) shift += 1;
    const first = (partitionId + startIndex) % n;
    const leader = at(arranged, first);
    const replicas = [leader];
    const racksUsed = new Set([rackOf.get(leader)]);
    const brokersUsed = new Set([leader]);
    let k = 0;
    for (let r = 0; r < replicationFactor - 1; r++) {
      for (;;) {
        const broker = at(arranged, replicaIndex(first, shift * numRacks, k, n));
        const rack = rackOf.get(broker);
        k += 1;
        if (
          (!racksUsed.has(rack) || racksUsed.size === numRacks) &&
          (!brokersUsed.has(broker) || brokersUsed.size === n)
        ) {
          replicas.push(broker);
          racksUsed.add(rack);
          brokersUsed.add(broker);
          break;
        }
      }
    }
    out.set(partitionId, replicas);
    partitionId += 1;
  }
  return out;
}

/** Scala's rendering of an existing assignment, used in one of Kafka's error messages. */
function describeAssignment(existing: ReadonlyMap<number, readonly number[]>): string {
  const entries = [...existing.entries()].map(
    ([p, r]) => `${p} -> ReplicaAssignment(replicas=${r.join(',')}, addingReplicas=, removingReplicas=)`,
  );
  return `Map(${entries.join(', ')})`;
}

/**
 * The assignment for the partitions being added to a topic that has `existing` (Kafka's
 * `createNewPartitionsAssignment`): either the caller's `replicaAssignment` for the new partitions
 * (validated against the live brokers and the topic's replication factor), or Kafka's algorithm with
 * the start index fixed to where partition 0's first replica sits in the sorted broker list and
 * partition ids continuing from the existing count. Returns only the new partitions.
 */
export function createNewPartitionsAssignment(
  topic: string,
  existing: ReadonlyMap<number, readonly number[]>,
  allBrokers: readonly BrokerMetadata[],
  numPartitions: number,
  replicaAssignment?: ReadonlyMap<number, readonly number[]>,
): ReplicaAssignmentMap {
  const partition0 = existing.get(0);
  if (partition0 === undefined)
    throw new AdminOperationError(
      `Unexpected existing replica assignment for topic '${topic}', partition id 0 is missing. ` +
        `Assignment: ${describeAssignment(existing)}`,
    );
  const partitionsToAdd = numPartitions - existing.size;
  if (partitionsToAdd <= 0)
    throw new InvalidPartitionsError(
      'The number of partitions for a topic can only be increased. ' +
        `Topic ${topic} currently has ${existing.size} partitions, ` +
        `${numPartitions} would not be an increase.`,
    );
  if (replicaAssignment !== undefined) {
    validateReplicaAssignment(replicaAssignment, partition0.length, new Set(allBrokers.map((b) => b.id)));
    return new Map([...replicaAssignment.entries()].map(([p, r]) => [p, [...r]]));
  }
  const leader0 = partition0[0] ?? 0;
  const startIndex = Math.max(
    0,
    allBrokers.findIndex((b) => b.id >= leader0),
  );
  return assignReplicasToBrokers(allBrokers, partitionsToAdd, partition0.length, startIndex, existing.size);
}

/** Kafka's checks on a manual assignment for new partitions, with its messages. */
export function validateReplicaAssignment(
  assignment: ReadonlyMap<number, readonly number[]>,
  expectedReplicationFactor: number,
  availableBrokerIds: ReadonlySet<number>,
): void {
  const available = [...availableBrokerIds].sort((a, b) => a - b).join(', ');
  for (const [partitionId, replicas] of assignment) {
    if (replicas.length === 0)
      throw new InvalidReplicaAssignmentError(
        `Cannot have replication factor of 0 for partition id ${partitionId}.`,
      );
    if (new Set(replicas).size !== replicas.length)
      throw new InvalidReplicaAssignmentError(
        `Duplicate brokers not allowed in replica assignment: ${replicas.join(', ')} for partition id ${partitionId}.`,
      );
    if (!replicas.every((b) => availableBrokerIds.has(b)))
      throw new BrokerNotAvailableError(
        `Some brokers specified for partition id ${partitionId} are not available. ` +
          `Specified brokers: ${replicas.join(', ')}, available brokers: ${available}.`,
      );
  }
  const bad = [...assignment.entries()]
    .filter(([, r]) => r.length !== expectedReplicationFactor)
    .sort((a, b) => a[0] - b[0]);
  if (bad.length > 0)
    throw new InvalidReplicaAssignmentError(
      'Inconsistent replication factor between partitions, ' +
        `partition 0 has ${expectedReplicationFactor} while partitions [${bad.map(([p]) => p).join(', ')}] have ` +
        `replication factors [${bad.map(([, r]) => r.length).join(', ')}], respectively.`,
    );
}
