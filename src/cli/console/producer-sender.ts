/**
 * The console producer's send path on kafkajs, shaped like the Java producer's:
 *
 * - records wait up to `linger.ms` (the tool's `--timeout`, 1000 ms by default) or until `batch.size`
 *   bytes are pending, then go out together (one kafkajs send: one Produce request per leader); one
 *   send is in flight at a time, so records keep their order per partition;
 * - `buffer.memory` bounds what may wait: reading stdin pauses until sends make room;
 * - a send that fails because metadata is missing (topic being auto-created, no leader yet) or a
 *   broker is unreachable is retried until `max.block.ms` / `delivery.timeout.ms` pass, as the Java
 *   producer keeps such batches; other errors have had kafkajs' `retries` already. Each record of a
 *   failed send is then reported as Kafka's ErrorLoggingCallback does.
 */
import type { LineRecord } from './line-reader';
import { AdminError } from '../../admin/errors';
import { kafkaErrorName, rootCause } from './java-errors';

export interface AccumulatorSettings {
  lingerMs: number;
  batchSize: number;
  bufferMemory: number;
}

export function recordBytes(r: LineRecord): number {
  return r.value.length + (r.key?.length ?? 0);
}

export class RecordAccumulator {
  private queue: LineRecord[] = [];
  private bytes = 0;
  private firstAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private forced = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly settings: AccumulatorSettings,
    private readonly send: (batch: LineRecord[]) => Promise<void>,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Queues a record; resolves once there is buffer room for more. */
  async append(record: LineRecord): Promise<void> {
    if (this.queue.length === 0) this.firstAt = this.now();
    this.queue.push(record);
    this.bytes += recordBytes(record);
    this.kick();
    while (this.bytes > this.settings.bufferMemory && this.inFlight !== undefined) await this.progress();
  }

  /** Sends everything pending now and waits for it (Java's flush / close). */
  async flush(): Promise<void> {
    this.forced = true;
    try {
      while (this.queue.length > 0 || this.inFlight !== undefined) {
        this.kick();
        await this.progress();
      }
    } finally {
      this.forced = false;
    }
  }

  private progress(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private kick(): void {
    if (this.inFlight !== undefined || this.queue.length === 0) return;
    const waited = this.now() - this.firstAt;
    if (!this.forced && this.bytes < this.settings.batchSize && waited < this.settings.lingerMs) {
      if (this.timer === undefined)
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.kick();
        }, this.settings.lingerMs - waited);
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.bytes = 0;
    this.firstAt = this.now();
    this.inFlight = this.send(batch)
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = undefined;
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
        this.kick();
      });
  }
}

/** Errors the Java producer would wait out (metadata, connections) rather than count as a retry. */
export function waitableError(err: unknown): 'metadata' | 'connection' | undefined {
  const e = rootCause(err);
  const name = typeof e === 'object' && e !== null && 'name' in e ? e.name : undefined;
  const type = typeof e === 'object' && e !== null && 'type' in e ? e.type : undefined;
  if (name === 'KafkaJSMetadataNotLoaded' || name === 'KafkaJSTopicMetadataNotLoaded') return 'metadata';
  if (type === 'LEADER_NOT_AVAILABLE' || type === 'UNKNOWN_TOPIC_OR_PARTITION') return 'metadata';
  if (
    name === 'KafkaJSConnectionError' ||
    name === 'KafkaJSConnectionClosedError' ||
    name === 'KafkaJSBrokerNotFound' ||
    name === 'KafkaJSRequestTimeoutError' ||
    type === 'NOT_LEADER_FOR_PARTITION'
  )
    return 'connection';
  return undefined;
}

export interface SendLoopSettings {
  topic: string;
  maxBlockMs: number;
  deliveryTimeoutMs: number;
  retryBackoffMs: number;
}

/**
 * Runs `attempt` until it succeeds, fails with an error the Java client would not wait out, or the
 * wait budget runs out (then throws Java's TimeoutException). `warn` gets Kafka's metadata warnings.
 */
export async function sendWithWaits(
  attempt: () => Promise<void>,
  s: SendLoopSettings,
  records: number,
  warn: (message: string) => void,
  isStopping: () => boolean = () => false,
): Promise<void> {
  const started = Date.now();
  let correlationId = 1;
  let pause = 50;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (err) {
      const kind = waitableError(err);
      if (kind === undefined) throw err;
      const elapsed = Date.now() - started;
      const budget = kind === 'metadata' ? s.maxBlockMs : s.deliveryTimeoutMs;
      if (elapsed >= budget || isStopping()) {
        throw kind === 'metadata'
          ? new AdminError(
              'org.apache.kafka.common.errors.TimeoutException',
              `Topic ${s.topic} not present in metadata after ${s.maxBlockMs} ms.`,
            )
          : new AdminError(
              'org.apache.kafka.common.errors.TimeoutException',
              `Expiring ${records} record(s) for ${s.topic}:${elapsed} ms has passed since batch creation`,
            );
      }
      const root = rootCause(err);
      const type = typeof root === 'object' && root !== null && 'type' in root ? root.type : undefined;
      if (typeof type === 'string' && kind === 'metadata') {
        correlationId += 1;
        warn(
          `Error while fetching metadata with correlation id ${correlationId} : {${s.topic}=${kafkaErrorName(type)}}`,
        );
      }
      // Metadata is asked for again after retry.backoff.ms; reconnects back off up to a second.
      const wait = kind === 'metadata' ? Math.max(s.retryBackoffMs, 50) : pause;
      pause = Math.min(1000, pause * 2);
      await new Promise((r) => setTimeout(r, Math.min(wait, Math.max(0, budget - elapsed))));
    }
  }
}

/** Kafka's ErrorLoggingCallback message for one record (the exception goes on the next line). */
export function sendErrorMessage(record: LineRecord): string {
  const key = record.key === null ? 'null' : `${record.key.length} bytes`;
  return `Error when sending message to topic ${record.topic} with key: ${key}, value: ${record.value.length} bytes with error:`;
}
