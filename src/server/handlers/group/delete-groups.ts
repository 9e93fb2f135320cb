/**
 * DeleteGroups (42), v0–v2: Empty groups are deleted with their offsets (tombstones written);
 * active ones get NON_EMPTY_GROUP, unknown ones GROUP_ID_NOT_FOUND. Duplicates count once.
 */
import { ApiKey, ErrorCode } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import type { GroupApiDeps } from './deps';

export function deleteGroupsHandler(deps: GroupApiDeps): ApiHandler<typeof ApiKey.DeleteGroups> {
  return {
    apiKey: ApiKey.DeleteGroups,
    minVersion: 0,
    maxVersion: 2,
    handle(request) {
      const groupIds = [...new Set(request.groupsNames)];
      const errors = deps.coordinator.handleDeleteGroups(groupIds);
      return Promise.resolve({
        throttleTimeMs: 0,
        results: groupIds.map((groupId) => ({
          groupId,
          errorCode: errors.get(groupId) ?? ErrorCode.UNKNOWN_SERVER_ERROR,
        })),
      });
    },
  };
}
