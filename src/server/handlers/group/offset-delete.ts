/**
 * OffsetDelete (47), v0: deletes a group's offsets of partitions it does not consume (all of them
 * for an Empty group). A group-level error leaves the topics empty.
 */
import { ApiKey, ErrorCode } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import type { GroupApiDeps } from './deps';

export function offsetDeleteHandler(deps: GroupApiDeps): ApiHandler<typeof ApiKey.OffsetDelete> {
  return {
    apiKey: ApiKey.OffsetDelete,
    minVersion: 0,
    maxVersion: 0,
    handle(request) {
      const results = new Map<string, { partitionIndex: number; errorCode: number }[]>();
      const add = (topic: string, partitionIndex: number, errorCode: number): void => {
        let list = results.get(topic);
        if (!list) results.set(topic, (list = []));
        list.push({ partitionIndex, errorCode });
      };
      const known: { topic: string; partition: number }[] = [];
      for (const t of request.topics)
        for (const p of t.partitions) {
          if (deps.metadataCache.partition(t.name, p.partitionIndex))
            known.push({ topic: t.name, partition: p.partitionIndex });
          else add(t.name, p.partitionIndex, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
      const r = deps.coordinator.handleDeleteOffsets(request.groupId, known);
      if (r.error !== ErrorCode.NONE)
        return Promise.resolve({ errorCode: r.error, throttleTimeMs: 0, topics: [] });
      for (const p of r.partitions) add(p.tp.topic, p.tp.partition, p.error);
      return Promise.resolve({
        errorCode: ErrorCode.NONE,
        throttleTimeMs: 0,
        topics: [...results].map(([name, partitions]) => ({ name, partitions })),
      });
    },
  };
}
