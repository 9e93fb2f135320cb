/**
 * DeleteTopics (20), v0–6, as Kafka 2.8's `KafkaApis.handleDeleteTopicsRequest`: NOT_CONTROLLER off
 * the active controller; with `delete.topic.enable=false` every topic fails with INVALID_REQUEST
 * (v0–2) or TOPIC_DELETION_DISABLED (v3+); topics this broker's metadata does not know get
 * UNKNOWN_TOPIC_OR_PARTITION. The rest are marked under `/admin/delete_topics` and the answer waits
 * until they are gone from the metadata cache (or REQUEST_TIMED_OUT). v6 may name topics by id.
 */
import { ApiKey, ErrorCode, ZERO_UUID, type DeleteTopicsResponseInput } from '../../../protocol';
import type { MetadataCache } from '../../metadata-cache';
import type { ApiHandler } from '../api-handler';
import type { TopicAdmin } from './topic-admin';

type TopicResult = DeleteTopicsResponseInput['responses'][number];

export interface DeleteTopicsDeps {
  topicAdmin: TopicAdmin;
  metadataCache: MetadataCache;
  isController: () => boolean;
  deleteTopicEnable: boolean;
  /** The name of a topic id, as the controller knows it (v6 requests by id). */
  topicNameOf: (topicId: string) => string | undefined;
}

export function deleteTopicsHandler(deps: DeleteTopicsDeps): ApiHandler<typeof ApiKey.DeleteTopics> {
  return {
    apiKey: ApiKey.DeleteTopics,
    minVersion: 0,
    maxVersion: 6,
    async handle(request, { header }) {
      const version = header.apiVersion;
      const topics =
        version >= 6
          ? request.topics.map((t) => ({ name: t.name, topicId: t.topicId }))
          : request.topicNames.map((name) => ({ name: name as string | null, topicId: ZERO_UUID }));
      const answer = (responses: TopicResult[]): { throttleTimeMs: number; responses: TopicResult[] } => ({
        throttleTimeMs: 0,
        responses,
      });
      const all = (errorCode: number): TopicResult[] =>
        topics.map((t) => ({ name: t.name, topicId: t.topicId, errorCode, errorMessage: null }));
      if (!deps.isController()) return answer(all(ErrorCode.NOT_CONTROLLER));
      if (!deps.deleteTopicEnable)
        return answer(all(version < 3 ? ErrorCode.INVALID_REQUEST : ErrorCode.TOPIC_DELETION_DISABLED));
      if (topics.some((t) => t.name !== null && t.topicId !== ZERO_UUID))
        return answer(all(ErrorCode.INVALID_REQUEST)); // "Topic name and topic ID can not both be specified."

      const results: TopicResult[] = topics.map((t) => {
        const name = t.topicId === ZERO_UUID ? t.name : (deps.topicNameOf(t.topicId) ?? null);
        let errorCode: number = ErrorCode.NONE;
        if (name === null) errorCode = ErrorCode.UNKNOWN_TOPIC_ID;
        else if (!deps.metadataCache.contains(name)) errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        return { name, topicId: t.topicId, errorCode, errorMessage: null };
      });
      const toDelete = [
        ...new Set(
          results
            .filter((r) => r.errorCode === ErrorCode.NONE && r.name !== null)
            .map((r) => r.name as string),
        ),
      ];
      if (toDelete.length > 0) {
        const errors = await deps.topicAdmin.deleteTopics(request.timeoutMs, toDelete);
        for (const r of results)
          if (r.errorCode === ErrorCode.NONE && r.name !== null)
            r.errorCode = errors.get(r.name) ?? ErrorCode.NONE;
      }
      return answer(results);
    },
  };
}
