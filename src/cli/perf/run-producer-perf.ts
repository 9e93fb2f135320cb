/**
 * The whole `kafka-producer-perf-test.sh` (Kafka 2.8's ProducerPerformance) on kafkajs, testable.
 * Returns the exit code.
 *
 * The Java tool calls `producer.send(record, callback)` once per record and the client batches.
 * kafkajs has no per-record send, so records are handed over in chunks: a record's latency starts
 * when the loop produces it (its `send` in Java terms) and ends when the chunk that carries it is
 * acknowledged, so time spent waiting in the chunk counts, as time in the Java accumulator does.
 * A chunk goes out at {@link RECORDS_PER_SEND} records, or before the throttler sleeps when the
 * oldest record would otherwise wait longer than `linger.ms`; at most {@link SENDS_IN_FLIGHT}
 * chunks are unacknowledged, after which the loop waits (Java's send blocks on a full buffer).
 */
import { setImmediate as yieldToIO } from 'node:timers/promises';
import type { Message, Producer } from 'kafkajs';
import { AddressBook, createClientLogBridge } from '../console/client-logging';
import {
  producerClientSettings,
  UnsupportedCodecError,
  type ProducerClientSettings,
  producerKafka,
} from '../console/client-config';
import { exceptionLine, rootCause, toJavaException } from '../console/java-errors';
import { parseHostPort } from '../console/options';
import { StickyPartitioner } from '../console/partitioning';
import { sendWithWaits } from '../console/producer-sender';
import type { ToolIO } from '../console/tool-io';
import { createToolLogger } from '../topic-command/tool-logger';
import { metricsTable, rate, RequestMetrics, type Metric } from './metrics';
import { ArgumentParserError, helpText, parseProducerPerfArgs, PROG, usageText } from './producer-args';
import { producerPerfConfig, type ProducerPerfConfig } from './producer-config';
import { ProducerStats } from './producer-stats';
import { ThroughputThrottler } from './throttler';

export const RECORDS_PER_SEND = 1000;
export const SENDS_IN_FLIGHT = 4;

export interface ProducerPerfOptions {
  /** Help and usage width (argparse4j: the terminal's, else 75). */
  width?: number;
}

function parse(
  args: readonly string[],
  io: ToolIO,
  width: number,
): ReturnType<typeof parseProducerPerfArgs> | number {
  try {
    const raw = parseProducerPerfArgs(args);
    if (!raw.help) return raw;
    void io.writeOut(`${helpText(width)}\n`);
  } catch (err) {
    if (!(err instanceof ArgumentParserError)) throw err;
    // No arguments at all: the help on stdout and exit 0; otherwise usage + error, exit 1.
    if (args.length === 0) {
      void io.writeOut(`${helpText(width)}\n`);
      return 0;
    }
    for (const line of usageText(width).split('\n')) io.writeErr(line);
    io.writeErr(`${PROG}: error: ${err.message}`);
  }
  return 1;
}

interface Chunk {
  iters: number[];
  starts: number[];
  sizes: number[];
  messages: Message[];
}

const emptyChunk = (): Chunk => ({ iters: [], starts: [], sizes: [], messages: [] });

class PerfSender {
  private chunk = emptyChunk();
  private readonly inFlight = new Set<Promise<void>>();
  errors = 0;
  sent = 0;

  constructor(
    private readonly send: (messages: Message[]) => Promise<void>,
    private readonly stats: ProducerStats,
    private readonly onError: (err: unknown, records: number) => void,
    private readonly afterSend: () => void,
  ) {}

  add(iter: number, startMs: number, payload: Buffer): void {
    const c = this.chunk;
    c.iters.push(iter);
    c.starts.push(startMs);
    c.sizes.push(payload.length);
    c.messages.push({ value: payload });
  }

  get pending(): number {
    return this.chunk.iters.length;
  }

  oldestMs(): number {
    return this.chunk.starts[0] ?? Number.POSITIVE_INFINITY;
  }

  /** Sends what is pending, first waiting for a free slot. */
  async dispatch(): Promise<void> {
    while (this.inFlight.size >= SENDS_IN_FLIGHT) await Promise.race(this.inFlight);
    const c = this.chunk;
    if (c.iters.length === 0) return;
    this.chunk = emptyChunk();
    const completed = (err?: unknown): void => {
      const now = Date.now();
      for (let k = 0; k < c.iters.length; k++)
        this.stats.record(c.iters[k] ?? 0, now - (c.starts[k] ?? now), c.sizes[k] ?? 0, now);
      if (err === undefined) this.sent += c.iters.length;
      else {
        this.errors += c.iters.length;
        this.onError(err, c.iters.length);
      }
    };
    const p: Promise<void> = this.send(c.messages)
      .then(() => completed(), completed)
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
    this.afterSend();
    await yieldToIO();
  }

  async drain(): Promise<void> {
    await this.dispatch();
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
  }
}

function producerMetrics(
  clientId: string,
  topic: string,
  sender: PerfSender,
  stats: ProducerStats,
  produce: RequestMetrics,
  elapsedMs: number,
): Metric[] {
  const tags = [['client-id', clientId]] as const;
  const topicTags = [...tags, ['topic', topic]] as const;
  const t = stats.totals();
  const m = (group: string, name: string, value: number, tg: Metric['tags'] = tags): Metric => ({
    group,
    name,
    tags: tg,
    value,
  });
  const P = 'producer-metrics';
  return [
    m(P, 'record-send-total', sender.sent),
    m(P, 'record-send-rate', rate(sender.sent, elapsedMs)),
    m(P, 'record-error-total', sender.errors),
    m(P, 'record-error-rate', rate(sender.errors, elapsedMs)),
    m(P, 'record-size-avg', t.count === 0 ? Number.NaN : t.bytes / t.count),
    m(P, 'request-total', produce.latency.count),
    m(P, 'request-rate', rate(produce.latency.count, elapsedMs)),
    m(P, 'request-latency-avg', produce.latency.avg),
    m(P, 'request-latency-max', produce.latency.max),
    m(P, 'incoming-byte-total', produce.size.sum),
    m(P, 'incoming-byte-rate', rate(produce.size.sum, elapsedMs)),
    m(
      P,
      'records-per-request-avg',
      produce.latency.count === 0 ? Number.NaN : t.count / produce.latency.count,
    ),
    m('producer-topic-metrics', 'record-send-total', sender.sent, topicTags),
    m('producer-topic-metrics', 'byte-total', t.bytes, topicTags),
  ];
}

async function produceAll(
  cfg: ProducerPerfConfig & { random: { nextInt(bound: number): number } },
  io: ToolIO,
  producer: Producer,
  client: ProducerClientSettings,
  partitioner: StickyPartitioner,
): Promise<{ stats: ProducerStats; sender: PerfSender; elapsedMs: number }> {
  const print = (line: string): void => void io.writeOut(`${line}\n`);
  const stats = new ProducerStats(cfg.numRecords, print);
  const networkLog = createToolLogger('org.apache.kafka.clients.NetworkClient', (l) => io.writeErr(l));
  const send = (messages: Message[]): Promise<void> =>
    sendWithWaits(
      async () => {
        await producer.send({
          topic: cfg.topic,
          messages,
          acks: client.acks,
          timeout: client.requestTimeoutMs,
          compression: client.compression,
        });
      },
      {
        topic: cfg.topic,
        maxBlockMs: client.maxBlockMs,
        deliveryTimeoutMs: client.deliveryTimeoutMs,
        retryBackoffMs: client.retryBackoffMs,
      },
      messages.length,
      (m) => networkLog.warn(m),
    );
  // Java's PerfCallback prints each failed record's stack trace (here its first line).
  const onError = (err: unknown, records: number): void => {
    const line = exceptionLine(toJavaException(rootCause(err)));
    for (let i = 0; i < records; i++) io.writeErr(line);
  };
  const sender = new PerfSender(send, stats, onError, () => partitioner.batchSent());
  const startMs = Date.now();
  const throttler = new ThroughputThrottler(cfg.throughput, startMs);
  const fixed = cfg.payload;
  for (let i = 0; i < cfg.numRecords; i++) {
    const payload = fixed ?? cfg.payloads[cfg.random.nextInt(cfg.payloads.length)] ?? Buffer.alloc(0);
    const sendStartMs = Date.now();
    sender.add(stats.nextCompletion(), sendStartMs, payload);
    if (sender.pending >= RECORDS_PER_SEND) await sender.dispatch();
    if (throttler.shouldThrottle(i, sendStartMs)) {
      const sleepMs = throttler.nextSleepNs() / 1e6;
      if (sleepMs > 0 && sender.pending > 0 && sendStartMs + sleepMs - sender.oldestMs() >= client.lingerMs)
        await sender.dispatch();
      await throttler.throttle();
    }
  }
  await sender.drain();
  return { stats, sender, elapsedMs: Date.now() - startMs };
}

export async function runProducerPerf(
  args: readonly string[],
  io: ToolIO,
  options: ProducerPerfOptions = {},
): Promise<number> {
  const width = options.width ?? 75;
  const raw = parse(args, io, width);
  if (typeof raw === 'number') return raw;
  let cfg: ReturnType<typeof producerPerfConfig>;
  let client: ProducerClientSettings;
  try {
    cfg = producerPerfConfig(
      raw,
      (f) => io.loadProperties(f),
      (l) => void io.writeOut(`${l}\n`),
    );
    if (!cfg.props.has('client.id')) cfg.props.set('client.id', 'producer-1');
    client = producerClientSettings(cfg.props);
  } catch (err) {
    if (err instanceof ArgumentParserError) {
      for (const line of usageText(width).split('\n')) io.writeErr(line);
      io.writeErr(`${PROG}: error: ${err.message}`);
    } else if (err instanceof UnsupportedCodecError) io.writeErr(err.message);
    else io.writeErr(`Exception in thread "main" ${exceptionLine(toJavaException(err))}`);
    return 1;
  }
  if (cfg.transactionsEnabled) {
    io.writeErr(
      'Exception in thread "main" org.apache.kafka.common.errors.UnsupportedVersionException: ' +
        'this broker does not implement transactions (--transaction-duration-ms must be 0)',
    );
    return 1;
  }

  const addresses = new AddressBook(client.brokers.join(','));
  await addresses.resolve(client.brokers.map((b) => parseHostPort(b)?.host ?? b));
  const bridge = createClientLogBridge(
    (l) => io.writeErr(l),
    `[Producer clientId=${client.clientId}] `,
    addresses,
  );
  const partitioner = new StickyPartitioner(client.batchSize);
  const producer = producerKafka(client, bridge.logCreator).producer({
    createPartitioner: partitioner.create,
    metadataMaxAge: client.metadataMaxAgeMs,
    allowAutoTopicCreation: true,
    idempotent: client.idempotent,
    maxInFlightRequests: client.idempotent ? 1 : client.maxInFlightRequests,
  });
  const produce = new RequestMetrics('Produce');
  producer.on(producer.events.REQUEST, produce.listener);
  try {
    await sendWithWaits(
      () => producer.connect(),
      {
        topic: cfg.topic,
        maxBlockMs: client.maxBlockMs,
        deliveryTimeoutMs: client.maxBlockMs,
        retryBackoffMs: client.retryBackoffMs,
      },
      0,
      () => undefined,
    );
  } catch (err) {
    io.writeErr(`Exception in thread "main" ${exceptionLine(toJavaException(rootCause(err)))}`);
    await producer.disconnect().catch(() => undefined);
    return 1;
  }
  const { stats, sender, elapsedMs } = await produceAll(cfg, io, producer, client, partitioner);
  if (!cfg.printMetrics) {
    await producer.disconnect().catch(() => undefined);
    stats.printTotal();
  } else {
    stats.printTotal();
    const table = metricsTable(
      producerMetrics(client.clientId, cfg.topic, sender, stats, produce, elapsedMs),
    );
    for (const line of table) await io.writeOut(`${line}\n`);
    await producer.disconnect().catch(() => undefined);
  }
  await io.writeOut('');
  return 0;
}
