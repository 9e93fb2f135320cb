/** InitProducerId (key 22): allocate a producer id and epoch (idempotent / transactional producers). */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const InitProducerIdRequestSchema = {
  apiKey: ApiKey.InitProducerId,
  name: 'InitProducerIdRequest',
  kind: 'request',
  validVersions: [0, 4],
  flexibleVersions: '2+',
  fields: [
    { name: 'transactionalId', type: 'string', versions: '0+', nullableVersions: '0+' },
    { name: 'transactionTimeoutMs', type: 'int32', versions: '0+' },
    { name: 'producerId', type: 'int64', versions: '3+', default: -1n },
    { name: 'producerEpoch', type: 'int16', versions: '3+', default: -1 },
  ],
} as const satisfies MessageSchema;

export const InitProducerIdResponseSchema = {
  apiKey: ApiKey.InitProducerId,
  name: 'InitProducerIdResponse',
  kind: 'response',
  validVersions: [0, 4],
  flexibleVersions: '2+',
  fields: [
    { name: 'throttleTimeMs', type: 'int32', versions: '0+', ignorable: true },
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'producerId', type: 'int64', versions: '0+', default: -1n },
    { name: 'producerEpoch', type: 'int16', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export type InitProducerIdRequest = MessageData<typeof InitProducerIdRequestSchema>;
export type InitProducerIdRequestInput = MessageInput<typeof InitProducerIdRequestSchema>;
export type InitProducerIdResponse = MessageData<typeof InitProducerIdResponseSchema>;
export type InitProducerIdResponseInput = MessageInput<typeof InitProducerIdResponseSchema>;
