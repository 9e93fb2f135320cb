/**
 * Issue 5, replication on three brokers with the lab's `my-failsafe-topic` (RF 3, 13 partitions):
 * a hard-killed leader (kill -9) and a cleanly stopped one (SIGTERM, controlled shutdown), a killed
 * controller, min.insync.replicas with two brokers down, follower truncation after a leader that took
 * unreplicated appends died, and `kafka-topics --describe --under-replicated-partitions /
 * --unavailable-partitions` along the way; and acks=all held up by a frozen ISR follower. Nothing a
 * client got acknowledged may be lost.
 *
 * The scenarios run in order on one cluster; each starts with all three brokers up and every ISR full.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { RECORD_BATCH_OVERHEAD, readBatchHeader } from '../../src/protocol';
import {
  eventually,
  freshZkConnect,
  sleep,
  startBroker,
  stopAllBrokers,
  zkInspector,
  type BrokerProcess,
} from '../harness/brokers';
import type { ZooKeeperClient } from '../../src/zk/zookeeper-client';
import { KCAT, PYTHON, TOPICS_JS, removeScratch, scratchFile } from '../harness/scratch';

jest.setTimeout(120_000);

const run = promisify(execFile);

const TOPIC = 'my-failsafe-topic';
const PARTITIONS = 13;
const IDS = [0, 1, 2];

const BROKER_PROPS = {
  'replica.lag.time.max.ms': 8000,
  'controlled.shutdown.retry.backoff.ms': 200,
};

interface PartitionState {
  controller_epoch: number;
  leader: number;
  leader_epoch: number;
  isr: number[];
}

interface DescribedPartition {
  topic: string;
  partition: number;
  leader: number | null;
  replicas: number[];
  isr: number[];
}

const ids = (list: string): number[] => (list === '' ? [] : list.split(',').map(Number));

/** The partition lines of `kafka-topics --describe` output (header lines are skipped). */
function parsePartitionLines(out: string): DescribedPartition[] {
  return out
    .split('\n')
    .filter((l) => l.startsWith('\tTopic: '))
    .map((line) => {
      const m =
        /^\tTopic: (\S+)\tPartition: (\d+)\tLeader: (\d+|none)\tReplicas: ([\d,]*)\tIsr: ([\d,]*)/.exec(line);
      if (!m) throw new Error(`unexpected describe line: ${JSON.stringify(line)}`);
      return {
        topic: m[1] ?? '',
        partition: Number(m[2]),
        leader: m[3] === 'none' ? null : Number(m[3]),
        replicas: ids(m[4] ?? ''),
        isr: ids(m[5] ?? ''),
      };
    });
}

/** Values of a topic read with kcat from the beginning, by `partition/offset`. */
async function kcatRead(bootstrap: string, topic: string): Promise<Map<string, string>> {
  const { stdout } = await run(
    KCAT,
    ['-b', bootstrap, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%p %o %s\\n'],
    { timeout: 60_000, maxBuffer: 256 * 1024 * 1024 },
  );
  const out = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const [p, o, v] = line.split(' ');
    out.set(`${p}/${o}`, v ?? '');
  }
  return out;
}

/** Produces `values` (no spaces or newlines) with kcat, acks=all and idempotence; all must be delivered. */
async function kcatProduce(
  bootstrap: string,
  topic: string,
  values: string[],
  extra: string[] = [],
): Promise<void> {
  const file = scratchFile('values.txt');
  fs.writeFileSync(file, values.map((v) => `${v.split('-').slice(0, 2).join('-')}:${v}`).join('\n') + '\n');
  const args = ['-b', bootstrap, '-P', '-t', topic, '-K:', '-l', file];
  args.push('-X', 'acks=all', '-X', 'enable.idempotence=true', '-X', 'message.timeout.ms=30000', ...extra);
  const { stderr } = await run(KCAT, args, { timeout: 60_000 });
  // kcat exits 1 when a record is not delivered; librdkafka's transient connection errors (a broker
  // just stopped, metadata not yet updated) are only logged, and retried.
  expect(stderr).not.toMatch(/Delivery failed/);
}

const PY_CONSUME = `
import json, sys
from kafka import KafkaConsumer, TopicPartition
bootstrap, topic = sys.argv[1:3]
c = KafkaConsumer(bootstrap_servers=bootstrap.split(','), group_id=None, enable_auto_commit=False,
                  client_id='py-consumer')
tps = [TopicPartition(topic, p) for p in sorted(c.partitions_for_topic(topic))]
c.assign(tps)
c.seek_to_beginning()
end = c.end_offsets(tps)
out = []
while any(c.position(tp) < end[tp] for tp in tps):
    for tp, msgs in c.poll(timeout_ms=500).items():
        out.extend(m.value.decode() for m in msgs)
print(json.dumps(out))
c.close()
`;

async function pythonValues(bootstrap: string, topic: string): Promise<string[]> {
  const { stdout } = await run(PYTHON, ['-c', PY_CONSUME, bootstrap, topic], {
    timeout: 90_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout) as string[];
}

/** Type names and codes of an error and of the errors it wraps (kafkajs wraps retried errors). */
function errorChain(e: unknown): { types: string[]; codes: number[] } {
  const types: string[] = [];
  const codes: number[] = [];
  const seen = new Set<unknown>();
  const visit = (x: unknown): void => {
    if (!x || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    const o = x as {
      type?: unknown;
      code?: unknown;
      originalError?: unknown;
      cause?: unknown;
      name?: unknown;
    };
    if (typeof o.type === 'string') types.push(o.type);
    if (typeof o.name === 'string') types.push(o.name);
    if (typeof o.code === 'number') codes.push(o.code);
    visit(o.originalError);
    visit(o.cause);
  };
  visit(e);
  return { types, codes };
}

/**
 * A kafkajs producer sending continuously (acks=all, one record per partition per send, two sends in
 * flight), remembering where every acknowledged record went and every send that failed for good.
 */
class ContinuousProducer {
  readonly acked = new Map<string, string>();
  readonly failures: unknown[] = [];
  private running = true;
  private loops: Promise<void>[] = [];
  private constructor(private readonly producer: Producer) {}

  static async start(bootstrap: string, topic: string, tag: string): Promise<ContinuousProducer> {
    const kafka = new Kafka({
      clientId: `continuous-${tag}`,
      brokers: bootstrap.split(','),
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const self = new ContinuousProducer(producer);
    self.loops = [0, 1].map((loop) => self.loop(topic, `${tag}-${loop}`));
    return self;
  }

  private async loop(topic: string, prefix: string): Promise<void> {
    for (let seq = 0; this.running; seq++) {
      const values = Array.from({ length: PARTITIONS }, (_, p) => `${prefix}-${seq}-p${p}`);
      try {
        const res = await this.producer.send({
          topic,
          acks: -1,
          messages: values.map((value, partition) => ({ partition, value })),
        });
        for (const r of res) this.acked.set(`${r.partition}/${r.baseOffset}`, values[r.partition] ?? '');
      } catch (e) {
        this.failures.push(e);
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    await this.producer.disconnect();
  }
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The offset after the last complete batch of a segment file. */
function fileEndOffset(file: string): number {
  const buf = fs.readFileSync(file);
  let pos = 0;
  let end = 0;
  while (pos + RECORD_BATCH_OVERHEAD <= buf.length) {
    const h = readBatchHeader(buf, pos);
    if (pos + h.sizeInBytes > buf.length) break;
    end = Number(h.lastOffset) + 1;
    pos += h.sizeInBytes;
  }
  return end;
}

describe('replication, three brokers, my-failsafe-topic (RF 3, 13 partitions)', () => {
  let zkConnect: string;
  let zk: ZooKeeperClient;
  const brokers = new Map<number, BrokerProcess>();
  let bootstrapAll = '';

  const broker = (id: number): BrokerProcess => {
    const b = brokers.get(id);
    if (!b) throw new Error(`no broker ${id}`);
    return b;
  };
  const bootstrapOf = (list: number[]): string => list.map((id) => `localhost:${broker(id).port}`).join(',');

  async function kafkaTopics(args: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, [TOPICS_JS, '--zookeeper', zkConnect, ...args], {
      timeout: 30_000,
    });
    return stdout;
  }

  async function state(topic: string, p: number): Promise<PartitionState | null> {
    const node = await zk.getData(`/brokers/topics/${topic}/partitions/${p}/state`);
    return node?.data ? (JSON.parse(node.data.toString()) as PartitionState) : null;
  }

  async function states(topic = TOPIC, n = PARTITIONS): Promise<PartitionState[]> {
    const out: PartitionState[] = [];
    for (let p = 0; p < n; p++) {
      const s = await state(topic, p);
      if (!s) throw new Error(`no state for ${topic}-${p}`);
      out.push(s);
    }
    return out;
  }

  async function assignment(topic = TOPIC): Promise<number[][]> {
    const node = await zk.getData(`/brokers/topics/${topic}`);
    const json = JSON.parse(node?.data?.toString() ?? '{}') as { partitions: Record<string, number[]> };
    return Object.entries(json.partitions)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, r]) => r);
  }

  async function controllerId(): Promise<number> {
    const node = await zk.getData('/controller');
    return (JSON.parse(node?.data?.toString() ?? '{"brokerid":-1}') as { brokerid: number }).brokerid;
  }

  async function waitFullIsr(topic = TOPIC, n = PARTITIONS, timeoutMs = 30_000): Promise<PartitionState[]> {
    return eventually(
      async () => {
        const s = await states(topic, n);
        return s.every((x) => x.isr.length === 3 && x.leader >= 0) ? s : null;
      },
      timeoutMs,
      `ISR of 3 for every partition of ${topic}`,
    );
  }

  /** Starts a stopped broker again on its port and log dir, once its old registration is gone. */
  async function restart(id: number): Promise<BrokerProcess> {
    const old = broker(id);
    if (old.running) throw new Error(`broker ${id} is still running`);
    await eventually(
      async () => (await zk.exists(`/brokers/ids/${id}`)) === null,
      20_000,
      `/brokers/ids/${id} gone`,
    );
    const b = await startBroker({
      brokerId: id,
      zkConnect,
      port: old.port,
      logDir: old.logDir,
      props: BROKER_PROPS,
    });
    brokers.set(id, b);
    return b;
  }

  async function leaderCounts(): Promise<Map<number, number>> {
    const counts = new Map<number, number>(IDS.map((id) => [id, 0]));
    for (const s of await states()) counts.set(s.leader, (counts.get(s.leader) ?? 0) + 1);
    return counts;
  }

  /** Every record of `acked` (partition/offset -> value) is in the topic at that position. */
  async function expectAcknowledgedPresent(
    topic: string,
    acked: Map<string, string>,
    what: string,
  ): Promise<void> {
    const read = await kcatRead(bootstrapAll, topic);
    const missing = [...acked].filter(([pos, v]) => read.get(pos) !== v).map(([pos, v]) => `${pos}=${v}`);
    expect({ what, acknowledged: acked.size, missing: missing.slice(0, 10) }).toEqual({
      what,
      acknowledged: acked.size,
      missing: [],
    });
  }

  beforeAll(async () => {
    zkConnect = freshZkConnect();
    for (const id of IDS)
      brokers.set(id, await startBroker({ brokerId: id, zkConnect, props: BROKER_PROPS }));
    bootstrapAll = bootstrapOf(IDS);
    zk = await zkInspector(zkConnect);
    const out = await kafkaTopics([
      '--create',
      '--topic',
      TOPIC,
      '--partitions',
      String(PARTITIONS),
      '--replication-factor',
      '3',
    ]);
    expect(out).toContain(`Created topic ${TOPIC}.`);
    await eventually(() => waitFullIsr(), 20_000, 'topic online');
  });

  afterAll(async () => {
    for (const b of brokers.values()) if (b.running) b.kill('SIGCONT');
    await stopAllBrokers();
    await zk?.close();
    removeScratch();
  });

  /** Every scenario starts with all brokers up and full ISRs. */
  beforeEach(async () => {
    for (const id of IDS) {
      const b = brokers.get(id);
      if (b && !b.running) await restart(id);
    }
    await waitFullIsr();
  });

  // -------------------------------------------------------------------------------------------
  it('kill -9 of the busiest leader: leadership and ISRs move, describe agrees, 20,000 acks=all records survive exactly once', async () => {
    const first = Array.from({ length: 10_000 }, (_, i) => `a-${i % 97}-${i}`);
    await kcatProduce(bootstrapAll, TOPIC, first);

    const replicas = await assignment();
    const before = await states();
    const counts = await leaderCounts();
    const victim = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
    const survivors = IDS.filter((id) => id !== victim);
    const failover = (await controllerId()) === victim;
    broker(victim).kill('SIGKILL');
    await broker(victim).waitForExit(10_000);
    // Nothing changes until its ZooKeeper session times out (6 s here).
    await sleep(2000);
    expect(await states()).toEqual(before);

    // After the session timeout the controller moves leaders and shrinks every ISR, order kept.
    const after = await eventually(
      async () => {
        const s = await states();
        return s.every((x) => x.leader !== victim && !x.isr.includes(victim)) ? s : null;
      },
      30_000,
      `broker ${victim} out of every leadership and ISR`,
    );
    after.forEach((s, p) => {
      const isr = (before[p]?.isr ?? []).filter((id) => id !== victim);
      expect({ p, isr: s.isr }).toEqual({ p, isr });
      // One leader-epoch bump: the election, or the controller's ISR removal.
      expect({ p, epoch: s.leader_epoch }).toEqual({ p, epoch: (before[p]?.leader_epoch ?? 0) + 1 });
      if (before[p]?.leader === victim) {
        expect({ p, leader: s.leader }).toEqual({ p, leader: replicas[p]?.find((r) => isr.includes(r)) });
      } else expect({ p, leader: s.leader }).toEqual({ p, leader: before[p]?.leader });
    });

    const described = parsePartitionLines(await kafkaTopics(['--describe', '--topic', TOPIC]));
    expect(described).toHaveLength(PARTITIONS);
    for (const d of described) {
      expect(d.leader).not.toBe(victim);
      expect(d.isr).not.toContain(victim);
      expect(d.replicas).toEqual(replicas[d.partition]);
      expect(d.isr).toEqual(after[d.partition]?.isr);
    }
    // Reports print partition lines only, no topic header (TopicCommand: describeConfigs is off).
    const underReplicatedOut = await kafkaTopics(['--describe', '--under-replicated-partitions']);
    expect(underReplicatedOut.split('\n').filter((l) => l !== '' && !l.startsWith('\t'))).toEqual([]);
    const underReplicated = parsePartitionLines(underReplicatedOut);
    expect(underReplicated.map((d) => `${d.topic}-${d.partition}`)).toEqual(
      Array.from({ length: PARTITIONS }, (_, p) => `${TOPIC}-${p}`),
    );
    expect(await kafkaTopics(['--describe', '--unavailable-partitions'])).toBe('');

    const second = Array.from({ length: 10_000 }, (_, i) => `b-${i % 97}-${i}`);
    await kcatProduce(bootstrapOf(survivors), TOPIC, second);

    await restart(victim);
    const rejoined = await waitFullIsr(TOPIC, PARTITIONS, 45_000);
    // The returning broker is appended to each ISR.
    rejoined.forEach((s, p) => {
      expect({ p, isr: s.isr }).toEqual({ p, isr: [...(after[p]?.isr ?? []), victim] });
      // It gets no leadership back by rejoining; only a preferred election would give it back, and
      // after a controller failover the first automatic one runs 5 s later, so only check without one.
      if (!failover) expect({ p, leader: s.leader }).toEqual({ p, leader: after[p]?.leader });
    });
    expect(await kafkaTopics(['--describe', '--under-replicated-partitions'])).toBe('');

    const values = await pythonValues(bootstrapAll, TOPIC);
    const seen = new Map<string, number>();
    for (const v of values) seen.set(v, (seen.get(v) ?? 0) + 1);
    const missing = [...first, ...second].filter((v) => !seen.has(v));
    const duplicated = [...seen].filter(([, n]) => n > 1).map(([v]) => v);
    const unexpected = [...seen.keys()].filter((v) => !/^[ab]-\d+-\d+$/.test(v));
    expect({
      count: values.length,
      missing: missing.slice(0, 10),
      duplicated: duplicated.slice(0, 10),
      unexpected,
    }).toEqual({
      count: 20_000,
      missing: [],
      duplicated: [],
      unexpected: [],
    });
  });

  // -------------------------------------------------------------------------------------------
  it('SIGTERM (controlled shutdown): leaders move within a second, a continuous producer never fails', async () => {
    const counts = await leaderCounts();
    const controller = await controllerId();
    const victim =
      [...counts].sort(
        (a, b) => b[1] - a[1] || Number(a[0] === controller) - Number(b[0] === controller),
      )[0]?.[0] ?? 0;
    expect(counts.get(victim)).toBeGreaterThan(0);
    const producer = await ContinuousProducer.start(bootstrapAll, TOPIC, 'term');
    let movedAfter = -1;
    try {
      await eventually(async () => producer.acked.size >= 13 * 20, 20_000, 'the producer to get going');
      const t0 = Date.now();
      broker(victim).kill('SIGTERM');
      for (;;) {
        const s = await states();
        if (s.every((x) => x.leader !== victim)) {
          movedAfter = Date.now() - t0;
          break;
        }
        if (Date.now() - t0 > 15_000) break;
        await sleep(20);
      }
      await broker(victim).waitForExit(20_000);
      expect(broker(victim).output).toMatch(/\[KafkaServer id=\d+\] Controlled shutdown succeeded/);
      // A clean shutdown closes the ZooKeeper session: the registration goes at once.
      expect(await zk.exists(`/brokers/ids/${victim}`)).toBeNull();
      const ackedAtExit = producer.acked.size;
      await eventually(
        async () => producer.acked.size >= ackedAtExit + 13 * 20,
        20_000,
        'produce after the shutdown',
      );
    } finally {
      await producer.stop();
    }
    expect(movedAfter).toBeGreaterThanOrEqual(0);
    expect(movedAfter).toBeLessThan(1000);
    expect(producer.failures.map((e) => String(e))).toEqual([]);
    const s = await states();
    for (const x of s) expect(x.isr).not.toContain(victim);
    await expectAcknowledgedPresent(TOPIC, producer.acked, 'acknowledged around the controlled shutdown');
  });

  // -------------------------------------------------------------------------------------------
  it('kill -9 of the controller during a continuous produce: a new controller takes over, nothing acknowledged is lost', async () => {
    const controller = await controllerId();
    const epochBefore = Number((await zk.getData('/controller_epoch'))?.data?.toString());
    const producer = await ContinuousProducer.start(bootstrapAll, TOPIC, 'ctl');
    try {
      await eventually(async () => producer.acked.size >= 13 * 20, 20_000, 'the producer to get going');
      broker(controller).kill('SIGKILL');
      await broker(controller).waitForExit(10_000);
      const { id: newController } = await eventually(
        async () => {
          const c = await controllerId();
          return c >= 0 && c !== controller ? { id: c } : null; // (id 0 is falsy)
        },
        30_000,
        'a new controller',
      );
      expect(IDS).toContain(newController);
      await eventually(
        async () => (await states()).every((x) => x.leader !== controller && !x.isr.includes(controller)),
        20_000,
        'partitions moved off the dead controller',
      );
      const ackedNow = producer.acked.size;
      await eventually(
        async () => producer.acked.size >= ackedNow + 13 * 20,
        20_000,
        'produce after the failover',
      );
    } finally {
      await producer.stop();
    }
    expect(Number((await zk.getData('/controller_epoch'))?.data?.toString())).toBe(epochBefore + 1);
    await expectAcknowledgedPresent(TOPIC, producer.acked, 'acknowledged around the controller failover');
  });

  // -------------------------------------------------------------------------------------------
  it('min.insync.replicas=2 with two brokers down: acks=all gets NOT_ENOUGH_REPLICAS, acks=1 works, nothing is lost', async () => {
    const topic = 'min-isr-topic';
    const out = await kafkaTopics([
      '--create',
      '--topic',
      topic,
      '--partitions',
      '3',
      '--replication-factor',
      '3',
      '--config',
      'min.insync.replicas=2',
    ]);
    expect(out).toContain(`Created topic ${topic}.`);
    await eventually(() => waitFullIsr(topic, 3), 20_000, `${topic} online`);

    const acked = new Map<string, string>();
    /** Sends 10 records to each partition through a fresh producer (fresh metadata) on `bootstrap`. */
    const send = async (bootstrap: string, acks: number, tag: string, retries?: number): Promise<void> => {
      const kafka = new Kafka({
        clientId: 'min-isr',
        brokers: bootstrap.split(','),
        logLevel: logLevel.NOTHING,
      });
      const producer = kafka.producer({
        allowAutoTopicCreation: false,
        ...(retries === undefined ? {} : { retry: { retries } }),
      });
      await producer.connect();
      try {
        const values = [0, 1, 2].map((p) => Array.from({ length: 10 }, (_, i) => `${tag}-p${p}-${i}`));
        const res = await producer.send({
          topic,
          acks,
          messages: values.flatMap((vs, partition) => vs.map((value) => ({ partition, value }))),
        });
        for (const r of res) {
          (values[r.partition] ?? []).forEach((v, i) =>
            acked.set(`${r.partition}/${Number(r.baseOffset) + i}`, v),
          );
        }
      } finally {
        await producer.disconnect();
      }
    };

    await send(bootstrapAll, -1, 'all-before');
    const survivor = await controllerId();
    const down = IDS.filter((id) => id !== survivor);
    for (const id of down) {
      broker(id).kill('SIGTERM');
      await broker(id).waitForExit(20_000);
    }
    await eventually(
      async () =>
        (await states(topic, 3)).every((s) => s.leader === survivor && s.isr.join() === `${survivor}`),
      20_000,
      `broker ${survivor} alone in every ISR of ${topic}`,
    );
    const alone = bootstrapOf([survivor]);
    const admin = new Kafka({
      clientId: 'min-isr-admin',
      brokers: [alone],
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const highBefore = (await admin.fetchTopicOffsets(topic)).map((o) => `${o.partition}:${o.high}`).sort();
      let error: unknown = null;
      try {
        await send(alone, -1, 'all-refused', 0);
      } catch (e) {
        error = e;
      }
      const chain = errorChain(error);
      expect(chain.types).toContain('NOT_ENOUGH_REPLICAS');
      expect(chain.codes).toContain(19);
      // Refused before the append: nothing was written.
      expect((await admin.fetchTopicOffsets(topic)).map((o) => `${o.partition}:${o.high}`).sort()).toEqual(
        highBefore,
      );
      await send(alone, 1, 'one-while-down');
    } finally {
      await admin.disconnect();
    }

    for (const id of down) await restart(id);
    await waitFullIsr(topic, 3, 45_000);
    await send(bootstrapAll, -1, 'all-after');
    const read = await kcatRead(bootstrapAll, topic);
    const missing = [...acked].filter(([pos, v]) => read.get(pos) !== v).map(([pos]) => pos);
    expect({ acknowledged: acked.size, missing }).toEqual({ acknowledged: 90, missing: [] });
    expect([...read.values()].filter((v) => v.startsWith('all-refused'))).toEqual([]);
  });

  // -------------------------------------------------------------------------------------------
  it('a rejoining old leader truncates the records its successor never had; consumers never see them', async () => {
    const topic = 'diverge';
    const controller = await controllerId();
    const [leader, f1] = IDS.filter((id) => id !== controller) as [number, number];
    const f2 = controller;
    const out = await kafkaTopics([
      '--create',
      '--topic',
      topic,
      '--replica-assignment',
      `${leader}:${f1}:${f2}`,
    ]);
    expect(out).toContain(`Created topic ${topic}.`);
    await eventually(() => waitFullIsr(topic, 1), 20_000, `${topic} online`);
    expect((await state(topic, 0))?.leader).toBe(leader);

    const committed = Array.from({ length: 20 }, (_, i) => `committed-${i}`);
    await kcatProduce(bootstrapAll, topic, committed, ['-p', '0']);
    // The followers have the 20 records once the ISR'd high watermark covered them (acks=all).

    const dirOf = (id: number): string => path.join(broker(id).logDir, `${topic}-0`);
    const segment = (id: number): string => path.join(dirOf(id), '00000000000000000000.log');
    await eventually(
      async () => [f1, f2].every((id) => fileEndOffset(segment(id)) === 20),
      10_000,
      'followers at offset 20',
    );

    const unreplicated = Array.from({ length: 30 }, (_, i) => `unreplicated-${i}`);
    let seenOnOldLeader: string[] = [];
    broker(f1).kill('SIGSTOP');
    broker(f2).kill('SIGSTOP');
    try {
      // Let the followers' parked fetches expire (replica.fetch.wait.max.ms = 500): afterwards none is
      // waiting at the leader, so nothing appended from now on can reach them.
      await sleep(1500);
      const file = scratchFile('unreplicated.txt');
      fs.writeFileSync(file, unreplicated.join('\n') + '\n');
      await run(
        KCAT,
        ['-b', bootstrapOf([leader]), '-P', '-t', topic, '-p', '0', '-l', file, '-X', 'acks=1'],
        { timeout: 20_000 },
      );
      expect(fileEndOffset(segment(leader))).toBe(50);
      // Consumers of the old leader stop at its high watermark: they see only the committed records.
      const { stdout } = await run(
        KCAT,
        ['-b', bootstrapOf([leader]), '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%s\\n'],
        { timeout: 20_000 },
      );
      seenOnOldLeader = stdout.split('\n').filter((l) => l !== '');
      broker(leader).kill('SIGKILL');
      await broker(leader).waitForExit(10_000);
    } finally {
      broker(f1).kill('SIGCONT');
      broker(f2).kill('SIGCONT');
    }
    expect(seenOnOldLeader).toEqual(committed);

    // f1, first in assignment order among the live ISR, takes over with a new leader epoch.
    const taken = await eventually(
      async () => {
        const s = await state(topic, 0);
        return s && s.leader === f1 ? s : null;
      },
      30_000,
      `broker ${f1} leading ${topic}-0`,
    );
    expect(taken.isr).toEqual([f1, f2]);
    const fresh = Array.from({ length: 10 }, (_, i) => `fresh-${i}`);
    await kcatProduce(bootstrapOf([f1, f2]), topic, fresh, ['-p', '0']);
    expect(fileEndOffset(segment(f1))).toBe(30);

    await restart(leader);
    await waitFullIsr(topic, 1, 45_000);
    await eventually(
      async () => fileEndOffset(segment(leader)) === 30 && sha256(segment(leader)) === sha256(segment(f1)),
      20_000,
      'the old leader truncated and caught up',
    );
    expect(sha256(segment(f2))).toBe(sha256(segment(f1)));
    expect(broker(leader).output).toMatch(/Truncating to offset 20/);

    const values = await pythonValues(bootstrapAll, topic);
    expect(values).toEqual([...committed, ...fresh]);
  });

  // -------------------------------------------------------------------------------------------
  it('acks=all waits for a frozen ISR follower: REQUEST_TIMED_OUT on a short timeout, success once it leaves the ISR', async () => {
    const topic = 'frozen-follower';
    const controller = await controllerId();
    const [leader, frozen] = IDS.filter((id) => id !== controller) as [number, number];
    const out = await kafkaTopics([
      '--create',
      '--topic',
      topic,
      '--replica-assignment',
      `${leader}:${frozen}:${controller}`,
    ]);
    expect(out).toContain(`Created topic ${topic}.`);
    await eventually(() => waitFullIsr(topic, 1), 20_000, `${topic} online`);
    await kcatProduce(bootstrapAll, topic, ['before-0', 'before-1'], ['-p', '0']);

    const kafka = new Kafka({
      clientId: 'frozen-follower',
      brokers: bootstrapOf([leader, controller]).split(','),
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
    let timedOut: unknown = null;
    let waitedMs = 0;
    let isrAtCompletion: number[] = [];
    broker(frozen).kill('SIGSTOP');
    try {
      // The leader cannot advance the high watermark past the frozen follower's offset: the produce
      // purgatory answers REQUEST_TIMED_OUT when the request's timeout expires (the record is written).
      try {
        await producer.send({
          topic,
          acks: -1,
          timeout: 2000,
          messages: [{ partition: 0, value: 'timed-out' }],
        });
      } catch (e) {
        timedOut = e;
      }
      // Once the follower is out of the ISR (its session expires, or the leader shrinks the ISR after
      // replica.lag.time.max.ms), the high watermark moves and a waiting acks=all produce completes.
      const t0 = Date.now();
      await producer.send({
        topic,
        acks: -1,
        timeout: 30_000,
        messages: [{ partition: 0, value: 'waited' }],
      });
      waitedMs = Date.now() - t0;
      isrAtCompletion = (await state(topic, 0))?.isr ?? [];
    } finally {
      broker(frozen).kill('SIGCONT');
      await producer.disconnect();
    }
    const chain = errorChain(timedOut);
    expect(chain.types).toContain('REQUEST_TIMED_OUT');
    expect(chain.codes).toContain(7);
    expect(waitedMs).toBeGreaterThan(1000);
    expect(isrAtCompletion).not.toContain(frozen);
    const read = await kcatRead(bootstrapOf([leader, controller]), topic);
    expect([...read.values()]).toEqual(['before-0', 'before-1', 'timed-out', 'waited']);

    // The follower comes back (re-registering if its session expired) and rejoins the ISR.
    await waitFullIsr(topic, 1, 45_000);
    await eventually(
      async () =>
        fileEndOffset(path.join(broker(frozen).logDir, `${topic}-0`, '00000000000000000000.log')) === 4,
      20_000,
      'the follower caught up',
    );
  });
});
