/** DeleteGroups (key 42): delete empty consumer groups and their offsets. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const DeleteGroupsRequestSchema = {
  apiKey: ApiKey.DeleteGroups,
  name: 'DeleteGroupsRequest',
  kind: 'request',
  validVersions: [0, 2],
  flexibleVersions: '2+',
  fields: [{ name: 'groupsNames', type: 'array', items: 'string', versions: '0+' }],
} as const satisfies MessageSchema;

export const DeleteGroupsResponseSchema = {
  apiKey: ApiKey.DeleteGroups,
  name: 'DeleteGroupsResponse',
  kind: 'response',
  validVersions: [0, 2],
  flexibleVersions: '2+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    {
      name: 'results',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'groupId', type: 'string', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type DeleteGroupsRequest = MessageData<typeof DeleteGroupsRequestSchema>;
export type DeleteGroupsRequestInput = MessageInput<typeof DeleteGroupsRequestSchema>;
export type DeleteGroupsResponse = MessageData<typeof DeleteGroupsResponseSchema>;
export type DeleteGroupsResponseInput = MessageInput<typeof DeleteGroupsResponseSchema>;
