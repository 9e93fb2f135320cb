#!/usr/bin/env node
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node directly */
/**
 * CPU profile of one broker under W1 (see docs/performance.md):
 *
 *   node bench/suite/profile.js [--records 5000000] [--size 100] [--partitions 8] [--keep]
 *   node bench/suite/profile.js --summarize <file.cpuprofile> [--top 25]
 *
 * Starts ZooKeeper with its script, then one broker directly as
 * `node <the V8 flags of kafka-server-start.sh> --cpu-prof --cpu-prof-dir <dir> dist/cli/kafka-server-start.js <props>`, creates the topic,
 * produces with kcat (acks=1, linger.ms=5, batch.size=1000000), consumes it all back with kcat,
 * stops the broker with SIGTERM (the profile is written on the way out) and prints, for the produce
 * and the consume windows separately, the functions with the most self time, then the same by file.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { setTimeout } = require('node:timers');
const { Cluster, REPO, findPid, stopPid, freePort } = require('./cluster');
const { waitFor } = require('./proc');
const C = require('./clients');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/**
 * Self time per function and per file from a .cpuprofile (V8's sampled call tree), counting only
 * the samples taken in [fromUs, toUs] of the monotonic clock when a window is given (the profile's
 * timestamps and process.hrtime are both CLOCK_MONOTONIC), so start-up and shutdown stay out.
 */
function summarize(file, top, window) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const deltas = profile.timeDeltas || [];
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += deltas[i] || 0;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    self.set(id, (self.get(id) || 0) + (deltas[i] || 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map();
  const files = new Map();
  for (const [id, us] of self) {
    const f = byId.get(id).callFrame;
    const where = f.url ? path.relative(REPO, f.url.replace(/^file:\/\//, '')) || f.url : '';
    const name = `${f.functionName || '(anonymous)'} ${where ? `${where}:${f.lineNumber + 1}` : ''}`.trim();
    fns.set(name, (fns.get(name) || 0) + us);
    const fileKey = where || `(${f.functionName || 'native'})`;
    files.set(fileKey, (files.get(fileKey) || 0) + us);
  }
  const rows = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), pct: Math.round((1000 * us) / total) / 10 }));
  return { totalMs: Math.round(total / 1000), functions: rows(fns), files: rows(files) };
}

function print(summary) {
  console.log(`total sampled time: ${summary.totalMs} ms`);
  console.log('\nself time by function:');
  for (const r of summary.functions)
    console.log(`${String(r.pct).padStart(5)}%  ${String(r.ms).padStart(6)} ms  ${r.name}`);
  console.log('\nself time by file:');
  for (const r of summary.files)
    console.log(`${String(r.pct).padStart(5)}%  ${String(r.ms).padStart(6)} ms  ${r.name}`);
}

async function profileRun() {
  const records = Number(arg('records', '5000000'));
  const size = Number(arg('size', '100'));
  const partitions = Number(arg('partitions', '8'));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-ts-profile-'));
  const profDir = path.join(workDir, 'cpu-profile');
  const cluster = new Cluster(workDir);
  let broker;
  try {
    await cluster.startZooKeeper();
    const port = await freePort();
    const dir = path.join(workDir, 'broker-0');
    fs.mkdirSync(dir, { recursive: true });
    const props = path.join(dir, 'server.properties');
    fs.writeFileSync(
      props,
      [
        `broker.id=0`,
        `listeners=PLAINTEXT://localhost:${port}`,
        `log.dirs=${path.join(dir, 'data')}`,
        `zookeeper.connect=${cluster.zkConnect}`,
        'offsets.topic.replication.factor=1',
        '',
      ].join('\n'),
    );
    const child = spawn(
      process.execPath,
      [
        // The V8 flags scripts/kafka-server-start.sh gives a broker by default.
        '--single-threaded-gc',
        '--max-semi-space-size=4',
        '--cpu-prof',
        '--cpu-prof-dir',
        profDir,
        path.join(REPO, 'dist', 'cli', 'kafka-server-start.js'),
        props,
      ],
      {
        env: { ...process.env, LOG_DIR: path.join(dir, 'logs') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    broker = { pid: child.pid, port, exited: new Promise((r) => child.once('exit', r)) };
    await waitFor('the profiled broker', 60000, () => /\[KafkaServer id=0\] started/.test(out));
    cluster.brokers.push({ id: 0, port, pid: child.pid, props });
    await cluster.createTopic('profile', partitions, 1);
    const file = path.join(workDir, 'records.txt');
    C.writeRecordsFile(file, records, size);
    const mark = () => Number(process.hrtime.bigint() / 1000n);
    const produceFrom = mark();
    const r = await C.kcatProduce(cluster.bootstrap, 'profile', file, { acks: 1 });
    const produceTo = mark();
    console.log(
      `produced ${records} records of ${size} B in ${r.seconds.toFixed(2)} s (${Math.round(records / r.seconds)} records/s)`,
    );
    const consumeFrom = mark();
    const c = await C.kcatConsume(cluster.bootstrap, 'profile', records);
    const consumeTo = mark();
    console.log(
      `consumed ${c.records} records in ${c.seconds.toFixed(2)} s (${Math.round(c.records / c.seconds)} records/s)`,
    );
    process.kill(child.pid, 'SIGTERM');
    await Promise.race([broker.exited, new Promise((r2) => setTimeout(r2, 30000))]);
    cluster.brokers = [];
    const prof = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!prof) throw new Error(`no profile written in ${profDir}`);
    const kept = path.join(os.tmpdir(), `broker-w1-${Date.now()}.cpuprofile`);
    fs.copyFileSync(path.join(profDir, prof), kept);
    console.log(`profile: ${kept}`);
    const top = Number(arg('top', '25'));
    console.log('\n== while kcat was producing (W1)');
    print(summarize(kept, top, { fromUs: produceFrom, toUs: produceTo }));
    console.log('\n== while kcat was consuming (W3)');
    print(summarize(kept, top, { fromUs: consumeFrom, toUs: consumeTo }));
  } finally {
    if (broker) await stopPid(broker.pid);
    const leftover = findPid(path.join(workDir, 'broker-0'));
    if (leftover) await stopPid(leftover);
    await cluster.stop();
    if (!process.argv.includes('--keep')) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--summarize')) print(summarize(arg('summarize'), Number(arg('top', '25'))));
else
  profileRun().catch((err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(1);
  });
