/** OffsetDelete (key 47): delete a group's committed offsets for some partitions. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const OffsetDeleteRequestSchema = {
  apiKey: ApiKey.OffsetDelete,
  name: 'OffsetDeleteRequest',
  kind: 'request',
  validVersions: [0, 0],
  flexibleVersions: 'none',
  fields: [
    { name: 'groupId', type: 'string', versions: '0+' },
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
          fields: [{ name: 'partitionIndex', type: 'int32', versions: '0+' }],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const OffsetDeleteResponseSchema = {
  apiKey: ApiKey.OffsetDelete,
  name: 'OffsetDeleteResponse',
  kind: 'response',
  validVersions: [0, 0],
  flexibleVersions: 'none',
  fields: [
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'throttleTimeMs', type: 'int32', versions: '0+', ignorable: true },
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
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type OffsetDeleteRequest = MessageData<typeof OffsetDeleteRequestSchema>;
export type OffsetDeleteRequestInput = MessageInput<typeof OffsetDeleteRequestSchema>;
export type OffsetDeleteResponse = MessageData<typeof OffsetDeleteResponseSchema>;
export type OffsetDeleteResponseInput = MessageInput<typeof OffsetDeleteResponseSchema>;
