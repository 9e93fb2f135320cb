/** SaslHandshake (key 17): choose a SASL mechanism. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const SaslHandshakeRequestSchema = {
  apiKey: ApiKey.SaslHandshake,
  name: 'SaslHandshakeRequest',
  kind: 'request',
  validVersions: [0, 1],
  flexibleVersions: 'none',
  fields: [{ name: 'mechanism', type: 'string', versions: '0+' }],
} as const satisfies MessageSchema;

export const SaslHandshakeResponseSchema = {
  apiKey: ApiKey.SaslHandshake,
  name: 'SaslHandshakeResponse',
  kind: 'response',
  validVersions: [0, 1],
  flexibleVersions: 'none',
  fields: [
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'mechanisms', type: 'array', items: 'string', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export type SaslHandshakeRequest = MessageData<typeof SaslHandshakeRequestSchema>;
export type SaslHandshakeRequestInput = MessageInput<typeof SaslHandshakeRequestSchema>;
export type SaslHandshakeResponse = MessageData<typeof SaslHandshakeResponseSchema>;
export type SaslHandshakeResponseInput = MessageInput<typeof SaslHandshakeResponseSchema>;
