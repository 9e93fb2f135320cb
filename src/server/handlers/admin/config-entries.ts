/**
 * What DescribeConfigs (and CreateTopics v5+) report for a topic or for this broker, as Kafka 2.8's
 * `ConfigHelper` builds it: every key with its effective value, its source, read-only and sensitive
 * flags, and its synonyms in order of precedence. Pure functions over the broker's KafkaConfig and a
 * topic's overrides (the `/config/topics/<t>` map).
 *
 * A topic key's value is its override, else the broker's value for the matching `log.*` key (Kafka's
 * `LogConfig.extractLogConfigMap`). Its source is the first synonym: DYNAMIC_TOPIC_CONFIG for an
 * override, then STATIC_BROKER_CONFIG for a broker key set in server.properties (`log.segment.bytes`
 * gives `segment.bytes`), then DEFAULT_CONFIG for a broker default. As in Kafka, synonyms before the
 * main broker key are dropped, so `log.retention.hours=168` in server.properties leaves
 * `retention.ms` at DEFAULT_CONFIG. This broker has no dynamic broker configs, so the two dynamic
 * broker sources never appear.
 */
import { TOPIC_CONFIG_DEF } from '../../../admin/topic-validation';
import { javaDouble, javaLong, Password } from '../../config/config-def';
import type { ConfigType, ConfigValue } from '../../config/config-def';
import { BROKER_CONFIG_DEF, type KafkaConfig } from '../../config/kafka-config';
import { javaHashMapOrder, scalaHashMapOrder } from './hash-order';

/** `DescribeConfigsResponse.ConfigSource` ids. */
export const ConfigSource = {
  UNKNOWN: 0,
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
} as const;
export type ConfigSourceId = (typeof ConfigSource)[keyof typeof ConfigSource];

export interface ConfigSynonym {
  name: string;
  value: string | null;
  source: ConfigSourceId;
}

export interface ConfigEntry {
  name: string;
  value: string | null;
  source: ConfigSourceId;
  readOnly: boolean;
  isSensitive: boolean;
  /** Every synonym, highest precedence first (the handler drops them unless asked). */
  synonyms: ConfigSynonym[];
}

/** The broker settings the topic and broker entries are computed from (a KafkaConfig fits). */
export type BrokerConfigSource = Pick<
  KafkaConfig,
  | 'originals'
  | 'allValues'
  | 'logSegmentBytes'
  | 'logRollMs'
  | 'logRollJitterMs'
  | 'logIndexSizeMaxBytes'
  | 'logFlushIntervalMessages'
  | 'logFlushIntervalMs'
  | 'logRetentionBytes'
  | 'logRetentionMs'
  | 'messageMaxBytes'
  | 'logIndexIntervalBytes'
  | 'logCleanerDeleteRetentionMs'
  | 'logCleanerMinCompactionLagMs'
  | 'logCleanerMaxCompactionLagMs'
  | 'logDeleteDelayMs'
  | 'logCleanerMinCleanRatio'
  | 'logCleanupPolicy'
  | 'minInSyncReplicas'
  | 'compressionType'
  | 'uncleanLeaderElectionEnable'
  | 'logPreAllocateEnable'
  | 'logMessageFormatVersion'
  | 'logMessageTimestampType'
  | 'logMessageTimestampDifferenceMaxMs'
  | 'logMessageDownConversionEnable'
>;

/** Topic key -> broker key (`LogConfig.TopicConfigSynonyms`) with the broker's value for it. */
const TOPIC_TO_BROKER: readonly (readonly [string, string, (b: BrokerConfigSource) => ConfigValue])[] = [
  ['segment.bytes', 'log.segment.bytes', (b) => b.logSegmentBytes],
  ['segment.ms', 'log.roll.ms', (b) => b.logRollMs],
  ['segment.jitter.ms', 'log.roll.jitter.ms', (b) => b.logRollJitterMs],
  ['segment.index.bytes', 'log.index.size.max.bytes', (b) => b.logIndexSizeMaxBytes],
  ['flush.messages', 'log.flush.interval.messages', (b) => b.logFlushIntervalMessages],
  ['flush.ms', 'log.flush.interval.ms', (b) => b.logFlushIntervalMs],
  ['retention.bytes', 'log.retention.bytes', (b) => b.logRetentionBytes],
  ['retention.ms', 'log.retention.ms', (b) => b.logRetentionMs],
  ['max.message.bytes', 'message.max.bytes', (b) => b.messageMaxBytes],
  ['index.interval.bytes', 'log.index.interval.bytes', (b) => b.logIndexIntervalBytes],
  ['delete.retention.ms', 'log.cleaner.delete.retention.ms', (b) => b.logCleanerDeleteRetentionMs],
  ['min.compaction.lag.ms', 'log.cleaner.min.compaction.lag.ms', (b) => b.logCleanerMinCompactionLagMs],
  ['max.compaction.lag.ms', 'log.cleaner.max.compaction.lag.ms', (b) => b.logCleanerMaxCompactionLagMs],
  ['file.delete.delay.ms', 'log.segment.delete.delay.ms', (b) => b.logDeleteDelayMs],
  ['min.cleanable.dirty.ratio', 'log.cleaner.min.cleanable.ratio', (b) => b.logCleanerMinCleanRatio],
  ['cleanup.policy', 'log.cleanup.policy', (b) => b.logCleanupPolicy],
  ['unclean.leader.election.enable', 'unclean.leader.election.enable', (b) => b.uncleanLeaderElectionEnable],
  ['min.insync.replicas', 'min.insync.replicas', (b) => b.minInSyncReplicas],
  ['compression.type', 'compression.type', (b) => b.compressionType],
  ['preallocate', 'log.preallocate', (b) => b.logPreAllocateEnable],
  ['message.format.version', 'log.message.format.version', (b) => b.logMessageFormatVersion.version],
  ['message.timestamp.type', 'log.message.timestamp.type', (b) => b.logMessageTimestampType],
  [
    'message.timestamp.difference.max.ms',
    'log.message.timestamp.difference.max.ms',
    (b) => b.logMessageTimestampDifferenceMaxMs,
  ],
  [
    'message.downconversion.enable',
    'log.message.downconversion.enable',
    (b) => b.logMessageDownConversionEnable,
  ],
];

/** Topic key -> its broker synonym key. */
export const TOPIC_CONFIG_SYNONYMS: ReadonlyMap<string, string> = new Map(
  TOPIC_TO_BROKER.map(([t, b]) => [t, b]),
);

/** Broker keys that can be changed at runtime in 2.8 (`DynamicBrokerConfig.AllDynamicConfigs`). */
const DYNAMIC_BROKER_CONFIGS: ReadonlySet<string> = new Set([
  ...['ssl.keystore.type', 'ssl.keystore.location', 'ssl.keystore.password', 'ssl.key.password'],
  ...['ssl.truststore.type', 'ssl.truststore.location', 'ssl.truststore.password'],
  ...['ssl.keystore.certificate.chain', 'ssl.keystore.key', 'ssl.truststore.certificates'],
  ...['log.cleaner.threads', 'log.cleaner.dedupe.buffer.size', 'log.cleaner.io.buffer.load.factor'],
  ...['log.cleaner.io.buffer.size', 'message.max.bytes', 'log.cleaner.io.max.bytes.per.second'],
  'log.cleaner.backoff.ms',
  ...TOPIC_TO_BROKER.map(([, b]) => b).filter((b) => b !== 'log.message.format.version'),
  ...['num.io.threads', 'num.network.threads', 'num.replica.fetchers'],
  ...['num.recovery.threads.per.data.dir', 'background.threads', 'metric.reporters'],
  ...['advertised.listeners', 'listeners', 'listener.security.protocol.map', 'principal.builder.class'],
  ...['ssl.protocol', 'ssl.provider', 'ssl.cipher.suites', 'ssl.enabled.protocols'],
  ...['ssl.keymanager.algorithm', 'ssl.trustmanager.algorithm', 'ssl.endpoint.identification.algorithm'],
  ...['ssl.secure.random.implementation', 'ssl.client.auth', 'ssl.engine.factory.class'],
  ...['sasl.mechanism.inter.broker.protocol', 'sasl.jaas.config', 'sasl.enabled.mechanisms'],
  ...['sasl.kerberos.service.name', 'sasl.kerberos.kinit.cmd', 'sasl.kerberos.ticket.renew.window.factor'],
  ...['sasl.kerberos.ticket.renew.jitter', 'sasl.kerberos.min.time.before.relogin'],
  ...['sasl.kerberos.principal.to.local.rules', 'sasl.login.refresh.window.factor'],
  ...['sasl.login.refresh.window.jitter', 'sasl.login.refresh.min.period.seconds'],
  ...['sasl.login.refresh.buffer.seconds', 'max.connections', 'max.connection.creation.rate'],
  ...['max.connections.per.ip', 'max.connections.per.ip.overrides'],
]);

const LISTENER_MECHANISM_CONFIGS = [
  'sasl.jaas.config',
  'sasl.login.callback.handler.class',
  'sasl.login.class',
  'sasl.server.callback.handler.class',
  'connections.max.reauth.ms',
];

/** `DynamicBrokerConfig.brokerConfigSynonyms(name, matchListenerOverride = true)`. */
export function brokerSynonyms(name: string): string[] {
  switch (name) {
    case 'log.roll.ms':
    case 'log.roll.hours':
      return ['log.roll.ms', 'log.roll.hours'];
    case 'log.roll.jitter.ms':
    case 'log.roll.jitter.hours':
      return ['log.roll.jitter.ms', 'log.roll.jitter.hours'];
    case 'log.flush.interval.ms':
      return ['log.flush.interval.ms', 'log.flush.scheduler.interval.ms'];
    case 'log.retention.ms':
    case 'log.retention.minutes':
    case 'log.retention.hours':
      return ['log.retention.ms', 'log.retention.minutes', 'log.retention.hours'];
  }
  const listener = /^listener\.name\.[^.]*\.(.*)$/.exec(name);
  if (listener?.[1] !== undefined) {
    const base = listener[1];
    return [name, LISTENER_MECHANISM_CONFIGS.find((m) => base.endsWith(m)) ?? base];
  }
  return [name];
}

/** Java's `ConfigDef.convertToString(value, type)`. */
export function convertToString(value: ConfigValue | undefined, type: ConfigType | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Password) return type === undefined ? Password.HIDDEN : value.value;
  if (Array.isArray(value)) return (value as readonly string[]).join(',');
  if (typeof value === 'number') {
    if (type === 'DOUBLE') return javaDouble(value);
    if (type === 'LONG') return javaLong(value);
  }
  return String(value);
}

/** Kafka's `KafkaConfig.maybeSensitive`: passwords and keys of unknown type. */
function isSensitiveType(type: ConfigType | undefined): boolean {
  return type === undefined || type === 'PASSWORD';
}

/** The broker's defaults as strings, keys with a null default left out (`staticDefaultConfigs`). */
function staticDefault(name: string): string | null {
  const spec = BROKER_CONFIG_DEF.spec(name);
  return spec === undefined ? null : convertToString(BROKER_CONFIG_DEF.defaultOf(name), spec.type);
}

/** ConfigHelper's `configSynonyms`: static then default values of the synonyms, from `name` on. */
function configSynonyms(
  broker: BrokerConfigSource,
  name: string,
  names: readonly string[],
  isSensitive: boolean,
): ConfigSynonym[] {
  const all: ConfigSynonym[] = [];
  for (const n of names) {
    const v = broker.originals.get(n);
    if (v !== undefined)
      all.push({ name: n, value: isSensitive ? null : v, source: ConfigSource.STATIC_BROKER_CONFIG });
  }
  for (const n of names) {
    const v = staticDefault(n);
    if (v !== null) all.push({ name: n, value: isSensitive ? null : v, source: ConfigSource.DEFAULT_CONFIG });
  }
  const first = all.findIndex((s) => s.name === name);
  return first < 0 ? [] : all.slice(first);
}

/** The topic's effective (parsed) values: overrides over the broker's log settings. */
export function topicConfigValues(
  broker: BrokerConfigSource,
  overrides: ReadonlyMap<string, string>,
): Map<string, ConfigValue> {
  const props = new Map<string, string>();
  const fromBroker = new Map(TOPIC_TO_BROKER.map(([t, , get]) => [t, get(broker)]));
  for (const [k, v] of overrides) if (TOPIC_CONFIG_DEF.has(k)) props.set(k, v);
  const parsed = TOPIC_CONFIG_DEF.parse(props); // throws ConfigException for a bad override
  const values = new Map<string, ConfigValue>();
  for (const name of TOPIC_CONFIG_DEF.names()) {
    const v = props.has(name)
      ? parsed.get(name)
      : fromBroker.has(name)
        ? fromBroker.get(name)
        : parsed.get(name);
    values.set(name, v ?? null);
  }
  return values;
}

/** `createTopicConfigEntry` for one key (value already parsed). */
function topicEntry(
  broker: BrokerConfigSource,
  overrides: ReadonlyMap<string, string>,
  name: string,
  value: ConfigValue | undefined,
): ConfigEntry {
  const type = TOPIC_CONFIG_DEF.spec(name)?.type;
  const isSensitive = isSensitiveType(type);
  const valueAsString = isSensitive ? null : convertToString(value, type);
  const brokerKey = TOPIC_CONFIG_SYNONYMS.get(name);
  const list =
    brokerKey === undefined ? [] : configSynonyms(broker, brokerKey, brokerSynonyms(brokerKey), isSensitive);
  const synonyms: ConfigSynonym[] = overrides.has(name)
    ? [{ name, value: valueAsString, source: ConfigSource.DYNAMIC_TOPIC_CONFIG }, ...list]
    : list;
  return {
    name,
    value: valueAsString,
    source: synonyms[0]?.source ?? ConfigSource.DEFAULT_CONFIG,
    readOnly: false,
    isSensitive,
    synonyms,
  };
}

/**
 * Every entry DescribeConfigs lists for a topic, in the order Kafka's broker sends them: the keys of
 * `LogConfig` (plus any unknown override key, shown as sensitive) in Scala hash-map order.
 */
export function topicConfigEntries(
  broker: BrokerConfigSource,
  overrides: ReadonlyMap<string, string>,
): ConfigEntry[] {
  const values = topicConfigValues(broker, overrides);
  const originals = [...TOPIC_TO_BROKER.map(([t]) => t), ...overrides.keys()];
  const order = scalaHashMapOrder(originals, TOPIC_CONFIG_DEF.names());
  return order.map((name) =>
    topicEntry(broker, overrides, name, values.has(name) ? values.get(name) : overrides.get(name)),
  );
}

/**
 * The configs a CreateTopics v5+ response carries for a new topic (Kafka's
 * `maybePopulateMetadataAndConfigs`): every LogConfig key, in `java.util.HashMap` order.
 */
export function createdTopicConfigEntries(
  broker: BrokerConfigSource,
  configs: ReadonlyMap<string, string>,
): ConfigEntry[] {
  const values = topicConfigValues(broker, configs);
  return javaHashMapOrder(TOPIC_CONFIG_DEF.names()).map((name) =>
    topicEntry(broker, configs, name, values.get(name)),
  );
}

/**
 * Every entry DescribeConfigs lists for this broker (`createBrokerConfigEntry`, per-broker): the
 * supplied properties and every defined non-internal key, in Scala hash-map order.
 */
export function brokerConfigEntries(broker: BrokerConfigSource): ConfigEntry[] {
  const values = broker.allValues();
  const nonInternal = [...values.keys()].filter((k) => BROKER_CONFIG_DEF.spec(k)?.internal !== true);
  const order = scalaHashMapOrder([...broker.originals.keys()], nonInternal);
  return order.map((name) => {
    const type = BROKER_CONFIG_DEF.spec(name)?.type;
    const isSensitive = isSensitiveType(type);
    const raw = values.has(name) ? values.get(name) : broker.originals.get(name);
    const value = isSensitive ? null : typeof raw === 'string' ? raw : convertToString(raw, type);
    const synonyms = configSynonyms(broker, name, brokerSynonyms(name), isSensitive);
    return {
      name,
      value,
      source: synonyms[0]?.source ?? ConfigSource.DEFAULT_CONFIG,
      readOnly: !DYNAMIC_BROKER_CONFIGS.has(name),
      isSensitive,
      synonyms,
    };
  });
}
