/**
 * `kafka-topics.sh --bootstrap-server` end to end: the real CLI (dist/cli/kafka-topics.js) against
 * three real brokers, with Kafka 2.8's bootstrap-mode output, and the same topics and partition lines
 * as `--zookeeper` mode (the header's Configs differ as in Kafka: bootstrap lists every non-default
 * config, ZooKeeper mode only the overrides).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
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
const CLI = path.join(REPO_ROOT, 'dist', 'cli', 'kafka-topics.js');

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let zkConnect: string;
let zk: ZooKeeperClient;
let brokers: BrokerProcess[] = [];
let bootstrap: string;

function cli(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const boot = (...args: string[]): Promise<CliResult> => cli('--bootstrap-server', bootstrap, ...args);
const zoo = (...args: string[]): Promise<CliResult> => cli('--zookeeper', zkConnect, ...args);

async function controllerId(): Promise<number> {
  const node = await zk.getData('/controller');
  return node?.data ? (JSON.parse(node.data.toString()) as { brokerid: number }).brokerid : -1;
}

beforeAll(async () => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first`);
  zkConnect = freshZkConnect();
  brokers = [];
  for (const id of [0, 1, 2])
    brokers.push(await startBroker({ brokerId: id, zkConnect, props: { 'log.segment.bytes': 1073741824 } }));
  bootstrap = brokers.map((b) => `localhost:${b.port}`).join(',');
  zk = await zkInspector(zkConnect);
  await eventually(async () => (await zk.getChildren('/brokers/ids'))?.length === 3, 15_000, '3 brokers');
});

afterAll(async () => {
  await zk?.close();
  await stopAllBrokers();
});

describe('kafka-topics --bootstrap-server', () => {
  it('creates a topic and prints Created topic', async () => {
    const r = await boot(
      '--create',
      '--topic',
      'my-topic',
      '--partitions',
      '13',
      '--replication-factor',
      '3',
    );
    expect(r).toEqual({ code: 0, stdout: 'Created topic my-topic.\n', stderr: '' });
  });

  it('reports an existing topic with Kafka message, unless --if-not-exists', async () => {
    const r = await boot('--create', '--topic', 'my-topic', '--partitions', '1', '--replication-factor', '1');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("Error while executing topic command : Topic 'my-topic' already exists.\n");
    expect(r.stderr).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] ERROR org\.apache\.kafka\.common\.errors\.TopicExistsException: Topic 'my-topic' already exists\.\n/,
    );
    const quiet = await boot('--create', '--topic', 'my-topic', '--if-not-exists');
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reports a replication factor above the broker count', async () => {
    const r = await boot('--create', '--topic', 'too-wide', '--partitions', '1', '--replication-factor', '4');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'Error while executing topic command : Replication factor: 4 larger than available brokers: 3.\n',
    );
  });

  it('describes with the stock configs in the header and the same partitions as --zookeeper', async () => {
    const b = await boot('--describe', '--topic', 'my-topic');
    expect(b.code).toBe(0);
    const lines = b.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'Topic: my-topic\tPartitionCount: 13\tReplicationFactor: 3\tConfigs: segment.bytes=1073741824',
    );
    expect(lines).toHaveLength(14);
    const z = await zoo('--describe', '--topic', 'my-topic');
    const zLines = z.stdout.trimEnd().split('\n');
    expect(zLines[0]).toMatch(
      /^Topic: my-topic\tTopicId: [\w-]{22}\tPartitionCount: 13\tReplicationFactor: 3\tConfigs: $/,
    );
    expect(lines.slice(1)).toEqual(zLines.slice(1));
    for (const l of lines.slice(1))
      expect(l).toMatch(/^\tTopic: my-topic\tPartition: \d+\tLeader: \d\tReplicas: \d,\d,\d\tIsr: \d,\d,\d$/);
  });

  it('lists the same topics as --zookeeper, internal topics unless --exclude-internal', async () => {
    await run('kcat', ['-b', bootstrap, '-L', '-t', '__consumer_offsets', '-m', '10'], { timeout: 30_000 });
    await boot('--create', '--topic', 'other', '--partitions', '2', '--replication-factor', '2');
    await eventually(
      async () => (await boot('--list')).stdout.includes('__consumer_offsets'),
      15_000,
      'offsets',
    );
    const b = await boot('--list');
    expect(b).toEqual({ code: 0, stdout: '__consumer_offsets\nmy-topic\nother\n', stderr: '' });
    expect((await zoo('--list')).stdout).toBe(b.stdout);
    expect((await boot('--list', '--exclude-internal')).stdout).toBe('my-topic\nother\n');
  });

  it('alters the partition count silently, and refuses to decrease it', async () => {
    expect(await boot('--alter', '--topic', 'my-topic', '--partitions', '20')).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    const d = await boot('--describe', '--topic', 'my-topic');
    expect(d.stdout.split('\n')[0]).toContain('PartitionCount: 20');
    const r = await boot('--alter', '--topic', 'my-topic', '--partitions', '2');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'Error while executing topic command : Topic currently has 20 partitions, which is higher than the requested 2.\n',
    );
    const same = await boot('--alter', '--topic', 'my-topic', '--partitions', '20');
    expect(same.stdout).toBe('Error while executing topic command : Topic already has 20 partitions.\n');
  });

  it('deletes silently, and reports a missing topic as Kafka does', async () => {
    expect(await boot('--delete', '--topic', 'other')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await boot('--list', '--exclude-internal')).stdout).toBe('my-topic\n');
    const r = await boot('--delete', '--topic', 'other');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("Error while executing topic command : Topic 'other' does not exist as expected\n");
  });

  it('shows under-replicated and unavailable partitions after a broker stops', async () => {
    const ctrl = await controllerId();
    const victim = [0, 1, 2].find((id) => id !== ctrl) ?? 2;
    const single = await boot('--create', '--topic', 'on-one', '--replica-assignment', `${victim}`);
    expect(single.stdout).toBe('Created topic on-one.\n');
    await brokers[victim]?.stop();
    await eventually(
      async () => (await boot('--describe', '--under-replicated-partitions')).stdout.split('\n').length > 20,
      30_000,
      'under-replicated partitions',
    );
    const under = await boot('--describe', '--under-replicated-partitions', '--topic', 'my-topic');
    const lines = under.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(20);
    for (const l of lines)
      expect(l).toMatch(/^\tTopic: my-topic\tPartition: \d+\tLeader: \d\tReplicas: \d,\d,\d\tIsr: \d,\d$/);
    const zUnder = await zoo('--describe', '--under-replicated-partitions', '--topic', 'my-topic');
    expect(zUnder.stdout).toBe(under.stdout);
    // Every partition whose only replica was on the stopped broker: on-one and a third of the RF-1
    // __consumer_offsets partitions, the lab's "Leader: none" case.
    const unavailable = await boot('--describe', '--unavailable-partitions');
    const down = unavailable.stdout.trimEnd().split('\n');
    expect(down).toContain(
      `\tTopic: on-one\tPartition: 0\tLeader: none\tReplicas: ${victim}\tIsr: ${victim}`,
    );
    expect(down.filter((l) => l.includes('__consumer_offsets')).length).toBeGreaterThan(0);
    for (const l of down)
      expect(l).toMatch(new RegExp(`\\tLeader: none\\tReplicas: ${victim}\\tIsr: ${victim}$`));
    expect((await zoo('--describe', '--unavailable-partitions')).stdout).toBe(unavailable.stdout);
  });
});
