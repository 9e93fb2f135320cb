/**
 * `kafka-server-start.sh [-daemon] server.properties [--override property=value]*`
 *
 * Starts one broker in this process. SIGTERM, SIGINT and SIGHUP run an orderly shutdown and exit 0;
 * a fatal startup error exits 1 after logging its cause. (`-daemon` is handled by the shell wrapper.)
 * SIGUSR2 appends the event loop's delays since the previous SIGUSR2 (max, p99, mean) as a JSON line
 * to `<LOG_DIR>/event-loop-delay.log` (see EventLoopMonitor).
 */
import path from 'node:path';
import { configureLogging, flushLogging, getLogger } from '../common/logger';
import { ConfigException } from '../server/config/config-def';
import { KafkaServer } from '../server/kafka-server';
import { createRequestHandler } from '../server/kafka-apis';
import { loadServerSettings } from '../server/from-config';
import { EventLoopMonitor } from '../server/event-loop-monitor';

const USAGE = 'USAGE: kafka-server-start.sh [-daemon] server.properties [--override property=value]*';

export function parseServerArgs(argv: string[]): { propertiesFile: string; overrides: Map<string, string> } {
  const args = argv.filter((a) => a !== '-daemon');
  const [propertiesFile, ...rest] = args;
  if (!propertiesFile || propertiesFile.startsWith('-')) throw new UsageError(USAGE);
  const overrides = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    if (flag !== '--override') throw new UsageError(`Found non argument parameters: ${flag}\n${USAGE}`);
    const kv = rest[++i];
    const eq = kv?.indexOf('=') ?? -1;
    if (!kv || eq <= 0)
      throw new UsageError(`Invalid override "${kv ?? ''}": expected property=value\n${USAGE}`);
    overrides.set(kv.slice(0, eq).trim(), kv.slice(eq + 1));
  }
  return { propertiesFile, overrides };
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const logDir = process.env['LOG_DIR'] ?? path.resolve(__dirname, '..', '..', 'logs');
  configureLogging({ logDir });
  const log = getLogger('kafka.Kafka$');
  let parsed;
  try {
    parsed = parseServerArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  // Show as Kafka does in `ps`, so Kafka's stop pattern and the course's `grep java | grep server-0`
  // find us. Linux truncates the title to the original command line's length, which is longer.
  process.title = ['java', 'kafka.Kafka', path.resolve(parsed.propertiesFile), ...process.argv.slice(3)].join(
    ' ',
  );
  let server: KafkaServer;
  try {
    const { settings, unknownKeys } = loadServerSettings(
      path.resolve(parsed.propertiesFile),
      parsed.overrides,
    );
    const configLog = getLogger('org.apache.kafka.clients.admin.AdminClientConfig');
    for (const key of unknownKeys)
      configLog.warn(`The configuration '${key}' was supplied but isn't a known config.`);
    server = new KafkaServer({ settings, requestHandlerFactory: createRequestHandler });
  } catch (err) {
    const message = err instanceof ConfigException || err instanceof Error ? err.message : String(err);
    log.error(`Exiting Kafka due to fatal exception`, err);
    console.error(message);
    await flushLogging();
    process.exit(1);
  }

  const signalLog = getLogger('org.apache.kafka.common.utils.LoggingSignalHandler');
  signalLog.info('Registered signal handlers for TERM, INT, HUP');
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    signalLog.info(`Terminating process due to signal ${signal}`);
    void server
      .shutdown()
      .catch((err: unknown) => log.error('Error during shutdown', err))
      .then(() => flushLogging())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('SIGHUP', onSignal);

  const eventLoop = new EventLoopMonitor();
  eventLoop.start();
  const eventLoopLog = path.join(logDir, 'event-loop-delay.log');
  process.on('SIGUSR2', () => {
    try {
      eventLoop.appendReport(eventLoopLog);
    } catch (err) {
      log.warn(`Could not write ${eventLoopLog}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  try {
    await server.startup();
  } catch {
    await flushLogging();
    process.exit(1);
  }
}

if (require.main === module) void main();
