/**
 * DescribeConfigs (32), v0–2, answered by any broker (Kafka 2.8's `ConfigHelper`): for a topic every
 * topic-level key with its effective value and source, for this broker's id every broker key. v0 has
 * `isDefault`, which Kafka 2.7+ never sets (always false); v1+ has the source and, when asked,
 * the synonyms. A non-empty `configurationKeys` narrows the entries. Results follow the request order.
 */
import { ApiKey, ErrorCode, type DescribeConfigsResponseInput } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import { apiError } from './api-error';
import { ResourceType, resourceTypeName, type ConfigAdmin } from './config-admin';

type Result = DescribeConfigsResponseInput['results'][number];

export function describeConfigsHandler(configAdmin: ConfigAdmin): ApiHandler<typeof ApiKey.DescribeConfigs> {
  return {
    apiKey: ApiKey.DescribeConfigs,
    minVersion: 0,
    maxVersion: 2,
    async handle(request, { header }) {
      const includeSynonyms = header.apiVersion >= 1 && request.includeSynonyms;
      const known: number[] = [ResourceType.TOPIC, ResourceType.BROKER, ResourceType.BROKER_LOGGER];
      const unexpected = request.resources.find((r) => !known.includes(r.resourceType));
      const results: Result[] = [];
      for (const r of request.resources) {
        if (unexpected !== undefined) {
          // Kafka fails the whole request: every resource gets the same error.
          const e = apiError(
            ErrorCode.INVALID_REQUEST,
            `Unexpected resource type ${resourceTypeName(unexpected.resourceType)} for resource ${unexpected.resourceName}`,
          );
          results.push({
            errorCode: e.code,
            errorMessage: e.message,
            resourceType: r.resourceType,
            resourceName: r.resourceName,
            configs: [],
          });
          continue;
        }
        const { error, entries } = await configAdmin.describe(
          r.resourceType,
          r.resourceName,
          r.configurationKeys,
        );
        results.push({
          errorCode: error.code,
          errorMessage: error.message,
          resourceType: r.resourceType,
          resourceName: r.resourceName,
          configs: entries.map((e) => ({
            name: e.name,
            value: e.value,
            readOnly: e.readOnly,
            isDefault: false,
            configSource: e.source,
            isSensitive: e.isSensitive,
            synonyms: includeSynonyms ? e.synonyms : [],
          })),
        });
      }
      return { throttleTimeMs: 0, results };
    },
  };
}
