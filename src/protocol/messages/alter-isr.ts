/** AlterIsr (key 56): partition leader -> controller, propose a new ISR. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const AlterIsrRequestSchema = {
  apiKey: ApiKey.AlterIsr,
  name: 'AlterIsrRequest',
  kind: 'request',
  validVersions: [0, 0],
  flexibleVersions: '0+',
  fields: [
    { name: 'brokerId', type: 'int32', versions: '0+' },
    { name: 'brokerEpoch', type: 'int64', versions: '0+', default: -1n },
    {
      name: 'topics',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'name', type: 'string', versions: '0+' },
        {
          name: 'partitions',
          type: 'array',
          versions: '0+',
          fields: [
            { name: 'partitionIndex', type: 'int32', versions: '0+' },
            { name: 'leaderEpoch', type: 'int32', versions: '0+' },
            { name: 'newIsr', type: 'array', items: 'int32', versions: '0+' },
            { name: 'currentIsrVersion', type: 'int32', versions: '0+' },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const AlterIsrResponseSchema = {
  apiKey: ApiKey.AlterIsr,
  name: 'AlterIsrResponse',
  kind: 'response',
  validVersions: [0, 0],
  flexibleVersions: '0+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    {
      name: 'topics',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'name', type: 'string', versions: '0+' },
        {
          name: 'partitions',
          type: 'array',
          versions: '0+',
          fields: [
            { name: 'partitionIndex', type: 'int32', versions: '0+' },
            { name: 'errorCode', type: 'int16', versions: '0+' },
            { name: 'leaderId', type: 'int32', versions: '0+' },
            { name: 'leaderEpoch', type: 'int32', versions: '0+' },
            { name: 'isr', type: 'array', items: 'int32', versions: '0+' },
            { name: 'currentIsrVersion', type: 'int32', versions: '0+' },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type AlterIsrRequest = MessageData<typeof AlterIsrRequestSchema>;
export type AlterIsrRequestInput = MessageInput<typeof AlterIsrRequestSchema>;
export type AlterIsrResponse = MessageData<typeof AlterIsrResponseSchema>;
export type AlterIsrResponseInput = MessageInput<typeof AlterIsrResponseSchema>;
