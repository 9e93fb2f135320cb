/** ApiVersions (key 18): the broker's supported version range for each API. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const ApiVersionsRequestSchema = {
  apiKey: ApiKey.ApiVersions,
  name: 'ApiVersionsRequest',
  kind: 'request',
  validVersions: [0, 3],
  flexibleVersions: '3+',
  fields: [
    { name: 'clientSoftwareName', type: 'string', versions: '3+', ignorable: true },
    { name: 'clientSoftwareVersion', type: 'string', versions: '3+', ignorable: true },
  ],
} as const satisfies MessageSchema;

export const ApiVersionsResponseSchema = {
  apiKey: ApiKey.ApiVersions,
  name: 'ApiVersionsResponse',
  kind: 'response',
  validVersions: [0, 3],
  flexibleVersions: '3+',
  fields: [
    { name: 'errorCode', type: 'int16', versions: '0+' },
    {
      name: 'apiKeys',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'apiKey', type: 'int16', versions: '0+' },
        { name: 'minVersion', type: 'int16', versions: '0+' },
        { name: 'maxVersion', type: 'int16', versions: '0+' },
      ],
    },
    { name: 'throttleTimeMs', type: 'int32', versions: '1+', ignorable: true },
    {
      name: 'supportedFeatures',
      type: 'array',
      versions: '3+',
      taggedVersions: '3+',
      tag: 0,
      ignorable: true,
      fields: [
        { name: 'name', type: 'string', versions: '3+' },
        { name: 'minVersion', type: 'int16', versions: '3+' },
        { name: 'maxVersion', type: 'int16', versions: '3+' },
      ],
    },
    {
      name: 'finalizedFeaturesEpoch',
      type: 'int64',
      versions: '3+',
      taggedVersions: '3+',
      tag: 1,
      default: -1n,
      ignorable: true,
    },
    {
      name: 'finalizedFeatures',
      type: 'array',
      versions: '3+',
      taggedVersions: '3+',
      tag: 2,
      ignorable: true,
      fields: [
        { name: 'name', type: 'string', versions: '3+' },
        { name: 'maxVersionLevel', type: 'int16', versions: '3+' },
        { name: 'minVersionLevel', type: 'int16', versions: '3+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type ApiVersionsRequest = MessageData<typeof ApiVersionsRequestSchema>;
export type ApiVersionsRequestInput = MessageInput<typeof ApiVersionsRequestSchema>;
export type ApiVersionsResponse = MessageData<typeof ApiVersionsResponseSchema>;
export type ApiVersionsResponseInput = MessageInput<typeof ApiVersionsResponseSchema>;
/** One row of the ApiVersions table. */
export type ApiVersionsResponseKey = ApiVersionsResponse['apiKeys'][number];
