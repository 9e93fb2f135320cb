import { RecentBatches } from '../../../src/storage/recent-batches';
import { batch, config, openLog, quietLogs, tmpDir } from './helpers';

quietLogs();

/** Batches of 1..5 records, with base offsets assigned back to back from `first`. */
function batches(count: number, first = 0n): Buffer[] {
  const out: Buffer[] = [];
  let next = first;
  for (let i = 0; i < count; i++) {
    const records = (i % 5) + 1;
    out.push(batch({ records, baseOffset: next }));
    next += BigInt(records);
  }
  return out;
}

describe('RecentBatches', () => {
  it('finds the batch holding an offset among the batches appended last', () => {
    const recent = new RecentBatches();
    const all = batches(10, 100n);
    let position = 0;
    const layout: { base: bigint; last: bigint; position: number; size: number }[] = [];
    for (const b of all) {
      const base = b.readBigInt64BE(0);
      layout.push({ base, last: base + BigInt(b.readInt32BE(23)), position, size: b.length });
      position += b.length;
    }
    recent.appended(Buffer.concat(all.slice(0, 4)), 0);
    for (const b of all.slice(4)) recent.appended(b, layout[all.indexOf(b)]?.position ?? -1);
    for (const l of layout) {
      for (let o = l.base; o <= l.last; o++) {
        expect(recent.find(o)).toEqual({ offset: l.last, position: l.position, size: l.size });
      }
    }
    expect(recent.find(99n)).toBeUndefined(); // below the oldest batch held
    expect(recent.find((layout[9]?.last ?? 0n) + 1n)).toBeUndefined(); // past the end
    expect(recent.find(100n, 1)).toBeUndefined(); // starts before the position asked from
    recent.clear();
    expect(recent.find(100n)).toBeUndefined();
  });

  it('forgets the oldest batches beyond its capacity, and clears on a buffer it cannot parse', () => {
    const recent = new RecentBatches();
    let position = 0;
    for (const b of batches(300)) {
      recent.appended(b, position);
      position += b.length;
    }
    expect(recent.find(0n)).toBeUndefined();
    const last = batches(300).pop() as Buffer;
    expect(recent.find(last.readBigInt64BE(0))?.size).toBe(last.length);
    const v1 = Buffer.from(batch());
    v1.writeInt8(1, 16); // magic 1
    recent.appended(v1, position);
    expect(recent.find(last.readBigInt64BE(0))).toBeUndefined();
  });

  it('gives a log the same positions as a search of its file, across rolls and truncation', () => {
    const log = openLog(tmpDir(), config({ segmentBytes: 4000 }));
    for (let i = 0; i < 80; i++) log.appendAsLeader(batch({ records: (i % 4) + 1, valueSize: 40 }), 0);
    log.truncateTo(150n);
    for (let i = 0; i < 20; i++) log.appendAsLeader(batch({ records: 3, valueSize: 40 }), 0);
    expect(log.numberOfSegments).toBeGreaterThan(2);
    for (const segment of log.segments.all) {
      for (let o = segment.baseOffset; o < log.logEndOffset; o++) {
        expect(segment.translateOffset(o)).toEqual(segment.log.searchForOffsetWithSize(o, 0));
      }
    }
    log.close();
  });
});
