import { AssignerProtocol, type Cluster, type PartitionMetadata } from 'kafkajs';
import { assignRanges, rangeAssigner, StickyPartitioner } from '../../../../src/cli/console/partitioning';

function partitions(n: number, down: number[] = []): PartitionMetadata[] {
  return Array.from({ length: n }, (_, id) => ({
    partitionErrorCode: 0,
    partitionId: id,
    leader: down.includes(id) ? -1 : 0,
    replicas: [0],
    isr: [0],
  }));
}

// Utils.murmur2 test vectors from Kafka's UtilsTest.
const JAVA_MURMUR2: [string, number][] = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
];

describe('StickyPartitioner', () => {
  it('puts keyed records where the Java client does: toPositive(murmur2(key)) % partitions', () => {
    const p = new StickyPartitioner(16384);
    const meta = partitions(100003);
    for (const [key, hash] of JAVA_MURMUR2) {
      const expected = (hash & 0x7fffffff) % meta.length;
      expect(
        p.partition({ topic: 't', partitionMetadata: meta, message: { key: Buffer.from(key), value: 'v' } }),
      ).toBe(expected);
    }
  });

  it('keeps unkeyed records of one batch together and moves to another partition for the next batch', () => {
    let r = 0;
    const randoms = [0.1, 0.5, 0.9];
    const p = new StickyPartitioner(16384, () => randoms[r++ % randoms.length] ?? 0);
    const meta = partitions(3);
    const send = (): number => p.partition({ topic: 't', partitionMetadata: meta, message: { value: 'x' } });
    const first = send();
    expect([send(), send()]).toEqual([first, first]);
    p.batchSent();
    const second = send();
    expect(second).not.toBe(first);
    expect(send()).toBe(second);
  });

  it('moves on when the batch is full and skips partitions without a leader', () => {
    const p = new StickyPartitioner(20, () => 0);
    const meta = partitions(3, [0]);
    const sizes = [0, 1, 2].map(() =>
      p.partition({ topic: 't', partitionMetadata: meta, message: { value: 'x'.repeat(15) } }),
    );
    expect(sizes[0]).not.toBe(0);
    expect(sizes[1]).not.toBe(sizes[0]);
    expect(sizes).not.toContain(0);
  });
});

describe('range assignment (the Java RangeAssignor)', () => {
  it('gives members sorted by id consecutive ranges, the first ones one extra', () => {
    const result = assignRanges(
      new Map([
        ['c', ['t']],
        ['a', ['t']],
        ['b', ['t']],
      ]),
      () => Array.from({ length: 13 }, (_, i) => i),
    );
    expect(result.get('a')).toEqual({ t: [0, 1, 2, 3, 4] });
    expect(result.get('b')).toEqual({ t: [5, 6, 7, 8] });
    expect(result.get('c')).toEqual({ t: [9, 10, 11, 12] });
  });

  it('leaves members without partitions when there are more members than partitions', () => {
    const result = assignRanges(
      new Map([
        ['a', ['t']],
        ['b', ['t']],
      ]),
      () => [0],
    );
    expect(result.get('a')).toEqual({ t: [0] });
    expect(result.get('b')).toEqual({});
  });

  it("speaks the consumer protocol as kafkajs' assigners do, under the name 'range'", async () => {
    const cluster = { findTopicPartitionMetadata: () => partitions(2) } as unknown as Cluster;
    const assigner = rangeAssigner({ cluster, groupId: 'g', logger: undefined as never });
    const metadata = assigner.protocol({ topics: ['t'] }).metadata;
    expect(assigner.name).toBe('range');
    const out = await assigner.assign({
      members: [{ memberId: 'm1', memberMetadata: metadata }],
      topics: ['t'],
    });
    expect(
      AssignerProtocol.MemberAssignment.decode(out[0]?.memberAssignment ?? Buffer.alloc(0))?.assignment,
    ).toEqual({
      t: [0, 1],
    });
  });
});
