/** AlterConfigs (key 33): replace the whole dynamic config of resources. */
import { ApiKey } from '../api-keys';
import type { Field, MessageData, MessageInput, MessageSchema } from '../schema';

const RESOURCE_RESPONSE_FIELDS = [
  { name: 'errorCode', type: 'int16', versions: '0+' },
  { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
  { name: 'resourceType', type: 'int8', versions: '0+' },
  { name: 'resourceName', type: 'string', versions: '0+' },
] as const satisfies readonly Field[];

export const AlterConfigsRequestSchema = {
  apiKey: ApiKey.AlterConfigs,
  name: 'AlterConfigsRequest',
  kind: 'request',
  validVersions: [0, 2],
  flexibleVersions: '2+',
  fields: [
    {
      name: 'resources',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'resourceType', type: 'int8', versions: '0+' },
        { name: 'resourceName', type: 'string', versions: '0+' },
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
    { name: 'validateOnly', type: 'bool', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export const AlterConfigsResponseSchema = {
  apiKey: ApiKey.AlterConfigs,
  name: 'AlterConfigsResponse',
  kind: 'response',
  validVersions: [0, 2],
  flexibleVersions: '2+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'responses', type: 'array', versions: '0+', fields: RESOURCE_RESPONSE_FIELDS },
  ],
} as const satisfies MessageSchema;

export type AlterConfigsRequest = MessageData<typeof AlterConfigsRequestSchema>;
export type AlterConfigsRequestInput = MessageInput<typeof AlterConfigsRequestSchema>;
export type AlterConfigsResponse = MessageData<typeof AlterConfigsResponseSchema>;
export type AlterConfigsResponseInput = MessageInput<typeof AlterConfigsResponseSchema>;
