import fs from 'node:fs';
import path from 'node:path';
import {
  LeaderEpochCheckpointFile,
  OffsetCheckpointFile,
  asyncCheckpointWritesDone,
  type EpochEntry,
  type LeaderEpochCheckpoint,
} from '../../../src/storage/checkpoints';
import { LeaderEpochFileCache } from '../../../src/storage/leader-epoch-cache';
import { batch, config, openLog, quietLogs, tmpDir } from './helpers';

quietLogs();

class MemoryCheckpoint implements LeaderEpochCheckpoint {
  entries: EpochEntry[] = [];
  writes = 0;
  write(epochs: Iterable<EpochEntry>): void {
    this.entries = [...epochs];
    this.writes++;
  }
  read(): EpochEntry[] {
    return this.entries;
  }
}

describe('offset checkpoint files', () => {
  it('are written in Kafka’s text format, atomically, and read back', () => {
    const dir = tmpDir();
    const file = new OffsetCheckpointFile(path.join(dir, 'recovery-point-offset-checkpoint'));
    file.write([
      { topicPartition: { topic: 'my-topic', partition: 0 }, offset: 42n },
      { topicPartition: { topic: 'my-topic', partition: 1 }, offset: 17n },
    ]);
    expect(fs.readFileSync(file.file, 'utf8')).toBe('0\n2\nmy-topic 0 42\nmy-topic 1 17\n');
    expect(fs.existsSync(`${file.file}.tmp`)).toBe(false);
    expect(file.read()).toEqual(
      new Map([
        ['my-topic-0', 42n],
        ['my-topic-1', 17n],
      ]),
    );
    file.write([]);
    expect(fs.readFileSync(file.file, 'utf8')).toBe('0\n0\n');
  });

  it('async writes keep the format, coalesce to the newest text and lose to a synchronous write', async () => {
    const dir = tmpDir();
    const file = new OffsetCheckpointFile(path.join(dir, 'replication-offset-checkpoint'));
    const at = (
      offset: bigint,
    ): { topicPartition: { topic: string; partition: number }; offset: bigint }[] => [
      { topicPartition: { topic: 't', partition: 0 }, offset },
    ];
    await file.writeAsync(at(1n));
    expect(fs.readFileSync(file.file, 'utf8')).toBe('0\n1\nt 0 1\n');

    // Three requests while the first is running: the last one is what ends up on disk.
    const writes = [file.writeAsync(at(2n)), file.writeAsync(at(3n)), file.writeAsync(at(4n))];
    await Promise.all(writes);
    expect(fs.readFileSync(file.file, 'utf8')).toBe('0\n1\nt 0 4\n');

    // A synchronous write (truncation, shutdown) while an async one runs: the sync text stays.
    const running = file.writeAsync(at(5n));
    file.write(at(6n));
    await running;
    await asyncCheckpointWritesDone();
    expect(fs.readFileSync(file.file, 'utf8')).toBe('0\n1\nt 0 6\n');
    expect(fs.existsSync(`${file.file}.tmp`)).toBe(false);
    expect(file.read()).toEqual(new Map([['t-0', 6n]]));
  });

  it('an empty or missing file reads as no entries; malformed files fail with Kafka’s messages', () => {
    const dir = tmpDir();
    const file = new OffsetCheckpointFile(path.join(dir, 'log-start-offset-checkpoint'));
    expect(file.read().size).toBe(0);
    file.ensureExists();
    expect(fs.readFileSync(file.file, 'utf8')).toBe('');
    expect(file.read().size).toBe(0);
    fs.writeFileSync(file.file, '0\n2\nt  0   5\n');
    expect(() => file.read()).toThrow('Expected 2 entries in checkpoint file');
    fs.writeFileSync(file.file, '0\n1\nt 0\n');
    expect(() => file.read()).toThrow('Malformed line in checkpoint file');
    fs.writeFileSync(file.file, '1\n0\n');
    expect(() => file.read()).toThrow('Unrecognized version of the checkpoint file');
    fs.writeFileSync(file.file, '0\n1\nt\t3 9\n');
    expect(file.read()).toEqual(new Map([['t-3', 9n]]));
  });
});

describe('leader epoch cache', () => {
  it('keeps the first offset of every epoch and writes leader-epoch-checkpoint exactly', () => {
    const root = tmpDir();
    const log = openLog(root, config());
    const file = path.join(root, 'topic-0', 'leader-epoch-checkpoint');
    expect(fs.readFileSync(file, 'utf8')).toBe('');
    log.appendAsLeader(batch({ records: 57 }), 0);
    log.appendAsLeader(batch(), 0);
    log.appendAsLeader(batch({ records: 2 }), 1);
    expect(fs.readFileSync(file, 'utf8')).toBe('0\n2\n0 0\n1 58\n');
    expect(LeaderEpochCheckpointFile.inDir(path.join(root, 'topic-0')).read()).toEqual([
      { epoch: 0, startOffset: 0n },
      { epoch: 1, startOffset: 58n },
    ]);
  });

  it('assign, endOffsetFor and truncation follow Kafka', () => {
    let leo = 100n;
    const cp = new MemoryCheckpoint();
    const cache = new LeaderEpochFileCache('t-0', () => leo, cp);
    cache.assign(1, 10n);
    cache.assign(1, 20n); // same epoch, later offset: no change
    cache.assign(3, 40n);
    cache.assign(5, 60n);
    expect(cp.writes).toBe(3);
    expect(cache.endOffsetFor(5)).toEqual({ epoch: 5, endOffset: 100n });
    expect(cache.endOffsetFor(3)).toEqual({ epoch: 3, endOffset: 60n });
    expect(cache.endOffsetFor(4)).toEqual({ epoch: 3, endOffset: 60n });
    expect(cache.endOffsetFor(0)).toEqual({ epoch: 0, endOffset: 10n });
    expect(cache.endOffsetFor(6)).toEqual({ epoch: -1, endOffset: -1n });
    expect(cache.endOffsetFor(-1)).toEqual({ epoch: -1, endOffset: -1n });
    // A new epoch at an older offset drops the conflicting entries.
    cache.assign(6, 50n);
    expect(cache.epochEntries()).toEqual([
      { epoch: 1, startOffset: 10n },
      { epoch: 3, startOffset: 40n },
      { epoch: 6, startOffset: 50n },
    ]);
    cache.truncateFromEnd(45n);
    expect(cache.latestEpoch).toBe(3);
    cache.truncateFromStart(30n);
    expect(cache.epochEntries()).toEqual([
      { epoch: 1, startOffset: 30n },
      { epoch: 3, startOffset: 40n },
    ]);
    leo = 45n;
    expect(cache.endOffsetFor(3)).toEqual({ epoch: 3, endOffset: 45n });
    expect(cp.entries).toEqual(cache.epochEntries());
    cache.clearAndFlush();
    expect(cp.entries).toEqual([]);
  });

  it('a loaded log drops epochs starting beyond its end (a lost tail)', () => {
    const root = tmpDir();
    const log = openLog(root, config());
    log.appendAsLeader(batch({ records: 5 }), 0);
    log.flush();
    log.close();
    fs.writeFileSync(path.join(root, 'topic-0', 'leader-epoch-checkpoint'), '0\n2\n0 0\n1 9\n');
    const reopened = openLog(root, config());
    expect(reopened.leaderEpochCache.epochEntries()).toEqual([{ epoch: 0, startOffset: 0n }]);
    expect(fs.readFileSync(path.join(root, 'topic-0', 'leader-epoch-checkpoint'), 'utf8')).toBe(
      '0\n1\n0 0\n',
    );
  });
});
