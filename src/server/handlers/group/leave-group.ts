/**
 * LeaveGroup (13), v0–v4. v0–v2 name one member and carry its error at the top level (Kafka's
 * LeaveGroupResponse folds the first member error there); v3+ batch members, each with its error.
 */
import { ApiKey, ErrorCode } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import type { GroupApiDeps } from './deps';

export function leaveGroupHandler(deps: GroupApiDeps): ApiHandler<typeof ApiKey.LeaveGroup> {
  return {
    apiKey: ApiKey.LeaveGroup,
    minVersion: 0,
    maxVersion: 4,
    handle(request, { header }) {
      const v3 = header.apiVersion >= 3;
      const leaving = v3
        ? request.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId }))
        : [{ memberId: request.memberId, groupInstanceId: null }];
      const r = deps.coordinator.handleLeaveGroup(request.groupId, leaving);
      if (v3) {
        return Promise.resolve({
          throttleTimeMs: 0,
          errorCode: r.error,
          members: r.members.map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            errorCode: m.error,
          })),
        });
      }
      const memberError = r.members.find((m) => m.error !== ErrorCode.NONE)?.error ?? ErrorCode.NONE;
      return Promise.resolve({
        throttleTimeMs: 0,
        errorCode: r.error !== ErrorCode.NONE ? r.error : memberError,
      });
    },
  };
}
