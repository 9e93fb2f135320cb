/**
 * Records inside a RecordBatch v2: a small encoder that builds a whole batch (for tests and internal
 * topics such as __consumer_offsets) and a decoder for uncompressed batches.
 *
 * Record layout: length varint, attributes i8, timestampDelta varlong, offsetDelta varint,
 * key (varint length, -1 = null), value (same), header count varint, then per header a key (varint
 * length + UTF-8) and a value (varint length, -1 = null).
 */
import { crc32c } from './crc32c';
import { ErrorCode } from './error-codes';
import { ProtocolDecodeError, ProtocolError } from './errors';
import { Reader } from './reader';
import type { RecordBatchHeader, TimestampType } from './record-batch';
import {
  ATTR_CONTROL,
  ATTR_TIMESTAMP_TYPE,
  ATTR_TRANSACTIONAL,
  ATTRIBUTES_OFFSET,
  BATCH_LENGTH_OFFSET,
  CRC_OFFSET,
  CompressionType,
  RECORD_BATCH_OVERHEAD,
  readBatchHeader,
} from './record-batch';
import { Writer } from './writer';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

/** A record as decoded from a batch, with its absolute offset and timestamp. */
export interface DecodedRecord {
  attributes: number;
  timestampDelta: bigint;
  offsetDelta: number;
  /** baseOffset + offsetDelta. */
  offset: bigint;
  /** baseTimestamp + timestampDelta (for CreateTime batches). */
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

export interface RecordInput {
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  headers?: readonly { key: string; value: Buffer | string | null }[];
  /** Defaults to 0. */
  timestampDelta?: bigint | number;
  /** Defaults to the record's index in the batch. */
  offsetDelta?: number;
}

export interface RecordBatchInput {
  records: readonly RecordInput[];
  /** Defaults to 0 (producers send 0; the broker assigns the real offset). */
  baseOffset?: bigint;
  /** Defaults to -1 (no epoch). */
  partitionLeaderEpoch?: number;
  /** Defaults to 0. */
  baseTimestamp?: bigint;
  /** Defaults to baseTimestamp + the largest timestampDelta. */
  maxTimestamp?: bigint;
  timestampType?: TimestampType;
  isTransactional?: boolean;
  isControl?: boolean;
  /** Defaults to -1 (no producer id), epoch -1, sequence -1. */
  producerId?: bigint;
  producerEpoch?: number;
  baseSequence?: number;
}

const utf8OrBytes = (v: Buffer | string): Buffer => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v);

function writeVarBytes(w: Writer, v: Buffer | string | null | undefined): void {
  if (v === null || v === undefined) {
    w.varint(-1);
    return;
  }
  const b = utf8OrBytes(v);
  w.varint(b.length).raw(b);
}

function encodeRecord(w: Writer, body: Writer, r: RecordInput, index: number): void {
  body.reset();
  body.int8(0);
  body.varlong(BigInt(r.timestampDelta ?? 0));
  body.varint(r.offsetDelta ?? index);
  writeVarBytes(body, r.key);
  writeVarBytes(body, r.value);
  const headers = r.headers ?? [];
  body.varint(headers.length);
  for (const h of headers) {
    writeVarBytes(body, h.key);
    writeVarBytes(body, h.value);
  }
  w.varint(body.length).raw(body.view());
}

/** Builds an uncompressed RecordBatch v2 with a correct batchLength and CRC. */
export function buildRecordBatch(input: RecordBatchInput): Buffer {
  const records = input.records;
  const baseTimestamp = input.baseTimestamp ?? 0n;
  let maxDelta = 0n;
  let lastOffsetDelta = 0;
  records.forEach((r, i) => {
    const d = BigInt(r.timestampDelta ?? 0);
    if (d > maxDelta) maxDelta = d;
    lastOffsetDelta = Math.max(lastOffsetDelta, r.offsetDelta ?? i);
  });
  let attributes = CompressionType.None;
  if (input.timestampType === 1) attributes |= ATTR_TIMESTAMP_TYPE;
  if (input.isTransactional) attributes |= ATTR_TRANSACTIONAL;
  if (input.isControl) attributes |= ATTR_CONTROL;

  const w = new Writer(RECORD_BATCH_OVERHEAD + records.length * 32);
  w.int64(input.baseOffset ?? 0n);
  const lengthAt = w.reserveInt32();
  w.int32(input.partitionLeaderEpoch ?? -1);
  w.int8(2);
  w.uint32(0); // CRC, filled below
  w.int16(attributes);
  w.int32(lastOffsetDelta);
  w.int64(baseTimestamp);
  w.int64(input.maxTimestamp ?? baseTimestamp + maxDelta);
  w.int64(input.producerId ?? -1n);
  w.int16(input.producerEpoch ?? -1);
  w.int32(input.baseSequence ?? -1);
  w.int32(records.length);
  const body = new Writer(64);
  records.forEach((r, i) => encodeRecord(w, body, r, i));
  w.setInt32(lengthAt, w.length - BATCH_LENGTH_OFFSET - 4);
  const out = w.toBuffer();
  out.writeUInt32BE(crc32c(out, ATTRIBUTES_OFFSET), CRC_OFFSET);
  return out;
}

function readVarBytes(r: Reader): Buffer | null {
  const n = r.varint();
  if (n < -1) throw new ProtocolDecodeError(`invalid length ${n}`, ErrorCode.CORRUPT_MESSAGE);
  return n === -1 ? null : r.raw(n);
}

/**
 * Decodes `count` records from an uncompressed records payload (the bytes after the batch header,
 * or the decompressed payload of a compressed batch). Buffers are zero-copy views.
 */
export function decodeRecordsPayload(
  payload: Buffer,
  count: number,
  baseOffset: bigint,
  baseTimestamp: bigint,
): DecodedRecord[] {
  const r = new Reader(payload);
  const out: DecodedRecord[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const length = r.varint();
      if (length < 0 || length > r.remaining) {
        throw new ProtocolDecodeError(`record ${i} has invalid length ${length}`, ErrorCode.CORRUPT_MESSAGE);
      }
      const end = r.offset + length;
      const savedEnd = r.end;
      r.end = end;
      const attributes = r.int8();
      const timestampDelta = r.varlong();
      const offsetDelta = r.varint();
      const key = readVarBytes(r);
      const value = readVarBytes(r);
      const headerCount = r.varint();
      if (headerCount < 0 || headerCount > r.remaining) {
        throw new ProtocolDecodeError(`invalid header count ${headerCount}`, ErrorCode.CORRUPT_MESSAGE);
      }
      const headers: RecordHeader[] = [];
      for (let h = 0; h < headerCount; h++) {
        const k = readVarBytes(r);
        if (k === null) throw new ProtocolDecodeError('null record header key', ErrorCode.CORRUPT_MESSAGE);
        headers.push({ key: k.toString('utf8'), value: readVarBytes(r) });
      }
      if (r.offset !== end) {
        throw new ProtocolDecodeError(
          `record ${i} has ${end - r.offset} unread byte(s)`,
          ErrorCode.CORRUPT_MESSAGE,
        );
      }
      r.end = savedEnd;
      out.push({
        attributes,
        timestampDelta,
        offsetDelta,
        offset: baseOffset + BigInt(offsetDelta),
        timestamp: baseTimestamp + timestampDelta,
        key,
        value,
        headers,
      });
    }
  } catch (e) {
    if (e instanceof ProtocolError && e.code === ErrorCode.INVALID_REQUEST) {
      throw new ProtocolDecodeError(e.message, ErrorCode.CORRUPT_MESSAGE);
    }
    throw e;
  }
  return out;
}

/** Decodes the records of the uncompressed v2 batch at `offset` (the CRC is not checked here). */
export function decodeRecords(
  batch: Buffer,
  offset = 0,
): { header: RecordBatchHeader; records: DecodedRecord[] } {
  const header = readBatchHeader(batch, offset);
  if (header.compression !== CompressionType.None) {
    throw new ProtocolDecodeError(
      `compression type ${header.compression} is not decoded here`,
      ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
    );
  }
  const end = offset + header.sizeInBytes;
  if (header.batchLength < RECORD_BATCH_OVERHEAD - 12 || end > batch.length)
    throw new ProtocolDecodeError('truncated record batch', ErrorCode.CORRUPT_MESSAGE);
  const payload = batch.subarray(offset + RECORD_BATCH_OVERHEAD, end);
  return {
    header,
    records: decodeRecordsPayload(payload, header.recordCount, header.baseOffset, header.baseTimestamp),
  };
}
