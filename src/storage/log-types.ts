/**
 * The parameter and result types of `Log` (log.ts).
 */
import type { Clock, Scheduler } from '../common/clock';
import type { LogConfig, TimestampTypeName } from './log-config';
import type { AppendOrigin } from './log-validation';

/** ListOffsets special timestamps. */
export const EARLIEST_TIMESTAMP = -2n;
export const LATEST_TIMESTAMP = -1n;

export interface LogParams {
  /** The partition directory, `<log dir>/<topic>-<partition>`. */
  readonly dir: string;
  readonly config: LogConfig;
  readonly logStartOffset: bigint;
  readonly recoveryPoint: bigint;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Whether the log dir had `.kafka_cleanshutdown` (then recovery is skipped). */
  readonly hadCleanShutdown: boolean;
}

export interface AppendOptions {
  /** Defaults to the config's message.timestamp.type. */
  readonly timestampType?: TimestampTypeName;
  /** Defaults to the config's max.message.bytes. */
  readonly maxMessageBytes?: number;
  /** The append time in ms (used for LogAppendTime); defaults to the clock. */
  readonly now?: number;
  /** 'Client' (producers, the default) or 'Coordinator' (the broker's own writes). */
  readonly origin?: Exclude<AppendOrigin, 'Replication'>;
}

export interface LogAppendInfo {
  readonly firstOffset: bigint;
  readonly lastOffset: bigint;
  readonly maxTimestamp: bigint;
  readonly offsetOfMaxTimestamp: bigint;
  /** The broker's timestamp for LogAppendTime, else -1. */
  readonly logAppendTime: bigint;
  readonly logStartOffset: bigint;
  /** Batches appended (0: nothing was appended). */
  readonly shallowCount: number;
  readonly validBytes: number;
}

export type LogStartOffsetIncrementReason =
  'client delete records request' | 'leader offset increment' | 'segment deletion' | 'snapshot generated';
