'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node directly */
/**
 * The kafkajs half of bench/data-plane-bench.sh (a benchmark, not a test):
 *
 *   node bench/kafkajs-bench.js <bootstrap> <topic> <records> <record bytes> [per send] [in flight]
 *
 * Produces <records> values of <record bytes> bytes (no key, acks=all) in sends of [per send] records
 * (1000) with [in flight] sends outstanding (4), then reads the topic from the beginning with a kafkajs
 * consumer (a consumer group, so it needs the broker's group coordinator). Prints one JSON line per
 * phase: {"client":"kafkajs","phase":"produce","records":N,"ms":T} or {..., "error":"..."}.
 */
const path = require('node:path');
const { Buffer } = require('node:buffer');
const { setTimeout: sleep } = require('node:timers/promises');
const { Kafka, logLevel } = require(path.join(__dirname, '..', 'node_modules', 'kafkajs'));

const [bootstrap, topic, recordsArg, sizeArg, perSendArg = '1000', inFlightArg = '4'] = process.argv.slice(2);
if (!bootstrap || !topic || !recordsArg || !sizeArg) {
  console.error(
    'usage: node bench/kafkajs-bench.js <bootstrap> <topic> <records> <record bytes> [per send] [in flight]',
  );
  process.exit(2);
}
const total = Number(recordsArg);
const size = Number(sizeArg);
const perSend = Number(perSendArg);
const inFlight = Number(inFlightArg);
const CONSUME_TIMEOUT_MS = Number(process.env.KAFKAJS_CONSUME_TIMEOUT_MS || 300000);

const kafka = new Kafka({
  clientId: 'kafkajs-bench',
  brokers: bootstrap.split(','),
  logLevel: logLevel.NOTHING,
});

function report(phase, records, ms, error) {
  const line = { client: 'kafkajs', phase, records, ms };
  if (error) line.error = String(error && error.message ? error.message : error);
  console.log(JSON.stringify(line));
}

async function produce() {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  // One batch of messages reused by every send: the cost measured is the client's encoding and the
  // broker's append, not building JavaScript objects.
  const messages = Array.from({ length: perSend }, (_, i) => ({
    value: Buffer.from(String(i).padStart(size, '0').slice(0, size)),
  }));
  let sent = 0;
  const start = process.hrtime.bigint();
  const loop = async () => {
    while (sent < total) {
      const n = Math.min(perSend, total - sent);
      sent += n;
      await producer.send({ topic, acks: -1, messages: n === perSend ? messages : messages.slice(0, n) });
    }
  };
  try {
    await Promise.all(Array.from({ length: inFlight }, loop));
    report('produce', total, Number(process.hrtime.bigint() - start) / 1e6);
  } finally {
    await producer.disconnect();
  }
}

async function consume() {
  const consumer = kafka.consumer({ groupId: `kafkajs-bench-${Date.now()}`, maxBytesPerPartition: 1048576 });
  let count = 0;
  let start = 0n;
  let crashed = null;
  consumer.on(consumer.events.CRASH, (e) => {
    crashed = e.payload.error;
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        if (start === 0n) start = process.hrtime.bigint();
        count += batch.messages.length;
      },
    });
    const deadline = Date.now() + CONSUME_TIMEOUT_MS;
    while (count < total && !crashed && Date.now() < deadline) await sleep(20);
    if (count < total) {
      throw crashed || new Error(`read ${count} of ${total} records in ${CONSUME_TIMEOUT_MS} ms`);
    }
    // Timed from the first batch received: group join and partition assignment are not throughput.
    report('consume', count, Number(process.hrtime.bigint() - start) / 1e6);
  } finally {
    await consumer.disconnect();
  }
}

(async () => {
  let failed = false;
  try {
    await produce();
  } catch (e) {
    failed = true;
    report('produce', 0, 0, e);
  }
  try {
    await consume();
  } catch (e) {
    failed = true;
    report('consume', 0, 0, e);
  }
  process.exit(failed ? 1 : 0);
})();
