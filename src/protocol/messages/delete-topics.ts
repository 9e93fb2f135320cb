/** DeleteTopics (key 20): admin deletes topics by name (v6+: or by topic id). */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const DeleteTopicsRequestSchema = {
  apiKey: ApiKey.DeleteTopics,
  name: 'DeleteTopicsRequest',
  kind: 'request',
  validVersions: [0, 6],
  flexibleVersions: '4+',
  fields: [
    {
      name: 'topics',
      type: 'array',
      versions: '6+',
      fields: [
        { name: 'name', type: 'string', versions: '6+', nullableVersions: '6+', default: null },
        { name: 'topicId', type: 'uuid', versions: '6+' },
      ],
    },
    { name: 'topicNames', type: 'array', items: 'string', versions: '0-5', ignorable: true },
    { name: 'timeoutMs', type: 'int32', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export const DeleteTopicsResponseSchema = {
  apiKey: ApiKey.DeleteTopics,
  name: 'DeleteTopicsResponse',
  kind: 'response',
  validVersions: [0, 6],
  flexibleVersions: '4+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '1+', ignorable: true },
    {
      name: 'responses',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'name', type: 'string', versions: '0+', nullableVersions: '6+' },
        { name: 'topicId', type: 'uuid', versions: '6+', ignorable: true },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        {
          name: 'errorMessage',
          type: 'string',
          versions: '5+',
          nullableVersions: '5+',
          default: null,
          ignorable: true,
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type DeleteTopicsRequest = MessageData<typeof DeleteTopicsRequestSchema>;
export type DeleteTopicsRequestInput = MessageInput<typeof DeleteTopicsRequestSchema>;
export type DeleteTopicsResponse = MessageData<typeof DeleteTopicsResponseSchema>;
export type DeleteTopicsResponseInput = MessageInput<typeof DeleteTopicsResponseSchema>;
