'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node directly */
/**
 * W4's two halves (run as separate processes by clients.js), measuring end-to-end latency without
 * coordinated omission: every record has a scheduled send time on a fixed-rate timetable, written
 * into its first 8 bytes (CLOCK_MONOTONIC ns, shared by all processes of the machine); latency is
 * measured from that time, so a stalled producer or broker makes the records behind it late too.
 *
 *   node e2e.js produce <bootstrap> <topic> <records/s> <bytes> <seconds> <acks>
 *   node e2e.js consume <bootstrap> <topic> <expected records> <ready file>
 *
 * Each prints one JSON line: {"records", "p50Ms", "p99Ms", "p999Ms", "maxMs", "meanMs", ...}.
 * The consumer (kafkajs, a group of one, eachBatch) reads a fresh topic from offset 0 and writes
 * <ready file> once it has joined and been given the partitions.
 */
const fs = require('node:fs');
const path = require('node:path');
const { Buffer } = require('node:buffer');
const { setInterval, clearInterval, setTimeout, clearTimeout } = require('node:timers');
const REPO = path.resolve(__dirname, '..', '..');
const { Kafka, logLevel } = require(path.join(REPO, 'node_modules', 'kafkajs'));

const now = () => process.hrtime.bigint();
const SENDS_IN_FLIGHT = 5;

function summary(latenciesNs, count, extra = {}) {
  const sorted = Float64Array.from(latenciesNs.subarray(0, count)).sort();
  const pick = (p) => (count === 0 ? NaN : sorted[Math.min(count - 1, Math.floor(p * count))] / 1e6);
  let sum = 0;
  for (let i = 0; i < count; i++) sum += sorted[i];
  return {
    records: count,
    p50Ms: pick(0.5),
    p99Ms: pick(0.99),
    p999Ms: pick(0.999),
    maxMs: count === 0 ? NaN : sorted[count - 1] / 1e6,
    meanMs: count === 0 ? NaN : sum / count / 1e6,
    ...extra,
  };
}

async function produce(bootstrap, topic, rate, size, seconds, acks) {
  const total = Math.round(rate * seconds);
  const kafka = new Kafka({
    clientId: 'e2e-producer',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const acked = new Float64Array(total);
  let ackedCount = 0;
  let failed = 0;
  const inFlight = new Set();
  const intervalNs = 1e9 / rate;
  const t0 = now() + 100_000_000n;
  let i = 0;
  let maxLagMs = 0;
  // Like the Java producer's sender (linger.ms=0, max.in.flight 5): whatever is due goes out in one
  // send as soon as fewer than SENDS_IN_FLIGHT sends are unanswered; records due meanwhile wait
  // (and that wait counts, since latency is measured from the timetable).
  let wake;
  while (i < total) {
    const elapsed = Number(now() - t0);
    const dueUntil = Math.min(total, Math.floor(elapsed / intervalNs) + 1);
    if (dueUntil > i && inFlight.size < SENDS_IN_FLIGHT) {
      const scheduled = [];
      const messages = [];
      for (; i < dueUntil; i++) {
        const at = t0 + BigInt(Math.round(i * intervalNs));
        const value = Buffer.alloc(size, 66);
        value.writeBigInt64BE(at, 0);
        scheduled.push(at);
        messages.push({ value });
      }
      maxLagMs = Math.max(maxLagMs, Number(now() - scheduled[0]) / 1e6);
      const p = producer
        .send({ topic, acks, messages })
        .then(
          () => {
            const t = now();
            for (const at of scheduled) acked[ackedCount++] = Number(t - at);
          },
          () => (failed += scheduled.length),
        )
        .finally(() => {
          inFlight.delete(p);
          if (wake) wake();
        });
      inFlight.add(p);
    }
    // Sleep until the next record is due (timers fire with ~1 ms granularity) or a send completes.
    const nextAt = Number(t0) + i * intervalNs;
    const wait = Math.max(0, Math.min((nextAt - Number(now())) / 1e6, 5));
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, inFlight.size < SENDS_IN_FLIGHT ? wait : 5);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    wake = undefined;
  }
  await Promise.all(inFlight);
  await producer.disconnect();
  console.log(JSON.stringify(summary(acked, ackedCount, { kind: 'ack', failed, maxSendLagMs: maxLagMs })));
}

async function consume(bootstrap, topic, expected, readyFile) {
  const kafka = new Kafka({
    clientId: 'e2e-consumer',
    brokers: bootstrap.split(','),
    logLevel: logLevel.NOTHING,
  });
  // A group of one, as an application would read; fetch.max.wait.ms as the Java client's (500).
  const consumer = kafka.consumer({
    groupId: `e2e-${topic}`,
    maxWaitTimeInMs: 500,
    maxBytesPerPartition: 8 << 20,
  });
  const latencies = new Float64Array(expected);
  let count = 0;
  let last = Date.now();
  let ready = false;
  let finish;
  const done = new Promise((resolve) => (finish = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => {
    if (ready) return;
    ready = true;
    last = Date.now();
    setTimeout(() => fs.writeFileSync(readyFile, 'ready'), 200);
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  // No offset commits: this consumer never restarts, and a commit between fetches would delay them.
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const t = now();
      for (const m of batch.messages) {
        if (count < expected && m.value && m.value.length >= 8)
          latencies[count++] = Number(t - m.value.readBigInt64BE(0));
      }
      last = Date.now();
      if (count >= expected) finish();
    },
  });
  // Gives up 15 s after the last record, or 60 s after starting without being given the partitions.
  const started = Date.now();
  const timer = setInterval(() => {
    if (ready ? Date.now() - last > 15000 : Date.now() - started > 60000) finish();
  }, 100);
  await done;
  clearInterval(timer);
  await consumer.disconnect().catch(() => undefined);
  console.log(JSON.stringify(summary(latencies, count, { kind: 'end-to-end', expected })));
}

const [mode, ...args] = process.argv.slice(2);
const main =
  mode === 'produce'
    ? () => produce(args[0], args[1], Number(args[2]), Number(args[3]), Number(args[4]), Number(args[5]))
    : () => consume(args[0], args[1], Number(args[2]), args[3]);
main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  });
