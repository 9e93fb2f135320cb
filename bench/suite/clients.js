'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node directly */
/**
 * The clients the suite drives, each run as its own process under runMeasured (wall time and exact
 * client CPU): kcat producing from a file and consuming to a byte counter, the project's own
 * kafka-producer-perf-test / kafka-consumer-perf-test (kafkajs), the null sink (librdkafka's mock
 * cluster, bench/native/mock-sink), dd (the disk anchor) and the W4 latency client
 * (bench/native/e2e-latency). Each returns plain numbers for the JSON lines.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { setTimeout: sleep } = require('node:timers/promises');
const { Buffer } = require('node:buffer');
const { runMeasured, waitFor } = require('./proc');
const { REPO, KCAT, stopPid } = require('./cluster');

const DIST = path.join(REPO, 'dist', 'cli');
const MiB = 1024 * 1024;

/** Writes `count` lines of `size` bytes (no newline in the payload) for kcat -l. */
function writeRecordsFile(file, count, size) {
  const fd = fs.openSync(file, 'w');
  const line = Buffer.alloc(size + 1);
  const perChunk = Math.max(1, Math.floor((4 * MiB) / (size + 1)));
  const chunk = Buffer.alloc(perChunk * (size + 1));
  let written = 0;
  while (written < count) {
    const n = Math.min(perChunk, count - written);
    for (let i = 0; i < n; i++) {
      const id = String(written + i).padStart(12, '0');
      for (let j = 0; j < size; j++) line[j] = j < 12 ? id.charCodeAt(j) : 65 + ((j * 7 + i) % 26);
      line[size] = 10;
      line.copy(chunk, i * (size + 1));
    }
    fs.writeSync(fd, chunk, 0, n * (size + 1));
    written += n;
  }
  fs.closeSync(fd);
}

/** dd 2 GiB of zeros in 1 MiB blocks, buffered (no fdatasync), to the work dir: MiB/s. */
async function diskAnchor(workDir, mib) {
  spawnSync('sync'); // start from a clean page cache, as every broker run does (measure.js)
  const file = path.join(workDir, 'dd-anchor.tmp');
  const r = await runMeasured('dd', ['if=/dev/zero', `of=${file}`, 'bs=1M', `count=${mib}`]);
  fs.rmSync(file, { force: true });
  const m = /copied, ([\d.]+) s/.exec(r.stderr);
  if (r.code !== 0 || !m) throw new Error(`dd failed: ${r.stderr}`);
  return { mibPerSec: mib / Number(m[1]), seconds: Number(m[1]) };
}

/** kcat -P from a file of records: wall-clock throughput and client CPU. */
async function kcatProduce(bootstrap, topic, file, { acks, extra = [] }) {
  const r = await runMeasured(KCAT, [
    '-b',
    bootstrap,
    '-P',
    '-t',
    topic,
    '-X',
    'linger.ms=5',
    '-X',
    'batch.size=1000000',
    '-X',
    `acks=${acks}`,
    ...extra,
    '-l',
    file,
  ]);
  if (r.code !== 0) throw new Error(`kcat -P exited ${r.code}: ${r.stderr.slice(-2000)}`);
  return { seconds: r.wallMs / 1000, clientCpuSeconds: r.cpuSeconds };
}

/**
 * kcat -C from the beginning until `count` records (-c; -e as a guard against a short topic), one
 * '.' per record so they can be counted. -c rather than -e alone: the end of a partition is only
 * seen after an empty fetch, which the broker holds for fetch.wait.max.ms (500 ms).
 */
async function kcatConsume(bootstrap, topic, count) {
  const r = await runMeasured(
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
      '-c',
      String(count),
      '-q',
      '-f',
      '.',
      '-X',
      'fetch.max.bytes=52428800',
      '-X',
      'max.partition.fetch.bytes=8388608',
      '-X',
      'receive.message.max.bytes=100000000',
      // librdkafka stops fetching a partition while 100,000 messages wait in its local queue (the
      // default queued.min.messages): with 100 B records that is a stop-and-go of 10 MB per
      // partition, and kcat, not the broker, sets the pace. A throughput test raises it.
      '-X',
      'queued.min.messages=1000000',
    ],
    { keepStdout: false },
  );
  if (r.code !== 0) throw new Error(`kcat -C exited ${r.code}: ${r.stderr.slice(-2000)}`);
  return { records: r.stdoutBytes, seconds: r.wallMs / 1000, clientCpuSeconds: r.cpuSeconds };
}

const PRODUCER_SUMMARY =
  /^(\d+) records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\), ([\d.]+|NaN) ms avg latency, ([\d.]+) ms max latency, (\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th\.$/m;

/** kafka-producer-perf-test (kafkajs: 1000 records per send, 4 sends in flight). */
async function kafkajsProduce(bootstrap, topic, records, size, acks) {
  const r = await runMeasured(process.execPath, [
    path.join(DIST, 'kafka-producer-perf-test.js'),
    '--topic',
    topic,
    '--num-records',
    String(records),
    '--record-size',
    String(size),
    '--throughput',
    '-1',
    '--producer-props',
    `bootstrap.servers=${bootstrap}`,
    `acks=${acks}`,
    'linger.ms=5',
    'batch.size=1000000',
  ]);
  const m = PRODUCER_SUMMARY.exec(r.stdout);
  if (r.code !== 0 || !m)
    throw new Error(
      `kafka-producer-perf-test failed (${r.code}): ${r.stdout.slice(-1000)}${r.stderr.slice(-2000)}`,
    );
  return {
    records: Number(m[1]),
    recPerSec: Number(m[2]),
    seconds: Number(m[1]) / Number(m[2]),
    avgLatencyMs: Number(m[4]),
    p99LatencyMs: Number(m[8]),
    clientCpuSeconds: r.cpuSeconds,
    wallSeconds: r.wallMs / 1000,
  };
}

/** kafka-consumer-perf-test (kafkajs, group-less unless `group` is given). */
async function kafkajsConsume(bootstrap, topic, messages, { group, timeoutMs = 10000 } = {}) {
  const args = [
    path.join(DIST, 'kafka-consumer-perf-test.js'),
    '--bootstrap-server',
    bootstrap,
    '--topic',
    topic,
    '--messages',
    String(messages),
    '--fetch-size',
    '8388608',
    '--timeout',
    String(timeoutMs),
    '--hide-header',
  ];
  if (group) args.push('--group', group);
  const r = await runMeasured(process.execPath, args);
  const line = r.stdout.trim().split('\n').pop() || '';
  const f = line.split(', ');
  if (r.code !== 0 || f.length !== 10)
    throw new Error(`kafka-consumer-perf-test failed (${r.code}): ${r.stdout}${r.stderr.slice(-2000)}`);
  return {
    records: Number(f[4]),
    recPerSec: Number(f[5]),
    seconds: Number(f[4]) / Number(f[5]),
    rebalanceMs: Number(f[6]),
    clientCpuSeconds: r.cpuSeconds,
    wallSeconds: r.wallMs / 1000,
    timedOut: /WARNING: Exiting before/.test(r.stdout),
  };
}

const NATIVE = path.join(REPO, 'bench', 'native');
const NATIVE_BIN = path.join(NATIVE, 'bin');

/** Builds the C programs of bench/native (librdkafka's mock cluster and the W4 latency client). */
function buildNative() {
  const r = spawnSync('bash', [path.join(NATIVE, 'build.sh'), NATIVE_BIN], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bench/native/build.sh failed: ${r.stdout}${r.stderr}`);
}

/**
 * The null sink: librdkafka's mock cluster (bench/native/mock-sink.c, one broker) with the topic
 * created, as a separate process. It keeps only the newest ~5 MiB of each partition in memory.
 */
async function startNullSink(topic, partitions) {
  const child = spawn(path.join(NATIVE_BIN, 'mock-sink'), ['1', `${topic}:${partitions}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d.toString('utf8')));
  await waitFor('the mock-cluster null sink', 20000, () => /^bootstrap \S+/m.test(out));
  return {
    pid: child.pid,
    bootstrap: /^bootstrap (\S+)/m.exec(out)[1],
    async stop() {
      await stopPid(child.pid, 5000);
      await sleep(50);
    },
  };
}

/**
 * W4: bench/native/e2e-latency (librdkafka producer and consumer in one process, linger.ms=0),
 * records on a fixed timetable, latency from each record's scheduled time; the first
 * `warmupSeconds` are left out of the percentiles.
 */
async function endToEnd(bootstrap, topic, { rate, size, seconds, warmupSeconds, acks }) {
  const r = await runMeasured(
    path.join(NATIVE_BIN, 'e2e-latency'),
    [bootstrap, topic, String(rate), String(size), String(seconds), String(warmupSeconds), String(acks)],
    { timeoutMs: (seconds + 120) * 1000 },
  );
  if (r.code !== 0) throw new Error(`e2e-latency failed (${r.code}): ${r.stderr.slice(-2000)}`);
  const result = JSON.parse(r.stdout.trim().split('\n').pop());
  return { ...result, clientCpuSeconds: r.cpuSeconds, wallSeconds: r.wallMs / 1000 };
}

module.exports = {
  writeRecordsFile,
  diskAnchor,
  kcatProduce,
  kcatConsume,
  kafkajsProduce,
  kafkajsConsume,
  buildNative,
  startNullSink,
  endToEnd,
  MiB,
};
