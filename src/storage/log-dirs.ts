/**
 * The per-log-dir work of LogManager: creating and checking the `log.dirs` entries, reading their
 * checkpoint files, loading every partition directory of one dir (with recovery after an unclean
 * shutdown), and writing offset checkpoints. Plain synchronous functions; LogManager owns the state.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Clock, Scheduler } from '../common/clock';
import type { Logger } from '../common/logger';
import {
  CLEAN_SHUTDOWN_FILE,
  LOG_START_OFFSET_CHECKPOINT_FILE,
  OffsetCheckpointFile,
  RECOVERY_POINT_CHECKPOINT_FILE,
  REPLICATION_OFFSET_CHECKPOINT_FILE,
  type OffsetCheckpointEntry,
} from './checkpoints';
import { Log } from './log';
import type { LogConfig } from './log-config';
import {
  DELETE_DIR_SUFFIX,
  FUTURE_DIR_SUFFIX,
  parseTopicPartitionName,
  tpKey,
  type TopicPartition,
} from './topic-partition';

/** Creates missing log dirs (Kafka logs each) and rejects duplicates and non-directories. */
export function createAndValidateLogDirs(dirs: readonly string[], log: Logger): void {
  const seen = new Set<string>();
  for (const dir of dirs) {
    if (seen.has(dir)) throw new Error(`Duplicate log directory found: ${dirs.join(', ')}`);
    seen.add(dir);
    if (!fs.existsSync(dir)) {
      log.info(`Log directory ${dir} not found, creating it.`);
      fs.mkdirSync(dir, { recursive: true });
    }
    if (!fs.statSync(dir).isDirectory()) throw new Error(`${dir} is not a readable log directory.`);
  }
}

/** Reads an offset checkpoint of `dir` (creating it empty if missing); a bad file reads as empty, with a WARN. */
export function readOffsetCheckpoint(
  dir: string,
  name: string,
  onError: string,
  log: Logger,
): Map<string, bigint> {
  const file = new OffsetCheckpointFile(path.join(dir, name));
  try {
    file.ensureExists();
    return file.read();
  } catch (err) {
    log.warn(`Error occurred while reading ${name} file of directory ${dir}, ${onError}`, err);
    return new Map();
  }
}

/** Writes an offset checkpoint of `dir`; a failure is logged as Kafka does, not thrown. */
export function writeOffsetCheckpoint(
  dir: string,
  name: string,
  entries: OffsetCheckpointEntry[],
  what: string,
  log: Logger,
): void {
  try {
    new OffsetCheckpointFile(path.join(dir, name)).write(entries);
  } catch (err) {
    log.error(`Disk error while writing ${what} checkpoint in directory ${dir}: ${(err as Error).message}`);
  }
}

/** {@link writeOffsetCheckpoint} off the event loop, for the periodic checkpoint tasks. */
export async function writeOffsetCheckpointAsync(
  dir: string,
  name: string,
  entries: OffsetCheckpointEntry[],
  what: string,
  log: Logger,
): Promise<void> {
  try {
    await new OffsetCheckpointFile(path.join(dir, name)).writeAsync(entries);
  } catch (err) {
    log.error(`Disk error while writing ${what} checkpoint in directory ${dir}: ${(err as Error).message}`);
  }
}

export interface LoadLogDirParams {
  readonly defaultConfig: LogConfig;
  readonly topicConfigOverrides: ReadonlyMap<string, LogConfig>;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
}

export interface LoadedLogDir {
  readonly logs: Log[];
  /** `*-delete` directories left by an earlier deletion, to remove later. */
  readonly deleteDirs: { topicPartition: TopicPartition; dir: string }[];
  /** Partition directories found (Kafka's count for `Loaded N logs`). */
  readonly logCount: number;
}

/**
 * Loads every `<topic>-<partition>` directory of one log dir. Consumes `.kafka_cleanshutdown`
 * (recovery is skipped when it was there), applies the checkpointed recovery points, log start
 * offsets and high watermarks. A directory that is not a partition name fails, as in Kafka.
 */
export function loadLogDir(dir: string, p: LoadLogDirParams, log: Logger): LoadedLogDir {
  const marker = path.join(dir, CLEAN_SHUTDOWN_FILE);
  const hadCleanShutdown = fs.existsSync(marker);
  if (hadCleanShutdown) {
    log.info(`Skipping recovery for all logs in ${dir} since clean shutdown file was found`);
    fs.rmSync(marker, { force: true });
  } else {
    log.info(`Attempting recovery for all logs in ${dir} since no clean shutdown file was found`);
  }
  const recoveryPoints = readOffsetCheckpoint(
    dir,
    RECOVERY_POINT_CHECKPOINT_FILE,
    'resetting the recovery checkpoint to 0',
    log,
  );
  const startOffsets = readOffsetCheckpoint(
    dir,
    LOG_START_OFFSET_CHECKPOINT_FILE,
    'resetting to the base offset of the first segment',
    log,
  );
  const highWatermarks = readOffsetCheckpoint(
    dir,
    REPLICATION_OFFSET_CHECKPOINT_FILE,
    'ignoring the high watermarks',
    log,
  );
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const logs: Log[] = [];
  const deleteDirs: { topicPartition: TopicPartition; dir: string }[] = [];
  for (const name of names) {
    const logDir = path.join(dir, name);
    const tp = parseTopicPartitionName(name, logDir);
    if (name.endsWith(DELETE_DIR_SUFFIX)) {
      deleteDirs.push({ topicPartition: tp, dir: logDir });
      continue;
    }
    if (name.endsWith(FUTURE_DIR_SUFFIX)) {
      log.warn(`Ignoring future log ${logDir}: moving replicas between log dirs is not supported`);
      continue;
    }
    const key = tpKey(tp);
    const start = p.clock.monotonic();
    const loaded = Log.load({
      dir: logDir,
      config: p.topicConfigOverrides.get(tp.topic) ?? p.defaultConfig,
      logStartOffset: startOffsets.get(key) ?? 0n,
      recoveryPoint: recoveryPoints.get(key) ?? 0n,
      clock: p.clock,
      scheduler: p.scheduler,
      hadCleanShutdown,
    });
    const hw = highWatermarks.get(key);
    if (hw !== undefined) loaded.updateHighWatermark(hw);
    logs.push(loaded);
    log.info(
      `Completed load of ${loaded} with ${loaded.numberOfSegments} segments in ` +
        `${Math.round(p.clock.monotonic() - start)}ms (${logs.length}/${names.length} loaded in ${dir})`,
    );
  }
  return { logs, deleteDirs, logCount: names.length };
}
