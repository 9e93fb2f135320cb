/** An in-memory `__consumer_offsets` for coordinator unit tests: batches get offsets as a log would. */
import { ErrorCode, readBatchHeader, setBaseOffset } from '../../../../src/protocol';
import type {
  AppendResult,
  CoordinatorLog,
  LoadableLog,
} from '../../../../src/coordinator/group/coordinator-log';

export class MemoryCoordinatorLog implements CoordinatorLog {
  readonly batches = new Map<number, Buffer[]>();
  readonly local = new Set<number>();
  /** Error to answer appends with (e.g. REQUEST_TIMED_OUT), or NONE. */
  appendError: number = ErrorCode.NONE;
  /** Appends wait for this before answering (lets a test hold a commit "in flight"). */
  gate: Promise<void> = Promise.resolve();
  appends = 0;

  constructor(partitions: number[]) {
    for (const p of partitions) this.local.add(p);
  }

  private endOffset(partition: number): bigint {
    const list = this.batches.get(partition) ?? [];
    const last = list[list.length - 1];
    return last ? readBatchHeader(last).lastOffset + 1n : 0n;
  }

  isLocal(partition: number): boolean {
    return this.local.has(partition);
  }

  async append(partition: number, records: Buffer): Promise<AppendResult> {
    this.appends++;
    await this.gate;
    if (this.appendError !== ErrorCode.NONE) return { errorCode: this.appendError, baseOffset: -1n };
    const copy = Buffer.from(records);
    const base = this.endOffset(partition);
    setBaseOffset(copy, base);
    this.batches.set(partition, [...(this.batches.get(partition) ?? []), copy]);
    return { errorCode: ErrorCode.NONE, baseOffset: base };
  }

  openForLoad(partition: number): LoadableLog | undefined {
    if (!this.local.has(partition)) return undefined;
    return {
      logStartOffset: 0n,
      logEndOffset: () => this.endOffset(partition),
      read: (offset) =>
        Buffer.concat(
          (this.batches.get(partition) ?? []).filter((b) => readBatchHeader(b).lastOffset >= offset),
        ),
    };
  }
}
