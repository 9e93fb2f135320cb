/** SyncGroup (14), v0–v4: the leader hands in assignments; every member gets its own back. */
import { ApiKey } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import type { GroupApiDeps } from './deps';

export function syncGroupHandler(deps: GroupApiDeps): ApiHandler<typeof ApiKey.SyncGroup> {
  return {
    apiKey: ApiKey.SyncGroup,
    minVersion: 0,
    maxVersion: 4,
    async handle(request, { header }) {
      const version = header.apiVersion;
      const r = await deps.coordinator.handleSyncGroup({
        groupId: request.groupId,
        generationId: request.generationId,
        memberId: request.memberId,
        groupInstanceId: version >= 3 ? request.groupInstanceId : null,
        protocolType: version >= 5 ? request.protocolType : null,
        protocolName: version >= 5 ? request.protocolName : null,
        assignments: new Map(request.assignments.map((a) => [a.memberId, Buffer.from(a.assignment)])),
      });
      return {
        throttleTimeMs: 0,
        errorCode: r.error,
        protocolType: r.protocolType,
        protocolName: r.protocolName,
        assignment: r.assignment,
      };
    },
  };
}
