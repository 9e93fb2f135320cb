/** LeaderAndIsr (key 4): controller -> broker, the leader, ISR and replicas of partitions. */
import { ApiKey } from '../api-keys';
import type { Field, MessageData, MessageInput, MessageSchema } from '../schema';

/** Per-partition state; shared by the v0-1 flat list and the v2+ per-topic lists. */
const PARTITION_STATE_FIELDS = [
  { name: 'topicName', type: 'string', versions: '0-1', ignorable: true },
  { name: 'partitionIndex', type: 'int32', versions: '0+' },
  { name: 'controllerEpoch', type: 'int32', versions: '0+' },
  { name: 'leader', type: 'int32', versions: '0+' },
  { name: 'leaderEpoch', type: 'int32', versions: '0+' },
  { name: 'isr', type: 'array', items: 'int32', versions: '0+' },
  { name: 'zkVersion', type: 'int32', versions: '0+' },
  { name: 'replicas', type: 'array', items: 'int32', versions: '0+' },
  { name: 'addingReplicas', type: 'array', items: 'int32', versions: '3+', ignorable: true },
  { name: 'removingReplicas', type: 'array', items: 'int32', versions: '3+', ignorable: true },
  { name: 'isNew', type: 'bool', versions: '1+', default: false, ignorable: true },
] as const satisfies readonly Field[];

export const LeaderAndIsrRequestSchema = {
  apiKey: ApiKey.LeaderAndIsr,
  name: 'LeaderAndIsrRequest',
  kind: 'request',
  validVersions: [0, 5],
  flexibleVersions: '4+',
  fields: [
    { name: 'controllerId', type: 'int32', versions: '0+' },
    { name: 'controllerEpoch', type: 'int32', versions: '0+' },
    { name: 'brokerEpoch', type: 'int64', versions: '2+', default: -1n, ignorable: true },
    { name: 'type', type: 'int8', versions: '5+', about: '0 = incremental, 1 = full' },
    { name: 'ungroupedPartitionStates', type: 'array', versions: '0-1', fields: PARTITION_STATE_FIELDS },
    {
      name: 'topicStates',
      type: 'array',
      versions: '2+',
      fields: [
        { name: 'topicName', type: 'string', versions: '2+' },
        { name: 'topicId', type: 'uuid', versions: '5+', ignorable: true },
        { name: 'partitionStates', type: 'array', versions: '2+', fields: PARTITION_STATE_FIELDS },
      ],
    },
    {
      name: 'liveLeaders',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'brokerId', type: 'int32', versions: '0+' },
        { name: 'hostName', type: 'string', versions: '0+' },
        { name: 'port', type: 'int32', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

const PARTITION_ERROR_FIELDS = [
  { name: 'topicName', type: 'string', versions: '0-4', ignorable: true },
  { name: 'partitionIndex', type: 'int32', versions: '0+' },
  { name: 'errorCode', type: 'int16', versions: '0+' },
] as const satisfies readonly Field[];

export const LeaderAndIsrResponseSchema = {
  apiKey: ApiKey.LeaderAndIsr,
  name: 'LeaderAndIsrResponse',
  kind: 'response',
  validVersions: [0, 5],
  flexibleVersions: '4+',
  fields: [
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'partitionErrors', type: 'array', versions: '0-4', fields: PARTITION_ERROR_FIELDS },
    {
      name: 'topics',
      type: 'array',
      versions: '5+',
      fields: [
        { name: 'topicId', type: 'uuid', versions: '5+' },
        { name: 'partitionErrors', type: 'array', versions: '5+', fields: PARTITION_ERROR_FIELDS },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type LeaderAndIsrRequest = MessageData<typeof LeaderAndIsrRequestSchema>;
export type LeaderAndIsrRequestInput = MessageInput<typeof LeaderAndIsrRequestSchema>;
export type LeaderAndIsrResponse = MessageData<typeof LeaderAndIsrResponseSchema>;
export type LeaderAndIsrResponseInput = MessageInput<typeof LeaderAndIsrResponseSchema>;
export type LeaderAndIsrPartitionState = LeaderAndIsrRequest['ungroupedPartitionStates'][number];
export type LeaderAndIsrTopicState = LeaderAndIsrRequest['topicStates'][number];
export type LeaderAndIsrLiveLeader = LeaderAndIsrRequest['liveLeaders'][number];
export type LeaderAndIsrPartitionError = LeaderAndIsrResponse['partitionErrors'][number];
