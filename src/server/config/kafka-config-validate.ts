/**
 * Kafka 2.8's cross-key checks (`KafkaConfig.validateValues`) for a ZooKeeper-mode broker, with
 * Kafka's messages. Scala's `require` failures read `requirement failed: <message>`.
 */
import { apiVersion, minSupportedFor } from './api-version';
import { ConfigException, parseType } from './config-def';
import type { KafkaConfig } from './kafka-config';

/** The `compression.type` values a broker accepts (case-insensitive). */
export const BROKER_COMPRESSION_OPTIONS = [
  'uncompressed',
  'zstd',
  'lz4',
  'snappy',
  'gzip',
  'producer',
] as const;
const ZSTD_CODEC = 4;

function requireThat(condition: boolean, message: string, key: string): void {
  if (!condition) throw new ConfigException(`requirement failed: ${message}`, key);
}

function distinct(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/** `sasl.enabled.mechanisms`, overridden per listener by `listener.name.<name>.sasl.enabled.mechanisms`. */
function saslEnabledMechanisms(config: KafkaConfig, listenerName: string): readonly string[] {
  const key = `listener.name.${listenerName.toLowerCase()}.sasl.enabled.mechanisms`;
  const override = config.originalString(key);
  if (override !== undefined) return parseType(key, override, 'LIST') as string[];
  return config.getList('sasl.enabled.mechanisms');
}

function validateZooKeeperMode(config: KafkaConfig): void {
  if (config.processRoles.length > 0)
    throw new ConfigException(
      `process.roles is set to ${config.processRoles.join(',')}, but this broker runs in ZooKeeper mode only ` +
        '(KRaft is not implemented): remove process.roles.',
      'process.roles',
    );
  if (config.get('zookeeper.connect') === null)
    throw new ConfigException(
      'Missing required configuration `zookeeper.connect` which has no default value.',
      'zookeeper.connect',
    );
  if (config.brokerIdGenerationEnable)
    requireThat(
      config.brokerId >= -1 && config.brokerId <= config.maxReservedBrokerId,
      'broker.id must be greater than or equal to -1 and not greater than reserved.broker.max.id',
      'broker.id',
    );
  else requireThat(config.brokerId >= 0, 'broker.id must be greater than or equal to 0', 'broker.id');
}

function validateLogAndReplication(config: KafkaConfig): void {
  requireThat(config.logRollMs >= 1, 'log.roll.ms must be greater than or equal to 1', 'log.roll.ms');
  requireThat(
    config.logRollJitterMs >= 0,
    'log.roll.jitter.ms must be greater than or equal to 0',
    'log.roll.jitter.ms',
  );
  requireThat(
    config.logRetentionMs >= 1 || config.logRetentionMs === -1,
    'log.retention.ms must be unlimited (-1) or, greater than or equal to 1',
    'log.retention.ms',
  );
  requireThat(
    config.logDirs.length > 0,
    'At least one log directory must be defined via log.dirs or log.dir.',
    'log.dirs',
  );
  // Kafka divides as longs: 0 cleaner threads is an ArithmeticException there.
  if (config.logCleanerThreads === 0) throw new ConfigException('/ by zero', 'log.cleaner.threads');
  requireThat(
    Math.trunc(config.logCleanerDedupeBufferSize / config.logCleanerThreads) > 1024 * 1024,
    'log.cleaner.dedupe.buffer.size must be at least 1MB per cleaner thread.',
    'log.cleaner.dedupe.buffer.size',
  );
  requireThat(
    config.replicaFetchWaitMaxMs <= config.replicaSocketTimeoutMs,
    'replica.socket.timeout.ms should always be at least replica.fetch.wait.max.ms to prevent unnecessary socket timeouts',
    'replica.socket.timeout.ms',
  );
  requireThat(
    config.replicaFetchWaitMaxMs <= config.replicaLagTimeMaxMs,
    'replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent frequent changes in ISR',
    'replica.fetch.wait.max.ms',
  );
  requireThat(
    config.offsetCommitRequiredAcks >= -1 &&
      config.offsetCommitRequiredAcks <= config.offsetsTopicReplicationFactor,
    'offsets.commit.required.acks must be greater or equal -1 and less or equal to offsets.topic.replication.factor',
    'offsets.commit.required.acks',
  );
  requireThat(
    (BROKER_COMPRESSION_OPTIONS as readonly string[]).includes(config.compressionType.toLowerCase()),
    `compression.type : ${config.compressionType} is not valid. Valid options are ${BROKER_COMPRESSION_OPTIONS.join(',')}`,
    'compression.type',
  );
}

function validateListeners(config: KafkaConfig): void {
  const advertisedNames = distinct(config.advertisedListeners.map((ep) => ep.listenerName));
  const listenerNames = distinct(config.listeners.map((ep) => ep.listenerName));
  requireThat(
    advertisedNames.includes(config.interBrokerListenerName),
    'inter.broker.listener.name must be a listener name defined in advertised.listeners. ' +
      `The valid options based on currently configured listeners are ${advertisedNames.join(',')}`,
    'inter.broker.listener.name',
  );
  requireThat(
    advertisedNames.every((n) => listenerNames.includes(n)),
    'advertised.listeners listener names must be equal to or a subset of the ones defined in listeners. ' +
      `Found ${advertisedNames.join(',')}. The valid options based on the current configuration are ${listenerNames.join(',')}`,
    'advertised.listeners',
  );
  requireThat(
    !config.advertisedListeners.some((ep) => ep.host === '0.0.0.0'),
    'advertised.listeners cannot use the nonroutable meta-address 0.0.0.0. Use a routable IP address.',
    'advertised.listeners',
  );
  const controlPlane = config.controlPlaneListenerName;
  if (controlPlane !== null) {
    requireThat(
      advertisedNames.includes(controlPlane),
      'control.plane.listener.name must be a listener name defined in advertised.listeners. ' +
        `The valid options based on currently configured listeners are ${advertisedNames.join(',')}`,
      'control.plane.listener.name',
    );
    requireThat(
      controlPlane !== config.interBrokerListenerName,
      'control.plane.listener.name, when defined, should have a different value from the inter broker listener name. ' +
        `Currently they both have the value ListenerName(${controlPlane})`,
      'control.plane.listener.name',
    );
  }
}

function validateVersionsAndSecurity(config: KafkaConfig): void {
  const ibp = config.interBrokerProtocolVersion;
  const recordVersion = config.logMessageFormatVersion.recordVersion;
  requireThat(
    ibp.recordVersion >= recordVersion,
    `log.message.format.version ${config.logMessageFormatVersionString} can only be used when inter.broker.protocol.version ` +
      `is set to version ${minSupportedFor(recordVersion).shortVersion} or higher`,
    'log.message.format.version',
  );
  if (config.offsetsTopicCompressionCodec === ZSTD_CODEC)
    requireThat(
      ibp.recordVersion >= apiVersion('2.1-IV0').recordVersion,
      'offsets.topic.compression.codec zstd can only be used when inter.broker.protocol.version is set to version 2.1 or higher',
      'offsets.topic.compression.codec',
    );
  const protocol = config.interBrokerSecurityProtocol;
  const usesSasl = protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';
  const handshake = ibp.ordinal >= apiVersion('0.10.0-IV1').ordinal;
  const mechanism = config.saslMechanismInterBrokerProtocol;
  requireThat(
    !usesSasl || handshake || mechanism === 'GSSAPI',
    `Only GSSAPI mechanism is supported for inter-broker communication with SASL when inter.broker.protocol.version is set to ${config.interBrokerProtocolVersionString}`,
    'sasl.mechanism.inter.broker.protocol',
  );
  requireThat(
    !usesSasl || saslEnabledMechanisms(config, config.interBrokerListenerName).includes(mechanism),
    'sasl.mechanism.inter.broker.protocol must be included in sasl.enabled.mechanisms when SASL is used for inter-broker communication',
    'sasl.mechanism.inter.broker.protocol',
  );
}

function validateConnections(config: KafkaConfig): void {
  requireThat(
    config.queuedMaxBytes <= 0 || config.queuedMaxBytes >= config.socketRequestMaxBytes,
    'queued.max.request.bytes must be larger or equal to socket.request.max.bytes',
    'queued.max.request.bytes',
  );
  if (config.maxConnectionsPerIp === 0)
    requireThat(
      config.maxConnectionsPerIpOverrides.size > 0,
      'max.connections.per.ip can be set to zero only if max.connections.per.ip.overrides property is set.',
      'max.connections.per.ip',
    );
  if (config.connectionsMaxIdleMs >= 0)
    requireThat(
      config.failedAuthenticationDelayMs < config.connectionsMaxIdleMs,
      `connection.failed.authentication.delay.ms=${config.failedAuthenticationDelayMs} should always be less than ` +
        `connections.max.idle.ms=${config.connectionsMaxIdleMs} to prevent failed authentication responses from timing out`,
      'connection.failed.authentication.delay.ms',
    );
}

/** Runs every check in Kafka's order; the first failure throws a ConfigException naming the key. */
export function validateKafkaConfig(config: KafkaConfig): void {
  validateZooKeeperMode(config);
  validateLogAndReplication(config);
  validateListeners(config);
  validateVersionsAndSecurity(config);
  validateConnections(config);
}
