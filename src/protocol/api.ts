/**
 * Typed entry points over the codec: body encode/decode per API key and version, looked up in the
 * schema registry. Headers and framing live in ./headers.ts.
 */
import { ErrorCode } from './error-codes';
import { ProtocolDecodeError, ProtocolEncodeError } from './errors';
import { decodeMessage, encodeMessage, isFlexibleVersion, isVersionSupported } from './codec';
import type { Reader } from './reader';
import type { MessageSchema } from './schema';
import type { Writer } from './writer';
import type {
  RequestBodies,
  RequestInputs,
  ResponseBodies,
  ResponseInputs,
  SupportedApiKey,
} from './messages';
import { MESSAGES, isApiSupported } from './messages';

/** Inclusive version range of an API's schemas. */
export interface ApiVersionRange {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

function schemas(apiKey: number): { request: MessageSchema; response: MessageSchema } | undefined {
  return isApiSupported(apiKey) ? MESSAGES[apiKey] : undefined;
}

/** The request schema of an API (undefined when unsupported). */
export function requestSchema(apiKey: number): MessageSchema | undefined {
  return schemas(apiKey)?.request;
}

/** The response schema of an API (undefined when unsupported). */
export function responseSchema(apiKey: number): MessageSchema | undefined {
  return schemas(apiKey)?.response;
}

/** Versions the codec can read and write for an API (not necessarily what the broker advertises). */
export function codecVersionRange(apiKey: number): ApiVersionRange | undefined {
  const s = schemas(apiKey);
  if (!s) return undefined;
  return { apiKey, minVersion: s.request.validVersions[0], maxVersion: s.request.validVersions[1] };
}

/** True when the codec has the API at this version. */
export function isApiVersionSupported(apiKey: number, apiVersion: number): boolean {
  const s = schemas(apiKey);
  return s !== undefined && isVersionSupported(s.request, apiVersion);
}

/**
 * True when the request at this version is flexible (compact encodings, header v2). Also answers for
 * versions above the schema's maximum, as Kafka does when choosing a header version; false for
 * unknown API keys.
 */
export function isFlexibleRequest(apiKey: number, apiVersion: number): boolean {
  const s = schemas(apiKey);
  return s !== undefined && isFlexibleVersion(s.request, apiVersion);
}

/** Decodes a request body. Throws ProtocolDecodeError (UNSUPPORTED_VERSION for unknown key/version). */
export function decodeRequest<K extends SupportedApiKey>(
  apiKey: K,
  apiVersion: number,
  r: Reader,
): RequestBodies[K];
export function decodeRequest(apiKey: number, apiVersion: number, r: Reader): RequestBodies[SupportedApiKey];
export function decodeRequest(apiKey: number, apiVersion: number, r: Reader): RequestBodies[SupportedApiKey] {
  const s = schemas(apiKey);
  if (!s) throw new ProtocolDecodeError(`unsupported API key ${apiKey}`, ErrorCode.UNSUPPORTED_VERSION);
  return decodeMessage(s.request, apiVersion, r) as RequestBodies[SupportedApiKey];
}

/** Decodes a response body. */
export function decodeResponseBody<K extends SupportedApiKey>(
  apiKey: K,
  apiVersion: number,
  r: Reader,
): ResponseBodies[K];
export function decodeResponseBody(
  apiKey: number,
  apiVersion: number,
  r: Reader,
): ResponseBodies[SupportedApiKey];
export function decodeResponseBody(
  apiKey: number,
  apiVersion: number,
  r: Reader,
): ResponseBodies[SupportedApiKey] {
  const s = schemas(apiKey);
  if (!s) throw new ProtocolDecodeError(`unsupported API key ${apiKey}`, ErrorCode.UNSUPPORTED_VERSION);
  return decodeMessage(s.response, apiVersion, r) as ResponseBodies[SupportedApiKey];
}

/** Encodes a request body (no header). */
export function encodeRequestBody<K extends SupportedApiKey>(
  apiKey: K,
  apiVersion: number,
  body: RequestInputs[K],
  w: Writer,
): void {
  const s = schemas(apiKey);
  if (!s) throw new ProtocolEncodeError(`unsupported API key ${apiKey}`, ErrorCode.UNSUPPORTED_VERSION);
  encodeMessage(s.request, apiVersion, body, w);
}

/** Encodes a response body (no header). */
export function encodeResponseBody<K extends SupportedApiKey>(
  apiKey: K,
  apiVersion: number,
  body: ResponseInputs[K],
  w: Writer,
): void {
  const s = schemas(apiKey);
  if (!s) throw new ProtocolEncodeError(`unsupported API key ${apiKey}`, ErrorCode.UNSUPPORTED_VERSION);
  encodeMessage(s.response, apiVersion, body, w);
}
