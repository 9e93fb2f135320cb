/**
 * Offset commits and fetches, group deletion, loading a partition into a new coordinator, unloading,
 * and offset expiry, on MockTime and an in-memory `__consumer_offsets`.
 */
import { MockTime } from '../../../../src/common/clock';
import { ErrorCode, decodeRecords } from '../../../../src/protocol';
import type { GroupCoordinator } from '../../../../src/coordinator/group/group-coordinator';
import type { OffsetCommits } from '../../../../src/coordinator/group/group-metadata-manager';
import { topicPartitionKey } from '../../../../src/coordinator/group/group-offsets';
import { readMessageKey, readOffsetCommitValue } from '../../../../src/coordinator/group/group-records';
import {
  coordinatorFor,
  electAll,
  flush,
  joinArgs,
  partitionOf,
  pending,
  PARTITIONS,
} from './coordinator-fixture';
import { MemoryCoordinatorLog } from './memory-log';

const G = 'orders-group';
let time: MockTime;
let log: MemoryCoordinatorLog;
let c: GroupCoordinator;

function commits(...offsets: [string, number, bigint][]): OffsetCommits {
  return new Map(
    offsets.map(([topic, partition, offset]) => [
      topicPartitionKey({ topic, partition }),
      {
        tp: { topic, partition },
        offset: {
          offset,
          leaderEpoch: -1,
          metadata: '',
          commitTimestamp: BigInt(time.now()),
          expireTimestamp: null,
        },
      },
    ]),
  );
}

async function stableMember(groupId = G): Promise<string> {
  const j = pending(c.handleJoinGroup(joinArgs(groupId)));
  time.advance(0);
  await flush();
  const memberId = j.value()?.memberId ?? '';
  await c.handleSyncGroup({
    groupId,
    generationId: 1,
    memberId,
    protocolType: null,
    protocolName: null,
    groupInstanceId: null,
    assignments: new Map([[memberId, Buffer.from('x')]]),
  });
  await flush();
  return memberId;
}

const errorsOf = (m: Map<string, number>): number[] => [...m.values()];

beforeEach(() => {
  time = new MockTime();
  log = new MemoryCoordinatorLog([0, 1, 2, 3]);
  c = coordinatorFor(time, log);
  electAll(c, time);
});

test('commits are checked against the member and generation; simple commits need an Empty group', async () => {
  const member = await stableMember();
  expect(errorsOf(await c.handleCommitOffsets(G, member, null, 0, commits(['t', 0, 5n])))).toEqual([
    ErrorCode.ILLEGAL_GENERATION,
  ]);
  expect(errorsOf(await c.handleCommitOffsets(G, 'stranger', null, 1, commits(['t', 0, 5n])))).toEqual([
    ErrorCode.UNKNOWN_MEMBER_ID,
  ]);
  expect(errorsOf(await c.handleCommitOffsets(G, '', null, -1, commits(['t', 0, 5n])))).toEqual([
    ErrorCode.UNKNOWN_MEMBER_ID,
  ]);
  expect(
    errorsOf(await c.handleCommitOffsets(G, member, null, 1, commits(['t', 0, 5n], ['t', 1, 7n]))),
  ).toEqual([0, 0]);
  // A group nobody manages takes commits with generation -1, and not otherwise.
  expect(errorsOf(await c.handleCommitOffsets('simple', '', null, -1, commits(['t', 0, 3n])))).toEqual([0]);
  expect(errorsOf(await c.handleCommitOffsets('other', '', null, 4, commits(['t', 0, 3n])))).toEqual([
    ErrorCode.ILLEGAL_GENERATION,
  ]);
  expect(c.handleDescribeGroup('simple').summary.state).toBe('Empty');
  const fetched = c.handleFetchOffsets(G, false, [
    { topic: 't', partition: 0 },
    { topic: 't', partition: 9 },
  ]);
  expect(fetched.offsets.map((o) => [o.tp.partition, o.offset, o.error])).toEqual([
    [0, 5n, 0],
    [9, -1n, 0],
  ]);
  expect(
    c
      .handleFetchOffsets(G, false, null)
      .offsets.map((o) => o.offset)
      .sort(),
  ).toEqual([5n, 7n]);
  expect(c.handleFetchOffsets('never-seen', false, null).offsets).toEqual([]);
});

test('commits are written as Kafka’s offset-commit records', async () => {
  await c.handleCommitOffsets('simple', '', null, -1, commits(['t', 2, 11n]));
  const batch = log.batches.get(partitionOf('simple'))?.[0];
  if (!batch) throw new Error('nothing written');
  const [record] = decodeRecords(batch).records;
  expect(readMessageKey(record?.key ?? Buffer.alloc(0))).toEqual({
    kind: 'offset',
    version: 1,
    group: 'simple',
    topic: 't',
    partition: 2,
  });
  expect(readOffsetCommitValue(record?.value ?? null)).toMatchObject({
    offset: 11n,
    commitTimestamp: BigInt(time.now()),
  });
});

test('a commit waiting for replication is unstable for require_stable fetches', async () => {
  let release = (): void => undefined;
  log.gate = new Promise((r) => (release = r));
  const inFlight = c.handleCommitOffsets('simple', '', null, -1, commits(['t', 0, 1n]));
  await flush();
  expect(c.handleFetchOffsets('simple', true, [{ topic: 't', partition: 0 }]).offsets[0]?.error).toBe(
    ErrorCode.UNSTABLE_OFFSET_COMMIT,
  );
  release();
  expect(errorsOf(await inFlight)).toEqual([0]);
  expect(c.handleFetchOffsets('simple', true, [{ topic: 't', partition: 0 }]).offsets[0]?.offset).toBe(1n);
});

test('failed appends map to the errors Kafka gives clients', async () => {
  log.appendError = ErrorCode.NOT_LEADER_OR_FOLLOWER;
  expect(errorsOf(await c.handleCommitOffsets('simple', '', null, -1, commits(['t', 0, 1n])))).toEqual([
    ErrorCode.NOT_COORDINATOR,
  ]);
  log.appendError = ErrorCode.NOT_ENOUGH_REPLICAS;
  expect(errorsOf(await c.handleCommitOffsets('simple', '', null, -1, commits(['t', 0, 1n])))).toEqual([
    ErrorCode.COORDINATOR_NOT_AVAILABLE,
  ]);
  expect(c.handleFetchOffsets('simple', false, [{ topic: 't', partition: 0 }]).offsets[0]?.offset).toBe(-1n);
});

test('a new coordinator loads groups and offsets from the log; members expire unless they heartbeat', async () => {
  const member = await stableMember();
  await c.handleCommitOffsets(G, member, null, 1, commits(['t', 0, 5n]));
  await c.handleCommitOffsets(G, member, null, 1, commits(['t', 0, 8n]));
  await c.handleCommitOffsets('simple', '', null, -1, commits(['u', 1, 3n]));
  const c2 = coordinatorFor(time, log);
  expect(c2.handleHeartbeat(G, member, null, 1)).toBe(ErrorCode.NOT_COORDINATOR);
  for (let p = 0; p < PARTITIONS; p++) c2.onElection(p, 1);
  expect(c2.handleDescribeGroup(G).error).toBe(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
  expect(c2.handleHeartbeat(G, member, null, 1)).toBe(ErrorCode.NONE); // answered blindly while loading
  time.advance(0);
  const summary = c2.handleDescribeGroup(G).summary;
  expect(summary).toMatchObject({ state: 'Stable', protocolType: 'consumer', protocol: 'range' });
  expect(summary.members.map((m) => [m.memberId, m.clientHost, m.assignment.toString()])).toEqual([
    [member, '/127.0.0.1', 'x'],
  ]);
  expect(c2.handleFetchOffsets(G, false, null).offsets.map((o) => o.offset)).toEqual([8n]);
  expect(c2.handleFetchOffsets('simple', false, null).offsets.map((o) => o.offset)).toEqual([3n]);
  expect(c2.handleHeartbeat(G, member, null, 1)).toBe(ErrorCode.NONE);
  time.advance(4999);
  expect(c2.handleDescribeGroup(G).summary.state).toBe('Stable');
  // Session over: the member is removed; with nobody left to wait for, the group is Empty at once.
  time.advance(1);
  await flush();
  expect(c2.handleDescribeGroup(G).summary).toMatchObject({ state: 'Empty', members: [] });
});

test('resigning unloads the partition: waiting joins get NOT_COORDINATOR, later requests too', async () => {
  const first = pending(c.handleJoinGroup(joinArgs(G)));
  const second = pending(c.handleJoinGroup(joinArgs(G, { clientId: 'other' })));
  time.advance(0);
  await flush();
  const member = first.value()?.memberId ?? '';
  expect(second.value()?.generationId).toBe(1);
  await c.handleSyncGroup({
    groupId: G,
    generationId: 1,
    memberId: member,
    protocolType: null,
    protocolName: null,
    groupInstanceId: null,
    assignments: new Map(),
  });
  await flush();
  // The leader of the Stable group rejoins; the rebalance waits for the other member.
  const rejoin = pending(c.handleJoinGroup(joinArgs(G, { memberId: member })));
  await flush();
  expect(rejoin.value()).toBeUndefined();
  c.onResignation(partitionOf(G), 1);
  time.advance(0);
  await flush();
  expect(rejoin.value()?.error).toBe(ErrorCode.NOT_COORDINATOR);
  expect(c.handleHeartbeat(G, member, null, 1)).toBe(ErrorCode.NOT_COORDINATOR);
  expect(c.handleListGroups(new Set()).groups).toEqual([]);
  // A stale resignation (older epoch) after a newer election does not unload again.
  c.onElection(partitionOf(G), 2);
  c.onResignation(partitionOf(G), 1);
  time.advance(0);
  expect(c.handleDescribeGroup(G).error).toBe(ErrorCode.NONE);
});

test('DeleteGroups: active groups are refused, Empty ones deleted with tombstones', async () => {
  const member = await stableMember();
  await c.handleCommitOffsets(G, member, null, 1, commits(['t', 0, 5n]));
  expect(c.handleDeleteGroups([G, 'missing'])).toEqual(
    new Map([
      [G, ErrorCode.NON_EMPTY_GROUP],
      ['missing', ErrorCode.GROUP_ID_NOT_FOUND],
    ]),
  );
  c.handleLeaveGroup(G, [{ memberId: member, groupInstanceId: null }]);
  await flush();
  expect(c.handleDeleteGroups([G])).toEqual(new Map([[G, ErrorCode.NONE]]));
  await flush();
  const batches = log.batches.get(partitionOf(G)) ?? [];
  const last = decodeRecords(batches[batches.length - 1] ?? Buffer.alloc(0)).records;
  expect(last.map((r) => [readMessageKey(r.key ?? Buffer.alloc(0)).kind, r.value])).toEqual([
    ['offset', null],
    ['group', null],
  ]);
  expect(c.handleDescribeGroup(G).summary.state).toBe('Dead');
  // Reloaded from the log, the group is gone.
  const c2 = coordinatorFor(time, log);
  electAll(c2, time, 1);
  expect(c2.handleDescribeGroup(G).summary.state).toBe('Dead');
  expect(c2.handleFetchOffsets(G, false, null).offsets).toEqual([]);
});

test('OffsetDelete refuses topics a Stable consumer group subscribes to', async () => {
  const member = await stableMember();
  await c.handleCommitOffsets(G, member, null, 1, commits(['t', 0, 5n], ['old', 0, 1n]));
  const r = c.handleDeleteOffsets(G, [
    { topic: 't', partition: 0 },
    { topic: 'old', partition: 0 },
  ]);
  expect(r.partitions.map((p) => [p.tp.topic, p.error])).toEqual([
    ['t', ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC],
    ['old', ErrorCode.NONE],
  ]);
  expect(c.handleDeleteOffsets('missing', [{ topic: 't', partition: 0 }]).error).toBe(
    ErrorCode.GROUP_ID_NOT_FOUND,
  );
});

test('offsets expire after offsets.retention.minutes, checked every offsets.retention.check.interval.ms', async () => {
  c = coordinatorFor(time, (log = new MemoryCoordinatorLog([0, 1, 2, 3])), { retentionMs: 3_600_000 });
  electAll(c, time);
  await c.handleCommitOffsets('simple', '', null, -1, commits(['t', 0, 3n]));
  time.advance(3_000_000);
  expect(c.handleFetchOffsets('simple', false, null).offsets).toHaveLength(1);
  time.advance(600_000); // next check after the hour
  expect(c.handleFetchOffsets('simple', false, null).offsets).toEqual([]);
  expect(c.handleListGroups(new Set()).groups).toEqual([]);
  await flush();
  const batches = log.batches.get(partitionOf('simple')) ?? [];
  expect(decodeRecords(batches[batches.length - 1] ?? Buffer.alloc(0)).records.map((r) => r.value)).toEqual([
    null,
  ]);
});

test('ListGroups filters on state names', async () => {
  await stableMember();
  await c.handleCommitOffsets('simple', '', null, -1, commits(['t', 0, 3n]));
  const all = c
    .handleListGroups(new Set())
    .groups.map((g) => [g.groupId, g.protocolType, g.state])
    .sort();
  expect(all).toEqual([
    [G, 'consumer', 'Stable'],
    ['simple', '', 'Empty'],
  ]);
  expect(c.handleListGroups(new Set(['Empty'])).groups.map((g) => g.groupId)).toEqual(['simple']);
});
