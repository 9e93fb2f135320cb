import { javaStringHashCode, kafkaAbs, partitionFor } from '../../../../src/coordinator/group/partition-for';

describe('group → __consumer_offsets partition', () => {
  // Java's String.hashCode values (computed independently over UTF-16 code units).
  test.each([
    ['', 0, 0],
    ['a', 97, 47],
    ['hello', 99162322, 22],
    ['Aa', 2112, 12],
    ['BB', 2112, 12],
    ['my-group', -1906497762, 12],
    ['KafkaExampleConsumer', -1647479910, 10],
    ['console-consumer-12345', 158455506, 6],
    ['mygroup', 1516409939, 39],
    ['group-é', 293427483, 33],
    ['😀', 1772899, 49],
  ])('%j hashes to %d, partition %d of 50', (id, hash, partition) => {
    expect(javaStringHashCode(id)).toBe(hash);
    expect(partitionFor(id, 50)).toBe(partition);
  });

  test('Integer.MIN_VALUE maps to partition 0, as Kafka’s Utils.abs makes it', () => {
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
    expect(kafkaAbs(-2147483648)).toBe(0);
    expect(partitionFor('polygenelubricants', 50)).toBe(0);
    expect(partitionFor('polygenelubricants', 7)).toBe(0);
  });

  test('negative hashes use their absolute value', () => {
    expect(kafkaAbs(-1906497762)).toBe(1906497762);
    expect(partitionFor('my-group', 7)).toBe(1906497762 % 7);
  });
});
