/**
 * ListGroups (16), v0–v4: the groups this broker coordinates; v4 filters by state names (exact, as
 * Kafka compares them) and reports each group's state.
 */
import { ApiKey } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import type { GroupApiDeps } from './deps';

export function listGroupsHandler(deps: GroupApiDeps): ApiHandler<typeof ApiKey.ListGroups> {
  return {
    apiKey: ApiKey.ListGroups,
    minVersion: 0,
    maxVersion: 4,
    handle(request, { header }) {
      const states = new Set(header.apiVersion >= 4 ? (request.statesFilter ?? []) : []);
      const r = deps.coordinator.handleListGroups(states);
      return Promise.resolve({
        throttleTimeMs: 0,
        errorCode: r.error,
        groups: r.groups.map((g) => ({
          groupId: g.groupId,
          protocolType: g.protocolType,
          groupState: g.state,
        })),
      });
    },
  };
}
