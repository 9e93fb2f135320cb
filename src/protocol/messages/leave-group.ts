/** LeaveGroup (key 13): members leave a consumer group (v3+: several at once). */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const LeaveGroupRequestSchema = {
  apiKey: ApiKey.LeaveGroup,
  name: 'LeaveGroupRequest',
  kind: 'request',
  validVersions: [0, 4],
  flexibleVersions: '4+',
  fields: [
    { name: 'groupId', type: 'string', versions: '0+' },
    { name: 'memberId', type: 'string', versions: '0-2' },
    {
      name: 'members',
      type: 'array',
      versions: '3+',
      fields: [
        { name: 'memberId', type: 'string', versions: '3+' },
        { name: 'groupInstanceId', type: 'string', versions: '3+', nullableVersions: '3+', default: null },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const LeaveGroupResponseSchema = {
  apiKey: ApiKey.LeaveGroup,
  name: 'LeaveGroupResponse',
  kind: 'response',
  validVersions: [0, 4],
  flexibleVersions: '4+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+', ignorable: true },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    {
      name: 'members',
      type: 'array',
      versions: '3+',
      fields: [
        { name: 'memberId', type: 'string', versions: '3+' },
        { name: 'groupInstanceId', type: 'string', versions: '3+', nullableVersions: '3+' },
        { name: 'errorCode', type: 'int16', versions: '3+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type LeaveGroupRequest = MessageData<typeof LeaveGroupRequestSchema>;
export type LeaveGroupRequestInput = MessageInput<typeof LeaveGroupRequestSchema>;
export type LeaveGroupResponse = MessageData<typeof LeaveGroupResponseSchema>;
export type LeaveGroupResponseInput = MessageInput<typeof LeaveGroupResponseSchema>;
