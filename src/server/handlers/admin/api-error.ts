/**
 * Kafka's `ApiError.fromThrowable` for the admin handlers: the wire code of a thrown admin error
 * (`Errors.forException`) and the message to send with it. The message is left out (null) when it
 * only repeats the code's default text, and for UNKNOWN_SERVER_ERROR, so nothing internal leaks.
 */
import {
  AdminError,
  javaClassNameOf,
  BrokerNotAvailableError,
  InvalidConfigurationError,
  InvalidPartitionsError,
  InvalidReplicaAssignmentError,
  InvalidReplicationFactorError,
  InvalidTopicError,
  TopicExistsError,
  UnknownTopicOrPartitionError,
} from '../../../admin/errors';
import { ErrorCode, errorInfo, KafkaError } from '../../../protocol';

export interface ApiError {
  code: ErrorCode;
  message: string | null;
}

export const NO_ERROR: ApiError = { code: ErrorCode.NONE, message: null };

/** `org.apache.kafka.common.errors.InvalidRequestException`. */
export class InvalidRequestError extends AdminError {
  constructor(message: string, options?: ErrorOptions) {
    super('org.apache.kafka.common.errors.InvalidRequestException', message, options);
  }
}

/** `org.apache.kafka.common.errors.ReassignmentInProgressException`. */
export class ReassignmentInProgressError extends AdminError {
  constructor(message: string) {
    super('org.apache.kafka.common.errors.ReassignmentInProgressException', message);
  }
}

/** True for a `ConfigException` from the config layer (a value that does not parse or validate). */
export function isConfigException(err: unknown): err is Error {
  return err instanceof Error && err.name === 'ConfigException';
}

const CODE_BY_CLASS: readonly (readonly [abstract new (...args: never[]) => Error, ErrorCode])[] = [
  [TopicExistsError, ErrorCode.TOPIC_ALREADY_EXISTS],
  [InvalidTopicError, ErrorCode.INVALID_TOPIC_EXCEPTION],
  [InvalidPartitionsError, ErrorCode.INVALID_PARTITIONS],
  [InvalidReplicationFactorError, ErrorCode.INVALID_REPLICATION_FACTOR],
  [InvalidReplicaAssignmentError, ErrorCode.INVALID_REPLICA_ASSIGNMENT],
  [InvalidConfigurationError, ErrorCode.INVALID_CONFIG],
  [BrokerNotAvailableError, ErrorCode.BROKER_NOT_AVAILABLE],
  [UnknownTopicOrPartitionError, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
  [InvalidRequestError, ErrorCode.INVALID_REQUEST],
  [ReassignmentInProgressError, ErrorCode.REASSIGNMENT_IN_PROGRESS],
];

/** Kafka's `Errors.forException`: the code of a Kafka API exception, UNKNOWN_SERVER_ERROR otherwise. */
export function errorCodeOf(err: unknown): ErrorCode {
  if (err instanceof KafkaError) return err.code;
  for (const [cls, code] of CODE_BY_CLASS) if (err instanceof cls) return code;
  return ErrorCode.UNKNOWN_SERVER_ERROR;
}

/** An ApiError with an explicit code and message (null message: the client shows the default). */
export function apiError(code: ErrorCode, message: string | null = null): ApiError {
  return { code, message };
}

/** Kafka's `ApiError.fromThrowable`. */
export function apiErrorOf(err: unknown): ApiError {
  const code = errorCodeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === ErrorCode.UNKNOWN_SERVER_ERROR || errorInfo(code)?.message === message)
    return { code, message: null };
  return { code, message };
}

/** Whether a thrown value is one of Kafka's API exceptions (logged at INFO rather than ERROR). */
export function isApiException(err: unknown): boolean {
  return errorCodeOf(err) !== ErrorCode.UNKNOWN_SERVER_ERROR;
}

/** A log message followed by the exception line Kafka's log4j output would show (INFO takes no error). */
export function withException(message: string, err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return `${message}\n${javaClassNameOf(err)}: ${text}`;
}
