/** DescribeConfigs (key 32): topic and broker configuration (resource type 2 = topic, 4 = broker). */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const DescribeConfigsRequestSchema = {
  apiKey: ApiKey.DescribeConfigs,
  name: 'DescribeConfigsRequest',
  kind: 'request',
  validVersions: [0, 4],
  flexibleVersions: '4+',
  fields: [
    {
      name: 'resources',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'resourceType', type: 'int8', versions: '0+' },
        { name: 'resourceName', type: 'string', versions: '0+' },
        {
          name: 'configurationKeys',
          type: 'array',
          items: 'string',
          versions: '0+',
          nullableVersions: '0+',
          about: 'null = all',
        },
      ],
    },
    { name: 'includeSynonyms', type: 'bool', versions: '1+', default: false },
    { name: 'includeDocumentation', type: 'bool', versions: '3+', default: false },
  ],
} as const satisfies MessageSchema;

export const DescribeConfigsResponseSchema = {
  apiKey: ApiKey.DescribeConfigs,
  name: 'DescribeConfigsResponse',
  kind: 'response',
  validVersions: [0, 4],
  flexibleVersions: '4+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    {
      name: 'results',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
        { name: 'resourceType', type: 'int8', versions: '0+' },
        { name: 'resourceName', type: 'string', versions: '0+' },
        {
          name: 'configs',
          type: 'array',
          versions: '0+',
          fields: [
            { name: 'name', type: 'string', versions: '0+' },
            { name: 'value', type: 'string', versions: '0+', nullableVersions: '0+' },
            { name: 'readOnly', type: 'bool', versions: '0+' },
            { name: 'isDefault', type: 'bool', versions: '0' },
            { name: 'configSource', type: 'int8', versions: '1+', default: -1, ignorable: true },
            { name: 'isSensitive', type: 'bool', versions: '0+' },
            {
              name: 'synonyms',
              type: 'array',
              versions: '1+',
              ignorable: true,
              fields: [
                { name: 'name', type: 'string', versions: '1+' },
                { name: 'value', type: 'string', versions: '1+', nullableVersions: '0+' },
                { name: 'source', type: 'int8', versions: '1+' },
              ],
            },
            { name: 'configType', type: 'int8', versions: '3+', default: 0, ignorable: true },
            {
              name: 'documentation',
              type: 'string',
              versions: '3+',
              nullableVersions: '0+',
              ignorable: true,
            },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type DescribeConfigsRequest = MessageData<typeof DescribeConfigsRequestSchema>;
export type DescribeConfigsRequestInput = MessageInput<typeof DescribeConfigsRequestSchema>;
export type DescribeConfigsResponse = MessageData<typeof DescribeConfigsResponseSchema>;
export type DescribeConfigsResponseInput = MessageInput<typeof DescribeConfigsResponseSchema>;
export type DescribeConfigsResult = DescribeConfigsResponse['results'][number];
export type DescribeConfigsResourceResult = DescribeConfigsResult['configs'][number];
