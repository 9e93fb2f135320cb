/**
 * Issue 4, the data plane of one broker as real clients see it: keyed records with headers round-trip
 * byte for byte through kafkajs, kcat (librdkafka), kafka-python and @platformatic/kafka; a broker
 * killed with -9 during acks=1 produce keeps every acknowledged record and recovers its logs; a
 * corrupted segment tail is truncated on restart; a batch with a bad CRC is refused with
 * CORRUPT_MESSAGE; retention by size and by time deletes whole old segments and moves the log start
 * offset; ListOffsets by timestamp goes through the time index; fetches long-poll; partition
 * directories hold Kafka 2.8's files; after the unclean restarts every other log reads as before.
 *
 * The tests share one broker and run in order: the two crash tests restart it (same port and log
 * dir) and the last test re-reads what the earlier ones wrote.
 *
 * Clients that are ES modules (@platformatic/kafka) or other languages (kafka-python, Debian's under
 * /usr/bin/python3) run in child processes; kcat is /usr/bin/kcat. Every broker the file starts is
 * killed in afterAll; every child process is bounded by a timeout or killed by the test.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import {
  ApiKey,
  ErrorCode,
  RECORD_BATCH_OVERHEAD,
  buildRecordBatch,
  decodeRecords,
  decodeResponse,
  encodeRequest,
  readBatchHeader,
} from '../../src/protocol';
import {
  REPO_ROOT,
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

const KAFKAJS = path.join(REPO_ROOT, 'node_modules', 'kafkajs');
const PLATFORMATIC = path.join(REPO_ROOT, 'node_modules', '@platformatic', 'kafka', 'dist', 'index.js');

const BROKER_PROPS = {
  'log.retention.check.interval.ms': 1000,
  'replica.lag.time.max.ms': 6000,
};

// ---------------------------------------------------------------------------------------------
// Records and their canonical form
// ---------------------------------------------------------------------------------------------

type Header = [string, Buffer];

interface TestRecord {
  key: Buffer;
  value: Buffer;
  headers: Header[];
}

/** A record as a consumer saw it. */
interface ReadRecord extends TestRecord {
  partition: number;
  offset: number;
}

/** key|value|headers, all hex: equal strings mean byte-for-byte equal records. */
function canonical(r: TestRecord): string {
  const headers = r.headers.map(([k, v]) => `${Buffer.from(k).toString('hex')}=${v.toString('hex')}`);
  return `${r.key.toString('hex')}|${r.value.toString('hex')}|${headers.join(',')}`;
}

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Printable header bytes: kcat prints headers as `k=v,k=v`, so they must not contain `,` `=` or `\n`.
const HEADER_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 _.-+/';
// Text for kcat's line-based producer: anything but a newline (multi-byte UTF-8 included).
const TEXT_CHARS = [...'abcdefghijklmnopqrstuvwxyz0123456789 \t:;,.!?"\'{}[]()<>#%&*=+-_~|éßø€✓😀'];

function randomText(rnd: () => number, n: number, chars: readonly string[]): string {
  let s = '';
  for (let i = 0; i < n; i++) s += chars[Math.floor(rnd() * chars.length)] ?? 'x';
  return s;
}

/**
 * `n` keyed records with headers. Clients that take bytes get binary keys and values (every byte value
 * occurs); kcat reads `key:value` lines, so its keys have no `:` and its values no newline.
 */
function makeRecords(client: string, n: number, binary: boolean): TestRecord[] {
  const rnd = prng([...client].reduce((a, c) => a * 31 + c.charCodeAt(0), 7));
  const out: TestRecord[] = [];
  for (let i = 0; i < n; i++) {
    const keyText = `${client}-key-${i % 211}`;
    if (binary) {
      const value = Buffer.alloc(1 + ((i * 13) % 300));
      for (let j = 0; j < value.length; j++) value[j] = Math.floor(rnd() * 256);
      out.push({
        key: Buffer.concat([Buffer.from([0x00, 0xff, i % 211]), Buffer.from(keyText)]),
        value,
        headers: [
          ['idx', Buffer.from(String(i))],
          ['client', Buffer.from(client)],
          ['noise', Buffer.from(randomText(rnd, 1 + (i % 20), [...HEADER_CHARS]))],
        ],
      });
    } else {
      out.push({
        key: Buffer.from(keyText),
        value: Buffer.from(`v${i}:${randomText(rnd, 1 + ((i * 7) % 150), TEXT_CHARS)}`),
        headers: [], // kcat -P adds the same -H headers to every record (filled in by the caller)
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tools and clients
// ---------------------------------------------------------------------------------------------

async function createTopic(
  zkConnect: string,
  topic: string,
  partitions: number,
  configs: Record<string, string | number> = {},
): Promise<void> {
  const args = [TOPICS_JS, '--zookeeper', zkConnect, '--create', '--topic', topic];
  args.push('--partitions', String(partitions), '--replication-factor', '1');
  for (const [k, v] of Object.entries(configs)) args.push('--config', `${k}=${v}`);
  const { stdout } = await run(process.execPath, args, { timeout: 30_000 });
  expect(stdout).toContain(`Created topic ${topic}.`);
}

/** Waits until every partition of the topic has a leader in the broker's metadata (kcat's view). */
async function waitForLeaders(bootstrap: string, topic: string, partitions: number): Promise<void> {
  await eventually(
    async () => {
      const { stdout } = await run(KCAT, ['-b', bootstrap, '-L', '-J', '-t', topic, '-m', '5'], {
        timeout: 15_000,
      });
      const json = JSON.parse(stdout) as { topics: { partitions?: { leader: number }[] }[] };
      const ps = json.topics[0]?.partitions ?? [];
      return ps.length === partitions && ps.every((p) => p.leader >= 0);
    },
    20_000,
    `leaders for ${topic}`,
  );
}

/**
 * Reads a whole topic with kcat from the beginning, byte-exact: the format prints the key and value
 * lengths before the raw key and value bytes, then the headers (`k=v,...`) up to the newline.
 */
async function kcatConsume(bootstrap: string, topic: string): Promise<ReadRecord[]> {
  const { stdout } = await run(
    KCAT,
    [
      '-b',
      bootstrap,
      '-C',
      '-t',
      topic,
      '-o',
      'beginning',
      '-e',
      '-q',
      '-f',
      '%p\\t%o\\t%K\\t%S\\t%k%s%h\\n',
    ],
    { timeout: 60_000, maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' },
  );
  const out: ReadRecord[] = [];
  let pos = 0;
  const field = (): string => {
    const end = stdout.indexOf(0x09, pos);
    if (end < 0) throw new Error(`kcat output truncated at byte ${pos}`);
    const s = stdout.subarray(pos, end).toString('latin1');
    pos = end + 1;
    return s;
  };
  while (pos < stdout.length) {
    const partition = Number(field());
    const offset = Number(field());
    const keyLen = Number(field());
    const valueLen = Number(field());
    const key = stdout.subarray(pos, pos + Math.max(keyLen, 0));
    pos += Math.max(keyLen, 0);
    const value = stdout.subarray(pos, pos + Math.max(valueLen, 0));
    pos += Math.max(valueLen, 0);
    const nl = stdout.indexOf(0x0a, pos);
    const headerText = stdout.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    const headers: Header[] =
      headerText === ''
        ? []
        : headerText.split(',').map((kv) => {
            const eq = kv.indexOf('=');
            return [kv.slice(0, eq), Buffer.from(kv.slice(eq + 1))];
          });
    out.push({ partition, offset, key: Buffer.from(key), value: Buffer.from(value), headers });
  }
  return out;
}

async function kcatProduce(
  bootstrap: string,
  topic: string,
  records: TestRecord[],
  headers: Header[],
  extra: string[] = [],
): Promise<void> {
  const file = scratchFile('records.txt');
  fs.writeFileSync(
    file,
    Buffer.concat(records.map((r) => Buffer.concat([r.key, Buffer.from(':'), r.value, Buffer.from('\n')]))),
  );
  const args = ['-b', bootstrap, '-P', '-t', topic, '-K:', '-X', 'acks=all', '-l', file, ...extra];
  for (const [k, v] of headers) args.push('-H', `${k}=${v.toString()}`);
  const { stderr } = await run(KCAT, args, { timeout: 60_000 });
  // kcat exits 1 when a record is not delivered; librdkafka's transient connection errors (a broker
  // just stopped, metadata not yet updated) are only logged, and retried.
  expect(stderr).not.toMatch(/Delivery failed/);
}

const hex = (b: Buffer): string => b.toString('hex');

interface WireRecord {
  k: string;
  v: string;
  h: [string, string][];
}
const toWire = (r: TestRecord): WireRecord => ({
  k: hex(r.key),
  v: hex(r.value),
  h: r.headers.map(([k, v]) => [k, hex(v)]),
});

interface WireRead extends WireRecord {
  p: number;
  o: number;
}
const fromWire = (w: WireRead): ReadRecord => ({
  partition: w.p,
  offset: w.o,
  key: Buffer.from(w.k, 'hex'),
  value: Buffer.from(w.v, 'hex'),
  headers: w.h.map(([k, v]) => [k, Buffer.from(v, 'hex')]),
});

const PY_PRODUCE = `
import json, sys
from kafka import KafkaProducer
bootstrap, topic, infile = sys.argv[1:4]
records = [json.loads(l) for l in open(infile)]
p = KafkaProducer(bootstrap_servers=bootstrap.split(','), acks='all', linger_ms=5, client_id='py-producer')
futs = [p.send(topic, key=bytes.fromhex(r['k']), value=bytes.fromhex(r['v']),
               headers=[(k, bytes.fromhex(v)) for k, v in r['h']]) for r in records]
p.flush()
print(json.dumps([[f.get().partition, f.get().offset] for f in futs]))
p.close()
`;

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
        for m in msgs:
            out.append({'p': m.partition, 'o': m.offset,
                        'k': m.key.hex() if m.key is not None else None,
                        'v': m.value.hex() if m.value is not None else None,
                        'h': [[k, v.hex()] for k, v in m.headers]})
print(json.dumps(out))
c.close()
`;

async function pythonProduce(bootstrap: string, topic: string, records: TestRecord[]): Promise<number[][]> {
  const file = scratchFile('records.jsonl');
  fs.writeFileSync(file, records.map((r) => JSON.stringify(toWire(r))).join('\n') + '\n');
  const { stdout } = await run(PYTHON, ['-c', PY_PRODUCE, bootstrap, topic, file], {
    timeout: 90_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as number[][];
}

async function pythonConsume(bootstrap: string, topic: string): Promise<ReadRecord[]> {
  const { stdout } = await run(PYTHON, ['-c', PY_CONSUME, bootstrap, topic], {
    timeout: 90_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as WireRead[]).map(fromWire);
}

const PLATFORMATIC_PRODUCE = `
import fs from 'node:fs';
const { Producer } = await import(process.argv[1]);
const [, , bootstrap, topic, infile] = process.argv;
const records = fs.readFileSync(infile, 'utf8').trim().split('\\n').map((l) => JSON.parse(l));
const producer = new Producer({ clientId: 'plt-producer', bootstrapBrokers: bootstrap.split(','), retries: 0 });
const sends = [];
try {
  for (let i = 0; i < records.length; i += 500) {
    const chunk = records.slice(i, i + 500);
    const res = await producer.send({
      acks: -1,
      messages: chunk.map((r) => ({
        topic,
        key: Buffer.from(r.k, 'hex'),
        value: Buffer.from(r.v, 'hex'),
        headers: new Map(r.h.map(([k, v]) => [Buffer.from(k), Buffer.from(v, 'hex')])),
      })),
    });
    sends.push({ first: i, count: chunk.length,
      offsets: (res.offsets ?? []).map((o) => [o.partition, Number(o.offset)]) });
  }
} finally {
  await producer.close();
}
console.log(JSON.stringify(sends));
`;

const PLATFORMATIC_CONSUME = `
const { Consumer } = await import(process.argv[1]);
const [, , bootstrap, topic] = process.argv;
const consumer = new Consumer({ groupId: 'unused', clientId: 'plt-consumer', bootstrapBrokers: bootstrap.split(',') });
const out = [];
try {
  const meta = await consumer.metadata({ topics: [topic] });
  const partitions = meta.topics.get(topic).partitions;
  for (let p = 0; p < partitions.length; p++) {
    let next = 0n;
    for (;;) {
      const res = await consumer.fetch({
        node: partitions[p].leader,
        maxWaitTime: 100,
        topics: [{ topicId: topic, partitions: [{ partition: p, fetchOffset: next, partitionMaxBytes: 1048576,
          currentLeaderEpoch: -1, lastFetchedEpoch: -1 }] }],
      });
      const part = res.responses[0].partitions[0];
      if (part.errorCode !== 0) throw new Error('fetch error ' + part.errorCode);
      for (const batch of part.records ?? []) {
        for (const r of batch.records) {
          const offset = batch.firstOffset + BigInt(r.offsetDelta);
          if (offset < next) continue;
          out.push({ p, o: Number(offset), k: r.key ? r.key.toString('hex') : null,
            v: r.value ? r.value.toString('hex') : null,
            h: r.headers.map(([k, v]) => [k.toString(), v.toString('hex')]) });
          next = offset + 1n;
        }
      }
      if (next >= part.highWatermark) break;
    }
  }
} finally {
  await consumer.close();
}
console.log(JSON.stringify(out));
`;

interface SendResult {
  first: number;
  count: number;
  /** [partition, base offset] per partition the send wrote to. */
  offsets: number[][];
}

async function platformaticProduce(
  bootstrap: string,
  topic: string,
  records: TestRecord[],
): Promise<SendResult[]> {
  const file = scratchFile('records.jsonl');
  fs.writeFileSync(file, records.map((r) => JSON.stringify(toWire(r))).join('\n') + '\n');
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', PLATFORMATIC_PRODUCE, PLATFORMATIC, bootstrap, topic, file],
    { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as SendResult[];
}

async function platformaticConsume(bootstrap: string, topic: string): Promise<ReadRecord[]> {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', PLATFORMATIC_CONSUME, PLATFORMATIC, bootstrap, topic],
    { timeout: 90_000, maxBuffer: 256 * 1024 * 1024 },
  );
  return (JSON.parse(stdout) as WireRead[]).map(fromWire);
}

function newKafka(bootstrap: string, clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100 },
  });
}

async function kafkajsProduce(
  bootstrap: string,
  topic: string,
  records: TestRecord[],
): Promise<SendResult[]> {
  const producer = newKafka(bootstrap, 'kafkajs-producer').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const sends: SendResult[] = [];
  try {
    for (let i = 0; i < records.length; i += 500) {
      const chunk = records.slice(i, i + 500);
      const res = await producer.send({
        topic,
        acks: -1,
        messages: chunk.map((r) => ({ key: r.key, value: r.value, headers: Object.fromEntries(r.headers) })),
      });
      sends.push({
        first: i,
        count: chunk.length,
        offsets: res.map((m) => [m.partition, Number(m.baseOffset ?? -1)]),
      });
    }
  } finally {
    await producer.disconnect();
  }
  return sends;
}

/** Reads `expected` records from the beginning with a kafkajs consumer group (needs the group APIs). */
async function kafkajsConsume(bootstrap: string, topic: string, expected: number): Promise<ReadRecord[]> {
  const consumer = newKafka(bootstrap, 'kafkajs-consumer').consumer({
    groupId: `rt-${topic}-${Date.now()}`,
    maxWaitTimeInMs: 200,
  });
  const out: ReadRecord[] = [];
  let crashed: unknown = null;
  consumer.on(consumer.events.CRASH, (e) => {
    crashed = e.payload.error;
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        out.push({
          partition,
          offset: Number(message.offset),
          key: message.key ?? Buffer.alloc(0),
          value: message.value ?? Buffer.alloc(0),
          headers: Object.entries(message.headers ?? {}).map(([k, v]): Header => [
            k,
            Buffer.isBuffer(v) ? v : Buffer.from(String(v)),
          ]),
        });
      },
    });
    await eventually(
      async () => {
        if (crashed) throw crashed instanceof Error ? crashed : new Error(String(crashed));
        return out.length >= expected;
      },
      20_000,
      `kafkajs consumer reading ${expected} records of ${topic}`,
    );
  } finally {
    await consumer.disconnect();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Assertions shared by the round trips
// ---------------------------------------------------------------------------------------------

/** Offsets of every partition are exactly 0..n-1, in order. */
function expectContiguousFromZero(read: ReadRecord[], what: string): void {
  const byPartition = new Map<number, number[]>();
  for (const r of read) byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), r.offset]);
  for (const [p, offsets] of byPartition) {
    const sorted = [...offsets].sort((a, b) => a - b);
    expect({ what, partition: p, offsets: sorted }).toEqual({
      what,
      partition: p,
      offsets: sorted.map((_, i) => i),
    });
  }
}

/** Same multiset of records, and records with one key all in one partition, in produce order. */
function expectSameRecords(read: ReadRecord[], produced: TestRecord[], what: string): void {
  expect({ what, count: read.length }).toEqual({ what, count: produced.length });
  const readSorted = read.map(canonical).sort();
  const producedSorted = produced.map(canonical).sort();
  const firstDiff = readSorted.findIndex((c, i) => c !== producedSorted[i]);
  expect({ what, firstDiff, read: readSorted[firstDiff], produced: producedSorted[firstDiff] }).toEqual({
    what,
    firstDiff: -1,
    read: undefined,
    produced: undefined,
  });

  const partitionsOfKey = new Map<string, Set<number>>();
  for (const r of read) {
    const k = hex(r.key);
    partitionsOfKey.set(k, (partitionsOfKey.get(k) ?? new Set()).add(r.partition));
  }
  const spread = [...partitionsOfKey].filter(([, ps]) => ps.size > 1).map(([k]) => k);
  expect({ what, keysInSeveralPartitions: spread }).toEqual({ what, keysInSeveralPartitions: [] });

  // Per key, the values come back in the order they were produced (one partition, offset order).
  const inOrder = [...read].sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  const seq = (rs: TestRecord[]): Map<string, string[]> => {
    const m = new Map<string, string[]>();
    for (const r of rs) m.set(hex(r.key), [...(m.get(hex(r.key)) ?? []), hex(r.value)]);
    return m;
  };
  const readSeq = seq(inOrder);
  const producedSeq = seq(produced);
  const outOfOrder = [...producedSeq]
    .filter(([k, vs]) => readSeq.get(k)?.join() !== vs.join())
    .map(([k]) => k);
  expect({ what, keysOutOfOrder: outOfOrder }).toEqual({ what, keysOutOfOrder: [] });
}

/** The two reads saw the same record at every (partition, offset). */
function expectSameView(a: ReadRecord[], b: ReadRecord[], what: string): void {
  const view = (rs: ReadRecord[]): string[] =>
    rs.map((r) => `${r.partition}/${r.offset}/${canonical(r)}`).sort();
  expect({ what, same: view(a).join('\n') === view(b).join('\n') }).toEqual({ what, same: true });
}

/**
 * What each send was acknowledged with is where the records are: the records a send wrote to a
 * partition sit, in send order, from the base offset the broker returned for that partition.
 */
function expectAcknowledgedOffsets(
  sends: SendResult[],
  produced: TestRecord[],
  read: ReadRecord[],
  what: string,
): void {
  const at = new Map(read.map((r) => [`${r.partition}/${r.offset}`, canonical(r)]));
  const partitionOfKey = new Map(read.map((r) => [hex(r.key), r.partition]));
  const mismatches: string[] = [];
  for (const s of sends) {
    const records = produced.slice(s.first, s.first + s.count);
    for (const [p, base] of s.offsets) {
      const mine = records.filter((r) => partitionOfKey.get(hex(r.key)) === p);
      mine.forEach((r, i) => {
        if (at.get(`${p}/${(base ?? 0) + i}`) !== canonical(r)) mismatches.push(`${p}/${(base ?? 0) + i}`);
      });
    }
  }
  expect({ what, mismatches: mismatches.slice(0, 10) }).toEqual({ what, mismatches: [] });
}

// ---------------------------------------------------------------------------------------------
// Raw protocol
// ---------------------------------------------------------------------------------------------

/** One raw connection; `request` sends a frame and resolves with the next response frame. */
class RawConnection {
  private buffer = Buffer.alloc(0);
  private readonly waiting: ((frame: Buffer) => void)[] = [];
  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      while (this.buffer.length >= 4) {
        const size = this.buffer.readInt32BE(0);
        if (this.buffer.length < 4 + size) break;
        const frame = this.buffer.subarray(4, 4 + size);
        this.buffer = this.buffer.subarray(4 + size);
        this.waiting.shift()?.(frame);
      }
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  request(frame: Buffer, timeoutMs = 15_000): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no response')), timeoutMs);
      this.waiting.push((f) => {
        clearTimeout(timer);
        resolve(f);
      });
      this.socket.write(frame);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

function produceFrame(correlationId: number, topic: string, batch: Buffer): Buffer {
  return encodeRequest(
    { apiKey: ApiKey.Produce, apiVersion: 7, correlationId, clientId: 'raw-producer' },
    {
      transactionalId: null,
      acks: 1,
      timeoutMs: 5000,
      topicData: [{ name: topic, partitionData: [{ index: 0, records: batch }] }],
    },
  );
}

async function rawProduce(
  conn: RawConnection,
  correlationId: number,
  topic: string,
  batch: Buffer,
): Promise<{ errorCode: number; baseOffset: bigint; logAppendTimeMs: bigint; logStartOffset: bigint }> {
  const frame = await conn.request(produceFrame(correlationId, topic, batch));
  const { body } = decodeResponse(ApiKey.Produce, 7, frame);
  const p = body.responses[0]?.partitionResponses[0];
  if (!p) throw new Error('empty produce response');
  return {
    errorCode: p.errorCode,
    baseOffset: p.baseOffset,
    logAppendTimeMs: p.logAppendTimeMs,
    logStartOffset: p.logStartOffset,
  };
}

// ---------------------------------------------------------------------------------------------
// Segment files
// ---------------------------------------------------------------------------------------------

interface BatchPosition {
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
}

function batchesInFile(file: string): BatchPosition[] {
  const buf = fs.readFileSync(file);
  const out: BatchPosition[] = [];
  let pos = 0;
  while (pos + RECORD_BATCH_OVERHEAD <= buf.length) {
    const h = readBatchHeader(buf, pos);
    if (pos + h.sizeInBytes > buf.length) break;
    out.push({
      position: pos,
      size: h.sizeInBytes,
      baseOffset: Number(h.baseOffset),
      lastOffset: Number(h.lastOffset),
    });
    pos += h.sizeInBytes;
  }
  return out;
}

/** Base offsets of the segments (`<20 digits>.log`, not `.deleted`) in a partition directory. */
function segmentBases(dir: string): number[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{20}\.log$/.test(f))
    .map((f) => Number(f.slice(0, 20)))
    .sort((a, b) => a - b);
}

/** Every file named after a segment base offset (log, indexes, `.deleted` leftovers). */
function filesOfBase(dir: string, base: number): string[] {
  const prefix = String(base).padStart(20, '0');
  return fs.readdirSync(dir).filter((f) => f.startsWith(`${prefix}.`));
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---------------------------------------------------------------------------------------------

describe('data plane, one broker', () => {
  let zkConnect: string;
  let zk: ZooKeeperClient;
  let broker: BrokerProcess;
  let bootstrap: string;
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    zkConnect = freshZkConnect();
    broker = await startBroker({ brokerId: 0, zkConnect, props: BROKER_PROPS });
    bootstrap = `localhost:${broker.port}`;
    zk = await zkInspector(zkConnect);
    const kafka = newKafka(bootstrap, 'data-plane-test');
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    await stopAllBrokers();
    await zk?.close();
    removeScratch();
  });

  /** kill -9, wait for the registration to expire, start again on the same port and log dir. */
  async function crashAndRestart(beforeRestart: () => void = () => undefined): Promise<BrokerProcess> {
    await producer.disconnect();
    await admin.disconnect();
    broker.kill('SIGKILL');
    await broker.waitForExit(10_000);
    beforeRestart();
    await eventually(
      async () => (await zk.exists('/brokers/ids/0')) === null,
      20_000,
      'old registration gone',
    );
    broker = await startBroker({
      brokerId: 0,
      zkConnect,
      port: broker.port,
      logDir: broker.logDir,
      props: BROKER_PROPS,
    });
    await admin.connect();
    await producer.connect();
    // Like Kafka, a restarted broker serves a topic's metadata once the controller has sent it.
    for (const topic of (await zk.getChildren('/brokers/topics')) ?? []) {
      const node = await zk.getData(`/brokers/topics/${topic}`);
      const json = JSON.parse(node?.data?.toString() ?? '{}') as { partitions?: Record<string, number[]> };
      await waitForLeaders(bootstrap, topic, Object.keys(json.partitions ?? {}).length);
    }
    return broker;
  }

  /** What kcat read from each topic when its test ended: checked again after the unclean restarts. */
  const lastRead = new Map<string, ReadRecord[]>();
  /** ListOffsets-by-timestamp answers of the time-index test (kafkajs view), checked again likewise. */
  let timestampAnswers: { topic: string; offsets: Record<string, number>; targets: number[] } | null = null;

  async function highAndLow(topic: string): Promise<{ high: number; low: number }[]> {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets
      .sort((a, b) => a.partition - b.partition)
      .map((o) => ({ high: Number(o.high), low: Number(o.low) }));
  }

  // -------------------------------------------------------------------------------------------
  describe.each([
    { client: 'kafkajs', binary: true },
    { client: 'kcat', binary: false },
    { client: 'kafka-python', binary: true },
    { client: 'platformatic', binary: true },
  ])('round trip of 10,000 keyed records with headers: $client', ({ client, binary }) => {
    const topic = `round-trip-${client}`;
    const produced = makeRecords(client, 10_000, binary);
    let sends: SendResult[] | null = null;
    let viaKcat: ReadRecord[] = [];

    beforeAll(async () => {
      await createTopic(zkConnect, topic, 4);
      await waitForLeaders(bootstrap, topic, 4);
    });

    it(`produces them with ${client} and kcat reads them back byte for byte`, async () => {
      if (client === 'kafkajs') sends = await kafkajsProduce(bootstrap, topic, produced);
      else if (client === 'platformatic') sends = await platformaticProduce(bootstrap, topic, produced);
      else if (client === 'kafka-python') {
        const meta = await pythonProduce(bootstrap, topic, produced);
        sends = meta.map(([p, o], i) => ({ first: i, count: 1, offsets: [[p ?? -1, o ?? -1]] }));
      } else {
        const headers: Header[] = [
          ['client', Buffer.from('kcat')],
          ['run', Buffer.from('data-plane')],
        ];
        for (const r of produced) r.headers = headers;
        await kcatProduce(bootstrap, topic, produced, headers);
      }
      viaKcat = await kcatConsume(bootstrap, topic);
      expectSameRecords(viaKcat, produced, `${client} -> kcat`);
      expectContiguousFromZero(viaKcat, `${client} -> kcat`);
      expect(new Set(viaKcat.map((r) => r.partition)).size).toBeGreaterThan(1);
      if (sends) expectAcknowledgedOffsets(sends, produced, viaKcat, `${client} acknowledgements`);
      lastRead.set(topic, viaKcat);
    });

    it(`reads them back with ${client} itself`, async () => {
      expect(viaKcat.length).toBe(produced.length); // the produce test passed
      let read: ReadRecord[];
      if (client === 'kafkajs') read = await kafkajsConsume(bootstrap, topic, produced.length);
      else if (client === 'platformatic') read = await platformaticConsume(bootstrap, topic);
      else if (client === 'kafka-python') read = await pythonConsume(bootstrap, topic);
      else read = await kcatConsume(bootstrap, topic);
      expectSameRecords(read, produced, `${client} -> ${client}`);
      expectContiguousFromZero(read, `${client} -> ${client}`);
      expectSameView(read, viaKcat, `${client} and kcat agree on every offset`);
    });
  });

  // -------------------------------------------------------------------------------------------
  it('lays each partition directory out as Kafka 2.8 does, partition.metadata with the topic id included', async () => {
    const topic = 'round-trip-kcat';
    const node = await zk.getData(`/brokers/topics/${topic}`);
    const topicId = (JSON.parse(node?.data?.toString() ?? '{}') as { topic_id?: string }).topic_id;
    expect(topicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    for (let p = 0; p < 4; p++) {
      const dir = path.join(broker.logDir, `${topic}-${p}`);
      const files = fs.readdirSync(dir).sort();
      expect({ p, files }).toEqual({
        p,
        files: [
          '00000000000000000000.index',
          '00000000000000000000.log',
          '00000000000000000000.timeindex',
          'leader-epoch-checkpoint',
          'partition.metadata',
        ],
      });
      // PartitionMetadataFile: "version: 0\ntopic_id: <id>", written when LeaderAndIsr carries the id.
      expect(fs.readFileSync(path.join(dir, 'partition.metadata'), 'utf8')).toMatch(
        new RegExp(`^version: 0\ntopic_id: ${escapeRegExp(topicId ?? '')}\n?$`),
      );
      expect(fs.readFileSync(path.join(dir, 'leader-epoch-checkpoint'), 'utf8')).toBe('0\n1\n0 0\n');
      expect(fs.statSync(path.join(dir, '00000000000000000000.index')).size).toBe(10485760);
    }
  });

  // -------------------------------------------------------------------------------------------
  it('ListOffsets by timestamp returns the first offset at or after the timestamp (time index)', async () => {
    const topic = 'by-timestamp';
    // Small segments and index interval: the lookup crosses segments and uses sparse index entries.
    await createTopic(zkConnect, topic, 1, { 'segment.bytes': 4096, 'index.interval.bytes': 256 });
    await waitForLeaders(bootstrap, topic, 1);
    const t0 = Date.now() - 3_600_000;
    // Pairs of records share a timestamp; batches of 10 records, so lookups also land inside batches.
    const timestamps = Array.from({ length: 300 }, (_, i) => t0 + Math.floor(i / 2) * 100);
    for (let i = 0; i < timestamps.length; i += 10) {
      await producer.send({
        topic,
        acks: -1,
        messages: timestamps.slice(i, i + 10).map((ts, j) => ({
          key: `k${i + j}`,
          value: `value-${i + j}-${'x'.repeat(40)}`,
          timestamp: String(ts),
        })),
      });
    }
    const dir = path.join(broker.logDir, `${topic}-0`);
    expect(segmentBases(dir).length).toBeGreaterThan(2);

    const expected = (target: number): number => {
      const i = timestamps.findIndex((ts) => ts >= target);
      return i < 0 ? timestamps.length : i; // kafkajs answers the high watermark when none is later
    };
    const targets = [
      0,
      t0 - 10_000,
      t0,
      t0 + 1,
      t0 + 100 * 37,
      t0 + 100 * 37 + 50,
      t0 + 100 * 75,
      t0 + 100 * 123 - 1,
      t0 + 100 * 149,
      t0 + 100 * 149 + 1,
    ];
    const label = (target: number): string => `t0${target - t0 >= 0 ? '+' : ''}${target - t0}`;
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const target of targets) {
      const [res] = await admin.fetchTopicOffsetsByTimestamp(topic, target);
      got[label(target)] = Number(res?.offset);
      want[label(target)] = expected(target);
    }
    expect({ client: 'kafkajs', offsets: got }).toEqual({ client: 'kafkajs', offsets: want });
    timestampAnswers = { topic, offsets: want, targets };
    lastRead.set(topic, await kcatConsume(bootstrap, topic));

    // On the wire the answer is -1 when no record is that late (kafkajs replaces it by the high watermark).
    const wire = (target: number): number => {
      const e = expected(target);
      return e === timestamps.length ? -1 : e;
    };
    const viaKcat: Record<string, number> = {};
    for (const target of targets) {
      const { stdout } = await run(KCAT, ['-b', bootstrap, '-Q', '-J', '-t', `${topic}:0:${target}`], {
        timeout: 15_000,
      });
      const json = JSON.parse(stdout) as Record<string, Record<string, { offset?: number }>>;
      viaKcat[label(target)] = Number(json[topic]?.['0']?.offset);
    }
    const { stdout } = await run(
      PYTHON,
      [
        '-c',
        `
import json, sys
from kafka import KafkaConsumer, TopicPartition
c = KafkaConsumer(bootstrap_servers=sys.argv[1].split(','), client_id='py-times')
tp = TopicPartition(sys.argv[2], 0)
out = []
for t in json.loads(sys.argv[3]):
    r = c.offsets_for_times({tp: t})[tp]
    out.append(-1 if r is None else r.offset)
print(json.dumps(out))
c.close()
`,
        bootstrap,
        topic,
        JSON.stringify(targets),
      ],
      { timeout: 60_000 },
    );
    const viaPython = Object.fromEntries(
      (JSON.parse(stdout) as number[]).map((o, i) => [label(targets[i] ?? 0), o]),
    );
    const wireWant = Object.fromEntries(targets.map((t) => [label(t), wire(t)]));
    expect({ client: 'kcat', offsets: viaKcat }).toEqual({ client: 'kcat', offsets: wireWant });
    expect({ client: 'kafka-python', offsets: viaPython }).toEqual({
      client: 'kafka-python',
      offsets: wireWant,
    });
  });

  // -------------------------------------------------------------------------------------------
  it('retention by size deletes whole old segments; earliest offsets and consumers follow', async () => {
    const topic = 'retention-size';
    await createTopic(zkConnect, topic, 1, {
      'segment.bytes': 2048,
      'retention.bytes': 6144,
      'file.delete.delay.ms': 500,
    });
    await waitForLeaders(bootstrap, topic, 1);
    const dir = path.join(broker.logDir, `${topic}-0`);
    for (let i = 0; i < 60; i++) {
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: `k${i}`, value: `${i}:${'s'.repeat(400)}` }],
      });
    }
    // Retention runs every second (its first run is 30 s after the broker started, as in Kafka).
    const size = (): number =>
      segmentBases(dir).reduce(
        (sum, b) => sum + fs.statSync(path.join(dir, `${String(b).padStart(20, '0')}.log`)).size,
        0,
      );
    // Kafka deletes the oldest segments while the log stays at or above retention.bytes without them.
    const logStart = await eventually(
      async () => {
        const [o] = await highAndLow(topic);
        return o && o.low > 0 && size() < 6144 + 2048 ? o.low : null;
      },
      45_000,
      'log start offset to move',
    );
    const bases = segmentBases(dir);
    expect(bases[0]).toBe(logStart);
    expect(size()).toBeGreaterThanOrEqual(6144);
    // The deleted segments' files (renamed .deleted) are removed after file.delete.delay.ms.
    await eventually(
      async () =>
        fs.readdirSync(dir).every((f) => !/^\d{20}\./.test(f) || Number(f.slice(0, 20)) >= logStart),
      10_000,
      'old segment files removed',
    );
    expect(filesOfBase(dir, 0)).toEqual([]);
    await expectEverythingStartsAt(topic, logStart, 60);
  });

  it('retention by time deletes the segments whose records are all older than retention.ms', async () => {
    const topic = 'retention-time';
    await createTopic(zkConnect, topic, 1, {
      'segment.bytes': 2048,
      'retention.ms': 3_600_000,
      'file.delete.delay.ms': 500,
    });
    await waitForLeaders(bootstrap, topic, 1);
    const dir = path.join(broker.logDir, `${topic}-0`);
    const old = Date.now() - 2 * 3_600_000;
    // 30 records two hours old, then 30 fresh ones; one record per batch.
    for (let i = 0; i < 60; i++) {
      const timestamp = String(i < 30 ? old + i : Date.now());
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: `k${i}`, value: `${i}:${'t'.repeat(400)}`, timestamp }],
      });
    }
    const logStart = await eventually(
      async () => {
        const [o] = await highAndLow(topic);
        return o && o.low > 0 ? o.low : null;
      },
      45_000,
      'log start offset to move',
    );
    const bases = segmentBases(dir);
    expect(bases[0]).toBe(logStart);
    // Only whole segments of old records went: the first kept segment holds a fresh record.
    expect(logStart).toBeLessThanOrEqual(30);
    const nextBase = bases[1] ?? 60;
    expect(nextBase).toBeGreaterThan(30);
    await eventually(
      async () =>
        fs.readdirSync(dir).every((f) => !/^\d{20}\./.test(f) || Number(f.slice(0, 20)) >= logStart),
      10_000,
      'old segment files removed',
    );
    await expectEverythingStartsAt(topic, logStart, 60);
  });

  /** Earliest offsets, timestamp lookups and consumers from the beginning all start at `logStart`. */
  async function expectEverythingStartsAt(topic: string, logStart: number, end: number): Promise<void> {
    expect(await highAndLow(topic)).toEqual([{ high: end, low: logStart }]);
    const [byTs] = await admin.fetchTopicOffsetsByTimestamp(topic, 0);
    expect(Number(byTs?.offset)).toBe(logStart);
    const viaKcat = await kcatConsume(bootstrap, topic);
    expect(viaKcat.map((r) => r.offset)).toEqual(
      Array.from({ length: end - logStart }, (_, i) => logStart + i),
    );
    expect(viaKcat[0]?.value.toString().split(':')[0]).toBe(String(logStart));
    const viaPython = await pythonConsume(bootstrap, topic);
    expect(viaPython[0]?.offset).toBe(logStart);
    expect(viaPython.length).toBe(end - logStart);
    lastRead.set(topic, viaKcat);
  }

  // -------------------------------------------------------------------------------------------
  it('refuses a produced batch with a bad CRC with CORRUPT_MESSAGE and leaves the log alone', async () => {
    const topic = 'corrupt-in';
    await createTopic(zkConnect, topic, 1);
    await waitForLeaders(bootstrap, topic, 1);
    await producer.send({ topic, acks: -1, messages: [1, 2, 3].map((i) => ({ value: `ok-${i}` })) });
    const logFile = path.join(broker.logDir, `${topic}-0`, '00000000000000000000.log');
    const sizeBefore = fs.statSync(logFile).size;
    expect(await highAndLow(topic)).toEqual([{ high: 3, low: 0 }]);

    const conn = await RawConnection.open(broker.port);
    try {
      const batch = buildRecordBatch({
        baseTimestamp: BigInt(Date.now()),
        records: [{ key: 'k', value: 'a value that will be damaged' }, { value: 'second' }],
      });
      const at = batch.length - 3; // a byte of the last record: covered by the CRC
      batch.writeUInt8((batch.readUInt8(at) ^ 0xff) & 0xff, at);
      // Kafka answers a failed append with LogAppendInfo.UnknownLogAppendInfo: every field -1.
      expect(await rawProduce(conn, 1, topic, batch)).toEqual({
        errorCode: ErrorCode.CORRUPT_MESSAGE,
        baseOffset: -1n,
        logAppendTimeMs: -1n,
        logStartOffset: -1n,
      });
      expect(await highAndLow(topic)).toEqual([{ high: 3, low: 0 }]);
      expect(fs.statSync(logFile).size).toBe(sizeBefore);

      // The same connection still works, and the next good batch takes offset 3.
      const good = buildRecordBatch({ baseTimestamp: BigInt(Date.now()), records: [{ value: 'ok-4' }] });
      expect(await rawProduce(conn, 2, topic, good)).toEqual({
        errorCode: ErrorCode.NONE,
        baseOffset: 3n,
        logAppendTimeMs: -1n,
        logStartOffset: 0n,
      });
    } finally {
      conn.close();
    }
    const read = await kcatConsume(bootstrap, topic);
    expect(read.map((r) => r.value.toString())).toEqual(['ok-1', 'ok-2', 'ok-3', 'ok-4']);
    lastRead.set(topic, read);
  });

  // -------------------------------------------------------------------------------------------
  it('long-polls a raw Fetch: a record produced while it waits arrives well before maxWait', async () => {
    const topic = 'long-poll-raw';
    await createTopic(zkConnect, topic, 1);
    await waitForLeaders(bootstrap, topic, 1);
    const conn = await RawConnection.open(broker.port);
    try {
      const sentAt = Date.now();
      const response = conn.request(
        encodeRequest(
          { apiKey: ApiKey.Fetch, apiVersion: 11, correlationId: 7, clientId: 'raw-consumer' },
          {
            replicaId: -1,
            maxWaitMs: 5000,
            minBytes: 1,
            maxBytes: 1 << 20,
            isolationLevel: 0,
            sessionId: 0,
            sessionEpoch: -1,
            topics: [
              {
                topic,
                partitions: [
                  {
                    partition: 0,
                    currentLeaderEpoch: -1,
                    fetchOffset: 0n,
                    logStartOffset: -1n,
                    partitionMaxBytes: 1 << 20,
                  },
                ],
              },
            ],
            forgottenTopicsData: [],
            rackId: '',
          },
        ),
        10_000,
      );
      let answeredAt = 0;
      void response.then(() => (answeredAt = Date.now()));
      await sleep(1500);
      expect(answeredAt).toBe(0); // still parked in the fetch purgatory
      const producedAt = Date.now();
      await producer.send({ topic, acks: 1, messages: [{ value: 'wake up' }] });
      const frame = await response;
      const latency = Date.now() - producedAt;
      const { body } = decodeResponse(ApiKey.Fetch, 11, frame);
      const part = body.responses[0]?.partitions[0];
      expect(part?.errorCode).toBe(ErrorCode.NONE);
      const { records } = decodeRecords(part?.records ?? Buffer.alloc(0));
      expect(records.map((r) => r.value?.toString())).toEqual(['wake up']);
      expect(latency).toBeLessThan(1000);
      expect(answeredAt - sentAt).toBeGreaterThanOrEqual(1500);
    } finally {
      conn.close();
    }
  });

  it('long-polls a kafkajs consumer (maxWaitTimeInMs 5000): a new record arrives in well under 1 s', async () => {
    const topic = 'long-poll-kafkajs';
    await createTopic(zkConnect, topic, 1);
    await waitForLeaders(bootstrap, topic, 1);
    const consumer = newKafka(bootstrap, 'long-poll-consumer').consumer({
      groupId: 'long-poll-group',
      maxWaitTimeInMs: 5000,
    });
    let receivedAt = 0;
    let fetchStarted = 0;
    let crashed: unknown = null;
    consumer.on(consumer.events.FETCH_START, () => {
      if (fetchStarted === 0) fetchStarted = Date.now();
    });
    consumer.on(consumer.events.CRASH, (e) => {
      crashed = e.payload.error;
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async () => {
          if (receivedAt === 0) receivedAt = Date.now();
        },
      });
      await eventually(
        async () => {
          if (crashed) throw crashed instanceof Error ? crashed : new Error(String(crashed));
          return fetchStarted > 0;
        },
        15_000,
        'the consumer to start fetching',
      );
      await sleep(1000); // its fetch is now waiting in the broker
      const producedAt = Date.now();
      await producer.send({ topic, acks: 1, messages: [{ value: 'ping' }] });
      await eventually(async () => receivedAt > 0, 10_000, 'the record to arrive');
      expect(receivedAt - producedAt).toBeLessThan(1000);
    } finally {
      await consumer.disconnect();
    }
  });

  // -------------------------------------------------------------------------------------------
  it('kill -9 during acks=1 produce: every acknowledged record survives, offsets continue, recovery is logged', async () => {
    const topic = 'crash-acks1';
    // Small segments: the log rolls (and flushes in the background) while the producer runs.
    await createTopic(zkConnect, topic, 2, { 'segment.bytes': 65536 });
    await waitForLeaders(bootstrap, topic, 2);
    // A kafkajs producer in its own process, logging each acknowledged send: which records, and the
    // base offset the broker gave each partition. Record n goes to partition n % 2.
    const child: ChildProcess = spawn(
      process.execPath,
      [
        '-e',
        `
        const { Kafka, logLevel } = require(process.argv[1]);
        const [, , broker, topic] = process.argv;
        const kafka = new Kafka({ clientId: 'crash-producer', brokers: [broker], logLevel: logLevel.NOTHING,
          retry: { retries: 0 }, connectionTimeout: 1000, requestTimeout: 5000 });
        const producer = kafka.producer({ retry: { retries: 0 }, allowAutoTopicCreation: false });
        (async () => {
          await producer.connect();
          for (let next = 0; ; ) {
            const first = next;
            const messages = [];
            for (let j = 0; j < 50; j++, next++) {
              messages.push({ partition: next % 2, key: 'k' + next, value: 'crash-' + next + '-' + 'x'.repeat(next % 61),
                headers: { n: String(next) } });
            }
            try {
              const res = await producer.send({ topic, acks: 1, messages });
              process.stdout.write(JSON.stringify({ first, count: 50,
                offsets: res.map((r) => [r.partition, Number(r.baseOffset)]) }) + '\\n');
            } catch (e) {
              process.stdout.write(JSON.stringify({ first, error: String(e && e.message) }) + '\\n');
              await new Promise((r) => setTimeout(r, 100));
            }
          }
        })();
        `,
        KAFKAJS,
        bootstrap,
        topic,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let errOut = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (errOut += d.toString()));
    const acked = (): SendResult[] =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as SendResult & { error?: string })
        .filter((s) => s.error === undefined);
    let sends: SendResult[];
    try {
      await eventually(
        async () => {
          if (child.exitCode !== null) throw new Error(`producer exited: ${errOut}`);
          return acked().length >= 60;
        },
        30_000,
        'the producer to get going',
      );
      await crashAndRestart(() => {
        child.kill('SIGKILL');
      });
      sends = acked();
    } finally {
      child.kill('SIGKILL');
    }

    const logDir = escapeRegExp(path.resolve(broker.logDir));
    expect(broker.output).toMatch(
      new RegExp(`Attempting recovery for all logs in ${logDir} since no clean shutdown file was found`),
    );
    expect(broker.output).toMatch(
      new RegExp(`\\[Log partition=${topic}-[01], dir=${logDir}\\] Recovering unflushed segment \\d+`),
    );

    const expectedAt = new Map<string, string>();
    for (const s of sends) {
      for (const [p, base] of s.offsets) {
        let k = 0;
        for (let n = s.first; n < s.first + s.count; n++) {
          if (n % 2 !== p) continue;
          expectedAt.set(`${p}/${(base ?? 0) + k}`, `crash-${n}-${'x'.repeat(n % 61)}`);
          k++;
        }
      }
    }
    const read = await kcatConsume(bootstrap, topic);
    expectContiguousFromZero(read, 'after the crash');
    const at = new Map(read.map((r) => [`${r.partition}/${r.offset}`, r.value.toString()]));
    const missing = [...expectedAt].filter(([pos, v]) => at.get(pos) !== v).map(([pos]) => pos);
    expect({ acknowledged: expectedAt.size, missing: missing.slice(0, 10) }).toEqual({
      acknowledged: expectedAt.size,
      missing: [],
    });
    expect(expectedAt.size).toBeGreaterThanOrEqual(60 * 50);
    expect(segmentBases(path.join(broker.logDir, `${topic}-0`)).length).toBeGreaterThan(1);

    // Offsets continue where the recovered log ends, without gaps or repeats.
    const ends = await highAndLow(topic);
    const res = await producer.send({
      topic,
      acks: -1,
      messages: [0, 1].flatMap((p) => [1, 2, 3].map((i) => ({ partition: p, value: `after-${p}-${i}` }))),
    });
    for (const r of res) expect(Number(r.baseOffset)).toBe(ends[r.partition]?.high);
    const after = await kcatConsume(bootstrap, topic);
    expectContiguousFromZero(after, 'after the crash and more produce');
    expect(after.length).toBe(read.length + 6);
  });

  // -------------------------------------------------------------------------------------------
  it('truncates a corrupted last batch of a segment on restart; earlier batches stay, produce continues', async () => {
    const topic = 'corrupt-tail';
    await createTopic(zkConnect, topic, 1);
    await waitForLeaders(bootstrap, topic, 1);
    for (let b = 0; b < 5; b++) {
      await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${b}`, value: `batch-${b}-record-${i}` })),
      });
    }
    const logFile = path.join(broker.logDir, `${topic}-0`, '00000000000000000000.log');
    let last: BatchPosition | undefined;
    await crashAndRestart(() => {
      const batches = batchesInFile(logFile);
      expect(batches.map((b) => b.baseOffset)).toEqual([0, 10, 20, 30, 40]);
      last = batches[4];
      if (!last) throw new Error('no last batch');
      const fd = fs.openSync(logFile, 'r+');
      try {
        // A byte inside the last batch's records (after its 61-byte header): the CRC no longer matches.
        const at = last.position + RECORD_BATCH_OVERHEAD + 20;
        const b = Buffer.alloc(1);
        fs.readSync(fd, b, 0, 1, at);
        b[0] = (b[0] ?? 0) ^ 0x5a;
        fs.writeSync(fd, b, 0, 1, at);
      } finally {
        fs.closeSync(fd);
      }
    });
    expect(fs.statSync(logFile).size).toBe(last?.position);
    expect(batchesInFile(logFile).map((b) => b.baseOffset)).toEqual([0, 10, 20, 30]);
    expect(await highAndLow(topic)).toEqual([{ high: 40, low: 0 }]);
    const read = await kcatConsume(bootstrap, topic);
    expect(read.map((r) => r.value.toString())).toEqual(
      Array.from({ length: 40 }, (_, n) => `batch-${Math.floor(n / 10)}-record-${n % 10}`),
    );
    const [res] = await producer.send({ topic, acks: -1, messages: [{ value: 'after-truncation' }] });
    expect(Number(res?.baseOffset)).toBe(40);
    const after = await kcatConsume(bootstrap, topic);
    expect(after.map((r) => r.offset)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    expect(after[40]?.value.toString()).toBe('after-truncation');
  });

  // -------------------------------------------------------------------------------------------
  it('after the unclean restarts every other log reads back as before (indexes rebuilt, nothing lost)', async () => {
    expect(broker.output).toMatch(
      /Attempting recovery for all logs in .* since no clean shutdown file was found/,
    );
    const changed: string[] = [];
    for (const [topic, before] of lastRead) {
      const now = await kcatConsume(bootstrap, topic);
      const view = (rs: ReadRecord[]): string =>
        rs
          .map((r) => `${r.partition}/${r.offset}/${canonical(r)}`)
          .sort()
          .join('\n');
      if (view(now) !== view(before)) changed.push(`${topic}: ${before.length} -> ${now.length} records`);
    }
    expect(changed).toEqual([]);
    expect(lastRead.size).toBeGreaterThanOrEqual(4);
    if (timestampAnswers) {
      const { topic, offsets, targets } = timestampAnswers;
      const got: Record<string, number> = {};
      for (const [i, target] of targets.entries()) {
        const [res] = await admin.fetchTopicOffsetsByTimestamp(topic, target);
        got[Object.keys(offsets)[i] ?? String(i)] = Number(res?.offset);
      }
      expect(got).toEqual(offsets);
    }
  });
});
