/** Heartbeat (key 12): a group member keeps its session alive. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const HeartbeatRequestSchema = {
  apiKey: ApiKey.Heartbeat,
  name: 'HeartbeatRequest',
  kind: 'request',
  validVersions: [0, 4],
  flexibleVersions: '4+',
  fields: [
    { name: 'groupId', type: 'string', versions: '0+' },
    { name: 'generationId', type: 'int32', versions: '0+' },
    { name: 'memberId', type: 'string', versions: '0+' },
    { name: 'groupInstanceId', type: 'string', versions: '3+', nullableVersions: '3+', default: null },
  ],
} as const satisfies MessageSchema;

export const HeartbeatResponseSchema = {
  apiKey: ApiKey.Heartbeat,
  name: 'HeartbeatResponse',
  kind: 'response',
  validVersions: [0, 4],
  flexibleVersions: '4+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+', ignorable: true },
    { name: 'errorCode', type: 'int16', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export type HeartbeatRequest = MessageData<typeof HeartbeatRequestSchema>;
export type HeartbeatRequestInput = MessageInput<typeof HeartbeatRequestSchema>;
export type HeartbeatResponse = MessageData<typeof HeartbeatResponseSchema>;
export type HeartbeatResponseInput = MessageInput<typeof HeartbeatResponseSchema>;
