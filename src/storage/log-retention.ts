/**
 * Segment retention (Kafka's `Log.deleteOldSegments`): with `cleanup.policy` containing `delete`,
 * a prefix of segments goes when
 *  - now − the segment's largest record timestamp (its mtime if it has none) > retention.ms, or
 *  - the log minus the segment would still be >= retention.bytes (whole segments only), or
 *  - the next segment starts at or below the log start offset (after DeleteRecords).
 * A segment is only deletable when the high watermark has passed all of it, and an empty active
 * segment never goes. When every segment qualifies, the log first rolls a new (empty) active
 * segment, so the data of the old active segment can expire while the log keeps one segment — as
 * Kafka does. The log start offset then moves to the first remaining segment.
 */
import { isDeletePolicy } from './log-config';
import type { Log } from './log';
import type { LogSegment } from './log-segment';

type Predicate = (segment: LogSegment, next: LogSegment | undefined) => boolean;

/** The deletable prefix of segments under `predicate`. */
export function deletableSegments(log: Log, predicate: Predicate): LogSegment[] {
  const all = log.segments.all;
  const out: LogSegment[] = [];
  for (let i = 0; i < all.length; i++) {
    const segment = all[i] as LogSegment;
    const next = all[i + 1];
    const upperBoundOffset = next ? next.baseOffset : log.logEndOffset;
    const isLastSegmentAndEmpty = !next && segment.size === 0;
    if (log.highWatermark >= upperBoundOffset && predicate(segment, next) && !isLastSegmentAndEmpty)
      out.push(segment);
    else break;
  }
  return out;
}

function deleteSegments(
  log: Log,
  deletable: LogSegment[],
  logReason: (segments: readonly LogSegment[]) => void,
): number {
  if (deletable.length === 0) return 0;
  if (log.segments.length === deletable.length) log.roll();
  log.local.removeAndDeleteSegments(deletable, logReason);
  log.maybeIncrementLogStartOffset(log.segments.first.baseOffset, 'segment deletion');
  return deletable.length;
}

function deleteRetentionMsBreachedSegments(log: Log): number {
  const retentionMs = log.config.retentionMs;
  if (retentionMs < 0) return 0;
  const startMs = log.local.clock.now();
  const deletable = deletableSegments(log, (segment) => startMs - segment.largestTimestamp > retentionMs);
  return deleteSegments(log, deletable, (segments) => {
    for (const segment of segments) {
      const basis =
        segment.largestRecordTimestamp !== undefined ? 'largest record timestamp' : 'last modified time';
      log.local.logger.info(
        `Deleting segment ${segment} due to retention time ${retentionMs}ms breach based on the ${basis} in the segment`,
      );
    }
  });
}

function deleteRetentionSizeBreachedSegments(log: Log): number {
  const retentionBytes = log.config.retentionBytes;
  const size = log.size;
  if (retentionBytes < 0 || size < retentionBytes) return 0;
  let diff = size - retentionBytes;
  const deletable = deletableSegments(log, (segment) => {
    if (diff - segment.size < 0) return false;
    diff -= segment.size;
    return true;
  });
  return deleteSegments(log, deletable, (segments) => {
    let remaining = log.size;
    for (const segment of segments) {
      remaining -= segment.size;
      log.local.logger.info(
        `Deleting segment ${segment} due to retention size ${retentionBytes} breach. Log size after deletion will be ${remaining}.`,
      );
    }
  });
}

function deleteLogStartOffsetBreachedSegments(log: Log): number {
  const deletable = deletableSegments(
    log,
    (_segment, next) => next !== undefined && next.baseOffset <= log.logStartOffset,
  );
  return deleteSegments(log, deletable, (segments) =>
    log.local.logger.info(
      `Deleting segments due to log start offset ${log.logStartOffset} breach: ${segments.join(',')}`,
    ),
  );
}

/** Runs every retention rule that applies to the log's config; returns the number of segments deleted. */
export function deleteOldSegments(log: Log): number {
  if (isDeletePolicy(log.config)) {
    return (
      deleteRetentionMsBreachedSegments(log) +
      deleteRetentionSizeBreachedSegments(log) +
      deleteLogStartOffsetBreachedSegments(log)
    );
  }
  return deleteLogStartOffsetBreachedSegments(log);
}
