/**
 * CreateTopics (19), v0–7, as Kafka 2.8's `KafkaApis.handleCreateTopicsRequest`: only the active
 * controller accepts it (others answer NOT_CONTROLLER, and clients retry against the controller);
 * a name given twice fails with INVALID_REQUEST; the rest go to TopicAdmin, which validates, writes
 * the znodes and answers once this broker's metadata shows every new partition with a leader (or
 * REQUEST_TIMED_OUT). v5+ responses carry the partition count, replication factor and configs of each
 * topic created (or validated); v7 adds the topic id.
 */
import { ApiKey, ErrorCode, ZERO_UUID, type CreateTopicsResponseInput } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import { apiError, type ApiError } from './api-error';
import type { ConfigEntry } from './config-entries';
import type { CreateTopicOutcome, TopicAdmin } from './topic-admin';

type TopicResult = CreateTopicsResponseInput['topics'][number];

export interface CreateTopicsDeps {
  topicAdmin: TopicAdmin;
  /** Whether this broker may handle the request (Kafka: it is the active controller). */
  isController: () => boolean;
}

function configsOf(entries: readonly ConfigEntry[]): NonNullable<TopicResult['configs']> {
  return entries.map((e) => ({
    name: e.name,
    value: e.value,
    readOnly: e.readOnly,
    configSource: e.source,
    isSensitive: e.isSensitive,
  }));
}

function result(name: string, error: ApiError, outcome?: CreateTopicOutcome): TopicResult {
  const ok = error.code === ErrorCode.NONE;
  return {
    name,
    topicId: outcome?.topicId ?? ZERO_UUID,
    errorCode: error.code,
    errorMessage: error.message,
    numPartitions: ok ? (outcome?.numPartitions ?? -1) : -1,
    replicationFactor: ok ? (outcome?.replicationFactor ?? -1) : -1,
    configs: ok && outcome?.configs ? configsOf(outcome.configs) : [],
  };
}

export function createTopicsHandler(deps: CreateTopicsDeps): ApiHandler<typeof ApiKey.CreateTopics> {
  return {
    apiKey: ApiKey.CreateTopics,
    minVersion: 0,
    maxVersion: 7,
    async handle(request, { header }) {
      const names = request.topics.map((t) => t.name);
      if (!deps.isController()) {
        return {
          throttleTimeMs: 0,
          topics: names.map((n) => result(n, apiError(ErrorCode.NOT_CONTROLLER))),
        };
      }
      const count = new Map<string, number>();
      for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
      const toCreate = request.topics.filter((t) => count.get(t.name) === 1);
      const outcomes = await deps.topicAdmin.createTopics(
        request.timeoutMs,
        header.apiVersion >= 1 && request.validateOnly,
        toCreate.map((t) => ({
          name: t.name,
          numPartitions: t.numPartitions,
          replicationFactor: t.replicationFactor,
          assignments: t.assignments,
          configs: t.configs,
        })),
        header.apiVersion >= 5,
      );
      return {
        throttleTimeMs: 0,
        topics: names.map((n) => {
          if ((count.get(n) ?? 0) > 1)
            return result(n, apiError(ErrorCode.INVALID_REQUEST, 'Found multiple entries for this topic.'));
          const outcome = outcomes.get(n);
          return result(n, outcome?.error ?? apiError(ErrorCode.UNKNOWN_SERVER_ERROR), outcome);
        }),
      };
    },
  };
}
