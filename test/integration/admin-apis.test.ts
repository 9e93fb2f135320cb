/**
 * The admin APIs on three real brokers: CreateTopics waits for leaders and reports Kafka's errors,
 * validateOnly writes nothing, CreatePartitions grows a topic, DeleteTopics removes znodes and
 * directories, DescribeConfigs reports sources, AlterConfigs writes the override and a change
 * notification, Metadata auto-creates topics, and kafka-python and @platformatic/kafka can create
 * topics too. Raw requests (our own codec) check the fields kafkajs does not surface.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { BrokerClient } from '../../src/network/broker-client';
import { ApiKey, ErrorCode } from '../../src/protocol';
import type { ZooKeeperClient } from '../../src/zk/zookeeper-client';
import {
  eventually,
  freshZkConnect,
  REPO_ROOT,
  startBroker,
  stopAllBrokers,
  zkInspector,
  type BrokerProcess,
} from '../harness/brokers';

jest.setTimeout(180_000);
const run = promisify(execFile);

let zkConnect: string;
let zk: ZooKeeperClient;
let brokers: BrokerProcess[] = [];
let bootstrap: string;
let admin: Admin;
const clients: BrokerClient[] = [];

async function controllerId(): Promise<number> {
  const node = await zk.getData('/controller');
  return node?.data ? (JSON.parse(node.data.toString()) as { brokerid: number }).brokerid : -1;
}

/** A raw protocol client to one broker (default: the controller). */
async function raw(brokerId?: number): Promise<BrokerClient> {
  const id = brokerId ?? (await controllerId());
  const b = brokers[id];
  if (!b) throw new Error(`no broker ${id}`);
  const c = new BrokerClient(
    { id, host: 'localhost', port: b.port },
    { clientId: 'it', requestTimeoutMs: 30_000 },
  );
  clients.push(c);
  return c;
}

async function states(topic: string, n: number): Promise<boolean> {
  for (let p = 0; p < n; p++)
    if (!(await zk.exists(`/brokers/topics/${topic}/partitions/${p}/state`))) return false;
  return true;
}

beforeAll(async () => {
  zkConnect = freshZkConnect();
  const props = { 'log.segment.bytes': 1073741824, 'num.partitions': 2 };
  brokers = [];
  for (const id of [0, 1, 2]) brokers.push(await startBroker({ brokerId: id, zkConnect, props }));
  bootstrap = brokers.map((b) => `localhost:${b.port}`).join(',');
  zk = await zkInspector(zkConnect);
  admin = new Kafka({
    clientId: 'it-admin',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  await eventually(async () => (await admin.describeCluster()).brokers.length === 3, 20_000, '3 brokers');
});

afterAll(async () => {
  await admin?.disconnect();
  for (const c of clients) c.close();
  await zk?.close();
  await stopAllBrokers();
});

describe('CreateTopics', () => {
  it('returns only once every partition has a leader, laid out over the cache order [0,2,1]', async () => {
    expect(
      await admin.createTopics({
        topics: [{ topic: 'failsafe', numPartitions: 13, replicationFactor: 3 }],
        waitForLeaders: false,
        timeout: 30_000,
      }),
    ).toBe(true);
    // The controller writes the state znodes before it tells the brokers: they exist at once.
    expect(await states('failsafe', 13)).toBe(true);
    const meta = await admin.fetchTopicMetadata({ topics: ['failsafe'] });
    const parts = meta.topics[0]?.partitions.sort((a, b) => a.partitionId - b.partitionId) ?? [];
    expect(parts).toHaveLength(13);
    for (const p of parts) {
      expect(p.leader).toBeGreaterThanOrEqual(0);
      expect(p.replicas).toHaveLength(3);
    }
    const next = new Map([
      [0, 2],
      [2, 1],
      [1, 0],
    ]);
    for (let p = 1; p < 13; p++)
      expect(parts[p]?.replicas[0]).toBe(next.get(parts[p - 1]?.replicas[0] ?? -1));
  });

  it('refuses a replication factor above the live brokers, with Kafka message', async () => {
    const c = await raw();
    const res = await c.send(ApiKey.CreateTopics, 5, {
      topics: [{ name: 'rf4', numPartitions: 1, replicationFactor: 4, assignments: [], configs: [] }],
      timeoutMs: 10_000,
      validateOnly: false,
    });
    expect(res.topics[0]).toMatchObject({
      name: 'rf4',
      errorCode: ErrorCode.INVALID_REPLICATION_FACTOR,
      errorMessage: 'Replication factor: 4 larger than available brokers: 3.',
      numPartitions: -1,
      replicationFactor: -1,
      configs: [],
    });
    await expect(
      admin.createTopics({ topics: [{ topic: 'rf4', numPartitions: 1, replicationFactor: 4 }] }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ type: 'INVALID_REPLICATION_FACTOR' })] });
    expect(await zk.exists('/brokers/topics/rf4')).toBeNull();
  });

  it('reports TOPIC_ALREADY_EXISTS for a duplicate, and the configs and topic id at v7', async () => {
    const c = await raw();
    const res = await c.send(ApiKey.CreateTopics, 7, {
      topics: [
        { name: 'failsafe', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] },
        {
          name: 'with-config',
          numPartitions: -1,
          replicationFactor: -1,
          assignments: [],
          configs: [{ name: 'retention.ms', value: '1000' }],
        },
      ],
      timeoutMs: 30_000,
      validateOnly: false,
    });
    expect(res.topics[0]).toMatchObject({
      errorCode: ErrorCode.TOPIC_ALREADY_EXISTS,
      errorMessage: "Topic 'failsafe' already exists.",
    });
    const created = res.topics[1];
    expect(created).toMatchObject({ errorCode: 0, numPartitions: 2, replicationFactor: 1 });
    const configs = new Map((created?.configs ?? []).map((e) => [e.name, e]));
    expect(configs.get('retention.ms')).toMatchObject({ value: '1000', configSource: 1, readOnly: false });
    expect(configs.get('segment.bytes')).toMatchObject({ value: '1073741824', configSource: 4 });
    expect(configs.get('cleanup.policy')).toMatchObject({ value: 'delete', configSource: 5 });
    const znode = JSON.parse((await zk.getData('/brokers/topics/with-config'))?.data?.toString() ?? '{}') as {
      topic_id?: string;
    };
    expect(created?.topicId).toBe(znode.topic_id);
    expect(await admin.createTopics({ topics: [{ topic: 'failsafe' }] })).toBe(false);
  });

  it('validateOnly checks everything and writes nothing', async () => {
    expect(
      await admin.createTopics({
        topics: [{ topic: 'only-validated', numPartitions: 3, replicationFactor: 2 }],
        validateOnly: true,
        waitForLeaders: false,
      }),
    ).toBe(true);
    expect(await zk.exists('/brokers/topics/only-validated')).toBeNull();
    expect(await zk.exists('/config/topics/only-validated')).toBeNull();
    const c = await raw();
    const res = await c.send(ApiKey.CreateTopics, 4, {
      topics: [
        {
          name: 'bad.config',
          numPartitions: 1,
          replicationFactor: 1,
          assignments: [],
          configs: [{ name: 'retention.ms', value: 'abc' }],
        },
        {
          name: 'both-set',
          numPartitions: 2,
          replicationFactor: -1,
          assignments: [{ partitionIndex: 0, brokerIds: [0] }],
          configs: [],
        },
        { name: 'bad name', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] },
      ],
      timeoutMs: 10_000,
      validateOnly: true,
    });
    expect(res.topics.map((t) => [t.errorCode, t.errorMessage])).toEqual([
      [
        ErrorCode.INVALID_CONFIG,
        'Invalid value abc for configuration retention.ms: Not a number of type LONG',
      ],
      [
        ErrorCode.INVALID_REQUEST,
        'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.',
      ],
      [
        ErrorCode.INVALID_TOPIC_EXCEPTION,
        `Topic name "bad name" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
      ],
    ]);
  });

  it('answers REQUEST_TIMED_OUT with timeoutMs 0, the topic written all the same', async () => {
    const c = await raw();
    const res = await c.send(ApiKey.CreateTopics, 3, {
      topics: [{ name: 'no-wait', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 0,
      validateOnly: false,
    });
    expect(res.topics[0]).toMatchObject({ errorCode: ErrorCode.REQUEST_TIMED_OUT, errorMessage: null });
    expect(await zk.exists('/brokers/topics/no-wait')).not.toBeNull();
  });

  it('answers NOT_CONTROLLER on the other brokers', async () => {
    const ctrl = await controllerId();
    const c = await raw([0, 1, 2].find((id) => id !== ctrl));
    const res = await c.send(ApiKey.CreateTopics, 2, {
      topics: [{ name: 'elsewhere', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
      timeoutMs: 10_000,
      validateOnly: false,
    });
    expect(res.topics[0]?.errorCode).toBe(ErrorCode.NOT_CONTROLLER);
  });
});

describe('CreatePartitions and DeleteTopics', () => {
  it('grows a topic to 20 partitions and refuses to shrink it', async () => {
    await admin.createPartitions({ topicPartitions: [{ topic: 'failsafe', count: 20 }], timeout: 30_000 });
    expect(await states('failsafe', 20)).toBe(true);
    const c = await raw();
    const res = await c.send(ApiKey.CreatePartitions, 1, {
      topics: [
        { name: 'failsafe', count: 2, assignments: null },
        { name: 'failsafe-2', count: 3, assignments: null },
      ],
      timeoutMs: 10_000,
      validateOnly: false,
    });
    expect(res.results.map((r) => [r.errorCode, r.errorMessage])).toEqual([
      [
        ErrorCode.INVALID_PARTITIONS,
        'Topic currently has 20 partitions, which is higher than the requested 2.',
      ],
      [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "The topic 'failsafe-2' does not exist."],
    ]);
  });

  it('deletes a topic: znodes, metadata and partition directories', async () => {
    await admin.createTopics({ topics: [{ topic: 'short-lived', numPartitions: 3, replicationFactor: 2 }] });
    await admin.deleteTopics({ topics: ['short-lived'], timeout: 30_000 });
    const meta = await admin.fetchTopicMetadata();
    expect(meta.topics.map((t) => t.name)).not.toContain('short-lived');
    await eventually(async () => (await zk.exists('/brokers/topics/short-lived')) === null, 15_000, 'znode');
    for (const b of brokers)
      await eventually(
        // Kafka renames a deleted partition's directory `<t>-<p>.<uuid>-delete` at once and removes
        // it after file.delete.delay.ms.
        async () =>
          fs
            .readdirSync(b.logDir)
            .filter((d) => d.startsWith('short-lived-'))
            .every((d) => d.endsWith('-delete')),
        10_000,
        'partition directories removed',
      );
    // kafkajs retries UNKNOWN_TOPIC_OR_PARTITION; the raw answer shows the code.
    const c = await raw();
    const res = await c.send(ApiKey.DeleteTopics, 4, { topicNames: ['never-was'], timeoutMs: 5_000 });
    expect(res.responses).toEqual([
      expect.objectContaining({ name: 'never-was', errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION }),
    ]);
  });
});

describe('DescribeConfigs and AlterConfigs', () => {
  it('reports segment.bytes as STATIC_BROKER_CONFIG, then an override as DYNAMIC_TOPIC_CONFIG', async () => {
    const describe = async (): Promise<Map<string, { value: string; source: number }>> => {
      const res = await admin.describeConfigs({
        resources: [{ type: 2, name: 'failsafe' }],
        includeSynonyms: true,
      });
      const entries = res.resources[0]?.configEntries ?? [];
      return new Map(entries.map((e) => [e.configName, { value: e.configValue, source: e.configSource }]));
    };
    const before = await describe();
    expect(before.size).toBe(26);
    expect(before.get('segment.bytes')).toEqual({ value: '1073741824', source: 4 });
    expect(before.get('retention.ms')).toEqual({ value: '604800000', source: 5 });
    const changesBefore = (await zk.getChildren('/config/changes')) ?? [];
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: 2, name: 'failsafe', configEntries: [{ name: 'retention.ms', value: '3600000' }] }],
    });
    const after = await describe();
    expect(after.get('retention.ms')).toEqual({ value: '3600000', source: 1 });
    const znode = JSON.parse(
      (await zk.getData('/config/topics/failsafe'))?.data?.toString() ?? '{}',
    ) as unknown;
    expect(znode).toEqual({ version: 1, config: { 'retention.ms': '3600000' } });
    const changes = (await zk.getChildren('/config/changes')) ?? [];
    const added = changes.filter((c) => !changesBefore.includes(c));
    expect(added).toHaveLength(1);
    const note = JSON.parse(
      (await zk.getData(`/config/changes/${added[0] ?? ''}`))?.data?.toString() ?? '{}',
    );
    expect(note).toEqual({ version: 2, entity_path: 'topics/failsafe' });
  });

  it('rejects bad values with INVALID_REQUEST and unknown names with INVALID_CONFIG', async () => {
    const c = await raw(0);
    const res = await c.send(ApiKey.AlterConfigs, 1, {
      resources: [
        { resourceType: 2, resourceName: 'failsafe', configs: [{ name: 'retention.ms', value: 'x' }] },
        { resourceType: 2, resourceName: 'failsafe', configs: [{ name: 'no.such', value: '1' }] },
        { resourceType: 2, resourceName: 'nope', configs: [] },
      ],
      validateOnly: true,
    });
    expect(res.responses.map((r) => [r.errorCode, r.errorMessage])).toEqual([
      [
        ErrorCode.INVALID_REQUEST,
        "Invalid config value for resource ConfigResource(type=TOPIC, name='failsafe'): " +
          'Invalid value x for configuration retention.ms: Not a number of type LONG',
      ],
      [ErrorCode.INVALID_CONFIG, 'Unknown topic config name: no.such'],
      [ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "The topic 'nope' does not exist."],
    ]);
  });
});

describe('auto-creation and other clients', () => {
  it('creates an unknown topic a producer asks for, with num.partitions', async () => {
    await run('kcat', ['-b', bootstrap, '-L', '-t', 'auto-made', '-m', '10'], { timeout: 30_000 });
    await eventually(() => states('auto-made', 2), 15_000, 'auto-made states');
    const meta = await admin.fetchTopicMetadata({ topics: ['auto-made'] });
    expect(meta.topics[0]?.partitions).toHaveLength(2);
  });

  it('lets kafka-python and @platformatic/kafka create topics', async () => {
    const py = `
import sys
from kafka import KafkaAdminClient
from kafka.admin import NewTopic
admin = KafkaAdminClient(bootstrap_servers=sys.argv[1].split(','), client_id='it-python')
admin.create_topics([NewTopic(name='from-python', num_partitions=4, replication_factor=3)], timeout_ms=30000)
admin.close()
`;
    await run('/usr/bin/python3', ['-c', py, bootstrap], { timeout: 60_000 });
    // @platformatic/kafka is an ES module only: run it in its own node process.
    const mjs = `
import { Admin } from '@platformatic/kafka';
const [bootstrap, topic, partitions, replicas] = process.argv.slice(1);
const admin = new Admin({ clientId: 'it-platformatic', bootstrapBrokers: bootstrap.split(',') });
try {
  await admin.createTopics({ topics: [topic], partitions: Number(partitions), replicas: Number(replicas) });
} finally {
  await admin.close();
}
`;
    await run(
      process.execPath,
      ['--input-type=module', '-e', mjs, bootstrap, 'from-platformatic', '5', '2'],
      {
        timeout: 60_000,
        cwd: REPO_ROOT,
      },
    );
    const meta = await admin.fetchTopicMetadata({ topics: ['from-python', 'from-platformatic'] });
    const sizes = Object.fromEntries(meta.topics.map((t) => [t.name, t.partitions.length]));
    expect(sizes).toEqual({ 'from-python': 4, 'from-platformatic': 5 });
  });
});
