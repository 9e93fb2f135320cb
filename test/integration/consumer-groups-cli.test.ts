/**
 * Issue 6, kafka-consumer-groups.sh end to end (scripts/kafka-consumer-groups.sh on a real broker):
 * describe shows the lag after producing past the committed offsets, reset-offsets plans by default
 * and with --execute makes the next consumer re-read from 0, an active group is refused with Kafka's
 * message, members/state/list views, deletion, and usage errors.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { eventually, freshZkConnect, REPO_ROOT, startBroker, stopAllBrokers } from '../harness/brokers';

jest.setTimeout(120_000);

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'kafka-consumer-groups.sh');
const TOPICS_CLI = path.join(REPO_ROOT, 'dist', 'cli', 'kafka-topics.js');
const T = 'lag-topic';
const G = 'cli-group';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { timeout: 45_000, env: { ...process.env, KAFKA_TS_SKIP_BUILD: '1', NODE_OPTIONS: '' } },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let bootstrap: string;
let kafka: Kafka;
const consumers: Consumer[] = [];
const groups = (...args: string[]): Promise<CliResult> =>
  run(SCRIPT, ['--bootstrap-server', bootstrap, ...args]);

/** Consumes with group G until `count` records arrived; returns the consumer (still running) and them. */
async function consumeGroup(count: number): Promise<{ consumer: Consumer; values: string[] }> {
  const consumer = kafka.consumer({
    groupId: G,
    sessionTimeout: 6000,
    heartbeatInterval: 500,
    maxWaitTimeInMs: 200,
  });
  consumers.push(consumer);
  const values: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: T, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void values.push(String(message.value)) });
  await eventually(async () => values.length >= count, 30_000, `${count} records`);
  return { consumer, values };
}

async function produce(from: number, n: number): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  const messages = Array.from({ length: n }, (_, i) => ({
    value: `v${from + i}`,
    partition: (from + i) % 3,
  }));
  await producer.send({ topic: T, messages });
  await producer.disconnect();
}

beforeAll(async () => {
  const zkConnect = freshZkConnect();
  const broker = await startBroker({
    brokerId: 0,
    zkConnect,
    props: { 'offsets.topic.num.partitions': 5, 'group.min.session.timeout.ms': 1000 },
  });
  bootstrap = `localhost:${broker.port}`;
  const created = await run(process.execPath, [
    TOPICS_CLI,
    '--zookeeper',
    zkConnect,
    '--create',
    '--topic',
    T,
    '--partitions',
    '3',
    '--replication-factor',
    '1',
  ]);
  expect(created.stdout).toContain(`Created topic ${T}.`);
  kafka = new Kafka({ clientId: 'cli-test', brokers: [bootstrap], logLevel: logLevel.NOTHING });
});

afterAll(async () => {
  for (const c of consumers) await c.disconnect().catch(() => undefined);
  await stopAllBrokers();
});

test('describe shows the lag of records produced past the committed offsets', async () => {
  await produce(0, 30);
  const { consumer } = await consumeGroup(30);
  await consumer.disconnect(); // commits and leaves: the group is Empty
  await produce(30, 100);
  const r = await groups('--describe', '--group', G);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(`\nConsumer group '${G}' has no active members.`);
  const lines = r.stdout.split('\n');
  expect(lines[0]).toBe('');
  expect(lines[1]).toBe(
    'GROUP           TOPIC           PARTITION  CURRENT-OFFSET  LOG-END-OFFSET  LAG             CONSUMER-ID     HOST            CLIENT-ID',
  );
  const rows = lines
    .slice(2)
    .filter((l) => l !== '')
    .map((l) => l.split(/\s+/));
  expect(rows.map((r) => r.slice(0, 3))).toEqual([0, 1, 2].map((p) => [G, T, String(p)]));
  // 30 then 100 records round-robin over 3 partitions: partition 0 got 10 + 34, the others 10 + 33.
  expect(rows.map((r) => [r[3], r[4], r[5]])).toEqual([
    ['10', '44', '34'],
    ['10', '43', '33'],
    ['10', '43', '33'],
  ]);
  expect(rows.reduce((sum, r) => sum + Number(r[5]), 0)).toBe(100);
  expect(rows.every((r) => r[6] === '-' && r[7] === '-' && r[8] === '-')).toBe(true);
});

test('reset-offsets plans by default, --execute makes the next consumer re-read from 0', async () => {
  const dry = await groups('--reset-offsets', '--group', G, '--topic', T, '--to-earliest');
  expect(dry.code).toBe(0);
  expect(dry.stderr).toContain('WARN: No action will be performed as the --execute option is missing.');
  expect(dry.stdout).toBe(
    [
      '',
      'GROUP                          TOPIC                          PARTITION  NEW-OFFSET     ',
      ...[0, 1, 2].map((p) => `${G.padEnd(30)} ${T.padEnd(30)} ${String(p).padEnd(10)} 0              `),
      '',
    ].join('\n'),
  );
  const before = await groups('--describe', '--group', G, '--offsets');
  expect(before.stdout).toMatch(/lag-topic\s+0\s+10\s+44\s+34/);

  const exec = await groups('--reset-offsets', '--group', G, '--topic', T, '--to-earliest', '--execute');
  expect(exec.code).toBe(0);
  expect(exec.stderr).not.toContain('WARN: No action');
  const after = await groups('--describe', '--group', G);
  expect(after.stdout).toMatch(/lag-topic\s+0\s+0\s+44\s+44/);

  const { values } = await consumeGroup(130);
  expect(new Set(values).size).toBe(130);
  expect(values).toContain('v0');
});

test('an active group is refused, and members, state and list show it', async () => {
  const refused = await groups('--reset-offsets', '--group', G, '--topic', T, '--to-latest', '--execute');
  expect(refused.code).toBe(0);
  expect(refused.stdout).toContain(
    `\nError: Assignments can only be reset if the group '${G}' is inactive, but the current state is Stable.\n`,
  );
  const members = await groups('--describe', '--group', G, '--members', '--verbose');
  const memberLines = members.stdout.split('\n');
  expect(memberLines[1]).toMatch(/^GROUP\s+CONSUMER-ID\s+HOST\s+CLIENT-ID\s+#PARTITIONS\s+ASSIGNMENT$/);
  expect(memberLines[2]).toMatch(
    new RegExp(`^${G}\\s+cli-test-[0-9a-f-]{36}\\s+/127\\.0\\.0\\.1\\s+cli-test\\s+3\\s+${T}\\(0,1,2\\)$`),
  );
  const state = await groups('--describe', '--group', G, '--state');
  expect(state.stdout).toMatch(/COORDINATOR \(ID\)\s+ASSIGNMENT-STRATEGY\s+STATE\s+#MEMBERS/);
  expect(state.stdout).toMatch(
    new RegExp(`${G}\\s+localhost:\\d+ \\(0\\)\\s+RoundRobinAssigner\\s+Stable\\s+1`),
  );
  const list = await groups('--list');
  expect(list.stdout.split('\n')).toContain(G);
  const listState = await groups('--list', '--state', 'stable');
  expect(listState.stdout).toMatch(new RegExp(`GROUP\\s+STATE\\n${G}\\s+Stable\\n`));
  const deleteActive = await groups('--delete', '--group', G);
  expect(deleteActive.stdout).toContain(
    `* Group '${G}' could not be deleted due to: java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.`,
  );
});

test('delete removes an inactive group; unknown groups and usage errors as Kafka reports them', async () => {
  for (const c of consumers.splice(0)) await c.disconnect();
  const deleted = await groups('--delete', '--group', G);
  expect(deleted.stdout).toBe(`Deletion of requested consumer groups ('${G}') was successful.\n`);
  const gone = await groups('--describe', '--group', G);
  expect(gone.stdout).toBe(`\nError: Consumer group '${G}' does not exist.\n`);
  const noAction = await groups('--group', G);
  expect(noAction.code).toBe(1);
  expect(noAction.stderr.split('\n')[0]).toBe(
    'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets',
  );
  expect(noAction.stderr).toContain('--bootstrap-server <String: server to');
  const noServer = await run(SCRIPT, ['--list']);
  expect(noServer.code).toBe(1);
  expect(noServer.stderr.split('\n')[0]).toBe('Missing required argument "[bootstrap-server]"');
});
