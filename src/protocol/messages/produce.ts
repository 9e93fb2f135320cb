/** Produce (key 0): append record batches to partitions. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const ProduceRequestSchema = {
  apiKey: ApiKey.Produce,
  name: 'ProduceRequest',
  kind: 'request',
  validVersions: [0, 9],
  flexibleVersions: '9+',
  fields: [
    { name: 'transactionalId', type: 'string', versions: '3+', nullableVersions: '3+', default: null },
    { name: 'acks', type: 'int16', versions: '0+' },
    { name: 'timeoutMs', type: 'int32', versions: '0+' },
    {
      name: 'topicData',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'name', type: 'string', versions: '0+' },
        {
          name: 'partitionData',
          type: 'array',
          versions: '0+',
          fields: [
            { name: 'index', type: 'int32', versions: '0+' },
            { name: 'records', type: 'records', versions: '0+', nullableVersions: '0+' },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const ProduceResponseSchema = {
  apiKey: ApiKey.Produce,
  name: 'ProduceResponse',
  kind: 'response',
  validVersions: [0, 9],
  flexibleVersions: '9+',
  fields: [
    {
      name: 'responses',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'name', type: 'string', versions: '0+' },
        {
          name: 'partitionResponses',
          type: 'array',
          versions: '0+',
          fields: [
            { name: 'index', type: 'int32', versions: '0+' },
            { name: 'errorCode', type: 'int16', versions: '0+' },
            { name: 'baseOffset', type: 'int64', versions: '0+' },
            { name: 'logAppendTimeMs', type: 'int64', versions: '2+', default: -1n, ignorable: true },
            { name: 'logStartOffset', type: 'int64', versions: '5+', default: -1n, ignorable: true },
            {
              name: 'recordErrors',
              type: 'array',
              versions: '8+',
              ignorable: true,
              fields: [
                { name: 'batchIndex', type: 'int32', versions: '8+' },
                {
                  name: 'batchIndexErrorMessage',
                  type: 'string',
                  versions: '8+',
                  nullableVersions: '8+',
                  default: null,
                },
              ],
            },
            {
              name: 'errorMessage',
              type: 'string',
              versions: '8+',
              nullableVersions: '8+',
              default: null,
              ignorable: true,
            },
          ],
        },
      ],
    },
    { name: 'throttleTimeMs', type: 'int32', versions: '1+', default: 0, ignorable: true },
  ],
} as const satisfies MessageSchema;

export type ProduceRequest = MessageData<typeof ProduceRequestSchema>;
export type ProduceRequestInput = MessageInput<typeof ProduceRequestSchema>;
export type ProduceResponse = MessageData<typeof ProduceResponseSchema>;
export type ProduceResponseInput = MessageInput<typeof ProduceResponseSchema>;
export type ProduceRequestTopic = ProduceRequest['topicData'][number];
export type ProduceRequestPartition = ProduceRequestTopic['partitionData'][number];
export type ProduceResponseTopic = ProduceResponse['responses'][number];
export type ProduceResponsePartition = ProduceResponseTopic['partitionResponses'][number];
