/** ControlledShutdown (key 7): broker -> controller, move leadership away before shutting down. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const ControlledShutdownRequestSchema = {
  apiKey: ApiKey.ControlledShutdown,
  name: 'ControlledShutdownRequest',
  kind: 'request',
  validVersions: [0, 3],
  flexibleVersions: '3+',
  fields: [
    { name: 'brokerId', type: 'int32', versions: '0+' },
    { name: 'brokerEpoch', type: 'int64', versions: '2+', default: -1n, ignorable: true },
  ],
} as const satisfies MessageSchema;

export const ControlledShutdownResponseSchema = {
  apiKey: ApiKey.ControlledShutdown,
  name: 'ControlledShutdownResponse',
  kind: 'response',
  validVersions: [0, 3],
  flexibleVersions: '3+',
  fields: [
    { name: 'errorCode', type: 'int16', versions: '0+' },
    {
      name: 'remainingPartitions',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'topicName', type: 'string', versions: '0+' },
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type ControlledShutdownRequest = MessageData<typeof ControlledShutdownRequestSchema>;
export type ControlledShutdownRequestInput = MessageInput<typeof ControlledShutdownRequestSchema>;
export type ControlledShutdownResponse = MessageData<typeof ControlledShutdownResponseSchema>;
export type ControlledShutdownResponseInput = MessageInput<typeof ControlledShutdownResponseSchema>;
