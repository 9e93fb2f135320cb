/** UpdateMetadata (key 6): controller -> broker, the cluster metadata each broker caches. */
import { ApiKey } from '../api-keys';
import type { Field, MessageData, MessageInput, MessageSchema } from '../schema';

/** Per-partition state; shared by the v0-4 flat list and the v5+ per-topic lists. */
const PARTITION_STATE_FIELDS = [
  { name: 'topicName', type: 'string', versions: '0-4', ignorable: true },
  { name: 'partitionIndex', type: 'int32', versions: '0+' },
  { name: 'controllerEpoch', type: 'int32', versions: '0+' },
  { name: 'leader', type: 'int32', versions: '0+' },
  { name: 'leaderEpoch', type: 'int32', versions: '0+' },
  { name: 'isr', type: 'array', items: 'int32', versions: '0+' },
  { name: 'zkVersion', type: 'int32', versions: '0+' },
  { name: 'replicas', type: 'array', items: 'int32', versions: '0+' },
  { name: 'offlineReplicas', type: 'array', items: 'int32', versions: '4+', ignorable: true },
] as const satisfies readonly Field[];

export const UpdateMetadataRequestSchema = {
  apiKey: ApiKey.UpdateMetadata,
  name: 'UpdateMetadataRequest',
  kind: 'request',
  validVersions: [0, 7],
  flexibleVersions: '6+',
  fields: [
    { name: 'controllerId', type: 'int32', versions: '0+' },
    { name: 'controllerEpoch', type: 'int32', versions: '0+' },
    { name: 'brokerEpoch', type: 'int64', versions: '5+', default: -1n, ignorable: true },
    { name: 'ungroupedPartitionStates', type: 'array', versions: '0-4', fields: PARTITION_STATE_FIELDS },
    {
      name: 'topicStates',
      type: 'array',
      versions: '5+',
      fields: [
        { name: 'topicName', type: 'string', versions: '5+' },
        { name: 'topicId', type: 'uuid', versions: '7+', ignorable: true },
        { name: 'partitionStates', type: 'array', versions: '5+', fields: PARTITION_STATE_FIELDS },
      ],
    },
    {
      name: 'liveBrokers',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'id', type: 'int32', versions: '0+' },
        { name: 'v0Host', type: 'string', versions: '0', ignorable: true },
        { name: 'v0Port', type: 'int32', versions: '0', ignorable: true },
        {
          name: 'endpoints',
          type: 'array',
          versions: '1+',
          ignorable: true,
          fields: [
            { name: 'port', type: 'int32', versions: '1+' },
            { name: 'host', type: 'string', versions: '1+' },
            { name: 'listener', type: 'string', versions: '3+', ignorable: true },
            { name: 'securityProtocol', type: 'int16', versions: '1+' },
          ],
        },
        { name: 'rack', type: 'string', versions: '2+', nullableVersions: '0+', ignorable: true },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const UpdateMetadataResponseSchema = {
  apiKey: ApiKey.UpdateMetadata,
  name: 'UpdateMetadataResponse',
  kind: 'response',
  validVersions: [0, 7],
  flexibleVersions: '6+',
  fields: [{ name: 'errorCode', type: 'int16', versions: '0+' }],
} as const satisfies MessageSchema;

export type UpdateMetadataRequest = MessageData<typeof UpdateMetadataRequestSchema>;
export type UpdateMetadataRequestInput = MessageInput<typeof UpdateMetadataRequestSchema>;
export type UpdateMetadataResponse = MessageData<typeof UpdateMetadataResponseSchema>;
export type UpdateMetadataResponseInput = MessageInput<typeof UpdateMetadataResponseSchema>;
export type UpdateMetadataPartitionState = UpdateMetadataRequest['ungroupedPartitionStates'][number];
export type UpdateMetadataTopicState = UpdateMetadataRequest['topicStates'][number];
export type UpdateMetadataBroker = UpdateMetadataRequest['liveBrokers'][number];
export type UpdateMetadataEndpoint = UpdateMetadataBroker['endpoints'][number];
