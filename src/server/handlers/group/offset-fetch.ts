/**
 * OffsetFetch (9), v1–v8. Partitions without a committed offset get -1. v2+ may ask for every
 * partition the group has (topics null); v7+ may require stable offsets (UNSTABLE_OFFSET_COMMIT while
 * a commit is in flight); v8 batches groups. A group-level error (NOT_COORDINATOR, ...) goes into
 * every requested partition for v1, into the top-level error for v2–v7, and per group for v8.
 */
import { ApiKey, ErrorCode } from '../../../protocol';
import type { FetchedOffset } from '../../../coordinator/group/group-metadata-manager';
import type { ApiHandler } from '../api-handler';
import type { GroupApiDeps } from './deps';

type RequestedTopics = { name: string; partitionIndexes: number[] }[] | null;

interface TopicOffsets {
  name: string;
  partitions: {
    partitionIndex: number;
    committedOffset: bigint;
    committedLeaderEpoch: number;
    metadata: string | null;
    errorCode: number;
  }[];
}

function byTopic(offsets: readonly FetchedOffset[]): TopicOffsets[] {
  const topics = new Map<string, TopicOffsets>();
  for (const o of offsets) {
    let t = topics.get(o.tp.topic);
    if (!t) topics.set(o.tp.topic, (t = { name: o.tp.topic, partitions: [] }));
    t.partitions.push({
      partitionIndex: o.tp.partition,
      committedOffset: o.offset,
      committedLeaderEpoch: o.leaderEpoch,
      metadata: o.metadata,
      errorCode: o.error,
    });
  }
  return [...topics.values()];
}

export function offsetFetchHandler(deps: GroupApiDeps): ApiHandler<typeof ApiKey.OffsetFetch> {
  const fetch = (groupId: string, topics: RequestedTopics, requireStable: boolean) => {
    const tps = topics?.flatMap((t) => t.partitionIndexes.map((partition) => ({ topic: t.name, partition })));
    return { tps, ...deps.coordinator.handleFetchOffsets(groupId, requireStable, tps ?? null) };
  };
  return {
    apiKey: ApiKey.OffsetFetch,
    minVersion: 1,
    maxVersion: 8,
    handle(request, { header }) {
      const version = header.apiVersion;
      const requireStable = version >= 7 && request.requireStable;
      if (version >= 8) {
        const groups = request.groups.map((g) => {
          const r = fetch(g.groupId, g.topics, requireStable);
          return {
            groupId: g.groupId,
            topics: r.error === ErrorCode.NONE ? byTopic(r.offsets) : [],
            errorCode: r.error,
          };
        });
        return Promise.resolve({ throttleTimeMs: 0, groups });
      }
      const r = fetch(request.groupId, version >= 2 ? request.topics : (request.topics ?? []), requireStable);
      if (r.error === ErrorCode.NONE)
        return Promise.resolve({ throttleTimeMs: 0, topics: byTopic(r.offsets), errorCode: 0 });
      if (version >= 2) return Promise.resolve({ throttleTimeMs: 0, topics: [], errorCode: r.error });
      const failed = (r.tps ?? []).map((tp) => ({
        tp,
        offset: -1n,
        leaderEpoch: -1,
        metadata: '',
        error: r.error,
      }));
      return Promise.resolve({ throttleTimeMs: 0, topics: byTopic(failed) });
    },
  };
}
