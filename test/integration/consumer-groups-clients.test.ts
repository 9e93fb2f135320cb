/**
 * Issue 6 with every real client on one broker: three kcat (librdkafka) `-G` members share a group,
 * kafka-python consumers (JoinGroup v2, OffsetCommit v2, OffsetFetch v1) share one and commit, and
 * one group mixes kafkajs, kcat, kafka-python and @platformatic/kafka (FindCoordinator v4, JoinGroup
 * v6, OffsetFetch v8): they agree on the common "roundrobin" protocol and split the partitions.
 */
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { eventually, freshZkConnect, startBroker, stopAllBrokers } from '../harness/brokers';
import {
  createTopic,
  describeGroup,
  isSplit,
  startKafkaPython,
  startKcat,
  startMember,
  stopAllMembers,
  type MemberProcess,
} from './consumer-groups-harness';

jest.setTimeout(120_000);

let zkConnect: string;
let bootstrap: string;
let admin: Admin;
let producer: Producer;

const values = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

async function produce(topic: string, vs: string[], partitions: number): Promise<void> {
  await producer.send({ topic, messages: vs.map((value, i) => ({ value, partition: i % partitions })) });
}

async function allConsumed(members: MemberProcess[], vs: string[]): Promise<void> {
  await eventually(
    async () => {
      const seen = new Set(members.flatMap((m) => m.records.map((r) => r.v)));
      return vs.every((v) => seen.has(v));
    },
    30_000,
    'every record consumed',
  );
}

beforeAll(async () => {
  zkConnect = freshZkConnect();
  const broker = await startBroker({
    brokerId: 0,
    zkConnect,
    props: { 'offsets.topic.num.partitions': 5, 'group.min.session.timeout.ms': 1000 },
  });
  bootstrap = `localhost:${broker.port}`;
  const kafka = new Kafka({ clientId: 'cg-clients', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await stopAllMembers();
  await producer?.disconnect().catch(() => undefined);
  await admin?.disconnect().catch(() => undefined);
  await stopAllBrokers();
});

test('three kcat -G members share a group', async () => {
  await createTopic(zkConnect, 'kcat-topic', 6, 1);
  const members = [0, 1, 2].map(() => startKcat(bootstrap, 'kcat-group', 'kcat-topic'));
  await eventually(
    async () => isSplit(await describeGroup(admin, 'kcat-group'), 6, [2, 2, 2]),
    60_000,
    '2/2/2 split',
  );
  const view = await describeGroup(admin, 'kcat-group');
  expect(view.protocol).toBe('range');
  expect(view.members.every((m) => m.clientId === 'rdkafka')).toBe(true);
  const vs = values('k', 60);
  await produce('kcat-topic', vs, 6);
  await allConsumed(members, vs);
  await Promise.all(members.map((m) => m.stop()));
});

test('kafka-python consumers share a group and commit', async () => {
  await createTopic(zkConnect, 'python-topic', 4, 1);
  const members = [0, 1].map(() => startKafkaPython(bootstrap, 'python-group', 'python-topic'));
  await eventually(
    async () => isSplit(await describeGroup(admin, 'python-group'), 4, [2, 2]),
    60_000,
    '2/2 split',
  );
  const vs = values('p', 40);
  await produce('python-topic', vs, 4);
  await allConsumed(members, vs);
  await eventually(
    async () => {
      const [t] = await admin.fetchOffsets({ groupId: 'python-group', topics: ['python-topic'] });
      return t?.partitions.every((p) => p.offset === '10');
    },
    15_000,
    'kafka-python commits',
  );
  await Promise.all(members.map((m) => m.stop()));
});

test('kafkajs, kcat, kafka-python and platformatic members in one group', async () => {
  await createTopic(zkConnect, 'mixed-topic', 8, 1);
  // The kafkajs member joins first and so leads the group: librdkafka 2.0.2 as leader cannot parse
  // platformatic's subscription (version 1 without the owned-partitions field it then requires) and
  // leaves that member without partitions, as it would against Kafka itself.
  const leader = startMember('kafkajs', bootstrap, 'mixed-group', 'mixed-topic');
  await eventually(
    async () => isSplit(await describeGroup(admin, 'mixed-group'), 8, [8]),
    30_000,
    'kafkajs leads',
  );
  const members = [
    leader,
    startKcat(bootstrap, 'mixed-group', 'mixed-topic'),
    startKafkaPython(bootstrap, 'mixed-group', 'mixed-topic'),
    startMember('platformatic', bootstrap, 'mixed-group', 'mixed-topic'),
  ];
  let last = '';
  await eventually(
    async () => {
      const v = await describeGroup(admin, 'mixed-group');
      last = JSON.stringify(v);
      return isSplit(v, 8, [2, 2, 2, 2]);
    },
    60_000,
    '2/2/2/2 split',
  ).catch((err: unknown) => {
    throw new Error(`${String(err)}\n${last}\n${members.map((m) => m.stderr).join('\n---\n')}`);
  });
  const view = await describeGroup(admin, 'mixed-group');
  expect(view.protocol).toBe('roundrobin');
  expect(view.members.map((m) => m.clientId).sort()).toEqual(
    ['kafka-python-member', 'kafkajs-member', 'platformatic-member', 'rdkafka'].sort(),
  );
  const vs = values('x', 80);
  await produce('mixed-topic', vs, 8);
  await allConsumed(members, vs);
  // Each member read exactly its own partitions.
  for (const m of members) expect(new Set(m.records.map((r) => r.p)).size).toBe(2);
  await Promise.all(members.map((m) => m.stop()));
});
