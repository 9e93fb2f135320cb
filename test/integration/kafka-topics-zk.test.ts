/**
 * `kafka-topics.sh --zookeeper` end to end: the real CLI (dist/cli/kafka-topics.js) against the
 * integration run's real ZooKeeper, in a chroot with three fake broker registrations. The test plays
 * the controller where one is needed (writing partition state znodes and the topic id).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { assignReplicasToBrokers } from '../../src/admin/replica-assignment';
import { BrokerIdZNode, TopicPartitionStateZNode, TopicZNode } from '../../src/zk/zk-data';
import type { ZooKeeperClient } from '../../src/zk/zookeeper-client';
import { freshZkConnect, REPO_ROOT, zkInspector, zkServers } from '../harness/brokers';

jest.setTimeout(120_000);

const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'kafka-topics.js');
const T = 'my-failsafe-topic';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let zkConnect: string;
let zk: ZooKeeperClient;

function kafkaTopics(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, '--zookeeper', zkConnect, ...args],
      { timeout: 45_000, env: { ...process.env, NODE_OPTIONS: '' } },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function json(p: string): Promise<unknown> {
  const node = await zk.getData(p);
  return JSON.parse(node?.data?.toString('utf8') ?? 'null');
}

async function assignment(topic: string): Promise<Map<number, number[]>> {
  const node = await zk.getData(TopicZNode.path(topic));
  return TopicZNode.decode(topic, node?.data ?? null).partitions;
}

/** Writes a partition's state znode as the controller would (creating its parents the first time). */
async function writeState(topic: string, partition: number, leader: number, isr: number[]): Promise<void> {
  const statePath = TopicPartitionStateZNode.path(topic, partition);
  const data = TopicPartitionStateZNode.encode({ leader, leaderEpoch: 0, isr, controllerEpoch: 1 });
  if (await zk.exists(statePath)) await zk.setData(statePath, data);
  else {
    await zk.mkdirp(statePath.slice(0, statePath.lastIndexOf('/')));
    await zk.create(statePath, data, 'persistent');
  }
}

function partitionLine(
  p: number,
  leader: number | string,
  replicas: number[],
  isr: number[],
  suffix = '',
): string {
  return `\tTopic: ${T}\tPartition: ${p}\tLeader: ${leader}\tReplicas: ${replicas.join(',')}\tIsr: ${isr.join(',')}${suffix}`;
}

beforeAll(async () => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
  zkConnect = freshZkConnect();
  const chroot = zkConnect.slice(zkConnect.indexOf('/'));
  const root = await zkInspector(zkServers());
  try {
    await root.mkdirp(`${chroot}/brokers/ids`);
  } finally {
    await root.close();
  }
  zk = await zkInspector(zkConnect);
  for (const id of [0, 1, 2]) {
    const endpoints = [
      { listenerName: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', host: 'localhost', port: 9092 + id },
    ];
    const info = { id, endpoints, rack: null, jmxPort: -1, timestampMs: 1633000000000, features: {} };
    await zk.create(BrokerIdZNode.path(id), BrokerIdZNode.encode(info), 'ephemeral');
  }
});

afterAll(async () => {
  await zk?.close();
});

describe('kafka-topics --zookeeper', () => {
  let layout: Map<number, number[]>;
  const topicId = 'pS0MSk6dQw2Fg3O5_8Cv9A';

  it('creates the lab topic: 13 partitions, RF 3, znodes as Kafka 2.8 writes them', async () => {
    const r = await kafkaTopics('--create', '--topic', T, '--partitions', '13', '--replication-factor', '3');
    expect(r).toEqual({ code: 0, stdout: `Created topic ${T}.\n`, stderr: '' });
    expect(await json(`/config/topics/${T}`)).toEqual({ version: 1, config: {} });
    const topicJson = (await json(`/brokers/topics/${T}`)) as Record<string, unknown>;
    expect(Object.keys(topicJson).sort()).toEqual([
      'adding_replicas',
      'partitions',
      'removing_replicas',
      'version',
    ]);
    expect(topicJson['version']).toBe(3);
    expect(topicJson['adding_replicas']).toEqual({});
    expect(topicJson['removing_replicas']).toEqual({});
    layout = await assignment(T);
    expect([...layout.keys()]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // It is one of Kafka's layouts for some random start index and shift.
    const candidates = [0, 1, 2].flatMap((start) =>
      [0, 1, 2].map((shift) => {
        const draws = [start, shift];
        return assignReplicasToBrokers([0, 1, 2], 13, 3, -1, -1, () => draws.shift() ?? 0);
      }),
    );
    expect(candidates).toContainEqual(layout);
    const leaders = [...layout.values()].map((r) => r[0]);
    expect([0, 1, 2].map((b) => leaders.filter((l) => l === b).length).sort()).toEqual([4, 4, 5]);
  });

  it('describes the topic with Leader: none before the controller writes state', async () => {
    const r = await kafkaTopics('--describe', '--topic', T);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `Topic: ${T}\tPartitionCount: 13\tReplicationFactor: 3\tConfigs: `,
        ...[...layout].map(([p, replicas]) => partitionLine(p, 'none', replicas, [])),
      ].join('\n') + '\n',
    );
  });

  it('describes leaders, ISRs and the topic id once the controller has written them', async () => {
    for (const [p, replicas] of layout) await writeState(T, p, replicas[0] ?? -1, replicas);
    const current = TopicZNode.decode(T, (await zk.getData(TopicZNode.path(T)))?.data ?? null);
    await zk.setData(TopicZNode.path(T), TopicZNode.encode({ ...current, topicId }));
    const r = await kafkaTopics('--describe', '--topic', 'my-failsafe.*');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        `Topic: ${T}\tTopicId: ${topicId}\tPartitionCount: 13\tReplicationFactor: 3\tConfigs: `,
        ...[...layout].map(([p, replicas]) => partitionLine(p, replicas[0] ?? -1, replicas, replicas)),
      ].join('\n') + '\n',
    );
  });

  it('refuses to create it again, unless --if-not-exists', async () => {
    const again = await kafkaTopics(
      '--create',
      '--topic',
      T,
      '--partitions',
      '13',
      '--replication-factor',
      '3',
    );
    expect(again.code).toBe(1);
    expect(again.stdout).toBe(`Error while executing topic command : Topic '${T}' already exists.\n`);
    expect(again.stderr).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] ERROR org\.apache\.kafka\.common\.errors\.TopicExistsException: Topic 'my-failsafe-topic' already exists\.\n \(kafka\.admin\.TopicCommand\$\)\n$/,
    );
    const quiet = await kafkaTopics(
      '--create',
      '--if-not-exists',
      '--topic',
      T,
      '--partitions',
      '1',
      '--replication-factor',
      '1',
    );
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('rejects a replication factor above the broker count and illegal names', async () => {
    const rf = await kafkaTopics(
      '--create',
      '--topic',
      'too-many',
      '--partitions',
      '1',
      '--replication-factor',
      '4',
    );
    expect(rf.code).toBe(1);
    expect(rf.stdout).toBe(
      'Error while executing topic command : Replication factor: 4 larger than available brokers: 3.\n',
    );
    const bad = await kafkaTopics(
      '--create',
      '--topic',
      'bad/name',
      '--partitions',
      '1',
      '--replication-factor',
      '1',
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe(
      `Error while executing topic command : Topic name "bad/name" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'\n`,
    );
    expect(await zk.exists('/brokers/topics/too-many')).toBeNull();
  });

  it('adds partitions, leaving the existing ones and the topic id alone', async () => {
    const r = await kafkaTopics('--alter', '--topic', T, '--partitions', '20');
    expect(r).toEqual({
      code: 0,
      stdout:
        'WARNING: If partitions are increased for a topic that has a key, the partition logic or ordering of the messages will be affected\n' +
        'Adding partitions succeeded!\n',
      stderr: '',
    });
    const after = await assignment(T);
    expect(after.size).toBe(20);
    for (const [p, replicas] of layout) expect(after.get(p)).toEqual(replicas);
    // New partitions: Kafka fixes both the start index and the shift to the position of partition 0's
    // first replica in the sorted broker list, and numbers on from the existing count.
    const start = [0, 1, 2].indexOf(layout.get(0)?.[0] ?? -1);
    const added = assignReplicasToBrokers([0, 1, 2], 7, 3, start, 13);
    for (let p = 13; p < 20; p++) expect(after.get(p)).toEqual(added.get(p));
    expect(((await json(`/brokers/topics/${T}`)) as Record<string, unknown>)['topic_id']).toBe(topicId);
    layout = after;
    for (let p = 13; p < 20; p++) await writeState(T, p, after.get(p)?.[0] ?? -1, after.get(p) ?? []);

    const down = await kafkaTopics('--alter', '--topic', T, '--partitions', '5');
    expect(down.code).toBe(1);
    expect(down.stdout).toContain(
      `Error while executing topic command : The number of partitions for a topic can only be increased. Topic ${T} currently has 20 partitions, 5 would not be an increase.\n`,
    );
  });

  it('changes topic configs with a change notification (deprecated in ZK mode)', async () => {
    const r = await kafkaTopics(
      '--alter',
      '--topic',
      T,
      '--config',
      'min.insync.replicas=2',
      '--config',
      'retention.ms=1000',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'WARNING: Altering topic configuration from this script has been deprecated and may be removed in future releases.\n' +
        '         Going forward, please use kafka-configs.sh for this functionality\n' +
        `Updated config for topic ${T}.\n`,
    );
    expect(await json(`/config/topics/${T}`)).toEqual({
      version: 1,
      config: { 'min.insync.replicas': '2', 'retention.ms': '1000' },
    });
    const changes = ((await zk.getChildren('/config/changes')) ?? []).sort();
    expect(changes.at(-1)).toMatch(/^config_change_\d{10}$/);
    expect(await json(`/config/changes/${changes.at(-1)}`)).toEqual({
      version: 2,
      entity_path: `topics/${T}`,
    });

    await kafkaTopics('--alter', '--topic', T, '--delete-config', 'retention.ms');
    expect(await json(`/config/topics/${T}`)).toEqual({ version: 1, config: { 'min.insync.replicas': '2' } });
    const overrides = await kafkaTopics('--describe', '--topics-with-overrides');
    expect(overrides.stdout).toBe(
      `Topic: ${T}\tTopicId: ${topicId}\tPartitionCount: 20\tReplicationFactor: 3\tConfigs: min.insync.replicas=2\n`,
    );
    const unknown = await kafkaTopics('--alter', '--topic', T, '--config', 'nope=1');
    expect(unknown.stdout).toBe('Error while executing topic command : Unknown topic config name: nope\n');
  });

  it('filters under-replicated and unavailable partitions after broker 2 dies', async () => {
    await zk.delete(BrokerIdZNode.path(2));
    for (const [p, replicas] of layout) {
      const isr = replicas.filter((b) => b !== 2);
      await writeState(T, p, isr[0] ?? -1, isr);
    }
    const under = await kafkaTopics('--describe', '--under-replicated-partitions');
    expect(under.stdout.trimEnd().split('\n')).toEqual(
      [...layout].map(([p, replicas]) => {
        const isr = replicas.filter((b) => b !== 2);
        return partitionLine(p, isr[0] ?? -1, replicas, isr);
      }),
    );
    expect((await kafkaTopics('--describe', '--unavailable-partitions')).stdout).toBe('');

    // No leader at all, and a leader that is not a live broker: both unavailable.
    await writeState(T, 5, -1, [1]);
    await writeState(T, 7, 2, [2]);
    const unavailable = await kafkaTopics('--describe', '--unavailable-partitions', '--topic', T);
    expect(unavailable.stdout).toBe(
      partitionLine(5, 'none', layout.get(5) ?? [], [1]) +
        '\n' +
        partitionLine(7, 2, layout.get(7) ?? [], [2]) +
        '\n',
    );
  });

  it('lists topics sorted, marks deletions, and creates /admin/delete_topics/<t>', async () => {
    for (const [name, rf] of [
      ['alpha', '2'],
      ['__consumer_offsets', '1'],
    ])
      expect(
        (
          await kafkaTopics(
            '--create',
            '--topic',
            name ?? '',
            '--partitions',
            '2',
            '--replication-factor',
            rf ?? '1',
          )
        ).code,
      ).toBe(0);
    expect((await kafkaTopics('--list')).stdout).toBe(`__consumer_offsets\nalpha\n${T}\n`);
    expect((await kafkaTopics('--list', '--exclude-internal')).stdout).toBe(`alpha\n${T}\n`);

    const del = await kafkaTopics('--delete', '--topic', T);
    expect(del).toEqual({
      code: 0,
      stdout: `Topic ${T} is marked for deletion.\nNote: This will have no impact if delete.topic.enable is not set to true.\n`,
      stderr: '',
    });
    expect(await zk.exists(`/admin/delete_topics/${T}`)).not.toBeNull();
    expect((await kafkaTopics('--delete', '--topic', T)).stdout).toBe(
      `Topic ${T} is already marked for deletion.\n`,
    );
    expect((await kafkaTopics('--list')).stdout).toBe(
      `__consumer_offsets\nalpha\n${T} - marked for deletion\n`,
    );
    const described = await kafkaTopics('--describe', '--topic', T);
    expect(described.stdout.split('\n')[0]).toBe(
      `Topic: ${T}\tTopicId: ${topicId}\tPartitionCount: 20\tReplicationFactor: 3\tConfigs: min.insync.replicas=2\tMarkedForDeletion: true`,
    );
    expect(described.stdout.split('\n')[1]).toMatch(/\tMarkedForDeletion: true$/);

    const internal = await kafkaTopics('--delete', '--topic', '__consumer_offsets');
    expect(internal.code).toBe(1);
    expect(internal.stdout).toBe(
      'Error while executing topic command : Topic __consumer_offsets is a kafka internal topic and is not allowed to be marked for deletion.\n',
    );
    const missing = await kafkaTopics('--delete', '--topic', 'nope');
    expect(missing.stdout).toBe(
      "Error while executing topic command : Topic 'nope' does not exist as expected\n",
    );
    expect((await kafkaTopics('--delete', '--if-exists', '--topic', 'nope')).code).toBe(0);
  });
});
