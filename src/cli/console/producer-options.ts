/**
 * `kafka-console-producer.sh` options (Kafka 2.8's `ConsoleProducer.ProducerConfig`): the table, and
 * the checks and property merging in Kafka's order. Names, value types, `describedAs` labels and
 * defaults are Kafka's; the descriptions are our own.
 */
import { AdminError } from '../../admin/errors';
import {
  HELP_OPTION,
  ParsedOptions,
  parseKeyValueArgs,
  UsageError,
  validatePortOrDie,
  VERSION_OPTION,
  type ConsoleOptionSpec,
} from './options';

export const PRODUCER_HELP_MESSAGE =
  'This tool helps to read data from standard input and publish it to Kafka.';
export const LINE_MESSAGE_READER = 'kafka.tools.ConsoleProducer$LineMessageReader';

export const PRODUCER_OPTIONS: readonly ConsoleOptionSpec[] = [
  {
    name: 'batch-size',
    arg: { type: 'Integer', describedAs: 'size', default: '200' },
    description: 'How many messages to group into one batch when not sending synchronously.',
  },
  {
    name: 'bootstrap-server',
    arg: { type: 'String', describedAs: 'server to connect to' },
    description:
      'REQUIRED unless --broker-list (deprecated) is given. The broker(s) to connect to, as ' +
      'HOST1:PORT1,HOST2:PORT2.',
  },
  {
    name: 'broker-list',
    arg: { type: 'String', describedAs: 'broker-list' },
    description:
      'DEPRECATED, use --bootstrap-server instead (this one is ignored when --bootstrap-server is ' +
      'given). The brokers to connect to, as HOST1:PORT1,HOST2:PORT2.',
  },
  {
    name: 'compression-codec',
    arg: { kind: 'optional', type: 'String', describedAs: 'compression-codec' },
    description:
      "The codec to compress batches with: 'none', 'gzip', 'snappy', 'lz4' or 'zstd'. Given without " +
      "a value it means 'gzip'.",
  },
  HELP_OPTION,
  {
    name: 'line-reader',
    arg: { type: 'String', describedAs: 'reader_class', default: LINE_MESSAGE_READER },
    description: 'The class that turns standard input into messages; by default every line is one message.',
  },
  {
    name: 'max-block-ms',
    arg: { type: 'Long', describedAs: 'max block on send', default: '60000' },
    description: 'The longest a send may wait (for metadata or buffer space) before it fails.',
  },
  {
    name: 'max-memory-bytes',
    arg: { type: 'Long', describedAs: 'total memory in bytes', default: '33554432' },
    description: 'The memory the producer may use for records waiting to be sent.',
  },
  {
    name: 'max-partition-memory-bytes',
    arg: { type: 'Long', describedAs: 'memory in bytes per partition', default: '16384' },
    description:
      'The batch size per partition: smaller records are grouped together until a batch reaches this size.',
  },
  {
    name: 'message-send-max-retries',
    arg: { type: 'Integer', default: '3' },
    description:
      'How many times a failed send is retried (a broker may be briefly unavailable, among other ' +
      'reasons) before the message is given up.',
  },
  {
    name: 'metadata-expiry-ms',
    arg: { type: 'Long', describedAs: 'metadata expiration interval', default: '300000' },
    description: 'How often metadata is refreshed even when no leadership change has been seen, in ms.',
  },
  {
    name: 'producer-property',
    arg: { type: 'String', describedAs: 'producer_prop' },
    description: 'A producer setting, as key=value (may be repeated).',
  },
  {
    name: 'producer.config',
    arg: { type: 'String', describedAs: 'config file' },
    description: 'A properties file of producer settings; --producer-property values win over it.',
  },
  {
    name: 'property',
    arg: { type: 'String', describedAs: 'prop' },
    description:
      'A key=value setting for the message reader (may be repeated). The default reader knows:\n' +
      '\tparse.key=true|false\n' +
      '\tkey.separator=<key.separator>\n' +
      '\tignore.error=true|false',
  },
  {
    name: 'request-required-acks',
    arg: { type: 'String', describedAs: 'request required acks', default: '1' },
    description: 'The acknowledgements the producer asks the brokers for.',
  },
  {
    name: 'request-timeout-ms',
    arg: { type: 'Integer', describedAs: 'request timeout ms', default: '1500' },
    description: 'How long a produce request may wait for its acknowledgements; must be above zero.',
  },
  {
    name: 'retry-backoff-ms',
    arg: { type: 'Integer', default: '100' },
    description:
      'The pause before each retry, during which the producer refreshes its metadata (a leader election ' +
      'takes a moment).',
  },
  {
    name: 'socket-buffer-size',
    arg: { type: 'Integer', describedAs: 'size', default: '102400' },
    description: 'The TCP send buffer size.',
  },
  {
    name: 'sync',
    description: 'Send each message on its own and wait for it to be acknowledged before reading the next.',
  },
  {
    name: 'timeout',
    arg: { type: 'Integer', describedAs: 'timeout_ms', default: '1000' },
    description:
      'When sending asynchronously, the longest a message waits for its batch to fill up before the ' +
      'batch is sent, in ms.',
  },
  {
    name: 'topic',
    arg: { type: 'String', describedAs: 'topic' },
    description: 'REQUIRED: the topic to send the messages to.',
  },
  VERSION_OPTION,
];

/** Everything the producer needs, as Kafka's `ConsoleProducer` computes it. */
export interface ProducerSettings {
  topic: string;
  sync: boolean;
  /** The reader's properties: `topic` plus every `--property`. */
  readerProps: Map<string, string>;
  /** The producer's properties after Kafka's merging (config file, --producer-property, options). */
  producerProps: Map<string, string>;
}

export type ProducerArgs =
  { kind: 'help' } | { kind: 'version' } | { kind: 'run'; settings: ProducerSettings };

/**
 * `ProducerConfig`'s parse and checks, in Kafka's order. Throws UsageError (usage on stderr),
 * JoptError (just the message on stderr) or an AdminError for a Java exception (e.g. an unreadable
 * --producer.config: `java.io.FileNotFoundException`).
 */
export function parseProducerArgs(
  args: readonly string[],
  loadProperties: (file: string) => Map<string, string>,
): ProducerArgs {
  const opts = new ParsedOptions(PRODUCER_OPTIONS, args);
  // --help and --version are jopt-simple help options: with one of them the required checks are skipped.
  if (opts.has('help')) return { kind: 'help' };
  if (opts.has('version')) return { kind: 'version' };
  // jopt-simple's requiredUnless("broker-list"), checked at parse time.
  if (!opts.has('bootstrap-server') && !opts.has('broker-list'))
    throw new UsageError('Missing required option(s) [bootstrap-server]');
  if (!opts.has('topic')) throw new UsageError('Missing required argument "[topic]"');

  const topic = opts.valueOf('topic') ?? '';
  const hostPorts = opts.has('bootstrap-server')
    ? opts.valueOf('bootstrap-server')
    : opts.valueOf('broker-list');
  validatePortOrDie(hostPorts ?? '');
  const codecValue = opts.valueOf('compression-codec');
  const compression = opts.has('compression-codec')
    ? codecValue === undefined || codecValue === ''
      ? 'gzip'
      : codecValue
    : 'none';
  opts.numberOf('batch-size'); // parsed (and so validated) but unused, as in Kafka 2.8
  const readerClass = opts.valueOf('line-reader') ?? LINE_MESSAGE_READER;
  if (readerClass !== LINE_MESSAGE_READER)
    throw new AdminError('java.lang.ClassNotFoundException', readerClass);
  const readerProps = new Map([['topic', topic], ...parseKeyValueArgs(opts.valuesOf('property'))]);
  const extraProps = parseKeyValueArgs(opts.valuesOf('producer-property'));

  // ConsoleProducer.producerProps
  const configFile = opts.valueOf('producer.config');
  const props = configFile === undefined ? new Map<string, string>() : loadProperties(configFile);
  for (const [k, v] of extraProps) props.set(k, v);
  props.set('bootstrap.servers', hostPorts ?? '');
  props.set('compression.type', compression);
  if (!props.has('client.id')) props.set('client.id', 'console-producer');
  const merge = (key: string, option: string): void => {
    // CommandLineUtils.maybeMergeOptions: an explicit option wins, else a property, else the default.
    if (opts.has(option) || !props.has(key)) {
      const spec = PRODUCER_OPTIONS.find((s) => s.name === option);
      const value = spec?.arg?.type === 'String' ? opts.valueOf(option) : opts.numberOf(option)?.toString();
      if (value === undefined) props.delete(key);
      else props.set(key, value);
    }
  };
  merge('linger.ms', 'timeout');
  merge('acks', 'request-required-acks');
  merge('request.timeout.ms', 'request-timeout-ms');
  merge('retries', 'message-send-max-retries');
  merge('retry.backoff.ms', 'retry-backoff-ms');
  merge('send.buffer.bytes', 'socket-buffer-size');
  merge('buffer.memory', 'max-memory-bytes');
  merge('batch.size', 'max-partition-memory-bytes');
  merge('metadata.max.age.ms', 'metadata-expiry-ms');
  merge('max.block.ms', 'max-block-ms');

  return {
    kind: 'run',
    settings: { topic, sync: opts.has('sync'), readerProps, producerProps: props },
  };
}
