import { KafkaConfig } from '../../../../../src/server/config/kafka-config';
import {
  brokerConfigEntries,
  brokerSynonyms,
  ConfigSource,
  convertToString,
  createdTopicConfigEntries,
  topicConfigEntries,
  type ConfigEntry,
} from '../../../../../src/server/handlers/admin/config-entries';
import { ConfigException } from '../../../../../src/server/config/config-def';

/** A broker started from the stock server.properties (the keys that matter here). */
function stockBroker(extra: Record<string, string> = {}): KafkaConfig {
  return KafkaConfig.fromProperties(
    new Map(
      Object.entries({
        'broker.id': '0',
        'zookeeper.connect': 'localhost:2181',
        'num.partitions': '1',
        'log.retention.hours': '168',
        'log.segment.bytes': '1073741824',
        ...extra,
      }),
    ),
  ).config;
}

function byName(entries: ConfigEntry[]): Map<string, ConfigEntry> {
  return new Map(entries.map((e) => [e.name, e]));
}

describe('topicConfigEntries', () => {
  const entries = byName(topicConfigEntries(stockBroker(), new Map()));

  it('lists every topic-level key of 2.8', () => {
    expect(entries.size).toBe(26);
  });

  it('reports log.segment.bytes from server.properties as STATIC_BROKER_CONFIG of segment.bytes', () => {
    expect(entries.get('segment.bytes')).toEqual({
      name: 'segment.bytes',
      value: '1073741824',
      source: ConfigSource.STATIC_BROKER_CONFIG,
      readOnly: false,
      isSensitive: false,
      synonyms: [
        { name: 'log.segment.bytes', value: '1073741824', source: ConfigSource.STATIC_BROKER_CONFIG },
        { name: 'log.segment.bytes', value: '1073741824', source: ConfigSource.DEFAULT_CONFIG },
      ],
    });
  });

  it('keeps retention.ms at DEFAULT_CONFIG although log.retention.hours is set (Kafka drops earlier synonyms)', () => {
    expect(entries.get('retention.ms')).toMatchObject({
      value: '604800000',
      source: ConfigSource.DEFAULT_CONFIG,
      synonyms: [],
    });
  });

  it('prints values the way Java does', () => {
    expect(entries.get('flush.ms')?.value).toBe('9223372036854775807');
    expect(entries.get('min.cleanable.dirty.ratio')?.value).toBe('0.5');
    expect(entries.get('cleanup.policy')).toMatchObject({
      value: 'delete',
      source: ConfigSource.DEFAULT_CONFIG,
      synonyms: [{ name: 'log.cleanup.policy', value: 'delete', source: ConfigSource.DEFAULT_CONFIG }],
    });
    expect(entries.get('message.format.version')?.value).toBe('2.8-IV1');
    expect(entries.get('leader.replication.throttled.replicas')).toMatchObject({
      value: '',
      source: ConfigSource.DEFAULT_CONFIG,
      synonyms: [],
    });
  });

  it('puts an override first, as DYNAMIC_TOPIC_CONFIG, parsed and printed back', () => {
    const overridden = byName(
      topicConfigEntries(
        stockBroker(),
        new Map([
          ['retention.ms', ' 1000 '],
          ['segment.bytes', '1048576'],
        ]),
      ),
    );
    expect(overridden.get('retention.ms')).toMatchObject({
      value: '1000',
      source: ConfigSource.DYNAMIC_TOPIC_CONFIG,
      synonyms: [{ name: 'retention.ms', value: '1000', source: ConfigSource.DYNAMIC_TOPIC_CONFIG }],
    });
    expect(overridden.get('segment.bytes')?.synonyms.map((s) => s.source)).toEqual([
      ConfigSource.DYNAMIC_TOPIC_CONFIG,
      ConfigSource.STATIC_BROKER_CONFIG,
      ConfigSource.DEFAULT_CONFIG,
    ]);
  });

  it('shows an unknown override key as sensitive, without its value', () => {
    const e = byName(topicConfigEntries(stockBroker(), new Map([['no.such', 'x']]))).get('no.such');
    expect(e).toMatchObject({ value: null, isSensitive: true, source: ConfigSource.DYNAMIC_TOPIC_CONFIG });
  });

  it('uses the broker value for a key set in server.properties (log.retention.ms)', () => {
    const e = byName(topicConfigEntries(stockBroker({ 'log.retention.ms': '5000' }), new Map())).get(
      'retention.ms',
    );
    expect(e).toMatchObject({
      value: '5000',
      source: ConfigSource.STATIC_BROKER_CONFIG,
      synonyms: [
        { name: 'log.retention.ms', value: '5000', source: ConfigSource.STATIC_BROKER_CONFIG },
        { name: 'log.retention.hours', value: '168', source: ConfigSource.STATIC_BROKER_CONFIG },
        { name: 'log.retention.hours', value: '168', source: ConfigSource.DEFAULT_CONFIG },
      ],
    });
  });

  it('throws ConfigException for an override that does not parse', () => {
    expect(() => topicConfigEntries(stockBroker(), new Map([['retention.ms', 'soon']]))).toThrow(
      ConfigException,
    );
  });
});

describe('createdTopicConfigEntries (CreateTopics v5+)', () => {
  it('lists the 26 keys in java.util.HashMap order with the request configs as overrides', () => {
    const entries = createdTopicConfigEntries(stockBroker(), new Map([['cleanup.policy', 'compact']]));
    expect(entries).toHaveLength(26);
    expect(entries[0]?.name).toBe('compression.type');
    expect(byName(entries).get('cleanup.policy')).toMatchObject({
      value: 'compact',
      source: ConfigSource.DYNAMIC_TOPIC_CONFIG,
    });
  });
});

describe('brokerConfigEntries', () => {
  const entries = byName(brokerConfigEntries(stockBroker({ 'ssl.keystore.password': 'secret' })));

  it('reports supplied keys as STATIC_BROKER_CONFIG and read-only unless dynamic', () => {
    expect(entries.get('zookeeper.connect')).toMatchObject({
      value: 'localhost:2181',
      source: ConfigSource.STATIC_BROKER_CONFIG,
      readOnly: true,
    });
    expect(entries.get('log.segment.bytes')).toMatchObject({
      readOnly: false,
      source: ConfigSource.STATIC_BROKER_CONFIG,
    });
    expect(entries.get('num.io.threads')).toMatchObject({
      value: '8',
      source: ConfigSource.DEFAULT_CONFIG,
      readOnly: false,
    });
  });

  it('hides passwords and shows unset keys as null', () => {
    expect(entries.get('ssl.keystore.password')).toMatchObject({
      value: null,
      isSensitive: true,
      synonyms: [{ name: 'ssl.keystore.password', value: null, source: ConfigSource.STATIC_BROKER_CONFIG }],
    });
    expect(entries.get('log.retention.ms')).toMatchObject({
      value: null,
      source: ConfigSource.DEFAULT_CONFIG,
    });
  });
});

describe('helpers', () => {
  it('brokerSynonyms follows DynamicBrokerConfig', () => {
    expect(brokerSynonyms('log.retention.hours')).toEqual([
      'log.retention.ms',
      'log.retention.minutes',
      'log.retention.hours',
    ]);
    expect(brokerSynonyms('log.flush.interval.ms')).toEqual([
      'log.flush.interval.ms',
      'log.flush.scheduler.interval.ms',
    ]);
    expect(brokerSynonyms('listener.name.external.ssl.keystore.type')).toEqual([
      'listener.name.external.ssl.keystore.type',
      'ssl.keystore.type',
    ]);
    expect(brokerSynonyms('listener.name.sasl_ssl.plain.sasl.jaas.config')).toEqual([
      'listener.name.sasl_ssl.plain.sasl.jaas.config',
      'sasl.jaas.config',
    ]);
    expect(brokerSynonyms('num.partitions')).toEqual(['num.partitions']);
  });

  it('convertToString follows ConfigDef.convertToString', () => {
    expect(convertToString(['compact', 'delete'], 'LIST')).toBe('compact,delete');
    expect(convertToString(1.0, 'DOUBLE')).toBe('1.0');
    expect(convertToString(2 ** 63, 'LONG')).toBe('9223372036854775807');
    expect(convertToString(null, 'INT')).toBeNull();
    expect(convertToString(true, 'BOOLEAN')).toBe('true');
  });
});
