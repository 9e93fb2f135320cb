import { TOPIC_CONFIG_DEF } from '../../../../../src/admin/topic-validation';
import {
  javaHashMapOrder,
  javaStringHash,
  longMapOrder,
  scalaHashMapOrder,
} from '../../../../../src/server/handlers/admin/hash-order';

describe('longMapOrder (the metadata cache live-broker order)', () => {
  it('puts 0 first and orders the rest by LongMap slot: [0,2,1] for three brokers (reference §5)', () => {
    expect(longMapOrder([0, 1, 2])).toEqual([0, 2, 1]);
    expect(longMapOrder([2, 1, 0])).toEqual([0, 2, 1]);
  });

  it('keeps every id exactly once, for larger clusters too (the table is repacked)', () => {
    const ids = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const order = longMapOrder(ids);
    expect([...order].sort((a, b) => a - b)).toEqual(ids);
    expect(order[0]).toBe(0);
  });

  it('leaves out 0 when it is not live', () => {
    expect(longMapOrder([1, 2])).toEqual([2, 1]);
  });
});

describe('javaHashMapOrder (verified against a JVM with jshell)', () => {
  it('orders the 26 topic config keys as a default java.util.HashMap does', () => {
    expect(javaHashMapOrder(TOPIC_CONFIG_DEF.names()).slice(0, 6)).toEqual([
      'compression.type',
      'leader.replication.throttled.replicas',
      'min.insync.replicas',
      'message.downconversion.enable',
      'segment.jitter.ms',
      'cleanup.policy',
    ]);
    expect(javaHashMapOrder(TOPIC_CONFIG_DEF.names()).slice(-3)).toEqual([
      'segment.ms',
      'message.timestamp.difference.max.ms',
      'segment.index.bytes',
    ]);
  });

  it('honours the initial capacity (new HashMap<>(n), as DescribeTopicsResult.all() builds it)', () => {
    expect(javaHashMapOrder(['a-topic', 'b', 'my-topic', 'other', 't', 'zeta'], 6)).toEqual([
      'zeta',
      'b',
      'other',
      'my-topic',
      't',
      'a-topic',
    ]);
    expect(javaHashMapOrder(['one', 't'], 2)).toEqual(['t', 'one']);
  });

  it("uses Java's String.hashCode", () => {
    expect(javaStringHash('segment.bytes')).toBe(-2022974992);
    expect(javaStringHash('')).toBe(0);
  });
});

describe('scalaHashMapOrder', () => {
  it('is a permutation of the distinct keys, grouped by bucket of the final table', () => {
    const keys = TOPIC_CONFIG_DEF.names();
    const order = scalaHashMapOrder(keys.slice(0, 24), keys);
    expect([...order].sort()).toEqual([...keys].sort());
    const spread = (k: string): number => {
      const h = javaStringHash(k);
      return h ^ (h >>> 16);
    };
    const buckets = order.map((k) => spread(k) & 63);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
  });

  it('does not depend on insertion order', () => {
    const keys = ['a', 'bb', 'ccc', 'retention.ms', 'segment.bytes'];
    expect(scalaHashMapOrder([...keys].reverse())).toEqual(scalaHashMapOrder(keys));
  });
});
