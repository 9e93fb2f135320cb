/**
 * Kafka's rules for topic names (`org.apache.kafka.common.internals.Topic`) and for topic-level
 * configuration overrides (`kafka.log.LogConfig`): the 2.8 key table with its types, defaults and
 * validators, and the same error messages Kafka gives.
 */
import { apiVersionValidator, LATEST_API_VERSION } from '../server/config/api-version';
import {
  ConfigDef,
  ConfigException,
  javaLong,
  key,
  Range,
  ValidList,
  ValidString,
  type ConfigValue,
  type Validator,
} from '../server/config/config-def';
import { BROKER_COMPRESSION_OPTIONS } from '../server/config/kafka-config-validate';
import { InvalidConfigurationError, InvalidTopicError } from './errors';

export const GROUP_METADATA_TOPIC_NAME = '__consumer_offsets';
export const TRANSACTION_STATE_TOPIC_NAME = '__transaction_state';
export const INTERNAL_TOPICS: ReadonlySet<string> = new Set([
  GROUP_METADATA_TOPIC_NAME,
  TRANSACTION_STATE_TOPIC_NAME,
]);
export const LEGAL_CHARS = '[a-zA-Z0-9._-]';
export const MAX_NAME_LENGTH = 249;

/** Printed by `kafka-topics --create` before creating a name that has '.' or '_'. */
export const COLLISION_WARNING =
  "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could " +
  'collide. To avoid issues it is best to use either, but not both.';

/** Throws InvalidTopicError with Kafka's message when the name is not a legal topic name. */
export function validateTopicName(topic: string): void {
  if (topic.length === 0) throw new InvalidTopicError("Topic name is illegal, it can't be empty");
  if (topic === '.' || topic === '..') throw new InvalidTopicError('Topic name cannot be "." or ".."');
  if (topic.length > MAX_NAME_LENGTH)
    throw new InvalidTopicError(
      `Topic name is illegal, it can't be longer than ${MAX_NAME_LENGTH} characters, topic name: ${topic}`,
    );
  if (!/^[a-zA-Z0-9._-]*$/.test(topic))
    throw new InvalidTopicError(
      `Topic name "${topic}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
    );
}

export function isInternalTopic(topic: string): boolean {
  return INTERNAL_TOPICS.has(topic);
}

/** True when the name has '.' or '_', which metric names cannot tell apart. */
export function hasCollisionChars(topic: string): boolean {
  return topic.includes('.') || topic.includes('_');
}

/** True when the two names are equal once every '.' is read as '_'. */
export function hasCollision(topicA: string, topicB: string): boolean {
  return topicA.replaceAll('.', '_') === topicB.replaceAll('.', '_');
}

/** Kafka's check on `leader/follower.replication.throttled.replicas`: `*` or `partition:broker,...`. */
const throttledReplicaListValidator: Validator = {
  ensureValid(name: string, value: ConfigValue): void {
    const items = Array.isArray(value) ? (value as readonly string[]) : [];
    const ok = items.every((s) => /^([0-9]+:[0-9]+)?$/.test(s.trim())) || items.join('').trim() === '*';
    if (!ok)
      throw ConfigException.invalid(
        name,
        items,
        `${name} must be the literal '*' or a list of replicas in the following format: ` +
          '[partitionId]:[brokerId],[partitionId]:[brokerId],...',
      );
  },
  toString(): string {
    return '[partitionId]:[brokerId],[partitionId]:[brokerId],...';
  },
};

const LONG_MAX_VALUE = '9223372036854775807';
const { atLeast, between } = Range;

/** Every topic-level key Kafka 2.8 accepts, with its type, default (the broker default) and validator. */
export const TOPIC_CONFIG_KEYS = [
  key('segment.bytes', 'INT', 1073741824, 'MEDIUM', atLeast(14)),
  key('segment.ms', 'LONG', 604800000, 'MEDIUM', atLeast(1)),
  key('segment.jitter.ms', 'LONG', 0, 'MEDIUM', atLeast(0)),
  key('segment.index.bytes', 'INT', 10485760, 'MEDIUM', atLeast(0)),
  key('flush.messages', 'LONG', LONG_MAX_VALUE, 'MEDIUM', atLeast(0)),
  key('flush.ms', 'LONG', LONG_MAX_VALUE, 'MEDIUM', atLeast(0)),
  key('retention.bytes', 'LONG', -1, 'MEDIUM'),
  key('retention.ms', 'LONG', 604800000, 'MEDIUM', atLeast(-1)),
  key('max.message.bytes', 'INT', 1048588, 'MEDIUM', atLeast(0)),
  key('index.interval.bytes', 'INT', 4096, 'MEDIUM', atLeast(0)),
  key('delete.retention.ms', 'LONG', 86400000, 'MEDIUM', atLeast(0)),
  key('min.compaction.lag.ms', 'LONG', 0, 'MEDIUM', atLeast(0)),
  key('max.compaction.lag.ms', 'LONG', LONG_MAX_VALUE, 'MEDIUM', atLeast(1)),
  key('file.delete.delay.ms', 'LONG', 60000, 'MEDIUM', atLeast(0)),
  key('min.cleanable.dirty.ratio', 'DOUBLE', 0.5, 'MEDIUM', between(0, 1)),
  key('cleanup.policy', 'LIST', 'delete', 'MEDIUM', ValidList.in('compact', 'delete')),
  key('unclean.leader.election.enable', 'BOOLEAN', false, 'MEDIUM'),
  key('min.insync.replicas', 'INT', 1, 'MEDIUM', atLeast(1)),
  key('compression.type', 'STRING', 'producer', 'MEDIUM', ValidString.in(...BROKER_COMPRESSION_OPTIONS)),
  key('preallocate', 'BOOLEAN', false, 'MEDIUM'),
  key('message.format.version', 'STRING', LATEST_API_VERSION, 'MEDIUM', apiVersionValidator),
  key(
    'message.timestamp.type',
    'STRING',
    'CreateTime',
    'MEDIUM',
    ValidString.in('CreateTime', 'LogAppendTime'),
  ),
  key('message.timestamp.difference.max.ms', 'LONG', LONG_MAX_VALUE, 'MEDIUM', atLeast(0)),
  key('leader.replication.throttled.replicas', 'LIST', [], 'MEDIUM', throttledReplicaListValidator),
  key('follower.replication.throttled.replicas', 'LIST', [], 'MEDIUM', throttledReplicaListValidator),
  key('message.downconversion.enable', 'BOOLEAN', true, 'LOW'),
] as const;

export type TopicConfigKey = (typeof TOPIC_CONFIG_KEYS)[number]['name'];

export const TOPIC_CONFIG_DEF = new ConfigDef(TOPIC_CONFIG_KEYS);

/** Topic config names, sorted (Kafka's `LogConfig.configNames`, listed in the tool's help). */
export const TOPIC_CONFIG_NAMES: readonly string[] = TOPIC_CONFIG_DEF.names().sort();

/** Rejects any name that is not a topic-level key: `Unknown topic config name: <name>`. */
export function validateTopicConfigNames(names: Iterable<string>): void {
  for (const name of names)
    if (!TOPIC_CONFIG_DEF.has(name))
      throw new InvalidConfigurationError(`Unknown topic config name: ${name}`);
}

/**
 * Kafka's `LogConfig.validate`: names first, then every value parsed and checked (ConfigException
 * with Kafka's `Invalid value ...` text), then the cross-key check on the compaction lags.
 * Returns the parsed values of every key (defaults filled in).
 */
export function validateTopicConfigs(configs: ReadonlyMap<string, string>): Map<string, ConfigValue> {
  validateTopicConfigNames(configs.keys());
  const values = TOPIC_CONFIG_DEF.parse(configs);
  const minLag = values.get('min.compaction.lag.ms') as number;
  const maxLag = values.get('max.compaction.lag.ms') as number;
  if (minLag > maxLag)
    throw new InvalidConfigurationError(
      `conflict topic config setting min.compaction.lag.ms (${javaLong(minLag)}) > ` +
        `max.compaction.lag.ms (${javaLong(maxLag)})`,
    );
  return values;
}
