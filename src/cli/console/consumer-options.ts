/**
 * `kafka-console-consumer.sh` options (Kafka 2.8's `ConsoleConsumer.ConsumerConfig`): the table, and
 * the checks and property merging in Kafka's order. Names, value types, `describedAs` labels and
 * defaults are Kafka's; the descriptions are our own.
 */
import { createFormatter, DEFAULT_FORMATTER, type MessageFormatter } from './formatter';
import {
  HELP_OPTION,
  ParsedOptions,
  parseKeyValueArgs,
  UsageError,
  VERSION_OPTION,
  type ConsoleOptionSpec,
} from './options';

export const CONSUMER_HELP_MESSAGE =
  'This tool helps to read data from Kafka topics and outputs it to standard output.';

export const CONSUMER_OPTIONS: readonly ConsoleOptionSpec[] = [
  {
    name: 'bootstrap-server',
    arg: { type: 'String', describedAs: 'server to connect to' },
    description: 'REQUIRED: the broker(s) to connect to.',
  },
  {
    name: 'consumer-property',
    arg: { type: 'String', describedAs: 'consumer_prop' },
    description: 'A consumer setting, as key=value (may be repeated).',
  },
  {
    name: 'consumer.config',
    arg: { type: 'String', describedAs: 'config file' },
    description: 'A properties file of consumer settings; --consumer-property values win over it.',
  },
  {
    name: 'enable-systest-events',
    description: "Also print the consumer's lifecycle events (meant for Kafka's system tests).",
  },
  {
    name: 'formatter',
    arg: { type: 'String', describedAs: 'class', default: DEFAULT_FORMATTER },
    description: 'The class that turns each record into output.',
  },
  {
    name: 'from-beginning',
    description:
      'When the consumer has no committed offset to resume from, start at the oldest record in the log ' +
      'instead of the newest.',
  },
  {
    name: 'group',
    arg: { type: 'String', describedAs: 'consumer group id' },
    description: 'The consumer group to join.',
  },
  HELP_OPTION,
  {
    name: 'isolation-level',
    arg: { type: 'String', default: 'read_uncommitted' },
    description:
      'read_committed hides records of transactions that were not committed; read_uncommitted shows ' +
      'every record.',
  },
  { name: 'key-deserializer', arg: { type: 'String', describedAs: 'deserializer for key' }, description: '' },
  {
    name: 'max-messages',
    arg: { type: 'Integer', describedAs: 'num_messages' },
    description: 'Exit after this many records. Without it the consumer runs until stopped.',
  },
  {
    name: 'offset',
    arg: { type: 'String', describedAs: 'consume offset', default: 'latest' },
    description:
      "Where to start in the partition: a non-negative offset, 'earliest' for the beginning or " +
      "'latest' for the end.",
  },
  {
    name: 'partition',
    arg: { type: 'Integer', describedAs: 'partition' },
    description: "The one partition to read; reading starts at its end unless '--offset' says otherwise.",
  },
  {
    name: 'property',
    arg: { type: 'String', describedAs: 'prop' },
    description:
      'A key=value setting for the message formatter (may be repeated). The default formatter knows:\n' +
      '\tprint.timestamp=true|false\n' +
      '\tprint.key=true|false\n' +
      '\tprint.offset=true|false\n' +
      '\tprint.partition=true|false\n' +
      '\tprint.headers=true|false\n' +
      '\tprint.value=true|false\n' +
      '\tkey.separator=<key.separator>\n' +
      '\tline.separator=<line.separator>\n' +
      '\theaders.separator=<line.separator>\n' +
      '\tnull.literal=<null.literal>\n' +
      '\tkey.deserializer=<key.deserializer>\n' +
      '\tvalue.deserializer=<value.deserializer>\n' +
      '\theader.deserializer=<header.deserializer>\n' +
      '\n' +
      "Custom formatters get every property; those starting with 'key.deserializer.', " +
      "'value.deserializer.' or 'headers.deserializer.' configure the matching deserializer.",
  },
  {
    name: 'skip-message-on-error',
    description: 'Skip a record that cannot be processed instead of stopping.',
  },
  {
    name: 'timeout-ms',
    arg: { type: 'Integer', describedAs: 'timeout_ms' },
    description: 'Exit when no record has arrived for this long.',
  },
  { name: 'topic', arg: { type: 'String', describedAs: 'topic' }, description: 'The topic to read.' },
  {
    name: 'value-deserializer',
    arg: { type: 'String', describedAs: 'deserializer for values' },
    description: '',
  },
  VERSION_OPTION,
  {
    name: 'whitelist',
    arg: { type: 'String', describedAs: 'whitelist' },
    description: 'A regular expression: read every topic whose name matches it.',
  },
];

/** Where an assigned partition starts (`--offset`, or `--from-beginning`). */
export type StartOffset = 'earliest' | 'latest' | bigint;

export interface ConsumerSettings {
  topic: string | undefined;
  whitelist: string | undefined;
  partition: number | undefined;
  offset: StartOffset;
  fromBeginning: boolean;
  /** Whether the group came from the user (else a random `console-consumer-N` without commits). */
  groupIdPassed: boolean;
  /** `--consumer.config` then `--consumer-property`, with `group.id` (and enable.auto.commit) settled. */
  consumerProps: Map<string, string>;
  bootstrapServer: string;
  /** `--isolation-level` if given (it wins over the properties), else its default. */
  isolationLevel: { value: string; explicit: boolean };
  formatter: MessageFormatter;
  maxMessages: number;
  timeoutMs: number;
  skipMessageOnError: boolean;
  enableSystestEvents: boolean;
}

export type ConsumerArgs =
  { kind: 'help' } | { kind: 'version' } | { kind: 'run'; settings: ConsumerSettings };

/** Kafka's throwaway group: `console-consumer-` and a random number below 100000. */
export function randomGroupId(random: () => number = Math.random): string {
  return `console-consumer-${Math.floor(random() * 100000)}`;
}

function offsetArg(raw: string): StartOffset {
  const lower = raw.toLowerCase();
  if (lower === 'earliest' || lower === 'latest') return lower;
  const invalid = (): UsageError =>
    new UsageError(
      `The provided offset value '${raw}' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.`,
    );
  if (!/^[+-]?\d+$/.test(raw)) throw invalid();
  const n = BigInt(raw);
  if (n < 0n || n > 0x7fffffffffffffffn) throw invalid();
  return n;
}

/**
 * `ConsumerConfig`'s parse and checks, in Kafka's order. Throws UsageError (usage on stderr), or a
 * JoptError / AdminError that Kafka leaves uncaught (`Exception in thread "main" ...`).
 */
export function parseConsumerArgs(
  args: readonly string[],
  loadProperties: (file: string) => Map<string, string>,
  random: () => number = Math.random,
): ConsumerArgs {
  const opts = new ParsedOptions(CONSUMER_OPTIONS, args);
  if (args.length === 0 || opts.has('help')) return { kind: 'help' };
  if (opts.has('version')) return { kind: 'version' };

  const extraProps = parseKeyValueArgs(opts.valuesOf('consumer-property'));
  const configFile = opts.valueOf('consumer.config');
  const fileProps = configFile === undefined ? new Map<string, string>() : loadProperties(configFile);
  const fromBeginning = opts.has('from-beginning');
  const partition = opts.numberOf('partition');
  const formatterArgs = parseKeyValueArgs(opts.valuesOf('property'));
  const maxMessages = opts.numberOf('max-messages') ?? -1;
  const timeoutMs = opts.numberOf('timeout-ms') ?? -1;
  const bootstrapServer = opts.valueOf('bootstrap-server');
  const keyDeserializer = opts.valueOf('key-deserializer');
  const valueDeserializer = opts.valueOf('value-deserializer');
  if (keyDeserializer !== undefined && keyDeserializer !== '')
    formatterArgs.set('key.deserializer', keyDeserializer);
  if (valueDeserializer !== undefined && valueDeserializer !== '')
    formatterArgs.set('value.deserializer', valueDeserializer);
  const formatter = createFormatter(opts.valueOf('formatter') ?? DEFAULT_FORMATTER, formatterArgs);

  if (opts.has('topic') === opts.has('whitelist'))
    throw new UsageError('Exactly one of whitelist/topic is required.');
  const topic = opts.valueOf('topic');
  const whitelist = opts.valueOf('whitelist');

  if (partition !== undefined) {
    if (!opts.has('topic')) throw new UsageError('The topic is required when partition is specified.');
    if (fromBeginning && opts.has('offset'))
      throw new UsageError('Options from-beginning and offset cannot be specified together.');
  } else if (opts.has('offset')) throw new UsageError('The partition is required when offset is specified.');

  const offset: StartOffset = opts.has('offset')
    ? offsetArg(opts.valueOf('offset') ?? '')
    : fromBeginning
      ? 'earliest'
      : 'latest';

  if (!opts.has('bootstrap-server')) throw new UsageError('Missing required argument "[bootstrap-server]"');

  // The group may come from --group, the config file or --consumer-property; given twice it must agree.
  const provided = new Set<string>();
  for (const g of [opts.valueOf('group'), fileProps.get('group.id'), extraProps.get('group.id')])
    if (g !== undefined) provided.add(g);
  if (provided.size > 1)
    throw new UsageError(
      "The group ids provided in different places (directly using '--group', via '--consumer-property', " +
        `or via '--consumer.config') do not match. Detected group ids: '${[...provided].join("', '")}'`,
    );
  const [group] = provided;
  const groupIdPassed = group !== undefined;
  if (group !== undefined) fileProps.set('group.id', group);
  else {
    fileProps.set('group.id', randomGroupId(random));
    // The throwaway group's offsets are never needed again, so by default they are not committed.
    if (!fileProps.has('enable.auto.commit')) fileProps.set('enable.auto.commit', 'false');
  }
  if (groupIdPassed && partition !== undefined)
    throw new UsageError('Options group and partition cannot be specified together.');

  const consumerProps = new Map([...fileProps, ...extraProps]);
  return {
    kind: 'run',
    settings: {
      topic,
      whitelist,
      partition,
      offset,
      fromBeginning,
      groupIdPassed,
      consumerProps,
      bootstrapServer: bootstrapServer ?? '',
      isolationLevel: {
        value: opts.valueOf('isolation-level') ?? 'read_uncommitted',
        explicit: opts.has('isolation-level'),
      },
      formatter,
      maxMessages,
      timeoutMs,
      skipMessageOnError: opts.has('skip-message-on-error'),
      enableSystestEvents: opts.has('enable-systest-events'),
    },
  };
}

/**
 * `ConsoleConsumer.consumerProps` (run time): the properties plus `auto.offset.reset` (from
 * --from-beginning unless set explicitly), `bootstrap.servers` and `isolation.level`. Returns the
 * conflict message Kafka prints (then exits 1) when --from-beginning meets another reset value.
 */
export function effectiveConsumerProps(s: ConsumerSettings): Map<string, string> | { conflict: string } {
  const props = new Map(s.consumerProps);
  const reset = props.get('auto.offset.reset');
  if (reset !== undefined) {
    if (s.fromBeginning && reset !== 'earliest')
      return {
        conflict: `Can't simultaneously specify --from-beginning and 'auto.offset.reset=${reset}', please remove one option`,
      };
  } else props.set('auto.offset.reset', s.fromBeginning ? 'earliest' : 'latest');
  props.set('bootstrap.servers', s.bootstrapServer);
  if (s.isolationLevel.explicit || !props.has('isolation.level'))
    props.set('isolation.level', s.isolationLevel.value);
  return props;
}
