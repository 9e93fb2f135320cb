/**
 * Issue 6 at the wire level (one broker, this project's BrokerClient): the advertised versions of
 * protocol-matrix.md §8, FindCoordinator v0–v4 (v4 batched) and its COORDINATOR_NOT_AVAILABLE while
 * `__consumer_offsets` cannot be created, MEMBER_ID_REQUIRED only from JoinGroup v4, the v0–v2
 * LeaveGroup error folding, OffsetFetch v1 and v8 (batched), and `__consumer_offsets` created
 * compacted with offsets.topic.segment.bytes.
 */
import { BrokerClient } from '../../src/network/broker-client';
import { ApiKey, ErrorCode } from '../../src/protocol';
import {
  eventually,
  freshZkConnect,
  startBroker,
  stopAllBrokers,
  zkInspector,
  type BrokerProcess,
} from '../harness/brokers';

jest.setTimeout(60_000);

const clients: BrokerClient[] = [];
function client(broker: BrokerProcess, clientId = 'proto'): BrokerClient {
  const c = new BrokerClient(
    { id: -1, host: 'localhost', port: broker.port },
    { clientId, requestTimeoutMs: 15_000 },
  );
  clients.push(c);
  return c;
}

afterAll(async () => {
  for (const c of clients) c.close();
  await stopAllBrokers();
});

test('advertised versions (protocol-matrix §8)', async () => {
  const broker = await startBroker({ brokerId: 0, zkConnect: freshZkConnect() });
  const r = await client(broker).send(ApiKey.ApiVersions, 0, {});
  const range = (k: number): [number, number] | undefined => {
    const a = r.apiKeys.find((x) => x.apiKey === k);
    return a ? [a.minVersion, a.maxVersion] : undefined;
  };
  expect(range(ApiKey.OffsetCommit)).toEqual([2, 8]);
  expect(range(ApiKey.OffsetFetch)).toEqual([1, 8]);
  expect(range(ApiKey.FindCoordinator)).toEqual([0, 4]);
  expect(range(ApiKey.JoinGroup)).toEqual([0, 6]);
  expect(range(ApiKey.Heartbeat)).toEqual([0, 4]);
  expect(range(ApiKey.LeaveGroup)).toEqual([0, 4]);
  expect(range(ApiKey.SyncGroup)).toEqual([0, 4]);
  expect(range(ApiKey.DescribeGroups)).toEqual([0, 5]);
  expect(range(ApiKey.ListGroups)).toEqual([0, 4]);
  expect(range(ApiKey.DeleteGroups)).toEqual([0, 2]);
  expect(range(ApiKey.OffsetDelete)).toEqual([0, 0]);
});

test('FindCoordinator fails with COORDINATOR_NOT_AVAILABLE while too few brokers are alive', async () => {
  const zkConnect = freshZkConnect();
  const broker = await startBroker({
    brokerId: 0,
    zkConnect,
    props: { 'offsets.topic.replication.factor': 3 },
  });
  // Right after startup the broker may not have its first UpdateMetadata yet (it then counts 0 alive
  // brokers, as Kafka would): ask until it counts itself.
  const counted =
    /Number of alive brokers '1' does not meet the required replication factor '3' for the offsets topic/;
  for (let i = 0; i < 50 && !counted.test(broker.output); i++) {
    const r = await client(broker).send(ApiKey.FindCoordinator, 0, { key: 'g' });
    expect(r).toMatchObject({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, nodeId: -1 });
    await new Promise((res) => setTimeout(res, 100));
  }
  await broker.waitForOutput(counted);
  const zk = await zkInspector(zkConnect);
  expect(await zk.exists('/brokers/topics/__consumer_offsets')).toBeNull();
  await zk.close();
});

describe('group APIs on one broker', () => {
  let broker: BrokerProcess;
  let zkConnect: string;

  beforeAll(async () => {
    zkConnect = freshZkConnect();
    broker = await startBroker({
      brokerId: 0,
      zkConnect,
      props: { 'offsets.topic.num.partitions': 3, 'offsets.topic.segment.bytes': 1048576 },
    });
  });

  test('FindCoordinator creates __consumer_offsets, then answers v0–v3 and batched v4', async () => {
    const c = client(broker);
    const first = await c.send(ApiKey.FindCoordinator, 1, { key: 'g', keyType: 0 });
    expect(first.errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const zk = await zkInspector(zkConnect);
    try {
      const config = await eventually(
        async () => {
          // As a client does: ask again (the first request may beat the broker's first metadata).
          await c.send(ApiKey.FindCoordinator, 1, { key: 'g', keyType: 0 });
          const node = await zk.getData('/config/topics/__consumer_offsets');
          return node?.data ? (JSON.parse(node.data.toString()) as { config: Record<string, string> }) : null;
        },
        10_000,
        'the offsets topic config',
      );
      expect(config.config).toEqual({
        'cleanup.policy': 'compact',
        'segment.bytes': '1048576',
        'compression.type': 'producer',
      });
    } finally {
      await zk.close();
    }
    const v0 = await eventually(
      async () => {
        const r = await c.send(ApiKey.FindCoordinator, 0, { key: 'g' });
        return r.errorCode === ErrorCode.NONE ? r : null;
      },
      15_000,
      'a coordinator',
    );
    expect(v0).toMatchObject({ nodeId: 0, host: 'localhost', port: broker.port });
    const v3 = await c.send(ApiKey.FindCoordinator, 3, { key: 'g', keyType: 0 });
    expect(v3).toMatchObject({ errorCode: 0, errorMessage: 'NONE', nodeId: 0 });
    const v4 = await c.send(ApiKey.FindCoordinator, 4, { keyType: 0, coordinatorKeys: ['a', 'b'] });
    expect(v4.coordinators.map((x) => [x.key, x.nodeId, x.errorCode])).toEqual([
      ['a', 0, 0],
      ['b', 0, 0],
    ]);
  });

  test('MEMBER_ID_REQUIRED from JoinGroup v4 only; join, sync, heartbeat, describe and leave on the wire', async () => {
    const c = client(broker, 'joiner');
    const base = {
      groupId: 'wire',
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: 10000,
      memberId: '',
      protocolType: 'consumer',
    };
    const protocols = [{ name: 'range', metadata: Buffer.from('000000000000ffffffff', 'hex') }];
    await eventually(
      async () => (await c.send(ApiKey.FindCoordinator, 0, { key: 'wire' })).errorCode === 0,
      15_000,
      'coordinator',
    );
    const v4 = await eventually(
      async () => {
        const r = await c.send(ApiKey.JoinGroup, 4, { ...base, protocols });
        return r.errorCode === ErrorCode.MEMBER_ID_REQUIRED ? r : null;
      },
      15_000,
      'MEMBER_ID_REQUIRED',
    );
    expect(v4.memberId).toMatch(/^joiner-[0-9a-f-]{36}$/);
    const joined = await c.send(ApiKey.JoinGroup, 4, { ...base, memberId: v4.memberId, protocols });
    expect(joined).toMatchObject({
      errorCode: 0,
      generationId: 1,
      leader: v4.memberId,
      protocolName: 'range',
    });
    const v0 = await client(broker, 'old').send(ApiKey.JoinGroup, 0, {
      ...base,
      groupId: 'wire-v0',
      protocols,
    });
    expect(v0).toMatchObject({ errorCode: 0, generationId: 1 });
    const bad = await c.send(ApiKey.JoinGroup, 2, { ...base, sessionTimeoutMs: 10, protocols });
    expect(bad.errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    const sync = await c.send(ApiKey.SyncGroup, 3, {
      groupId: 'wire',
      generationId: 1,
      memberId: v4.memberId,
      assignments: [{ memberId: v4.memberId, assignment: Buffer.from('abc') }],
    });
    expect(sync).toMatchObject({ errorCode: 0, assignment: Buffer.from('abc') });
    expect(
      (await c.send(ApiKey.Heartbeat, 1, { groupId: 'wire', generationId: 1, memberId: v4.memberId }))
        .errorCode,
    ).toBe(0);
    const described = await c.send(ApiKey.DescribeGroups, 5, {
      groups: ['wire'],
      includeAuthorizedOperations: true,
    });
    expect(described.groups[0]).toMatchObject({
      groupState: 'Stable',
      protocolData: 'range',
      authorizedOperations: 328,
      members: [{ memberId: v4.memberId, clientId: 'joiner', clientHost: '/127.0.0.1' }],
    });
    // LeaveGroup v1 folds the member's error into the top level; v3 reports it per member.
    const unknown = await c.send(ApiKey.LeaveGroup, 1, { groupId: 'wire', memberId: 'nobody' });
    expect(unknown.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const left = await c.send(ApiKey.LeaveGroup, 3, {
      groupId: 'wire',
      members: [
        { memberId: v4.memberId, groupInstanceId: null },
        { memberId: 'nobody', groupInstanceId: null },
      ],
    });
    expect(left.errorCode).toBe(0);
    expect(left.members.map((m) => m.errorCode)).toEqual([0, ErrorCode.UNKNOWN_MEMBER_ID]);
  });

  test('OffsetCommit v2 and OffsetFetch v1, v7 (all topics) and v8 (batched groups)', async () => {
    const c = client(broker);
    await c.send(ApiKey.CreateTopics, 0, {
      topics: [{ name: 'tp', numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 10000,
    });
    await eventually(
      async () => {
        const r = await c.send(ApiKey.OffsetCommit, 2, {
          groupId: 'simple',
          generationId: -1,
          memberId: '',
          retentionTimeMs: -1n,
          topics: [
            {
              name: 'tp',
              partitions: [{ partitionIndex: 1, committedOffset: 7n, committedMetadata: 'meta' }],
            },
          ],
        });
        return r.topics[0]?.partitions[0]?.errorCode === 0;
      },
      15_000,
      'a commit',
    );
    const unknownTopic = await c.send(ApiKey.OffsetCommit, 2, {
      groupId: 'simple',
      generationId: -1,
      memberId: '',
      topics: [
        { name: 'nope', partitions: [{ partitionIndex: 0, committedOffset: 1n, committedMetadata: null }] },
      ],
    });
    expect(unknownTopic.topics[0]?.partitions[0]?.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const v1 = await c.send(ApiKey.OffsetFetch, 1, {
      groupId: 'simple',
      topics: [{ name: 'tp', partitionIndexes: [0, 1] }],
    });
    expect(v1.topics[0]?.partitions.map((p) => [p.partitionIndex, p.committedOffset, p.metadata])).toEqual([
      [0, -1n, ''],
      [1, 7n, 'meta'],
    ]);
    const v7 = await c.send(ApiKey.OffsetFetch, 7, { groupId: 'simple', topics: null, requireStable: true });
    expect(v7.topics.map((t) => [t.name, t.partitions.map((p) => p.committedOffset)])).toEqual([
      ['tp', [7n]],
    ]);
    const v8 = await c.send(ApiKey.OffsetFetch, 8, {
      groups: [
        { groupId: 'simple', topics: null },
        { groupId: 'nobody', topics: [{ name: 'tp', partitionIndexes: [0] }] },
      ],
      requireStable: false,
    });
    expect(
      v8.groups.map((g) => [
        g.groupId,
        g.errorCode,
        g.topics.flatMap((t) => t.partitions.map((p) => p.committedOffset)),
      ]),
    ).toEqual([
      ['simple', 0, [7n]],
      ['nobody', 0, [-1n]],
    ]);
    const list = await c.send(ApiKey.ListGroups, 4, { statesFilter: ['Empty'] });
    expect(list.groups.map((g) => g.groupId).sort()).toContain('simple');
    const del = await c.send(ApiKey.DeleteGroups, 2, { groupsNames: ['simple', 'simple', 'ghost'] });
    expect(del.results.map((r) => [r.groupId, r.errorCode])).toEqual([
      ['simple', 0],
      ['ghost', ErrorCode.GROUP_ID_NOT_FOUND],
    ]);
  });
});
