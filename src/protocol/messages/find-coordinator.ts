/** FindCoordinator (key 10): which broker coordinates a group (key type 0) or transaction (1). */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const FindCoordinatorRequestSchema = {
  apiKey: ApiKey.FindCoordinator,
  name: 'FindCoordinatorRequest',
  kind: 'request',
  validVersions: [0, 4],
  flexibleVersions: '3+',
  fields: [
    { name: 'key', type: 'string', versions: '0-3' },
    { name: 'keyType', type: 'int8', versions: '1+', default: 0 },
    { name: 'coordinatorKeys', type: 'array', items: 'string', versions: '4+' },
  ],
} as const satisfies MessageSchema;

export const FindCoordinatorResponseSchema = {
  apiKey: ApiKey.FindCoordinator,
  name: 'FindCoordinatorResponse',
  kind: 'response',
  validVersions: [0, 4],
  flexibleVersions: '3+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+', ignorable: true },
    { name: 'errorCode', type: 'int16', versions: '0-3' },
    { name: 'errorMessage', type: 'string', versions: '1-3', nullableVersions: '1-3', ignorable: true },
    { name: 'nodeId', type: 'int32', versions: '0-3' },
    { name: 'host', type: 'string', versions: '0-3' },
    { name: 'port', type: 'int32', versions: '0-3' },
    {
      name: 'coordinators',
      type: 'array',
      versions: '4+',
      fields: [
        { name: 'key', type: 'string', versions: '4+' },
        { name: 'nodeId', type: 'int32', versions: '4+' },
        { name: 'host', type: 'string', versions: '4+' },
        { name: 'port', type: 'int32', versions: '4+' },
        { name: 'errorCode', type: 'int16', versions: '4+' },
        { name: 'errorMessage', type: 'string', versions: '4+', nullableVersions: '4+', ignorable: true },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type FindCoordinatorRequest = MessageData<typeof FindCoordinatorRequestSchema>;
export type FindCoordinatorRequestInput = MessageInput<typeof FindCoordinatorRequestSchema>;
export type FindCoordinatorResponse = MessageData<typeof FindCoordinatorResponseSchema>;
export type FindCoordinatorResponseInput = MessageInput<typeof FindCoordinatorResponseSchema>;
