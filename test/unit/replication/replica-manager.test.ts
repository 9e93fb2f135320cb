import { ErrorCode } from '../../../src/protocol';
import { ReplicaManager, type LogStore, type TopicPartition } from '../../../src/replication/replica-manager';

class MemoryLogs implements LogStore {
  readonly logs = new Set<string>();
  hasLog(tp: TopicPartition): boolean {
    return this.logs.has(`${tp.topic}-${tp.partition}`);
  }
  getOrCreateLog(tp: TopicPartition): void {
    this.logs.add(`${tp.topic}-${tp.partition}`);
  }
  deleteLog(tp: TopicPartition): void {
    this.logs.delete(`${tp.topic}-${tp.partition}`);
  }
}

const state = (over: Partial<Parameters<ReplicaManager['becomeLeaderOrFollower']>[3][number]> = {}) => ({
  topic: 't',
  topicId: null,
  partition: 0,
  controllerEpoch: 1,
  leader: 0,
  leaderEpoch: 0,
  isr: [0, 1],
  zkVersion: 0,
  replicas: [0, 1],
  isNew: true,
  ...over,
});

describe('ReplicaManager', () => {
  it('becomes leader or follower and creates the log', () => {
    const logs = new MemoryLogs();
    const rm = new ReplicaManager(0, logs);
    const r = rm.becomeLeaderOrFollower(1, 1, 1, [state(), state({ partition: 1, leader: 1 })]);
    expect(r.errorCode).toBe(ErrorCode.NONE);
    expect(rm.isLeader({ topic: 't', partition: 0 })).toBe(true);
    expect(rm.isLeader({ topic: 't', partition: 1 })).toBe(false);
    expect([...logs.logs].sort()).toEqual(['t-0', 't-1']);
  });

  it('refuses an older controller epoch and ignores a leader epoch that is not newer', () => {
    const rm = new ReplicaManager(0, new MemoryLogs());
    rm.becomeLeaderOrFollower(1, 2, 1, [state({ leaderEpoch: 3 })]);
    expect(rm.becomeLeaderOrFollower(1, 1, 2, [state({ leaderEpoch: 9 })]).errorCode).toBe(
      ErrorCode.STALE_CONTROLLER_EPOCH,
    );
    const same = rm.becomeLeaderOrFollower(1, 2, 3, [state({ leaderEpoch: 3, leader: 1 })]);
    expect(same.partitionErrors[0]?.errorCode).toBe(ErrorCode.STALE_CONTROLLER_EPOCH);
    expect(rm.isLeader({ topic: 't', partition: 0 })).toBe(true);
    rm.becomeLeaderOrFollower(1, 2, 4, [state({ leaderEpoch: 4, leader: 1 })]);
    expect(rm.isLeader({ topic: 't', partition: 0 })).toBe(false);
  });

  it('never turns an illegal topic name into a directory', () => {
    const logs = new MemoryLogs();
    const rm = new ReplicaManager(0, logs);
    const r = rm.becomeLeaderOrFollower(1, 1, 1, [state({ topic: '../../etc' })]);
    expect(r.partitionErrors[0]?.errorCode).toBe(ErrorCode.INVALID_TOPIC_EXCEPTION);
    expect(logs.logs.size).toBe(0);
  });

  it('StopReplica with delete removes the log', () => {
    const logs = new MemoryLogs();
    const rm = new ReplicaManager(0, logs);
    rm.becomeLeaderOrFollower(1, 1, 1, [state()]);
    rm.stopReplicas(1, 1, [{ topic: 't', partition: 0, deletePartition: true }]);
    expect(logs.logs.size).toBe(0);
    expect(rm.partition({ topic: 't', partition: 0 })).toBeUndefined();
  });
});
