/**
 * Validation and offset assignment of appended batches (Kafka's `Log.analyzeAndValidateRecords` and
 * the in-place path of `LogValidator`), working on batch headers only: the broker never decodes
 * records. Every check runs before anything is written, so an invalid batch appends nothing.
 *
 * Differences from Kafka, by design: CreateTime timestamps are taken from the batch header
 * (maxTimestamp) instead of each record, and `message.timestamp.difference.max.ms` is checked on
 * the header's base and max timestamps; broker-side recompression (`compression.type` other than
 * `producer`) and legacy (magic 0/1) batches are not supported (INVALID_RECORD).
 */
import { ErrorCode, KafkaError } from '../protocol/error-codes';
import {
  ATTR_CONTROL,
  ATTRIBUTES_OFFSET,
  BASE_SEQUENCE_OFFSET,
  BASE_TIMESTAMP_OFFSET,
  CRC_OFFSET,
  LAST_OFFSET_DELTA_OFFSET,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAX_TIMESTAMP_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  RECORD_BATCH_OVERHEAD,
  RECORD_COUNT_OFFSET,
  computeBatchCrc,
  setBaseOffset,
  setLogAppendTime,
  setPartitionLeaderEpoch,
} from '../protocol/record-batch';
import { OffsetsOutOfOrderError, UnexpectedAppendOffsetError } from './errors';
import { HEADER_SIZE_UP_TO_MAGIC, RECORD_OVERHEAD_V0 } from './file-records';
import { LONG_MAX, type TimestampTypeName } from './log-config';

/** Who is appending: a producer, the broker itself (group/txn coordinator), or a follower fetch. */
export type AppendOrigin = 'Client' | 'Coordinator' | 'Replication';

/** What the batch headers say about a records buffer. */
export interface AnalyzedRecords {
  /** Number of complete batches. */
  readonly shallowCount: number;
  /** Bytes of complete batches; trailing partial bytes are ignored. */
  readonly validBytes: number;
  /** Base offset of the first batch, as given. */
  readonly firstOffset: bigint;
  readonly lastOffset: bigint;
  readonly lastOffsetOfFirstBatch: bigint;
  readonly maxTimestamp: bigint;
  readonly offsetOfMaxTimestamp: bigint;
  /** Whether the batches' last offsets strictly increase. */
  readonly monotonic: boolean;
  /** The last batch's partition leader epoch (-1 for none). */
  readonly lastLeaderEpoch: number;
}

const fail = (code: ErrorCode, message: string): KafkaError => new KafkaError(code, message);

/**
 * Walks the batches of `records`: sizes, magic, max.message.bytes (unless `maxMessageBytes` is
 * undefined, for followers), CRC-32C, and for clients a zero base offset. Stops quietly at an
 * incomplete trailing batch, as Kafka does.
 */
export function analyzeAndValidateRecords(
  records: Buffer,
  topicPartition: string,
  origin: AppendOrigin,
  maxMessageBytes: number | undefined,
): AnalyzedRecords {
  let shallowCount = 0;
  let pos = 0;
  let firstOffset = -1n;
  let lastOffset = -1n;
  let lastOffsetOfFirstBatch = -1n;
  let maxTimestamp = -1n;
  let offsetOfMaxTimestamp = -1n;
  let monotonic = true;
  let lastLeaderEpoch = -1;
  while (records.length - pos >= LOG_OVERHEAD) {
    const batchLength = records.readInt32BE(pos + 8);
    if (batchLength < RECORD_OVERHEAD_V0) {
      throw fail(
        ErrorCode.CORRUPT_MESSAGE,
        `Record size ${batchLength} is less than the minimum record overhead (${RECORD_OVERHEAD_V0})`,
      );
    }
    if (records.length - pos < HEADER_SIZE_UP_TO_MAGIC) break;
    const magic = records.readInt8(pos + MAGIC_OFFSET);
    if (magic < 0 || magic > 2)
      throw fail(ErrorCode.CORRUPT_MESSAGE, `Invalid magic found in record: ${magic}`);
    const size = batchLength + LOG_OVERHEAD;
    if (records.length - pos < size) break;
    if (magic !== 2) {
      throw fail(
        ErrorCode.INVALID_RECORD,
        `Record batches with magic version ${magic} are not supported in topic partition ${topicPartition}; only magic version 2 is.`,
      );
    }
    if (size < RECORD_BATCH_OVERHEAD) {
      throw fail(
        ErrorCode.CORRUPT_MESSAGE,
        `Record is corrupt (stored crc = ${records.readUInt32BE(pos + CRC_OFFSET)}) in topic partition ${topicPartition}.`,
      );
    }
    const baseOffset = records.readBigInt64BE(pos);
    if (origin === 'Client' && baseOffset !== 0n) {
      throw fail(
        ErrorCode.INVALID_RECORD,
        `The baseOffset of the record batch in the append to ${topicPartition} should be 0, but it is ${baseOffset}`,
      );
    }
    const batchLastOffset = baseOffset + BigInt(records.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET));
    if (shallowCount === 0) {
      firstOffset = baseOffset;
      lastOffsetOfFirstBatch = batchLastOffset;
    }
    if (lastOffset >= batchLastOffset) monotonic = false;
    lastOffset = batchLastOffset;
    lastLeaderEpoch = records.readInt32BE(pos + PARTITION_LEADER_EPOCH_OFFSET);
    if (maxMessageBytes !== undefined && size > maxMessageBytes) {
      throw fail(
        ErrorCode.MESSAGE_TOO_LARGE,
        `The record batch size in the append to ${topicPartition} is ${size} bytes which exceeds the maximum configured value of ${maxMessageBytes}.`,
      );
    }
    const storedCrc = records.readUInt32BE(pos + CRC_OFFSET);
    if (computeBatchCrc(records, pos) !== storedCrc) {
      throw fail(
        ErrorCode.CORRUPT_MESSAGE,
        `Record is corrupt (stored crc = ${storedCrc}) in topic partition ${topicPartition}.`,
      );
    }
    const batchMaxTimestamp = records.readBigInt64BE(pos + MAX_TIMESTAMP_OFFSET);
    if (batchMaxTimestamp > maxTimestamp) {
      maxTimestamp = batchMaxTimestamp;
      offsetOfMaxTimestamp = batchLastOffset;
    }
    shallowCount++;
    pos += size;
  }
  return {
    shallowCount,
    validBytes: pos,
    firstOffset,
    lastOffset,
    lastOffsetOfFirstBatch,
    maxTimestamp,
    offsetOfMaxTimestamp,
    monotonic,
    lastLeaderEpoch,
  };
}

export interface AssignParams {
  /** The log end offset: the first offset to assign. */
  readonly firstOffset: bigint;
  readonly leaderEpoch: number;
  readonly timestampType: TimestampTypeName;
  /** Wall-clock ms; the LogAppendTime. */
  readonly now: number;
  readonly timestampDifferenceMaxMs: number;
  readonly origin: AppendOrigin;
}

export interface AssignedOffsets {
  readonly lastOffset: bigint;
  readonly maxTimestamp: bigint;
  readonly offsetOfMaxTimestamp: bigint;
}

/**
 * The leader's in-place pass over `records[0, validBytes)` (already analyzed): client checks
 * (offset range vs record count, no control batches, sequence numbers), timestamp range, then
 * patches baseOffset and partitionLeaderEpoch (outside the CRC) and, for LogAppendTime, the
 * timestamp type and maxTimestamp (then the CRC is recomputed).
 */
export function validateAndAssignOffsets(
  records: Buffer,
  validBytes: number,
  topicPartition: string,
  p: AssignParams,
): AssignedOffsets {
  const now = BigInt(p.now);
  const logAppendTime = p.timestampType === 'LogAppendTime';
  const checkTimestamps = !logAppendTime && p.timestampDifferenceMaxMs < LONG_MAX;
  const maxDiff = BigInt(Math.trunc(Math.min(p.timestampDifferenceMaxMs, Number.MAX_SAFE_INTEGER)));
  let offset = p.firstOffset;
  let maxTimestamp = -1n;
  let offsetOfMaxTimestamp = -1n;
  for (let pos = 0; pos < validBytes;) {
    const size = records.readInt32BE(pos + 8) + LOG_OVERHEAD;
    const baseOffset = records.readBigInt64BE(pos);
    const lastOffsetDelta = records.readInt32BE(pos + LAST_OFFSET_DELTA_OFFSET);
    if (p.origin === 'Client') validateClientBatch(records, pos, baseOffset, lastOffsetDelta, topicPartition);
    const batchMaxTimestamp = records.readBigInt64BE(pos + MAX_TIMESTAMP_OFFSET);
    if (checkTimestamps) {
      for (const ts of [records.readBigInt64BE(pos + BASE_TIMESTAMP_OFFSET), batchMaxTimestamp]) {
        if (ts - now > maxDiff || now - ts > maxDiff) {
          throw fail(
            ErrorCode.INVALID_TIMESTAMP,
            `Timestamp ${ts} of message with offset ${offset} is out of range. The timestamp should be within ` +
              `[${now - maxDiff}, ${now + maxDiff}]`,
          );
        }
      }
    }
    const batchLastOffset = offset + BigInt(lastOffsetDelta);
    setBaseOffset(records, offset, pos);
    setPartitionLeaderEpoch(records, p.leaderEpoch, pos);
    if (logAppendTime) {
      setLogAppendTime(records, now, pos);
    } else if (batchMaxTimestamp > maxTimestamp) {
      maxTimestamp = batchMaxTimestamp;
      offsetOfMaxTimestamp = batchLastOffset;
    }
    offset = batchLastOffset + 1n;
    pos += size;
  }
  const lastOffset = offset - 1n;
  if (logAppendTime) return { lastOffset, maxTimestamp: now, offsetOfMaxTimestamp: lastOffset };
  return { lastOffset, maxTimestamp, offsetOfMaxTimestamp };
}

function validateClientBatch(
  records: Buffer,
  pos: number,
  baseOffset: bigint,
  lastOffsetDelta: number,
  topicPartition: string,
): void {
  const lastOffset = baseOffset + BigInt(lastOffsetDelta);
  const countFromOffsets = lastOffsetDelta + 1;
  if (countFromOffsets <= 0) {
    throw fail(
      ErrorCode.INVALID_RECORD,
      `Batch has an invalid offset range: [${baseOffset}, ${lastOffset}] in topic partition ${topicPartition}.`,
    );
  }
  const count = records.readInt32BE(pos + RECORD_COUNT_OFFSET);
  if (count <= 0) {
    throw fail(
      ErrorCode.INVALID_RECORD,
      `Invalid reported count for record batch: ${count} in topic partition ${topicPartition}.`,
    );
  }
  if (countFromOffsets !== count) {
    throw fail(
      ErrorCode.INVALID_RECORD,
      `Inconsistent batch offset range [${baseOffset}, ${lastOffset}] and count of records ${count} in topic partition ${topicPartition}.`,
    );
  }
  if (records.readInt16BE(pos + ATTRIBUTES_OFFSET) & ATTR_CONTROL) {
    throw fail(
      ErrorCode.INVALID_RECORD,
      `Clients are not allowed to write control records in topic partition ${topicPartition}.`,
    );
  }
  const producerId = records.readBigInt64BE(pos + PRODUCER_ID_OFFSET);
  const baseSequence = records.readInt32BE(pos + BASE_SEQUENCE_OFFSET);
  if (producerId >= 0n && baseSequence < 0) {
    throw fail(
      ErrorCode.INVALID_RECORD,
      `Invalid sequence number ${baseSequence} in record batch with producerId ${producerId} in topic partition ${topicPartition}.`,
    );
  }
}

/** Validated records ready for the log: offsets assigned, trailing partial bytes cut off. */
export interface PreparedAppend {
  readonly records: Buffer;
  readonly firstOffset: bigint;
  readonly lastOffset: bigint;
  readonly maxTimestamp: bigint;
  readonly offsetOfMaxTimestamp: bigint;
  readonly shallowCount: number;
  readonly validBytes: number;
}

export interface LeaderAppendParams extends AssignParams {
  /** max.message.bytes. */
  readonly maxMessageBytes: number;
}

/** The leader's validation and offset assignment of a produce request's records (nothing is written). */
export function prepareLeaderAppend(
  records: Buffer,
  topicPartition: string,
  p: LeaderAppendParams,
): PreparedAppend {
  const info = analyzeAndValidateRecords(records, topicPartition, p.origin, p.maxMessageBytes);
  if (info.shallowCount === 0) throw fail(ErrorCode.INVALID_RECORD, 'Record batch has no batches at all');
  const valid = info.validBytes === records.length ? records : records.subarray(0, info.validBytes);
  const assigned = validateAndAssignOffsets(valid, info.validBytes, topicPartition, p);
  return {
    ...assigned,
    records: valid,
    firstOffset: p.firstOffset,
    shallowCount: info.shallowCount,
    validBytes: info.validBytes,
  };
}

/**
 * A follower's validation of fetched records: sizes and CRCs (not max.message.bytes), increasing
 * offsets starting at or after the log end offset. `records` is empty when there was no complete batch.
 */
export function prepareFollowerAppend(
  records: Buffer,
  topicPartition: string,
  logEndOffset: bigint,
  logStartOffset: bigint,
): PreparedAppend {
  const info = analyzeAndValidateRecords(records, topicPartition, 'Replication', undefined);
  const valid = info.validBytes === records.length ? records : records.subarray(0, info.validBytes);
  if (info.shallowCount === 0) return { ...info, records: valid };
  if (!info.monotonic)
    throw new OffsetsOutOfOrderError(`Out of order offsets found in append to ${topicPartition}`);
  if (info.firstOffset < logEndOffset) {
    throw new UnexpectedAppendOffsetError(
      `Unexpected offset in append to ${topicPartition}. First offset ${info.firstOffset} is less than the next ` +
        `offset ${logEndOffset}. Last offset in append: ${info.lastOffset}. Log start offset = ${logStartOffset}`,
      info.firstOffset,
      info.lastOffset,
    );
  }
  return { ...info, records: valid };
}

/** Calls `fn` with each batch's partition leader epoch and base offset. */
export function forEachBatchEpoch(records: Buffer, fn: (epoch: number, baseOffset: bigint) => void): void {
  for (
    let pos = 0;
    pos + LOG_OVERHEAD <= records.length;
    pos += records.readInt32BE(pos + 8) + LOG_OVERHEAD
  ) {
    fn(records.readInt32BE(pos + PARTITION_LEADER_EPOCH_OFFSET), records.readBigInt64BE(pos));
  }
}
