/**
 * How `kafka-consumer-perf-test.sh` reads, and its poll loop:
 *
 * - {@link groupPerfSource}: a kafkajs consumer in the tool's group (`--group`, by default a random
 *   `perf-consumer-N` as in Kafka), subscribed to the topic, reading with eachBatch; the time from
 *   the start of consumption to the first assignment (and of each later rebalance) is
 *   rebalance.time.ms, as Kafka 2.8 measures it.
 * - {@link PollLoop}: Kafka's counting and progress lines, fed in polls of at most
 *   `max.poll.records` (500), the unit the Java tool counts in, so the count overshoots `--messages`
 *   as Kafka's does (by less than a poll).
 */
import type { Consumer, Kafka } from 'kafkajs';
import type { ConsumerClientSettings } from '../console/client-config';
import { groupConsumerConfig } from '../console/consumer-sources';
import { progressLine } from './consumer-stats';
import type { ConsumerPerfConfig } from './consumer-perf-options';

export interface Sized {
  key: Buffer | null;
  value: Buffer | null;
}

/** `ConsumerPerformance.consume`'s counters and reporting, fed one poll at a time. */
export class PollLoop {
  messagesRead = 0;
  bytesRead = 0;
  joinTimeMs = 0;
  private lastBytesRead = 0;
  private lastMessagesRead = 0;
  private joinTimeMsInSingleRound = 0;
  private lastReportTime: number;
  lastConsumedTime: number;

  constructor(
    private readonly config: Pick<
      ConsumerPerfConfig,
      'numMessages' | 'reportingIntervalMs' | 'showDetailedStats' | 'dateFormat' | 'recordFetchTimeoutMs'
    >,
    private readonly print: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.lastReportTime = now();
    this.lastConsumedTime = this.lastReportTime;
  }

  /** A rebalance (or the first join) took `ms`. */
  addJoinTime(ms: number): void {
    this.joinTimeMs += ms;
    this.joinTimeMsInSingleRound += ms;
  }

  get done(): boolean {
    return this.messagesRead >= this.config.numMessages;
  }

  timedOut(now = this.now()): boolean {
    return now - this.lastConsumedTime > this.config.recordFetchTimeoutMs;
  }

  /** One poll's records. */
  poll(records: readonly Sized[]): void {
    const current = this.now();
    if (records.length > 0) this.lastConsumedTime = current;
    for (const r of records) {
      this.messagesRead += 1;
      if (r.key !== null) this.bytesRead += r.key.length;
      if (r.value !== null) this.bytesRead += r.value.length;
      if (current - this.lastReportTime >= this.config.reportingIntervalMs) {
        if (this.config.showDetailedStats)
          this.print(
            progressLine(
              {
                bytesRead: this.bytesRead,
                lastBytesRead: this.lastBytesRead,
                messagesRead: this.messagesRead,
                lastMessagesRead: this.lastMessagesRead,
                startMs: this.lastReportTime,
                endMs: current,
                periodicJoinTimeMs: this.joinTimeMsInSingleRound,
              },
              this.config.dateFormat,
            ),
          );
        this.joinTimeMsInSingleRound = 0;
        this.lastReportTime = current;
        this.lastMessagesRead = this.messagesRead;
        this.lastBytesRead = this.bytesRead;
      }
    }
  }

  /** Feeds records in polls of `maxPollRecords`; returns how many were taken (stops when done). */
  feed(records: readonly Sized[], maxPollRecords: number): number {
    let taken = 0;
    while (taken < records.length && !this.done) {
      const poll = records.slice(taken, taken + maxPollRecords);
      this.poll(poll);
      taken += poll.length;
    }
    return taken;
  }
}

export interface PerfSource {
  consumer: Consumer;
  /** Runs until the loop is done or stop() is called. */
  run(loop: PollLoop, maxPollRecords: number): Promise<void>;
  stop(): Promise<void>;
}

export function groupPerfSource(kafka: Kafka, s: ConsumerClientSettings, topic: string): PerfSource {
  const consumer = kafka.consumer(groupConsumerConfig(s));
  let finish: (err?: unknown) => void = () => undefined;
  return {
    consumer,
    async run(loop, maxPollRecords) {
      const done = new Promise<void>((resolve, reject) => {
        finish = (err) =>
          err === undefined ? resolve() : reject(err instanceof Error ? err : new Error(String(err)));
      });
      // Kafka 2.8 times a join from the start of consumption, and a rebalance from its revocation.
      let joinStart = Date.now();
      consumer.on(consumer.events.REBALANCING, () => (joinStart = Date.now()));
      consumer.on(consumer.events.GROUP_JOIN, () => loop.addJoinTime(Date.now() - joinStart));
      consumer.on(consumer.events.CRASH, (event) => {
        if (!event.payload.restart) finish(event.payload.error);
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: s.resetPolicy === 'earliest' });
      await consumer.run({
        autoCommit: s.autoCommit,
        autoCommitInterval: s.autoCommitIntervalMs,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          if (loop.done) return;
          const taken = loop.feed(batch.messages, maxPollRecords);
          const last = batch.messages[taken - 1];
          if (last !== undefined) resolveOffset(last.offset);
          if (loop.done) finish();
          await heartbeat();
        },
      });
      return done;
    },
    async stop() {
      finish();
      await consumer.disconnect().catch(() => undefined);
    },
  };
}
