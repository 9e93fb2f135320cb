/**
 * Logging in Kafka's log4j form: `[yyyy-MM-dd HH:mm:ss,SSS] LEVEL message (logger.name)`.
 *
 * Routing follows Kafka's stock log4j.properties:
 * - everything at INFO and above goes to stdout and `<logDir>/server.log`;
 * - loggers under `kafka.controller` go to `<logDir>/controller.log` only;
 * - `state.change.logger` goes to `<logDir>/state-change.log` only.
 *
 * Call `configureLogging()` once at process start (before that, lines go to stdout only).
 */
import fs from 'node:fs';
import path from 'node:path';
import winston from 'winston';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'trace';

const levels: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3, trace: 4 };

export interface Logger {
  error(message: string, err?: unknown): void;
  warn(message: string, err?: unknown): void;
  info(message: string): void;
  debug(message: string): void;
  trace(message: string): void;
  isDebugEnabled(): boolean;
  /** A logger with the same name whose messages carry an extra prefix, e.g. `[Controller id=0] `. */
  withPrefix(prefix: string): Logger;
}

export interface LoggingOptions {
  /** Directory for server.log, controller.log and state-change.log; none means stdout only. */
  logDir?: string | undefined;
  /** Write lines to stdout as well (Kafka does for the root logger). */
  console?: boolean;
  level?: LogLevel;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `yyyy-MM-dd HH:mm:ss,SSS` in local time, as log4j's ISO8601 date format prints it. */
export function formatLogTimestamp(d: Date): string {
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())},${pad(d.getMilliseconds(), 3)}`
  );
}

const lineFormat = winston.format.printf((info) => {
  const stack = typeof info['stack'] === 'string' ? `\n${info['stack']}` : '';
  const level = String(info.level).toUpperCase();
  return `[${formatLogTimestamp(new Date())}] ${level} ${String(info.message)} (${String(info['loggerName'])})${stack}`;
});

type Route = 'root' | 'controller' | 'stateChange';

class LoggingSystem {
  private sinks = new Map<Route, winston.Logger>();
  private level: LogLevel = 'info';

  constructor() {
    this.configure({ console: true });
  }

  configure(options: LoggingOptions): void {
    for (const sink of this.sinks.values()) sink.close();
    this.sinks.clear();
    this.level = options.level ?? (process.env['KAFKA_LOG_LEVEL'] as LogLevel | undefined) ?? 'info';
    if (!(this.level in levels)) this.level = 'info';
    const logDir = options.logDir;
    if (logDir) fs.mkdirSync(logDir, { recursive: true });
    const file = (name: string): winston.transport[] =>
      logDir ? [new winston.transports.File({ filename: path.join(logDir, name) })] : [];
    const make = (transports: winston.transport[]): winston.Logger =>
      winston.createLogger({
        levels,
        level: this.level,
        format: lineFormat,
        transports: transports.length > 0 ? transports : [new winston.transports.Console({ silent: true })],
      });
    const consoleTransport = (): winston.transport[] =>
      options.console === false ? [] : [new winston.transports.Console({ stderrLevels: [] })];
    this.sinks.set('root', make([...consoleTransport(), ...file('server.log')]));
    // Without a log dir the controller and state-change lines would vanish; send them to stdout then.
    this.sinks.set('controller', make(logDir ? file('controller.log') : consoleTransport()));
    this.sinks.set('stateChange', make(logDir ? file('state-change.log') : consoleTransport()));
  }

  enabled(level: LogLevel): boolean {
    return levels[level] <= levels[this.level];
  }

  sink(route: Route): winston.Logger {
    const s = this.sinks.get(route);
    if (!s) throw new Error(`no log sink ${route}`);
    return s;
  }

  /** Resolves once every buffered line has been written (call before process.exit). */
  async flush(): Promise<void> {
    const all = [...this.sinks.values()];
    await Promise.all(
      all.map(
        (logger) =>
          new Promise<void>((resolve) => {
            let pending = logger.transports.length;
            if (pending === 0) return resolve();
            const timer = setTimeout(resolve, 2000);
            for (const t of logger.transports) {
              t.once('finish', () => {
                pending -= 1;
                if (pending === 0) {
                  clearTimeout(timer);
                  resolve();
                }
              });
            }
            logger.end();
          }),
      ),
    );
  }
}

const system = new LoggingSystem();

export function configureLogging(options: LoggingOptions): void {
  system.configure(options);
}

export function flushLogging(): Promise<void> {
  return system.flush();
}

function routeFor(name: string): Route {
  if (name === 'state.change.logger') return 'stateChange';
  if (name.startsWith('kafka.controller')) return 'controller';
  return 'root';
}

function describeError(err: unknown): { text: string; stack?: string } {
  if (err instanceof Error)
    return { text: `${err.name}: ${err.message}`, ...(err.stack ? { stack: err.stack } : {}) };
  return { text: String(err) };
}

class NamedLogger implements Logger {
  constructor(
    private readonly name: string,
    private readonly prefix: string,
  ) {}

  private write(level: LogLevel, message: string, err?: unknown): void {
    if (!system.enabled(level)) return;
    const entry: Record<string, unknown> = { level, message: this.prefix + message, loggerName: this.name };
    if (err !== undefined) {
      const d = describeError(err);
      entry['stack'] = d.stack ?? d.text;
    }
    system.sink(routeFor(this.name)).log(entry as winston.LogEntry);
  }

  error(message: string, err?: unknown): void {
    this.write('error', message, err);
  }
  warn(message: string, err?: unknown): void {
    this.write('warn', message, err);
  }
  info(message: string): void {
    this.write('info', message);
  }
  debug(message: string): void {
    this.write('debug', message);
  }
  trace(message: string): void {
    this.write('trace', message);
  }
  isDebugEnabled(): boolean {
    return system.enabled('debug');
  }
  withPrefix(prefix: string): Logger {
    return new NamedLogger(this.name, prefix);
  }
}

/** A logger named as Kafka names it (the Scala class, e.g. `kafka.server.KafkaServer`). */
export function getLogger(name: string, prefix = ''): Logger {
  return new NamedLogger(name, prefix);
}
