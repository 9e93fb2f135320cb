/**
 * IncrementalAlterConfigs (44), v0–1, answered by any broker (Kafka 2.8's
 * `ZkAdminManager.incrementalAlterConfigs`): SET / DELETE / APPEND / SUBTRACT applied to a topic's
 * current overrides, then validated and written like AlterConfigs. Duplicate keys and null values
 * (except for DELETE) are refused with Kafka's messages.
 */
import { ApiKey } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import { alterEach } from './alter-configs';
import type { ConfigAdmin } from './config-admin';

export function incrementalAlterConfigsHandler(
  configAdmin: ConfigAdmin,
): ApiHandler<typeof ApiKey.IncrementalAlterConfigs> {
  return {
    apiKey: ApiKey.IncrementalAlterConfigs,
    minVersion: 0,
    maxVersion: 1,
    async handle(request) {
      const responses = await alterEach(request.resources, true, (r) =>
        configAdmin.incrementalAlter(r.resourceType, r.resourceName, r.configs, request.validateOnly),
      );
      return { throttleTimeMs: 0, responses };
    },
  };
}
