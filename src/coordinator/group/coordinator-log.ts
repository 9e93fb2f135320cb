/**
 * The coordinator's view of `__consumer_offsets`: append a batch to a partition this broker leads
 * (acks -1 waits until the high watermark passes it, as Kafka's offsets.commit.required.acks=-1
 * does), and read a partition back from its log start when loading. `ReplicaCoordinatorLog` is the
 * implementation on the ReplicaManager (stateless over it, on the event loop: an append is
 * synchronous, only the wait for replication is not); unit tests use an in-memory one.
 */
import { GROUP_METADATA_TOPIC_NAME } from '../../admin/topic-validation';
import { ErrorCode, toErrorCode } from '../../protocol';
import type { ProducePartitionStatus } from '../../replication/delayed-operations';
import type { ReplicaManager } from '../../replication/replica-manager';

export interface AppendResult {
  errorCode: number;
  /** Base offset of the appended batch (-1 on error). */
  baseOffset: bigint;
}

/** A partition opened for loading: its bounds and a reader of whole batches. */
export interface LoadableLog {
  readonly logStartOffset: bigint;
  /** -1 once the partition is gone (the loop stops). */
  logEndOffset(): bigint;
  /** Whole batches from `offset`, at least one, about `maxBytes`. */
  read(offset: bigint, maxBytes: number): Buffer;
}

export interface CoordinatorLog {
  /** Whether this broker has a local replica of the partition (Kafka's getMagic is defined). */
  isLocal(partition: number): boolean;
  append(partition: number, records: Buffer, requiredAcks: number, timeoutMs: number): Promise<AppendResult>;
  /** The partition's local log for loading, or undefined when this broker has none. */
  openForLoad(partition: number): LoadableLog | undefined;
}

export class ReplicaCoordinatorLog implements CoordinatorLog {
  constructor(private readonly replicaManager: ReplicaManager) {}

  private tp(partition: number): { topic: string; partition: number } {
    return { topic: GROUP_METADATA_TOPIC_NAME, partition };
  }

  isLocal(partition: number): boolean {
    return this.replicaManager.getPartition(this.tp(partition)) !== undefined;
  }

  append(partition: number, records: Buffer, requiredAcks: number, timeoutMs: number): Promise<AppendResult> {
    const rm = this.replicaManager;
    const tp = this.tp(partition);
    const p = rm.getPartition(tp);
    if (!p) return Promise.resolve({ errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, baseOffset: -1n });
    const config = p.localLog.config;
    let firstOffset: bigint;
    let requiredOffset: bigint;
    try {
      const info = p.appendRecordsToLeader(records, requiredAcks, config.minInSyncReplicas, {
        timestampType: config.messageTimestampType,
        maxMessageBytes: config.maxMessageBytes,
      });
      firstOffset = info.firstOffset;
      requiredOffset = info.lastOffset + 1n;
    } catch (err) {
      return Promise.resolve({ errorCode: toErrorCode(err), baseOffset: -1n });
    }
    rm.onPartitionChanged(tp);
    if (requiredAcks !== -1) return Promise.resolve({ errorCode: ErrorCode.NONE, baseOffset: firstOffset });
    const status: ProducePartitionStatus = {
      ...tp,
      requiredOffset,
      errorCode: ErrorCode.NONE,
      baseOffset: firstOffset,
      logAppendTimeMs: -1n,
      logStartOffset: -1n,
    };
    return new Promise((resolve) => {
      rm.awaitReplication(timeoutMs, [status], ([s]) =>
        resolve({ errorCode: s?.errorCode ?? ErrorCode.NONE, baseOffset: firstOffset }),
      );
    });
  }

  openForLoad(partition: number): LoadableLog | undefined {
    const rm = this.replicaManager;
    const tp = this.tp(partition);
    const p = rm.getPartition(tp);
    if (!p) return undefined;
    const log = p.localLog;
    return {
      logStartOffset: log.logStartOffset,
      logEndOffset: () => (rm.getPartition(tp) === p ? log.logEndOffset : -1n),
      read: (offset, maxBytes) => log.read(offset, maxBytes, log.logEndOffset, true).records,
    };
  }
}
