import { CompressionTypes } from 'kafkajs';
import {
  consumerClientSettings,
  producerClientSettings,
  UnsupportedCodecError,
} from '../../../../src/cli/console/client-config';

const props = (o: Record<string, string>): Map<string, string> =>
  new Map(Object.entries({ 'bootstrap.servers': 'localhost:9092', ...o }));

describe('producer client settings', () => {
  it('maps the Java properties', () => {
    const s = producerClientSettings(
      props({
        acks: 'all',
        'linger.ms': '5',
        'batch.size': '100',
        'request.timeout.ms': '1500',
        retries: '3',
      }),
    );
    expect([s.acks, s.lingerMs, s.batchSize, s.requestTimeoutMs, s.retries]).toEqual([-1, 5, 100, 1500, 3]);
    expect(s.brokers).toEqual(['localhost:9092']);
    expect(s.compression).toBe(CompressionTypes.None);
    expect(producerClientSettings(props({ 'compression.type': 'gzip' })).compression).toBe(
      CompressionTypes.GZIP,
    );
  });

  it('rejects what the Java producer rejects, with its messages', () => {
    expect(() => producerClientSettings(props({ acks: '2' }))).toThrow(
      'Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1',
    );
    expect(() => producerClientSettings(props({ 'linger.ms': 'soon' }))).toThrow(
      'Invalid value soon for configuration linger.ms: Not a number of type LONG',
    );
    expect(() => producerClientSettings(props({ 'enable.idempotence': 'true', acks: '1' }))).toThrow(
      'Must set acks to all in order to use the idempotent producer.',
    );
    expect(() => producerClientSettings(props({ 'compression.type': 'brotli' }))).toThrow(
      'Unknown compression name: brotli',
    );
    expect(() => producerClientSettings(props({ 'bootstrap.servers': 'localhost' }))).toThrow(
      'Invalid url in bootstrap.servers: localhost',
    );
  });

  it.each(['snappy', 'lz4', 'zstd'])('refuses %s, which kafkajs cannot produce, naming it', (codec) => {
    expect(() => producerClientSettings(props({ 'compression.type': codec }))).toThrow(UnsupportedCodecError);
    expect(() => producerClientSettings(props({ 'compression.type': codec }))).toThrow(`'${codec}'`);
  });
});

describe('consumer client settings', () => {
  it("uses the Java consumer's defaults and client id form", () => {
    const s = consumerClientSettings(props({ 'group.id': 'g' }));
    expect(s.clientId).toBe('consumer-g-1');
    expect([s.autoCommit, s.autoCommitIntervalMs, s.resetPolicy, s.readCommitted]).toEqual([
      true,
      5000,
      'latest',
      false,
    ]);
    expect([s.fetchMaxWaitMs, s.fetchMinBytes, s.maxPartitionFetchBytes, s.sessionTimeoutMs]).toEqual([
      500, 1, 1048576, 10000,
    ]);
    expect(s.assignor).toBe('range');
  });

  it('reads the overrides and rejects bad values', () => {
    const s = consumerClientSettings(
      props({
        'enable.auto.commit': 'FALSE',
        'auto.offset.reset': 'earliest',
        'isolation.level': 'read_committed',
        'partition.assignment.strategy': 'org.apache.kafka.clients.consumer.RoundRobinAssignor',
      }),
    );
    expect([s.autoCommit, s.resetPolicy, s.readCommitted, s.assignor]).toEqual([
      false,
      'earliest',
      true,
      'roundrobin',
    ]);
    expect(() => consumerClientSettings(props({ 'auto.offset.reset': 'smallest' }))).toThrow(
      'Invalid value smallest for configuration auto.offset.reset: String must be one of: latest, earliest, none',
    );
    expect(() => consumerClientSettings(props({ 'enable.auto.commit': 'yes' }))).toThrow(
      'Expected value to be either true or false',
    );
  });
});
