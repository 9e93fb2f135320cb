/**
 * The Java exceptions Kafka's admin client raises for group error codes, so messages read as the
 * tool's do (`org.apache.kafka.common.errors.GroupNotEmptyException: The group is not empty.`).
 */
import { AdminError } from '../../admin/errors';
import { ErrorCode, errorInfo, errorName } from '../../protocol';

const CLASS_BY_CODE: Partial<Record<number, string>> = {
  [ErrorCode.NON_EMPTY_GROUP]: 'GroupNotEmptyException',
  [ErrorCode.GROUP_ID_NOT_FOUND]: 'GroupIdNotFoundException',
  [ErrorCode.GROUP_AUTHORIZATION_FAILED]: 'GroupAuthorizationException',
  [ErrorCode.REQUEST_TIMED_OUT]: 'TimeoutException',
  [ErrorCode.UNKNOWN_SERVER_ERROR]: 'UnknownServerException',
};

export function groupErrorException(code: number): AdminError {
  const simple =
    CLASS_BY_CODE[code] ??
    `${errorName(code)
      .toLowerCase()
      .split('_')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join('')}Exception`;
  return new AdminError(
    `org.apache.kafka.common.errors.${simple}`,
    errorInfo(code)?.message ?? errorName(code),
  );
}

/** `<class>: <message>`, as Java's Throwable.toString prints an exception. */
export function javaToString(err: unknown): string {
  if (err instanceof AdminError) return `${err.javaClassName}: ${err.message}`;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
