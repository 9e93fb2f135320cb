/**
 * DescribeGroups (15), v0–v5. An unknown group is reported Dead with no members; members carry their
 * metadata and assignment only while the group is Stable. With no authorizer, the authorized
 * operations asked for from v3 are READ, DELETE and DESCRIBE (bit field 328), as Kafka reports them.
 */
import { ApiKey, ErrorCode } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import type { GroupApiDeps } from './deps';

/** 1<<READ(3) | 1<<DELETE(6) | 1<<DESCRIBE(8): what a group allows without an authorizer. */
const GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);
const OPERATIONS_NOT_REQUESTED = -2147483648;

export function describeGroupsHandler(deps: GroupApiDeps): ApiHandler<typeof ApiKey.DescribeGroups> {
  return {
    apiKey: ApiKey.DescribeGroups,
    minVersion: 0,
    maxVersion: 5,
    handle(request, { header }) {
      const version = header.apiVersion;
      const groups = request.groups.map((groupId) => {
        const { error, summary } = deps.coordinator.handleDescribeGroup(groupId);
        const withOperations =
          version >= 3 && request.includeAuthorizedOperations && error === ErrorCode.NONE;
        return {
          errorCode: error,
          groupId,
          groupState: summary.state,
          protocolType: summary.protocolType,
          protocolData: summary.protocol,
          members: summary.members.map((m) => ({
            memberId: m.memberId,
            groupInstanceId: m.groupInstanceId,
            clientId: m.clientId,
            clientHost: m.clientHost,
            memberMetadata: m.metadata,
            memberAssignment: m.assignment,
          })),
          authorizedOperations: withOperations ? GROUP_OPERATIONS : OPERATIONS_NOT_REQUESTED,
        };
      });
      return Promise.resolve({ throttleTimeMs: 0, groups });
    },
  };
}
