/**
 * All partition logs of the broker across its `log.dirs` (Kafka 2.8's `LogManager`): loading (and
 * recovering) them at startup, creating and deleting logs, the periodic retention, flush and
 * checkpoint tasks, and the clean shutdown that lets the next start skip recovery.
 *
 * Each log dir holds `recovery-point-offset-checkpoint`, `log-start-offset-checkpoint`,
 * `replication-offset-checkpoint` (high watermarks, when `highWatermarkCheckpointMs` is set; else the
 * replication layer calls `checkpointHighWatermarks`), `.kafka_cleanshutdown` between a clean
 * shutdown and the next start, and one `<topic>-<partition>/` directory per log. Deleted logs are
 * renamed `<topic>-<partition>.<32 hex>-delete` and removed after `file.delete.delay.ms`.
 *
 * Lifecycle: the constructor does no I/O. `startup()` creates missing dirs, loads every log and
 * schedules the periodic tasks on the injected Scheduler; `shutdown()` cancels them, flushes and
 * closes every log, writes the checkpoints and the clean-shutdown marker. Both are idempotent.
 * Concurrency: every method runs synchronously on Node's single thread (the async ones only to fit
 * the broker's start/stop sequence); the background flushes use Log.flushAsync.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Cancellable, Clock, Scheduler } from '../common/clock';
import { getLogger } from '../common/logger';
import { ErrorCode, KafkaError } from '../protocol/error-codes';
import {
  CLEAN_SHUTDOWN_FILE,
  LOG_START_OFFSET_CHECKPOINT_FILE,
  RECOVERY_POINT_CHECKPOINT_FILE,
  REPLICATION_OFFSET_CHECKPOINT_FILE,
  fsyncDirectory,
  type OffsetCheckpointEntry,
  asyncCheckpointWritesDone,
} from './checkpoints';
import {
  createAndValidateLogDirs,
  loadLogDir,
  writeOffsetCheckpoint,
  writeOffsetCheckpointAsync,
} from './log-dirs';
import { Log } from './log';
import { formatLong, overriddenConfigsAsLoggableString, type LogConfig } from './log-config';
import { logDeleteDirName, logDirName, tpKey, type TopicPartition } from './topic-partition';

const log = getLogger('kafka.log.LogManager');
/** setTimeout cannot wait longer; Kafka's "never" periods (Long.MAX_VALUE) are not scheduled at all. */
/** How a checkpoint is written: see writeCheckpoint. */
type CheckpointMode = 'sync' | 'async';

const MAX_TIMER_MS = 2147483647;

export interface LogManagerConfig {
  /** `log.dirs` (or `log.dir`), in order. */
  readonly logDirs: readonly string[];
  /** Broker-wide log settings, used for topics without overrides. */
  readonly defaultConfig: LogConfig;
  /** log.retention.check.interval.ms */
  readonly retentionCheckMs: number;
  /** log.flush.scheduler.interval.ms */
  readonly flushCheckMs: number;
  /** log.flush.offset.checkpoint.interval.ms */
  readonly flushRecoveryOffsetCheckpointMs: number;
  /** log.flush.start.offset.checkpoint.interval.ms */
  readonly flushStartOffsetCheckpointMs: number;
  /** replica.high.watermark.checkpoint.interval.ms; set it to have the manager write high watermarks. */
  readonly highWatermarkCheckpointMs?: number;
  /** Delay before the first run of each periodic task (Kafka: 30000). */
  readonly initialTaskDelayMs?: number;
}

export interface LogManagerDeps {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
}

export class LogManager {
  private readonly logs = new Map<string, Log>();
  private readonly dirs: string[];
  private tasks: Cancellable[] = [];
  private state: 'created' | 'started' | 'stopped' = 'created';

  constructor(
    private readonly config: LogManagerConfig,
    private readonly deps: LogManagerDeps,
  ) {
    this.dirs = config.logDirs.map((d) => path.resolve(d));
  }

  get liveLogDirs(): readonly string[] {
    return this.dirs;
  }

  /** Loads every log and starts the periodic tasks. */
  async startup(topicConfigOverrides: ReadonlyMap<string, LogConfig> = new Map()): Promise<void> {
    if (this.state !== 'created') return;
    createAndValidateLogDirs(this.dirs, log);
    this.loadLogs(topicConfigOverrides);
    this.state = 'started';
    const c = this.config;
    log.info(`Starting log cleanup with a period of ${formatLong(c.retentionCheckMs)} ms.`);
    this.schedule(c.retentionCheckMs, () => this.cleanupLogs());
    log.info(`Starting log flusher with a default period of ${formatLong(c.flushCheckMs)} ms.`);
    this.schedule(c.flushCheckMs, () => this.flushDirtyLogs());
    this.schedule(c.flushRecoveryOffsetCheckpointMs, () => this.checkpointLogRecoveryOffsets('async'));
    this.schedule(c.flushStartOffsetCheckpointMs, () => this.checkpointLogStartOffsets('async'));
    if (c.highWatermarkCheckpointMs !== undefined) {
      this.schedule(c.highWatermarkCheckpointMs, () => this.checkpointHighWatermarks('async'), 0);
    }
    await Promise.resolve();
  }

  private schedule(
    periodMs: number,
    task: () => void,
    initialDelayMs = this.config.initialTaskDelayMs ?? 30000,
  ): void {
    if (periodMs <= 0 || periodMs > MAX_TIMER_MS) return;
    const run = (): void => {
      try {
        task();
      } catch (err) {
        log.error('Uncaught exception in scheduled task', err);
      }
    };
    this.tasks.push(
      this.deps.scheduler.schedulePeriodic(Math.min(initialDelayMs, MAX_TIMER_MS), periodMs, run),
    );
  }

  /** Loads (recovering after an unclean shutdown) every partition directory of every log dir. */
  private loadLogs(topicConfigOverrides: ReadonlyMap<string, LogConfig>): void {
    log.info(`Loading logs from log dirs ArraySeq(${this.dirs.join(', ')})`);
    const { clock, scheduler } = this.deps;
    const start = clock.monotonic();
    let total = 0;
    for (const dir of this.dirs) {
      const defaultConfig = this.config.defaultConfig;
      const loaded = loadLogDir(dir, { defaultConfig, topicConfigOverrides, clock, scheduler }, log);
      total += loaded.logCount;
      for (const d of loaded.deleteDirs) this.scheduleDirDeletion(d.topicPartition, d.dir);
      for (const l of loaded.logs) {
        const key = tpKey(l.topicPartition);
        const previous = this.logs.get(key);
        if (previous) {
          throw new Error(
            `Duplicate log directories for ${key} are found in both ${l.dir} and ${previous.dir}. ` +
              'Recover broker from this failure by manually deleting one of the two directories for this partition.',
          );
        }
        this.logs.set(key, l);
      }
    }
    log.info(`Loaded ${total} logs in ${Math.round(clock.monotonic() - start)}ms.`);
  }

  getLog(tp: TopicPartition): Log | undefined {
    return this.logs.get(tpKey(tp));
  }

  allLogs(): Log[] {
    return [...this.logs.values()];
  }

  logsByTopic(topic: string): Log[] {
    return this.allLogs().filter((l) => l.topicPartition.topic === topic);
  }

  /** Applies a topic's new configuration to its existing logs. */
  topicConfigUpdated(topic: string, config: LogConfig): void {
    for (const l of this.logsByTopic(topic)) l.updateConfig(config);
  }

  /**
   * The partition's log, created when missing (in the log dir holding the fewest partitions) with
   * its directory, an empty first segment and an empty `leader-epoch-checkpoint`.
   */
  getOrCreateLog(tp: TopicPartition, config: LogConfig = this.config.defaultConfig): Log {
    const existing = this.getLog(tp);
    if (existing) return existing;
    const name = logDirName(tp);
    let logDir: string | undefined;
    for (const dir of this.nextLogDirs()) {
      try {
        fs.mkdirSync(path.join(dir, name), { recursive: true });
        logDir = path.join(dir, name);
        break;
      } catch (err) {
        log.warn(`Error while creating log for ${name} in dir ${dir}`, err);
      }
    }
    if (!logDir) {
      throw new KafkaError(
        ErrorCode.KAFKA_STORAGE_ERROR,
        `No log directories available. Tried ${this.dirs.join(', ')}`,
      );
    }
    const created = Log.load({
      dir: logDir,
      config,
      logStartOffset: 0n,
      recoveryPoint: 0n,
      clock: this.deps.clock,
      scheduler: this.deps.scheduler,
      hadCleanShutdown: true,
    });
    this.logs.set(tpKey(tp), created);
    log.info(
      `Created log for partition ${tpKey(tp)} in ${logDir} with properties ${overriddenConfigsAsLoggableString(config)}`,
    );
    return created;
  }

  /** Log dirs ordered by how many partitions they hold, fewest first. */
  private nextLogDirs(): string[] {
    if (this.dirs.length === 1) return [...this.dirs];
    const counts = new Map(this.dirs.map((d) => [d, 0]));
    for (const l of this.logs.values()) {
      const parent = path.resolve(l.parentDir);
      counts.set(parent, (counts.get(parent) ?? 0) + 1);
    }
    return [...this.dirs].sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0));
  }

  /**
   * Removes the partition's log: closes it, renames its directory `<topic>-<p>.<uuid>-delete`,
   * rewrites the dir's checkpoints and deletes the directory after file.delete.delay.ms.
   */
  deleteLog(tp: TopicPartition): Log | undefined {
    const key = tpKey(tp);
    const removed = this.logs.get(key);
    if (!removed) return undefined;
    this.logs.delete(key);
    removed.closeHandlers();
    removed.renameDir(logDeleteDirName(tp, randomUUID().replaceAll('-', '')));
    const dir = path.resolve(removed.parentDir);
    this.checkpointRecoveryOffsetsInDir(dir);
    this.checkpointLogStartOffsetsInDir(dir);
    this.scheduleDirDeletion(tp, removed.dir, removed.config.fileDeleteDelayMs);
    log.info(
      `Log for partition ${key} is renamed to ${path.resolve(removed.dir)} and is scheduled for deletion`,
    );
    return removed;
  }

  private scheduleDirDeletion(
    tp: TopicPartition,
    dir: string,
    delayMs = this.config.defaultConfig.fileDeleteDelayMs,
  ): void {
    const task = this.deps.scheduler.schedule(Math.min(delayMs, MAX_TIMER_MS), () => {
      try {
        fs.rmSync(dir, { recursive: true, force: true });
        log.info(`Deleted log for partition ${tpKey(tp)} in ${path.resolve(dir)}.`);
      } catch (err) {
        log.error(`Exception while deleting ${dir}.`, err);
      }
    });
    this.tasks.push(task);
  }

  /** Truncates the partition's log (a follower diverged) and checkpoints its dir's recovery points. */
  truncateTo(tp: TopicPartition, offset: bigint): boolean {
    const l = this.getLog(tp);
    if (!l) return false;
    const truncated = l.truncateTo(offset);
    if (truncated) this.checkpointRecoveryOffsetsInDir(path.resolve(l.parentDir));
    return truncated;
  }

  /** Empties the partition's log to start at `offset`, then checkpoints its dir. */
  truncateFullyAndStartAt(tp: TopicPartition, offset: bigint): void {
    const l = this.getLog(tp);
    if (!l) return;
    l.truncateFullyAndStartAt(offset);
    this.checkpointRecoveryOffsetsInDir(path.resolve(l.parentDir));
    this.checkpointLogStartOffsetsInDir(path.resolve(l.parentDir));
  }

  /** The retention task: deletes expired segments of every log; returns how many. */
  cleanupLogs(): number {
    log.debug('Beginning log cleanup...');
    const start = this.deps.clock.now();
    let total = 0;
    for (const l of this.logs.values()) {
      log.debug(`Garbage collecting '${l.dir.split(path.sep).pop() ?? ''}'`);
      total += l.deleteOldSegments();
    }
    log.debug(
      `Log cleanup completed. ${total} files deleted in ${(this.deps.clock.now() - start) / 1000} seconds`,
    );
    return total;
  }

  /** The flush.ms task: flushes (in the background) every log whose last flush is older than its flush.ms. */
  flushDirtyLogs(): void {
    log.debug('Checking for dirty logs to flush...');
    for (const [key, l] of this.logs) {
      const sinceLastFlush = this.deps.clock.now() - l.lastFlushTime;
      if (sinceLastFlush >= l.config.flushMs) {
        l.flushAsync().catch((err: unknown) => log.error(`Error flushing topic ${key}`, err));
      }
    }
  }

  private logsInDir(dir: string): Log[] {
    return this.allLogs().filter((l) => path.resolve(l.parentDir) === dir);
  }

  /**
   * Writes a checkpoint of `dir`: synchronously where the caller relies on it being on disk when
   * it returns (truncation, deletion, shutdown), asynchronously for the periodic tasks, whose
   * fsyncs would otherwise stall every connection.
   */
  private writeCheckpoint(
    dir: string,
    name: string,
    entries: OffsetCheckpointEntry[],
    what: string,
    mode: CheckpointMode,
  ): void {
    if (mode === 'sync') {
      writeOffsetCheckpoint(dir, name, entries, what, log);
    } else {
      void writeOffsetCheckpointAsync(dir, name, entries, what, log);
    }
  }

  private checkpointRecoveryOffsetsInDir(dir: string, mode: CheckpointMode = 'sync'): void {
    const entries = this.logsInDir(dir).map((l) => ({
      topicPartition: l.topicPartition,
      offset: l.recoveryPoint,
    }));
    this.writeCheckpoint(dir, RECOVERY_POINT_CHECKPOINT_FILE, entries, 'recovery offsets', mode);
  }

  private checkpointLogStartOffsetsInDir(dir: string, mode: CheckpointMode = 'sync'): void {
    const entries = this.logsInDir(dir)
      .filter((l) => l.logStartOffset > l.segments.first.baseOffset)
      .map((l) => ({ topicPartition: l.topicPartition, offset: l.logStartOffset }));
    this.writeCheckpoint(dir, LOG_START_OFFSET_CHECKPOINT_FILE, entries, 'log start offsets', mode);
  }

  /** Writes every log's recovery point to `recovery-point-offset-checkpoint` in its dir. */
  checkpointLogRecoveryOffsets(mode: CheckpointMode = 'sync'): void {
    for (const dir of this.dirs) this.checkpointRecoveryOffsetsInDir(dir, mode);
  }

  /** Writes log start offsets above the first segment's base to `log-start-offset-checkpoint`. */
  checkpointLogStartOffsets(mode: CheckpointMode = 'sync'): void {
    for (const dir of this.dirs) this.checkpointLogStartOffsetsInDir(dir, mode);
  }

  private checkpointHighWatermarksInDir(dir: string, mode: CheckpointMode = 'sync'): void {
    const entries = this.logsInDir(dir).map((l) => ({
      topicPartition: l.topicPartition,
      offset: l.highWatermark,
    }));
    this.writeCheckpoint(dir, REPLICATION_OFFSET_CHECKPOINT_FILE, entries, 'high watermark', mode);
  }

  /** Writes every log's high watermark to `replication-offset-checkpoint` in its dir. */
  checkpointHighWatermarks(mode: CheckpointMode = 'sync'): void {
    for (const dir of this.dirs) this.checkpointHighWatermarksInDir(dir, mode);
  }

  /** Resolves once the periodic tasks' checkpoint writes that have started are on disk. */
  async checkpointsWritten(): Promise<void> {
    await asyncCheckpointWritesDone();
  }

  /** Flushes and closes every log, writes the checkpoints and `.kafka_cleanshutdown` in each dir. */
  async shutdown(): Promise<void> {
    if (this.state !== 'started') {
      this.state = 'stopped';
      return;
    }
    this.state = 'stopped';
    log.info('Shutting down.');
    for (const t of this.tasks) t.cancel();
    this.tasks = [];
    await asyncCheckpointWritesDone();
    for (const dir of this.dirs) {
      log.debug(`Flushing and closing logs at ${dir}`);
      let failed = false;
      for (const l of this.logsInDir(dir)) {
        try {
          l.flush();
          l.close();
        } catch (err) {
          failed = true;
          log.warn(`There was an error in one of the threads during LogManager shutdown: ${String(err)}`);
        }
      }
      if (failed) continue;
      log.debug(`Updating recovery points at ${dir}`);
      this.checkpointRecoveryOffsetsInDir(dir);
      log.debug(`Updating log start offsets at ${dir}`);
      this.checkpointLogStartOffsetsInDir(dir);
      if (this.config.highWatermarkCheckpointMs !== undefined) this.checkpointHighWatermarksInDir(dir);
      log.debug(`Writing clean shutdown marker at ${dir}`);
      fs.writeFileSync(path.join(dir, CLEAN_SHUTDOWN_FILE), '');
      fsyncDirectory(dir);
    }
    this.logs.clear();
    log.info('Shutdown complete.');
    await Promise.resolve();
  }
}
