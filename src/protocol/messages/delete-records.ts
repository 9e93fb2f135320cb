/** DeleteRecords (key 21): advance partitions' log start offsets. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const DeleteRecordsRequestSchema = {
  apiKey: ApiKey.DeleteRecords,
  name: 'DeleteRecordsRequest',
  kind: 'request',
  validVersions: [0, 2],
  flexibleVersions: '2+',
  fields: [
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
            { name: 'offset', type: 'int64', versions: '0+' },
          ],
        },
      ],
    },
    { name: 'timeoutMs', type: 'int32', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export const DeleteRecordsResponseSchema = {
  apiKey: ApiKey.DeleteRecords,
  name: 'DeleteRecordsResponse',
  kind: 'response',
  validVersions: [0, 2],
  flexibleVersions: '2+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
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
            { name: 'lowWatermark', type: 'int64', versions: '0+' },
            { name: 'errorCode', type: 'int16', versions: '0+' },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type DeleteRecordsRequest = MessageData<typeof DeleteRecordsRequestSchema>;
export type DeleteRecordsRequestInput = MessageInput<typeof DeleteRecordsRequestSchema>;
export type DeleteRecordsResponse = MessageData<typeof DeleteRecordsResponseSchema>;
export type DeleteRecordsResponseInput = MessageInput<typeof DeleteRecordsResponseSchema>;
