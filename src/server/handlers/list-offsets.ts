/**
 * ListOffsets (2), v1–v6: earliest (-2) is the log start offset, latest (-1) the high watermark for
 * consumers (the log end offset for a replica), any other timestamp the first offset whose record
 * timestamp is at or after it, through the time index (-1/-1 when there is none).
 */
import { ApiKey, ErrorCode, toErrorCode, type ListOffsetsResponseInput } from '../../protocol';
import type { MetadataCache } from '../metadata-cache';
import type { ReplicaManager } from '../../replication/replica-manager';
import type { ApiHandler } from './api-handler';

export interface ListOffsetsDeps {
  replicaManager: ReplicaManager;
  metadataCache: MetadataCache;
}

const EARLIEST = -2n;
const LATEST = -1n;

type TopicResponse = NonNullable<ListOffsetsResponseInput['topics']>[number];

export function listOffsetsHandler(deps: ListOffsetsDeps): ApiHandler<typeof ApiKey.ListOffsets> {
  return {
    apiKey: ApiKey.ListOffsets,
    minVersion: 1,
    maxVersion: 6,
    async handle(request, { header }) {
      const topics: TopicResponse[] = request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((lp) => {
          const out = {
            partitionIndex: lp.partitionIndex,
            errorCode: ErrorCode.NONE as number,
            timestamp: -1n,
            offset: -1n,
            leaderEpoch: -1,
          };
          try {
            const partition = deps.replicaManager.leaderPartition(
              { topic: t.name, partition: lp.partitionIndex },
              deps.metadataCache.contains(t.name),
            );
            out.errorCode = partition.checkCurrentLeaderEpoch(lp.currentLeaderEpoch);
            if (out.errorCode !== ErrorCode.NONE) {
              return out;
            }
            const log = partition.localLog;
            out.leaderEpoch = partition.leaderEpoch;
            if (lp.timestamp === EARLIEST) {
              out.offset = log.logStartOffset;
            } else if (lp.timestamp === LATEST) {
              out.offset = request.replicaId >= 0 ? log.logEndOffset : log.highWatermark;
            } else {
              const found = log.fetchOffsetByTimestamp(lp.timestamp);
              if (found && found.offset < log.highWatermark) {
                out.timestamp = found.timestamp;
                out.offset = found.offset;
                if (found.leaderEpoch !== undefined) out.leaderEpoch = found.leaderEpoch;
              } else out.leaderEpoch = -1;
            }
          } catch (err) {
            out.errorCode = toErrorCode(err);
          }
          return out;
        }),
      }));
      // leaderEpoch exists from v4 only.
      if (header.apiVersion < 4) for (const t of topics) for (const p of t.partitions) delete p.leaderEpoch;
      return { throttleTimeMs: 0, topics };
    },
  };
}
