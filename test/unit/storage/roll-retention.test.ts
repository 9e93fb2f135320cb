import fs from 'node:fs';
import path from 'node:path';
import { MockTime } from '../../../src/common/clock';
import { batch, config, openLog, quietLogs, readAll, tmpDir } from './helpers';

quietLogs();

describe('segment rolling', () => {
  let root: string;
  beforeEach(() => {
    root = tmpDir();
  });

  it('rolls by size before a segment would exceed segment.bytes', () => {
    const log = openLog(root, config({ segmentBytes: 1000 }));
    const size = batch({ valueSize: 200 }).length;
    for (let i = 0; i < 10; i++) log.appendAsLeader(batch({ valueSize: 200 }), 0);
    const perSegment = Math.floor(1000 / size);
    expect(log.numberOfSegments).toBe(Math.ceil(10 / perSegment));
    for (const s of log.segments.all) expect(s.size).toBeLessThanOrEqual(1000);
    expect(log.segments.all.map((s) => s.baseOffset)).toEqual(
      Array.from({ length: log.numberOfSegments }, (_, i) => BigInt(i * perSegment)),
    );
  });

  it('rolls by time: record timestamps more than segment.ms past the first batch', () => {
    const log = openLog(root, config({ segmentMs: 60_000 }));
    log.appendAsLeader(batch({ baseTimestamp: 1_000_000n }), 0);
    log.appendAsLeader(batch({ baseTimestamp: 1_060_000n }), 0);
    expect(log.numberOfSegments).toBe(1);
    log.appendAsLeader(batch({ baseTimestamp: 1_060_001n }), 0);
    expect(log.numberOfSegments).toBe(2);
    expect(log.activeSegment.baseOffset).toBe(2n);
  });

  it('rolls by wall-clock time when the first batch has no timestamp', () => {
    const time = new MockTime();
    const log = openLog(root, config({ segmentMs: 1000 }), { time });
    log.appendAsLeader(batch({ baseTimestamp: -1n }), 0);
    time.advance(500);
    log.appendAsLeader(batch({ baseTimestamp: -1n }), 0);
    expect(log.numberOfSegments).toBe(1);
    time.advance(600);
    log.appendAsLeader(batch({ baseTimestamp: -1n }), 0);
    expect(log.numberOfSegments).toBe(2);
  });

  it('flushes the previous segments in the background after a roll', async () => {
    const time = new MockTime();
    const log = openLog(root, config({ segmentBytes: 300 }), { time });
    for (let i = 0; i < 6; i++) log.appendAsLeader(batch({ valueSize: 100 }), 0);
    expect(log.recoveryPoint).toBe(0n);
    time.advance(0);
    // Each roll schedules its own background flush: wait for the last one.
    const target = log.activeSegment.baseOffset;
    for (let i = 0; i < 300 && log.recoveryPoint !== target; i++) await new Promise((r) => setTimeout(r, 10));
    expect(log.recoveryPoint).toBe(log.activeSegment.baseOffset);
  });
});

describe('retention', () => {
  let root: string;
  beforeEach(() => {
    root = tmpDir();
  });

  it('retention.ms deletes whole segments by their largest timestamp and moves the log start offset', () => {
    const time = new MockTime(1_016_000);
    const log = openLog(root, config({ segmentBytes: 400, retentionMs: 10_000 }), { time });
    for (let i = 0; i < 12; i++)
      log.appendAsLeader(batch({ valueSize: 100, baseTimestamp: BigInt(1_000_000 + i * 1000) }), 0);
    log.updateHighWatermark(log.logEndOffset);
    const before = log.segments.all.map((s) => [s.baseOffset, s.largestTimestamp] as const);
    const now = time.now();
    const expired = before.filter(([, ts]) => now - ts > 10_000);
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.length).toBeLessThan(before.length);
    expect(log.deleteOldSegments()).toBe(expired.length);
    const firstKept = before[expired.length]?.[0];
    expect(log.logStartOffset).toBe(firstKept);
    expect(log.segments.first.baseOffset).toBe(firstKept);
    expect(readAll(log)[0]?.readBigInt64BE(0)).toBe(firstKept);
    const dir = path.join(root, 'topic-0');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.log.deleted'))).toHaveLength(expired.length);
    time.advance(60_000);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.deleted'))).toHaveLength(0);
  });

  it('retention.bytes deletes the oldest whole segments while the rest stays at or above the limit', () => {
    const log = openLog(root, config({ segmentBytes: 500, retentionBytes: 1200 }));
    for (let i = 0; i < 20; i++) log.appendAsLeader(batch({ valueSize: 100 }), 0);
    log.updateHighWatermark(log.logEndOffset);
    const sizes = log.segments.all.map((s) => s.size);
    const total = sizes.reduce((a, b) => a + b, 0);
    let diff = total - 1200;
    let expected = 0;
    for (const s of sizes) {
      if (diff - s < 0) break;
      diff -= s;
      expected++;
    }
    expect(log.deleteOldSegments()).toBe(expected);
    expect(log.size).toBeGreaterThanOrEqual(1200 - (sizes[0] ?? 0));
    expect(log.logStartOffset).toBe(log.segments.first.baseOffset);
    expect(log.numberOfSegments).toBe(sizes.length - expected);
  });

  it('never deletes past the high watermark, and never an empty active segment', () => {
    const time = new MockTime(10_000_000);
    const log = openLog(root, config({ segmentBytes: 400, retentionMs: 1000 }), { time });
    for (let i = 0; i < 6; i++) log.appendAsLeader(batch({ valueSize: 100, baseTimestamp: 1000n }), 0);
    const segments = log.numberOfSegments;
    expect(log.deleteOldSegments()).toBe(0);
    log.updateHighWatermark(log.segments.all[1]?.baseOffset ?? 0n);
    expect(log.deleteOldSegments()).toBe(1);
    expect(log.numberOfSegments).toBe(segments - 1);
    // With the high watermark at the end, the non-empty active segment's data expires too: the log
    // rolls an empty active segment first (as Kafka does), which itself is never deleted.
    log.updateHighWatermark(log.logEndOffset);
    expect(log.deleteOldSegments()).toBe(segments - 1);
    expect(log.numberOfSegments).toBe(1);
    expect(log.activeSegment.size).toBe(0);
    expect(log.logStartOffset).toBe(log.logEndOffset);
    expect(log.deleteOldSegments()).toBe(0);
    expect(log.numberOfSegments).toBe(1);
    expect(log.appendAsLeader(batch(), 0).firstOffset).toBe(6n);
  });

  it('DeleteRecords moves the log start offset; segments below it go on the next retention pass', () => {
    const log = openLog(root, config({ segmentBytes: 400, retentionMs: -1 }));
    for (let i = 0; i < 10; i++) log.appendAsLeader(batch({ valueSize: 100 }), 0);
    log.updateHighWatermark(log.logEndOffset);
    const third = log.segments.all[2]?.baseOffset ?? 0n;
    expect(log.maybeIncrementLogStartOffset(third + 1n, 'client delete records request')).toBe(true);
    expect(log.deleteOldSegments()).toBe(2);
    expect(log.logStartOffset).toBe(third + 1n);
    expect(log.segments.first.baseOffset).toBe(third);
  });

  it('compact-only topics keep their segments', () => {
    const time = new MockTime(10_000_000);
    const log = openLog(root, config({ segmentBytes: 400, retentionMs: 1, cleanupPolicy: ['compact'] }), {
      time,
    });
    for (let i = 0; i < 6; i++) log.appendAsLeader(batch({ valueSize: 100, baseTimestamp: 1n }), 0);
    log.updateHighWatermark(log.logEndOffset);
    expect(log.deleteOldSegments()).toBe(0);
  });
});
