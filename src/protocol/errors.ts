/**
 * Errors raised by the codec layer itself. They carry a Kafka error code, so the network layer can
 * map them like any other KafkaError (decode failures are INVALID_REQUEST by default, encoding a field
 * a version lacks is UNSUPPORTED_VERSION, other encode failures UNKNOWN_SERVER_ERROR).
 */
import { ErrorCode, KafkaError } from './error-codes';

/** Common base: a reason plus the path of the field being processed, e.g. `topics[2].partitions[0].index`. */
export abstract class ProtocolError extends KafkaError {
  /** Field path inside the message ('' when unknown). */
  path = '';
  /** The reason without the path. */
  readonly reason: string;

  constructor(code: ErrorCode, reason: string, options?: { cause?: unknown }) {
    super(code, reason, options);
    this.reason = reason;
  }

  /** Adds an outer path segment (a field name, or `[i]` for an array element). */
  prependPath(segment: string): this {
    if (this.path === '') this.path = segment;
    else if (this.path.startsWith('[')) this.path = segment + this.path;
    else this.path = `${segment}.${this.path}`;
    this.message = `${this.reason} (at ${this.path})`;
    return this;
  }
}

/**
 * Bytes that cannot be decoded: truncation, a negative or oversized length, a null where the version
 * forbids one, an over-long varint, trailing bytes in a tagged field.
 */
export class ProtocolDecodeError extends ProtocolError {
  constructor(reason: string, code: ErrorCode = ErrorCode.INVALID_REQUEST) {
    super(code, reason);
    this.name = 'ProtocolDecodeError';
  }
}

/**
 * A value that cannot be encoded at the requested version: a non-default value in a non-ignorable
 * field the version lacks (UNSUPPORTED_VERSION, as Kafka does), a null in a non-nullable field, a
 * string too long for its length prefix, a malformed UUID or a value of the wrong type.
 */
export class ProtocolEncodeError extends ProtocolError {
  constructor(
    reason: string,
    code: ErrorCode = ErrorCode.UNKNOWN_SERVER_ERROR,
    options?: { cause?: unknown },
  ) {
    super(code, reason, options);
    this.name = 'ProtocolEncodeError';
  }
}
