/**
 * Logging as Kafka's command-line tools do it (`config/tools-log4j.properties`): WARN and above only,
 * on stderr, in the usual `[yyyy-MM-dd HH:mm:ss,SSS] LEVEL message (logger)` form. An implementation
 * of the project's Logger interface, so it can be handed to the ZooKeeper client too.
 */
import { formatLogTimestamp, type Logger } from '../../common/logger';
import { javaClassNameOf } from '../../admin/errors';

/** `<java class>: <message>`, the first line of a Java stack trace. */
export function javaExceptionLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `${javaClassNameOf(err)}: ${message}`;
}

export function createToolLogger(
  name: string,
  writeErr: (line: string) => void,
  now: () => Date = () => new Date(),
  prefix = '',
): Logger {
  const write = (level: 'ERROR' | 'WARN', message: string, err?: unknown): void => {
    const detail = err === undefined ? '' : `\n${javaExceptionLine(err)}`;
    writeErr(`[${formatLogTimestamp(now())}] ${level} ${prefix}${message}${detail} (${name})`);
  };
  return {
    error: (message, err) => write('ERROR', message, err),
    warn: (message, err) => write('WARN', message, err),
    info: () => undefined,
    debug: () => undefined,
    trace: () => undefined,
    isDebugEnabled: () => false,
    withPrefix: (p) => createToolLogger(name, writeErr, now, p),
  };
}
