import { KafkaConfig } from '../../../src/server/config/kafka-config';
import {
  DEFAULT_LOG_CONFIG,
  LONG_MAX,
  logConfigFromBroker,
  overriddenConfigsAsLoggableString,
  withTopicOverrides,
} from '../../../src/storage/log-config';
import { logDeleteDirName, parseTopicPartitionName } from '../../../src/storage/topic-partition';

describe('LogConfig', () => {
  it('is built from a KafkaConfig with Kafka 2.8 defaults', () => {
    const broker = new KafkaConfig(new Map([['zookeeper.connect', 'localhost:2181']]));
    const c = logConfigFromBroker(broker);
    const { overrides: _o, ...rest } = c;
    const { overrides: _d, ...defaults } = DEFAULT_LOG_CONFIG;
    expect(rest).toEqual(defaults);
    expect(c.flushMessages).toBe(LONG_MAX);
  });

  it('applies broker overrides (synonyms resolved by KafkaConfig) and topic overrides', () => {
    const broker = new KafkaConfig(
      new Map([
        ['zookeeper.connect', 'localhost:2181'],
        ['log.retention.hours', '1'],
        ['log.segment.bytes', '4096'],
        ['log.message.timestamp.type', 'LogAppendTime'],
      ]),
    );
    const base = logConfigFromBroker(broker);
    expect(base.retentionMs).toBe(3_600_000);
    expect(base.segmentBytes).toBe(4096);
    expect(base.messageTimestampType).toBe('LogAppendTime');
    const topic = withTopicOverrides(
      base,
      new Map([
        ['retention.ms', '1000'],
        ['cleanup.policy', 'compact,delete'],
        ['compression.type', 'lz4'],
        ['preallocate', 'true'],
      ]),
    );
    expect(topic.retentionMs).toBe(1000);
    expect(topic.cleanupPolicy).toEqual(['compact', 'delete']);
    expect(topic.preallocate).toBe(true);
    expect(topic.segmentBytes).toBe(4096);
    expect(overriddenConfigsAsLoggableString(topic)).toBe(
      '{cleanup.policy=[compact, delete], compression.type="lz4", preallocate=true, retention.ms=1000}',
    );
    expect(overriddenConfigsAsLoggableString(base)).toBe('{}');
    expect(() => withTopicOverrides(base, new Map([['segment.bytes', 'lots']]))).toThrow(/Invalid value/);
  });
});

describe('partition directory names', () => {
  it('parse like Kafka’s Log.parseTopicPartitionName', () => {
    expect(parseTopicPartitionName('my-topic-12')).toEqual({ topic: 'my-topic', partition: 12 });
    expect(parseTopicPartitionName('t-0.0123456789abcdef0123456789abcdef-delete')).toEqual({
      topic: 't',
      partition: 0,
    });
    expect(() => parseTopicPartitionName('nodash')).toThrow(/is not in the form of topic-partition/);
    expect(() => parseTopicPartitionName('t-x')).toThrow(/topic-partition/);
    expect(() => parseTopicPartitionName('-3')).toThrow(/topic-partition/);
    expect(logDeleteDirName({ topic: 't', partition: 4 }, 'ab'.repeat(16))).toBe(
      `t-4.${'ab'.repeat(16)}-delete`,
    );
  });
});
