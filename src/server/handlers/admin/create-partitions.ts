/**
 * CreatePartitions (37), v0–1, as Kafka 2.8's `KafkaApis.handleCreatePartitionsRequest`:
 * NOT_CONTROLLER off the active controller; a topic named twice gets INVALID_REQUEST
 * (`Duplicate topic in request.`); a topic queued for deletion gets INVALID_TOPIC_EXCEPTION; the rest
 * go to TopicAdmin (increase only, manual assignments checked, validateOnly writes nothing) and the
 * answer waits until every partition has a leader in this broker's metadata (or REQUEST_TIMED_OUT).
 */
import { ApiKey, ErrorCode } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import { apiError, type ApiError } from './api-error';
import type { TopicAdmin } from './topic-admin';

export interface CreatePartitionsDeps {
  topicAdmin: TopicAdmin;
  isController: () => boolean;
  /** Whether the controller has the topic queued for deletion. */
  isQueuedForDeletion: (topic: string) => boolean;
}

export function createPartitionsHandler(
  deps: CreatePartitionsDeps,
): ApiHandler<typeof ApiKey.CreatePartitions> {
  return {
    apiKey: ApiKey.CreatePartitions,
    minVersion: 0,
    maxVersion: 1,
    async handle(request) {
      const names = request.topics.map((t) => t.name);
      const errors = new Map<string, ApiError>();
      if (!deps.isController()) {
        for (const n of names) errors.set(n, apiError(ErrorCode.NOT_CONTROLLER));
      } else {
        const count = new Map<string, number>();
        for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
        for (const [n, c] of count)
          if (c > 1) errors.set(n, apiError(ErrorCode.INVALID_REQUEST, 'Duplicate topic in request.'));
        const notDuped = request.topics.filter((t) => count.get(t.name) === 1);
        const valid = notDuped.filter((t) => {
          if (!deps.isQueuedForDeletion(t.name)) return true;
          errors.set(
            t.name,
            apiError(ErrorCode.INVALID_TOPIC_EXCEPTION, 'The topic is queued for deletion.'),
          );
          return false;
        });
        const results = await deps.topicAdmin.createPartitions(
          request.timeoutMs,
          valid.map((t) => ({
            name: t.name,
            count: t.count,
            assignments: t.assignments === null ? null : t.assignments.map((a) => a.brokerIds),
          })),
          request.validateOnly,
        );
        for (const [n, e] of results) errors.set(n, e);
      }
      return {
        throttleTimeMs: 0,
        results: [...new Set(names)].map((name) => {
          const e = errors.get(name) ?? apiError(ErrorCode.UNKNOWN_SERVER_ERROR);
          return { name, errorCode: e.code, errorMessage: e.message };
        }),
      };
    },
  };
}
