/**
 * The configuration of one partition's log (Kafka's `LogConfig`): broker defaults (`log.*` keys)
 * with the topic's overrides (`segment.bytes`, `retention.ms`, ...) applied on top.
 *
 * A LogConfig is a plain immutable object. The broker builds the defaults once with
 * {@link logConfigFromBroker} (a `KafkaConfig` fits `BrokerLogSettings`), then one config per
 * topic with {@link withTopicOverrides} from the topic's znode config (already validated by the
 * admin layer). int64 settings are numbers here: milliseconds and byte counts stay far below 2^53,
 * and Long.MAX_VALUE (9223372036854775807, "never") keeps its meaning as the nearest double.
 */

export type CleanupPolicy = 'compact' | 'delete';
export type TimestampTypeName = 'CreateTime' | 'LogAppendTime';

/** Java's Long.MAX_VALUE as the nearest number, 2^63 ("never" for flush.messages, flush.ms, ...). */
export const LONG_MAX = 2 ** 63;

export interface LogConfig {
  /** segment.bytes: roll when the active segment would grow past this. */
  readonly segmentBytes: number;
  /** segment.ms: roll when the first batch is this old (by record timestamps). */
  readonly segmentMs: number;
  /** segment.jitter.ms: random amount subtracted from segment.ms per segment. */
  readonly segmentJitterMs: number;
  /** segment.index.bytes: the size indexes are preallocated to (and the most they hold). */
  readonly segmentIndexBytes: number;
  /** index.interval.bytes: bytes appended between two offset-index entries. */
  readonly indexIntervalBytes: number;
  /** flush.messages: fsync once this many messages are unflushed. */
  readonly flushMessages: number;
  /** flush.ms: fsync when the last flush is this old (checked by the log flusher task). */
  readonly flushMs: number;
  /** retention.bytes (-1 = unlimited). */
  readonly retentionBytes: number;
  /** retention.ms (-1 = unlimited). */
  readonly retentionMs: number;
  /** max.message.bytes: largest batch accepted from producers. */
  readonly maxMessageBytes: number;
  /** file.delete.delay.ms: time between renaming a segment `.deleted` and removing it. */
  readonly fileDeleteDelayMs: number;
  readonly cleanupPolicy: readonly CleanupPolicy[];
  readonly deleteRetentionMs: number;
  readonly minCompactionLagMs: number;
  readonly maxCompactionLagMs: number;
  readonly minCleanableDirtyRatio: number;
  readonly messageTimestampType: TimestampTypeName;
  readonly messageTimestampDifferenceMaxMs: number;
  readonly minInSyncReplicas: number;
  readonly uncleanLeaderElectionEnable: boolean;
  readonly compressionType: string;
  readonly preallocate: boolean;
  readonly messageFormatVersion: string;
  readonly messageDownConversionEnable: boolean;
  /** Topic-level keys set for this topic, as given (for `Created log ... with properties {...}`). */
  readonly overrides: ReadonlyMap<string, string>;
}

/** Kafka 2.8's defaults (`LogConfig.Defaults`, i.e. the broker's `log.*` defaults). */
export const DEFAULT_LOG_CONFIG: LogConfig = Object.freeze<LogConfig>({
  segmentBytes: 1073741824,
  segmentMs: 604800000,
  segmentJitterMs: 0,
  segmentIndexBytes: 10485760,
  indexIntervalBytes: 4096,
  flushMessages: LONG_MAX,
  flushMs: LONG_MAX,
  retentionBytes: -1,
  retentionMs: 604800000,
  maxMessageBytes: 1048588,
  fileDeleteDelayMs: 60000,
  cleanupPolicy: ['delete'] as CleanupPolicy[],
  deleteRetentionMs: 86400000,
  minCompactionLagMs: 0,
  maxCompactionLagMs: LONG_MAX,
  minCleanableDirtyRatio: 0.5,
  messageTimestampType: 'CreateTime',
  messageTimestampDifferenceMaxMs: LONG_MAX,
  minInSyncReplicas: 1,
  uncleanLeaderElectionEnable: false,
  compressionType: 'producer',
  preallocate: false,
  messageFormatVersion: '2.8-IV1',
  messageDownConversionEnable: true,
  overrides: new Map<string, string>(),
});

/** The broker settings a LogConfig is built from; field names are KafkaConfig's. */
export interface BrokerLogSettings {
  readonly logSegmentBytes: number;
  readonly logRollMs: number;
  readonly logRollJitterMs: number;
  readonly logIndexSizeMaxBytes: number;
  readonly logIndexIntervalBytes: number;
  readonly logFlushIntervalMessages: number;
  readonly logFlushIntervalMs: number;
  readonly logRetentionBytes: number;
  readonly logRetentionMs: number;
  readonly messageMaxBytes: number;
  readonly logDeleteDelayMs: number;
  readonly logCleanupPolicy: readonly string[];
  readonly logCleanerDeleteRetentionMs: number;
  readonly logCleanerMinCompactionLagMs: number;
  readonly logCleanerMaxCompactionLagMs: number;
  readonly logCleanerMinCleanRatio: number;
  readonly logMessageTimestampType: TimestampTypeName;
  readonly logMessageTimestampDifferenceMaxMs: number;
  readonly minInSyncReplicas: number;
  readonly uncleanLeaderElectionEnable: boolean;
  readonly compressionType: string;
  readonly logPreAllocateEnable: boolean;
  readonly logMessageFormatVersionString: string;
  readonly logMessageDownConversionEnable: boolean;
}

function cleanupPolicies(list: readonly string[]): CleanupPolicy[] {
  return list
    .map((p) => p.trim().toLowerCase())
    .filter((p): p is CleanupPolicy => p === 'compact' || p === 'delete');
}

/** Kafka's `LogConfig.extractLogConfigMap(kafkaConfig)`: the broker-wide defaults for every log. */
export function logConfigFromBroker(b: BrokerLogSettings): LogConfig {
  return Object.freeze({
    segmentBytes: b.logSegmentBytes,
    segmentMs: b.logRollMs,
    segmentJitterMs: b.logRollJitterMs,
    segmentIndexBytes: b.logIndexSizeMaxBytes,
    indexIntervalBytes: b.logIndexIntervalBytes,
    flushMessages: b.logFlushIntervalMessages,
    flushMs: b.logFlushIntervalMs,
    retentionBytes: b.logRetentionBytes,
    retentionMs: b.logRetentionMs,
    maxMessageBytes: b.messageMaxBytes,
    fileDeleteDelayMs: b.logDeleteDelayMs,
    cleanupPolicy: cleanupPolicies(b.logCleanupPolicy),
    deleteRetentionMs: b.logCleanerDeleteRetentionMs,
    minCompactionLagMs: b.logCleanerMinCompactionLagMs,
    maxCompactionLagMs: b.logCleanerMaxCompactionLagMs,
    minCleanableDirtyRatio: b.logCleanerMinCleanRatio,
    messageTimestampType: b.logMessageTimestampType,
    messageTimestampDifferenceMaxMs: b.logMessageTimestampDifferenceMaxMs,
    minInSyncReplicas: b.minInSyncReplicas,
    uncleanLeaderElectionEnable: b.uncleanLeaderElectionEnable,
    compressionType: b.compressionType,
    preallocate: b.logPreAllocateEnable,
    messageFormatVersion: b.logMessageFormatVersionString,
    messageDownConversionEnable: b.logMessageDownConversionEnable,
    overrides: new Map<string, string>(),
  });
}

type Field = Exclude<keyof LogConfig, 'overrides'>;
type Kind = 'number' | 'boolean' | 'string' | 'list' | 'timestampType';

/** Topic-level key → LogConfig field, with the value kind used to parse and print it. */
const TOPIC_KEYS: ReadonlyMap<string, readonly [Field, Kind]> = new Map<string, readonly [Field, Kind]>([
  ['segment.bytes', ['segmentBytes', 'number']],
  ['segment.ms', ['segmentMs', 'number']],
  ['segment.jitter.ms', ['segmentJitterMs', 'number']],
  ['segment.index.bytes', ['segmentIndexBytes', 'number']],
  ['index.interval.bytes', ['indexIntervalBytes', 'number']],
  ['flush.messages', ['flushMessages', 'number']],
  ['flush.ms', ['flushMs', 'number']],
  ['retention.bytes', ['retentionBytes', 'number']],
  ['retention.ms', ['retentionMs', 'number']],
  ['max.message.bytes', ['maxMessageBytes', 'number']],
  ['file.delete.delay.ms', ['fileDeleteDelayMs', 'number']],
  ['cleanup.policy', ['cleanupPolicy', 'list']],
  ['delete.retention.ms', ['deleteRetentionMs', 'number']],
  ['min.compaction.lag.ms', ['minCompactionLagMs', 'number']],
  ['max.compaction.lag.ms', ['maxCompactionLagMs', 'number']],
  ['min.cleanable.dirty.ratio', ['minCleanableDirtyRatio', 'number']],
  ['message.timestamp.type', ['messageTimestampType', 'timestampType']],
  ['message.timestamp.difference.max.ms', ['messageTimestampDifferenceMaxMs', 'number']],
  ['min.insync.replicas', ['minInSyncReplicas', 'number']],
  ['unclean.leader.election.enable', ['uncleanLeaderElectionEnable', 'boolean']],
  ['compression.type', ['compressionType', 'string']],
  ['preallocate', ['preallocate', 'boolean']],
  ['message.format.version', ['messageFormatVersion', 'string']],
  ['message.downconversion.enable', ['messageDownConversionEnable', 'boolean']],
]);

function parseValue(key: string, kind: Kind, raw: string): unknown {
  const v = raw.trim();
  switch (kind) {
    case 'number': {
      const n = Number(v);
      if (v === '' || !Number.isFinite(n)) throw new Error(`Invalid value ${raw} for configuration ${key}`);
      return n;
    }
    case 'boolean':
      if (v.toLowerCase() !== 'true' && v.toLowerCase() !== 'false')
        throw new Error(`Invalid value ${raw} for configuration ${key}`);
      return v.toLowerCase() === 'true';
    case 'list':
      return cleanupPolicies(v === '' ? [] : v.split(','));
    case 'timestampType':
      if (v !== 'CreateTime' && v !== 'LogAppendTime')
        throw new Error(`Invalid value ${raw} for configuration ${key}`);
      return v;
    case 'string':
      return v;
  }
}

/**
 * Kafka's `LogConfig.fromProps(defaults, overrides)`: `base` with the topic's overrides applied.
 * Keys that are not topic-level log keys (e.g. the throttled-replica lists) are recorded in
 * `overrides` but change nothing else. Throws on a value that does not parse.
 */
export function withTopicOverrides(base: LogConfig, overrides: ReadonlyMap<string, string>): LogConfig {
  const out: Record<string, unknown> = { ...base };
  const recorded = new Map(base.overrides);
  for (const [key, raw] of overrides) {
    recorded.set(key, raw);
    const spec = TOPIC_KEYS.get(key);
    if (spec) out[spec[0]] = parseValue(key, spec[1], raw);
  }
  out['overrides'] = recorded;
  return Object.freeze(out as unknown as LogConfig);
}

/** True when `cleanup.policy` contains `delete` (retention applies). */
export function isDeletePolicy(config: LogConfig): boolean {
  return config.cleanupPolicy.includes('delete');
}

/** Prints an int64 setting as Java would (Long.MAX_VALUE exactly, not as a double). */
export function formatLong(n: number): string {
  return n >= LONG_MAX ? '9223372036854775807' : String(n);
}

/**
 * Kafka's `overriddenConfigsAsLoggableString`: overridden keys sorted, `key=value` joined by ", " in
 * braces; strings quoted, lists as `[a, b]`, unknown keys `(redacted)`.
 */
export function overriddenConfigsAsLoggableString(config: LogConfig): string {
  const keys = [...config.overrides.keys()].sort();
  const parts = keys.map((key) => {
    const spec = TOPIC_KEYS.get(key);
    if (!spec) return `${key}=(redacted)`;
    const value = config[spec[0]];
    if (spec[1] === 'string' || spec[1] === 'timestampType') return `${key}="${String(value)}"`;
    if (Array.isArray(value)) return `${key}=[${value.join(', ')}]`;
    if (typeof value === 'number') return `${key}=${formatLong(value)}`;
    return `${key}=${String(value)}`;
  });
  return `{${parts.join(', ')}}`;
}
