/** IncrementalAlterConfigs (key 44): per-key SET/DELETE/APPEND/SUBTRACT of resource configs. */
import { ApiKey } from '../api-keys';
import type { Field, MessageData, MessageInput, MessageSchema } from '../schema';

const RESOURCE_RESPONSE_FIELDS = [
  { name: 'errorCode', type: 'int16', versions: '0+' },
  { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
  { name: 'resourceType', type: 'int8', versions: '0+' },
  { name: 'resourceName', type: 'string', versions: '0+' },
] as const satisfies readonly Field[];

export const IncrementalAlterConfigsRequestSchema = {
  apiKey: ApiKey.IncrementalAlterConfigs,
  name: 'IncrementalAlterConfigsRequest',
  kind: 'request',
  validVersions: [0, 1],
  flexibleVersions: '1+',
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
            {
              name: 'configOperation',
              type: 'int8',
              versions: '0+',
              about: '0 SET, 1 DELETE, 2 APPEND, 3 SUBTRACT',
            },
            { name: 'value', type: 'string', versions: '0+', nullableVersions: '0+' },
          ],
        },
      ],
    },
    { name: 'validateOnly', type: 'bool', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export const IncrementalAlterConfigsResponseSchema = {
  apiKey: ApiKey.IncrementalAlterConfigs,
  name: 'IncrementalAlterConfigsResponse',
  kind: 'response',
  validVersions: [0, 1],
  flexibleVersions: '1+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'responses', type: 'array', versions: '0+', fields: RESOURCE_RESPONSE_FIELDS },
  ],
} as const satisfies MessageSchema;

export type IncrementalAlterConfigsRequest = MessageData<typeof IncrementalAlterConfigsRequestSchema>;
export type IncrementalAlterConfigsRequestInput = MessageInput<typeof IncrementalAlterConfigsRequestSchema>;
export type IncrementalAlterConfigsResponse = MessageData<typeof IncrementalAlterConfigsResponseSchema>;
export type IncrementalAlterConfigsResponseInput = MessageInput<typeof IncrementalAlterConfigsResponseSchema>;
