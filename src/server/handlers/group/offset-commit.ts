/**
 * OffsetCommit (8), v2–v8. Partitions unknown to the metadata cache get UNKNOWN_TOPIC_OR_PARTITION;
 * the rest go to the coordinator with the commit time of now, the leader epoch (v6+), the metadata
 * (null stored as ""), and for v2–v4 an expire time of now + retentionTimeMs when one is given.
 * The response follows the request's order.
 */
import { ApiKey, ErrorCode } from '../../../protocol';
import type { OffsetCommits } from '../../../coordinator/group/group-metadata-manager';
import { topicPartitionKey } from '../../../coordinator/group/group-offsets';
import type { ApiHandler } from '../api-handler';
import type { GroupApiDeps } from './deps';

export function offsetCommitHandler(
  deps: GroupApiDeps,
  now: () => number,
): ApiHandler<typeof ApiKey.OffsetCommit> {
  return {
    apiKey: ApiKey.OffsetCommit,
    minVersion: 2,
    maxVersion: 8,
    async handle(request, { header }) {
      const version = header.apiVersion;
      const ts = BigInt(now());
      const retention = version <= 4 ? request.retentionTimeMs : -1n;
      const errors = new Map<string, number>();
      const commits: OffsetCommits = new Map();
      for (const t of request.topics) {
        for (const p of t.partitions) {
          const tp = { topic: t.name, partition: p.partitionIndex };
          const key = topicPartitionKey(tp);
          if (!deps.metadataCache.partition(t.name, p.partitionIndex)) {
            errors.set(key, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
            continue;
          }
          commits.set(key, {
            tp,
            offset: {
              offset: p.committedOffset,
              leaderEpoch: version >= 6 ? p.committedLeaderEpoch : -1,
              metadata: p.committedMetadata ?? '',
              commitTimestamp: ts,
              expireTimestamp: retention === -1n ? null : ts + retention,
            },
          });
        }
      }
      if (commits.size > 0) {
        const statuses = await deps.coordinator.handleCommitOffsets(
          request.groupId,
          request.memberId,
          version >= 7 ? request.groupInstanceId : null,
          request.generationId,
          commits,
        );
        for (const [k, e] of statuses) errors.set(k, e);
      }
      return {
        throttleTimeMs: 0,
        topics: request.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({
            partitionIndex: p.partitionIndex,
            errorCode:
              errors.get(topicPartitionKey({ topic: t.name, partition: p.partitionIndex })) ??
              ErrorCode.UNKNOWN_SERVER_ERROR,
          })),
        })),
      };
    },
  };
}
