/**
 * `kafka-consumer-perf-test.sh` options (Kafka 2.8's `ConsumerPerformance.ConsumerPerfConfig`, a
 * jopt-simple parser): the table and the checks in Kafka's order. Names, value types, `describedAs`
 * labels and defaults are Kafka's; the descriptions are our own.
 *
 * As in Kafka, the command line is parsed without catching jopt-simple's errors (an unknown option,
 * a missing argument, `--bootstrap-server` absent without `--broker-list`): they end the tool as an
 * uncaught exception. `--help` (and no other problem) prints the usage; missing `--topic` or
 * `--messages` is a usage error.
 */
import { AdminError } from '../../admin/errors';
import {
  JoptError,
  ParsedOptions,
  UsageError,
  HELP_OPTION,
  VERSION_OPTION,
  type ConsoleOptionSpec,
} from '../console/options';
import { SimpleDateFormat } from './java-format';

export const CONSUMER_PERF_HELP_MESSAGE =
  'This tool helps in performance test for the full zookeeper consumer';

/** The option table; the default group is drawn once per run, as Kafka's is, and shown in the help. */
export const consumerPerfOptions = (defaultGroup: string): readonly ConsoleOptionSpec[] => [
  {
    name: 'bootstrap-server',
    arg: { type: 'String', describedAs: 'server to connect to' },
    description: 'REQUIRED unless --broker-list (deprecated) is given. The broker(s) to connect to.',
  },
  {
    name: 'broker-list',
    arg: { type: 'String', describedAs: 'broker-list' },
    description:
      'DEPRECATED, use --bootstrap-server instead (ignored when --bootstrap-server is given). The brokers ' +
      'to connect to, as HOST1:PORT1,HOST2:PORT2.',
  },
  {
    name: 'consumer.config',
    arg: { type: 'String', describedAs: 'config file' },
    description: 'A properties file of consumer settings.',
  },
  {
    name: 'date-format',
    arg: { type: 'String', describedAs: 'date format', default: 'yyyy-MM-dd HH:mm:ss:SSS' },
    description: 'How the time fields are printed, as a java.text.SimpleDateFormat pattern.',
  },
  {
    name: 'fetch-size',
    arg: { type: 'Integer', describedAs: 'size', default: '1048576' },
    description: 'How many bytes to fetch per partition in one request.',
  },
  {
    name: 'from-latest',
    description:
      'Without a committed offset, start at the end of the log (new messages only) instead of at its beginning.',
  },
  {
    name: 'group',
    arg: { type: 'String', describedAs: 'gid', default: defaultGroup },
    description: 'The consumer group to consume in.',
  },
  HELP_OPTION,
  { name: 'hide-header', description: 'Do not print the header line of the statistics.' },
  {
    name: 'messages',
    arg: { type: 'Long', describedAs: 'count' },
    description: 'REQUIRED: how many messages to consume.',
  },
  {
    name: 'num-fetch-threads',
    arg: { type: 'Integer', describedAs: 'count', default: '1' },
    description: 'The number of fetcher threads (accepted and ignored, as in Kafka 2.8).',
  },
  { name: 'print-metrics', description: 'Print the consumer metrics at the end.' },
  {
    name: 'reporting-interval',
    arg: { type: 'Integer', describedAs: 'interval_ms', default: '5000' },
    description: 'How often to print progress with --show-detailed-stats, in ms.',
  },
  {
    name: 'show-detailed-stats',
    description: 'Print statistics for every reporting interval (see --reporting-interval).',
  },
  {
    name: 'socket-buffer-size',
    arg: { type: 'Integer', describedAs: 'size', default: '2097152' },
    description: 'The TCP receive buffer size.',
  },
  {
    name: 'threads',
    arg: { type: 'Integer', describedAs: 'count', default: '10' },
    description: 'The number of processing threads (accepted and ignored, as in Kafka 2.8).',
  },
  {
    name: 'timeout',
    arg: { kind: 'optional', type: 'Long', describedAs: 'milliseconds', default: '10000' },
    description: 'Stop when no message has arrived for this long, in ms.',
  },
  {
    name: 'topic',
    arg: { type: 'String', describedAs: 'topic' },
    description: 'REQUIRED: the topic to consume from.',
  },
  VERSION_OPTION,
];

export interface ConsumerPerfConfig {
  topic: string;
  numMessages: number;
  reportingIntervalMs: number;
  showDetailedStats: boolean;
  hideHeader: boolean;
  printMetrics: boolean;
  recordFetchTimeoutMs: number;
  dateFormat: SimpleDateFormat;
  /** The consumer properties as Kafka sets them. */
  props: Map<string, string>;
}

export type ConsumerPerfArgs =
  { kind: 'help' } | { kind: 'version' } | { kind: 'run'; config: ConsumerPerfConfig };

/** Kafka's default group: `perf-consumer-` and a random number below 100000. */
export function randomPerfGroup(random: () => number = Math.random): string {
  return `perf-consumer-${Math.floor(random() * 100000)}`;
}

/** jopt-simple's parse errors, which ConsumerPerformance does not catch. */
function parseOptions(args: readonly string[], defaultGroup: string): ParsedOptions {
  let opts: ParsedOptions;
  try {
    opts = new ParsedOptions(consumerPerfOptions(defaultGroup), args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    const kind = /requires an argument/.test(err.message)
      ? 'OptionMissingRequiredArgumentException'
      : 'UnrecognizedOptionException';
    throw new JoptError(`joptsimple.${kind}`, err.message);
  }
  // --bootstrap-server is requiredUnless("broker-list"); --help (a help option) lifts the check.
  if (!opts.has('help') && !opts.has('bootstrap-server') && !opts.has('broker-list'))
    throw new JoptError(
      'joptsimple.MissingRequiredOptionsException',
      'Missing required option(s) [bootstrap-server]',
    );
  return opts;
}

/**
 * Parse and check, in Kafka's order. Throws UsageError (message + usage on stderr, exit 1), or a
 * JoptError / AdminError for what Kafka leaves uncaught (`Exception in thread "main" ...`).
 */
export function parseConsumerPerfArgs(
  args: readonly string[],
  loadProperties: (file: string) => Map<string, string>,
  defaultGroup: string = randomPerfGroup(),
): ConsumerPerfArgs {
  const opts = parseOptions(args, defaultGroup);
  if (args.length === 0 || opts.has('help')) return { kind: 'help' };
  if (opts.has('version')) return { kind: 'version' };
  for (const required of ['topic', 'messages'])
    if (!opts.has(required)) throw new UsageError(`Missing required argument "[${required}]"`);

  const printMetrics = opts.has('print-metrics');
  const configFile = opts.valueOf('consumer.config');
  const props = configFile === undefined ? new Map<string, string>() : new Map(loadProperties(configFile));
  const bootstrap = opts.has('bootstrap-server')
    ? opts.valueOf('bootstrap-server')
    : opts.valueOf('broker-list');
  props.set('bootstrap.servers', bootstrap ?? '');
  // --group (or its random default) wins over a group.id in the file, as in Kafka.
  props.set('group.id', opts.valueOf('group') ?? defaultGroup);
  props.set('receive.buffer.bytes', String(opts.numberOf('socket-buffer-size')));
  props.set('max.partition.fetch.bytes', String(opts.numberOf('fetch-size')));
  props.set('auto.offset.reset', opts.has('from-latest') ? 'latest' : 'earliest');
  props.set('check.crcs', 'false');

  opts.numberOf('threads');
  const topic = opts.valueOf('topic') ?? '';
  const numMessages = opts.numberOf('messages') ?? 0;
  const reportingIntervalMs = opts.numberOf('reporting-interval') ?? 5000;
  if (reportingIntervalMs <= 0)
    throw new AdminError('java.lang.IllegalArgumentException', 'Reporting interval must be greater than 0.');
  const dateFormat = new SimpleDateFormat(opts.valueOf('date-format') ?? 'yyyy-MM-dd HH:mm:ss:SSS');
  return {
    kind: 'run',
    config: {
      topic,
      numMessages,
      reportingIntervalMs,
      showDetailedStats: opts.has('show-detailed-stats'),
      hideHeader: opts.has('hide-header'),
      printMetrics,
      recordFetchTimeoutMs: opts.numberOf('timeout') ?? 10000,
      dateFormat,
      props,
    },
  };
}
