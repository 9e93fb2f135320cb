import {
  partitionsToRebalance,
  type PartitionLeadershipView,
} from '../../../src/controller/leader-imbalance';

const p = (
  partition: number,
  replicas: number[],
  leader: number,
  isr = replicas,
): PartitionLeadershipView => ({
  topic: 't',
  partition,
  replicas,
  leader,
  isr,
});

describe('partitionsToRebalance', () => {
  it('balanced: nothing to do', () => {
    const r = partitionsToRebalance([p(0, [0, 1], 0), p(1, [1, 0], 1)], () => true, 10);
    expect(r.toElect).toEqual([]);
    expect([...r.imbalance]).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  it('a returned broker leads none of its 5 preferred partitions: 100% > 10%, all five elected', () => {
    const parts = [0, 3, 6, 9, 12].map((n) => p(n, [2, 0, 1], 0, [0, 1, 2]));
    const r = partitionsToRebalance(parts, () => true, 10);
    expect(r.imbalance.get(2)).toBe(1);
    expect(r.toElect.map((x) => x.partition)).toEqual([0, 3, 6, 9, 12]);
  });

  it('at or under the threshold nothing moves', () => {
    const parts = Array.from({ length: 10 }, (_, i) => p(i, [0, 1], i === 0 ? 1 : 0));
    expect(partitionsToRebalance(parts, () => true, 10).toElect).toEqual([]);
    expect(partitionsToRebalance(parts, () => true, 9).toElect).toEqual([{ topic: 't', partition: 0 }]);
  });

  it('skips partitions whose preferred leader is not in the ISR or not live', () => {
    const parts = [p(0, [2, 0], 0, [0]), p(1, [2, 0], 0, [0, 2])];
    expect(partitionsToRebalance(parts, () => true, 10).toElect).toEqual([{ topic: 't', partition: 1 }]);
    expect(partitionsToRebalance(parts, (id) => id !== 2, 10).toElect).toEqual([]);
  });
});
