/**
 * Where the console consumer's records come from:
 *
 * - {@link assignedSource}: no group membership (the Java consumer's `assign()`), used for
 *   `--partition` and for the group-less default (a throwaway `console-consumer-N` group that never
 *   commits, so membership changes nothing the tool shows). Built on kafkajs' `Cluster`, see fetcher.ts.
 * - {@link groupSource}: a kafkajs Consumer in a real group (`--group`, or `group.id` in the
 *   properties), with the Java client's range assignor, auto-commit of the records printed, and
 *   `auto.offset.reset` applied when the group has no committed offset.
 */
import {
  PartitionAssigners,
  type Cluster,
  type Consumer,
  type ConsumerConfig,
  type Kafka,
  type KafkaMessage,
  type PartitionAssigner,
} from 'kafkajs';
import type { ConsumerClientSettings } from './client-config';
import { AssignedFetcher, toConsumedRecord, type Assignment, type RecordSink } from './fetcher';
import { rangeAssigner } from './partitioning';

export interface RecordSource {
  /** Delivers records to the sink until stopped; rejects with an error that ends the consumer. */
  run(sink: RecordSink): Promise<void>;
  /** Stops delivering, commits what was printed (group mode), leaves and disconnects. */
  close(): Promise<void>;
}

function retryOptions(s: ConsumerClientSettings): {
  initialRetryTime: number;
  maxRetryTime: number;
  retries: number;
} {
  return { initialRetryTime: Math.max(1, s.retryBackoffMs), maxRetryTime: 1000, retries: 5 };
}

export function assignedSource(
  kafka: Kafka,
  s: ConsumerClientSettings,
  assignment: Assignment,
  warn: (message: string) => void,
  learnBrokers: (brokers: { nodeId: number; host: string; port: number }[]) => void,
): RecordSource {
  let captured: Cluster | undefined;
  const capture: PartitionAssigner = (config) => {
    captured = config.cluster;
    return PartitionAssigners.roundRobin(config);
  };
  // Never connected or run: it only hands over its Cluster (the assigner factory runs at creation).
  kafka.consumer({
    groupId: s.groupId,
    partitionAssigners: [capture],
    readUncommitted: !s.readCommitted,
    allowAutoTopicCreation: s.allowAutoTopicCreation,
    metadataMaxAge: s.metadataMaxAgeMs,
    retry: retryOptions(s),
  });
  const cluster = captured;
  if (cluster === undefined) throw new Error('kafkajs did not hand over its cluster');
  const fetcher = new AssignedFetcher(
    cluster,
    assignment,
    {
      maxWaitMs: s.fetchMaxWaitMs,
      minBytes: s.fetchMinBytes,
      maxBytes: s.fetchMaxBytes,
      maxPartitionBytes: s.maxPartitionFetchBytes,
      readCommitted: s.readCommitted,
      retryBackoffMs: s.retryBackoffMs,
      resetPolicy: s.resetPolicy,
    },
    warn,
    learnBrokers,
  );
  let running: Promise<void> = Promise.resolve();
  return {
    run(sink) {
      running = fetcher.run(sink);
      return running;
    },
    async close() {
      fetcher.stop();
      // An in-flight fetch returns within fetch.max.wait.ms; don't hang on a broker that went silent.
      await Promise.race([running.catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
      await cluster.disconnect().catch(() => undefined);
    },
  };
}

/** kafkajs' KafkaMessage carries the batch details (magic, timestamp type) at run time only. */
function fromKafkaMessage(
  topic: string,
  partition: number,
  m: KafkaMessage,
): ReturnType<typeof toConsumedRecord> {
  const headers: Record<string, Buffer | Buffer[] | null | undefined> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    const toBuffer = (x: Buffer | string): Buffer => (typeof x === 'string' ? Buffer.from(x, 'utf8') : x);
    headers[k] = v === undefined ? undefined : Array.isArray(v) ? v.map(toBuffer) : toBuffer(v);
  }
  const magicByte = 'magicByte' in m ? m.magicByte : undefined;
  const context = 'batchContext' in m ? m.batchContext : undefined;
  const batchContext = typeof context === 'object' && context !== null ? context : undefined;
  return toConsumedRecord(topic, partition, {
    offset: m.offset,
    timestamp: m.timestamp,
    key: m.key,
    value: m.value,
    headers,
    attributes: m.attributes,
    ...(typeof magicByte === 'number' ? { magicByte } : {}),
    ...(batchContext !== undefined ? { batchContext } : {}),
  });
}

/** A kafkajs group consumer configured from Kafka's consumer properties (also the perf tool's). */
export function groupConsumerConfig(s: ConsumerClientSettings): ConsumerConfig {
  return {
    groupId: s.groupId,
    partitionAssigners: [s.assignor === 'range' ? rangeAssigner : PartitionAssigners.roundRobin],
    sessionTimeout: s.sessionTimeoutMs,
    rebalanceTimeout: s.maxPollIntervalMs,
    heartbeatInterval: s.heartbeatIntervalMs,
    maxBytesPerPartition: s.maxPartitionFetchBytes,
    minBytes: s.fetchMinBytes,
    maxBytes: s.fetchMaxBytes,
    maxWaitTimeInMs: s.fetchMaxWaitMs,
    readUncommitted: !s.readCommitted,
    allowAutoTopicCreation: s.allowAutoTopicCreation,
    metadataMaxAge: s.metadataMaxAgeMs,
    // kafkajs restarts the consumer after a retriable failure (the Java consumer never gives up).
    retry: retryOptions(s),
  };
}

export function groupSource(
  kafka: Kafka,
  s: ConsumerClientSettings,
  topics: (string | RegExp)[],
): RecordSource {
  const consumer: Consumer = kafka.consumer(groupConsumerConfig(s));
  let stopping = false;
  let finish: ((err?: unknown) => void) | undefined;
  return {
    async run(sink) {
      const done = new Promise<void>((resolve, reject) => {
        finish = (err) =>
          err === undefined ? resolve() : reject(err instanceof Error ? err : new Error(String(err)));
      });
      consumer.on(consumer.events.CRASH, (event) => {
        if (!event.payload.restart) finish?.(event.payload.error);
      });
      // Like the Java consumer, keep trying to reach the cluster until stopped.
      for (;;) {
        try {
          await consumer.connect();
          break;
        } catch {
          if (stopping) return;
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
      if (stopping) return;
      await consumer.subscribe({ topics, fromBeginning: s.resetPolicy === 'earliest' });
      await consumer.run({
        autoCommit: s.autoCommit,
        autoCommitInterval: s.autoCommitIntervalMs,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          for (const message of batch.messages) {
            if (stopping || !isRunning() || isStale()) break;
            const { accepted, more } = await sink([fromKafkaMessage(batch.topic, batch.partition, message)]);
            // Only what was printed counts as consumed (Kafka's resetUnconsumedOffsets before closing).
            if (accepted > 0) resolveOffset(message.offset);
            if (!more) {
              stopping = true;
              finish?.();
              break;
            }
          }
          await heartbeat();
        },
      });
      return done;
    },
    async close() {
      stopping = true;
      finish?.();
      await consumer.disconnect().catch(() => undefined);
    },
  };
}
