/** SyncGroup (key 14): the leader distributes assignments; every member receives its own. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const SyncGroupRequestSchema = {
  apiKey: ApiKey.SyncGroup,
  name: 'SyncGroupRequest',
  kind: 'request',
  validVersions: [0, 5],
  flexibleVersions: '4+',
  fields: [
    { name: 'groupId', type: 'string', versions: '0+' },
    { name: 'generationId', type: 'int32', versions: '0+' },
    { name: 'memberId', type: 'string', versions: '0+' },
    { name: 'groupInstanceId', type: 'string', versions: '3+', nullableVersions: '3+', default: null },
    {
      name: 'protocolType',
      type: 'string',
      versions: '5+',
      nullableVersions: '5+',
      default: null,
      ignorable: true,
    },
    {
      name: 'protocolName',
      type: 'string',
      versions: '5+',
      nullableVersions: '5+',
      default: null,
      ignorable: true,
    },
    {
      name: 'assignments',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'memberId', type: 'string', versions: '0+' },
        { name: 'assignment', type: 'bytes', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const SyncGroupResponseSchema = {
  apiKey: ApiKey.SyncGroup,
  name: 'SyncGroupResponse',
  kind: 'response',
  validVersions: [0, 5],
  flexibleVersions: '4+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+', ignorable: true },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    {
      name: 'protocolType',
      type: 'string',
      versions: '5+',
      nullableVersions: '5+',
      default: null,
      ignorable: true,
    },
    {
      name: 'protocolName',
      type: 'string',
      versions: '5+',
      nullableVersions: '5+',
      default: null,
      ignorable: true,
    },
    { name: 'assignment', type: 'bytes', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export type SyncGroupRequest = MessageData<typeof SyncGroupRequestSchema>;
export type SyncGroupRequestInput = MessageInput<typeof SyncGroupRequestSchema>;
export type SyncGroupResponse = MessageData<typeof SyncGroupResponseSchema>;
export type SyncGroupResponseInput = MessageInput<typeof SyncGroupResponseSchema>;
