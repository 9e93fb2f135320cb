/** Shared fixtures for the storage tests: temp dirs, batches, configs, logs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockTime } from '../../../src/common/clock';
import { configureLogging } from '../../../src/common/logger';
import { splitBatches, readBatchHeader } from '../../../src/protocol/record-batch';
import { buildRecordBatch } from '../../../src/protocol/records';
import { Log } from '../../../src/storage/log';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../../../src/storage/log-config';

/** Storage logs INFO a lot (rolls, deletions); keep test output quiet. */
export function quietLogs(): void {
  configureLogging({ console: false });
}

export function tmpDir(prefix = 'storage-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function config(overrides: Partial<LogConfig> = {}): LogConfig {
  return { ...DEFAULT_LOG_CONFIG, ...overrides };
}

export interface BatchOptions {
  records?: number;
  valueSize?: number;
  baseTimestamp?: bigint;
  /** Delta between consecutive records' timestamps. */
  timestampStep?: number;
  baseOffset?: bigint;
  partitionLeaderEpoch?: number;
}

/** An uncompressed batch of `records` records with `valueSize`-byte values (as a producer sends it). */
export function batch(o: BatchOptions = {}): Buffer {
  const n = o.records ?? 1;
  const step = o.timestampStep ?? 0;
  return buildRecordBatch({
    baseOffset: o.baseOffset ?? 0n,
    partitionLeaderEpoch: o.partitionLeaderEpoch ?? -1,
    baseTimestamp: o.baseTimestamp ?? 1_600_000_000_000n,
    records: Array.from({ length: n }, (_, i) => ({
      key: `k${i}`,
      value: Buffer.alloc(o.valueSize ?? 10, i % 256),
      timestampDelta: BigInt(i * step),
    })),
  });
}

export interface OpenOptions {
  time?: MockTime;
  clean?: boolean;
  logStartOffset?: bigint;
  recoveryPoint?: bigint;
}

/** Loads (or creates) the log in `<root>/<name>`. */
export function openLog(root: string, cfg: LogConfig, o: OpenOptions = {}, name = 'topic-0'): Log {
  const time = o.time ?? new MockTime();
  return Log.load({
    dir: path.join(root, name),
    config: cfg,
    logStartOffset: o.logStartOffset ?? 0n,
    recoveryPoint: o.recoveryPoint ?? 0n,
    clock: time,
    scheduler: time,
    hadCleanShutdown: o.clean ?? true,
  });
}

/** Base and last offsets of the complete batches in `records`. */
export function batchOffsets(records: Buffer): { base: bigint; last: bigint }[] {
  return splitBatches(records).batches.map((b) => {
    const h = readBatchHeader(records, b.position);
    return { base: h.baseOffset, last: h.lastOffset };
  });
}

/** Every complete batch of the whole log, read from its start with no size limit. */
export function readAll(log: Log): Buffer[] {
  const out: Buffer[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const { records } = log.read(offset, 1 << 30, log.logEndOffset, true);
    const { batches } = splitBatches(records);
    if (batches.length === 0) break;
    for (const b of batches) out.push(records.subarray(b.position, b.position + b.size));
    const last = batches[batches.length - 1];
    if (!last) break;
    offset = readBatchHeader(records, last.position).lastOffset + 1n;
  }
  return out;
}

export function segmentFiles(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}
