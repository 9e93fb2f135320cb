/**
 * Followers copy their leaders' logs (Kafka's ReplicaFetcherManager and ReplicaFetcherThread): one
 * fetcher per source broker fetches all the partitions this broker follows from it, with Fetch v12
 * and `replicaId` set to this broker. Fetched batches are appended as they are (offsets already
 * assigned); the follower's high watermark is min(leader's high watermark, own log end offset). A
 * diverging epoch in the response means this log has records the leader never had: it is truncated
 * to the leader's end offset for that epoch before fetching on. Errors back off for
 * `replica.fetch.backoff.ms`; the partition is retried until the controller moves it.
 *
 * Lifecycle: fetchers start when partitions are added and stop when their last partition goes or at
 * `shutdown()`. Each fetcher has at most one request in flight.
 */
import type { Logger } from '../common/logger';
import { getLogger } from '../common/logger';
import { BrokerClient } from '../network/broker-client';
import { ApiKey, ErrorCode, type FetchResponse } from '../protocol';
import type { Partition } from './partition';

export const FETCH_VERSION = 12;

export interface ReplicaFetcherSettings {
  brokerId: number;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  /** Per-partition bytes (replica.fetch.max.bytes). */
  fetchSize: number;
  backoffMs: number;
  requestTimeoutMs: number;
}

interface FetchState {
  partition: Partition;
  delayedUntil: number;
}

class ReplicaFetcher {
  private readonly states = new Map<string, FetchState>();
  private running = false;
  private stopped = false;
  private readonly client: BrokerClient;
  private readonly log: Logger;

  constructor(
    readonly leaderId: number,
    endpoint: { host: string; port: number },
    private readonly s: ReplicaFetcherSettings,
  ) {
    this.client = new BrokerClient(
      { id: leaderId, ...endpoint },
      { clientId: `broker-${s.brokerId}-fetcher-0`, requestTimeoutMs: s.requestTimeoutMs },
    );
    this.log = getLogger(
      'kafka.server.ReplicaFetcherThread',
      `[ReplicaFetcher replicaId=${s.brokerId}, leaderId=${leaderId}, fetcherId=0] `,
    );
  }

  get size(): number {
    return this.states.size;
  }

  add(partitions: Partition[]): void {
    for (const p of partitions) this.states.set(p.name, { partition: p, delayedUntil: 0 });
    if (!this.running && !this.stopped) {
      this.log.info('Starting');
      void this.run();
    }
  }

  remove(names: string[]): void {
    for (const n of names) this.states.delete(n);
  }

  stop(): void {
    this.stopped = true;
    this.client.close();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (!this.stopped && this.states.size > 0) {
        const now = Date.now();
        const ready = [...this.states.values()].filter((st) => st.delayedUntil <= now);
        if (ready.length === 0) {
          await sleep(Math.min(this.s.backoffMs, 100));
          continue;
        }
        try {
          await this.fetchOnce(ready);
        } catch (err) {
          if (this.stopped) break;
          this.log.warn(
            `Error in response for fetch request: ${err instanceof Error ? err.message : String(err)}`,
          );
          for (const st of ready) st.delayedUntil = Date.now() + this.s.backoffMs;
        }
      }
    } finally {
      this.running = false;
      if (this.stopped || this.states.size === 0) this.log.info('Stopped');
    }
  }

  private async fetchOnce(ready: FetchState[]): Promise<void> {
    const byTopic = new Map<string, FetchState[]>();
    for (const st of ready) {
      let list = byTopic.get(st.partition.topic);
      if (!list) byTopic.set(st.partition.topic, (list = []));
      list.push(st);
    }
    const response = await this.client.send(ApiKey.Fetch, FETCH_VERSION, {
      replicaId: this.s.brokerId,
      maxWaitMs: this.s.maxWaitMs,
      minBytes: this.s.minBytes,
      maxBytes: this.s.maxBytes,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [...byTopic].map(([topic, list]) => ({
        topic,
        partitions: list.map(({ partition: p }) => ({
          partition: p.partition,
          currentLeaderEpoch: p.leaderEpoch,
          fetchOffset: p.localLog.logEndOffset,
          lastFetchedEpoch: p.localLog.latestEpoch ?? -1,
          logStartOffset: p.localLog.logStartOffset,
          partitionMaxBytes: this.s.fetchSize,
        })),
      })),
      forgottenTopicsData: [],
      rackId: '',
    });
    this.process(response);
  }

  private process(response: FetchResponse): void {
    for (const t of response.responses) {
      for (const r of t.partitions) {
        const st = this.states.get(`${t.topic}-${r.partitionIndex}`);
        if (!st) continue;
        const p = st.partition;
        const log = p.localLog;
        switch (r.errorCode) {
          case ErrorCode.NONE: {
            if (r.divergingEpoch.epoch >= 0 || r.divergingEpoch.endOffset >= 0n) {
              this.truncateOnDivergence(p, r.divergingEpoch.epoch, r.divergingEpoch.endOffset);
              break;
            }
            const records = r.records;
            if (records && records.length > 0) log.appendAsFollower(records);
            const leo = log.logEndOffset;
            log.updateHighWatermark(r.highWatermark < leo ? r.highWatermark : leo);
            if (r.logStartOffset > log.logStartOffset && r.logStartOffset <= log.highWatermark) {
              log.maybeIncrementLogStartOffset(r.logStartOffset, 'leader offset increment');
            }
            break;
          }
          case ErrorCode.OFFSET_OUT_OF_RANGE: {
            // Behind the leader's log start: start over there. Ahead of its end: cut back to it.
            if (log.logEndOffset < r.logStartOffset) {
              this.log.warn(
                `Reset fetch offset for partition ${p.name} from ${log.logEndOffset} to current leader's start offset ${r.logStartOffset}`,
              );
              log.truncateFullyAndStartAt(r.logStartOffset);
            } else if (r.highWatermark >= 0n && log.logEndOffset > r.highWatermark) {
              this.log.warn(
                `Truncating partition ${p.name} to the leader's high watermark ${r.highWatermark} after an out-of-range fetch`,
              );
              log.truncateTo(r.highWatermark);
            } else st.delayedUntil = Date.now() + this.s.backoffMs;
            break;
          }
          default:
            // Not leader any more, epoch fenced, unknown partition...: wait for the controller.
            this.log.debug(`Error ${r.errorCode} fetching ${p.name}; backing off`);
            st.delayedUntil = Date.now() + this.s.backoffMs;
        }
      }
    }
  }

  /** Truncates to the leader's end offset for the diverging epoch (never past our own end). */
  private truncateOnDivergence(p: Partition, epoch: number, leaderEndOffset: bigint): void {
    const log = p.localLog;
    const own = log.endOffsetForEpoch(epoch);
    let target = leaderEndOffset;
    if (own && own.epoch === epoch && own.offset < target) target = own.offset;
    if (target > log.logEndOffset) target = log.logEndOffset;
    this.log.info(
      `Truncating partition ${p.name} with TruncationState(offset=${target}, completed=true) due to leader epoch and offset EpochEndOffset(errorCode=0, partition=${p.partition}, leaderEpoch=${epoch}, endOffset=${leaderEndOffset})`,
    );
    log.truncateTo(target);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export class ReplicaFetcherManager {
  private readonly fetchers = new Map<number, ReplicaFetcher>();
  private readonly assigned = new Map<string, number>();
  private readonly log: Logger;

  constructor(private readonly settings: ReplicaFetcherSettings) {
    this.log = getLogger(
      'kafka.server.ReplicaFetcherManager',
      `[ReplicaFetcherManager on broker ${settings.brokerId}] `,
    );
  }

  /** Starts following these partitions from their leaders. */
  addPartitions(
    partitions: Partition[],
    endpointOf: (brokerId: number) => { host: string; port: number } | undefined,
  ): void {
    this.removePartitions(partitions.map((p) => ({ topic: p.topic, partition: p.partition })));
    const byLeader = new Map<number, Partition[]>();
    for (const p of partitions) {
      if (p.leader < 0) continue;
      let list = byLeader.get(p.leader);
      if (!list) byLeader.set(p.leader, (list = []));
      list.push(p);
    }
    for (const [leaderId, list] of byLeader) {
      const endpoint = endpointOf(leaderId);
      if (!endpoint) {
        this.log.warn(
          `No endpoint known for leader ${leaderId}; not fetching ${list.map((p) => p.name).join(',')}`,
        );
        continue;
      }
      let fetcher = this.fetchers.get(leaderId);
      if (!fetcher)
        this.fetchers.set(leaderId, (fetcher = new ReplicaFetcher(leaderId, endpoint, this.settings)));
      fetcher.add(list);
      for (const p of list) this.assigned.set(p.name, leaderId);
      this.log.info(
        `Added fetcher to broker ${leaderId} for partitions ${list.map((p) => `${p.name} -> (offset=${p.localLog.logEndOffset}, leaderEpoch=${p.leaderEpoch})`).join(', ')}`,
      );
    }
  }

  removePartitions(tps: { topic: string; partition: number }[]): void {
    const removed: string[] = [];
    for (const tp of tps) {
      const name = `${tp.topic}-${tp.partition}`;
      const leaderId = this.assigned.get(name);
      if (leaderId === undefined) continue;
      this.assigned.delete(name);
      const fetcher = this.fetchers.get(leaderId);
      fetcher?.remove([name]);
      removed.push(name);
      if (fetcher && fetcher.size === 0) {
        fetcher.stop();
        this.fetchers.delete(leaderId);
      }
    }
    if (removed.length > 0) this.log.info(`Removed fetcher for partitions ${removed.join(',')}`);
  }

  shutdown(): void {
    for (const f of this.fetchers.values()) f.stop();
    this.fetchers.clear();
    this.assigned.clear();
  }
}
