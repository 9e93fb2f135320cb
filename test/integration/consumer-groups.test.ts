/**
 * Issue 6, consumer groups on a three-broker cluster (RF 3, `__consumer_offsets` RF 3) with real
 * kafkajs consumers: a 13-partition topic split 5/4/4 across three members; a member killed without
 * leaving hands its partitions to the others within the session timeout and nothing is lost; two
 * groups each read everything; committed offsets survive the coordinator's broker being killed -9
 * (the new leader of the group's offsets partition loads them) and a restart of every broker.
 */
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { GROUP_METADATA_TOPIC_NAME } from '../../src/admin/topic-validation';
import { partitionFor } from '../../src/coordinator/group/partition-for';
import type { ZooKeeperClient } from '../../src/zk/zookeeper-client';
import {
  eventually,
  freshZkConnect,
  startBroker,
  stopAllBrokers,
  zkInspector,
  type BrokerProcess,
} from '../harness/brokers';
import { createTopic, describeGroup, isSplit, startMember, stopAllMembers } from './consumer-groups-harness';

jest.setTimeout(180_000);

const OFFSETS_PARTITIONS = 10;
const BROKER_PROPS = {
  'offsets.topic.num.partitions': OFFSETS_PARTITIONS,
  'offsets.topic.replication.factor': 3,
  'group.min.session.timeout.ms': 1000,
  'default.replication.factor': 3,
};

let zkConnect: string;
let zk: ZooKeeperClient;
const brokers: BrokerProcess[] = [];
let bootstrap: string;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;

async function produce(topic: string, values: string[], partitions: number): Promise<void> {
  await producer.send({
    topic,
    acks: -1,
    messages: values.map((v, i) => ({ value: v, partition: i % partitions })),
  });
}

const range = (prefix: string, from: number, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);

async function offsetsLeader(group: string): Promise<{ partition: number; leader: number; isr: number[] }> {
  const partition = partitionFor(group, OFFSETS_PARTITIONS);
  const node = await zk.getData(`/brokers/topics/${GROUP_METADATA_TOPIC_NAME}/partitions/${partition}/state`);
  const state = JSON.parse(node?.data?.toString() ?? '{}') as { leader: number; isr: number[] };
  return { partition, leader: state.leader, isr: state.isr };
}

async function committed(group: string, topic: string): Promise<Record<number, string>> {
  const offsets = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  return Object.fromEntries((offsets[0]?.partitions ?? []).map((p) => [p.partition, p.offset]));
}

beforeAll(async () => {
  zkConnect = freshZkConnect();
  zk = await zkInspector(zkConnect);
  for (const id of [0, 1, 2])
    brokers.push(await startBroker({ brokerId: id, zkConnect, props: BROKER_PROPS }));
  bootstrap = brokers.map((b) => `localhost:${b.port}`).join(',');
  await createTopic(zkConnect, 'orders', 13, 3);
  kafka = new Kafka({
    clientId: 'cg-test',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 20 },
  });
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await stopAllMembers();
  await producer?.disconnect().catch(() => undefined);
  await admin?.disconnect().catch(() => undefined);
  await zk?.close();
  await stopAllBrokers();
});

test('three members split 13 partitions 5/4/4; a killed member’s partitions move to the others, nothing is lost', async () => {
  const members = [0, 1, 2].map((i) => startMember('kafkajs', bootstrap, 'split', 'orders', `split-${i}`));
  await eventually(
    async () => isSplit(await describeGroup(admin, 'split'), 13, [5, 4, 4]),
    60_000,
    '5/4/4 split',
  );
  const first = range('a', 0, 130);
  await produce('orders', first, 13);
  const seen = (): Set<string> => new Set(members.flatMap((m) => m.records.map((r) => r.v)));
  await eventually(async () => first.every((v) => seen().has(v)), 30_000, 'first batch consumed');

  const [victim, ...survivors] = members as [(typeof members)[0], ...typeof members];
  const killedAt = Date.now();
  await victim.stop('SIGKILL');
  await eventually(async () => isSplit(await describeGroup(admin, 'split'), 13, [7, 6]), 30_000, '7/6 split');
  // Session timeout (4 s) plus the rebalance.
  expect(Date.now() - killedAt).toBeLessThan(15_000);

  const second = range('b', 0, 130);
  await produce('orders', second, 13);
  await eventually(async () => second.every((v) => seen().has(v)), 30_000, 'second batch consumed');
  // At least once, no gaps: every offset of every partition was consumed by someone.
  const byPartition = new Map<number, Set<string>>();
  for (const r of members.flatMap((m) => m.records)) {
    const s = byPartition.get(r.p) ?? new Set<string>();
    s.add(r.o);
    byPartition.set(r.p, s);
  }
  for (let p = 0; p < 13; p++)
    expect([...(byPartition.get(p) ?? [])].map(Number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
  expect(survivors.every((m) => m.running)).toBe(true);
  const view = await describeGroup(admin, 'split');
  expect(view.members.map((m) => m.clientHost)).toEqual(['/127.0.0.1', '/127.0.0.1']);
  await Promise.all(survivors.map((m) => m.stop()));
});

test('two groups each receive every record', async () => {
  await createTopic(zkConnect, 'fanout', 3, 3);
  const a = startMember('kafkajs', bootstrap, 'fan-a', 'fanout');
  const b = startMember('kafkajs', bootstrap, 'fan-b', 'fanout');
  const values = range('f', 0, 60);
  await eventually(
    async () => (await describeGroup(admin, 'fan-a')).state === 'Stable',
    30_000,
    'fan-a stable',
  );
  await eventually(
    async () => (await describeGroup(admin, 'fan-b')).state === 'Stable',
    30_000,
    'fan-b stable',
  );
  await produce('fanout', values, 3);
  for (const m of [a, b])
    await eventually(
      async () => values.every((v) => m.records.some((r) => r.v === v)),
      30_000,
      'all records',
    );
  await Promise.all([a.stop(), b.stop()]);
});

test('committed offsets survive kill -9 of the coordinator: the new leader of the offsets partition loads them', async () => {
  await createTopic(zkConnect, 'moves', 3, 3);
  await produce('moves', range('m', 0, 30), 3);
  const first = startMember('kafkajs', bootstrap, 'mover', 'moves');
  await eventually(async () => first.records.length >= 30, 30_000, 'first 30 consumed');
  await first.stop(); // commits and leaves
  await eventually(
    async () => JSON.stringify(await committed('mover', 'moves')) === '{"0":"10","1":"10","2":"10"}',
    15_000,
    'commits',
  );
  // Every replica of the group's offsets partition in sync before the leader dies.
  const before = await eventually(
    async () => {
      const s = await offsetsLeader('mover');
      return s.isr.length === 3 ? s : null;
    },
    30_000,
    'offsets partition fully in sync',
  );
  const coordinator = brokers[before.leader];
  if (!coordinator) throw new Error(`no broker ${before.leader}`);
  coordinator.kill('SIGKILL');
  await coordinator.waitForExit();
  const after = await eventually(
    async () => {
      const s = await offsetsLeader('mover');
      return s.leader >= 0 && s.leader !== before.leader ? s : null;
    },
    30_000,
    'a new leader for the offsets partition',
  );
  await brokers[after.leader]?.waitForOutput(
    new RegExp(
      `Finished loading offsets and group metadata from ${GROUP_METADATA_TOPIC_NAME}-${after.partition} `,
    ),
  );
  await eventually(
    async () => JSON.stringify(await committed('mover', 'moves')) === '{"0":"10","1":"10","2":"10"}',
    30_000,
    'offsets on the new coordinator',
  );

  await produce('moves', range('n', 0, 30), 3);
  const second = startMember('kafkajs', bootstrap, 'mover', 'moves');
  await eventually(async () => second.records.length >= 30, 30_000, 'the new records');
  expect(second.records.every((r) => r.v.startsWith('n'))).toBe(true);
  await second.stop();

  // Bring the killed broker back for the next test.
  const restarted = await startBroker({
    brokerId: before.leader,
    zkConnect,
    port: coordinator.port,
    logDir: coordinator.logDir,
    props: BROKER_PROPS,
  });
  brokers[before.leader] = restarted;
});

test('committed offsets survive a restart of every broker', async () => {
  const expected = await eventually(
    async () => {
      const c = await committed('mover', 'moves');
      return JSON.stringify(c) === '{"0":"20","1":"20","2":"20"}' ? c : null;
    },
    15_000,
    'mover offsets',
  );
  const split = await committed('split', 'orders');
  await Promise.all(brokers.map((b) => b.stop()));
  for (const [i, b] of brokers.entries())
    brokers[i] = await startBroker({
      brokerId: i,
      zkConnect,
      port: b.port,
      logDir: b.logDir,
      props: BROKER_PROPS,
    });
  await eventually(
    async () => JSON.stringify(await committed('mover', 'moves')) === JSON.stringify(expected),
    60_000,
    'mover offsets after restart',
  );
  await eventually(
    async () => JSON.stringify(await committed('split', 'orders')) === JSON.stringify(split),
    30_000,
    'split offsets after restart',
  );
  expect(Object.values(split)).toEqual(Array.from({ length: 13 }, () => '20'));
});
