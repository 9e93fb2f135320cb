/** JoinGroup (key 11): a member joins a consumer group (the first step of a rebalance). */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const JoinGroupRequestSchema = {
  apiKey: ApiKey.JoinGroup,
  name: 'JoinGroupRequest',
  kind: 'request',
  validVersions: [0, 7],
  flexibleVersions: '6+',
  fields: [
    { name: 'groupId', type: 'string', versions: '0+' },
    { name: 'sessionTimeoutMs', type: 'int32', versions: '0+' },
    { name: 'rebalanceTimeoutMs', type: 'int32', versions: '1+', default: -1, ignorable: true },
    { name: 'memberId', type: 'string', versions: '0+' },
    { name: 'groupInstanceId', type: 'string', versions: '5+', nullableVersions: '5+', default: null },
    { name: 'protocolType', type: 'string', versions: '0+' },
    {
      name: 'protocols',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'metadata', type: 'bytes', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const JoinGroupResponseSchema = {
  apiKey: ApiKey.JoinGroup,
  name: 'JoinGroupResponse',
  kind: 'response',
  validVersions: [0, 7],
  flexibleVersions: '6+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '2+', ignorable: true },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'generationId', type: 'int32', versions: '0+', default: -1 },
    {
      name: 'protocolType',
      type: 'string',
      versions: '7+',
      nullableVersions: '7+',
      default: null,
      ignorable: true,
    },
    { name: 'protocolName', type: 'string', versions: '0+', nullableVersions: '7+' },
    { name: 'leader', type: 'string', versions: '0+' },
    { name: 'memberId', type: 'string', versions: '0+' },
    {
      name: 'members',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'memberId', type: 'string', versions: '0+' },
        { name: 'groupInstanceId', type: 'string', versions: '5+', nullableVersions: '5+', default: null },
        { name: 'metadata', type: 'bytes', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type JoinGroupRequest = MessageData<typeof JoinGroupRequestSchema>;
export type JoinGroupRequestInput = MessageInput<typeof JoinGroupRequestSchema>;
export type JoinGroupResponse = MessageData<typeof JoinGroupResponseSchema>;
export type JoinGroupResponseInput = MessageInput<typeof JoinGroupResponseSchema>;
export type JoinGroupResponseMember = JoinGroupResponse['members'][number];
