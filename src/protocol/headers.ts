/**
 * Request/response headers and framing.
 *
 * A frame on the wire is `int32 size` followed by `size` bytes: header then body. Functions taking a
 * `frame` expect the bytes after the size prefix; `encode*` functions return size-prefixed buffers.
 *
 * Header versions (Kafka's rules):
 *   request  v0: apiKey, apiVersion, correlationId                (ControlledShutdown v0 only)
 *   request  v1: v0 + clientId (classic nullable string)          (non-flexible versions)
 *   request  v2: v1 + tag buffer (clientId stays non-compact)     (flexible versions)
 *   response v0: correlationId                                    (non-flexible, and ALL ApiVersions)
 *   response v1: correlationId + tag buffer                       (flexible versions)
 */
import { ApiKey } from './api-keys';
import {
  decodeRequest,
  decodeResponseBody,
  encodeRequestBody,
  encodeResponseBody,
  isFlexibleRequest,
} from './api';
import { ErrorCode } from './error-codes';
import { isFlexibleVersion } from './codec';
import type { RawTaggedField } from './reader';
import { Reader } from './reader';
import { Writer } from './writer';
import type {
  ApiVersionsResponseInput,
  RequestBodies,
  RequestInputs,
  ResponseBodies,
  ResponseInputs,
  SupportedApiKey,
} from './messages';
import { MESSAGES, isApiSupported } from './messages';

export type RequestHeaderVersion = 0 | 1 | 2;
export type ResponseHeaderVersion = 0 | 1;

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  /** Null in header v0 and when the client sends a null id. */
  clientId: string | null;
  /** Tagged fields of a v2 header (none are defined in Kafka 2.8); kept for re-encoding. */
  unknownTaggedFields?: RawTaggedField[];
}

export interface DecodedRequestHeader {
  header: RequestHeader;
  headerVersion: RequestHeaderVersion;
  /** Offset of the body inside the frame. */
  bodyOffset: number;
}

/**
 * Header version of a request. Unknown API keys get v1 (their flexibility is unknowable); versions
 * above an API's maximum follow its flexibleVersions, like Kafka.
 */
export function requestHeaderVersion(apiKey: number, apiVersion: number): RequestHeaderVersion {
  if (apiKey === ApiKey.ControlledShutdown && apiVersion === 0) return 0;
  return isFlexibleRequest(apiKey, apiVersion) ? 2 : 1;
}

/** Header version of a response: v1 for flexible versions, except ApiVersions which always uses v0. */
export function responseHeaderVersion(apiKey: number, apiVersion: number): ResponseHeaderVersion {
  if (apiKey === ApiKey.ApiVersions || !isApiSupported(apiKey)) return 0;
  return isFlexibleVersion(MESSAGES[apiKey].response, apiVersion) ? 1 : 0;
}

/** Reads a request header at the reader's position. */
export function readRequestHeader(r: Reader): { header: RequestHeader; headerVersion: RequestHeaderVersion } {
  const apiKey = r.int16();
  const apiVersion = r.int16();
  const correlationId = r.int32();
  const headerVersion = requestHeaderVersion(apiKey, apiVersion);
  const header: RequestHeader = { apiKey, apiVersion, correlationId, clientId: null };
  if (headerVersion >= 1) header.clientId = r.nullableString();
  if (headerVersion >= 2) {
    const tags = r.taggedFields();
    if (tags) header.unknownTaggedFields = tags;
  }
  return { header, headerVersion };
}

/** Decodes the header of a request frame (the bytes after the size prefix). */
export function decodeRequestHeader(frame: Buffer): DecodedRequestHeader {
  const r = new Reader(frame);
  const { header, headerVersion } = readRequestHeader(r);
  return { header, headerVersion, bodyOffset: r.offset };
}

/** Writes a request header; the version defaults to the one the API key/version requires. */
export function writeRequestHeader(
  w: Writer,
  header: RequestHeader,
  headerVersion: RequestHeaderVersion = requestHeaderVersion(header.apiKey, header.apiVersion),
): void {
  w.int16(header.apiKey).int16(header.apiVersion).int32(header.correlationId);
  if (headerVersion >= 1) w.nullableString(header.clientId);
  if (headerVersion >= 2) w.taggedFields(header.unknownTaggedFields);
}

/** Writes a response header for (apiKey, apiVersion). */
export function writeResponseHeader(
  w: Writer,
  apiKey: number,
  apiVersion: number,
  correlationId: number,
): void {
  w.int32(correlationId);
  if (responseHeaderVersion(apiKey, apiVersion) === 1) w.uint8(0);
}

/** A decoded request frame: header plus typed body. */
export interface DecodedRequest<K extends SupportedApiKey = SupportedApiKey> {
  header: RequestHeader & { apiKey: K };
  headerVersion: RequestHeaderVersion;
  body: RequestBodies[K];
  /** Bytes left after the body (0 for well-formed requests; Kafka ignores them). */
  trailingBytes: number;
}

/**
 * Decodes a whole request frame. Throws ProtocolDecodeError, with code UNSUPPORTED_VERSION when the
 * API key or version has no schema (the header is then available via decodeRequestHeader).
 */
export function decodeRequestFrame(frame: Buffer): DecodedRequest {
  const r = new Reader(frame);
  const { header, headerVersion } = readRequestHeader(r);
  const body = decodeRequest(header.apiKey, header.apiVersion, r);
  return {
    header: header as RequestHeader & { apiKey: SupportedApiKey },
    headerVersion,
    body,
    trailingBytes: r.remaining,
  };
}

// A scratch writer reused by the encode helpers (encoding is synchronous, so sharing is safe).
const SCRATCH_KEEP_LIMIT = 1 << 20;
let scratch = new Writer(4096);

function finishFrame(w: Writer, sizeAt: number, owned: boolean): Buffer {
  w.setInt32(sizeAt, w.length - sizeAt - 4);
  const out = owned ? w.toBuffer() : w.view().subarray(sizeAt);
  if (owned && w.length > SCRATCH_KEEP_LIMIT) scratch = new Writer(4096);
  return out;
}

/**
 * Encodes a size-prefixed request frame. With `w` the frame is appended to it and a zero-copy view of
 * the frame is returned (valid until the writer is reused); without, a fresh Buffer is returned.
 */
export function encodeRequest<K extends SupportedApiKey>(
  header: RequestHeader & { apiKey: K },
  body: RequestInputs[K],
  w?: Writer,
): Buffer {
  const writer = w ?? scratch.reset();
  const sizeAt = writer.reserveInt32();
  writeRequestHeader(writer, header);
  encodeRequestBody(header.apiKey, header.apiVersion, body, writer);
  return finishFrame(writer, sizeAt, w === undefined);
}

/** Encodes a size-prefixed response frame with the header version the API requires. */
export function encodeResponse<K extends SupportedApiKey>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  body: ResponseInputs[K],
  w?: Writer,
): Buffer {
  const writer = w ?? scratch.reset();
  const sizeAt = writer.reserveInt32();
  writeResponseHeader(writer, apiKey, apiVersion, correlationId);
  encodeResponseBody(apiKey, apiVersion, body, writer);
  return finishFrame(writer, sizeAt, w === undefined);
}

/**
 * Encodes a size-prefixed response frame as a list of buffers to write in order, without copying
 * byte runs of `referenceAtLeast` bytes or more (a Fetch response's records, read from the log):
 * they are sent from the buffers they were read into.
 */
export function encodeResponseChunks<K extends SupportedApiKey>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  body: ResponseInputs[K],
  options: { sizeHint?: number; referenceAtLeast?: number } = {},
): Buffer[] {
  const writer = new Writer(options.sizeHint ?? 1024, {
    referenceAtLeast: options.referenceAtLeast ?? 1024,
  });
  const sizeAt = writer.reserveInt32();
  writeResponseHeader(writer, apiKey, apiVersion, correlationId);
  encodeResponseBody(apiKey, apiVersion, body, writer);
  writer.setInt32(sizeAt, writer.length - sizeAt - 4);
  return writer.chunks();
}

/** Whether a request frame (the bytes after the size prefix) is a Produce request, from its api key. */
export function isProduceRequestFrame(frame: Buffer): boolean {
  return frame.length >= 2 && frame.readInt16BE(0) === ApiKey.Produce;
}

/** The correlation id of a response frame (its first 4 bytes), without decoding the rest. */
export function peekCorrelationId(frame: Buffer): number {
  return new Reader(frame).int32();
}

/** Decodes a response frame (the bytes after the size prefix) of a request sent at `apiVersion`. */
export function decodeResponse<K extends SupportedApiKey>(
  apiKey: K,
  apiVersion: number,
  frame: Buffer,
): { correlationId: number; body: ResponseBodies[K]; trailingBytes: number } {
  const r = new Reader(frame);
  const correlationId = r.int32();
  if (responseHeaderVersion(apiKey, apiVersion) === 1) r.skipTaggedFields();
  const body = decodeResponseBody(apiKey, apiVersion, r);
  return { correlationId, body, trailingBytes: r.remaining };
}

/**
 * The body Kafka sends when a client asks for an ApiVersions version the broker does not support: a
 * v0-format body with UNSUPPORTED_VERSION and only the ApiVersions range, so the client can retry
 * with a version it shares with the broker (KIP-511).
 */
export function unsupportedApiVersionsBody(minVersion = 0, maxVersion = 3): ApiVersionsResponseInput {
  return {
    errorCode: ErrorCode.UNSUPPORTED_VERSION,
    apiKeys: [{ apiKey: ApiKey.ApiVersions, minVersion, maxVersion }],
  };
}

/** The whole size-prefixed frame for {@link unsupportedApiVersionsBody}: header v0 and a v0 body. */
export function encodeUnsupportedApiVersionsResponse(
  correlationId: number,
  minVersion = 0,
  maxVersion = 3,
): Buffer {
  return encodeResponse(
    ApiKey.ApiVersions,
    0,
    correlationId,
    unsupportedApiVersionsBody(minVersion, maxVersion),
  );
}
