import fs from 'node:fs';
import path from 'node:path';
import { readBatchHeader } from '../../../src/protocol/record-batch';
import type { LogSegment } from '../../../src/storage/log-segment';
import { OffsetIndex } from '../../../src/storage/offset-index';
import { TimeIndex } from '../../../src/storage/time-index';
import { batch, config, openLog, quietLogs, readAll, tmpDir } from './helpers';

quietLogs();

const pad = (n: bigint): string => n.toString().padStart(20, '0');

interface Stored {
  base: bigint;
  last: bigint;
  position: number;
  size: number;
  maxTimestamp: bigint;
}

/** The batches of one segment with their positions, by a linear walk over the bytes. */
function storedBatches(segment: LogSegment): Stored[] {
  const bytes = segment.log.read(0, segment.size);
  const out: Stored[] = [];
  for (let pos = 0; pos < bytes.length;) {
    const h = readBatchHeader(bytes, pos);
    out.push({
      base: h.baseOffset,
      last: h.lastOffset,
      position: pos,
      size: h.sizeInBytes,
      maxTimestamp: h.maxTimestamp,
    });
    pos += h.sizeInBytes;
  }
  return out;
}

/** Kafka's indexing rule for one-batch appends: an entry when more than `interval` bytes went in since the last. */
function expectedOffsetEntries(batches: Stored[], interval: number): { offset: bigint; position: number }[] {
  const out: { offset: bigint; position: number }[] = [];
  let since = 0;
  for (const b of batches) {
    if (since > interval) {
      out.push({ offset: b.last, position: b.position });
      since = 0;
    }
    since += b.size;
  }
  return out;
}

describe('offset and time indexes', () => {
  let root: string;
  beforeEach(() => {
    root = tmpDir();
  });

  it('are preallocated to segment.index.bytes while active and trimmed on roll and close', () => {
    const log = openLog(root, config({ segmentBytes: 3000, indexIntervalBytes: 200 }));
    for (let i = 0; i < 40; i++) {
      log.appendAsLeader(batch({ records: 2, valueSize: 40, baseTimestamp: BigInt(10_000 + i) }), 0);
    }
    const dir = path.join(root, 'topic-0');
    const active = log.activeSegment;
    expect(fs.statSync(path.join(dir, `${pad(active.baseOffset)}.index`)).size).toBe(10485760);
    expect(fs.statSync(path.join(dir, `${pad(active.baseOffset)}.timeindex`)).size).toBe(10485756);
    const first = log.segments.all[0] as LogSegment;
    const expected = expectedOffsetEntries(storedBatches(first), 200);
    expect(expected.length).toBeGreaterThan(3);
    const onDisk = fs.readFileSync(path.join(dir, `${pad(first.baseOffset)}.index`));
    expect(onDisk.length).toBe(expected.length * 8);
    expected.forEach((e, i) => {
      expect(onDisk.readInt32BE(i * 8)).toBe(Number(e.offset - first.baseOffset));
      expect(onDisk.readInt32BE(i * 8 + 4)).toBe(e.position);
    });
    const timeOnDisk = fs.readFileSync(path.join(dir, `${pad(first.baseOffset)}.timeindex`));
    expect(timeOnDisk.length % 12).toBe(0);
    // The last time-index entry of a rolled segment is its max timestamp (written on roll).
    const lastTs = timeOnDisk.readBigInt64BE(timeOnDisk.length - 12);
    expect(lastTs).toBe(first.maxTimestampSoFar);
    log.flush();
    log.close();
    const activeIndex = fs.statSync(path.join(dir, `${pad(active.baseOffset)}.index`)).size;
    expect(activeIndex).toBe(active.offsetIndex.entries * 8);
  });

  it('offset lookups and translateOffset match a linear scan of the segment', () => {
    const log = openLog(root, config({ indexIntervalBytes: 100 }));
    for (let i = 0; i < 50; i++) log.appendAsLeader(batch({ records: 1 + (i % 4), valueSize: 30 }), 0);
    const segment = log.activeSegment;
    const batches = storedBatches(segment);
    const entries = expectedOffsetEntries(batches, 100);
    for (let o = 0n; o < log.logEndOffset; o++) {
      const floor = [...entries].reverse().find((e) => e.offset <= o) ?? { offset: 0n, position: 0 };
      expect(segment.offsetIndex.lookup(o)).toEqual(floor);
      const holder = batches.find((b) => b.last >= o) as Stored;
      expect(segment.translateOffset(o)).toEqual({
        offset: holder.last,
        position: holder.position,
        size: holder.size,
      });
    }
    expect(segment.translateOffset(log.logEndOffset)).toBeUndefined();
  });

  it('time index lookups give the first offset at or after a timestamp', () => {
    const log = openLog(root, config({ indexIntervalBytes: 60 }));
    for (let i = 0; i < 30; i++)
      log.appendAsLeader(batch({ records: 2, baseTimestamp: BigInt(5000 + i * 10) }), 0);
    const ti = log.activeSegment.timeIndex;
    const entries = Array.from({ length: ti.entries }, (_, i) => ti.entry(i));
    expect(entries.length).toBeGreaterThan(5);
    for (let i = 1; i < entries.length; i++) {
      expect((entries[i] as { timestamp: bigint }).timestamp).toBeGreaterThan(
        (entries[i - 1] as { timestamp: bigint }).timestamp,
      );
    }
    for (let ts = 4990n; ts < 5400n; ts += 7n) {
      const floor = [...entries].reverse().find((e) => e.timestamp <= ts) ?? { timestamp: -1n, offset: 0n };
      expect(ti.lookup(ts)).toEqual(floor);
      const found = log.activeSegment.findOffsetByTimestamp(ts);
      const firstBatch = readAll(log)
        .map((b) => readBatchHeader(b))
        .find((h) => h.maxTimestamp >= ts);
      expect(found?.offset).toBe(firstBatch?.baseOffset);
    }
  });

  it('reloads the trimmed indexes lazily after a clean close', () => {
    const cfg = config({ indexIntervalBytes: 80 });
    const log = openLog(root, cfg);
    for (let i = 0; i < 30; i++) log.appendAsLeader(batch({ records: 2, baseTimestamp: BigInt(i) }), 0);
    const before = log.activeSegment.offsetIndex.entryBytes();
    const timeBefore = log.activeSegment.timeIndex.entryBytes();
    log.flush();
    log.close();
    const reopened = openLog(root, cfg, { clean: true });
    expect(reopened.logEndOffset).toBe(60n);
    expect(reopened.activeSegment.offsetIndex.entryBytes()).toEqual(before);
    // Closing added the segment's max timestamp as a last time-index entry.
    expect(reopened.activeSegment.timeIndex.entryBytes().subarray(0, timeBefore.length)).toEqual(timeBefore);
    expect(reopened.appendAsLeader(batch(), 0).firstOffset).toBe(60n);
  });

  it('truncate like Kafka: entries at and above the offset go', () => {
    const dir = tmpDir();
    const oi = new OffsetIndex(path.join(dir, 'x.index'), 100n, 80);
    for (let i = 0; i < 10; i++) oi.append(100n + BigInt(i * 10), 50 * (i + 1));
    expect(oi.isFull()).toBe(true);
    expect(() => oi.append(300n, 999)).toThrow(/full/);
    oi.truncateTo(130n);
    expect(oi.entries).toBe(3);
    oi.truncateTo(115n);
    expect(oi.entries).toBe(2);
    expect(oi.lookup(99n)).toEqual({ offset: 100n, position: 0 });
    expect(() => oi.append(105n, 10)).toThrow(/no larger than/);
    const ti = new TimeIndex(path.join(dir, 'x.timeindex'), 100n, 120);
    ti.maybeAppend(10n, 100n);
    ti.maybeAppend(10n, 105n);
    ti.maybeAppend(20n, 110n);
    expect(ti.entries).toBe(2);
    expect(ti.lookup(15n)).toEqual({ timestamp: 10n, offset: 100n });
    ti.truncateTo(110n);
    expect(ti.lastEntry).toEqual({ timestamp: 10n, offset: 100n });
    oi.close();
    ti.close();
    expect(fs.statSync(path.join(dir, 'x.index')).size).toBe(16);
    expect(fs.statSync(path.join(dir, 'x.timeindex')).size).toBe(12);
  });

  it('a full index rolls the segment', () => {
    const log = openLog(root, config({ segmentIndexBytes: 48, indexIntervalBytes: 0 }));
    for (let i = 0; i < 20; i++) log.appendAsLeader(batch(), 0);
    expect(log.numberOfSegments).toBeGreaterThan(2);
    expect(readAll(log)).toHaveLength(20);
  });
});
