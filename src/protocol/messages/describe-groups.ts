/** DescribeGroups (key 15): state, protocol and members of consumer groups. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const DescribeGroupsRequestSchema = {
  apiKey: ApiKey.DescribeGroups,
  name: 'DescribeGroupsRequest',
  kind: 'request',
  validVersions: [0, 5],
  flexibleVersions: '5+',
  fields: [
    { name: 'groups', type: 'array', items: 'string', versions: '0+' },
    { name: 'includeAuthorizedOperations', type: 'bool', versions: '3+' },
  ],
} as const satisfies MessageSchema;

export const DescribeGroupsResponseSchema = {
  apiKey: ApiKey.DescribeGroups,
  name: 'DescribeGroupsResponse',
  kind: 'response',
  validVersions: [0, 5],
  flexibleVersions: '5+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+', ignorable: true },
    {
      name: 'groups',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'groupId', type: 'string', versions: '0+' },
        { name: 'groupState', type: 'string', versions: '0+' },
        { name: 'protocolType', type: 'string', versions: '0+' },
        { name: 'protocolData', type: 'string', versions: '0+' },
        {
          name: 'members',
          type: 'array',
          versions: '0+',
          fields: [
            { name: 'memberId', type: 'string', versions: '0+' },
            {
              name: 'groupInstanceId',
              type: 'string',
              versions: '4+',
              nullableVersions: '4+',
              default: null,
              ignorable: true,
            },
            { name: 'clientId', type: 'string', versions: '0+' },
            { name: 'clientHost', type: 'string', versions: '0+' },
            { name: 'memberMetadata', type: 'bytes', versions: '0+' },
            { name: 'memberAssignment', type: 'bytes', versions: '0+' },
          ],
        },
        { name: 'authorizedOperations', type: 'int32', versions: '3+', default: -2147483648 },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type DescribeGroupsRequest = MessageData<typeof DescribeGroupsRequestSchema>;
export type DescribeGroupsRequestInput = MessageInput<typeof DescribeGroupsRequestSchema>;
export type DescribeGroupsResponse = MessageData<typeof DescribeGroupsResponseSchema>;
export type DescribeGroupsResponseInput = MessageInput<typeof DescribeGroupsResponseSchema>;
export type DescribedGroup = DescribeGroupsResponse['groups'][number];
export type DescribedGroupMember = DescribedGroup['members'][number];
