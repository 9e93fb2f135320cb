/**
 * Loading a partition directory into segments, with crash recovery (Kafka's `Log.loadSegments`,
 * `loadSegmentFiles` and `recoverLog`):
 *
 * 1. stray temporary files go: `*.deleted`, `*.cleaned`, and `*.swap` (this broker never compacts,
 *    so an interrupted swap is dropped rather than completed);
 * 2. every `<base>.log` becomes a segment; an index without its `.log` is deleted, a `.log` without
 *    its indexes is recovered (indexes rebuilt);
 * 3. without a clean shutdown, every segment from the one holding the recovery point onwards is
 *    re-validated batch by batch; at the first torn or corrupt batch the segment is cut there and
 *    every later segment is deleted;
 * 4. if the log ends below the log start offset, everything is deleted; an empty log gets a first
 *    segment at the log start offset.
 *
 * Runs synchronously, before the Log object exists; files of dropped segments are deleted at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { InvalidOffsetError } from './errors';
import type { LeaderEpochFileCache } from './leader-epoch-cache';
import type { LogConfig } from './log-config';
import { LogSegment } from './log-segment';
import {
  CLEANED_FILE_SUFFIX,
  DELETED_FILE_SUFFIX,
  INDEX_FILE_SUFFIX,
  LOG_FILE_SUFFIX,
  SWAP_FILE_SUFFIX,
  TIME_INDEX_FILE_SUFFIX,
  filenamePrefixFromOffset,
  isIndexFileName,
  isLogFileName,
  offsetFromFileName,
} from './topic-partition';

export interface LoadParams {
  readonly dir: string;
  readonly config: LogConfig;
  readonly clock: Clock;
  readonly hadCleanShutdown: boolean;
  readonly recoveryPoint: bigint;
  readonly logStartOffset: bigint;
  readonly leaderEpochCache: LeaderEpochFileCache;
  /** The Log's logger (`[Log partition=..., dir=...] ` prefix). */
  readonly logger: Logger;
}

export interface LoadedSegments {
  /** In base-offset order; never empty. */
  readonly segments: LogSegment[];
  readonly nextOffset: bigint;
  readonly recoveryPoint: bigint;
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name)
    .sort();
}

function deleteQuietly(file: string): void {
  fs.rmSync(file, { force: true });
}

function removeTempFiles(dir: string, logger: Logger): void {
  for (const name of listFiles(dir)) {
    const file = path.join(dir, name);
    if (name.endsWith(DELETED_FILE_SUFFIX)) {
      logger.debug(`Deleting stray temporary file ${path.resolve(file)}`);
      deleteQuietly(file);
    } else if (name.endsWith(CLEANED_FILE_SUFFIX)) {
      logger.debug(`Deleting stray .clean file ${path.resolve(file)}`);
      deleteQuietly(file);
    } else if (name.endsWith(SWAP_FILE_SUFFIX)) {
      logger.info(`Found file ${path.resolve(file)} from interrupted swap operation.`);
      deleteQuietly(file);
    }
  }
}

/** Removes segments from the list and deletes their files now, logging why. */
export function deleteSegmentsNow(segments: LogSegment[], logger: Logger, reason: string): void {
  if (segments.length === 0) return;
  logger.info(`${reason}: ${segments.map((s) => s.toString()).join(',')}`);
  for (const s of segments) {
    s.changeFileSuffixes('', DELETED_FILE_SUFFIX);
    s.deleteIfExists();
  }
}

function loadSegmentFiles(p: LoadParams): LogSegment[] {
  const segments: LogSegment[] = [];
  const files = listFiles(p.dir);
  const present = new Set(files);
  for (const name of files) {
    if (!/^\d+\./.test(name)) continue;
    const file = path.join(p.dir, name);
    if (isIndexFileName(name)) {
      const logName = filenamePrefixFromOffset(offsetFromFileName(name)) + LOG_FILE_SUFFIX;
      if (!present.has(logName)) {
        p.logger.warn(`Found an orphaned index file ${path.resolve(file)}, with no corresponding log file.`);
        deleteQuietly(file);
      }
    } else if (isLogFileName(name)) {
      const baseOffset = offsetFromFileName(name);
      const prefix = filenamePrefixFromOffset(baseOffset);
      const hasIndexes =
        present.has(prefix + INDEX_FILE_SUFFIX) && present.has(prefix + TIME_INDEX_FILE_SUFFIX);
      const segment = LogSegment.open(p.dir, baseOffset, p.config, p.clock);
      if (!hasIndexes) {
        p.logger.error(
          `Could not find offset index file corresponding to log file ${path.resolve(file)}, ` +
            'recovering segment and rebuilding index files...',
        );
        segment.recover();
      }
      segments.push(segment);
    }
  }
  return segments;
}

function recoverLog(p: LoadParams, segments: LogSegment[]): { nextOffset: bigint; recoveryPoint: bigint } {
  if (!p.hadCleanShutdown) {
    let first = segments.findIndex(
      (_s, i) => (segments[i + 1]?.baseOffset ?? p.recoveryPoint + 1n) > p.recoveryPoint,
    );
    if (first < 0) first = segments.length;
    for (let i = first; i < segments.length; i++) {
      const segment = segments[i];
      if (!segment) break;
      p.logger.info(`Recovering unflushed segment ${segment.baseOffset}`);
      let truncatedBytes: number;
      try {
        truncatedBytes = segment.recover(p.leaderEpochCache);
      } catch (err) {
        if (!(err instanceof InvalidOffsetError)) throw err;
        p.logger.warn(
          'Found invalid offset during recovery. Deleting the corrupt segment and creating an empty one ' +
            `with starting offset ${segment.baseOffset}`,
        );
        truncatedBytes = segment.truncateTo(segment.baseOffset);
      }
      if (truncatedBytes > 0) {
        p.logger.warn(
          `Corruption found in segment ${segment.baseOffset}, truncating to offset ${segment.readNextOffset()}`,
        );
        deleteSegmentsNow(segments.splice(i + 1), p.logger, 'Deleting segments as part of log recovery');
        break;
      }
    }
  }

  let logEndOffset: bigint | undefined;
  const active = segments[segments.length - 1];
  if (active) {
    const leo = active.readNextOffset();
    if (leo >= p.logStartOffset) logEndOffset = leo;
    else {
      p.logger.warn(
        `Deleting all segments because logEndOffset (${leo}) is smaller than logStartOffset (${p.logStartOffset}). ` +
          'This could happen if segment files were deleted from the file system.',
      );
      deleteSegmentsNow(segments.splice(0), p.logger, 'Deleting segments as part of log recovery');
      p.leaderEpochCache.clearAndFlush();
    }
  }
  if (segments.length === 0) segments.push(LogSegment.open(p.dir, p.logStartOffset, p.config, p.clock));

  if (p.hadCleanShutdown && logEndOffset !== undefined) {
    return { nextOffset: logEndOffset, recoveryPoint: logEndOffset };
  }
  const nextOffset = logEndOffset ?? (segments[segments.length - 1] as LogSegment).readNextOffset();
  return { nextOffset, recoveryPoint: p.recoveryPoint < nextOffset ? p.recoveryPoint : nextOffset };
}

/** Loads (and if needed recovers) the segments of `p.dir`. */
export function loadSegments(p: LoadParams): LoadedSegments {
  removeTempFiles(p.dir, p.logger);
  const segments = loadSegmentFiles(p);
  const { nextOffset, recoveryPoint } = recoverLog(p, segments);
  (segments[segments.length - 1] as LogSegment).resizeIndexes(p.config.segmentIndexBytes);
  return { segments, nextOffset, recoveryPoint };
}
