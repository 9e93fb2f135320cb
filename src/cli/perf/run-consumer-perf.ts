/**
 * The whole `kafka-consumer-perf-test.sh` (Kafka 2.8's ConsumerPerformance) on kafkajs, testable.
 * Returns the exit code.
 *
 * Prints the header (unless --hide-header), consumes until --messages records were read or none has
 * arrived for --timeout ms (then Kafka's WARNING line), and prints the one data line (or, with
 * --show-detailed-stats, a line per reporting interval instead) and, with --print-metrics, the
 * metrics table. Usage problems print the usage on stderr (exit 1); errors Kafka leaves uncaught
 * print `Exception in thread "main" <class>: <message>` (exit 1).
 */
import { AddressBook, createClientLogBridge } from '../console/client-logging';
import { consumerClientSettings, consumerKafka, type ConsumerClientSettings } from '../console/client-config';
import { exceptionLine, rootCause, toJavaException } from '../console/java-errors';
import { parseHostPort, UsageError } from '../console/options';
import { printUsage, type ToolIO } from '../console/tool-io';
import { VERSION_LINE } from '../topic-command/run';
import {
  CONSUMER_PERF_HELP_MESSAGE,
  consumerPerfOptions,
  parseConsumerPerfArgs,
  randomPerfGroup,
  type ConsumerPerfArgs,
  type ConsumerPerfConfig,
} from './consumer-perf-options';
import { groupPerfSource, PollLoop, type PerfSource } from './consumer-perf-sources';
import { headerLine, timeoutWarning, totalLine } from './consumer-stats';
import { metricsTable, rate, RequestMetrics, type Metric } from './metrics';

export interface ConsumerPerfOptions {
  random?: () => number;
}

const POLL_MS = 100;

function consumerMetrics(
  clientId: string,
  loop: PollLoop,
  fetches: RequestMetrics,
  elapsedMs: number,
): Metric[] {
  const tags = [['client-id', clientId]] as const;
  const G = 'consumer-fetch-manager-metrics';
  const m = (name: string, value: number): Metric => ({ group: G, name, tags, value });
  return [
    m('records-consumed-total', loop.messagesRead),
    m('records-consumed-rate', rate(loop.messagesRead, elapsedMs)),
    m('bytes-consumed-total', loop.bytesRead),
    m('bytes-consumed-rate', rate(loop.bytesRead, elapsedMs)),
    m('fetch-total', fetches.latency.count),
    m('fetch-rate', rate(fetches.latency.count, elapsedMs)),
    m('fetch-latency-avg', fetches.latency.avg),
    m('fetch-latency-max', fetches.latency.max),
    m('fetch-size-avg', fetches.size.avg),
    m('fetch-size-max', fetches.size.max),
  ];
}

function parse(args: readonly string[], io: ToolIO, group: string): ConsumerPerfArgs | number {
  try {
    return parseConsumerPerfArgs(args, (f) => io.loadProperties(f), group);
  } catch (err) {
    if (err instanceof UsageError) printUsage(io, err.message, consumerPerfOptions(group));
    else io.writeErr(`Exception in thread "main" ${exceptionLine(toJavaException(err))}`);
    return 1;
  }
}

/** Runs the source until the loop is done or the timeout passes between records. */
async function consume(source: PerfSource, loop: PollLoop, maxPollRecords: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setInterval(() => {
      if (loop.timedOut()) resolve();
    }, POLL_MS);
  });
  try {
    await Promise.race([source.run(loop, maxPollRecords), timedOut]);
  } finally {
    clearInterval(timer);
  }
}

export async function runConsumerPerf(
  args: readonly string[],
  io: ToolIO,
  options: ConsumerPerfOptions = {},
): Promise<number> {
  const group = randomPerfGroup(options.random);
  const parsed = parse(args, io, group);
  if (typeof parsed === 'number') return parsed;
  if (parsed.kind === 'help') {
    printUsage(io, CONSUMER_PERF_HELP_MESSAGE, consumerPerfOptions(group));
    return 1;
  }
  if (parsed.kind === 'version') {
    await io.writeOut(`${VERSION_LINE}\n`);
    return 0;
  }
  const cfg: ConsumerPerfConfig = parsed.config;
  const out = (line: string): void => void io.writeOut(`${line}\n`);
  if (!cfg.hideHeader) out(headerLine(cfg.showDetailedStats));

  let client: ConsumerClientSettings;
  let source: PerfSource;
  const fetches = new RequestMetrics('Fetch');
  let maxPollRecords: number;
  try {
    client = consumerClientSettings(cfg.props);
    maxPollRecords = Math.max(1, Number(cfg.props.get('max.poll.records') ?? '500') || 500);
    const addresses = new AddressBook(client.brokers.join(','));
    await addresses.resolve(client.brokers.map((b) => parseHostPort(b)?.host ?? b));
    const bridge = createClientLogBridge(
      (l) => io.writeErr(l),
      `[Consumer clientId=${client.clientId}, groupId=${client.groupId}] `,
      addresses,
    );
    const kafka = consumerKafka(client, bridge.logCreator);
    source = groupPerfSource(kafka, client, cfg.topic);
    source.consumer.on(source.consumer.events.REQUEST, fetches.listener);
  } catch (err) {
    io.writeErr(`Exception in thread "main" ${exceptionLine(toJavaException(rootCause(err)))}`);
    return 1;
  }

  const startMs = Date.now();
  const loop = new PollLoop(cfg, out);
  let failure: unknown;
  try {
    await consume(source, loop, maxPollRecords);
  } catch (err) {
    failure = err;
  }
  const endMs = Date.now();
  if (failure === undefined && !loop.done) out(timeoutWarning(cfg.recordFetchTimeoutMs));
  await source.stop();
  if (failure !== undefined) {
    io.writeErr(`Exception in thread "main" ${exceptionLine(toJavaException(rootCause(failure)))}`);
    return 1;
  }
  if (!cfg.showDetailedStats)
    out(
      totalLine(
        {
          startMs,
          endMs,
          bytes: loop.bytesRead,
          messages: loop.messagesRead,
          joinGroupTimeMs: loop.joinTimeMs,
        },
        cfg.dateFormat,
      ),
    );
  if (cfg.printMetrics)
    for (const line of metricsTable(consumerMetrics(client.clientId, loop, fetches, endMs - startMs)))
      out(line);
  await io.writeOut('');
  return 0;
}
