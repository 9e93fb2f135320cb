/**
 * OffsetForLeaderEpoch (23), v0–v4: the end offset of a leader epoch on this leader (the start of the
 * next epoch, or the log end offset for the latest), which a follower uses to find where its log
 * diverges. Followers here use the Fetch diverging-epoch field instead, but the API answers as Kafka.
 */
import { ApiKey, ErrorCode, toErrorCode, type OffsetForLeaderEpochResponseInput } from '../../protocol';
import type { MetadataCache } from '../metadata-cache';
import type { ReplicaManager } from '../../replication/replica-manager';
import type { ApiHandler } from './api-handler';

type TopicResult = OffsetForLeaderEpochResponseInput['topics'][number];

export function offsetForLeaderEpochHandler(deps: {
  replicaManager: ReplicaManager;
  metadataCache: MetadataCache;
}): ApiHandler<typeof ApiKey.OffsetForLeaderEpoch> {
  return {
    apiKey: ApiKey.OffsetForLeaderEpoch,
    minVersion: 0,
    maxVersion: 4,
    async handle(request, { header }) {
      const topics: TopicResult[] = request.topics.map((t) => ({
        topic: t.topic,
        partitions: t.partitions.map((p) => {
          const out = {
            errorCode: ErrorCode.NONE as number,
            partition: p.partition,
            leaderEpoch: -1,
            endOffset: -1n,
          };
          try {
            const partition = deps.replicaManager.leaderPartition(
              { topic: t.topic, partition: p.partition },
              deps.metadataCache.contains(t.topic),
            );
            out.errorCode = partition.checkCurrentLeaderEpoch(p.currentLeaderEpoch);
            if (out.errorCode !== ErrorCode.NONE) {
              return out;
            }
            const found = partition.localLog.endOffsetForEpoch(p.leaderEpoch);
            if (found) {
              out.leaderEpoch = found.epoch;
              out.endOffset = found.offset;
            }
          } catch (err) {
            out.errorCode = toErrorCode(err);
          }
          if (header.apiVersion < 1) {
            const { leaderEpoch: _ignored, ...v0 } = out;
            return v0;
          }
          return out;
        }),
      }));
      return { throttleTimeMs: 0, topics };
    },
  };
}
