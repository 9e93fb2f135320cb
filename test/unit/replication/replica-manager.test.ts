import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockTime } from '../../../src/common/clock';
import { ErrorCode, buildRecordBatch } from '../../../src/protocol';
import type { IsrChangeSink, Partition } from '../../../src/replication/partition';
import { ReplicaManager } from '../../../src/replication/replica-manager';
import { DEFAULT_LOG_CONFIG, LogManager } from '../../../src/storage';

class RecordingIsrSink implements IsrChangeSink {
  readonly changes: { partition: string; isr: number[] }[] = [];
  async updateIsr(p: Partition, isr: number[]): Promise<number | null> {
    this.changes.push({ partition: p.name, isr });
    return p.zkVersion + 1;
  }
}

async function setup(): Promise<{
  rm: ReplicaManager;
  time: MockTime;
  sink: RecordingIsrSink;
  logManager: LogManager;
  dir: string;
}> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rm-'));
  const time = new MockTime(1_700_000_000_000);
  const logManager = new LogManager(
    {
      logDirs: [dir],
      defaultConfig: DEFAULT_LOG_CONFIG,
      retentionCheckMs: 300_000,
      flushCheckMs: 60_000,
      flushRecoveryOffsetCheckpointMs: 60_000,
      flushStartOffsetCheckpointMs: 60_000,
    },
    { clock: time, scheduler: time },
  );
  await logManager.startup();
  const sink = new RecordingIsrSink();
  const rm = new ReplicaManager({
    brokerId: 0,
    logManager,
    clock: time,
    scheduler: time,
    isrSink: sink,
    topicLogConfig: async () => DEFAULT_LOG_CONFIG,
    replicaLagTimeMaxMs: 30_000,
  });
  rm.startup();
  return { rm, time, sink, logManager, dir };
}

const state = (over: Partial<Parameters<ReplicaManager['becomeLeaderOrFollower']>[3][number]> = {}) => ({
  topic: 't',
  topicId: null,
  partition: 0,
  controllerEpoch: 1,
  leader: 0,
  leaderEpoch: 0,
  isr: [0],
  zkVersion: 0,
  replicas: [0],
  isNew: true,
  ...over,
});

const batch = (n: number): Buffer =>
  buildRecordBatch({
    baseTimestamp: 1_700_000_000_000n,
    records: Array.from({ length: n }, (_, i) => ({ key: null, value: Buffer.from(`v${i}`) })),
  });

describe('ReplicaManager', () => {
  it('becomes leader, creates the log, and a single-replica append moves the high watermark', async () => {
    const { rm, dir } = await setup();
    const r = await rm.becomeLeaderOrFollower(1, 1, 1, [state()]);
    expect(r.partitionErrors).toEqual([{ topic: 't', partition: 0, errorCode: ErrorCode.NONE }]);
    expect(fs.existsSync(path.join(dir, 't-0', '00000000000000000000.log'))).toBe(true);
    const p = rm.getPartition({ topic: 't', partition: 0 });
    const info = p?.appendRecordsToLeader(batch(3), 1, 1, {
      timestampType: 'CreateTime',
      maxMessageBytes: 1_000_000,
    });
    expect(info?.firstOffset).toBe(0n);
    expect(info?.lastOffset).toBe(2n);
    expect(p?.highWatermark).toBe(3n);
  });

  it('refuses an older controller epoch and ignores a leader epoch that is not newer', async () => {
    const { rm } = await setup();
    await rm.becomeLeaderOrFollower(1, 2, 1, [state({ leaderEpoch: 3 })]);
    expect((await rm.becomeLeaderOrFollower(1, 1, 2, [state({ leaderEpoch: 9 })])).errorCode).toBe(
      ErrorCode.STALE_CONTROLLER_EPOCH,
    );
    const same = await rm.becomeLeaderOrFollower(1, 2, 3, [
      state({ leaderEpoch: 3, leader: 1, replicas: [0, 1] }),
    ]);
    expect(same.partitionErrors[0]?.errorCode).toBe(ErrorCode.STALE_CONTROLLER_EPOCH);
    expect(rm.isLeader({ topic: 't', partition: 0 })).toBe(true);
    await rm.becomeLeaderOrFollower(1, 2, 4, [state({ leaderEpoch: 4, leader: 1, replicas: [0, 1] })]);
    expect(rm.isLeader({ topic: 't', partition: 0 })).toBe(false);
  });

  it('never turns an illegal topic name into a directory', async () => {
    const { rm, dir } = await setup();
    const r = await rm.becomeLeaderOrFollower(1, 1, 1, [state({ topic: '../../etc' })]);
    expect(r.partitionErrors[0]?.errorCode).toBe(ErrorCode.INVALID_TOPIC_EXCEPTION);
    expect(fs.readdirSync(dir).filter((d) => d.includes('etc'))).toEqual([]);
  });

  it('StopReplica with delete removes the partition and its log', async () => {
    const { rm, logManager } = await setup();
    await rm.becomeLeaderOrFollower(1, 1, 1, [state()]);
    rm.stopReplicas(1, 1, [{ topic: 't', partition: 0, deletePartition: true }]);
    expect(rm.getPartition({ topic: 't', partition: 0 })).toBeUndefined();
    expect(logManager.getLog({ topic: 't', partition: 0 })).toBeUndefined();
  });

  it('with followers, the high watermark follows the slowest ISR member and acks=all waits for it', async () => {
    const { rm } = await setup();
    await rm.becomeLeaderOrFollower(1, 1, 1, [state({ isr: [0, 1, 2], replicas: [0, 1, 2] })]);
    const p = rm.getPartition({ topic: 't', partition: 0 });
    if (!p) throw new Error('no partition');
    p.appendRecordsToLeader(batch(5), -1, 2, { timestampType: 'CreateTime', maxMessageBytes: 1_000_000 });
    expect(p.highWatermark).toBe(0n);
    expect(p.checkEnoughReplicasReachOffset(5n, 2)).toEqual({ done: false, error: ErrorCode.NONE });
    p.updateFollowerFetchState(1, 5n, 5n);
    expect(p.highWatermark).toBe(0n);
    p.updateFollowerFetchState(2, 3n, 5n);
    expect(p.highWatermark).toBe(3n);
    p.updateFollowerFetchState(2, 5n, 5n);
    expect(p.highWatermark).toBe(5n);
    expect(p.checkEnoughReplicasReachOffset(5n, 2)).toEqual({ done: true, error: ErrorCode.NONE });
  });

  it('acks=all is refused before the append when the ISR is below min.insync.replicas', async () => {
    const { rm } = await setup();
    await rm.becomeLeaderOrFollower(1, 1, 1, [state({ isr: [0], replicas: [0, 1] })]);
    const p = rm.getPartition({ topic: 't', partition: 0 });
    expect(() =>
      p?.appendRecordsToLeader(batch(1), -1, 2, { timestampType: 'CreateTime', maxMessageBytes: 1_000_000 }),
    ).toThrow(expect.objectContaining({ code: ErrorCode.NOT_ENOUGH_REPLICAS }));
    expect(p?.localLog.logEndOffset).toBe(0n);
  });

  it('shrinks the ISR after replica.lag.time.max.ms and expands it when the follower catches up', async () => {
    const { rm, time, sink } = await setup();
    await rm.becomeLeaderOrFollower(1, 1, 1, [state({ isr: [0, 1], replicas: [0, 1] })]);
    const p = rm.getPartition({ topic: 't', partition: 0 });
    if (!p) throw new Error('no partition');
    p.appendRecordsToLeader(batch(2), 1, 1, { timestampType: 'CreateTime', maxMessageBytes: 1_000_000 });
    time.advance(45_000);
    await new Promise((r) => setImmediate(r));
    expect(sink.changes).toEqual([{ partition: 't-0', isr: [0] }]);
    expect(p.isr).toEqual([0]);
    expect(p.highWatermark).toBe(2n);
    p.updateFollowerFetchState(1, 2n, 2n);
    await new Promise((r) => setImmediate(r));
    expect(sink.changes[1]).toEqual({ partition: 't-0', isr: [0, 1] });
    expect(p.isr).toEqual([0, 1]);
  });
});

describe('partition.metadata', () => {
  it('is written with the topic id from LeaderAndIsr, as Kafka 2.8 does', async () => {
    const { rm, dir } = await setup();
    await rm.becomeLeaderOrFollower(1, 1, 1, [state({ topicId: 'IW0XL0R4FWqVT2jXAakQ2Q' })]);
    expect(fs.readFileSync(path.join(dir, 't-0', 'partition.metadata'), 'utf8')).toBe(
      'version: 0\ntopic_id: IW0XL0R4FWqVT2jXAakQ2Q\n',
    );
  });

  it('is not written without a topic id', async () => {
    const { rm, dir } = await setup();
    await rm.becomeLeaderOrFollower(1, 1, 1, [state({ topicId: 'AAAAAAAAAAAAAAAAAAAAAA' })]);
    expect(fs.existsSync(path.join(dir, 't-0', 'partition.metadata'))).toBe(false);
  });
});

describe('checkCurrentLeaderEpoch', () => {
  it.each([
    [-1, ErrorCode.NONE],
    [3, ErrorCode.NONE],
    [2, ErrorCode.FENCED_LEADER_EPOCH],
    [4, ErrorCode.UNKNOWN_LEADER_EPOCH],
  ])('a client expecting epoch %i of a leader at epoch 3 gets %i', async (expected, code) => {
    const { rm } = await setup();
    await rm.becomeLeaderOrFollower(1, 1, 1, [state({ leaderEpoch: 3 })]);
    expect(rm.getPartition({ topic: 't', partition: 0 })?.checkCurrentLeaderEpoch(expected)).toBe(code);
  });
});
