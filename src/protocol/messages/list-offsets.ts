/** ListOffsets (key 2): offsets by timestamp (-1 latest, -2 earliest). */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const ListOffsetsRequestSchema = {
  apiKey: ApiKey.ListOffsets,
  name: 'ListOffsetsRequest',
  kind: 'request',
  validVersions: [0, 6],
  flexibleVersions: '6+',
  fields: [
    { name: 'replicaId', type: 'int32', versions: '0+' },
    { name: 'isolationLevel', type: 'int8', versions: '2+' },
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
            { name: 'currentLeaderEpoch', type: 'int32', versions: '4+', default: -1, ignorable: true },
            { name: 'timestamp', type: 'int64', versions: '0+' },
            { name: 'maxNumOffsets', type: 'int32', versions: '0', default: 1 },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const ListOffsetsResponseSchema = {
  apiKey: ApiKey.ListOffsets,
  name: 'ListOffsetsResponse',
  kind: 'response',
  validVersions: [0, 6],
  flexibleVersions: '6+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '2+', ignorable: true },
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
            { name: 'oldStyleOffsets', type: 'array', items: 'int64', versions: '0' },
            { name: 'timestamp', type: 'int64', versions: '1+', default: -1n },
            { name: 'offset', type: 'int64', versions: '1+', default: -1n },
            { name: 'leaderEpoch', type: 'int32', versions: '4+', default: -1 },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type ListOffsetsRequest = MessageData<typeof ListOffsetsRequestSchema>;
export type ListOffsetsRequestInput = MessageInput<typeof ListOffsetsRequestSchema>;
export type ListOffsetsResponse = MessageData<typeof ListOffsetsResponseSchema>;
export type ListOffsetsResponseInput = MessageInput<typeof ListOffsetsResponseSchema>;
export type ListOffsetsRequestPartition = ListOffsetsRequest['topics'][number]['partitions'][number];
export type ListOffsetsResponsePartition = ListOffsetsResponse['topics'][number]['partitions'][number];
