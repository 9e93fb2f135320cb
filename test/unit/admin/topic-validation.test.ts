import {
  COLLISION_WARNING,
  hasCollision,
  hasCollisionChars,
  isInternalTopic,
  TOPIC_CONFIG_NAMES,
  validateTopicConfigNames,
  validateTopicConfigs,
  validateTopicName,
} from '../../../src/admin/topic-validation';

describe('topic names', () => {
  it.each(['my-failsafe-topic', 'a', 'A.b_c-9', '__consumer_offsets', 'x'.repeat(249), '...'])(
    'accepts %s',
    (name) => expect(() => validateTopicName(name)).not.toThrow(),
  );

  it.each([
    ['', "Topic name is illegal, it can't be empty"],
    ['.', 'Topic name cannot be "." or ".."'],
    ['..', 'Topic name cannot be "." or ".."'],
    [
      'x'.repeat(250),
      `Topic name is illegal, it can't be longer than 249 characters, topic name: ${'x'.repeat(250)}`,
    ],
    [
      'bad name',
      `Topic name "bad name" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
    ],
    [
      'tøpic',
      `Topic name "tøpic" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
    ],
    [
      'a/b',
      `Topic name "a/b" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
    ],
  ])('rejects %j', (name, message) => {
    expect(() => validateTopicName(name)).toThrow(message);
    expect(() => validateTopicName(name)).toThrow(
      expect.objectContaining({ javaClassName: 'org.apache.kafka.common.errors.InvalidTopicException' }),
    );
  });

  it('knows the internal topics', () => {
    expect(isInternalTopic('__consumer_offsets')).toBe(true);
    expect(isInternalTopic('__transaction_state')).toBe(true);
    expect(isInternalTopic('__other')).toBe(false);
  });

  it("detects '.'/'_' collisions", () => {
    expect(hasCollisionChars('a.b')).toBe(true);
    expect(hasCollisionChars('a_b')).toBe(true);
    expect(hasCollisionChars('a-b')).toBe(false);
    expect(hasCollision('a.b_c', 'a_b.c')).toBe(true);
    expect(hasCollision('a.b', 'a.c')).toBe(false);
    expect(COLLISION_WARNING).toBe(
      "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.",
    );
  });
});

describe('topic configs', () => {
  it('lists the 26 topic-level keys of Kafka 2.8, sorted', () => {
    expect(TOPIC_CONFIG_NAMES).toHaveLength(26);
    expect(TOPIC_CONFIG_NAMES[0]).toBe('cleanup.policy');
    expect(TOPIC_CONFIG_NAMES).toContain('min.insync.replicas');
    expect(TOPIC_CONFIG_NAMES).toContain('unclean.leader.election.enable');
    expect([...TOPIC_CONFIG_NAMES].sort()).toEqual(TOPIC_CONFIG_NAMES);
  });

  it('accepts good values and returns parsed ones with defaults', () => {
    const values = validateTopicConfigs(
      new Map([
        ['retention.ms', '1000'],
        ['cleanup.policy', 'compact,delete'],
        ['min.insync.replicas', '2'],
        ['unclean.leader.election.enable', 'TRUE'],
        ['message.timestamp.type', 'LogAppendTime'],
        ['compression.type', 'lz4'],
        ['message.format.version', '2.1'],
        ['leader.replication.throttled.replicas', '0:1,1:2'],
        ['follower.replication.throttled.replicas', '*'],
        ['retention.bytes', '-5'],
      ]),
    );
    expect(values.get('retention.ms')).toBe(1000);
    expect(values.get('cleanup.policy')).toEqual(['compact', 'delete']);
    expect(values.get('unclean.leader.election.enable')).toBe(true);
    expect(values.get('segment.bytes')).toBe(1073741824);
    expect(values.get('max.message.bytes')).toBe(1048588);
  });

  it.each([
    ['foo', '1', 'Unknown topic config name: foo'],
    ['retention.ms', 'abc', 'Invalid value abc for configuration retention.ms: Not a number of type LONG'],
    ['retention.ms', '-2', 'Invalid value -2 for configuration retention.ms: Value must be at least -1'],
    ['segment.bytes', '10', 'Invalid value 10 for configuration segment.bytes: Value must be at least 14'],
    [
      'min.insync.replicas',
      '0',
      'Invalid value 0 for configuration min.insync.replicas: Value must be at least 1',
    ],
    [
      'cleanup.policy',
      'foo',
      'Invalid value foo for configuration cleanup.policy: String must be one of: compact, delete',
    ],
    [
      'compression.type',
      'brotli',
      'Invalid value brotli for configuration compression.type: String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer',
    ],
    [
      'message.timestamp.type',
      'Now',
      'Invalid value Now for configuration message.timestamp.type: String must be one of: CreateTime, LogAppendTime',
    ],
    [
      'preallocate',
      'yes',
      'Invalid value yes for configuration preallocate: Expected value to be either true or false',
    ],
    [
      'min.cleanable.dirty.ratio',
      '1.5',
      'Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be no more than 1',
    ],
    [
      'leader.replication.throttled.replicas',
      'a,b',
      "Invalid value [a, b] for configuration leader.replication.throttled.replicas: leader.replication.throttled.replicas must be the literal '*' or a list of replicas in the following format: [partitionId]:[brokerId],[partitionId]:[brokerId],...",
    ],
  ])('%s=%s fails with Kafka message', (k, v, message) => {
    expect(() => validateTopicConfigs(new Map([[k, v]]))).toThrow(message);
  });

  it('checks the compaction lags against each other', () => {
    expect(() =>
      validateTopicConfigs(
        new Map([
          ['min.compaction.lag.ms', '5'],
          ['max.compaction.lag.ms', '3'],
        ]),
      ),
    ).toThrow('conflict topic config setting min.compaction.lag.ms (5) > max.compaction.lag.ms (3)');
  });

  it('validates names alone (for --delete-config)', () => {
    expect(() => validateTopicConfigNames(['retention.ms', 'segment.ms'])).not.toThrow();
    expect(() => validateTopicConfigNames(['retention.ms', 'nope'])).toThrow(
      'Unknown topic config name: nope',
    );
  });
});
