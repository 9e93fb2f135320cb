/** StopReplica (key 5): controller -> broker, stop (and optionally delete) replicas. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const StopReplicaRequestSchema = {
  apiKey: ApiKey.StopReplica,
  name: 'StopReplicaRequest',
  kind: 'request',
  validVersions: [0, 3],
  flexibleVersions: '2+',
  fields: [
    { name: 'controllerId', type: 'int32', versions: '0+' },
    { name: 'controllerEpoch', type: 'int32', versions: '0+' },
    { name: 'brokerEpoch', type: 'int64', versions: '1+', default: -1n, ignorable: true },
    { name: 'deletePartitions', type: 'bool', versions: '0-2' },
    {
      name: 'ungroupedPartitions',
      type: 'array',
      versions: '0',
      fields: [
        { name: 'topicName', type: 'string', versions: '0' },
        { name: 'partitionIndex', type: 'int32', versions: '0' },
      ],
    },
    {
      name: 'topics',
      type: 'array',
      versions: '1-2',
      fields: [
        { name: 'name', type: 'string', versions: '1-2' },
        { name: 'partitionIndexes', type: 'array', items: 'int32', versions: '1-2' },
      ],
    },
    {
      name: 'topicStates',
      type: 'array',
      versions: '3+',
      fields: [
        { name: 'topicName', type: 'string', versions: '3+' },
        {
          name: 'partitionStates',
          type: 'array',
          versions: '3+',
          fields: [
            { name: 'partitionIndex', type: 'int32', versions: '3+' },
            { name: 'leaderEpoch', type: 'int32', versions: '3+', default: -1 },
            { name: 'deletePartition', type: 'bool', versions: '3+' },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const StopReplicaResponseSchema = {
  apiKey: ApiKey.StopReplica,
  name: 'StopReplicaResponse',
  kind: 'response',
  validVersions: [0, 3],
  flexibleVersions: '2+',
  fields: [
    { name: 'errorCode', type: 'int16', versions: '0+' },
    {
      name: 'partitionErrors',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'topicName', type: 'string', versions: '0+' },
        { name: 'partitionIndex', type: 'int32', versions: '0+' },
        { name: 'errorCode', type: 'int16', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type StopReplicaRequest = MessageData<typeof StopReplicaRequestSchema>;
export type StopReplicaRequestInput = MessageInput<typeof StopReplicaRequestSchema>;
export type StopReplicaResponse = MessageData<typeof StopReplicaResponseSchema>;
export type StopReplicaResponseInput = MessageInput<typeof StopReplicaResponseSchema>;
export type StopReplicaTopicState = StopReplicaRequest['topicStates'][number];
export type StopReplicaPartitionState = StopReplicaTopicState['partitionStates'][number];
