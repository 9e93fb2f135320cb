/**
 * `kafka-producer-perf-test.sh` and `kafka-consumer-perf-test.sh` end to end: the real scripts against
 * one real broker (in its own ZooKeeper chroot), on a topic created by kafka-topics.sh --zookeeper;
 * then the producer tool against the null-sink broker. Small counts: this checks the output formats
 * and the counting, not the speed. The wrappers run with KAFKA_TS_SKIP_BUILD=1 (dist/ is built first).
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

const PRODUCER = path.join(REPO_ROOT, 'scripts', 'kafka-producer-perf-test.sh');
const CONSUMER = path.join(REPO_ROOT, 'scripts', 'kafka-consumer-perf-test.sh');
const TOPICS = path.join(REPO_ROOT, 'dist', 'cli', 'kafka-topics.js');
const NULL_SINK = path.join(REPO_ROOT, 'dist', 'cli', 'perf', 'null-sink-broker.js');
const ENV = { ...process.env, KAFKA_TS_SKIP_BUILD: '1', NODE_OPTIONS: '' };

interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(file: string, args: string[], timeoutMs = 90_000): Promise<ToolResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(file, args, { env: ENV, timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const SUMMARY =
  /^(\d+) records sent, \d+\.\d{6} records\/sec \(\d+\.\d{2} MB\/sec\), \d+\.\d{2} ms avg latency, \d+\.\d{2} ms max latency, \d+ ms 50th, \d+ ms 95th, \d+ ms 99th, \d+ ms 99\.9th\.$/;
const HEADER =
  'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec';
const TIME = '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}:\\d{3}';
const DATA_LINE = new RegExp(
  `^${TIME}, ${TIME}, \\d+\\.\\d{4}, \\d+\\.\\d{4}, (\\d+), \\d+\\.\\d{4}, (\\d+), (-?\\d+), \\d+\\.\\d{4}, \\d+\\.\\d{4}$`,
);

describe('perf tools against a real broker', () => {
  let broker: BrokerProcess;
  let bootstrap: string;

  beforeAll(async () => {
    const zkConnect = freshZkConnect();
    broker = await startBroker({ brokerId: 0, zkConnect });
    bootstrap = `localhost:${broker.port}`;
    for (const topic of ['t', 'throttled']) {
      const created = await run(process.execPath, [
        TOPICS,
        '--zookeeper',
        zkConnect,
        '--create',
        '--topic',
        topic,
        '--partitions',
        '2',
        '--replication-factor',
        '1',
      ]);
      expect(created.stdout).toContain(`Created topic ${topic}.`);
    }
  });

  afterAll(async () => {
    await stopAllBrokers();
  });

  it('produces 20,000 records and prints the summary line', async () => {
    const r = await run(PRODUCER, [
      '--topic',
      't',
      '--num-records',
      '20000',
      '--record-size',
      '100',
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${bootstrap}`,
      'acks=1',
      'linger.ms=5',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const last = lines[lines.length - 1] ?? '';
    expect(last).toMatch(SUMMARY);
    expect(SUMMARY.exec(last)?.[1]).toBe('20000');
    // Any earlier line is a 5-second progress line.
    for (const line of lines.slice(0, -1))
      expect(line).toMatch(
        /^\d+ records sent, \d+\.\d records\/sec \(\d+\.\d{2} MB\/sec\), \d+\.\d ms avg latency, \d+\.\d ms max latency\.$/,
      );
  });

  it('throttles to --throughput and prints metrics with --print-metrics', async () => {
    const r = await run(PRODUCER, [
      '--topic',
      'throttled',
      '--num-records',
      '3000',
      '--record-size',
      '10',
      '--throughput',
      '2000',
      '--print-metrics',
      '--producer-props',
      `bootstrap.servers=${bootstrap}`,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^3000 records sent, /m);
    // 3000 records at 2000/s take about 1.5 s.
    const rate = Number(/records sent, ([\d.]+) records\/sec/.exec(r.stdout)?.[1]);
    expect(rate).toBeLessThan(2600);
    expect(r.stdout).toMatch(/^Metric Name +Value$/m);
    expect(r.stdout).toMatch(/^producer-metrics:record-send-total:\{client-id=producer-1\} +: 3000\.000$/m);
  });

  it('consumes every record and prints the header and one data line', async () => {
    const r = await run(CONSUMER, ['--bootstrap-server', bootstrap, '--topic', 't', '--messages', '20000']);
    expect(r.code).toBe(0);
    const [header, data, ...rest] = r.stdout.trim().split('\n');
    expect(header).toBe(HEADER);
    expect(rest).toEqual([]);
    const m = DATA_LINE.exec(data ?? '');
    expect(m).not.toBeNull();
    expect(m?.[1]).toBe('20000');
  });

  it('counts exactly what the topic holds when --messages asks for more, and warns after --timeout', async () => {
    const r = await run(CONSUMER, [
      '--bootstrap-server',
      bootstrap,
      '--topic',
      't',
      '--messages',
      '25000',
      '--timeout',
      '2000',
      '--hide-header',
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'WARNING: Exiting before consuming the expected number of messages: timeout (2000 ms) exceeded. You can use the --timeout option to increase the timeout.',
    );
    expect(DATA_LINE.exec(lines[1] ?? '')?.[1]).toBe('20000');
  });

  it('prints detailed stats lines with --show-detailed-stats', async () => {
    const r = await run(CONSUMER, [
      '--bootstrap-server',
      bootstrap,
      '--topic',
      't',
      '--messages',
      '20000',
      '--show-detailed-stats',
      '--reporting-interval',
      '1',
    ]);
    expect(r.code).toBe(0);
    const [header, ...lines] = r.stdout.trim().split('\n');
    expect(header).toMatch(/^time, threadId, data\.consumed\.in\.MB, /);
    for (const line of lines) expect(line).toMatch(new RegExp(`^${TIME}, 0, \\d+\\.\\d{4}, `));
  });

  it('reports usage errors as Kafka does (exit 1)', async () => {
    const producer = await run(PRODUCER, ['--topic', 't']);
    expect(producer.code).toBe(1);
    expect(producer.stderr).toMatch(/^usage: producer-performance \[-h\] --topic TOPIC/);
    expect(producer.stderr).toContain('producer-performance: error: argument --num-records is required');
    const help = await run(PRODUCER, []);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('This tool is used to verify the producer performance.');
    const consumer = await run(CONSUMER, ['--topic', 't', '--messages', '1']);
    expect(consumer.code).toBe(1);
    expect(consumer.stderr).toBe(
      'Exception in thread "main" joptsimple.MissingRequiredOptionsException: Missing required option(s) [bootstrap-server]\n',
    );
    const missing = await run(CONSUMER, ['--bootstrap-server', bootstrap, '--messages', '1']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.split('\n')[0]).toBe('Missing required argument "[topic]"');
  });
});

describe('the null-sink broker', () => {
  it('acknowledges every record of the producer perf tool without storing them', async () => {
    const sink = spawn(process.execPath, [NULL_SINK, '0', '4'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    sink.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    try {
      const deadline = Date.now() + 20_000;
      while (!/listening on \d+/.test(out) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const port = /listening on (\d+)/.exec(out)?.[1];
      expect(port).toBeDefined();
      const r = await run(PRODUCER, [
        '--topic',
        'anything',
        '--num-records',
        '5000',
        '--record-size',
        '50',
        '--throughput',
        '-1',
        '--producer-props',
        `bootstrap.servers=127.0.0.1:${port}`,
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^5000 records sent, /m);
    } finally {
      const exited = new Promise((r) => sink.once('exit', r));
      sink.kill('SIGTERM');
      await exited;
    }
    expect(out).toMatch(/"records":5000\b/);
  });
});
