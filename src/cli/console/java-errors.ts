/**
 * kafkajs errors shown as the Java client's exceptions (`<class>: <message>`, the first line of a
 * Java stack trace), so the console tools' error lines read as Kafka's do.
 */
import { AdminError } from '../../admin/errors';

const ERRORS = 'org.apache.kafka.common.errors.';

/** Kafka's `Errors` entries whose class or default message the generic rule below does not give. */
const KNOWN: Readonly<Record<string, readonly [className: string, message: string]>> = {
  UNKNOWN_TOPIC_OR_PARTITION: [
    'UnknownTopicOrPartitionException',
    'This server does not host this topic-partition.',
  ],
  NOT_LEADER_FOR_PARTITION: [
    'NotLeaderOrFollowerException',
    'For requests intended only for the leader, this error indicates that the broker is not the current ' +
      'leader. For requests intended for any replica, this error indicates that the broker is not a replica ' +
      'of the topic partition.',
  ],
  LEADER_NOT_AVAILABLE: [
    'LeaderNotAvailableException',
    'There is no leader for this topic-partition as we are in the middle of a leadership election.',
  ],
  NOT_ENOUGH_REPLICAS: [
    'NotEnoughReplicasException',
    'Messages are rejected since there are fewer in-sync replicas than required.',
  ],
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: [
    'NotEnoughReplicasAfterAppendException',
    'Messages are written to the log, but to fewer in-sync replicas than required.',
  ],
  MESSAGE_TOO_LARGE: [
    'RecordTooLargeException',
    'The request included a message larger than the max message size the server will accept.',
  ],
  RECORD_LIST_TOO_LARGE: [
    'RecordBatchTooLargeException',
    'The request included message batch larger than the configured segment size on the server.',
  ],
  CORRUPT_MESSAGE: [
    'CorruptRecordException',
    'This message has failed its CRC checksum, exceeds the valid size, has a null key for a compacted ' +
      'topic, or is otherwise corrupt.',
  ],
  INVALID_TOPIC_EXCEPTION: [
    'InvalidTopicException',
    'The request attempted to perform an operation on an invalid topic.',
  ],
  REQUEST_TIMED_OUT: ['TimeoutException', 'The request timed out.'],
  INVALID_REQUIRED_ACKS: [
    'InvalidRequiredAcksException',
    'Produce request specified an invalid value for required acks.',
  ],
  TOPIC_AUTHORIZATION_FAILED: ['TopicAuthorizationException', 'Topic authorization failed.'],
  UNKNOWN_SERVER_ERROR: [
    'UnknownServerException',
    'The server experienced an unexpected error when processing the request.',
  ],
  KAFKA_STORAGE_ERROR: ['KafkaStorageException', 'Disk error when trying to access log file on the disk.'],
  OFFSET_OUT_OF_RANGE: [
    'OffsetOutOfRangeException',
    'The requested offset is not within the range of offsets maintained by the server.',
  ],
  UNSUPPORTED_COMPRESSION_TYPE: [
    'UnsupportedCompressionTypeException',
    'The requesting client does not support the compression type of given partition.',
  ],
};

/** Kafka's error-name spelling where kafkajs keeps an older one (for `{t=LEADER_NOT_AVAILABLE}` maps). */
export function kafkaErrorName(kafkajsType: string): string {
  return kafkajsType === 'NOT_LEADER_FOR_PARTITION' ? 'NOT_LEADER_OR_FOLLOWER' : kafkajsType;
}

function camel(type: string): string {
  return type
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

interface ErrorFields {
  name?: unknown;
  type?: unknown;
  message?: unknown;
}

/** The Java exception for an error: ours (AdminError) as is, kafkajs' by error type or kind. */
export function toJavaException(err: unknown): AdminError {
  if (err instanceof AdminError) return err;
  const e: ErrorFields = typeof err === 'object' && err !== null ? err : {};
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (typeof e.type === 'string' && e.type !== '') {
    const known = KNOWN[e.type];
    if (known !== undefined) return new AdminError(`${ERRORS}${known[0]}`, known[1]);
    return new AdminError(`${ERRORS}${camel(e.type)}Exception`, message);
  }
  switch (e.name) {
    case 'KafkaJSConnectionError':
    case 'KafkaJSConnectionClosedError':
      return new AdminError(
        `${ERRORS}NetworkException`,
        'The server disconnected before a response was received.',
      );
    case 'KafkaJSRequestTimeoutError':
    case 'KafkaJSNumberOfRetriesExceeded':
    case 'KafkaJSLockTimeout':
      return new AdminError(`${ERRORS}TimeoutException`, message);
    case 'KafkaJSTopicMetadataNotLoaded':
    case 'KafkaJSBrokerNotFound':
    case 'KafkaJSMetadataNotLoaded':
      return new AdminError(`${ERRORS}TimeoutException`, message);
    default:
      return new AdminError('org.apache.kafka.common.KafkaException', message);
  }
}

/** The innermost cause kafkajs wraps (its retrier wraps the last error in NumberOfRetriesExceeded). */
export function rootCause(err: unknown): unknown {
  let current = err;
  for (let i = 0; i < 5; i++) {
    const cause: unknown =
      typeof current === 'object' && current !== null && 'cause' in current ? current.cause : undefined;
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  return current;
}

/** `<class>: <message>`, or the bare class name for a message-less Java exception. */
export function exceptionLine(e: AdminError): string {
  return e.message === '' ? e.javaClassName : `${e.javaClassName}: ${e.message}`;
}
