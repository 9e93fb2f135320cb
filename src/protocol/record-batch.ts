/**
 * RecordBatch v2 (magic 2) without decoding its records: a header view, CRC-32C validation, in-place
 * patches of the fields a broker rewrites (base offset, partition leader epoch, log-append time), and
 * iteration over the batches of a `records` buffer (tolerating the truncated trailing batch a fetch
 * response may end with). Record-level encode/decode is in ./records.ts.
 *
 * Layout (big-endian): baseOffset i64 @0, batchLength i32 @8 (bytes after this field),
 * partitionLeaderEpoch i32 @12, magic i8 @16, crc u32 @17 (CRC-32C of bytes 21..end), attributes
 * i16 @21, lastOffsetDelta i32 @23, baseTimestamp i64 @27, maxTimestamp i64 @35, producerId i64 @43,
 * producerEpoch i16 @51, baseSequence i32 @53, recordCount i32 @57, records @61.
 */
import { crc32c } from './crc32c';
import { ErrorCode } from './error-codes';
import { ProtocolDecodeError } from './errors';

export const BASE_OFFSET_OFFSET = 0;
export const BATCH_LENGTH_OFFSET = 8;
export const PARTITION_LEADER_EPOCH_OFFSET = 12;
export const MAGIC_OFFSET = 16;
export const CRC_OFFSET = 17;
export const ATTRIBUTES_OFFSET = 21;
export const LAST_OFFSET_DELTA_OFFSET = 23;
export const BASE_TIMESTAMP_OFFSET = 27;
export const MAX_TIMESTAMP_OFFSET = 35;
export const PRODUCER_ID_OFFSET = 43;
export const PRODUCER_EPOCH_OFFSET = 51;
export const BASE_SEQUENCE_OFFSET = 53;
export const RECORD_COUNT_OFFSET = 57;
/** Size of a RecordBatch v2 header; records start here. */
export const RECORD_BATCH_OVERHEAD = 61;
/** baseOffset + batchLength: the framing shared by every message format. */
export const LOG_OVERHEAD = 12;
/** The smallest legacy (magic 0) message: crc, magic, attributes, key length, value length. */
const MIN_LEGACY_MESSAGE_SIZE = 14;

export const CompressionType = { None: 0, Gzip: 1, Snappy: 2, Lz4: 3, Zstd: 4 } as const;
export type CompressionType = (typeof CompressionType)[keyof typeof CompressionType];

export const TimestampType = { CreateTime: 0, LogAppendTime: 1 } as const;
export type TimestampType = (typeof TimestampType)[keyof typeof TimestampType];

/** Attribute bits. */
export const ATTR_COMPRESSION_MASK = 0x07;
export const ATTR_TIMESTAMP_TYPE = 0x08;
export const ATTR_TRANSACTIONAL = 0x10;
export const ATTR_CONTROL = 0x20;
export const ATTR_DELETE_HORIZON = 0x40;

/** Decoded header of a RecordBatch v2. */
export interface RecordBatchHeader {
  baseOffset: bigint;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  /** Stored CRC, unsigned. */
  crc: number;
  attributes: number;
  compression: number;
  timestampType: TimestampType;
  isTransactional: boolean;
  isControl: boolean;
  hasDeleteHorizon: boolean;
  lastOffsetDelta: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
  /** Whole batch size: batchLength + 12. */
  sizeInBytes: number;
  /** baseOffset + lastOffsetDelta. */
  lastOffset: bigint;
}

function corrupt(reason: string): ProtocolDecodeError {
  return new ProtocolDecodeError(reason, ErrorCode.CORRUPT_MESSAGE);
}

/** Reads the header of the v2 batch at `offset` (checks size and magic, not the CRC). */
export function readBatchHeader(buf: Buffer, offset = 0): RecordBatchHeader {
  if (offset < 0 || buf.length - offset < RECORD_BATCH_OVERHEAD) {
    throw corrupt(`record batch needs ${RECORD_BATCH_OVERHEAD} bytes, ${buf.length - offset} available`);
  }
  const magic = buf.readInt8(offset + MAGIC_OFFSET);
  if (magic !== 2) throw corrupt(`unsupported record batch magic ${magic}`);
  const baseOffset = buf.readBigInt64BE(offset + BASE_OFFSET_OFFSET);
  const batchLength = buf.readInt32BE(offset + BATCH_LENGTH_OFFSET);
  const attributes = buf.readInt16BE(offset + ATTRIBUTES_OFFSET);
  const lastOffsetDelta = buf.readInt32BE(offset + LAST_OFFSET_DELTA_OFFSET);
  return {
    baseOffset,
    batchLength,
    partitionLeaderEpoch: buf.readInt32BE(offset + PARTITION_LEADER_EPOCH_OFFSET),
    magic,
    crc: buf.readUInt32BE(offset + CRC_OFFSET),
    attributes,
    compression: attributes & ATTR_COMPRESSION_MASK,
    timestampType: attributes & ATTR_TIMESTAMP_TYPE ? TimestampType.LogAppendTime : TimestampType.CreateTime,
    isTransactional: (attributes & ATTR_TRANSACTIONAL) !== 0,
    isControl: (attributes & ATTR_CONTROL) !== 0,
    hasDeleteHorizon: (attributes & ATTR_DELETE_HORIZON) !== 0,
    lastOffsetDelta,
    baseTimestamp: buf.readBigInt64BE(offset + BASE_TIMESTAMP_OFFSET),
    maxTimestamp: buf.readBigInt64BE(offset + MAX_TIMESTAMP_OFFSET),
    producerId: buf.readBigInt64BE(offset + PRODUCER_ID_OFFSET),
    producerEpoch: buf.readInt16BE(offset + PRODUCER_EPOCH_OFFSET),
    baseSequence: buf.readInt32BE(offset + BASE_SEQUENCE_OFFSET),
    recordCount: buf.readInt32BE(offset + RECORD_COUNT_OFFSET),
    sizeInBytes: batchLength + LOG_OVERHEAD,
    lastOffset: baseOffset + BigInt(lastOffsetDelta),
  };
}

function batchEnd(buf: Buffer, offset: number): number {
  const batchLength = buf.readInt32BE(offset + BATCH_LENGTH_OFFSET);
  const end = offset + LOG_OVERHEAD + batchLength;
  if (batchLength < RECORD_BATCH_OVERHEAD - LOG_OVERHEAD || end > buf.length) {
    throw corrupt(
      `record batch length ${batchLength} inconsistent with ${buf.length - offset} available bytes`,
    );
  }
  return end;
}

/** CRC-32C the batch at `offset` should carry (over attributes .. end of batch). */
export function computeBatchCrc(buf: Buffer, offset = 0): number {
  if (buf.length - offset < RECORD_BATCH_OVERHEAD) throw corrupt('record batch too short');
  return crc32c(buf, offset + ATTRIBUTES_OFFSET, batchEnd(buf, offset));
}

/** True when the stored CRC matches the content (false for malformed batches too). */
export function isBatchCrcValid(buf: Buffer, offset = 0): boolean {
  try {
    return computeBatchCrc(buf, offset) === buf.readUInt32BE(offset + CRC_OFFSET);
  } catch {
    return false;
  }
}

/**
 * Validates the v2 batch at `offset`: size, magic 2, batchLength consistent with the buffer (exactly
 * the rest of it when `exact`), non-negative record count, CRC. Returns its header; throws
 * ProtocolDecodeError with code CORRUPT_MESSAGE otherwise.
 */
export function validateRecordBatch(buf: Buffer, offset = 0, exact = false): RecordBatchHeader {
  const h = readBatchHeader(buf, offset);
  const end = batchEnd(buf, offset);
  if (exact && end !== buf.length) {
    throw corrupt(`record batch length ${h.batchLength} leaves ${buf.length - end} trailing byte(s)`);
  }
  if (h.recordCount < 0) throw corrupt(`negative record count ${h.recordCount}`);
  const actual = crc32c(buf, offset + ATTRIBUTES_OFFSET, end);
  if (actual !== h.crc) {
    throw corrupt(`record batch CRC mismatch: stored ${h.crc.toString(16)}, computed ${actual.toString(16)}`);
  }
  return h;
}

/** Rewrites the base offset in place (not covered by the CRC). */
export function setBaseOffset(buf: Buffer, baseOffset: bigint, offset = 0): void {
  buf.writeBigInt64BE(baseOffset, offset + BASE_OFFSET_OFFSET);
}

/** Rewrites the partition leader epoch in place (not covered by the CRC). */
export function setPartitionLeaderEpoch(buf: Buffer, epoch: number, offset = 0): void {
  buf.writeInt32BE(epoch, offset + PARTITION_LEADER_EPOCH_OFFSET);
}

/** Recomputes and stores the CRC of the batch at `offset`; returns it. */
export function updateBatchCrc(buf: Buffer, offset = 0): number {
  const crc = computeBatchCrc(buf, offset);
  buf.writeUInt32BE(crc, offset + CRC_OFFSET);
  return crc;
}

/**
 * Switches the batch to LogAppendTime in place: sets the timestamp-type bit and maxTimestamp, then
 * recomputes the CRC (both fields are covered by it).
 */
export function setLogAppendTime(buf: Buffer, timestamp: bigint, offset = 0): void {
  const attributes = buf.readInt16BE(offset + ATTRIBUTES_OFFSET);
  buf.writeInt16BE(attributes | ATTR_TIMESTAMP_TYPE, offset + ATTRIBUTES_OFFSET);
  buf.writeBigInt64BE(timestamp, offset + MAX_TIMESTAMP_OFFSET);
  updateBatchCrc(buf, offset);
}

/** Where one batch (or legacy message entry) sits inside a records buffer. */
export interface BatchSlice {
  /** Byte position of the batch in the records buffer. */
  position: number;
  /** Whole size in bytes, including the 12-byte offset/length prefix. */
  size: number;
  baseOffset: bigint;
  /** 2 for RecordBatch; 0 or 1 for legacy message-set entries. */
  magic: number;
}

/** The complete batches of a records buffer plus the size of any truncated trailing batch. */
export interface SplitBatches {
  batches: BatchSlice[];
  /** Bytes of an incomplete last batch (0 when the buffer ends on a batch boundary). */
  partialBytes: number;
}

/**
 * Walks the batches of a records buffer (a Produce/Fetch `records` field or a log segment range).
 * Stops at an incomplete trailing batch, whose size is reported; throws CORRUPT_MESSAGE for a size
 * smaller than any valid batch.
 */
export function splitBatches(records: Buffer): SplitBatches {
  const batches: BatchSlice[] = [];
  let pos = 0;
  while (records.length - pos >= LOG_OVERHEAD) {
    const length = records.readInt32BE(pos + BATCH_LENGTH_OFFSET);
    if (length < MIN_LEGACY_MESSAGE_SIZE) throw corrupt(`record batch at byte ${pos} has size ${length}`);
    const size = LOG_OVERHEAD + length;
    if (size > records.length - pos) break;
    batches.push({
      position: pos,
      size,
      baseOffset: records.readBigInt64BE(pos),
      magic: records.readInt8(pos + MAGIC_OFFSET),
    });
    pos += size;
  }
  return { batches, partialBytes: records.length - pos };
}

/** Iterates the complete batches of a records buffer (see splitBatches). */
export function* batchSlices(records: Buffer): Generator<BatchSlice> {
  yield* splitBatches(records).batches;
}
