#!/usr/bin/env node
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node directly */
/**
 * The benchmark suite, one command (a benchmark, not a test; see docs/performance.md):
 *
 *   node bench/suite/run.js [--quick] [--out results.jsonl] [--keep] [--no-build]
 *
 * Builds the project, starts ZooKeeper and brokers from the project's scripts on a fresh work
 * directory (free ports, LOG_DIR inside it), runs W1–W5 (workloads.js) – each variant once as a
 * warm-up and then 3 times – and prints one JSON line per run, one summary line per variant
 * ({min, median, max} of every number), the machine facts first and the ratios to the 2014 anchors
 * last. --quick runs everything once with small sizes (a minute or two). Everything it started is
 * stopped on the way out, also after a failure or Ctrl-C; --keep keeps the work directory.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { Cluster, REPO, KCAT } = require('./cluster');
const { machine, killClients } = require('./proc');
const { Reporter } = require('./measure');
const C = require('./clients');
const W = require('./workloads');

const FULL = {
  runs: 3,
  ddMiB: 2048,
  w1: {
    kcat: [
      { size: 100, partitions: 1, records: 5_000_000 },
      { size: 100, partitions: 8, records: 5_000_000 },
      { size: 1024, partitions: 1, records: 1_000_000 },
      { size: 1024, partitions: 8, records: 1_000_000 },
    ],
    kafkajs: [
      { size: 100, partitions: 1, records: 500_000 },
      { size: 100, partitions: 8, records: 500_000 },
      { size: 1024, partitions: 8, records: 150_000 },
    ],
  },
  w2: { size: 100, records: 2_000_000 },
  w3: { kcatRecords: 5_000_000, kafkajsRecords: 2_000_000 },
  w4: { mibPerSec: [10, 50], size: 1024, seconds: 60, warmupSeconds: 5 },
  w5: { members: [1, 2, 4], records: 2_000_000 },
};

const QUICK = {
  runs: 1,
  ddMiB: 256,
  w1: {
    kcat: [
      { size: 100, partitions: 1, records: 300_000 },
      { size: 100, partitions: 8, records: 300_000 },
      { size: 1024, partitions: 1, records: 50_000 },
      { size: 1024, partitions: 8, records: 50_000 },
    ],
    kafkajs: [
      { size: 100, partitions: 1, records: 50_000 },
      { size: 100, partitions: 8, records: 50_000 },
      { size: 1024, partitions: 8, records: 20_000 },
    ],
  },
  w2: { size: 100, records: 200_000 },
  w3: { kcatRecords: 300_000, kafkajsRecords: 200_000 },
  w4: { mibPerSec: [10, 50], size: 1024, seconds: 3, warmupSeconds: 1 },
  w5: { members: [1, 2, 4], records: 200_000 },
};

function parseArgs(argv) {
  const opts = { quick: false, out: undefined, keep: false, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--no-build') opts.build = false;
    else if (a === '--out') opts.out = argv[++i];
    else {
      console.error(
        `usage: node bench/suite/run.js [--quick] [--out results.jsonl] [--keep] [--no-build]\nunknown argument: ${a}`,
      );
      process.exit(2);
    }
  }
  return opts;
}

function log(message) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function build() {
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    if (!fs.existsSync(path.join(REPO, 'dist', 'cli', 'kafka-server-start.js'))) throw err;
    log(
      `WARN the build reported errors; going on with the JavaScript it produced:\n${String(err.stdout || '').slice(0, 2000)}`,
    );
  }
}

function facts() {
  const git = (args) => {
    try {
      return execFileSync('git', ['-C', REPO, ...args], { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  let kcat = 'unknown';
  try {
    kcat =
      execFileSync(KCAT, ['-V'], { encoding: 'utf8' })
        .split('\n')
        .find((l) => /^Version/.test(l)) || kcat;
  } catch {
    // kcat -V exits 0 on current versions; an old one may not
  }
  return {
    ...machine(),
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    commit: git(['rev-parse', '--short', 'HEAD']),
    kcat,
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const plan = opts.quick ? QUICK : FULL;
  const out = opts.out ? fs.createWriteStream(opts.out) : undefined;
  const emit = (line) => {
    const text = JSON.stringify(line);
    process.stdout.write(`${text}\n`);
    if (out) out.write(`${text}\n`);
  };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-ts-bench-'));
  const cluster = new Cluster(workDir);
  let stopping;
  const stopAll = () => {
    stopping =
      stopping ||
      (async () => {
        killClients();
        await cluster.stop();
        if (!opts.keep) fs.rmSync(workDir, { recursive: true, force: true });
        else log(`kept ${workDir}`);
      })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => {
      log(`${signal}: stopping everything the suite started`);
      stopAll().finally(() => process.exit(130));
    });
  for (const event of ['uncaughtException', 'unhandledRejection'])
    process.once(event, (err) => {
      log(`${event}: ${err && err.stack ? err.stack : err}`);
      stopAll().finally(() => process.exit(1));
    });
  const started = Date.now();
  let failed = false;
  try {
    emit({ type: 'machine', quick: opts.quick, built: opts.build, ...facts() });
    if (opts.build) {
      log('building');
      build();
    }
    log('building bench/native (librdkafka mock cluster, W4 latency client)');
    C.buildNative();
    log(`work directory ${workDir}`);
    const files = {};
    for (const v of plan.w1.kcat) {
      if (files[v.size]) continue;
      files[v.size] = path.join(workDir, `records-${v.size}.txt`);
      C.writeRecordsFile(files[v.size], v.records, v.size);
    }
    files[`w2-${plan.w2.size}`] = path.join(workDir, `records-w2-${plan.w2.size}.txt`);
    C.writeRecordsFile(files[`w2-${plan.w2.size}`], plan.w2.records, plan.w2.size);

    log('starting ZooKeeper and broker 0');
    await cluster.startZooKeeper();
    await cluster.startBroker(0);
    const reporter = new Reporter(emit);
    const ctx = { cluster, plan, reporter, files, workDir };
    const step = async (name, fn) => {
      log(name);
      await fn();
    };
    await step('W1: one broker, RF 1, acks=1', () => W.w1(ctx));
    const w1Topic = 'w1-kcat-100-p8';
    await step('W3: consuming what W1 wrote', () =>
      W.w3(ctx, w1Topic, 'W1 topic (100 B, 8 partitions, RF 1)', cluster.brokers.slice(0, 1)),
    );
    await step('W5: consumer groups of 1, 2, 4', () => W.w5(ctx, w1Topic));
    await step('W4: end-to-end latency, RF 1', () => W.w4(ctx, 1, cluster.brokers.slice(0, 1)));
    log('starting brokers 1 and 2');
    await cluster.startBroker(1);
    await cluster.startBroker(2);
    await step('W2: three brokers, RF 3, acks=all', () => W.w2(ctx));
    await step('W3: consuming what W2 wrote', () =>
      W.w3(ctx, `w2-kcat-${plan.w2.size}-p8-rf3`, 'W2 topic (100 B, 8 partitions, RF 3)', cluster.brokers),
    );
    await step('W4: end-to-end latency, RF 3', () => W.w4(ctx, 3, cluster.brokers));
    emit({ ...W.anchors(reporter.summaries), minutes: Math.round((Date.now() - started) / 600) / 100 });
  } catch (err) {
    failed = true;
    log(`FAILED: ${err && err.stack ? err.stack : err}`);
    opts.keep = true;
  } finally {
    log('stopping everything the suite started');
    await stopAll();
    if (out) out.end();
  }
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(failed ? 1 : 0);
}

main();
