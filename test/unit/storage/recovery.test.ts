import fs from 'node:fs';
import path from 'node:path';
import { readBatchHeader } from '../../../src/protocol/record-batch';
import type { Log } from '../../../src/storage/log';
import { batch, config, openLog, quietLogs, readAll, tmpDir } from './helpers';

quietLogs();

const pad = (n: bigint): string => n.toString().padStart(20, '0');

/** Appends `n` one-batch produce requests of 1–3 records; returns each batch's [base, last]. */
function fill(log: Log, n: number, epoch = 0): [bigint, bigint][] {
  const out: [bigint, bigint][] = [];
  for (let i = 0; i < n; i++) {
    const info = log.appendAsLeader(
      batch({ records: 1 + (i % 3), valueSize: 40, baseTimestamp: BigInt(1000 + i) }),
      epoch,
    );
    out.push([info.firstOffset, info.lastOffset]);
  }
  return out;
}

function stored(log: Log): [bigint, bigint][] {
  return readAll(log).map((b) => {
    const h = readBatchHeader(b);
    return [h.baseOffset, h.lastOffset];
  });
}

describe('crash recovery', () => {
  let root: string;
  const cfg = config({ segmentBytes: 1500, indexIntervalBytes: 150 });
  beforeEach(() => {
    root = tmpDir();
  });

  it('truncates a torn half batch at the tail; every complete batch stays and offsets continue', () => {
    const log = openLog(root, cfg);
    const appended = fill(log, 40);
    const indexBefore = log.activeSegment.offsetIndex.entryBytes();
    const timeIndexBefore = log.activeSegment.timeIndex.entryBytes();
    const activeBase = log.activeSegment.baseOffset;
    expect(log.numberOfSegments).toBeGreaterThan(2);
    // Kill: no flush, no close. Then a half-written batch lands at the end of the active segment.
    const logFile = path.join(root, 'topic-0', `${pad(activeBase)}.log`);
    const sizeBefore = fs.statSync(logFile).size;
    const half = batch({ records: 3, valueSize: 40 });
    fs.appendFileSync(logFile, half.subarray(0, Math.floor(half.length / 2)));

    const recovered = openLog(root, cfg, { clean: false, recoveryPoint: 0n });
    expect(fs.statSync(logFile).size).toBe(sizeBefore);
    expect(stored(recovered)).toEqual(appended);
    expect(recovered.logEndOffset).toBe((appended[appended.length - 1]?.[1] ?? 0n) + 1n);
    // Rebuilt indexes equal the ones the appends built (one batch per append gives the same entries).
    expect(recovered.activeSegment.offsetIndex.entryBytes()).toEqual(indexBefore);
    const rebuiltTime = recovered.activeSegment.timeIndex.entryBytes();
    expect(rebuiltTime.subarray(0, timeIndexBefore.length)).toEqual(timeIndexBefore);
    const indexFile = fs.readFileSync(path.join(root, 'topic-0', `${pad(activeBase)}.index`));
    expect(indexFile.subarray(0, indexBefore.length)).toEqual(indexBefore);
    const next = recovered.appendAsLeader(batch({ records: 2 }), 1);
    expect(next.firstOffset).toBe(recovered.logEndOffset - 2n);
    expect(next.firstOffset).toBe((appended[appended.length - 1]?.[1] ?? 0n) + 1n);
  });

  it('truncates garbage appended to the tail', () => {
    const log = openLog(root, cfg);
    const appended = fill(log, 10);
    const logFile = path.join(root, 'topic-0', `${pad(log.activeSegment.baseOffset)}.log`);
    fs.appendFileSync(logFile, Buffer.from('this is not a record batch at all, just noise!'));
    const recovered = openLog(root, cfg, { clean: false });
    expect(stored(recovered)).toEqual(appended);
  });

  it('a corrupted byte inside the last batch drops that batch and everything after it', () => {
    const log = openLog(root, cfg);
    const appended = fill(log, 12);
    const active = log.activeSegment;
    const logFile = path.join(root, 'topic-0', `${pad(active.baseOffset)}.log`);
    const bytes = fs.readFileSync(logFile);
    const lastBatch = readAll(log).pop() as Buffer;
    const lastStart = bytes.length - lastBatch.length;
    const fd = fs.openSync(logFile, 'r+');
    fs.writeSync(fd, Buffer.from([bytes.readUInt8(lastStart + 70) ^ 0x5a]), 0, 1, lastStart + 70);
    fs.closeSync(fd);
    const recovered = openLog(root, cfg, { clean: false });
    expect(stored(recovered)).toEqual(appended.slice(0, -1));
    expect(fs.statSync(logFile).size).toBe(lastStart);
    expect(recovered.logEndOffset).toBe(appended[appended.length - 1]?.[0]);
  });

  it('corruption in an older unflushed segment deletes every later segment', () => {
    const log = openLog(root, cfg);
    const appended = fill(log, 40);
    const second = log.segments.all[1];
    if (!second) throw new Error('expected several segments');
    const third = log.segments.all[2]?.baseOffset ?? 0n;
    const logFile = path.join(root, 'topic-0', `${pad(second.baseOffset)}.log`);
    const fd = fs.openSync(logFile, 'r+');
    fs.writeSync(fd, Buffer.from([0xff, 0xff]), 0, 2, 200);
    fs.closeSync(fd);
    const recovered = openLog(root, cfg, { clean: false });
    const kept = stored(recovered);
    expect(kept.length).toBeLessThan(appended.length);
    expect(kept).toEqual(appended.slice(0, kept.length));
    expect((kept[kept.length - 1]?.[1] ?? 0n) < third).toBe(true);
    expect(recovered.segments.all.map((s) => s.baseOffset)).toEqual([0n, second.baseOffset]);
    expect(fs.existsSync(path.join(root, 'topic-0', `${pad(third)}.log`))).toBe(false);
  });

  it('only segments from the recovery point on are re-validated', () => {
    const log = openLog(root, cfg);
    fill(log, 40);
    log.flush();
    const recoveryPoint = log.recoveryPoint;
    fill(log, 5);
    // Corrupt the first (flushed) segment: not re-validated, so it is kept as is.
    const first = path.join(root, 'topic-0', `${pad(0n)}.log`);
    const fd = fs.openSync(first, 'r+');
    fs.writeSync(fd, Buffer.from([0xee]), 0, 1, 100);
    fs.closeSync(fd);
    const recovered = openLog(root, cfg, { clean: false, recoveryPoint });
    expect(recovered.logEndOffset).toBe(log.logEndOffset);
    expect(recovered.recoveryPoint).toBe(recoveryPoint);
  });

  it('rebuilds a missing index and removes orphan and temporary files', () => {
    const log = openLog(root, cfg);
    fill(log, 40);
    log.flush();
    log.close();
    const dir = path.join(root, 'topic-0');
    const first = log.segments.all[0];
    const index = path.join(dir, `${pad(first?.baseOffset ?? 0n)}.index`);
    const expected = fs.readFileSync(index);
    fs.rmSync(index);
    fs.writeFileSync(path.join(dir, `${pad(999999n)}.index`), Buffer.alloc(16));
    fs.writeFileSync(path.join(dir, `${pad(999999n)}.log.cleaned`), 'x');
    fs.writeFileSync(path.join(dir, `${pad(999998n)}.log.swap`), 'x');
    fs.writeFileSync(path.join(dir, `${pad(5n)}.log.deleted`), 'x');
    const reopened = openLog(root, cfg, { clean: true });
    expect(fs.readFileSync(index)).toEqual(expected);
    const names = fs.readdirSync(dir);
    expect(names.filter((n) => n.startsWith(pad(999999n)) || n.startsWith(pad(999998n)))).toEqual([]);
    expect(names.some((n) => n.endsWith('.deleted'))).toBe(false);
    expect(reopened.logEndOffset).toBe(log.logEndOffset);
  });
});
