'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node directly */
/**
 * The workloads (see docs/performance.md):
 *
 *   W1  1 broker, RF 1, acks=1, 1 and 8 partitions: kcat from a file (100 B, 1 KiB records,
 *       linger.ms=5, batch.size=1000000) and kafkajs (kafka-producer-perf-test: 1000 records per
 *       send, 4 sends in flight); each run also measures the disk anchor (dd) and the same client
 *       against the null sink (librdkafka's mock cluster, bench/native/mock-sink).
 *   W2  3 brokers, RF 3, acks=all, min.insync.replicas=2, 8 partitions: kcat, 100 B (+ disk anchor).
 *   W3  consume from the beginning what W1 (100 B, 8 partitions) and W2 wrote: kcat, and kafkajs
 *       (kafka-consumer-perf-test: a group of one, eachBatch).
 *   W4  end-to-end latency at 10 and 50 MiB/s of 1 KiB records for 60 s (RF 1 acks=1, RF 3
 *       acks=all), from each record's scheduled send time (bench/native/e2e-latency, librdkafka).
 *   W5  a consumer group of 1, 2 and 4 members (kafka-consumer-perf-test processes) reading the
 *       W1 topic; only when consumer groups are in the build (git log), else reported as not run.
 */
const { execFileSync } = require('node:child_process');
const { withBrokerStats, round } = require('./measure');
const C = require('./clients');
const { REPO } = require('./cluster');

const MiB = 1024 * 1024;

/** What withBrokerStats measured around a run, as every run line reports it. */
function runStats(r) {
  return {
    brokerCpuPerSec: r.brokerCpuPerSec,
    brokerPeakRssMiB: r.brokerPeakRssMiB,
    brokerMaxEventLoopDelayMs: r.brokerMaxEventLoopDelayMs,
    machineCpuPerSec: r.machineCpuPerSec,
    loadavg1: r.loadavg1,
  };
}

/** Runs a produce step and checks the topic grew by exactly `records`. */
async function verifiedProduce(cluster, topic, partitions, records, step) {
  const before = await cluster.endOffsets(topic, partitions);
  const r = await step();
  const after = await cluster.endOffsets(topic, partitions);
  if (after - before !== records)
    throw new Error(`${topic}: expected ${records} new records, found ${after - before}`);
  return r;
}

async function w1(ctx) {
  const { cluster, plan, reporter, files } = ctx;
  const broker0 = cluster.brokers.slice(0, 1);
  for (const v of plan.w1.kcat) {
    const topic = `w1-kcat-${v.size}-p${v.partitions}`;
    await cluster.createTopic(topic, v.partitions, 1);
    await reporter.variant(
      'W1',
      `kcat ${v.size} B, ${v.partitions} partition(s), acks=1`,
      plan.runs,
      async () => {
        const disk = await C.diskAnchor(ctx.workDir, plan.ddMiB);
        const sink = await C.startNullSink(topic, v.partitions);
        let ceiling;
        try {
          ceiling = await C.kcatProduce(sink.bootstrap, topic, files[v.size], { acks: 1 });
        } finally {
          await sink.stop();
        }
        const r = await withBrokerStats(broker0, () =>
          verifiedProduce(cluster, topic, v.partitions, v.records, () =>
            C.kcatProduce(cluster.bootstrap, topic, files[v.size], { acks: 1 }),
          ),
        );
        const recPerSec = v.records / r.seconds;
        const nullRecPerSec = v.records / ceiling.seconds;
        return {
          records: v.records,
          recordBytes: v.size,
          recPerSec,
          MiBPerSec: (recPerSec * v.size) / MiB,
          diskAnchorMiBPerSec: disk.mibPerSec,
          vsDiskAnchor: (recPerSec * v.size) / MiB / disk.mibPerSec,
          nullSinkRecPerSec: nullRecPerSec,
          vsNullSink: recPerSec / nullRecPerSec,
          clientCpuPerSec: r.clientCpuSeconds / r.seconds,
          ...runStats(r),
        };
      },
    );
  }
  for (const v of plan.w1.kafkajs) {
    const topic = `w1-kafkajs-${v.size}-p${v.partitions}`;
    await cluster.createTopic(topic, v.partitions, 1);
    await reporter.variant(
      'W1',
      `kafkajs ${v.size} B, ${v.partitions} partition(s), acks=1`,
      plan.runs,
      async (run) => {
        const records = run === 0 ? Math.ceil(v.records / 2) : v.records;
        const disk = await C.diskAnchor(ctx.workDir, plan.ddMiB);
        const sink = await C.startNullSink(topic, v.partitions);
        let ceiling;
        try {
          ceiling = await C.kafkajsProduce(sink.bootstrap, topic, records, v.size, 1);
        } finally {
          await sink.stop();
        }
        const r = await withBrokerStats(broker0, () =>
          verifiedProduce(cluster, topic, v.partitions, records, () =>
            C.kafkajsProduce(cluster.bootstrap, topic, records, v.size, 1),
          ),
        );
        return {
          records,
          recordBytes: v.size,
          recPerSec: r.recPerSec,
          MiBPerSec: (r.recPerSec * v.size) / MiB,
          avgLatencyMs: r.avgLatencyMs,
          p99LatencyMs: r.p99LatencyMs,
          diskAnchorMiBPerSec: disk.mibPerSec,
          nullSinkRecPerSec: ceiling.recPerSec,
          vsNullSink: r.recPerSec / ceiling.recPerSec,
          clientCpuPerSec: r.clientCpuSeconds / r.wallSeconds,
          ...runStats(r),
        };
      },
    );
  }
}

async function w2(ctx) {
  const { cluster, plan, reporter, files } = ctx;
  const v = plan.w2;
  const topic = `w2-kcat-${v.size}-p8-rf3`;
  await cluster.createTopic(topic, 8, 3, { 'min.insync.replicas': 2 });
  await reporter.variant(
    'W2',
    `kcat ${v.size} B, 8 partitions, RF 3, acks=all, min.insync.replicas=2`,
    plan.runs,
    async () => {
      const disk = await C.diskAnchor(ctx.workDir, plan.ddMiB);
      const r = await withBrokerStats(cluster.brokers, () =>
        verifiedProduce(cluster, topic, 8, v.records, () =>
          C.kcatProduce(cluster.bootstrap, topic, files[`w2-${v.size}`], { acks: 'all' }),
        ),
      );
      const recPerSec = v.records / r.seconds;
      return {
        records: v.records,
        recordBytes: v.size,
        recPerSec,
        MiBPerSec: (recPerSec * v.size) / MiB,
        diskAnchorMiBPerSec: disk.mibPerSec,
        clientCpuPerSec: r.clientCpuSeconds / r.seconds,
        ...runStats(r),
      };
    },
  );
}

/** W3 on one topic: kcat from the beginning to the end, then kafkajs (a group of one). */
async function w3(ctx, topic, label, brokers) {
  const { cluster, plan, reporter } = ctx;
  const available = await cluster.endOffsets(topic, 8);
  const count = Math.min(available, plan.w3.kcatRecords);
  await reporter.variant('W3', `kcat, ${label}`, plan.runs, async () => {
    const r = await withBrokerStats(brokers, () => C.kcatConsume(cluster.bootstrap, topic, count));
    if (r.records !== count) throw new Error(`kcat consumed ${r.records} of ${count} records`);
    return {
      records: r.records,
      recPerSec: r.records / r.seconds,
      MiBPerSec: (r.records * 100) / MiB / r.seconds,
      clientCpuPerSec: r.clientCpuSeconds / r.seconds,
      ...runStats(r),
    };
  });
  const messages = Math.min(available, plan.w3.kafkajsRecords);
  let group = 0;
  await reporter.variant('W3', `kafkajs (kafka-consumer-perf-test), ${label}`, plan.runs, async () => {
    const r = await withBrokerStats(brokers, () =>
      C.kafkajsConsume(cluster.bootstrap, topic, messages, { group: `w3-${topic}-${group++}` }),
    );
    if (r.timedOut) throw new Error(`kafka-consumer-perf-test timed out after ${r.records} records`);
    return {
      records: r.records,
      recPerSec: r.recPerSec,
      MiBPerSec: (r.recPerSec * 100) / MiB,
      rebalanceMs: r.rebalanceMs,
      clientCpuPerSec: r.clientCpuSeconds / r.wallSeconds,
      ...runStats(r),
    };
  });
}

async function w4(ctx, rf, brokers) {
  const { cluster, plan, reporter } = ctx;
  const v = plan.w4;
  const acks = rf === 1 ? 1 : -1;
  for (const mibPerSec of v.mibPerSec) {
    const rate = Math.round((mibPerSec * MiB) / v.size);
    const label = `${mibPerSec} MiB/s of ${v.size} B records, 8 partitions, RF ${rf}, acks=${rf === 1 ? 1 : 'all'}`;
    await reporter.variant('W4', label, plan.runs, async (run) => {
      const topic = `w4-rf${rf}-${mibPerSec}-run${run}`;
      await cluster.createTopic(topic, 8, rf, rf > 1 ? { 'min.insync.replicas': 2 } : {});
      // The warm-up run is short; every run leaves its first warmupSeconds out of the percentiles.
      const seconds = (run === 0 ? v.warmupSeconds : v.seconds) + v.warmupSeconds;
      const r = await withBrokerStats(brokers, () =>
        C.endToEnd(cluster.bootstrap, topic, {
          rate,
          size: v.size,
          seconds,
          warmupSeconds: v.warmupSeconds,
          acks,
        }),
      );
      if (r.duplicates !== 0) throw new Error(`W4 ${topic}: ${r.duplicates} records consumed twice`);
      // A rate the cluster cannot sustain leaves records unacknowledged (and unconsumed) when the
      // client gives up, 15 s after its last send: reported, with the latency of those that arrived.
      return {
        records: r.records,
        measuredRecords: r.measured,
        notConsumed: r.missing,
        notAcknowledged: r.failed,
        ratePerSec: rate,
        seconds,
        e2eP50Ms: r.p50Ms,
        e2eP99Ms: r.p99Ms,
        e2eP999Ms: r.p999Ms,
        e2eMaxMs: r.maxMs,
        ackP50Ms: r.ackP50Ms,
        ackP99Ms: r.ackP99Ms,
        ackP999Ms: r.ackP999Ms,
        producerMaxSendLagMs: r.maxSendLagMs,
        clientCpuPerSec: r.clientCpuSeconds / r.wallSeconds,
        ...runStats(r),
      };
    });
  }
}

/** True when the build has consumer groups (a commit says so). */
function groupsLanded() {
  try {
    const log = execFileSync('git', ['-C', REPO, 'log', '--oneline', '-i', '--grep=consumer groups'], {
      encoding: 'utf8',
    });
    return log.trim() !== '';
  } catch {
    return false;
  }
}

async function w5(ctx, topic) {
  const { cluster, plan, reporter } = ctx;
  if (!groupsLanded()) {
    for (const m of plan.w5.members)
      reporter.skipped('W5', `group of ${m}`, 'consumer groups have not landed (git log)');
    return;
  }
  let n = 0;
  for (const members of plan.w5.members) {
    await reporter.variant('W5', `kafkajs group of ${members}, 100 B, 8 partitions`, plan.runs, async () => {
      const group = `w5-${members}-${n++}`;
      const share = Math.ceil(plan.w5.records / members);
      const r = await withBrokerStats(cluster.brokers.slice(0, 1), async () => {
        const started = process.hrtime.bigint();
        const all = await Promise.all(
          Array.from({ length: members }, () =>
            C.kafkajsConsume(cluster.bootstrap, topic, share, { group, timeoutMs: 10000 }),
          ),
        );
        return { all, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
      });
      const records = r.all.reduce((s, m) => s + m.records, 0);
      return {
        members,
        records,
        recPerSec: records / r.seconds,
        slowestMemberRecPerSec: Math.min(...r.all.map((m) => m.recPerSec)),
        maxRebalanceMs: Math.max(...r.all.map((m) => m.rebalanceMs)),
        timedOutMembers: r.all.filter((m) => m.timedOut).length,
        clientCpuPerSec: r.all.reduce((s, m) => s + m.clientCpuSeconds, 0) / r.seconds,
        ...runStats(r),
      };
    });
  }
}

/** The ratios to the 2014 anchors, from the summaries' medians. */
function anchors(summaries) {
  const med = (workload, variantPrefix, field) => {
    const s = summaries.find(
      (x) => x.workload === workload && x.variant.startsWith(variantPrefix) && x[field],
    );
    return s ? s[field].median : null;
  };
  const ratio = (a, b) => (a === null || b === null ? null : round(a / b));
  const w1Rec = med('W1', 'kcat 100 B, 8 partition', 'recPerSec');
  const w1KiB = med('W1', 'kcat 1024 B, 8 partition', 'vsDiskAnchor');
  const w1js = med('W1', 'kafkajs 100 B, 8 partition', 'vsNullSink');
  const w2Rec = med('W2', 'kcat', 'recPerSec');
  const w3Rec = med('W3', 'kcat, W1', 'recPerSec');
  const w4 = summaries.filter((x) => x.workload === 'W4' && x.e2eP99Ms);
  const rss = summaries
    .filter((x) => x.workload === 'W1' && x.brokerPeakRssMiB)
    .map((x) => x.brokerPeakRssMiB.max);
  return {
    type: 'anchors',
    w1RecPerSec100B: { value: w1Rec, anchor: 821557, ratio: ratio(w1Rec, 821557) },
    w1OneKiBVsDisk: { value: w1KiB, target: 0.5 },
    w1KafkajsVsNullSink: { value: w1js, target: 0.9 },
    w2RecPerSec: { value: w2Rec, anchor: 421823, ratio: ratio(w2Rec, 421823) },
    w3RecPerSec: { value: w3Rec, anchor: 940521, ratio: ratio(w3Rec, 940521) },
    w4P99Ms: w4.map((x) => ({
      variant: x.variant,
      p99: x.e2eP99Ms.median,
      target: / RF 1,/.test(x.variant) ? 3 : 10,
    })),
    w1BrokerPeakRssMiB: { value: rss.length ? Math.max(...rss) : null, target: 160 },
    maxEventLoopDelayMs: summaries
      .filter((x) => x.brokerMaxEventLoopDelayMs)
      .map((x) => ({ workload: x.workload, variant: x.variant, max: x.brokerMaxEventLoopDelayMs.max })),
  };
}

module.exports = { w1, w2, w3, w4, w5, anchors, groupsLanded };
