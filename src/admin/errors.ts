/**
 * The exceptions Kafka's admin code raises, each carrying the Java class name Kafka would show in its
 * ERROR log line (`org.apache.kafka.common.errors.TopicExistsException: Topic 't' already exists.`).
 * Messages are Kafka's exact wording; they are built at the throw sites.
 */

/** Base of every admin error: `javaClassName` is what Kafka's stack trace would start with. */
export class AdminError extends Error {
  constructor(
    readonly javaClassName: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = javaClassName.slice(javaClassName.lastIndexOf('.') + 1);
  }
}

const errors = 'org.apache.kafka.common.errors.';

/** A subclass per Kafka exception keeps `instanceof` checks readable at the catch sites. */
function adminErrorClass(javaClassName: string): new (message: string, options?: ErrorOptions) => AdminError {
  return class extends AdminError {
    constructor(message: string, options?: ErrorOptions) {
      super(javaClassName, message, options);
    }
  };
}

export class TopicExistsError extends adminErrorClass(`${errors}TopicExistsException`) {}
export class InvalidTopicError extends adminErrorClass(`${errors}InvalidTopicException`) {}
export class InvalidPartitionsError extends adminErrorClass(`${errors}InvalidPartitionsException`) {}
export class InvalidReplicationFactorError extends adminErrorClass(
  `${errors}InvalidReplicationFactorException`,
) {}
export class InvalidReplicaAssignmentError extends adminErrorClass(
  `${errors}InvalidReplicaAssignmentException`,
) {}
export class InvalidConfigurationError extends adminErrorClass(`${errors}InvalidConfigurationException`) {}
export class BrokerNotAvailableError extends adminErrorClass(`${errors}BrokerNotAvailableException`) {}
export class UnknownTopicOrPartitionError extends adminErrorClass(
  `${errors}UnknownTopicOrPartitionException`,
) {}
export class TopicAlreadyMarkedForDeletionError extends adminErrorClass(
  `${errors}TopicAlreadyMarkedForDeletionException`,
) {}
/** `kafka.admin.AdminOperationException`: a failed admin step with no more specific type. */
export class AdminOperationError extends adminErrorClass('kafka.admin.AdminOperationException') {}
/** `kafka.common.AdminCommandFailedException`: bad input to a command (e.g. a replica list). */
export class AdminCommandFailedError extends adminErrorClass('kafka.common.AdminCommandFailedException') {}
/** `java.lang.IllegalArgumentException`, which Kafka's tools throw for most argument problems. */
export class IllegalArgumentError extends adminErrorClass('java.lang.IllegalArgumentException') {}

/** The Java class name to show for any error (ours, a config error, or an unexpected one). */
export function javaClassNameOf(err: unknown): string {
  if (err instanceof AdminError) return err.javaClassName;
  if (err instanceof Error && err.name === 'ConfigException')
    return 'org.apache.kafka.common.config.ConfigException';
  if (err instanceof Error && err.name === 'ZkError') return 'org.apache.zookeeper.KeeperException';
  return 'java.lang.RuntimeException';
}
