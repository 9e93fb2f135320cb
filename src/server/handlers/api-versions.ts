/** ApiVersions (18), v0–v3: the table comes from the handler registry. */
import { ApiKey, ErrorCode } from '../../protocol';
import type { ApiHandler, HandlerRegistry } from './api-handler';

export function apiVersionsHandler(registry: HandlerRegistry): ApiHandler<typeof ApiKey.ApiVersions> {
  return {
    apiKey: ApiKey.ApiVersions,
    minVersion: 0,
    maxVersion: 3,
    async handle() {
      return { errorCode: ErrorCode.NONE, apiKeys: registry.apiVersions(), throttleTimeMs: 0 };
    },
  };
}
