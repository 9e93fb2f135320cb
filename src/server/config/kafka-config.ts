/**
 * The broker's configuration (Kafka 2.8's `KafkaConfig`, ZooKeeper mode): every broker key with
 * Kafka's type, default and validator, typed accessors named as in Kafka, the synonym rules
 * (`log.retention.{ms,minutes,hours}`, `log.roll.{ms,hours}`, `log.dirs` over `log.dir`, ...),
 * listener resolution and Kafka's cross-key checks (`validateValues`).
 *
 * Lifecycle: built once at startup by {@link KafkaConfig.fromProperties}; immutable afterwards
 * (no dynamic broker configs). All checks run in the constructor, which throws ConfigException.
 */
import { AbstractConfig } from './abstract-config';
import { parseApiVersion } from './api-version';
import type { ApiVersion } from './api-version';
import { ConfigDef, ConfigException, resolveSynonyms } from './config-def';
import { validateKafkaConfig } from './kafka-config-validate';
import { GENERAL_KEYS, KRAFT_KEYS, SOCKET_SERVER_KEYS, ZOOKEEPER_KEYS } from './keys-general';
import { LOG_KEYS } from './keys-log';
import { COORDINATOR_KEYS, METRICS_AND_QUOTA_KEYS, REPLICATION_KEYS } from './keys-replication';
import { SECURITY_KEYS } from './keys-security';
import {
  parseCsvMap,
  parseListenerSecurityProtocolMap,
  parseSecurityProtocol,
  resolveAdvertisedListeners,
  resolveListeners,
} from './listeners';
import type { EndPoint, ListenerSettings, SecurityProtocol } from './listeners';

/** Every broker key, in Kafka's definition order. */
export const BROKER_KEYS = [
  ...ZOOKEEPER_KEYS,
  ...GENERAL_KEYS,
  ...KRAFT_KEYS,
  ...SOCKET_SERVER_KEYS,
  ...LOG_KEYS,
  ...REPLICATION_KEYS,
  ...COORDINATOR_KEYS,
  ...METRICS_AND_QUOTA_KEYS,
  ...SECURITY_KEYS,
] as const;

/** The name of any broker key (checked at compile time by the typed getters). */
export type BrokerConfigKey = (typeof BROKER_KEYS)[number]['name'];

export const BROKER_CONFIG_DEF = new ConfigDef(BROKER_KEYS);

const HOUR_MS = 3_600_000;
/** Synonym chains, highest precedence first, each scaled to milliseconds. */
export const TIME_SYNONYMS = {
  'log.retention.ms': [
    ['log.retention.ms', 1],
    ['log.retention.minutes', 60_000],
    ['log.retention.hours', HOUR_MS],
  ],
  'log.roll.ms': [
    ['log.roll.ms', 1],
    ['log.roll.hours', HOUR_MS],
  ],
  'log.roll.jitter.ms': [
    ['log.roll.jitter.ms', 1],
    ['log.roll.jitter.hours', HOUR_MS],
  ],
  'log.flush.interval.ms': [
    ['log.flush.interval.ms', 1],
    ['log.flush.scheduler.interval.ms', 1],
  ],
} as const;

/** Supplied keys that are legitimate although not in the table: per-listener overrides. */
const isPerListenerKey = (k: string): boolean => k.startsWith('listener.name.');

export interface KafkaConfigLoadResult {
  readonly config: KafkaConfig;
  /** Supplied keys the broker does not know; log `The configuration '<key>' was supplied but isn't a known config.` */
  readonly unknownKeys: string[];
}

/** `CoreUtils.parseCsvList`: split on commas (blanks around them dropped), empty entries removed. */
function parseCsvList(s: string): string[] {
  return s === '' ? [] : s.split(/\s*,\s*/).filter((v) => v !== '');
}

export class KafkaConfig extends AbstractConfig<BrokerConfigKey> {
  /** Parses a server.properties map, then applies `--override key=value` pairs on top. */
  static fromProperties(
    props: ReadonlyMap<string, string>,
    overrides?: ReadonlyMap<string, string>,
  ): KafkaConfigLoadResult {
    const merged = new Map(props);
    for (const [k, v] of overrides ?? []) merged.set(k, v);
    const config = new KafkaConfig(merged);
    return { config, unknownKeys: config.unknownKeys(isPerListenerKey) };
  }

  constructor(props: ReadonlyMap<string, string>) {
    super(BROKER_CONFIG_DEF, props, 'KafkaConfig');
    validateKafkaConfig(this);
  }

  private timeSynonym(name: keyof typeof TIME_SYNONYMS): number {
    const ms = resolveSynonyms(this.values, TIME_SYNONYMS[name]);
    if (ms === null) throw new Error(`No value for ${name} or its synonyms`);
    return ms;
  }

  // ZooKeeper
  /** Non-null once constructed: a missing `zookeeper.connect` fails validation. */
  readonly zookeeperConnect = this.getStringOrNull('zookeeper.connect') ?? '';
  readonly zkSessionTimeoutMs = this.getInt('zookeeper.session.timeout.ms');
  /** `zookeeper.connection.timeout.ms`, or the session timeout when unset. */
  readonly zkConnectionTimeoutMs =
    this.getIntOrNull('zookeeper.connection.timeout.ms') ?? this.zkSessionTimeoutMs;
  readonly zkSyncTimeMs = this.getInt('zookeeper.sync.time.ms');
  /** `zookeeper.set.acl`. */
  readonly zkEnableSecureAcls = this.getBoolean('zookeeper.set.acl');
  readonly zkMaxInFlightRequests = this.getInt('zookeeper.max.in.flight.requests');

  // General
  readonly brokerIdGenerationEnable = this.getBoolean('broker.id.generation.enable');
  /** `reserved.broker.max.id`. */
  readonly maxReservedBrokerId = this.getInt('reserved.broker.max.id');
  /** `broker.id` (`node.id` when that is set); -1 means "generate one from ZooKeeper". */
  readonly brokerId = this.getInt('node.id') >= 0 ? this.getInt('node.id') : this.getInt('broker.id');
  readonly processRoles = this.getList('process.roles');
  readonly messageMaxBytes = this.getInt('message.max.bytes');
  readonly numNetworkThreads = this.getInt('num.network.threads');
  readonly numIoThreads = this.getInt('num.io.threads');
  readonly backgroundThreads = this.getInt('background.threads');
  readonly queuedMaxRequests = this.getInt('queued.max.requests');
  readonly queuedMaxBytes = this.getLong('queued.max.request.bytes');
  readonly requestTimeoutMs = this.getInt('request.timeout.ms');
  readonly connectionSetupTimeoutMs = this.getLong('socket.connection.setup.timeout.ms');
  readonly connectionSetupTimeoutMaxMs = this.getLong('socket.connection.setup.timeout.max.ms');
  readonly authorizerClassName = this.getString('authorizer.class.name');

  // Socket server and listeners
  readonly hostName = this.getString('host.name');
  readonly port = this.getInt('port');
  readonly advertisedHostName = this.getStringOrNull('advertised.host.name') ?? this.hostName;
  readonly advertisedPort = this.getIntOrNull('advertised.port') ?? this.port;
  readonly socketSendBufferBytes = this.getInt('socket.send.buffer.bytes');
  readonly socketReceiveBufferBytes = this.getInt('socket.receive.buffer.bytes');
  readonly socketRequestMaxBytes = this.getInt('socket.request.max.bytes');
  readonly maxConnectionsPerIp = this.getInt('max.connections.per.ip');
  readonly maxConnectionsPerIpOverrides: ReadonlyMap<string, number> = parseConnectionOverrides(
    this.getString('max.connections.per.ip.overrides'),
  );
  readonly maxConnections = this.getInt('max.connections');
  readonly maxConnectionCreationRate = this.getInt('max.connection.creation.rate');
  readonly connectionsMaxIdleMs = this.getLong('connections.max.idle.ms');
  readonly failedAuthenticationDelayMs = this.getInt('connection.failed.authentication.delay.ms');
  /** `broker.rack`. */
  readonly rack = this.getStringOrNull('broker.rack');
  readonly replicaSelectorClassName = this.getStringOrNull('replica.selector.class');
  readonly listenerSecurityProtocolMap: ReadonlyMap<string, SecurityProtocol> =
    parseListenerSecurityProtocolMap(this.getString('listener.security.protocol.map'));
  readonly controllerListenerNames = parseCsvList(this.getStringOrNull('controller.listener.names') ?? '');
  /** The endpoints to bind: `listeners`, else `PLAINTEXT://<host.name>:<port>`. */
  readonly listeners: readonly EndPoint[] = resolveListeners(this.listenerSettings());
  /** The endpoints to register: `advertised.listeners`, else advertised host/port, else the listeners. */
  readonly advertisedListeners: readonly EndPoint[] = resolveAdvertisedListeners(this.listenerSettings());
  private readonly interBroker = resolveInterBrokerListener(this, this.listenerSecurityProtocolMap);
  /** `inter.broker.listener.name`, else the name of `security.inter.broker.protocol` (PLAINTEXT). */
  readonly interBrokerListenerName: string = this.interBroker.listenerName;
  readonly interBrokerSecurityProtocol: SecurityProtocol = this.interBroker.securityProtocol;
  readonly controlPlaneListenerName = this.resolveControlPlaneListenerName();

  // Log
  readonly autoCreateTopicsEnable = this.getBoolean('auto.create.topics.enable');
  readonly numPartitions = this.getInt('num.partitions');
  /** `log.dirs` if set, else `log.dir`, split on commas. */
  readonly logDirs = parseCsvList(this.getStringOrNull('log.dirs') ?? this.getString('log.dir'));
  readonly numReplicaAlterLogDirsThreads =
    this.getIntOrNull('num.replica.alter.log.dirs.threads') ?? this.logDirs.length;
  readonly logSegmentBytes = this.getInt('log.segment.bytes');
  /** `log.roll.ms`, else `log.roll.hours` in ms. */
  readonly logRollMs = this.timeSynonym('log.roll.ms');
  readonly logRollJitterMs = this.timeSynonym('log.roll.jitter.ms');
  /** `log.retention.ms`, else `.minutes`, else `.hours`, in ms; any negative value means unlimited (-1). */
  readonly logRetentionMs = Math.max(this.timeSynonym('log.retention.ms'), -1);
  readonly logRetentionBytes = this.getLong('log.retention.bytes');
  /** `log.retention.check.interval.ms`. */
  readonly logCleanupIntervalMs = this.getLong('log.retention.check.interval.ms');
  readonly logCleanupPolicy = this.getList('log.cleanup.policy');
  readonly logCleanerEnable = this.getBoolean('log.cleaner.enable');
  readonly logCleanerThreads = this.getInt('log.cleaner.threads');
  readonly logCleanerIoMaxBytesPerSecond = this.getDouble('log.cleaner.io.max.bytes.per.second');
  readonly logCleanerDedupeBufferSize = this.getLong('log.cleaner.dedupe.buffer.size');
  readonly logCleanerIoBufferSize = this.getInt('log.cleaner.io.buffer.size');
  readonly logCleanerDedupeBufferLoadFactor = this.getDouble('log.cleaner.io.buffer.load.factor');
  readonly logCleanerBackoffMs = this.getLong('log.cleaner.backoff.ms');
  readonly logCleanerMinCleanRatio = this.getDouble('log.cleaner.min.cleanable.ratio');
  readonly logCleanerDeleteRetentionMs = this.getLong('log.cleaner.delete.retention.ms');
  readonly logCleanerMinCompactionLagMs = this.getLong('log.cleaner.min.compaction.lag.ms');
  readonly logCleanerMaxCompactionLagMs = this.getLong('log.cleaner.max.compaction.lag.ms');
  readonly logIndexSizeMaxBytes = this.getInt('log.index.size.max.bytes');
  readonly logIndexIntervalBytes = this.getInt('log.index.interval.bytes');
  /** LONG_MAX (2^63) by default: never flush on message count. */
  readonly logFlushIntervalMessages = this.getLong('log.flush.interval.messages');
  /** `log.flush.interval.ms`, else `log.flush.scheduler.interval.ms` (LONG_MAX by default). */
  readonly logFlushIntervalMs = this.timeSynonym('log.flush.interval.ms');
  readonly logFlushSchedulerIntervalMs = this.getLong('log.flush.scheduler.interval.ms');
  readonly logFlushOffsetCheckpointIntervalMs = this.getInt('log.flush.offset.checkpoint.interval.ms');
  readonly logFlushStartOffsetCheckpointIntervalMs = this.getInt(
    'log.flush.start.offset.checkpoint.interval.ms',
  );
  /** `log.segment.delete.delay.ms`. */
  readonly logDeleteDelayMs = this.getLong('log.segment.delete.delay.ms');
  readonly logPreAllocateEnable = this.getBoolean('log.preallocate');
  readonly numRecoveryThreadsPerDataDir = this.getInt('num.recovery.threads.per.data.dir');
  readonly minInSyncReplicas = this.getInt('min.insync.replicas');
  readonly logMessageFormatVersionString = this.getString('log.message.format.version');
  readonly logMessageFormatVersion: ApiVersion = parseApiVersion(this.logMessageFormatVersionString);
  readonly logMessageTimestampType = this.getString('log.message.timestamp.type') as
    'CreateTime' | 'LogAppendTime';
  readonly logMessageTimestampDifferenceMaxMs = this.getLong('log.message.timestamp.difference.max.ms');
  readonly logMessageDownConversionEnable = this.getBoolean('log.message.downconversion.enable');
  readonly compressionType = this.getString('compression.type');
  readonly deleteTopicEnable = this.getBoolean('delete.topic.enable');

  // Replication and controller
  readonly controllerSocketTimeoutMs = this.getInt('controller.socket.timeout.ms');
  readonly defaultReplicationFactor = this.getInt('default.replication.factor');
  readonly replicaLagTimeMaxMs = this.getLong('replica.lag.time.max.ms');
  readonly replicaSocketTimeoutMs = this.getInt('replica.socket.timeout.ms');
  readonly replicaSocketReceiveBufferBytes = this.getInt('replica.socket.receive.buffer.bytes');
  readonly replicaFetchMaxBytes = this.getInt('replica.fetch.max.bytes');
  readonly replicaFetchWaitMaxMs = this.getInt('replica.fetch.wait.max.ms');
  readonly replicaFetchMinBytes = this.getInt('replica.fetch.min.bytes');
  readonly replicaFetchResponseMaxBytes = this.getInt('replica.fetch.response.max.bytes');
  readonly replicaFetchBackoffMs = this.getInt('replica.fetch.backoff.ms');
  readonly numReplicaFetchers = this.getInt('num.replica.fetchers');
  readonly replicaHighWatermarkCheckpointIntervalMs = this.getLong(
    'replica.high.watermark.checkpoint.interval.ms',
  );
  readonly fetchPurgatoryPurgeIntervalRequests = this.getInt('fetch.purgatory.purge.interval.requests');
  readonly producerPurgatoryPurgeIntervalRequests = this.getInt('producer.purgatory.purge.interval.requests');
  readonly deleteRecordsPurgatoryPurgeIntervalRequests = this.getInt(
    'delete.records.purgatory.purge.interval.requests',
  );
  readonly autoLeaderRebalanceEnable = this.getBoolean('auto.leader.rebalance.enable');
  readonly leaderImbalancePerBrokerPercentage = this.getInt('leader.imbalance.per.broker.percentage');
  readonly leaderImbalanceCheckIntervalSeconds = this.getLong('leader.imbalance.check.interval.seconds');
  readonly uncleanLeaderElectionEnable = this.getBoolean('unclean.leader.election.enable');
  /** As supplied, e.g. `2.8`; {@link interBrokerProtocolVersion} is the resolved full version. */
  readonly interBrokerProtocolVersionString = this.getString('inter.broker.protocol.version');
  readonly interBrokerProtocolVersion: ApiVersion = parseApiVersion(this.interBrokerProtocolVersionString);
  readonly controlledShutdownEnable = this.getBoolean('controlled.shutdown.enable');
  readonly controlledShutdownMaxRetries = this.getInt('controlled.shutdown.max.retries');
  readonly controlledShutdownRetryBackoffMs = this.getLong('controlled.shutdown.retry.backoff.ms');

  // Group coordinator and __consumer_offsets
  readonly groupMinSessionTimeoutMs = this.getInt('group.min.session.timeout.ms');
  readonly groupMaxSessionTimeoutMs = this.getInt('group.max.session.timeout.ms');
  readonly groupInitialRebalanceDelayMs = this.getInt('group.initial.rebalance.delay.ms');
  readonly groupMaxSize = this.getInt('group.max.size');
  /** `offset.metadata.max.bytes`. */
  readonly offsetMetadataMaxSize = this.getInt('offset.metadata.max.bytes');
  readonly offsetsLoadBufferSize = this.getInt('offsets.load.buffer.size');
  readonly offsetsTopicReplicationFactor = this.getShort('offsets.topic.replication.factor');
  /** `offsets.topic.num.partitions`. */
  readonly offsetsTopicPartitions = this.getInt('offsets.topic.num.partitions');
  readonly offsetsTopicSegmentBytes = this.getInt('offsets.topic.segment.bytes');
  readonly offsetsTopicCompressionCodec = this.getInt('offsets.topic.compression.codec');
  readonly offsetsRetentionMinutes = this.getInt('offsets.retention.minutes');
  readonly offsetsRetentionCheckIntervalMs = this.getLong('offsets.retention.check.interval.ms');
  readonly offsetCommitTimeoutMs = this.getInt('offsets.commit.timeout.ms');
  readonly offsetCommitRequiredAcks = this.getShort('offsets.commit.required.acks');

  // Transaction coordinator and __transaction_state
  readonly transactionalIdExpirationMs = this.getInt('transactional.id.expiration.ms');
  readonly transactionMaxTimeoutMs = this.getInt('transaction.max.timeout.ms');
  readonly transactionTopicMinISR = this.getInt('transaction.state.log.min.isr');
  readonly transactionsLoadBufferSize = this.getInt('transaction.state.log.load.buffer.size');
  readonly transactionTopicReplicationFactor = this.getShort('transaction.state.log.replication.factor');
  readonly transactionTopicPartitions = this.getInt('transaction.state.log.num.partitions');
  readonly transactionTopicSegmentBytes = this.getInt('transaction.state.log.segment.bytes');
  readonly transactionAbortTimedOutTransactionCleanupIntervalMs = this.getInt(
    'transaction.abort.timed.out.transaction.cleanup.interval.ms',
  );
  readonly transactionRemoveExpiredTransactionalIdCleanupIntervalMs = this.getInt(
    'transaction.remove.expired.transaction.cleanup.interval.ms',
  );

  // Fetch sessions, metrics, quotas
  readonly maxIncrementalFetchSessionCacheSlots = this.getInt('max.incremental.fetch.session.cache.slots');
  readonly fetchMaxBytes = this.getInt('fetch.max.bytes');
  readonly metricNumSamples = this.getInt('metrics.num.samples');
  readonly metricSampleWindowMs = this.getLong('metrics.sample.window.ms');
  readonly metricRecordingLevel = this.getString('metrics.recording.level');
  readonly metricReporterClasses = this.getList('metric.reporters');
  readonly producerQuotaBytesPerSecondDefault = this.getLong('quota.producer.default');
  readonly consumerQuotaBytesPerSecondDefault = this.getLong('quota.consumer.default');
  readonly numQuotaSamples = this.getInt('quota.window.num');
  readonly quotaWindowSizeSeconds = this.getInt('quota.window.size.seconds');
  readonly saslMechanismInterBrokerProtocol = this.getString('sasl.mechanism.inter.broker.protocol');

  /** Listeners minus the control-plane one (and KRaft controller listeners). */
  get dataPlaneListeners(): readonly EndPoint[] {
    return this.listeners.filter(
      (ep) =>
        ep.listenerName !== this.controlPlaneListenerName &&
        !this.controllerListenerNames.includes(ep.listenerName),
    );
  }

  /** Whether the IBP writes topic IDs (2.8-IV0 and later). */
  get usesTopicId(): boolean {
    return this.interBrokerProtocolVersion.ordinal >= parseApiVersion('2.8-IV0').ordinal;
  }

  private listenerSettings(): ListenerSettings {
    return {
      listeners: this.getStringOrNull('listeners'),
      advertisedListeners: this.getStringOrNull('advertised.listeners'),
      hostName: this.getString('host.name'),
      port: this.getInt('port'),
      advertisedHostName: this.getStringOrNull('advertised.host.name'),
      advertisedPort: this.getIntOrNull('advertised.port'),
      listenerSecurityProtocolMap: this.getString('listener.security.protocol.map'),
      controllerListenerNames: parseCsvList(this.getStringOrNull('controller.listener.names') ?? ''),
    };
  }

  private resolveControlPlaneListenerName(): string | null {
    const name = this.getStringOrNull('control.plane.listener.name');
    if (name === null) return null;
    const listenerName = name.toUpperCase();
    if (!this.listenerSecurityProtocolMap.has(listenerName))
      throw new ConfigException(
        `Listener with ${listenerName} defined in control.plane.listener.name not found in listener.security.protocol.map.`,
        'control.plane.listener.name',
      );
    return listenerName;
  }
}

function parseConnectionOverrides(value: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const [host, count] of parseCsvMap('max.connections.per.ip.overrides', value)) {
    if (!/^[+-]?\d+$/.test(count) || Math.abs(Number(count)) > 2147483647)
      throw new ConfigException(`For input string: "${count}"`, 'max.connections.per.ip.overrides');
    out.set(host, Number(count));
  }
  return out;
}

/** `inter.broker.listener.name` or `security.inter.broker.protocol` (never both), as Kafka resolves them. */
export function resolveInterBrokerListener(
  config: AbstractConfig<BrokerConfigKey>,
  protocolMap: ReadonlyMap<string, SecurityProtocol>,
): { listenerName: string; securityProtocol: SecurityProtocol } {
  const name = config.getStringOrNull('inter.broker.listener.name');
  if (name !== null) {
    if (config.isSupplied('security.inter.broker.protocol'))
      throw new ConfigException(
        'Only one of inter.broker.listener.name and security.inter.broker.protocol should be set.',
        'inter.broker.listener.name',
      );
    const listenerName = name.toUpperCase();
    const securityProtocol = protocolMap.get(listenerName);
    if (securityProtocol === undefined)
      throw new ConfigException(
        `Listener with name ${listenerName} defined in inter.broker.listener.name not found in listener.security.protocol.map.`,
        'inter.broker.listener.name',
      );
    return { listenerName, securityProtocol };
  }
  const protocol = parseSecurityProtocol(
    config.getString('security.inter.broker.protocol'),
    'security.inter.broker.protocol',
  );
  return { listenerName: protocol, securityProtocol: protocol };
}
