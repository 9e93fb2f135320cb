/** ListGroups (key 16): the groups this broker coordinates. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const ListGroupsRequestSchema = {
  apiKey: ApiKey.ListGroups,
  name: 'ListGroupsRequest',
  kind: 'request',
  validVersions: [0, 4],
  flexibleVersions: '3+',
  fields: [{ name: 'statesFilter', type: 'array', items: 'string', versions: '4+' }],
} as const satisfies MessageSchema;

export const ListGroupsResponseSchema = {
  apiKey: ApiKey.ListGroups,
  name: 'ListGroupsResponse',
  kind: 'response',
  validVersions: [0, 4],
  flexibleVersions: '3+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+', ignorable: true },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    {
      name: 'groups',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'groupId', type: 'string', versions: '0+' },
        { name: 'protocolType', type: 'string', versions: '0+' },
        { name: 'groupState', type: 'string', versions: '4+', ignorable: true },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type ListGroupsRequest = MessageData<typeof ListGroupsRequestSchema>;
export type ListGroupsRequestInput = MessageInput<typeof ListGroupsRequestSchema>;
export type ListGroupsResponse = MessageData<typeof ListGroupsResponseSchema>;
export type ListGroupsResponseInput = MessageInput<typeof ListGroupsResponseSchema>;
