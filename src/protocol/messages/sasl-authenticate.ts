/** SaslAuthenticate (key 36): one SASL token exchange step. */
import { ApiKey } from '../api-keys';
import type { MessageData, MessageInput, MessageSchema } from '../schema';

export const SaslAuthenticateRequestSchema = {
  apiKey: ApiKey.SaslAuthenticate,
  name: 'SaslAuthenticateRequest',
  kind: 'request',
  validVersions: [0, 2],
  flexibleVersions: '2+',
  fields: [{ name: 'authBytes', type: 'bytes', versions: '0+' }],
} as const satisfies MessageSchema;

export const SaslAuthenticateResponseSchema = {
  apiKey: ApiKey.SaslAuthenticate,
  name: 'SaslAuthenticateResponse',
  kind: 'response',
  validVersions: [0, 2],
  flexibleVersions: '2+',
  fields: [
    { name: 'errorCode', type: 'int16', versions: '0+' },
    { name: 'errorMessage', type: 'string', versions: '0+', nullableVersions: '0+' },
    { name: 'authBytes', type: 'bytes', versions: '0+' },
    { name: 'sessionLifetimeMs', type: 'int64', versions: '1+', default: 0n, ignorable: true },
  ],
} as const satisfies MessageSchema;

export type SaslAuthenticateRequest = MessageData<typeof SaslAuthenticateRequestSchema>;
export type SaslAuthenticateRequestInput = MessageInput<typeof SaslAuthenticateRequestSchema>;
export type SaslAuthenticateResponse = MessageData<typeof SaslAuthenticateResponseSchema>;
export type SaslAuthenticateResponseInput = MessageInput<typeof SaslAuthenticateResponseSchema>;
