import fs from 'node:fs';
import path from 'node:path';
import { MockTime } from '../../../src/common/clock';
import { ErrorCode, KafkaError } from '../../../src/protocol/error-codes';
import {
  ATTR_TIMESTAMP_TYPE,
  isBatchCrcValid,
  readBatchHeader,
  splitBatches,
} from '../../../src/protocol/record-batch';
import { buildRecordBatch, decodeRecords } from '../../../src/protocol/records';
import { UnexpectedAppendOffsetError } from '../../../src/storage/errors';
import { batch, batchOffsets, config, openLog, quietLogs, readAll, tmpDir } from './helpers';

quietLogs();

function code(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof KafkaError) return err.code;
    throw err;
  }
  return undefined;
}

describe('Log append and read', () => {
  let root: string;
  beforeEach(() => {
    root = tmpDir();
  });

  it('assigns offsets, patches epochs and reads back across several segments', () => {
    const log = openLog(root, config({ segmentBytes: 600 }));
    const sent: Buffer[] = [];
    for (let i = 0; i < 20; i++) {
      const b = batch({ records: 3, valueSize: 20 });
      sent.push(Buffer.from(b));
      const info = log.appendAsLeader(b, 4);
      expect(info.firstOffset).toBe(BigInt(i * 3));
      expect(info.lastOffset).toBe(BigInt(i * 3 + 2));
      expect(info.logAppendTime).toBe(-1n);
    }
    expect(log.logEndOffset).toBe(60n);
    expect(log.numberOfSegments).toBeGreaterThan(3);
    const stored = readAll(log);
    expect(stored).toHaveLength(20);
    stored.forEach((b, i) => {
      const h = readBatchHeader(b);
      expect(h.baseOffset).toBe(BigInt(i * 3));
      expect(h.partitionLeaderEpoch).toBe(4);
      expect(isBatchCrcValid(b)).toBe(true);
      // Everything after the base offset and epoch is the producer's bytes.
      expect(b.subarray(16)).toEqual((sent[i] as Buffer).subarray(16));
    });
    // The file names are the 20-digit base offsets.
    const dir = path.join(root, 'topic-0');
    expect(fs.readdirSync(dir)).toContain('00000000000000000000.log');
    for (const s of log.segments.all) {
      expect(fs.existsSync(path.join(dir, `${s.baseOffset.toString().padStart(20, '0')}.timeindex`))).toBe(
        true,
      );
    }
  });

  it('reading from the middle of a batch returns that whole batch first', () => {
    const log = openLog(root, config());
    for (let i = 0; i < 5; i++) log.appendAsLeader(batch({ records: 10 }), 0);
    const r = log.read(23n, 1 << 20);
    expect(batchOffsets(r.records)[0]).toEqual({ base: 20n, last: 29n });
    expect(batchOffsets(r.records)).toHaveLength(3);
    expect(r.fetchOffsetMetadata.messageOffset).toBe(23n);
  });

  it('bounds reads by maxBytes, returning a partial last batch like Kafka, or the whole first batch with minOneMessage', () => {
    const log = openLog(root, config());
    for (let i = 0; i < 4; i++) log.appendAsLeader(batch({ records: 5, valueSize: 100 }), 0);
    const size = readAll(log)[0]?.length ?? 0;
    const r = log.read(0n, size + 10);
    expect(r.records.length).toBe(size + 10);
    expect(splitBatches(r.records)).toEqual(expect.objectContaining({ partialBytes: 10 }));
    expect(log.read(0n, 10, undefined, false).records.length).toBe(10);
    expect(log.read(0n, 10, undefined, false).firstEntryIncomplete).toBe(true);
    const one = log.read(0n, 10, undefined, true);
    expect(one.records.length).toBe(size);
    expect(one.firstEntryIncomplete).toBe(false);
  });

  it('stops at maxOffset (the high watermark for consumers)', () => {
    const log = openLog(root, config());
    for (let i = 0; i < 4; i++) log.appendAsLeader(batch({ records: 2 }), 0);
    expect(log.highWatermark).toBe(0n);
    expect(log.read(0n, 1 << 20, log.highWatermark).records.length).toBe(0);
    log.updateHighWatermark(4n);
    expect(batchOffsets(log.read(0n, 1 << 20, log.highWatermark).records)).toHaveLength(2);
    expect(log.read(5n, 1 << 20, log.highWatermark).records.length).toBe(0);
    expect(log.updateHighWatermark(100n)).toBe(8n);
    expect(batchOffsets(log.read(0n, 1 << 20, log.highWatermark).records)).toHaveLength(4);
  });

  it('OFFSET_OUT_OF_RANGE below the log start offset and above the log end offset', () => {
    const log = openLog(root, config());
    log.appendAsLeader(batch({ records: 3 }), 0);
    expect(code(() => log.read(4n, 100))).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(log.read(3n, 100).records.length).toBe(0);
    log.updateHighWatermark(3n);
    log.maybeIncrementLogStartOffset(2n, 'client delete records request');
    expect(code(() => log.read(1n, 100))).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(log.read(2n, 100).records.length).toBeGreaterThan(0);
    expect(code(() => log.maybeIncrementLogStartOffset(5n, 'client delete records request'))).toBe(
      ErrorCode.OFFSET_OUT_OF_RANGE,
    );
  });
});

describe('Log validation', () => {
  let root: string;
  beforeEach(() => {
    root = tmpDir();
  });

  it('rejects a batch with a bad CRC and appends nothing (even when other batches are fine)', () => {
    const log = openLog(root, config());
    const good = batch({ records: 2 });
    const bad = batch({ records: 2 });
    bad.writeUInt8(bad.readUInt8(bad.length - 1) ^ 0xff, bad.length - 1);
    expect(code(() => log.appendAsLeader(Buffer.concat([good, bad]), 0))).toBe(ErrorCode.CORRUPT_MESSAGE);
    expect(log.logEndOffset).toBe(0n);
    expect(log.size).toBe(0);
  });

  it('MESSAGE_TOO_LARGE above max.message.bytes, RECORD_LIST_TOO_LARGE above segment.bytes', () => {
    const log = openLog(root, config({ maxMessageBytes: 200, segmentBytes: 1000 }));
    expect(code(() => log.appendAsLeader(batch({ valueSize: 300 }), 0))).toBe(ErrorCode.MESSAGE_TOO_LARGE);
    expect(
      code(() => log.appendAsLeader(batch({ valueSize: 300 }), 0, { maxMessageBytes: 400 })),
    ).toBeUndefined();
    const many = Buffer.concat(Array.from({ length: 10 }, () => batch({ valueSize: 100 })));
    expect(code(() => log.appendAsLeader(many, 0))).toBe(ErrorCode.RECORD_LIST_TOO_LARGE);
    expect(log.logEndOffset).toBe(1n);
  });

  it('INVALID_RECORD for a non-zero base offset, a wrong record count, no batch, or a control batch', () => {
    const log = openLog(root, config());
    expect(code(() => log.appendAsLeader(batch({ baseOffset: 7n }), 0))).toBe(ErrorCode.INVALID_RECORD);
    const wrongCount = buildRecordBatch({ records: [{ value: 'a' }, { value: 'b', offsetDelta: 5 }] });
    expect(code(() => log.appendAsLeader(wrongCount, 0))).toBe(ErrorCode.INVALID_RECORD);
    expect(code(() => log.appendAsLeader(Buffer.alloc(0), 0))).toBe(ErrorCode.INVALID_RECORD);
    const control = buildRecordBatch({ isControl: true, records: [{ value: 'a' }] });
    expect(code(() => log.appendAsLeader(control, 0))).toBe(ErrorCode.INVALID_RECORD);
    expect(code(() => log.appendAsLeader(control, 0, { origin: 'Coordinator' }))).toBeUndefined();
    const legacy = batch();
    legacy.writeInt8(1, 16);
    expect(code(() => log.appendAsLeader(legacy, 0))).toBe(ErrorCode.INVALID_RECORD);
    const badMagic = batch();
    badMagic.writeInt8(7, 16);
    expect(code(() => log.appendAsLeader(badMagic, 0))).toBe(ErrorCode.CORRUPT_MESSAGE);
    expect(log.logEndOffset).toBe(1n);
  });

  it('ignores a truncated trailing batch', () => {
    const log = openLog(root, config());
    const b = batch({ records: 2 });
    const info = log.appendAsLeader(Buffer.concat([b, batch().subarray(0, 30)]), 0);
    expect(info.lastOffset).toBe(1n);
    expect(log.size).toBe(b.length);
  });

  it('LogAppendTime sets the timestamp type and max timestamp and keeps the CRC valid', () => {
    const time = new MockTime(1_700_000_000_123);
    const log = openLog(root, config({ messageTimestampType: 'LogAppendTime' }), { time });
    const info = log.appendAsLeader(batch({ records: 3, baseTimestamp: 5n }), 2);
    expect(info.logAppendTime).toBe(1_700_000_000_123n);
    const [stored] = readAll(log);
    const h = readBatchHeader(stored as Buffer);
    expect(h.maxTimestamp).toBe(1_700_000_000_123n);
    expect(h.attributes & ATTR_TIMESTAMP_TYPE).toBe(ATTR_TIMESTAMP_TYPE);
    expect(isBatchCrcValid(stored as Buffer)).toBe(true);
    expect(decodeRecords(stored as Buffer).records).toHaveLength(3);
    expect(log.activeSegment.maxTimestampSoFar).toBe(1_700_000_000_123n);
  });

  it('INVALID_TIMESTAMP outside message.timestamp.difference.max.ms (CreateTime)', () => {
    const time = new MockTime(1_600_000_000_000);
    const log = openLog(root, config({ messageTimestampDifferenceMaxMs: 1000 }), { time });
    expect(code(() => log.appendAsLeader(batch({ baseTimestamp: 1_600_000_005_000n }), 0))).toBe(
      ErrorCode.INVALID_TIMESTAMP,
    );
    expect(code(() => log.appendAsLeader(batch({ baseTimestamp: 1_600_000_000_500n }), 0))).toBeUndefined();
  });
});

describe('Log as follower, truncation and epochs', () => {
  let root: string;
  beforeEach(() => {
    root = tmpDir();
  });

  it('appends the leader’s batches as they are and tracks their epochs', () => {
    const leader = openLog(root, config(), {}, 'leader-0');
    const follower = openLog(root, config(), {}, 'leader-1');
    leader.appendAsLeader(batch({ records: 2 }), 0);
    leader.appendAsLeader(batch({ records: 3 }), 1);
    leader.appendAsLeader(batch({ records: 1 }), 1);
    const fetched = leader.read(0n, 1 << 20).records;
    const info = follower.appendAsFollower(fetched);
    expect(info.lastOffset).toBe(5n);
    expect(follower.logEndOffset).toBe(6n);
    expect(follower.leaderEpochCache.epochEntries()).toEqual([
      { epoch: 0, startOffset: 0n },
      { epoch: 1, startOffset: 2n },
    ]);
    expect(Buffer.concat(readAll(follower))).toEqual(fetched);
    expect(() => follower.appendAsFollower(fetched)).toThrow(UnexpectedAppendOffsetError);
    expect(follower.endOffsetForEpoch(0)).toEqual({ epoch: 0, offset: 2n });
    expect(follower.endOffsetForEpoch(1)).toEqual({ epoch: 1, offset: 6n });
    // A partial batch at the end of a fetch response is ignored.
    expect(follower.appendAsFollower(fetched.subarray(0, 20)).shallowCount).toBe(0);
  });

  it('truncateTo drops later segments and batches and lets offsets continue from the cut', () => {
    const log = openLog(root, config({ segmentBytes: 500 }));
    for (let i = 0; i < 30; i++) log.appendAsLeader(batch({ records: 2, valueSize: 30 }), i < 15 ? 0 : 1);
    log.updateHighWatermark(60n);
    const segmentsBefore = log.numberOfSegments;
    expect(log.truncateTo(20n)).toBe(true);
    expect(log.logEndOffset).toBe(20n);
    expect(log.highWatermark).toBe(20n);
    expect(log.numberOfSegments).toBeLessThan(segmentsBefore);
    expect(log.leaderEpochCache.epochEntries()).toEqual([{ epoch: 0, startOffset: 0n }]);
    expect(log.appendAsLeader(batch(), 2).firstOffset).toBe(20n);
    expect(readAll(log).map((b) => readBatchHeader(b).baseOffset)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => BigInt(i * 2)),
      20n,
    ]);
    expect(log.truncateTo(100n)).toBe(false);
  });

  it('truncateFullyAndStartAt empties the log and starts at the new offset', () => {
    const time = new MockTime();
    const log = openLog(root, config(), { time });
    for (let i = 0; i < 3; i++) log.appendAsLeader(batch(), 0);
    log.truncateFullyAndStartAt(50n);
    expect(log.logStartOffset).toBe(50n);
    expect(log.logEndOffset).toBe(50n);
    expect(log.leaderEpochCache.epochEntries()).toEqual([]);
    expect(log.appendAsLeader(batch(), 3).firstOffset).toBe(50n);
    const dir = path.join(root, 'topic-0');
    expect(fs.readdirSync(dir)).toContain('00000000000000000050.log');
    expect(fs.readdirSync(dir)).toContain('00000000000000000000.log.deleted');
    time.advance(60_000);
    expect(fs.readdirSync(dir).some((f) => f.endsWith('.deleted'))).toBe(false);
  });

  it('finds offsets by timestamp (ListOffsets), including earliest and latest', () => {
    const log = openLog(root, config({ segmentBytes: 400, indexIntervalBytes: 50 }));
    for (let i = 0; i < 20; i++) {
      log.appendAsLeader(batch({ records: 4, baseTimestamp: BigInt(1000 + i * 100), timestampStep: 10 }), 0);
    }
    expect(log.fetchOffsetByTimestamp(-2n)?.offset).toBe(0n);
    expect(log.fetchOffsetByTimestamp(-1n)?.offset).toBe(80n);
    expect(log.fetchOffsetByTimestamp(0n)).toEqual({ timestamp: 1000n, offset: 0n, leaderEpoch: 0 });
    expect(log.fetchOffsetByTimestamp(1215n)).toEqual({ timestamp: 1220n, offset: 10n, leaderEpoch: 0 });
    expect(log.fetchOffsetByTimestamp(2500n)?.offset).toBe(60n);
    expect(log.fetchOffsetByTimestamp(9999n)).toBeUndefined();
  });
});
