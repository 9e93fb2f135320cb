/**
 * Broker keys, part 2: the log (segments, roll, retention, cleaner, index, flush, message format).
 * Kafka 2.8.2's names, types, defaults, validators and importance.
 */
import { apiVersionValidator, LATEST_API_VERSION } from './api-version';
import { key, Range, ValidList, ValidString } from './config-def';

const { atLeast } = Range;
const LONG_MAX_VALUE = '9223372036854775807';
/** Java's `Double.MAX_VALUE`. */
const DOUBLE_MAX_VALUE = Number.MAX_VALUE;
/** Smallest legal segment: one empty v0 record (crc 4 + magic 1 + attributes 1 + key size 4 + value size 4). */
const RECORD_OVERHEAD_V0 = 14;

export const LOG_KEYS = [
  key('num.partitions', 'INT', 1, 'MEDIUM', atLeast(1)),
  key('log.dir', 'STRING', '/tmp/kafka-logs', 'HIGH'),
  key('log.dirs', 'STRING', null, 'HIGH'),
  key('log.segment.bytes', 'INT', 1073741824, 'HIGH', atLeast(RECORD_OVERHEAD_V0)),
  key('log.roll.ms', 'LONG', null, 'HIGH'),
  key('log.roll.hours', 'INT', 168, 'HIGH', atLeast(1)),
  key('log.roll.jitter.ms', 'LONG', null, 'HIGH'),
  key('log.roll.jitter.hours', 'INT', 0, 'HIGH', atLeast(0)),
  key('log.retention.ms', 'LONG', null, 'HIGH'),
  key('log.retention.minutes', 'INT', null, 'HIGH'),
  key('log.retention.hours', 'INT', 168, 'HIGH'),
  key('log.retention.bytes', 'LONG', -1, 'HIGH'),
  key('log.retention.check.interval.ms', 'LONG', 300000, 'MEDIUM', atLeast(1)),
  key('log.cleanup.policy', 'LIST', 'delete', 'MEDIUM', ValidList.in('compact', 'delete')),
  key('log.cleaner.threads', 'INT', 1, 'MEDIUM', atLeast(0)),
  key('log.cleaner.io.max.bytes.per.second', 'DOUBLE', DOUBLE_MAX_VALUE, 'MEDIUM'),
  key('log.cleaner.dedupe.buffer.size', 'LONG', 134217728, 'MEDIUM'),
  key('log.cleaner.io.buffer.size', 'INT', 524288, 'MEDIUM', atLeast(0)),
  key('log.cleaner.io.buffer.load.factor', 'DOUBLE', 0.9, 'MEDIUM'),
  key('log.cleaner.backoff.ms', 'LONG', 15000, 'MEDIUM', atLeast(0)),
  key('log.cleaner.min.cleanable.ratio', 'DOUBLE', 0.5, 'MEDIUM'),
  key('log.cleaner.enable', 'BOOLEAN', true, 'MEDIUM'),
  key('log.cleaner.delete.retention.ms', 'LONG', 86400000, 'MEDIUM'),
  key('log.cleaner.min.compaction.lag.ms', 'LONG', 0, 'MEDIUM'),
  key('log.cleaner.max.compaction.lag.ms', 'LONG', LONG_MAX_VALUE, 'MEDIUM'),
  key('log.index.size.max.bytes', 'INT', 10485760, 'MEDIUM', atLeast(4)),
  key('log.index.interval.bytes', 'INT', 4096, 'MEDIUM', atLeast(0)),
  key('log.flush.interval.messages', 'LONG', LONG_MAX_VALUE, 'HIGH', atLeast(1)),
  key('log.segment.delete.delay.ms', 'LONG', 60000, 'HIGH', atLeast(0)),
  key('log.flush.scheduler.interval.ms', 'LONG', LONG_MAX_VALUE, 'HIGH'),
  key('log.flush.interval.ms', 'LONG', null, 'HIGH'),
  key('log.flush.offset.checkpoint.interval.ms', 'INT', 60000, 'HIGH', atLeast(0)),
  key('log.flush.start.offset.checkpoint.interval.ms', 'INT', 60000, 'HIGH', atLeast(0)),
  key('log.preallocate', 'BOOLEAN', false, 'MEDIUM'),
  key('num.recovery.threads.per.data.dir', 'INT', 1, 'HIGH', atLeast(1)),
  key('auto.create.topics.enable', 'BOOLEAN', true, 'HIGH'),
  key('min.insync.replicas', 'INT', 1, 'HIGH', atLeast(1)),
  key('log.message.format.version', 'STRING', LATEST_API_VERSION, 'MEDIUM', apiVersionValidator),
  key(
    'log.message.timestamp.type',
    'STRING',
    'CreateTime',
    'MEDIUM',
    ValidString.in('CreateTime', 'LogAppendTime'),
  ),
  key('log.message.timestamp.difference.max.ms', 'LONG', LONG_MAX_VALUE, 'MEDIUM'),
  key('create.topic.policy.class.name', 'CLASS', null, 'LOW'),
  key('alter.config.policy.class.name', 'CLASS', null, 'LOW'),
  key('log.message.downconversion.enable', 'BOOLEAN', true, 'LOW'),
] as const;
