/** The storage layer's public API: what the broker, handlers and replication layer use. */
export { Log } from './log';
export {
  EARLIEST_TIMESTAMP,
  LATEST_TIMESTAMP,
  type AppendOptions,
  type LogAppendInfo,
  type LogParams,
  type LogStartOffsetIncrementReason,
} from './log-types';
export { LogManager, type LogManagerConfig, type LogManagerDeps } from './log-manager';
export {
  DEFAULT_LOG_CONFIG,
  LONG_MAX,
  isDeletePolicy,
  logConfigFromBroker,
  overriddenConfigsAsLoggableString,
  withTopicOverrides,
  type BrokerLogSettings,
  type CleanupPolicy,
  type LogConfig,
  type TimestampTypeName,
} from './log-config';
export type { FetchDataInfo, LogOffsetMetadata } from './log-offset-metadata';
export type { TimestampAndOffset } from './record-search';
export type { AppendOrigin } from './log-validation';
export {
  LeaderEpochFileCache,
  UNDEFINED_EPOCH,
  UNDEFINED_EPOCH_OFFSET,
  type EpochEndOffset,
} from './leader-epoch-cache';
export {
  CLEAN_SHUTDOWN_FILE,
  LEADER_EPOCH_CHECKPOINT_FILE,
  LOG_START_OFFSET_CHECKPOINT_FILE,
  OffsetCheckpointFile,
  RECOVERY_POINT_CHECKPOINT_FILE,
  REPLICATION_OFFSET_CHECKPOINT_FILE,
  type EpochEntry,
  type OffsetCheckpointEntry,
} from './checkpoints';
export { OffsetsOutOfOrderError, UnexpectedAppendOffsetError } from './errors';
export { logDirName, parseTopicPartitionName, tpKey, type TopicPartition } from './topic-partition';
