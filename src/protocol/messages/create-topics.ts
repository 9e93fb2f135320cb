/** CreateTopics (key 19): admin creates topics (sent to the controller). */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const CreateTopicsRequestSchema = {
  apiKey: ApiKey.CreateTopics,
  name: 'CreateTopicsRequest',
  kind: 'request',
  validVersions: [0, 7],
  flexibleVersions: '5+',
  fields: [
    {
      name: 'topics',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'numPartitions', type: 'int32', versions: '0+', about: '-1 = broker default' },
        { name: 'replicationFactor', type: 'int16', versions: '0+', about: '-1 = broker default' },
        {
          name: 'assignments',
          type: 'array',
          versions: '0+',
          fields: [
            { name: 'partitionIndex', type: 'int32', versions: '0+' },
            { name: 'brokerIds', type: 'array', items: 'int32', versions: '0+' },
          ],
        },
        {
          name: 'configs',
          type: 'array',
          versions: '0+',
          fields: [
            { name: 'name', type: 'string', versions: '0+' },
            { name: 'value', type: 'string', versions: '0+', nullableVersions: '0+' },
          ],
        },
      ],
    },
    { name: 'timeoutMs', type: 'int32', versions: '0+', default: 60000 },
    { name: 'validateOnly', type: 'bool', versions: '1+', default: false },
  ],
} as const satisfies MessageSchema;

export const CreateTopicsResponseSchema = {
  apiKey: ApiKey.CreateTopics,
  name: 'CreateTopicsResponse',
  kind: 'response',
  validVersions: [0, 7],
  flexibleVersions: '5+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '2+', ignorable: true },
    {
      name: 'topics',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'topicId', type: 'uuid', versions: '7+', ignorable: true },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'errorMessage', type: 'string', versions: '1+', nullableVersions: '0+', ignorable: true },
        {
          name: 'topicConfigErrorCode',
          type: 'int16',
          versions: '5+',
          taggedVersions: '5+',
          tag: 0,
          ignorable: true,
        },
        { name: 'numPartitions', type: 'int32', versions: '5+', default: -1, ignorable: true },
        { name: 'replicationFactor', type: 'int16', versions: '5+', default: -1, ignorable: true },
        {
          name: 'configs',
          type: 'array',
          versions: '5+',
          nullableVersions: '5+',
          ignorable: true,
          fields: [
            { name: 'name', type: 'string', versions: '5+' },
            { name: 'value', type: 'string', versions: '5+', nullableVersions: '5+' },
            { name: 'readOnly', type: 'bool', versions: '5+' },
            { name: 'configSource', type: 'int8', versions: '5+', default: -1, ignorable: true },
            { name: 'isSensitive', type: 'bool', versions: '5+' },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type CreateTopicsRequest = MessageData<typeof CreateTopicsRequestSchema>;
export type CreateTopicsRequestInput = MessageInput<typeof CreateTopicsRequestSchema>;
export type CreateTopicsResponse = MessageData<typeof CreateTopicsResponseSchema>;
export type CreateTopicsResponseInput = MessageInput<typeof CreateTopicsResponseSchema>;
export type CreatableTopic = CreateTopicsRequest['topics'][number];
export type CreatableTopicResult = CreateTopicsResponse['topics'][number];
