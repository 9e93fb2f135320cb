/**
 * The segments of one partition directory (Kafka 3's `LocalLog`, the lower half of 2.8's `Log`):
 * the log end offset, the recovery point, rolling, flushing, byte-range reads, truncation and
 * segment deletion. It knows nothing of the log start offset, high watermark or leader epochs;
 * `Log` (log.ts) layers those on top.
 *
 * Lifecycle: built by `Log.load` from loaded segments (no I/O in the constructor); `close()` trims
 * and closes every segment. Segments removed by truncation or retention are renamed `.deleted` at
 * once and their files removed `file.delete.delay.ms` later by the injected Scheduler.
 *
 * Concurrency and I/O: synchronous on Node's single thread (each call is atomic). The only async
 * work is `flushAsync`, whose fsyncs run on libuv's thread pool; `truncations` tells it whether a
 * truncation happened meanwhile, in which case the recovery point is left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Cancellable, Clock, Scheduler } from '../common/clock';
import type { Logger } from '../common/logger';
import type { LogConfig } from './log-config';
import { loadSegments, type LoadParams } from './log-loader';
import { offsetOnlyMetadata, type FetchDataInfo, type LogOffsetMetadata } from './log-offset-metadata';
import { LogSegment } from './log-segment';
import { LogSegmentList } from './log-segment-list';
import {
  DELETED_FILE_SUFFIX,
  INDEX_FILE_SUFFIX,
  LOG_FILE_SUFFIX,
  TIME_INDEX_FILE_SUFFIX,
  filenamePrefixFromOffset,
  tpKey,
  type TopicPartition,
} from './topic-partition';

const EMPTY = Buffer.alloc(0);

export interface LocalLogParams extends LoadParams {
  readonly topicPartition: TopicPartition;
  readonly scheduler: Scheduler;
}

export class LocalLog {
  private nextOffsetMeta: LogOffsetMetadata;
  private recoveryPointOffset: bigint;
  private lastFlushedTime: number;
  private truncations = 0;
  private closed = false;
  /** Scheduled removals of `.deleted` segment files. */
  private pendingDeletions = new Map<Cancellable, LogSegment[]>();

  constructor(
    private dirPath: string,
    public config: LogConfig,
    readonly segments: LogSegmentList,
    nextOffset: bigint,
    recoveryPoint: bigint,
    readonly topicPartition: TopicPartition,
    readonly clock: Clock,
    readonly scheduler: Scheduler,
    readonly logger: Logger,
  ) {
    this.recoveryPointOffset = recoveryPoint;
    this.lastFlushedTime = clock.now();
    this.nextOffsetMeta = this.endMetadata(nextOffset);
  }

  /** Creates the directory if needed, then loads and (if needed) recovers its segments. */
  static load(p: LocalLogParams): LocalLog {
    fs.mkdirSync(p.dir, { recursive: true });
    const loaded = loadSegments(p);
    const segments = new LogSegmentList(loaded.segments);
    const { dir, config, topicPartition, clock, scheduler, logger } = p;
    return new LocalLog(
      dir,
      config,
      segments,
      loaded.nextOffset,
      loaded.recoveryPoint,
      topicPartition,
      clock,
      scheduler,
      logger,
    );
  }

  private endMetadata(offset: bigint): LogOffsetMetadata {
    const active = this.segments.active;
    return {
      messageOffset: offset,
      segmentBaseOffset: active.baseOffset,
      relativePositionInSegment: active.size,
    };
  }

  get dir(): string {
    return this.dirPath;
  }
  get parentDir(): string {
    return path.dirname(this.dirPath);
  }
  get logEndOffset(): bigint {
    return this.nextOffsetMeta.messageOffset;
  }
  get logEndOffsetMetadata(): LogOffsetMetadata {
    return this.nextOffsetMeta;
  }
  get recoveryPoint(): bigint {
    return this.recoveryPointOffset;
  }
  get lastFlushTime(): number {
    return this.lastFlushedTime;
  }
  get isClosed(): boolean {
    return this.closed;
  }
  /** Total bytes of all segments. */
  get size(): number {
    return this.segments.all.reduce((n, s) => n + s.size, 0);
  }
  /** Messages appended since the last flush. */
  get unflushedMessages(): bigint {
    return this.logEndOffset - this.recoveryPointOffset;
  }

  /** Sets the log end offset (its metadata follows the active segment) and caps the recovery point. */
  updateLogEndOffset(offset: bigint): void {
    this.nextOffsetMeta = this.endMetadata(offset);
    if (this.recoveryPointOffset > offset) this.recoveryPointOffset = offset;
  }

  /** Raises the recovery point (the log start offset moved past it). */
  updateRecoveryPoint(offset: bigint): void {
    this.recoveryPointOffset = offset;
  }

  /** Appends validated, offset-assigned batches to the active segment and moves the log end offset. */
  append(lastOffset: bigint, maxTimestamp: bigint, offsetOfMaxTimestamp: bigint, records: Buffer): void {
    this.segments.active.append(lastOffset, maxTimestamp, offsetOfMaxTimestamp, records);
    this.updateLogEndOffset(lastOffset + 1n);
  }

  /** Rolls when the active segment is full, too old, its index is full, or the offsets would overflow it. */
  maybeRoll(messagesSize: number, firstOffset: bigint, maxTimestamp: bigint, lastOffset: bigint): LogSegment {
    const segment = this.segments.active;
    const now = this.clock.now();
    const { segmentMs, segmentBytes } = this.config;
    const rollParams = {
      maxSegmentMs: segmentMs,
      maxSegmentBytes: segmentBytes,
      maxTimestampInMessages: maxTimestamp,
      maxOffsetInMessages: lastOffset,
      messagesSize,
      now,
    };
    if (!segment.shouldRoll(rollParams)) return segment;
    const oi = segment.offsetIndex;
    const ti = segment.timeIndex;
    this.logger.debug(
      `Rolling new log segment (log_size = ${segment.size}/${segmentBytes}}, offset_index_size = ` +
        `${oi.entries}/${oi.maxEntries}, time_index_size = ${ti.entries}/${ti.maxEntries}, inactive_time_ms = ` +
        `${segment.timeWaitedForRoll(now, maxTimestamp)}/${segmentMs - segment.rollJitterMs}).`,
    );
    return this.roll(firstOffset);
  }

  /** Starts a new active segment at max(expectedNextOffset, log end offset); older ones flush in the background. */
  roll(expectedNextOffset?: bigint): LogSegment {
    const start = this.clock.monotonic();
    const leo = this.logEndOffset;
    const newOffset = expectedNextOffset !== undefined && expectedNextOffset > leo ? expectedNextOffset : leo;
    const active = this.segments.active;
    const tp = tpKey(this.topicPartition);
    const rollDesc = `start offset ${newOffset} =max(provided offset = ${expectedNextOffset}, LEO = ${leo})`;
    if (this.segments.get(newOffset)) {
      if (active.baseOffset !== newOffset || active.size !== 0) {
        throw new Error(
          `Trying to roll a new log segment for topic partition ${tp} with ${rollDesc} while it already exists.`,
        );
      }
      this.logger.warn(
        `Trying to roll a new log segment with ${rollDesc} while it already exists and is active with size 0.`,
      );
      this.removeAndDeleteSegments([active], (list) =>
        this.logger.info(`Deleting segments as part of log roll: ${list.join(',')}`),
      );
    } else if (newOffset < active.baseOffset) {
      throw new Error(
        `Trying to roll a new log segment for topic partition ${tp} with ${rollDesc} lower than start offset of the active segment ${active}`,
      );
    } else {
      for (const suffix of [LOG_FILE_SUFFIX, INDEX_FILE_SUFFIX, TIME_INDEX_FILE_SUFFIX]) {
        const file = path.join(this.dirPath, filenamePrefixFromOffset(newOffset) + suffix);
        if (fs.existsSync(file)) {
          this.logger.warn(
            `Newly rolled segment file ${path.resolve(file)} already exists; deleting it first`,
          );
          fs.rmSync(file);
        }
      }
      active.onBecomeInactiveSegment();
    }
    const segment = LogSegment.open(this.dirPath, newOffset, this.config, this.clock);
    this.segments.add(segment);
    this.updateLogEndOffset(this.logEndOffset);
    this.scheduler.schedule(0, () => {
      this.flushAsync(newOffset).catch((err: unknown) =>
        this.logger.error(
          `Error while flushing log for ${tp} in dir ${this.parentDir} with offset ${newOffset}`,
          err,
        ),
      );
    });
    this.logger.info(
      `Rolled new log segment at offset ${newOffset} in ${Math.round(this.clock.monotonic() - start)} ms.`,
    );
    return segment;
  }

  /** fsyncs every segment holding offsets below `offset` (capped at the log end) and moves the recovery point. */
  flush(offset: bigint = this.logEndOffset): void {
    const target = offset < this.logEndOffset ? offset : this.logEndOffset;
    if (target <= this.recoveryPointOffset || this.closed) return;
    this.logger.debug(
      `Flushing log up to offset ${target}, last flushed: ${this.lastFlushedTime},  current time: ` +
        `${this.clock.now()}, unflushed: ${this.unflushedMessages}`,
    );
    for (const s of this.segments.range(this.recoveryPointOffset, target)) s.flush();
    this.recoveryPointOffset = target;
    this.lastFlushedTime = this.clock.now();
  }

  /** As flush, with fsyncs on the thread pool; no effect on the recovery point if a truncation intervened. */
  async flushAsync(offset: bigint = this.logEndOffset): Promise<void> {
    if (offset <= this.recoveryPointOffset || this.closed) return;
    const generation = this.truncations;
    await Promise.all(this.segments.range(this.recoveryPointOffset, offset).map((s) => s.flushAsync()));
    if (generation !== this.truncations || this.closed) return;
    if (offset > this.recoveryPointOffset && offset <= this.logEndOffset) {
      this.recoveryPointOffset = offset;
      this.lastFlushedTime = this.clock.now();
    }
  }

  /** Where `offset` sits: the segment holding it and the position of its batch. */
  offsetMetadata(offset: bigint): LogOffsetMetadata {
    if (offset === this.logEndOffset) return this.nextOffsetMeta;
    const segment = this.segments.floor(offset);
    if (!segment) return offsetOnlyMetadata(offset);
    const position = segment.translateOffset(offset)?.position ?? segment.size;
    return {
      messageOffset: offset,
      segmentBaseOffset: segment.baseOffset,
      relativePositionInSegment: position,
    };
  }

  /**
   * Reads from the first segment that has data at or after `startOffset` (the caller checked the
   * range), at most `maxBytes` and never past `maxOffsetMetadata`. Empty when nothing is left.
   */
  read(
    startOffset: bigint,
    maxBytes: number,
    maxOffsetMetadata: LogOffsetMetadata,
    minOneMessage: boolean,
  ): FetchDataInfo {
    let index = this.segments.floorIndex(startOffset);
    for (let segment = this.segments.at(index); segment; segment = this.segments.at(++index)) {
      const maxPosition =
        maxOffsetMetadata.segmentBaseOffset === segment.baseOffset
          ? maxOffsetMetadata.relativePositionInSegment
          : segment.size;
      const slice = segment.read(startOffset, maxBytes, maxPosition, minOneMessage);
      if (slice) {
        return {
          fetchOffsetMetadata: slice.fetchOffsetMetadata,
          records: slice.size > 0 ? segment.log.read(slice.position, slice.size) : EMPTY,
          firstEntryIncomplete: slice.firstEntryIncomplete,
        };
      }
    }
    return { fetchOffsetMetadata: this.nextOffsetMeta, records: EMPTY, firstEntryIncomplete: false };
  }

  /** Removes everything at and above `targetOffset` (which must be >= the first segment's base offset). */
  truncateTo(targetOffset: bigint): void {
    this.truncations++;
    const deletable = this.segments.all.filter((s) => s.baseOffset > targetOffset);
    this.removeAndDeleteSegments(deletable, (list) =>
      this.logger.info(`Deleting segments as part of log truncation: ${list.join(',')}`),
    );
    this.segments.active.truncateTo(targetOffset);
    this.updateLogEndOffset(targetOffset);
  }

  /** Deletes every segment and starts an empty one at `newOffset`. */
  truncateFullyAndStartAt(newOffset: bigint): void {
    this.truncations++;
    this.removeAndDeleteSegments(this.segments.all, (list) =>
      this.logger.info(`Deleting segments as part of log truncation: ${list.join(',')}`),
    );
    this.segments.add(LogSegment.open(this.dirPath, newOffset, this.config, this.clock));
    this.updateLogEndOffset(newOffset);
  }

  /**
   * Takes segments out of the log, renames their files `.deleted`, and removes them after
   * file.delete.delay.ms (Kafka's asynchronous segment deletion). `logReason` logs why, first.
   */
  removeAndDeleteSegments(
    segments: readonly LogSegment[],
    logReason: (list: readonly LogSegment[]) => void,
  ): void {
    if (segments.length === 0) return;
    const toDelete = [...segments];
    logReason(toDelete);
    for (const s of toDelete) {
      this.segments.remove(s);
      s.changeFileSuffixes('', DELETED_FILE_SUFFIX);
    }
    const task = this.scheduler.schedule(this.config.fileDeleteDelayMs, () => {
      this.pendingDeletions.delete(task);
      this.logger.info(`Deleting segment files ${toDelete.join(',')}`);
      for (const s of toDelete) {
        try {
          s.deleteIfExists();
        } catch (err) {
          this.logger.error(
            `Error while deleting segments for ${tpKey(this.topicPartition)} in dir ${this.parentDir}`,
            err,
          );
        }
      }
    });
    this.pendingDeletions.set(task, toDelete);
  }

  /** Trims and closes every segment (no fsync: flush first for a clean shutdown). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.segments.all) s.close();
  }

  /** Closes every file without writing anything. */
  closeHandlers(): void {
    this.closed = true;
    for (const s of this.segments.all) s.closeHandlers();
  }

  /** Renames the partition directory before it is deleted (`t-0.<id>-delete`). Open descriptors stay valid. */
  renameDir(name: string): void {
    // The directory is on its way out: its `.deleted` files go with it.
    for (const [task, segments] of this.pendingDeletions) {
      task.cancel();
      for (const s of segments) s.closeHandlers();
    }
    this.pendingDeletions.clear();
    const target = path.join(this.parentDir, name);
    fs.renameSync(this.dirPath, target);
    this.dirPath = target;
  }
}
