/**
 * `kafka-console-producer.sh` and `kafka-console-consumer.sh` end to end: the real scripts against a
 * real broker (one per file, in its own ZooKeeper chroot), with topics created by kafka-topics.sh.
 * The wrappers run with KAFKA_TS_SKIP_BUILD=1: the test run builds dist/ once beforehand.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import {
  freshZkConnect,
  REPO_ROOT,
  startBroker,
  stopAllBrokers,
  type BrokerProcess,
} from '../harness/brokers';

jest.setTimeout(120_000);

const PRODUCER = path.join(REPO_ROOT, 'scripts', 'kafka-console-producer.sh');
const CONSUMER = path.join(REPO_ROOT, 'scripts', 'kafka-console-consumer.sh');
const TOPICS = path.join(REPO_ROOT, 'dist', 'cli', 'kafka-topics.js');
const ENV = { ...process.env, KAFKA_TS_SKIP_BUILD: '1', NODE_OPTIONS: '' };

interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  input?: string;
  /** Send this signal once stdout has printed `signalAfterLines` lines (or after `signalAfterMs`). */
  signal?: NodeJS.Signals;
  signalAfterLines?: number;
  signalAfterMs?: number;
  timeoutMs?: number;
}

function run(script: string, args: string[], opts: RunOptions = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(script, args, { env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const sendSignal = (): void => {
      if (signalled || opts.signal === undefined) return;
      signalled = true;
      child.kill(opts.signal);
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      if (opts.signalAfterLines !== undefined && stdout.split('\n').length > opts.signalAfterLines)
        sendSignal();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    const signalTimer =
      opts.signalAfterMs === undefined ? undefined : setTimeout(sendSignal, opts.signalAfterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      clearTimeout(signalTimer);
      resolve({ code, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else if (opts.signal === undefined) child.stdin.end();
  });
}

function kafkaTopics(zkConnect: string, ...args: string[]): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [TOPICS, '--zookeeper', zkConnect, ...args],
      { env: ENV },
      (err, stdout, stderr) =>
        resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stdout, stderr }),
    );
  });
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
const sorted = (xs: string[]): string[] => [...xs].sort();

let broker: BrokerProcess;
let zkConnect: string;
let bootstrap: string;

async function createTopic(topic: string, partitions: number): Promise<void> {
  const created = await kafkaTopics(
    zkConnect,
    '--create',
    '--topic',
    topic,
    '--partitions',
    String(partitions),
    '--replication-factor',
    '1',
  );
  expect(created.stdout).toContain(`Created topic ${topic}.`);
}

function produce(topic: string, input: string, ...extra: string[]): Promise<ToolResult> {
  return run(PRODUCER, ['--bootstrap-server', bootstrap, '--topic', topic, ...extra], { input });
}

function consume(topic: string, extra: string[], opts: RunOptions = {}): Promise<ToolResult> {
  return run(CONSUMER, ['--bootstrap-server', bootstrap, '--topic', topic, ...extra], opts);
}

beforeAll(async () => {
  zkConnect = freshZkConnect();
  broker = await startBroker({ brokerId: 0, zkConnect });
  bootstrap = `localhost:${broker.port}`;
});

afterAll(async () => {
  await stopAllBrokers();
});

describe('console producer and consumer', () => {
  const values = Array.from({ length: 100 }, (_, i) => `message-${i + 1}`);

  beforeAll(async () => {
    await createTopic('t', 3);
    const produced = await produce('t', `${values.join('\n')}\n`);
    expect(produced.stderr).toBe('');
    expect(produced.stdout).toBe(''); // no prompt without a terminal
    expect(produced.code).toBe(0);
  });

  it('reads back the 100 piped lines with --from-beginning --max-messages 100', async () => {
    const consumed = await consume('t', ['--from-beginning', '--max-messages', '100']);
    expect(consumed.code).toBe(0);
    expect(sorted(lines(consumed.stdout))).toEqual(sorted(values));
    expect(consumed.stderr).toBe('Processed a total of 100 messages\n');
  });

  it('sends keyed lines with parse.key to one partition per key, and prints key, partition and offset', async () => {
    await createTopic('keyed', 3);
    const input = ['user1\ta', 'user2\tb', 'user1\tc', 'user3\td', 'user2\te', 'user1\tf'].join('\n');
    const produced = await produce('keyed', `${input}\n`, '--property', 'parse.key=true');
    expect(produced.code).toBe(0);
    const consumed = await consume('keyed', [
      '--from-beginning',
      '--max-messages',
      '6',
      '--property',
      'print.key=true',
      '--property',
      'print.partition=true',
      '--property',
      'print.offset=true',
    ]);
    expect(consumed.code).toBe(0);
    const rows = lines(consumed.stdout).map((l) => {
      const m = /^Partition:(\d+)\tOffset:(\d+)\t(\w+)\t(\w)$/.exec(l);
      if (m === null) throw new Error(`unexpected line ${JSON.stringify(l)}`);
      return { partition: Number(m[1]), offset: Number(m[2]), key: m[3] ?? '', value: m[4] ?? '' };
    });
    expect(rows).toHaveLength(6);
    for (const key of ['user1', 'user2', 'user3']) {
      const mine = rows.filter((r) => r.key === key);
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      // Within a partition the offsets count up from 0 in the order the lines were sent.
      expect(mine.map((r) => r.offset)).toEqual([...mine.map((r) => r.offset)].sort((a, b) => a - b));
    }
    expect(rows.filter((r) => r.key === 'user1').map((r) => r.value)).toEqual(['a', 'c', 'f']);
    for (const p of new Set(rows.map((r) => r.partition))) {
      const offsets = rows.filter((r) => r.partition === p).map((r) => r.offset);
      expect(sorted(offsets.map(String))).toEqual(sorted(offsets.map((_, i) => String(i))));
    }
  });

  it('reads one partition from an offset with --partition and --offset', async () => {
    const all = await consume('keyed', [
      '--from-beginning',
      '--max-messages',
      '6',
      '--property',
      'print.partition=true',
      '--property',
      'print.key=true',
    ]);
    const rows = lines(all.stdout).map((l) => l.split('\t'));
    const partition = rows.find((r) => r[1] === 'user1')?.[0]?.replace('Partition:', '') ?? '';
    const expected = rows.filter((r) => r[0] === `Partition:${partition}`).map((r) => r[2] ?? '');
    expect(expected.length).toBeGreaterThanOrEqual(3);

    const fromZero = await consume('keyed', [
      '--partition',
      partition,
      '--offset',
      '0',
      '--timeout-ms',
      '3000',
    ]);
    expect(lines(fromZero.stdout)).toEqual(expected);
    expect(fromZero.stderr).toContain(`Processed a total of ${expected.length} messages`);
    expect(fromZero.code).toBe(0);

    const fromOne = await consume('keyed', [
      '--partition',
      partition,
      '--offset',
      '1',
      '--max-messages',
      '1',
    ]);
    expect(lines(fromOne.stdout)).toEqual(expected.slice(1, 2));
    expect(fromOne.stderr).toBe('Processed a total of 1 messages\n');
  });

  it('exits after --timeout-ms without records, logging the TimeoutException and the count', async () => {
    const started = Date.now();
    const consumed = await consume('t', ['--timeout-ms', '1500']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(consumed.code).toBe(0);
    expect(consumed.stdout).toBe('');
    expect(consumed.stderr).toMatch(
      /^\[[\d-]+ [\d:,]+\] ERROR Error processing message, terminating consumer process: {2}\(kafka\.tools\.ConsoleConsumer\$\)\norg\.apache\.kafka\.common\.errors\.TimeoutException\nProcessed a total of 0 messages\n$/,
    );
  });

  it('stops on Ctrl-C (SIGINT) with exit code 0 and prints the count', async () => {
    const consumed = await consume('t', ['--from-beginning'], { signal: 'SIGINT', signalAfterLines: 100 });
    expect(consumed.code).toBe(0);
    expect(lines(consumed.stdout)).toHaveLength(100);
    expect(consumed.stderr).toBe('Processed a total of 100 messages\n');
  });

  it('stops on SIGTERM too, and starts at the end of the log without --from-beginning', async () => {
    const consumed = await consume('t', [], { signal: 'SIGTERM', signalAfterMs: 3000 });
    expect(consumed.code).toBe(0);
    expect(consumed.stdout).toBe('');
    expect(consumed.stderr).toBe('Processed a total of 0 messages\n');
  });

  it('prints what the producer sends while the consumer is running', async () => {
    await createTopic('live', 1);
    const consumer = consume('live', ['--max-messages', '2', '--timeout-ms', '20000']);
    // Give the consumer time to find the end of the log before the records arrive.
    await new Promise((r) => setTimeout(r, 3000));
    const produced = await produce('live', 'first\nsecond\n');
    expect(produced.code).toBe(0);
    const consumed = await consumer;
    expect(lines(consumed.stdout)).toEqual(['first', 'second']);
    expect(consumed.stderr).toBe('Processed a total of 2 messages\n');
  });

  it('accepts the deprecated --broker-list of the course scripts', async () => {
    await createTopic('legacy', 1);
    const produced = await run(PRODUCER, ['--broker-list', bootstrap, '--topic', 'legacy'], {
      input: 'hello\n',
    });
    expect(produced.code).toBe(0);
    const consumed = await consume('legacy', ['--from-beginning', '--max-messages', '1']);
    expect(consumed.stdout).toBe('hello\n');
  });
});

describe('consumer groups', () => {
  const GROUPS = path.join(REPO_ROOT, 'scripts', 'kafka-consumer-groups.sh');

  it('--group commits what it printed: the next run of the same group starts after it', async () => {
    await createTopic('grp', 3);
    await produce('grp', 'a\nb\nc\n');
    const first = await consume('grp', ['--group', 'g', '--from-beginning', '--max-messages', '3']);
    expect(sorted(lines(first.stdout))).toEqual(['a', 'b', 'c']);
    const again = await consume('grp', ['--group', 'g', '--timeout-ms', '5000']);
    expect(again.stdout).toBe('');
    await produce('grp', 'd\n');
    const next = await consume('grp', ['--group', 'g', '--from-beginning', '--max-messages', '1']);
    expect(next.stdout).toBe('d\n');
  });

  it('without --group a consumer is in a random console-consumer-NNNNN group that commits nothing', async () => {
    await createTopic('throwaway', 1);
    await produce('throwaway', 'x\ny\n');
    const running = consume('throwaway', ['--from-beginning'], { signal: 'SIGINT', signalAfterMs: 6000 });
    await new Promise((r) => setTimeout(r, 4000));
    const listed = await run(GROUPS, ['--bootstrap-server', bootstrap, '--list']);
    const group = lines(listed.stdout).find((g) => /^console-consumer-\d{1,5}$/.test(g));
    expect(group).toBeDefined();
    const consumed = await running;
    expect(lines(consumed.stdout)).toEqual(['x', 'y']);
    const described = await run(GROUPS, [
      '--bootstrap-server',
      bootstrap,
      '--describe',
      '--group',
      group ?? '',
    ]);
    // Nothing was committed, so the group has no offsets to show.
    expect(described.stdout).not.toMatch(/throwaway\s+0\s+\d+/);
  });
});

describe('usage errors', () => {
  it('rejects a typo in a producer option with the message and the option table, exit 1', async () => {
    const r = await run(PRODUCER, ['--bootstrap-server', bootstrap, '--topc', 't'], { input: '' });
    expect(r.code).toBe(1);
    const err = lines(r.stderr);
    expect(err[0]).toBe('topc is not a recognized option');
    expect(err[1]).toMatch(/^Option +Description/);
    expect(err.some((l) => l.startsWith('--topic <String: topic>'))).toBe(true);
    expect(r.stdout).toBe('');
  });

  it('rejects a typo in a consumer option the same way', async () => {
    const r = await run(CONSUMER, ['--bootstrap-server', bootstrap, '--topic', 't', '--from-begining']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)[0]).toBe('from-begining is not a recognized option');
    expect(r.stderr).toContain('--from-beginning');
  });

  it('requires --bootstrap-server for the consumer', async () => {
    const r = await run(CONSUMER, ['--topic', 't']);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)[0]).toBe('Missing required argument "[bootstrap-server]"');
  });
});
