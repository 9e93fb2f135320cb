/**
 * Errors the storage layer throws. Client-visible failures are plain KafkaErrors with the code Kafka
 * returns (OFFSET_OUT_OF_RANGE, CORRUPT_MESSAGE, MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE,
 * INVALID_RECORD, INVALID_TIMESTAMP, KAFKA_STORAGE_ERROR); the classes below carry extra data for the
 * replication layer, which handles them itself (they map to UNKNOWN_SERVER_ERROR if they escape).
 */
import { ErrorCode, KafkaError } from '../protocol/error-codes';

/** A follower append whose first offset is below the log end offset (Kafka's UnexpectedAppendOffsetException). */
export class UnexpectedAppendOffsetError extends KafkaError {
  constructor(
    message: string,
    readonly firstOffset: bigint,
    readonly lastOffset: bigint,
  ) {
    super(ErrorCode.UNKNOWN_SERVER_ERROR, message);
    this.name = 'UnexpectedAppendOffsetException';
  }
}

/** A follower append whose batches do not have increasing offsets (Kafka's OffsetsOutOfOrderException). */
export class OffsetsOutOfOrderError extends KafkaError {
  constructor(message: string) {
    super(ErrorCode.UNKNOWN_SERVER_ERROR, message);
    this.name = 'OffsetsOutOfOrderException';
  }
}

/** An index append that breaks the index's ordering (Kafka's InvalidOffsetException); seen in recovery. */
export class InvalidOffsetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidOffsetException';
  }
}

/** Wraps an I/O failure as KAFKA_STORAGE_ERROR (Kafka's KafkaStorageException); leaves KafkaErrors alone. */
export function storageError(message: string, cause: unknown): KafkaError {
  if (cause instanceof KafkaError) return cause;
  return new KafkaError(ErrorCode.KAFKA_STORAGE_ERROR, message, { cause });
}

/**
 * Runs `fn`, turning an I/O failure (an errno error from `fs`) into KAFKA_STORAGE_ERROR with
 * `Error while <what()>` as message (Kafka's maybeHandleIOException). Other errors pass through.
 */
export function withIoErrors<T>(what: () => string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string') {
      throw storageError(`Error while ${what()}`, err);
    }
    throw err;
  }
}
