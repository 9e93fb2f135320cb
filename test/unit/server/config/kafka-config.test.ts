import path from 'node:path';

import { loadPropertiesFile } from '../../../../src/common/java-properties';
import { ConfigException, KafkaConfig, LONG_MAX, Password } from '../../../../src/server/config';
import type { ConfigValue } from '../../../../src/server/config';

const SERVER_PROPERTIES = path.join(__dirname, '../../../../config/server.properties');

const load = (entries: Record<string, string>, overrides?: Record<string, string>) =>
  KafkaConfig.fromProperties(
    new Map(Object.entries(entries)),
    overrides ? new Map(Object.entries(overrides)) : undefined,
  );

/** A config with only the one required key, everything else defaulted. */
const minimal = (extra: Record<string, string> = {}): KafkaConfig =>
  load({ 'zookeeper.connect': 'localhost:2181', ...extra }).config;

function configError(fn: () => unknown): ConfigException {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigException) return e;
    throw e;
  }
  throw new Error('expected a ConfigException');
}

describe('stock config/server.properties', () => {
  const { config, unknownKeys } = KafkaConfig.fromProperties(loadPropertiesFile(SERVER_PROPERTIES));

  it('has only keys the broker knows', () => {
    expect(unknownKeys).toEqual([]);
  });

  it('holds the active keys and values of Kafka 2.8.2', () => {
    expect(Object.fromEntries(config.originals)).toEqual({
      'broker.id': '0',
      'num.network.threads': '3',
      'num.io.threads': '8',
      'socket.send.buffer.bytes': '102400',
      'socket.receive.buffer.bytes': '102400',
      'socket.request.max.bytes': '104857600',
      'log.dirs': '/tmp/kafka-logs',
      'num.partitions': '1',
      'num.recovery.threads.per.data.dir': '1',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'log.retention.hours': '168',
      'log.segment.bytes': '1073741824',
      'log.retention.check.interval.ms': '300000',
      'zookeeper.connect': 'localhost:2181',
      'zookeeper.connection.timeout.ms': '18000',
      'group.initial.rebalance.delay.ms': '0',
    });
  });

  it('gives the right typed values', () => {
    expect(config.brokerId).toBe(0);
    expect(config.zookeeperConnect).toBe('localhost:2181');
    expect(config.zkSessionTimeoutMs).toBe(18000);
    expect(config.zkConnectionTimeoutMs).toBe(18000);
    expect(config.numNetworkThreads).toBe(3);
    expect(config.numIoThreads).toBe(8);
    expect(config.socketRequestMaxBytes).toBe(104857600);
    expect(config.logDirs).toEqual(['/tmp/kafka-logs']);
    expect(config.numPartitions).toBe(1);
    expect(config.offsetsTopicReplicationFactor).toBe(1);
    expect(config.transactionTopicReplicationFactor).toBe(1);
    expect(config.transactionTopicMinISR).toBe(1);
    expect(config.logRetentionMs).toBe(168 * 3_600_000);
    expect(config.logRollMs).toBe(168 * 3_600_000);
    expect(config.logSegmentBytes).toBe(1073741824);
    expect(config.logCleanupIntervalMs).toBe(300000);
    expect(config.groupInitialRebalanceDelayMs).toBe(0);
    expect(config.controlledShutdownEnable).toBe(true);
    expect(config.listeners).toEqual([
      { listenerName: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', host: null, port: 9092 },
    ]);
    expect(config.advertisedListeners).toEqual(config.listeners);
    expect(config.interBrokerListenerName).toBe('PLAINTEXT');
    expect(config.interBrokerProtocolVersion.version).toBe('2.8-IV1');
    expect(config.usesTopicId).toBe(true);
  });
});

describe('defaults (reference §8.1)', () => {
  const config = minimal();
  const table: [string, ConfigValue][] = [
    ['broker.id', -1],
    ['broker.id.generation.enable', true],
    ['reserved.broker.max.id', 1000],
    ['listeners', null],
    ['advertised.listeners', null],
    ['port', 9092],
    ['host.name', ''],
    ['advertised.host.name', null],
    ['advertised.port', null],
    [
      'listener.security.protocol.map',
      'PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL',
    ],
    ['log.dirs', null],
    ['log.dir', '/tmp/kafka-logs'],
    ['num.partitions', 1],
    ['default.replication.factor', 1],
    ['zookeeper.session.timeout.ms', 18000],
    ['zookeeper.connection.timeout.ms', null],
    ['zookeeper.max.in.flight.requests', 10],
    ['zookeeper.set.acl', false],
    ['auto.create.topics.enable', true],
    ['delete.topic.enable', true],
    ['auto.leader.rebalance.enable', true],
    ['leader.imbalance.per.broker.percentage', 10],
    ['leader.imbalance.check.interval.seconds', 300],
    ['unclean.leader.election.enable', false],
    ['min.insync.replicas', 1],
    ['replica.lag.time.max.ms', 30000],
    ['replica.fetch.wait.max.ms', 500],
    ['replica.fetch.min.bytes', 1],
    ['replica.fetch.max.bytes', 1048576],
    ['num.replica.fetchers', 1],
    ['replica.high.watermark.checkpoint.interval.ms', 5000],
    ['controlled.shutdown.enable', true],
    ['controlled.shutdown.max.retries', 3],
    ['controlled.shutdown.retry.backoff.ms', 5000],
    ['controller.socket.timeout.ms', 30000],
    ['request.timeout.ms', 30000],
    ['offsets.topic.replication.factor', 3],
    ['offsets.topic.num.partitions', 50],
    ['offsets.topic.segment.bytes', 104857600],
    ['offsets.retention.minutes', 10080],
    ['offsets.retention.check.interval.ms', 600000],
    ['transaction.state.log.replication.factor', 3],
    ['transaction.state.log.num.partitions', 50],
    ['transaction.state.log.min.isr', 2],
    ['transaction.state.log.segment.bytes', 104857600],
    ['group.initial.rebalance.delay.ms', 3000],
    ['group.min.session.timeout.ms', 6000],
    ['group.max.session.timeout.ms', 1800000],
    ['log.segment.bytes', 1073741824],
    ['log.roll.hours', 168],
    ['log.roll.ms', null],
    ['log.retention.hours', 168],
    ['log.retention.minutes', null],
    ['log.retention.ms', null],
    ['log.retention.bytes', -1],
    ['log.retention.check.interval.ms', 300000],
    ['log.cleanup.policy', ['delete']],
    ['log.cleaner.enable', true],
    ['log.cleaner.delete.retention.ms', 86400000],
    ['log.cleaner.min.cleanable.ratio', 0.5],
    ['log.index.interval.bytes', 4096],
    ['log.index.size.max.bytes', 10485760],
    ['log.flush.interval.messages', LONG_MAX],
    ['log.flush.interval.ms', null],
    ['log.flush.offset.checkpoint.interval.ms', 60000],
    ['log.segment.delete.delay.ms', 60000],
    ['num.network.threads', 3],
    ['num.io.threads', 8],
    ['background.threads', 10],
    ['num.recovery.threads.per.data.dir', 1],
    ['message.max.bytes', 1048588],
    ['inter.broker.protocol.version', '2.8-IV1'],
    ['log.message.format.version', '2.8-IV1'],
    ['socket.send.buffer.bytes', 102400],
    ['socket.receive.buffer.bytes', 102400],
    ['socket.request.max.bytes', 104857600],
    ['queued.max.requests', 500],
    ['compression.type', 'producer'],
    ['connections.max.idle.ms', 600000],
    ['log.message.timestamp.type', 'CreateTime'],
    ['log.preallocate', false],
    ['group.max.size', 2147483647],
    ['transactional.id.expiration.ms', 604800000],
    ['metric.reporters', []],
  ];

  it.each(table)('%s = %p', (key, expected) => {
    expect(config.get(key)).toEqual(expected);
  });

  it('resolves the derived defaults', () => {
    expect(config.brokerId).toBe(-1);
    expect(config.zkConnectionTimeoutMs).toBe(18000);
    expect(config.logDirs).toEqual(['/tmp/kafka-logs']);
    expect(config.logRetentionMs).toBe(604800000);
    expect(config.logRollMs).toBe(604800000);
    expect(config.logRollJitterMs).toBe(0);
    expect(config.logFlushIntervalMs).toBe(LONG_MAX);
    expect(config.numReplicaAlterLogDirsThreads).toBe(1);
    expect(config.listeners).toEqual([
      { listenerName: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', host: null, port: 9092 },
    ]);
    expect(config.interBrokerSecurityProtocol).toBe('PLAINTEXT');
    expect(config.controlPlaneListenerName).toBeNull();
  });
});

describe('synonyms', () => {
  it('log.retention.ms beats .minutes beats .hours; negatives mean unlimited', () => {
    expect(minimal({ 'log.retention.hours': '1' }).logRetentionMs).toBe(3_600_000);
    expect(minimal({ 'log.retention.hours': '1', 'log.retention.minutes': '5' }).logRetentionMs).toBe(
      300_000,
    );
    const all = { 'log.retention.hours': '1', 'log.retention.minutes': '5', 'log.retention.ms': '1234' };
    expect(minimal(all).logRetentionMs).toBe(1234);
    expect(minimal({ 'log.retention.ms': '-1' }).logRetentionMs).toBe(-1);
    expect(minimal({ 'log.retention.hours': '-1' }).logRetentionMs).toBe(-1);
  });

  it('log.roll.ms beats log.roll.hours; log.flush.interval.ms beats the scheduler interval', () => {
    expect(minimal({ 'log.roll.hours': '2' }).logRollMs).toBe(7_200_000);
    expect(minimal({ 'log.roll.hours': '2', 'log.roll.ms': '60000' }).logRollMs).toBe(60000);
    expect(minimal({ 'log.roll.jitter.hours': '1' }).logRollJitterMs).toBe(3_600_000);
    expect(minimal({ 'log.flush.scheduler.interval.ms': '2000' }).logFlushIntervalMs).toBe(2000);
    expect(minimal({ 'log.flush.interval.ms': '1000' }).logFlushIntervalMs).toBe(1000);
  });

  it('log.dirs beats log.dir, and is a comma-separated list', () => {
    expect(minimal({ 'log.dir': '/a' }).logDirs).toEqual(['/a']);
    expect(minimal({ 'log.dir': '/a', 'log.dirs': '/b , /c,' }).logDirs).toEqual(['/b', '/c']);
    expect(minimal({ 'log.dirs': '/b,/c' }).numReplicaAlterLogDirsThreads).toBe(2);
  });

  it('zookeeper.connection.timeout.ms falls back to the session timeout', () => {
    expect(minimal({ 'zookeeper.session.timeout.ms': '6000' }).zkConnectionTimeoutMs).toBe(6000);
    expect(minimal({ 'zookeeper.connection.timeout.ms': '1000' }).zkConnectionTimeoutMs).toBe(1000);
  });
});

describe('invalid values', () => {
  it.each([
    ['num.partitions', 'abc', 'Invalid value abc for configuration num.partitions: Not a number of type INT'],
    ['num.partitions', '0', 'Invalid value 0 for configuration num.partitions: Value must be at least 1'],
    [
      'broker.id',
      '3000000000',
      'Invalid value 3000000000 for configuration broker.id: Not a number of type INT',
    ],
    [
      'auto.create.topics.enable',
      'yes',
      'Invalid value yes for configuration auto.create.topics.enable: Expected value to be either true or false',
    ],
    [
      'log.cleanup.policy',
      'delete,compakt',
      'Invalid value compakt for configuration log.cleanup.policy: String must be one of: compact, delete',
    ],
    [
      'log.message.timestamp.type',
      'BrokerTime',
      'Invalid value BrokerTime for configuration log.message.timestamp.type: String must be one of: CreateTime, LogAppendTime',
    ],
    [
      'offsets.topic.replication.factor',
      '0',
      'Invalid value 0 for configuration offsets.topic.replication.factor: Value must be at least 1',
    ],
    [
      'log.retention.check.interval.ms',
      '99999999999999999999',
      'Invalid value 99999999999999999999 for configuration log.retention.check.interval.ms: Not a number of type LONG',
    ],
    [
      'log.cleaner.min.cleanable.ratio',
      'half',
      'Invalid value half for configuration log.cleaner.min.cleanable.ratio: Not a number of type DOUBLE',
    ],
    [
      'inter.broker.protocol.version',
      '3.0',
      'Invalid value 3.0 for configuration inter.broker.protocol.version: Version `3.0` is not a valid version',
    ],
  ])('%s=%s', (key, value, message) => {
    const e = configError(() => minimal({ [key]: value }));
    expect(e.message).toBe(message);
    expect(e.key).toBe(key);
  });

  it('applies Kafka cross-key checks', () => {
    expect(configError(() => minimal({ 'broker.id': '1001' })).message).toBe(
      'requirement failed: broker.id must be greater than or equal to -1 and not greater than reserved.broker.max.id',
    );
    expect(configError(() => minimal({ 'log.retention.ms': '0' })).message).toBe(
      'requirement failed: log.retention.ms must be unlimited (-1) or, greater than or equal to 1',
    );
    expect(configError(() => minimal({ 'compression.type': 'brotli' })).message).toBe(
      'requirement failed: compression.type : brotli is not valid. Valid options are uncompressed,zstd,lz4,snappy,gzip,producer',
    );
    expect(configError(() => minimal({ 'replica.fetch.wait.max.ms': '40000' })).key).toBe(
      'replica.socket.timeout.ms',
    );
    expect(
      configError(() =>
        minimal({ 'log.message.format.version': '2.8', 'inter.broker.protocol.version': '0.10.2' }),
      ).message,
    ).toBe(
      'requirement failed: log.message.format.version 2.8 can only be used when inter.broker.protocol.version is set to version 0.11.0 or higher',
    );
    expect(minimal({ 'inter.broker.protocol.version': '2.7' }).interBrokerProtocolVersion.version).toBe(
      '2.7-IV2',
    );
  });

  it('reports a missing zookeeper.connect with the 2.8 wording', () => {
    const e = configError(() => load({ 'broker.id': '0' }));
    expect(e.message).toBe('Missing required configuration `zookeeper.connect` which has no default value.');
    expect(e.key).toBe('zookeeper.connect');
  });
});

describe('unknown keys and overrides', () => {
  it('returns supplied keys the broker does not know, but not per-listener overrides', () => {
    const { unknownKeys } = load({
      'zookeeper.connect': 'zk:2181',
      'log.retention.hour': '1',
      'listener.name.plaintext.sasl.enabled.mechanisms': 'PLAIN',
      'producer.id.expiration.ms': '1',
    });
    expect(unknownKeys).toEqual(['log.retention.hour', 'producer.id.expiration.ms']);
  });

  it('lets --override values win over the file', () => {
    const { config } = load(
      { 'zookeeper.connect': 'zk:2181', 'broker.id': '0', 'log.dirs': '/tmp/a' },
      { 'broker.id': '2', listeners: 'PLAINTEXT://:9094' },
    );
    expect(config.brokerId).toBe(2);
    expect(config.logDirs).toEqual(['/tmp/a']);
    expect(config.listeners[0]?.port).toBe(9094);
    expect(config.originalString('broker.id')).toBe('2');
    expect(config.isSupplied('listeners')).toBe(true);
    expect(config.isSupplied('port')).toBe(false);
  });
});

describe('toLogString', () => {
  const config = minimal({ 'ssl.key.password': 'hunter2', 'log.dirs': '/tmp/x', 'metric.reporters': 'a,b' });
  const dump = config.toLogString();
  const lines = dump.split('\n');

  it('starts like AbstractConfig.logAll and has one tab-indented line per key, sorted', () => {
    expect(lines[0]).toBe('KafkaConfig values: ');
    expect(lines[1]).toBe('\tadvertised.host.name = null');
    const keys = lines.slice(1, -1).map((l) => l.slice(1).split(' = ')[0] ?? '');
    expect(keys).toEqual([...keys].sort());
    expect(keys).toHaveLength(config.definition.names().length);
    expect(dump.endsWith('\tzookeeper.sync.time.ms = 2000\n')).toBe(true);
  });

  it('hides passwords and prints values as Java does', () => {
    expect(config.get('ssl.key.password')).toBeInstanceOf(Password);
    expect(lines).toContain('\tssl.key.password = [hidden]');
    expect(dump).not.toContain('hunter2');
    expect(lines).toContain('\tssl.truststore.password = null');
    expect(lines).toContain('\tlog.flush.interval.messages = 9223372036854775807');
    expect(lines).toContain('\tlog.cleaner.io.max.bytes.per.second = 1.7976931348623157E308');
    expect(lines).toContain('\tlog.cleanup.policy = [delete]');
    expect(lines).toContain('\tmetric.reporters = [a, b]');
    expect(lines).toContain('\thost.name = ');
    expect(lines).toContain('\tlog.dirs = /tmp/x');
    expect(lines).toContain('\tssl.enabled.protocols = [TLSv1.2, TLSv1.3]');
  });
});
