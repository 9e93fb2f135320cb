/**
 * AlterConfigs (33), v0–2, answered by any broker (Kafka 2.8's `ZkAdminManager.alterConfigs`): each
 * TOPIC resource's configs replace the topic's overrides in `/config/topics/<t>` (validated with
 * Kafka's messages; nothing written with validateOnly), and a `/config/changes` notification tells
 * every broker. A BROKER_LOGGER or unknown resource type fails the whole request, as in Kafka.
 */
import { ApiKey, ErrorCode, type AlterConfigsResponseInput } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import { apiError, type ApiError } from './api-error';
import { ResourceType, resourceTypeName, type ConfigAdmin } from './config-admin';

type Response = AlterConfigsResponseInput['responses'][number];

/** The error every resource gets when Kafka rejects the request as a whole, or null. */
function requestLevelError(types: readonly number[], incremental: boolean): ApiError | null {
  for (const t of types) {
    if (t === ResourceType.BROKER_LOGGER && !incremental)
      return apiError(
        ErrorCode.INVALID_REQUEST,
        'AlterConfigs is deprecated and does not support the resource type BROKER_LOGGER',
      );
    if (t !== ResourceType.TOPIC && t !== ResourceType.BROKER && t !== ResourceType.BROKER_LOGGER)
      return apiError(ErrorCode.INVALID_REQUEST, `Unexpected resource type ${resourceTypeName(t)}`);
  }
  return null;
}

/** Runs `alter` per resource unless the request fails as a whole; results in request order. */
export async function alterEach<R extends { resourceType: number; resourceName: string }>(
  resources: readonly R[],
  incremental: boolean,
  alter: (r: R) => Promise<ApiError>,
): Promise<Response[]> {
  const whole = requestLevelError(
    resources.map((r) => r.resourceType),
    incremental,
  );
  const out: Response[] = [];
  for (const r of resources) {
    const e = whole ?? (await alter(r));
    out.push({
      errorCode: e.code,
      errorMessage: e.message,
      resourceType: r.resourceType,
      resourceName: r.resourceName,
    });
  }
  return out;
}

export function alterConfigsHandler(configAdmin: ConfigAdmin): ApiHandler<typeof ApiKey.AlterConfigs> {
  return {
    apiKey: ApiKey.AlterConfigs,
    minVersion: 0,
    maxVersion: 2,
    async handle(request) {
      const responses = await alterEach(request.resources, false, (r) =>
        configAdmin.alter(r.resourceType, r.resourceName, r.configs, request.validateOnly),
      );
      return { throttleTimeMs: 0, responses };
    },
  };
}
