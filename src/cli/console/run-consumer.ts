/**
 * The whole `kafka-console-consumer.sh`, testable: parse and check the arguments as Kafka 2.8's
 * ConsoleConsumer does, read records (see consumer-sources.ts), print them with the formatter, and
 * finish as Kafka does. Returns the exit code.
 *
 * - usage problems: message + option table on stderr, exit 1; errors Kafka leaves uncaught while
 *   parsing: `Exception in thread "main" <class>: <message>`, exit 1;
 * - `--max-messages N` reached, `--timeout-ms` expired (logged as an ERROR with a TimeoutException,
 *   as Kafka does), Ctrl-C / SIGTERM, stdout closed: `Processed a total of N messages` on stderr;
 * - a record the formatter cannot print stops the consumer (exit 1) unless --skip-message-on-error.
 */
import type { Kafka } from 'kafkajs';
import { createToolLogger } from '../topic-command/tool-logger';
import { VERSION_LINE } from '../topic-command/run';
import { AddressBook, createClientLogBridge } from './client-logging';
import { consumerClientSettings, consumerKafka, type ConsumerClientSettings } from './client-config';
import {
  CONSUMER_HELP_MESSAGE,
  CONSUMER_OPTIONS,
  effectiveConsumerProps,
  parseConsumerArgs,
  type ConsumerArgs,
  type ConsumerSettings,
} from './consumer-options';
import { assignedSource, groupSource, type RecordSource } from './consumer-sources';
import type { Assignment, RecordSink } from './fetcher';
import { exceptionLine, rootCause, toJavaException } from './java-errors';
import { parseHostPort, UsageError } from './options';
import { printUsage, SIGNAL_EXIT_CODE, type ToolIO } from './tool-io';

const LOGGER = 'kafka.tools.ConsoleConsumer$';

export interface ConsumerRunOptions {
  random?: () => number;
}

function assignmentOf(s: ConsumerSettings): Assignment {
  if (s.partition !== undefined && s.topic !== undefined)
    return { kind: 'partition', topic: s.topic, partition: s.partition, start: s.offset };
  if (s.topic !== undefined) return { kind: 'topic', topic: s.topic };
  return { kind: 'pattern', pattern: new RegExp(`^(?:${s.whitelist ?? ''})$`) };
}

function createSource(
  kafka: Kafka,
  s: ConsumerSettings,
  client: ConsumerClientSettings,
  warn: (m: string) => void,
  learn: AddressBook['learn'],
): RecordSource {
  const assignment = assignmentOf(s);
  // As Kafka's console consumer: a topic or pattern is consumed in a group (the one given, or a random
  // `console-consumer-N` that commits nothing); only `--partition` reads without one (`assign()`).
  if (assignment.kind !== 'partition') {
    const topics = assignment.kind === 'topic' ? [assignment.topic] : [assignment.pattern];
    return groupSource(kafka, client, topics);
  }
  return assignedSource(kafka, client, assignment, warn, learn);
}

export async function runConsoleConsumer(
  args: readonly string[],
  io: ToolIO,
  options: ConsumerRunOptions = {},
): Promise<number> {
  let parsed: ConsumerArgs;
  try {
    parsed = parseConsumerArgs(args, (f) => io.loadProperties(f), options.random);
  } catch (err) {
    if (err instanceof UsageError) printUsage(io, err.message, CONSUMER_OPTIONS);
    else io.writeErr(`Exception in thread "main" ${exceptionLine(toJavaException(err))}`);
    return 1;
  }
  if (parsed.kind === 'help') {
    printUsage(io, CONSUMER_HELP_MESSAGE, CONSUMER_OPTIONS);
    return 1;
  }
  if (parsed.kind === 'version') {
    await io.writeOut(`${VERSION_LINE}\n`);
    return 0;
  }
  const s = parsed.settings;
  const log = createToolLogger(
    LOGGER,
    (l) => io.writeErr(l),
    () => io.now(),
  );
  const logError = (message: string, err: unknown): void => {
    log.error(message);
    io.writeErr(exceptionLine(toJavaException(rootCause(err))));
  };

  const props = effectiveConsumerProps(s);
  if ('conflict' in props) {
    io.writeErr(props.conflict);
    return 1;
  }
  let client: ConsumerClientSettings;
  let source: RecordSource;
  let bridge: ReturnType<typeof createClientLogBridge>;
  try {
    client = consumerClientSettings(props);
    const addresses = new AddressBook(client.brokers.join(','));
    await addresses.resolve(client.brokers.map((b) => parseHostPort(b)?.host ?? b));
    bridge = createClientLogBridge(
      (l) => io.writeErr(l),
      `[Consumer clientId=${client.clientId}, groupId=${client.groupId}] `,
      addresses,
      () => io.now(),
    );
    const kafka = consumerKafka(client, bridge.logCreator);
    const networkLog = bridge.logger('org.apache.kafka.clients.NetworkClient');
    source = createSource(
      kafka,
      s,
      client,
      (m) => networkLog.warn(m),
      (b) => addresses.learn(b),
    );
  } catch (err) {
    logError('Unknown error when running consumer: ', err);
    return 1;
  }

  let count = 0;
  let done = false;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = () => {
      done = true;
      resolve();
    };
  });
  let signalled = false;
  let timedOut = false;
  let sourceError: unknown;
  let formatError: unknown;
  let timer: NodeJS.Timeout | undefined;
  const armTimer = (): void => {
    if (s.timeoutMs < 0) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      finish();
    }, s.timeoutMs);
  };

  const sink: RecordSink = async (records) => {
    let accepted = 0;
    for (const record of records) {
      if (done || (s.maxMessages >= 0 && count >= s.maxMessages)) break;
      count += 1;
      accepted += 1;
      try {
        const bytes = s.formatter.format(record);
        if (bytes.length > 0) await io.writeOut(bytes);
      } catch (err) {
        if (!s.skipMessageOnError) {
          formatError = err;
          finish();
          break;
        }
        logError('Error processing message, skipping this message: ', err);
      }
      armTimer();
    }
    if (s.maxMessages >= 0 && count >= s.maxMessages) finish();
    return { accepted, more: !done };
  };

  const unregister = io.onSignal(() => {
    signalled = true;
    finish();
  });
  io.onStdoutError(() => {
    if (done) return;
    io.writeErr('Unable to write to standard out, closing consumer.');
    finish();
  });
  if (s.maxMessages === 0) finish();
  else {
    armTimer();
    source.run(sink).then(finish, (err: unknown) => {
      if (!done) sourceError = err;
      finish();
    });
  }
  await finished;
  clearTimeout(timer);
  if (timedOut) {
    log.error('Error processing message, terminating consumer process: ');
    io.writeErr('org.apache.kafka.common.errors.TimeoutException');
  } else if (sourceError !== undefined) {
    logError('Error processing message, terminating consumer process: ', sourceError);
  }
  await source.close();
  unregister();
  io.writeErr(`Processed a total of ${count} messages`);
  if (formatError !== undefined) {
    logError('Unknown error when running consumer: ', formatError);
    return 1;
  }
  if (signalled) {
    if (s.enableSystestEvents) await io.writeOut('shutdown_complete\n');
    return SIGNAL_EXIT_CODE;
  }
  return 0;
}
