/**
 * JoinGroup (11), v0–v6. v0 has no rebalance timeout (the session timeout is used); from v4 a member
 * joining without a member id gets MEMBER_ID_REQUIRED and a new id to rejoin with (unless it is a
 * static member); the member's host is recorded as Java prints it (`/127.0.0.1`).
 */
import { ApiKey } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import { javaClientHost, type GroupApiDeps } from './deps';

export function joinGroupHandler(deps: GroupApiDeps): ApiHandler<typeof ApiKey.JoinGroup> {
  return {
    apiKey: ApiKey.JoinGroup,
    minVersion: 0,
    maxVersion: 6,
    async handle(request, { header, connection }) {
      const version = header.apiVersion;
      const groupInstanceId = version >= 5 ? request.groupInstanceId : null;
      const r = await deps.coordinator.handleJoinGroup({
        groupId: request.groupId,
        memberId: request.memberId,
        groupInstanceId,
        requireKnownMemberId: version >= 4 && groupInstanceId === null,
        clientId: String(header.clientId),
        clientHost: javaClientHost(connection.clientAddress),
        rebalanceTimeoutMs: version === 0 ? request.sessionTimeoutMs : request.rebalanceTimeoutMs,
        sessionTimeoutMs: request.sessionTimeoutMs,
        protocolType: request.protocolType,
        protocols: request.protocols.map((p) => ({ name: p.name, metadata: Buffer.from(p.metadata) })),
      });
      return {
        throttleTimeMs: 0,
        errorCode: r.error,
        generationId: r.generationId,
        protocolType: r.protocolType,
        protocolName: version >= 7 ? r.protocolName : (r.protocolName ?? ''),
        leader: r.leaderId,
        memberId: r.memberId,
        members: r.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: version >= 5 ? m.groupInstanceId : null,
          metadata: m.metadata,
        })),
      };
    },
  };
}
