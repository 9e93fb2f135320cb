/**
 * One segment of a partition's log (Kafka's `LogSegment`): `<20-digit base offset>.log` with its
 * `.index` (offset → position, an entry every `index.interval.bytes`) and `.timeindex`
 * (timestamp → offset). Batches are appended as raw bytes; reads return a byte range of whole
 * batches starting with the batch that holds the requested offset.
 *
 * Lifecycle: `LogSegment.open` creates or opens the files (I/O happens there, not in the
 * constructor); the segment takes appends while it is the active segment, then
 * `onBecomeInactiveSegment` trims its indexes; `close` trims and closes, or `deleteIfExists` removes
 * the files. Concurrency: owned by one Log; all calls are synchronous except `flushAsync`.
 */
import path from 'node:path';
import type { Clock } from '../common/clock';
import { getLogger } from '../common/logger';
import { validateRecordBatch } from '../protocol/record-batch';
import { FileRecords, corruptRecord, type LogOffsetPosition } from './file-records';
import { RecentBatches } from './recent-batches';
import type { LeaderEpochFileCache } from './leader-epoch-cache';
import type { LogConfig } from './log-config';
import { OffsetIndex } from './offset-index';
import { searchBatchForTimestamp, type TimestampAndOffset } from './record-search';
import type { RollParams, SegmentSlice } from './log-offset-metadata';
import { NO_TIMESTAMP, TimeIndex, type TimestampOffset } from './time-index';
import {
  INDEX_FILE_SUFFIX,
  LOG_FILE_SUFFIX,
  TIME_INDEX_FILE_SUFFIX,
  filenamePrefixFromOffset,
} from './topic-partition';

const log = getLogger('kafka.log.LogSegment');

export class LogSegment {
  private created: number;
  private bytesSinceLastIndexEntry = 0;
  /** The last batches appended, so fetches at the end of the log need not read headers back. */
  private readonly recentBatches = new RecentBatches();
  /** Max timestamp of the first batch, the basis of time-based rolling (undefined: not loaded). */
  private rollingBasedTimestamp: bigint | undefined;
  private maxTsAndOffset: TimestampOffset | undefined;

  private constructor(
    readonly log: FileRecords,
    readonly offsetIndex: OffsetIndex,
    readonly timeIndex: TimeIndex,
    readonly baseOffset: bigint,
    readonly indexIntervalBytes: number,
    readonly rollJitterMs: number,
    private readonly clock: Clock,
  ) {
    this.created = clock.now();
  }

  /** Opens (or creates) the segment files of `baseOffset` in `dir`. A new segment's indexes are preallocated. */
  static open(dir: string, baseOffset: bigint, config: LogConfig, clock: Clock, fileSuffix = ''): LogSegment {
    const prefix = path.join(dir, filenamePrefixFromOffset(baseOffset));
    const records = FileRecords.open(prefix + LOG_FILE_SUFFIX + fileSuffix);
    const offsetIndex = new OffsetIndex(
      prefix + INDEX_FILE_SUFFIX + fileSuffix,
      baseOffset,
      config.segmentIndexBytes,
    );
    const timeIndex = new TimeIndex(
      prefix + TIME_INDEX_FILE_SUFFIX + fileSuffix,
      baseOffset,
      config.segmentIndexBytes,
    );
    const jitter =
      config.segmentJitterMs === 0
        ? 0
        : Math.floor(Math.random() * 2147483647) % Math.min(config.segmentJitterMs, config.segmentMs);
    const segment = new LogSegment(
      records,
      offsetIndex,
      timeIndex,
      baseOffset,
      config.indexIntervalBytes,
      jitter,
      clock,
    );
    if (records.size === 0) {
      offsetIndex.load();
      timeIndex.load();
    }
    return segment;
  }

  get size(): number {
    return this.log.size;
  }

  private get maxTimestampAndOffsetSoFar(): TimestampOffset {
    if (this.maxTsAndOffset === undefined) this.maxTsAndOffset = this.timeIndex.lastEntry;
    return this.maxTsAndOffset;
  }

  get maxTimestampSoFar(): bigint {
    return this.maxTimestampAndOffsetSoFar.timestamp;
  }

  get offsetOfMaxTimestampSoFar(): bigint {
    return this.maxTimestampAndOffsetSoFar.offset;
  }

  canConvertToRelativeOffset(offset: bigint): boolean {
    return this.offsetIndex.canAppendOffset(offset);
  }

  shouldRoll(p: RollParams): boolean {
    const reachedRollMs =
      this.timeWaitedForRoll(p.now, p.maxTimestampInMessages) > p.maxSegmentMs - this.rollJitterMs;
    return (
      this.size > p.maxSegmentBytes - p.messagesSize ||
      (this.size > 0 && reachedRollMs) ||
      this.offsetIndex.isFull() ||
      this.timeIndex.isFull() ||
      !this.canConvertToRelativeOffset(p.maxOffsetInMessages)
    );
  }

  resizeIndexes(size: number): void {
    this.offsetIndex.resize(size);
    this.timeIndex.resize(size);
  }

  /**
   * Appends `records` (whole batches, offsets assigned) with one write, and adds index entries when
   * more than `index.interval.bytes` were appended since the last one.
   */
  append(
    largestOffset: bigint,
    largestTimestamp: bigint,
    offsetOfMaxTimestamp: bigint,
    records: Uint8Array,
  ): void {
    if (records.length === 0) return;
    const physicalPosition = this.log.size;
    if (physicalPosition === 0) this.rollingBasedTimestamp = largestTimestamp;
    if (!this.canConvertToRelativeOffset(largestOffset)) {
      throw new RangeError(
        `Detected offset overflow at offset ${largestOffset} in segment ${this.toString()}`,
      );
    }
    this.log.append(records);
    this.recentBatches.appended(records, physicalPosition);
    if (largestTimestamp > this.maxTimestampSoFar) {
      this.maxTsAndOffset = { timestamp: largestTimestamp, offset: offsetOfMaxTimestamp };
    }
    if (this.bytesSinceLastIndexEntry > this.indexIntervalBytes) {
      this.offsetIndex.append(largestOffset, physicalPosition);
      this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar);
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += records.length;
  }

  /** Position and size of the first batch whose last offset is >= `offset`, if any. */
  translateOffset(offset: bigint, startingFilePosition = 0): LogOffsetPosition | undefined {
    const recent = this.recentBatches.find(offset, startingFilePosition);
    if (recent) return recent;
    const mapping = this.offsetIndex.lookup(offset);
    return this.log.searchForOffsetWithSize(offset, Math.max(mapping.position, startingFilePosition));
  }

  /**
   * The byte range to send for a fetch at `startOffset`: it starts at the batch holding the offset
   * and holds at most `maxSize` bytes (the whole first batch when `minOneMessage`), never reaching
   * past `maxPosition`. Like Kafka, the range may end inside a batch; clients drop that partial tail.
   * undefined when no batch in this segment reaches `startOffset`.
   */
  read(
    startOffset: bigint,
    maxSize: number,
    maxPosition = this.size,
    minOneMessage = false,
  ): SegmentSlice | undefined {
    if (maxSize < 0)
      throw new RangeError(`Invalid max size ${maxSize} for log read from segment ${this.log.file}`);
    const start = this.translateOffset(startOffset);
    if (!start) return undefined;
    const fetchOffsetMetadata = {
      messageOffset: startOffset,
      segmentBaseOffset: this.baseOffset,
      relativePositionInSegment: start.position,
    };
    const adjustedMaxSize = minOneMessage ? Math.max(maxSize, start.size) : maxSize;
    if (adjustedMaxSize === 0) {
      return { fetchOffsetMetadata, position: start.position, size: 0, firstEntryIncomplete: false };
    }
    const fetchSize = Math.max(0, Math.min(maxPosition - start.position, adjustedMaxSize));
    return {
      fetchOffsetMetadata,
      position: start.position,
      size: fetchSize,
      firstEntryIncomplete: adjustedMaxSize < start.size,
    };
  }

  /**
   * Rebuilds the indexes from the `.log` and cuts the file at the first invalid or incomplete batch
   * (bad size, magic, CRC, or an offset the index cannot hold). Re-assigns leader epochs found on the
   * way. Returns the number of bytes truncated.
   */
  recover(leaderEpochCache?: LeaderEpochFileCache): number {
    this.recentBatches.clear();
    this.offsetIndex.reset();
    this.timeIndex.reset();
    this.maxTsAndOffset = { timestamp: NO_TIMESTAMP, offset: this.baseOffset };
    let validBytes = 0;
    let lastIndexEntry = 0;
    try {
      this.log.forEachBatch((buf, at, size) => {
        const h = validateRecordBatch(buf, at);
        if (!this.canConvertToRelativeOffset(h.lastOffset)) {
          throw corruptRecord(`offset ${h.lastOffset} cannot be stored in segment ${this.baseOffset}`);
        }
        if (h.maxTimestamp > this.maxTimestampSoFar)
          this.maxTsAndOffset = { timestamp: h.maxTimestamp, offset: h.lastOffset };
        if (validBytes - lastIndexEntry > this.indexIntervalBytes) {
          this.offsetIndex.append(h.lastOffset, validBytes);
          this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar);
          lastIndexEntry = validBytes;
        }
        validBytes += size;
        const latest = leaderEpochCache?.latestEpoch;
        if (
          leaderEpochCache &&
          h.partitionLeaderEpoch >= 0 &&
          (latest === undefined || h.partitionLeaderEpoch > latest)
        ) {
          leaderEpochCache.assign(h.partitionLeaderEpoch, h.baseOffset);
        }
      });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.warn(
        `Found invalid messages in log segment ${path.resolve(this.log.file)} at byte offset ${validBytes}: ${message}. null`,
      );
    }
    const truncated = this.log.size - validBytes;
    if (truncated > 0) {
      log.debug(
        `Truncated ${truncated} invalid bytes at the end of segment ${path.resolve(this.log.file)} during recovery`,
      );
    }
    this.log.truncateTo(validBytes);
    this.offsetIndex.trimToValidSize();
    this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar, true);
    this.timeIndex.trimToValidSize();
    this.bytesSinceLastIndexEntry = 0;
    return truncated;
  }

  /** Removes every batch with offsets >= `offset` and their index entries; returns bytes removed. */
  truncateTo(offset: bigint): number {
    this.recentBatches.clear();
    const mapping = this.translateOffset(offset);
    const hadTimestamp = this.maxTimestampSoFar >= 0n;
    this.offsetIndex.truncateTo(offset);
    this.timeIndex.truncateTo(offset);
    this.offsetIndex.resize(this.offsetIndex.maxIndexSize);
    this.timeIndex.resize(this.timeIndex.maxIndexSize);
    const bytesTruncated = mapping ? this.log.truncateTo(mapping.position) : 0;
    if (this.log.size === 0) {
      this.created = this.clock.now();
      this.rollingBasedTimestamp = undefined;
    }
    this.bytesSinceLastIndexEntry = 0;
    this.maxTsAndOffset = this.timeIndex.lastEntry;
    if (hadTimestamp) {
      const after = this.log.largestTimestampAfter(
        this.offsetIndex.lookup(this.maxTsAndOffset.offset).position,
      );
      if (after.timestamp > this.maxTsAndOffset.timestamp) this.maxTsAndOffset = after;
    }
    return bytesTruncated;
  }

  /** The offset after the last batch (the base offset when empty). */
  readNextOffset(): bigint {
    const last = this.log.lastBatchFrom(this.offsetIndex.lookup(this.offsetIndex.lastOffset).position);
    return last ? last.lastOffset + 1n : this.baseOffset;
  }

  /** fsyncs the log and writes + fsyncs the indexes. */
  flush(): void {
    this.log.flush();
    this.offsetIndex.flush();
    this.timeIndex.flush();
  }

  /** As flush, with the fsyncs on libuv's thread pool. */
  async flushAsync(): Promise<void> {
    await Promise.all([this.log.flushAsync(), this.offsetIndex.flushAsync(), this.timeIndex.flushAsync()]);
  }

  /** Writes the final time-index entry and trims both indexes to their used size (on roll). */
  onBecomeInactiveSegment(): void {
    this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar, true);
    this.offsetIndex.trimToValidSize();
    this.timeIndex.trimToValidSize();
  }

  /** Time waited for a time-based roll: by record timestamps when the first batch has one, else wall clock. */
  timeWaitedForRoll(now: number, messageTimestamp: bigint): number {
    const t = this.firstBatchTimestamp();
    return t !== undefined && t >= 0n ? Number(messageTimestamp - t) : now - this.created;
  }

  private firstBatchTimestamp(): bigint | undefined {
    if (this.rollingBasedTimestamp === undefined)
      this.rollingBasedTimestamp = this.log.firstBatch()?.maxTimestamp;
    return this.rollingBasedTimestamp;
  }

  /**
   * The first record with timestamp >= `timestamp` and offset >= `startingOffset` in this segment,
   * found through the time index, then the offset index, then a batch scan.
   */
  findOffsetByTimestamp(timestamp: bigint, startingOffset = this.baseOffset): TimestampAndOffset | undefined {
    const tsOffset = this.timeIndex.lookup(timestamp);
    const from = tsOffset.offset > startingOffset ? tsOffset.offset : startingOffset;
    let position = this.offsetIndex.lookup(from).position;
    for (;;) {
      let candidate: { position: number; size: number } | undefined;
      this.log.scanBatches(position, (h) => {
        if (h.maxTimestamp < timestamp || h.lastOffset < startingOffset) return true;
        candidate = { position: h.position, size: h.size };
        return false;
      });
      if (!candidate) return undefined;
      const found = searchBatchForTimestamp(
        this.log.read(candidate.position, candidate.size),
        timestamp,
        startingOffset,
      );
      if (found) return found;
      position = candidate.position + candidate.size;
    }
  }

  /** Max record timestamp, or the file's mtime when no batch has a timestamp. */
  get largestTimestamp(): number {
    const ts = this.maxTimestampSoFar;
    return ts >= 0n ? Number(ts) : this.log.lastModified();
  }

  get largestRecordTimestamp(): bigint | undefined {
    const ts = this.maxTimestampSoFar;
    return ts >= 0n ? ts : undefined;
  }

  get lastModified(): number {
    return this.log.lastModified();
  }

  /** Trims and closes the indexes and closes the log file (no fsync of the log). */
  close(): void {
    if (this.maxTsAndOffset !== undefined) {
      try {
        this.timeIndex.maybeAppend(this.maxTimestampSoFar, this.offsetOfMaxTimestampSoFar, true);
      } catch (err) {
        log.warn(`Failed to append the final time index entry of ${this.log.file}`, err);
      }
    }
    this.offsetIndex.close();
    this.timeIndex.close();
    this.log.close();
  }

  /** Closes the files without writing (the segment is being dropped). */
  closeHandlers(): void {
    this.offsetIndex.closeHandler();
    this.timeIndex.closeHandler();
    this.log.close();
  }

  /** Renames the three files from `oldSuffix` to `newSuffix` (e.g. '' → '.deleted'). */
  changeFileSuffixes(oldSuffix: string, newSuffix: string): void {
    const swap = (p: string): string =>
      (p.endsWith(oldSuffix) ? p.slice(0, p.length - oldSuffix.length) : p) + newSuffix;
    this.log.renameTo(swap(this.log.file));
    this.offsetIndex.renameTo(swap(this.offsetIndex.file));
    this.timeIndex.renameTo(swap(this.timeIndex.file));
  }

  /** Closes and deletes the files, logging each as Kafka does. */
  deleteIfExists(): void {
    const report = (deleted: boolean, kind: string, file: string): void => {
      if (deleted) log.info(`Deleted ${kind} ${path.resolve(file)}.`);
      else log.info(`Failed to delete ${kind} ${path.resolve(file)} because it does not exist.`);
    };
    report(this.log.deleteIfExists(), 'log', this.log.file);
    report(this.offsetIndex.deleteIfExists(), 'offset index', this.offsetIndex.file);
    report(this.timeIndex.deleteIfExists(), 'time index', this.timeIndex.file);
  }

  toString(): string {
    const ts = this.largestRecordTimestamp;
    return (
      `LogSegment(baseOffset=${this.baseOffset}, size=${this.size}, lastModifiedTime=${this.lastModified}, ` +
      `largestRecordTimestamp=${ts === undefined ? 'None' : `Some(${ts})`})`
    );
  }
}
