/**
 * Fetch (1), v4–v12, for consumers (replicaId -1: read up to the high watermark) and followers
 * (replicaId = broker id: read up to the log end offset; their fetch offset is their progress, which
 * moves the ISR and high watermark). Records are returned as stored, whole batches from the one
 * holding the fetch offset. Under `minBytes` of data the request waits in the fetch purgatory until
 * an append (or a high-watermark move) brings enough, or `maxWaitMs` passes. No fetch sessions: the
 * response's session id is 0, so clients send full requests.
 */
import { ApiKey, ErrorCode, toErrorCode, type FetchRequest, type FetchResponseInput } from '../../protocol';
import type { MetadataCache } from '../metadata-cache';
import type { ReplicaManager } from '../../replication/replica-manager';
import { DelayedFetch } from '../../replication/delayed-operations';
import { tpKey } from '../../replication/replica-manager';
import type { ApiHandler } from './api-handler';

export interface FetchDeps {
  replicaManager: ReplicaManager;
  metadataCache: MetadataCache;
}

type PartitionResponse = NonNullable<FetchResponseInput['responses']>[number]['partitions'][number];

interface PartitionRead {
  topic: string;
  response: PartitionResponse;
  bytes: number;
}

const EMPTY = Buffer.alloc(0);

export function fetchHandler(deps: FetchDeps): ApiHandler<typeof ApiKey.Fetch> {
  const rm = deps.replicaManager;

  /** Reads every requested partition once; `minOneMessage` only for the first that has data. */
  function readAll(
    request: FetchRequest,
    version: number,
  ): { reads: PartitionRead[]; bytes: number; errors: boolean } {
    const isFollower = request.replicaId >= 0;
    let remaining = request.maxBytes;
    let total = 0;
    let errors = false;
    const reads: PartitionRead[] = [];
    for (const t of request.topics) {
      for (const fp of t.partitions) {
        const response: PartitionResponse = {
          partitionIndex: fp.partition,
          errorCode: ErrorCode.NONE,
          highWatermark: -1n,
          lastStableOffset: -1n,
          logStartOffset: -1n,
          abortedTransactions: version >= 4 ? [] : null,
          preferredReadReplica: -1,
          records: EMPTY,
        };
        let bytes = 0;
        try {
          const partition = rm.leaderPartition(
            { topic: t.topic, partition: fp.partition },
            deps.metadataCache.contains(t.topic),
          );
          response.errorCode = partition.checkCurrentLeaderEpoch(fp.currentLeaderEpoch);
          if (response.errorCode === ErrorCode.NONE) {
            const log = partition.localLog;
            const leaderLeo = log.logEndOffset;
            const diverging =
              isFollower && fp.lastFetchedEpoch >= 0 ? log.endOffsetForEpoch(fp.lastFetchedEpoch) : undefined;
            if (diverging && (diverging.epoch !== fp.lastFetchedEpoch || diverging.offset < fp.fetchOffset)) {
              // The follower has records the leader does not: it must truncate before fetching more.
              response.divergingEpoch = { epoch: diverging.epoch, endOffset: diverging.offset };
            } else {
              const maxOffset = isFollower ? leaderLeo : log.highWatermark;
              const limit = Math.min(fp.partitionMaxBytes, Math.max(remaining, 0));
              const data = log.read(fp.fetchOffset, limit, maxOffset, total === 0 && limit > 0);
              response.records = data.records;
              bytes = data.records.length;
              if (
                isFollower &&
                partition.updateFollowerFetchState(request.replicaId, fp.fetchOffset, leaderLeo)
              ) {
                rm.onPartitionChanged({ topic: t.topic, partition: fp.partition });
              }
            }
            response.highWatermark = log.highWatermark;
            response.lastStableOffset = log.highWatermark;
            response.logStartOffset = log.logStartOffset;
          }
        } catch (err) {
          response.errorCode = toErrorCode(err);
          const p = rm.getPartition({ topic: t.topic, partition: fp.partition });
          if (p?.isLeader()) {
            response.highWatermark = p.highWatermark;
            response.lastStableOffset = p.highWatermark;
            response.logStartOffset = p.localLog.logStartOffset;
          }
        }
        if (response.errorCode !== ErrorCode.NONE) errors = true;
        remaining -= bytes;
        total += bytes;
        reads.push({ topic: t.topic, response, bytes });
      }
    }
    return { reads, bytes: total, errors };
  }

  function toResponse(reads: PartitionRead[]): FetchResponseInput {
    const byTopic = new Map<string, PartitionResponse[]>();
    for (const r of reads) {
      let list = byTopic.get(r.topic);
      if (!list) byTopic.set(r.topic, (list = []));
      list.push(r.response);
    }
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      sessionId: 0,
      responses: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
    };
  }

  return {
    apiKey: ApiKey.Fetch,
    minVersion: 4,
    maxVersion: 12,
    async handle(request, { header }) {
      const version = header.apiVersion;
      const first = readAll(request, version);
      if (
        request.maxWaitMs <= 0 ||
        first.bytes >= request.minBytes ||
        first.errors ||
        first.reads.length === 0
      ) {
        return toResponse(first.reads);
      }
      const keys = first.reads.map((r) => tpKey({ topic: r.topic, partition: r.response.partitionIndex }));
      return new Promise((resolve) => {
        let latest = first;
        const op = new DelayedFetch(
          request.maxWaitMs,
          () => {
            latest = readAll(request, version);
            return latest.bytes >= request.minBytes || latest.errors;
          },
          () => resolve(toResponse(latest.reads)),
        );
        // The first read was just done: watch without reading again unless something changes.
        rm.fetchPurgatory.tryCompleteElseWatch(op, keys);
      });
    },
  };
}
