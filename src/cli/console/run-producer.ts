/**
 * The whole `kafka-console-producer.sh`, testable: parse and check the arguments as Kafka 2.8's
 * ConsoleProducer does, then send one record per line of stdin (see line-reader.ts) through kafkajs
 * (see producer-sender.ts). Returns the exit code.
 *
 * - usage problems: message + option table on stderr, exit 1; a bad option value: the message, exit 1;
 *   other startup failures (bad producer config, unknown reader class): the Java exception, exit 1;
 * - on a terminal (stdin and stdout both) `>` is printed before each line is read;
 * - a failed send is logged per record (ErrorLoggingCallback) and the tool goes on; with --sync it
 *   stops with the ExecutionException, exit 1; a line without key under parse.key stops it, exit 1;
 * - at end of input, or on Ctrl-C / SIGTERM, everything pending is sent before exiting.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Producer } from 'kafkajs';
import { createToolLogger } from '../topic-command/tool-logger';
import { VERSION_LINE } from '../topic-command/run';
import { AddressBook, createClientLogBridge } from './client-logging';
import {
  producerClientSettings,
  producerKafka,
  UnsupportedCodecError,
  type ProducerClientSettings,
} from './client-config';
import { exceptionLine, rootCause, toJavaException } from './java-errors';
import { LineMessageReader, LineSplitter, shouldPrompt, type LineRecord } from './line-reader';
import { JoptError, parseHostPort, UsageError } from './options';
import { StickyPartitioner } from './partitioning';
import {
  parseProducerArgs,
  PRODUCER_HELP_MESSAGE,
  PRODUCER_OPTIONS,
  type ProducerArgs,
} from './producer-options';
import { RecordAccumulator, sendErrorMessage, sendWithWaits } from './producer-sender';
import { printUsage, SIGNAL_EXIT_CODE, type ToolIO } from './tool-io';

const LOGGER = 'kafka.tools.ConsoleProducer$';
const CALLBACK_LOGGER = 'org.apache.kafka.clients.producer.internals.ErrorLoggingCallback';

export interface ProducerRunOptions {
  random?: () => number;
}

/** A --sync send failed: Kafka's `send(record).get()` throws it wrapped in an ExecutionException. */
class SyncSendError extends Error {
  constructor(cause: unknown) {
    super('send failed', { cause });
  }
}

/** No broker reachable yet: for the Java producer that is metadata it waits for (max.block.ms). */
class NotConnected extends Error {
  constructor(readonly reason: unknown) {
    super('could not reach the cluster');
    this.name = 'KafkaJSMetadataNotLoaded';
  }
}

function parse(args: readonly string[], io: ToolIO): ProducerArgs | number {
  try {
    return parseProducerArgs(args, (f) => io.loadProperties(f));
  } catch (err) {
    if (err instanceof UsageError) printUsage(io, err.message, PRODUCER_OPTIONS);
    else if (err instanceof JoptError) io.writeErr(err.message);
    else io.writeErr(exceptionLine(toJavaException(err)));
    return 1;
  }
}

export async function runConsoleProducer(
  args: readonly string[],
  io: ToolIO,
  options: ProducerRunOptions = {},
): Promise<number> {
  const parsed = parse(args, io);
  if (typeof parsed === 'number') return parsed;
  if (parsed.kind === 'help') {
    printUsage(io, PRODUCER_HELP_MESSAGE, PRODUCER_OPTIONS);
    return 1;
  }
  if (parsed.kind === 'version') {
    await io.writeOut(`${VERSION_LINE}\n`);
    return 0;
  }
  const s = parsed.settings;
  const reader = new LineMessageReader(s.readerProps);
  const toolLog = createToolLogger(
    LOGGER,
    (l) => io.writeErr(l),
    () => io.now(),
  );
  let client: ProducerClientSettings;
  try {
    client = producerClientSettings(s.producerProps);
  } catch (err) {
    if (err instanceof UnsupportedCodecError) toolLog.error(err.message);
    else io.writeErr(exceptionLine(toJavaException(err)));
    return 1;
  }

  const addresses = new AddressBook(client.brokers.join(','));
  await addresses.resolve(client.brokers.map((b) => parseHostPort(b)?.host ?? b));
  const bridge = createClientLogBridge(
    (l) => io.writeErr(l),
    `[Producer clientId=${client.clientId}] `,
    addresses,
    () => io.now(),
  );
  const callbackLog = createToolLogger(
    CALLBACK_LOGGER,
    (l) => io.writeErr(l),
    () => io.now(),
  );
  const networkLog = bridge.logger('org.apache.kafka.clients.NetworkClient');
  const partitioner = new StickyPartitioner(client.batchSize, options.random);
  const producer: Producer = producerKafka(client, bridge.logCreator).producer({
    createPartitioner: partitioner.create,
    retry: {
      retries: Math.min(client.retries, 1000),
      initialRetryTime: Math.max(1, client.retryBackoffMs),
      multiplier: 1,
      factor: 0,
    },
    metadataMaxAge: client.metadataMaxAgeMs,
    allowAutoTopicCreation: true,
    idempotent: client.idempotent,
    maxInFlightRequests: client.idempotent ? 1 : client.maxInFlightRequests,
  });

  let connected = false;
  let stopping = false;
  const sendBatch = async (batch: LineRecord[]): Promise<void> => {
    try {
      await sendWithWaits(
        async () => {
          if (!connected) {
            await producer.connect().catch((err: unknown) => {
              throw new NotConnected(err);
            });
            connected = true;
          }
          await producer.send({
            topic: s.topic,
            messages: batch.map((r) => ({
              key: r.key,
              value: r.value,
              ...(r.timestamp === undefined ? {} : { timestamp: String(r.timestamp) }),
            })),
            acks: client.acks,
            timeout: client.requestTimeoutMs,
            compression: client.compression,
          });
        },
        {
          topic: s.topic,
          maxBlockMs: client.maxBlockMs,
          deliveryTimeoutMs: client.deliveryTimeoutMs,
          retryBackoffMs: client.retryBackoffMs,
        },
        batch.length,
        (m) => networkLog.warn(m),
        () => stopping,
      );
    } finally {
      partitioner.batchSent();
    }
  };
  const accumulator = new RecordAccumulator(client, async (batch) => {
    try {
      await sendBatch(batch);
    } catch (err) {
      const line = exceptionLine(toJavaException(rootCause(err)));
      for (const r of batch) {
        callbackLog.error(sendErrorMessage(r));
        io.writeErr(line);
      }
    }
  });

  let stop: () => void = () => undefined;
  const stopped = new Promise<'stop'>((resolve) => (stop = () => resolve('stop')));
  let signalled = false;
  const unregister = io.onSignal(() => {
    signalled = true;
    stopping = true;
    stop();
  });
  const prompt = shouldPrompt(io.stdinIsTty, io.stdoutIsTty);
  let exitCode = 0;
  const decoder = new StringDecoder('utf8');
  const splitter = new LineSplitter();
  const input = io.stdin[Symbol.asyncIterator]();
  const handle = async (line: string): Promise<void> => {
    const record = { ...reader.read(line), timestamp: io.now().getTime() };
    if (s.sync) await sendBatch([record]).catch((err: unknown) => Promise.reject(new SyncSendError(err)));
    else await accumulator.append(record);
    if (prompt) await io.writeOut('>');
  };
  try {
    if (prompt) await io.writeOut('>');
    for (;;) {
      const next = await Promise.race([input.next(), stopped]);
      if (next === 'stop' || next.done === true) break;
      const text = typeof next.value === 'string' ? next.value : decoder.write(next.value);
      for (const line of splitter.push(text)) await handle(line);
    }
    if (!signalled) {
      for (const line of splitter.push(decoder.end())) await handle(line);
      const last = splitter.end();
      if (last !== null) await handle(last);
    }
  } catch (err) {
    // Kafka prints the exception's stack trace (here its first line) and exits 1.
    const line = exceptionLine(toJavaException(rootCause(err)));
    io.writeErr(err instanceof SyncSendError ? `java.util.concurrent.ExecutionException: ${line}` : line);
    exitCode = 1;
  }
  void input.return?.();
  await accumulator.flush();
  if (connected) await producer.disconnect().catch(() => undefined);
  unregister();
  return signalled && exitCode === 0 ? SIGNAL_EXIT_CODE : exitCode;
}
