/**
 * The two delayed operations of the data path:
 * - DelayedProduce (acks=all): waits until the high watermark passes every appended batch, or the
 *   request's timeout (then REQUEST_TIMED_OUT for the partitions not yet replicated).
 * - DelayedFetch: waits until min.bytes of data can be read, or max.wait.ms.
 */
import { ErrorCode } from '../protocol';
import { DelayedOperation } from './purgatory';

export interface ProducePartitionStatus {
  topic: string;
  partition: number;
  /** The offset the high watermark must reach (last appended offset + 1); -1 when nothing waits. */
  requiredOffset: bigint;
  errorCode: number;
  baseOffset: bigint;
  logAppendTimeMs: bigint;
  logStartOffset: bigint;
}

export class DelayedProduce extends DelayedOperation {
  constructor(
    delayMs: number,
    readonly statuses: ProducePartitionStatus[],
    private readonly check: (status: ProducePartitionStatus) => { done: boolean; error: number },
    private readonly respond: (statuses: ProducePartitionStatus[]) => void,
  ) {
    super(delayMs);
  }

  tryComplete(): boolean {
    for (const s of this.statuses) {
      if (s.requiredOffset < 0n) continue;
      const { done, error } = this.check(s);
      if (!done) return false;
      s.errorCode = error;
      s.requiredOffset = -1n;
    }
    return this.forceComplete();
  }

  protected override onExpiration(): void {
    for (const s of this.statuses) {
      if (s.requiredOffset >= 0n) s.errorCode = ErrorCode.REQUEST_TIMED_OUT;
    }
  }

  protected override onComplete(): void {
    // Completed without the high watermark reaching the batch (the broker is stopping, or the
    // partition moved): the client must not think it was replicated.
    for (const s of this.statuses) {
      if (s.requiredOffset >= 0n && s.errorCode === ErrorCode.NONE)
        s.errorCode = ErrorCode.NOT_LEADER_OR_FOLLOWER;
    }
    this.respond(this.statuses);
  }
}

export class DelayedFetch extends DelayedOperation {
  constructor(
    delayMs: number,
    private readonly enoughData: () => boolean,
    private readonly respond: () => void,
  ) {
    super(delayMs);
  }

  tryComplete(): boolean {
    return this.enoughData() ? this.forceComplete() : false;
  }

  protected override onComplete(): void {
    this.respond();
  }
}
