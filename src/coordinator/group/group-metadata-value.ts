/**
 * The group metadata value Kafka 2.8 writes for a group (GroupMetadataManager.groupMetadataValue):
 * version 3, every member with its subscription for the selected protocol and its assignment.
 */
import type { GroupMetadata } from './group-metadata';
import { encodeGroupMetadataValue } from './group-records';

export function groupMetadataValue(group: GroupMetadata, assignment: ReadonlyMap<string, Buffer>): Buffer {
  const protocol = group.protocolName;
  return encodeGroupMetadataValue({
    protocolType: group.protocolType ?? '',
    generation: group.generationId,
    protocol,
    leader: group.leaderOrNull,
    currentStateTimestamp: BigInt(group.currentStateTimestamp ?? -1),
    members: group.allMemberMetadata.map((m) => {
      if (protocol === null)
        throw new Error('Attempted to write non-empty group metadata with no defined protocol.');
      const a = assignment.get(m.memberId);
      if (!a)
        throw new Error(
          `Attempted to write member ${m.memberId} of group ${group.groupId} with no assignment.`,
        );
      return {
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeout: m.rebalanceTimeoutMs,
        sessionTimeout: m.sessionTimeoutMs,
        subscription: m.metadata(protocol),
        assignment: a,
      };
    }),
  });
}
