/** Every group API handler, as the group coordinator component hands them to the registry. */
import type { SupportedApiKey } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import { deleteGroupsHandler } from './delete-groups';
import type { GroupApiDeps } from './deps';
import { describeGroupsHandler } from './describe-groups';
import { findCoordinatorHandler } from './find-coordinator';
import { heartbeatHandler } from './heartbeat';
import { joinGroupHandler } from './join-group';
import { leaveGroupHandler } from './leave-group';
import { listGroupsHandler } from './list-groups';
import { offsetCommitHandler } from './offset-commit';
import { offsetDeleteHandler } from './offset-delete';
import { offsetFetchHandler } from './offset-fetch';
import { syncGroupHandler } from './sync-group';

export type { GroupApiDeps } from './deps';

function erased<K extends SupportedApiKey>(handler: ApiHandler<K>): ApiHandler {
  return handler as unknown as ApiHandler;
}

export function groupApiHandlers(deps: GroupApiDeps, now: () => number): ApiHandler[] {
  return [
    erased(offsetCommitHandler(deps, now)),
    erased(offsetFetchHandler(deps)),
    erased(findCoordinatorHandler(deps)),
    erased(joinGroupHandler(deps)),
    erased(heartbeatHandler(deps)),
    erased(leaveGroupHandler(deps)),
    erased(syncGroupHandler(deps)),
    erased(describeGroupsHandler(deps)),
    erased(listGroupsHandler(deps)),
    erased(deleteGroupsHandler(deps)),
    erased(offsetDeleteHandler(deps)),
  ];
}
