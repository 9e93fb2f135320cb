/**
 * Broker keys, part 3: replication, controller, controlled shutdown, group and transaction
 * coordinators (and their internal topics), fetch sessions, metrics and quotas.
 * Kafka 2.8.2's names, types, defaults, validators and importance.
 */
import { apiVersionValidator, LATEST_API_VERSION } from './api-version';
import { key, Range } from './config-def';

const { atLeast } = Range;
const INT_MAX_VALUE = 2147483647;
const LONG_MAX_VALUE = '9223372036854775807';

export const REPLICATION_KEYS = [
  key('controller.socket.timeout.ms', 'INT', 30000, 'MEDIUM'),
  key('default.replication.factor', 'INT', 1, 'MEDIUM'),
  key('replica.lag.time.max.ms', 'LONG', 30000, 'HIGH'),
  key('replica.socket.timeout.ms', 'INT', 30000, 'HIGH'),
  key('replica.socket.receive.buffer.bytes', 'INT', 65536, 'HIGH'),
  key('replica.fetch.max.bytes', 'INT', 1048576, 'MEDIUM', atLeast(0)),
  key('replica.fetch.wait.max.ms', 'INT', 500, 'HIGH'),
  key('replica.fetch.backoff.ms', 'INT', 1000, 'MEDIUM', atLeast(0)),
  key('replica.fetch.min.bytes', 'INT', 1, 'HIGH'),
  key('replica.fetch.response.max.bytes', 'INT', 10485760, 'MEDIUM', atLeast(0)),
  key('num.replica.fetchers', 'INT', 1, 'HIGH'),
  key('replica.high.watermark.checkpoint.interval.ms', 'LONG', 5000, 'HIGH'),
  key('fetch.purgatory.purge.interval.requests', 'INT', 1000, 'MEDIUM'),
  key('producer.purgatory.purge.interval.requests', 'INT', 1000, 'MEDIUM'),
  key('delete.records.purgatory.purge.interval.requests', 'INT', 1, 'MEDIUM'),
  key('auto.leader.rebalance.enable', 'BOOLEAN', true, 'HIGH'),
  key('leader.imbalance.per.broker.percentage', 'INT', 10, 'HIGH'),
  key('leader.imbalance.check.interval.seconds', 'LONG', 300, 'HIGH'),
  key('unclean.leader.election.enable', 'BOOLEAN', false, 'HIGH'),
  key('security.inter.broker.protocol', 'STRING', 'PLAINTEXT', 'MEDIUM'),
  key('inter.broker.protocol.version', 'STRING', LATEST_API_VERSION, 'MEDIUM', apiVersionValidator),
  key('inter.broker.listener.name', 'STRING', null, 'MEDIUM'),
  key('replica.selector.class', 'STRING', null, 'MEDIUM'),
  key('controlled.shutdown.max.retries', 'INT', 3, 'MEDIUM'),
  key('controlled.shutdown.retry.backoff.ms', 'LONG', 5000, 'MEDIUM'),
  key('controlled.shutdown.enable', 'BOOLEAN', true, 'MEDIUM'),
] as const;

export const COORDINATOR_KEYS = [
  key('group.min.session.timeout.ms', 'INT', 6000, 'MEDIUM'),
  key('group.max.session.timeout.ms', 'INT', 1800000, 'MEDIUM'),
  key('group.initial.rebalance.delay.ms', 'INT', 3000, 'MEDIUM'),
  key('group.max.size', 'INT', INT_MAX_VALUE, 'MEDIUM', atLeast(1)),
  key('offset.metadata.max.bytes', 'INT', 4096, 'HIGH'),
  key('offsets.load.buffer.size', 'INT', 5242880, 'HIGH', atLeast(1)),
  key('offsets.topic.replication.factor', 'SHORT', 3, 'HIGH', atLeast(1)),
  key('offsets.topic.num.partitions', 'INT', 50, 'HIGH', atLeast(1)),
  key('offsets.topic.segment.bytes', 'INT', 104857600, 'HIGH', atLeast(1)),
  // 0 = none, 1 = gzip, 2 = snappy, 3 = lz4, 4 = zstd.
  key('offsets.topic.compression.codec', 'INT', 0, 'HIGH'),
  key('offsets.retention.minutes', 'INT', 10080, 'HIGH', atLeast(1)),
  key('offsets.retention.check.interval.ms', 'LONG', 600000, 'HIGH', atLeast(1)),
  key('offsets.commit.timeout.ms', 'INT', 5000, 'HIGH', atLeast(1)),
  key('offsets.commit.required.acks', 'SHORT', -1, 'HIGH'),
  key('delete.topic.enable', 'BOOLEAN', true, 'HIGH'),
  key('compression.type', 'STRING', 'producer', 'HIGH'),
  key('transactional.id.expiration.ms', 'INT', 604800000, 'HIGH', atLeast(1)),
  key('transaction.max.timeout.ms', 'INT', 900000, 'HIGH', atLeast(1)),
  key('transaction.state.log.min.isr', 'INT', 2, 'HIGH', atLeast(1)),
  key('transaction.state.log.load.buffer.size', 'INT', 5242880, 'HIGH', atLeast(1)),
  key('transaction.state.log.replication.factor', 'SHORT', 3, 'HIGH', atLeast(1)),
  key('transaction.state.log.num.partitions', 'INT', 50, 'HIGH', atLeast(1)),
  key('transaction.state.log.segment.bytes', 'INT', 104857600, 'HIGH', atLeast(1)),
  key('transaction.abort.timed.out.transaction.cleanup.interval.ms', 'INT', 10000, 'LOW', atLeast(1)),
  key('transaction.remove.expired.transaction.cleanup.interval.ms', 'INT', 3600000, 'LOW', atLeast(1)),
  key('max.incremental.fetch.session.cache.slots', 'INT', 1000, 'MEDIUM', atLeast(0)),
  key('fetch.max.bytes', 'INT', 57671680, 'MEDIUM', atLeast(1024)),
] as const;

export const METRICS_AND_QUOTA_KEYS = [
  key('metrics.num.samples', 'INT', 2, 'LOW', atLeast(1)),
  key('metrics.sample.window.ms', 'LONG', 30000, 'LOW', atLeast(1)),
  key('metric.reporters', 'LIST', '', 'LOW'),
  key('metrics.recording.level', 'STRING', 'INFO', 'LOW'),
  key('kafka.metrics.reporters', 'LIST', '', 'LOW'),
  key('kafka.metrics.polling.interval.secs', 'INT', 10, 'LOW', atLeast(1)),
  key('quota.producer.default', 'LONG', LONG_MAX_VALUE, 'HIGH', atLeast(1)),
  key('quota.consumer.default', 'LONG', LONG_MAX_VALUE, 'HIGH', atLeast(1)),
  key('quota.window.num', 'INT', 11, 'LOW', atLeast(1)),
  key('replication.quota.window.num', 'INT', 11, 'LOW', atLeast(1)),
  key('alter.log.dirs.replication.quota.window.num', 'INT', 11, 'LOW', atLeast(1)),
  key('controller.quota.window.num', 'INT', 11, 'LOW', atLeast(1)),
  key('quota.window.size.seconds', 'INT', 1, 'LOW', atLeast(1)),
  key('replication.quota.window.size.seconds', 'INT', 1, 'LOW', atLeast(1)),
  key('alter.log.dirs.replication.quota.window.size.seconds', 'INT', 1, 'LOW', atLeast(1)),
  key('controller.quota.window.size.seconds', 'INT', 1, 'LOW', atLeast(1)),
  key('client.quota.callback.class', 'CLASS', null, 'LOW'),
] as const;
