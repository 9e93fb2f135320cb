/** Metadata (key 3): brokers, controller and topic/partition leadership. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const MetadataRequestSchema = {
  apiKey: ApiKey.Metadata,
  name: 'MetadataRequest',
  kind: 'request',
  validVersions: [0, 11],
  flexibleVersions: '9+',
  fields: [
    {
      name: 'topics',
      type: 'array',
      versions: '0+',
      nullableVersions: '1+',
      about: 'v0: empty = all topics; v1+: null = all topics, empty = none.',
      fields: [
        { name: 'topicId', type: 'uuid', versions: '10+', ignorable: true },
        { name: 'name', type: 'string', versions: '0+', nullableVersions: '10+' },
      ],
    },
    { name: 'allowAutoTopicCreation', type: 'bool', versions: '4+', default: true },
    { name: 'includeClusterAuthorizedOperations', type: 'bool', versions: '8-10' },
    { name: 'includeTopicAuthorizedOperations', type: 'bool', versions: '8+' },
  ],
} as const satisfies MessageSchema;

export const MetadataResponseSchema = {
  apiKey: ApiKey.Metadata,
  name: 'MetadataResponse',
  kind: 'response',
  validVersions: [0, 11],
  flexibleVersions: '9+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '3+', ignorable: true },
    {
      name: 'brokers',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'nodeId', type: 'int32', versions: '0+' },
        { name: 'host', type: 'string', versions: '0+' },
        { name: 'port', type: 'int32', versions: '0+' },
        {
          name: 'rack',
          type: 'string',
          versions: '1+',
          nullableVersions: '1+',
          default: null,
          ignorable: true,
        },
      ],
    },
    {
      name: 'clusterId',
      type: 'string',
      versions: '2+',
      nullableVersions: '2+',
      default: null,
      ignorable: true,
    },
    { name: 'controllerId', type: 'int32', versions: '1+', default: -1, ignorable: true },
    {
      name: 'topics',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'errorCode', type: 'int16', versions: '0+' },
        { name: 'name', type: 'string', versions: '0+' },
        { name: 'topicId', type: 'uuid', versions: '10+', ignorable: true },
        { name: 'isInternal', type: 'bool', versions: '1+', default: false, ignorable: true },
        {
          name: 'partitions',
          type: 'array',
          versions: '0+',
          fields: [
            { name: 'errorCode', type: 'int16', versions: '0+' },
            { name: 'partitionIndex', type: 'int32', versions: '0+' },
            { name: 'leaderId', type: 'int32', versions: '0+' },
            { name: 'leaderEpoch', type: 'int32', versions: '7+', default: -1, ignorable: true },
            { name: 'replicaNodes', type: 'array', items: 'int32', versions: '0+' },
            { name: 'isrNodes', type: 'array', items: 'int32', versions: '0+' },
            { name: 'offlineReplicas', type: 'array', items: 'int32', versions: '5+', ignorable: true },
          ],
        },
        { name: 'topicAuthorizedOperations', type: 'int32', versions: '8+', default: -2147483648 },
      ],
    },
    { name: 'clusterAuthorizedOperations', type: 'int32', versions: '8-10', default: -2147483648 },
  ],
} as const satisfies MessageSchema;

export type MetadataRequest = MessageData<typeof MetadataRequestSchema>;
export type MetadataRequestInput = MessageInput<typeof MetadataRequestSchema>;
export type MetadataResponse = MessageData<typeof MetadataResponseSchema>;
export type MetadataResponseInput = MessageInput<typeof MetadataResponseSchema>;
export type MetadataResponseBroker = MetadataResponse['brokers'][number];
export type MetadataResponseTopic = MetadataResponse['topics'][number];
export type MetadataResponsePartition = MetadataResponseTopic['partitions'][number];
