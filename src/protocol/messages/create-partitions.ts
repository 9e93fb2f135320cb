/** CreatePartitions (key 37): admin adds partitions to existing topics. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const CreatePartitionsRequestSchema = {
  apiKey: ApiKey.CreatePartitions,
  name: 'CreatePartitionsRequest',
  kind: 'request',
  validVersions: [0, 3],
  flexibleVersions: '2+',
  fields: [
    {
      name: 'topics',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'count', type: 'int32', versions: '0+' },
        {
          name: 'assignments',
          type: 'array',
          versions: '0+',
          nullableVersions: '0+',
          fields: [{ name: 'brokerIds', type: 'array', items: 'int32', versions: '0+' }],
        },
      ],
    },
    { name: 'timeoutMs', type: 'int32', versions: '0+' },
    { name: 'validateOnly', type: 'bool', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export const CreatePartitionsResponseSchema = {
  apiKey: ApiKey.CreatePartitions,
  name: 'CreatePartitionsResponse',
  kind: 'response',
  validVersions: [0, 3],
  flexibleVersions: '2+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    {
      name: 'results',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type CreatePartitionsRequest = MessageData<typeof CreatePartitionsRequestSchema>;
export type CreatePartitionsRequestInput = MessageInput<typeof CreatePartitionsRequestSchema>;
export type CreatePartitionsResponse = MessageData<typeof CreatePartitionsResponseSchema>;
export type CreatePartitionsResponseInput = MessageInput<typeof CreatePartitionsResponseSchema>;
