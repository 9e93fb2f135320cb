/** ElectLeaders (key 43): run a preferred (or unclean) leader election for partitions (KIP-183, KIP-460). */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const ElectLeadersRequestSchema = {
  apiKey: ApiKey.ElectLeaders,
  name: 'ElectLeadersRequest',
  kind: 'request',
  validVersions: [0, 2],
  flexibleVersions: '2+',
  fields: [
    { name: 'electionType', type: 'int8', versions: '1+', about: '0 = preferred, 1 = unclean' },
    {
      name: 'topicPartitions',
      type: 'array',
      versions: '0+',
      nullableVersions: '0+',
      fields: [
        { name: 'topic', type: 'string', versions: '0+' },
        { name: 'partitionId', type: 'array', items: 'int32', versions: '0+' },
      ],
    },
    { name: 'timeoutMs', type: 'int32', versions: '0+', default: 60000 },
  ],
} as const satisfies MessageSchema;

export const ElectLeadersResponseSchema = {
  apiKey: ApiKey.ElectLeaders,
  name: 'ElectLeadersResponse',
  kind: 'response',
  validVersions: [0, 2],
  flexibleVersions: '2+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+' },
    { name: 'errorCode', type: 'int16', versions: '1+' },
    {
      name: 'replicaElectionResults',
      type: 'array',
      versions: '0+',
      fields: [
        { name: 'topic', type: 'string', versions: '0+' },
        {
          name: 'partitionResult',
          type: 'array',
          versions: '0+',
          fields: [
            { name: 'partitionId', type: 'int32', versions: '0+' },
            { name: 'errorCode', type: 'int16', versions: '0+' },
            { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export type ElectLeadersRequest = MessageData<typeof ElectLeadersRequestSchema>;
export type ElectLeadersRequestInput = MessageInput<typeof ElectLeadersRequestSchema>;
export type ElectLeadersResponse = MessageData<typeof ElectLeadersResponseSchema>;
export type ElectLeadersResponseInput = MessageInput<typeof ElectLeadersResponseSchema>;
