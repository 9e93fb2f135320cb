/**
 * One partition's log (Kafka 2.8's `Log`; Kafka 3 calls it UnifiedLog): the log start offset, the
 * high watermark (kept here, moved by the replication layer), the leader epoch cache, append
 * validation and offset assignment, range-checked reads, timestamp lookups, truncation and
 * retention, over a LocalLog that owns the segments, the log end offset and the recovery point.
 *
 * Lifecycle: `Log.load` creates or opens `<log dir>/<topic>-<partition>/` and recovers it (all I/O
 * happens there; the constructor does none). The log then serves calls until `close()`; a clean
 * shutdown calls `flush()` first. `renameDir` + `closeHandlers` prepare a deleted partition.
 *
 * Concurrency and I/O: every method is synchronous and runs to completion on Node's single thread,
 * so calls never interleave (this replaces Kafka's per-log lock). Hot path: an append is one
 * `writeSync` of the whole produce buffer after header-only validation; a read is one chunked
 * header scan plus one `readSync`. fsyncs are synchronous in `flush()` (shutdown, `flush.messages`,
 * the `flush.ms` task) and on the thread pool for the background flush that follows a roll.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getLogger } from '../common/logger';
import { ErrorCode, KafkaError } from '../protocol/error-codes';
import { LeaderEpochCheckpointFile } from './checkpoints';
import { withIoErrors } from './errors';
import { LeaderEpochFileCache } from './leader-epoch-cache';
import { LocalLog } from './local-log';
import type { LogConfig } from './log-config';
import {
  offsetMetadataString,
  offsetOnlyMetadata,
  type FetchDataInfo,
  type LogOffsetMetadata,
} from './log-offset-metadata';
import { deleteOldSegments } from './log-retention';
import type { LogSegment } from './log-segment';
import type { LogSegmentList } from './log-segment-list';
import {
  forEachBatchEpoch,
  prepareFollowerAppend,
  prepareLeaderAppend,
  type PreparedAppend,
} from './log-validation';
import {
  EARLIEST_TIMESTAMP,
  LATEST_TIMESTAMP,
  type AppendOptions,
  type LogAppendInfo,
  type LogParams,
  type LogStartOffsetIncrementReason,
} from './log-types';
import type { TimestampAndOffset } from './record-search';
import { parseTopicPartitionName, tpKey, type TopicPartition } from './topic-partition';

const EMPTY = Buffer.alloc(0);

export class Log {
  private highWatermarkMetadata: LogOffsetMetadata;
  /** `topic-partition`, for messages. */
  private readonly tpName: string;

  private constructor(
    readonly local: LocalLog,
    private startOffset: bigint,
    readonly leaderEpochCache: LeaderEpochFileCache,
  ) {
    this.highWatermarkMetadata = offsetOnlyMetadata(startOffset);
    this.tpName = tpKey(local.topicPartition);
  }

  /** Opens (creating if needed) and, after an unclean shutdown, recovers the log in `p.dir`. */
  static load(p: LogParams): Log {
    const topicPartition = parseTopicPartitionName(path.basename(p.dir), p.dir);
    const parent = path.dirname(path.resolve(p.dir));
    const logger = getLogger('kafka.log.Log', `[Log partition=${tpKey(topicPartition)}, dir=${parent}] `);
    fs.mkdirSync(p.dir, { recursive: true });
    const checkpoint = LeaderEpochCheckpointFile.inDir(p.dir);
    checkpoint.ensureExists();
    const holder: { log?: Log } = {};
    // While segments are recovered the log does not exist yet; nothing asks for its end offset then.
    const endOffset = (): bigint => holder.log?.logEndOffset ?? -1n;
    const cache = LeaderEpochFileCache.load(tpKey(topicPartition), endOffset, checkpoint);
    const local = LocalLog.load({ ...p, topicPartition, leaderEpochCache: cache, logger });
    const log = new Log(local, p.logStartOffset, cache);
    holder.log = log;
    cache.truncateFromEnd(log.logEndOffset);
    const first = local.segments.first.baseOffset;
    log.updateLogStartOffset(p.logStartOffset > first ? p.logStartOffset : first);
    cache.truncateFromStart(log.logStartOffset);
    logger.info(`Loading producer state till offset ${log.logEndOffset} with message format version 2`);
    return log;
  }

  get topicPartition(): TopicPartition {
    return this.local.topicPartition;
  }
  get config(): LogConfig {
    return this.local.config;
  }
  get segments(): LogSegmentList {
    return this.local.segments;
  }
  get dir(): string {
    return this.local.dir;
  }
  /** The log dir (`log.dirs` entry) this partition lives in. */
  get parentDir(): string {
    return this.local.parentDir;
  }
  get logStartOffset(): bigint {
    return this.startOffset;
  }
  get logEndOffset(): bigint {
    return this.local.logEndOffset;
  }
  get logEndOffsetMetadata(): LogOffsetMetadata {
    return this.local.logEndOffsetMetadata;
  }
  get highWatermark(): bigint {
    return this.highWatermarkMetadata.messageOffset;
  }
  /** No transactions are tracked, so the last stable offset is the high watermark. */
  get lastStableOffset(): bigint {
    return this.highWatermark;
  }
  get recoveryPoint(): bigint {
    return this.local.recoveryPoint;
  }
  get lastFlushTime(): number {
    return this.local.lastFlushTime;
  }
  get activeSegment(): LogSegment {
    return this.segments.active;
  }
  get numberOfSegments(): number {
    return this.segments.length;
  }
  /** Total bytes of all segments. */
  get size(): number {
    return this.local.size;
  }
  get latestEpoch(): number | undefined {
    return this.leaderEpochCache.latestEpoch;
  }

  /** New settings apply to later appends, rolls and retention. */
  updateConfig(config: LogConfig): void {
    this.local.config = config;
  }

  /** Sets the high watermark, bounded to [logStartOffset, logEndOffset]; returns the value set. */
  updateHighWatermark(hw: bigint): bigint {
    let meta: LogOffsetMetadata;
    if (hw < this.startOffset) meta = offsetOnlyMetadata(this.startOffset);
    else if (hw >= this.logEndOffset) meta = this.logEndOffsetMetadata;
    else meta = offsetOnlyMetadata(hw);
    this.setHighWatermarkMetadata(meta);
    return meta.messageOffset;
  }

  /** Moves the high watermark forward only (leader); returns the previous value when it moved. */
  maybeIncrementHighWatermark(newHighWatermark: bigint): bigint | undefined {
    if (newHighWatermark > this.logEndOffset) {
      throw new RangeError(
        `High watermark ${newHighWatermark} update exceeds current log end offset ${this.logEndOffset}`,
      );
    }
    const old = this.highWatermark;
    if (newHighWatermark <= old) return undefined;
    const atEnd = newHighWatermark === this.logEndOffset;
    this.setHighWatermarkMetadata(atEnd ? this.logEndOffsetMetadata : offsetOnlyMetadata(newHighWatermark));
    return old;
  }

  private setHighWatermarkMetadata(meta: LogOffsetMetadata): void {
    if (meta.messageOffset < 0n) throw new RangeError('High watermark offset should be non-negative');
    if (meta.messageOffset < this.highWatermarkMetadata.messageOffset) {
      const from = offsetMetadataString(this.highWatermarkMetadata);
      this.local.logger.warn(
        `Non-monotonic update of high watermark from ${from} to ${offsetMetadataString(meta)}`,
      );
    }
    this.highWatermarkMetadata = meta;
  }

  private updateLogStartOffset(offset: bigint): void {
    this.startOffset = offset;
    if (this.highWatermark < offset) this.updateHighWatermark(offset);
    if (this.local.recoveryPoint < offset) this.local.updateRecoveryPoint(offset);
  }

  /**
   * Validates a produce request's records (sizes, magic 2, CRC-32C, record counts), assigns offsets
   * from the log end offset by patching each batch header in place (plus the leader epoch, and the
   * timestamp for LogAppendTime), then appends the whole buffer with one write. Throws a KafkaError
   * (CORRUPT_MESSAGE, MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE, INVALID_RECORD, INVALID_TIMESTAMP,
   * KAFKA_STORAGE_ERROR) with nothing appended when the records are invalid.
   */
  appendAsLeader(records: Buffer, leaderEpoch: number, opts: AppendOptions = {}): LogAppendInfo {
    const now = opts.now ?? this.local.clock.now();
    const timestampType = opts.timestampType ?? this.config.messageTimestampType;
    const prepared = prepareLeaderAppend(records, this.tpName, {
      firstOffset: this.logEndOffset,
      leaderEpoch,
      timestampType,
      now,
      timestampDifferenceMaxMs: this.config.messageTimestampDifferenceMaxMs,
      origin: opts.origin ?? 'Client',
      maxMessageBytes: opts.maxMessageBytes ?? this.config.maxMessageBytes,
    });
    this.io('appending records to', () => {
      if (leaderEpoch >= 0) this.maybeAssignEpochStartOffset(leaderEpoch, prepared.firstOffset);
      this.appendPrepared(prepared);
    });
    const logAppendTime = timestampType === 'LogAppendTime' ? BigInt(now) : -1n;
    return { ...this.appendInfo(prepared), logAppendTime };
  }

  /**
   * Appends batches fetched from the leader as they are (offsets and epochs already assigned) after
   * checking sizes, CRCs and that offsets increase from the log end offset; a trailing partial batch
   * is ignored. Keeps the leader epoch cache in step with the batches' epochs.
   */
  appendAsFollower(records: Buffer): LogAppendInfo {
    const prepared = prepareFollowerAppend(records, this.tpName, this.logEndOffset, this.startOffset);
    if (prepared.shallowCount > 0) {
      this.io('appending records to', () => {
        forEachBatchEpoch(prepared.records, (epoch, baseOffset) => {
          if (epoch >= 0) this.maybeAssignEpochStartOffset(epoch, baseOffset);
        });
        this.appendPrepared(prepared);
      });
    }
    return this.appendInfo(prepared);
  }

  private appendInfo(p: PreparedAppend): LogAppendInfo {
    const { records: _records, ...rest } = p;
    return { ...rest, logAppendTime: -1n, logStartOffset: this.startOffset };
  }

  private appendPrepared(p: PreparedAppend): void {
    const size = p.records.length;
    if (size > this.config.segmentBytes) {
      throw new KafkaError(
        ErrorCode.RECORD_LIST_TOO_LARGE,
        `Message batch size is ${size} bytes in append to partition ${this.tpName}, ` +
          `which exceeds the maximum configured segment size of ${this.config.segmentBytes}.`,
      );
    }
    this.local.maybeRoll(size, p.firstOffset, p.maxTimestamp, p.lastOffset);
    this.local.append(p.lastOffset, p.maxTimestamp, p.offsetOfMaxTimestamp, p.records);
    if (Number(this.local.unflushedMessages) >= this.config.flushMessages) this.flush();
  }

  private io<T>(what: string, fn: () => T): T {
    return withIoErrors(() => `${what} ${this.tpName} in dir ${this.parentDir}`, fn);
  }

  /** Records that `leaderEpoch` starts at `startOffset` (on becoming leader, and for appended batches). */
  maybeAssignEpochStartOffset(leaderEpoch: number, startOffset: bigint): void {
    this.leaderEpochCache.assign(leaderEpoch, startOffset);
  }

  /** OffsetsForLeaderEpoch: where `leaderEpoch` ends in this log, or undefined when unknown. */
  endOffsetForEpoch(leaderEpoch: number): { epoch: number; offset: bigint } | undefined {
    const r = this.leaderEpochCache.endOffsetFor(leaderEpoch);
    return r.endOffset === -1n ? undefined : { epoch: r.epoch, offset: r.endOffset };
  }

  /** Moves the log start offset forward (DeleteRecords, retention); never past the high watermark. */
  maybeIncrementLogStartOffset(newLogStartOffset: bigint, reason: LogStartOffsetIncrementReason): boolean {
    if (newLogStartOffset > this.highWatermark) {
      throw new KafkaError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `Cannot increment the log start offset to ${newLogStartOffset} of partition ${this.tpName} ` +
          `since it is larger than the high watermark ${this.highWatermark}`,
      );
    }
    if (newLogStartOffset <= this.startOffset) return false;
    this.updateLogStartOffset(newLogStartOffset);
    this.local.logger.info(`Incremented log start offset to ${newLogStartOffset} due to ${reason}`);
    this.leaderEpochCache.truncateFromStart(this.startOffset);
    return true;
  }

  /**
   * Reads whole batches from the one holding `startOffset`: at most `maxBytes` (the whole first batch
   * when `minOneMessage`), never past `maxOffset` (the high watermark for consumers, the log end
   * offset for followers). OFFSET_OUT_OF_RANGE below the log start offset or above the log end
   * offset; empty records at or above `maxOffset`.
   */
  read(
    startOffset: bigint,
    maxBytes: number,
    maxOffset = this.logEndOffset,
    minOneMessage = false,
  ): FetchDataInfo {
    const endOffset = this.logEndOffset;
    if (
      startOffset > endOffset ||
      startOffset < this.startOffset ||
      this.segments.floorIndex(startOffset) < 0
    ) {
      throw new KafkaError(
        ErrorCode.OFFSET_OUT_OF_RANGE,
        `Received request for offset ${startOffset} for partition ${this.tpName}, ` +
          `but we only have log segments in the range ${this.startOffset} to ${endOffset}.`,
      );
    }
    return this.io('reading from', () => {
      const maxMeta = maxOffset >= endOffset ? this.logEndOffsetMetadata : this.offsetMetadata(maxOffset);
      if (startOffset === maxMeta.messageOffset) {
        return { fetchOffsetMetadata: maxMeta, records: EMPTY, firstEntryIncomplete: false };
      }
      if (startOffset > maxMeta.messageOffset) {
        return {
          fetchOffsetMetadata: this.offsetMetadata(startOffset),
          records: EMPTY,
          firstEntryIncomplete: false,
        };
      }
      return this.local.read(startOffset, maxBytes, maxMeta, minOneMessage);
    });
  }

  /** Where `offset` sits (segment and batch position); cached for the high watermark. */
  offsetMetadata(offset: bigint): LogOffsetMetadata {
    const hw = this.highWatermarkMetadata;
    if (offset === hw.messageOffset && hw.relativePositionInSegment >= 0) return hw;
    const meta = this.local.offsetMetadata(offset);
    if (offset === hw.messageOffset) this.highWatermarkMetadata = meta;
    return meta;
  }

  /**
   * ListOffsets: EARLIEST_TIMESTAMP (-2) gives the log start offset, LATEST_TIMESTAMP (-1) the log end
   * offset, any other timestamp the first record with a timestamp >= it (undefined if none).
   */
  fetchOffsetByTimestamp(targetTimestamp: bigint): TimestampAndOffset | undefined {
    if (targetTimestamp === EARLIEST_TIMESTAMP) {
      const earliest = this.leaderEpochCache.earliestEntry;
      const leaderEpoch = earliest && earliest.startOffset <= this.startOffset ? earliest.epoch : undefined;
      return { timestamp: -1n, offset: this.startOffset, leaderEpoch };
    }
    if (targetTimestamp === LATEST_TIMESTAMP) {
      return { timestamp: -1n, offset: this.logEndOffset, leaderEpoch: this.leaderEpochCache.latestEpoch };
    }
    return this.io('fetching offset by timestamp for', () => {
      const segment = this.segments.all.find((s) => BigInt(s.largestTimestamp) >= targetTimestamp);
      return segment?.findOffsetByTimestamp(targetTimestamp, this.startOffset);
    });
  }

  /** Retention by time and size, and segments below the log start offset; returns segments deleted. */
  deleteOldSegments(): number {
    return this.io('deleting segments for', () => deleteOldSegments(this));
  }

  /** Starts a new active segment now (at the log end offset unless a larger offset is given). */
  roll(expectedNextOffset?: bigint): LogSegment {
    return this.io('rolling log segment for', () => this.local.roll(expectedNextOffset));
  }

  /** fsyncs everything below `offset` (default: the whole log) and moves the recovery point there. */
  flush(offset: bigint = this.logEndOffset): void {
    this.io('flushing log for', () => this.local.flush(offset));
  }

  /** As flush, with the fsyncs on libuv's thread pool. */
  flushAsync(offset: bigint = this.logEndOffset): Promise<void> {
    return this.local.flushAsync(offset);
  }

  /** Drops everything at and above `targetOffset`; false when there is nothing to drop. */
  truncateTo(targetOffset: bigint): boolean {
    if (targetOffset < 0n)
      throw new RangeError(
        `Cannot truncate partition ${this.tpName} to a negative offset (${targetOffset}).`,
      );
    if (targetOffset >= this.logEndOffset) {
      const last = this.logEndOffset - 1n;
      this.local.logger.info(
        `Truncating to ${targetOffset} has no effect as the largest offset in the log is ${last}`,
      );
      this.leaderEpochCache.truncateFromEnd(this.logEndOffset);
      return false;
    }
    this.local.logger.info(`Truncating to offset ${targetOffset}`);
    if (this.segments.first.baseOffset > targetOffset) {
      this.truncateFullyAndStartAt(targetOffset);
      return true;
    }
    this.io('truncating log of', () => this.local.truncateTo(targetOffset));
    this.leaderEpochCache.truncateFromEnd(targetOffset);
    this.completeTruncation(targetOffset < this.startOffset ? targetOffset : this.startOffset, targetOffset);
    return true;
  }

  /** Deletes every segment and starts empty at `newOffset` (a follower far behind, or a reset). */
  truncateFullyAndStartAt(newOffset: bigint): void {
    this.local.logger.debug(`Truncate and start at offset ${newOffset}`);
    this.io('truncating the entire log of', () => this.local.truncateFullyAndStartAt(newOffset));
    this.leaderEpochCache.clearAndFlush();
    this.completeTruncation(newOffset, newOffset);
  }

  private completeTruncation(startOffset: bigint, endOffset: bigint): void {
    this.startOffset = startOffset;
    const hw = this.highWatermark < endOffset ? this.highWatermark : endOffset;
    // Positions below the cut are unchanged, but drop the cached one rather than reason about it.
    this.highWatermarkMetadata = offsetOnlyMetadata(this.highWatermarkMetadata.messageOffset);
    this.updateHighWatermark(hw);
  }

  /** Trims and closes every segment (call flush() first for a clean shutdown). */
  close(): void {
    this.local.logger.debug('Closing log');
    this.local.close();
  }

  /** Closes every file without writing anything (the log is being deleted or its disk failed). */
  closeHandlers(): void {
    this.local.logger.debug('Closing handlers');
    this.local.closeHandlers();
  }

  /** Renames the partition directory (used before deleting it). */
  renameDir(name: string): void {
    this.local.renameDir(name);
  }

  toString(): string {
    const tp = this.topicPartition;
    return (
      `Log(dir=${path.resolve(this.dir)}, topic=${tp.topic}, partition=${tp.partition}, ` +
      `highWatermark=${this.highWatermark}, lastStableOffset=${this.lastStableOffset}, ` +
      `logStartOffset=${this.startOffset}, logEndOffset=${this.logEndOffset})`
    );
  }
}
