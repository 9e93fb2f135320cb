import fs from 'node:fs';
import path from 'node:path';
import { MockTime } from '../../../src/common/clock';
import { readBatchHeader } from '../../../src/protocol/record-batch';
import { LONG_MAX } from '../../../src/storage/log-config';
import { LogManager, type LogManagerConfig } from '../../../src/storage/log-manager';
import { batch, config, quietLogs, readAll, tmpDir } from './helpers';

quietLogs();

const pad = (n: bigint): string => n.toString().padStart(20, '0');
const tp = (topic: string, partition: number): { topic: string; partition: number } => ({ topic, partition });

function managerConfig(dirs: string[], overrides: Partial<LogManagerConfig> = {}): LogManagerConfig {
  return {
    logDirs: dirs,
    defaultConfig: config({ segmentBytes: 2000 }),
    retentionCheckMs: 300_000,
    flushCheckMs: LONG_MAX,
    flushRecoveryOffsetCheckpointMs: 60_000,
    flushStartOffsetCheckpointMs: 60_000,
    highWatermarkCheckpointMs: 5000,
    ...overrides,
  };
}

async function started(
  dirs: string[],
  time = new MockTime(),
  overrides: Partial<LogManagerConfig> = {},
): Promise<LogManager> {
  const m = new LogManager(managerConfig(dirs, overrides), { clock: time, scheduler: time });
  await m.startup();
  return m;
}

describe('LogManager', () => {
  let root: string;
  let dirs: string[];
  beforeEach(() => {
    root = tmpDir('logmanager-');
    dirs = [path.join(root, 'a'), path.join(root, 'b')];
  });

  it('creates its dirs and checkpoint files, and new logs in the dir with the fewest partitions', async () => {
    const m = await started(dirs);
    for (const d of dirs) {
      expect(fs.readFileSync(path.join(d, 'recovery-point-offset-checkpoint'), 'utf8')).toBe('');
      expect(fs.existsSync(path.join(d, 'log-start-offset-checkpoint'))).toBe(true);
    }
    const l0 = m.getOrCreateLog(tp('t', 0));
    const l1 = m.getOrCreateLog(tp('t', 1));
    const l2 = m.getOrCreateLog(tp('t', 2));
    expect(m.getOrCreateLog(tp('t', 0))).toBe(l0);
    expect([l0, l1, l2].map((l) => path.basename(l.parentDir))).toEqual(['a', 'b', 'a']);
    const dir = path.join(dirs[0] as string, 't-0');
    expect(fs.readdirSync(dir).sort()).toEqual([
      '00000000000000000000.index',
      '00000000000000000000.log',
      '00000000000000000000.timeindex',
      'leader-epoch-checkpoint',
    ]);
    expect(fs.statSync(path.join(dir, '00000000000000000000.index')).size).toBe(10485760);
    expect(fs.statSync(path.join(dir, '00000000000000000000.log')).size).toBe(0);
    await m.shutdown();
  });

  it('shutdown flushes, checkpoints and writes .kafka_cleanshutdown; the next start skips recovery', async () => {
    const m = await started(dirs);
    const log = m.getOrCreateLog(tp('t', 0));
    for (let i = 0; i < 30; i++) log.appendAsLeader(batch({ records: 2, valueSize: 50 }), 0);
    log.updateHighWatermark(50n);
    await m.shutdown();
    const a = dirs[0] as string;
    expect(fs.existsSync(path.join(a, '.kafka_cleanshutdown'))).toBe(true);
    expect(fs.readFileSync(path.join(a, 'recovery-point-offset-checkpoint'), 'utf8')).toBe('0\n1\nt 0 60\n');
    expect(fs.readFileSync(path.join(a, 'replication-offset-checkpoint'), 'utf8')).toBe('0\n1\nt 0 50\n');
    expect(fs.readFileSync(path.join(a, 'log-start-offset-checkpoint'), 'utf8')).toBe('0\n0\n');
    // Corrupt the last batch: a clean start does not re-validate, so it stays.
    const active = path.join(a, 't-0', `${pad(log.activeSegment.baseOffset)}.log`);
    const fd = fs.openSync(active, 'r+');
    fs.writeSync(fd, Buffer.from([0x42]), 0, 1, fs.statSync(active).size - 3);
    fs.closeSync(fd);
    const again = await started(dirs);
    expect(fs.existsSync(path.join(a, '.kafka_cleanshutdown'))).toBe(false);
    const reloaded = again.getLog(tp('t', 0));
    expect(reloaded?.logEndOffset).toBe(60n);
    expect(reloaded?.highWatermark).toBe(50n);
    expect(reloaded?.recoveryPoint).toBe(60n);
    // Killed now (no shutdown): the next start recovers and drops the corrupt batch.
    const third = await started(dirs);
    expect(third.getLog(tp('t', 0))?.logEndOffset).toBe(58n);
    await third.shutdown();
  });

  it('recovers logs after a kill: torn tail truncated, offsets continue', async () => {
    const m = await started(dirs);
    const logs = [m.getOrCreateLog(tp('x', 0)), m.getOrCreateLog(tp('x', 1))];
    for (const l of logs)
      for (let i = 0; i < 25; i++) l.appendAsLeader(batch({ records: 3, valueSize: 30 }), 0);
    const x0 = logs[0];
    if (!x0) throw new Error('no log');
    const tail = path.join(x0.dir, `${pad(x0.activeSegment.baseOffset)}.log`);
    fs.appendFileSync(tail, batch({ records: 5 }).subarray(0, 40));
    const after = await started(dirs);
    const r0 = after.getLog(tp('x', 0));
    expect(r0?.logEndOffset).toBe(75n);
    expect(after.getLog(tp('x', 1))?.logEndOffset).toBe(75n);
    expect(r0 && readAll(r0).map((b) => readBatchHeader(b).baseOffset)).toEqual(
      Array.from({ length: 25 }, (_, i) => BigInt(i * 3)),
    );
    expect(r0?.appendAsLeader(batch(), 1).firstOffset).toBe(75n);
    await after.shutdown();
  });

  it('runs retention and checkpoint tasks on the scheduler', async () => {
    const time = new MockTime(10_000_000);
    const m = await started(dirs, time);
    const log = m.getOrCreateLog(tp('r', 0), config({ segmentBytes: 500, retentionMs: 60_000 }));
    for (let i = 0; i < 10; i++) log.appendAsLeader(batch({ valueSize: 150, baseTimestamp: 10_000_000n }), 0);
    log.updateHighWatermark(log.logEndOffset);
    const segments = log.numberOfSegments;
    time.advance(30_000);
    await m.checkpointsWritten();
    const a = path.join(dirs[0] as string);
    expect(fs.readFileSync(path.join(a, 'replication-offset-checkpoint'), 'utf8')).toBe('0\n1\nr 0 10\n');
    expect(fs.readFileSync(path.join(a, 'recovery-point-offset-checkpoint'), 'utf8')).toMatch(
      /^0\n1\nr 0 \d+\n$/,
    );
    expect(log.numberOfSegments).toBe(segments);
    time.advance(300_000);
    expect(log.numberOfSegments).toBe(1);
    expect(log.logStartOffset).toBe(10n);
    time.advance(60_000);
    await m.checkpointsWritten();
    expect(fs.readFileSync(path.join(a, 'log-start-offset-checkpoint'), 'utf8')).toBe('0\n0\n');
    await m.shutdown();
  });

  it('deleteLog renames the dir <t>-<p>.<uuid>-delete and removes it after file.delete.delay.ms', async () => {
    const time = new MockTime();
    const m = await started(dirs, time);
    m.getOrCreateLog(tp('gone', 3)).appendAsLeader(batch(), 0);
    const removed = m.deleteLog(tp('gone', 3));
    expect(m.getLog(tp('gone', 3))).toBeUndefined();
    expect(path.basename(removed?.dir ?? '')).toMatch(/^gone-3\.[0-9a-f]{32}-delete$/);
    expect(fs.existsSync(removed?.dir ?? '')).toBe(true);
    time.advance(60_000);
    expect(fs.existsSync(removed?.dir ?? '')).toBe(false);
    // A leftover -delete dir from an earlier run is not loaded, and removed later.
    const leftover = path.join(dirs[1] as string, 'old-0.0123456789abcdef0123456789abcdef-delete');
    fs.mkdirSync(leftover);
    await m.shutdown();
    const time2 = new MockTime();
    const m2 = await started(dirs, time2);
    expect(m2.allLogs()).toHaveLength(0);
    time2.advance(60_000);
    expect(fs.existsSync(leftover)).toBe(false);
    await m2.shutdown();
  });

  it('fails on a directory that is not a partition, as Kafka does', async () => {
    fs.mkdirSync(path.join(dirs[0] as string, 'not_a_partition'), { recursive: true });
    const m = new LogManager(managerConfig(dirs), { clock: new MockTime(), scheduler: new MockTime() });
    await expect(m.startup()).rejects.toThrow(/is not in the form of topic-partition/);
  });
});
