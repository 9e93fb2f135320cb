/**
 * Record-level search inside one batch, for ListOffsets by timestamp only (Kafka's
 * `FileRecords.searchForTimestamp` opens the batch that may hold the answer and walks its records).
 * This is the one place the storage layer decodes records; produce and fetch never do.
 *
 * Uncompressed and gzip batches are searched record by record. For snappy, lz4 and zstd (no codec in
 * Node 20 without a native package) the batch's first offset at or after `startingOffset` and its max
 * timestamp are returned, which is exact for LogAppendTime batches and for one-record batches.
 */
import zlib from 'node:zlib';
import { CompressionType, RECORD_BATCH_OVERHEAD, readBatchHeader } from '../protocol/record-batch';
import { decodeRecordsPayload } from '../protocol/records';

export interface TimestampAndOffset {
  readonly timestamp: bigint;
  readonly offset: bigint;
  /** The batch's partition leader epoch, if it has one. */
  readonly leaderEpoch: number | undefined;
}

/**
 * The first record of `batch` (a whole v2 batch) with timestamp >= `target` and offset >=
 * `startingOffset`, or undefined.
 */
export function searchBatchForTimestamp(
  batch: Buffer,
  target: bigint,
  startingOffset: bigint,
): TimestampAndOffset | undefined {
  const h = readBatchHeader(batch, 0);
  const leaderEpoch = h.partitionLeaderEpoch >= 0 ? h.partitionLeaderEpoch : undefined;
  if (h.maxTimestamp < target) return undefined;
  const payload = batch.subarray(RECORD_BATCH_OVERHEAD, h.sizeInBytes);
  let records: Buffer | undefined;
  if (h.compression === CompressionType.None) records = payload;
  else if (h.compression === CompressionType.Gzip) records = zlib.gunzipSync(payload);
  if (records === undefined) {
    const offset = h.baseOffset > startingOffset ? h.baseOffset : startingOffset;
    return offset <= h.lastOffset ? { timestamp: h.maxTimestamp, offset, leaderEpoch } : undefined;
  }
  const logAppendTime = h.timestampType === 1;
  for (const r of decodeRecordsPayload(records, h.recordCount, h.baseOffset, h.baseTimestamp)) {
    const timestamp = logAppendTime ? h.maxTimestamp : r.timestamp;
    if (timestamp >= target && r.offset >= startingOffset)
      return { timestamp, offset: r.offset, leaderEpoch };
  }
  return undefined;
}
