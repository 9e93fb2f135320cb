/**
 * Idempotent producers on one partition (Kafka's ProducerStateManager, without transactions): per
 * producer id, its epoch and its last five batches' sequence ranges with the offsets they got. A batch
 * that repeats one of those is a retry: it is not appended again and gets its original offset back.
 * A batch whose first sequence does not follow the last one is refused (OUT_OF_ORDER_SEQUENCE_NUMBER);
 * an older epoch is fenced (INVALID_PRODUCER_EPOCH).
 *
 * State lives in memory: after a restart a producer is accepted at whatever sequence it continues
 * with (Kafka rebuilds it from snapshots and the log).
 */
import { ErrorCode } from '../protocol';

const MAX_CACHED_BATCHES = 5;

interface BatchRange {
  firstSeq: number;
  lastSeq: number;
  firstOffset: bigint;
  lastOffset: bigint;
}

interface ProducerEntry {
  epoch: number;
  batches: BatchRange[];
}

export interface ProducerBatch {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  /** records in the batch - 1 */
  lastOffsetDelta: number;
}

export type SequenceCheck =
  | { kind: 'append' }
  | { kind: 'duplicate'; firstOffset: bigint }
  | { kind: 'error'; errorCode: ErrorCode; message: string };

const nextSeq = (seq: number): number => (seq === 0x7fffffff ? 0 : seq + 1);
const lastSeqOf = (b: ProducerBatch): number => (b.baseSequence + b.lastOffsetDelta) % 0x80000000;

export class ProducerStateManager {
  private readonly producers = new Map<bigint, ProducerEntry>();

  check(batch: ProducerBatch): SequenceCheck {
    if (batch.producerId < 0n) return { kind: 'append' };
    const entry = this.producers.get(batch.producerId);
    if (!entry) return { kind: 'append' };
    if (batch.producerEpoch < entry.epoch) {
      return {
        kind: 'error',
        errorCode: ErrorCode.INVALID_PRODUCER_EPOCH,
        message: `Producer's epoch ${batch.producerEpoch} is older than the current epoch ${entry.epoch} for producer ${batch.producerId}`,
      };
    }
    if (batch.producerEpoch > entry.epoch) {
      return batch.baseSequence === 0
        ? { kind: 'append' }
        : {
            kind: 'error',
            errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
            message: `Invalid sequence number for new epoch ${batch.producerEpoch} of producer ${batch.producerId}: ${batch.baseSequence} (request epoch), 0 (seq. number)`,
          };
    }
    const lastSeq = lastSeqOf(batch);
    const duplicate = entry.batches.find((b) => b.firstSeq === batch.baseSequence && b.lastSeq === lastSeq);
    if (duplicate) return { kind: 'duplicate', firstOffset: duplicate.firstOffset };
    const last = entry.batches[entry.batches.length - 1];
    if (last && batch.baseSequence !== nextSeq(last.lastSeq)) {
      return {
        kind: 'error',
        errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
        message: `Out of order sequence number for producer ${batch.producerId} at offset ${last.lastOffset + 1n}: ${batch.baseSequence} (incoming seq. number), ${last.lastSeq} (current end sequence number)`,
      };
    }
    return { kind: 'append' };
  }

  /** Records an appended batch. */
  update(batch: ProducerBatch, firstOffset: bigint): void {
    if (batch.producerId < 0n) return;
    let entry = this.producers.get(batch.producerId);
    if (!entry || batch.producerEpoch > entry.epoch) {
      entry = { epoch: batch.producerEpoch, batches: [] };
      this.producers.set(batch.producerId, entry);
    }
    entry.batches.push({
      firstSeq: batch.baseSequence,
      lastSeq: lastSeqOf(batch),
      firstOffset,
      lastOffset: firstOffset + BigInt(batch.lastOffsetDelta),
    });
    if (entry.batches.length > MAX_CACHED_BATCHES) entry.batches.shift();
  }
}
