/** Heartbeat (12), v0–v4: keeps a member's session alive; REBALANCE_IN_PROGRESS asks it to rejoin. */
import { ApiKey } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import type { GroupApiDeps } from './deps';

export function heartbeatHandler(deps: GroupApiDeps): ApiHandler<typeof ApiKey.Heartbeat> {
  return {
    apiKey: ApiKey.Heartbeat,
    minVersion: 0,
    maxVersion: 4,
    handle(request, { header }) {
      const errorCode = deps.coordinator.handleHeartbeat(
        request.groupId,
        request.memberId,
        header.apiVersion >= 3 ? request.groupInstanceId : null,
        request.generationId,
      );
      return Promise.resolve({ throttleTimeMs: 0, errorCode });
    },
  };
}
