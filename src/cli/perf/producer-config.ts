/**
 * ProducerPerformance's checks and inputs after argument parsing, in Kafka 2.8's order: the
 * properties (`--producer.config`, then `--producer-props` on top, each `name=value` split at '=' as
 * Java's `split("=")` does), the payload file (split with `--payload-delimiter` as a regex, trailing
 * empty pieces dropped) and the numbers Kafka would trip over. Problems Kafka leaves uncaught are
 * thrown as AdminError (`Exception in thread "main" <class>: <message>`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AdminError } from '../../admin/errors';
import { ArgumentParserError, type RawArgs } from './producer-args';
import { JavaRandom } from './java-format';

export interface ProducerPerfConfig {
  topic: string;
  numRecords: number;
  throughput: number;
  printMetrics: boolean;
  /** The producer properties (before the client applies its defaults). */
  props: Map<string, string>;
  /** A fixed payload (`--record-size`), or undefined with payloads from a file. */
  payload: Buffer | undefined;
  payloads: Buffer[];
  transactionsEnabled: boolean;
}

const illegalArgument = (message: string): AdminError =>
  new AdminError('java.lang.IllegalArgumentException', message);

/** Java's `String.split(regex)`: trailing empty strings are removed. */
export function javaSplit(text: string, regex: string): string[] {
  let re: RegExp;
  try {
    re = new RegExp(regex);
  } catch {
    throw new AdminError('java.util.regex.PatternSyntaxException', `Invalid regex: ${regex}`);
  }
  const pieces = text.split(re);
  while (pieces.length > 1 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces.length === 1 && pieces[0] === '' && text !== '' ? [] : pieces;
}

/** `readProps`: the config file, then every `--producer-props` entry (exactly one '=' each). */
export function producerProps(
  raw: Pick<RawArgs, 'producerConfig' | 'producerConfigFile'>,
  loadProperties: (file: string) => Map<string, string>,
): Map<string, string> {
  const props =
    raw.producerConfigFile === undefined
      ? new Map<string, string>()
      : new Map(loadProperties(raw.producerConfigFile));
  for (const prop of raw.producerConfig ?? []) {
    const pieces = javaSplit(prop, '=');
    if (pieces.length !== 2) throw illegalArgument(`Invalid property: ${prop}`);
    props.set(pieces[0] ?? '', pieces[1] ?? '');
  }
  return props;
}

/** The payload file's records, announced on stdout as Kafka does. */
export function readPayloadFile(file: string, delimiter: string, out: (line: string) => void): Buffer[] {
  const absolute = path.resolve(file);
  out(`Reading payloads from: ${absolute}`);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch {
    text = '';
  }
  if (text === '') throw illegalArgument('File does not exist or empty file provided.');
  const payloads = javaSplit(text, delimiter).map((p) => Buffer.from(p, 'utf8'));
  out(`Number of messages read: ${payloads.length}`);
  return payloads;
}

/** Kafka's fixed payload for `--record-size`: uppercase letters from `new Random(0)`. */
export function randomPayload(size: number, random: JavaRandom): Buffer {
  const payload = Buffer.alloc(size);
  for (let i = 0; i < size; i++) payload[i] = random.nextInt(26) + 65;
  return payload;
}

/** Everything the run needs, or an ArgumentParserError / AdminError as Kafka 2.8 would fail. */
export function producerPerfConfig(
  raw: RawArgs,
  loadProperties: (file: string) => Map<string, string>,
  out: (line: string) => void,
): ProducerPerfConfig & { random: JavaRandom } {
  const topic = raw.topic ?? '';
  const numRecords = raw.numRecords ?? 0;
  if (raw.producerConfig === undefined && raw.producerConfigFile === undefined)
    throw new ArgumentParserError('Either --producer-props or --producer.config must be specified.');
  const payloadDelimiter = raw.payloadDelimiter === '\\n' ? '\n' : raw.payloadDelimiter;
  const payloads =
    raw.payloadFile === undefined ? [] : readPayloadFile(raw.payloadFile, payloadDelimiter, out);
  const props = producerProps(raw, loadProperties);
  if (!props.has('bootstrap.servers'))
    throw new AdminError(
      'org.apache.kafka.common.config.ConfigException',
      'Missing required configuration "bootstrap.servers" which has no default value.',
    );
  const transactionsEnabled = raw.transactionDurationMs > 0;
  if (transactionsEnabled) props.set('transactional.id', raw.transactionalId);
  const random = new JavaRandom(0);
  let payload: Buffer | undefined;
  if (raw.recordSize !== undefined) {
    if (raw.recordSize < 0)
      throw new AdminError('java.lang.NegativeArraySizeException', String(raw.recordSize));
    payload = randomPayload(raw.recordSize, random);
  }
  // Stats(numRecords): numRecords / min(numRecords, 500000) and an array of numRecords + 1 samples.
  if (numRecords === 0) throw new AdminError('java.lang.ArithmeticException', '/ by zero');
  if (numRecords < -1) throw new AdminError('java.lang.NegativeArraySizeException', String(numRecords + 1));
  if (numRecords === -1)
    throw new AdminError('java.lang.ArrayIndexOutOfBoundsException', 'Index 0 out of bounds for length 0');
  return {
    topic,
    numRecords,
    throughput: raw.throughput ?? -1,
    printMetrics: raw.printMetrics,
    props,
    payload,
    payloads,
    transactionsEnabled,
    random,
  };
}
