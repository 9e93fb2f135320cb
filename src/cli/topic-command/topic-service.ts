/**
 * The contract between `kafka-topics` and a cluster: one TopicService per mode (ZooKeeper now,
 * bootstrap-server through the Admin API later), plus what both share: reading the topic arguments
 * (Kafka's `CommandTopicPartition`), config and replica-assignment parsing, the `--topic` regex filter
 * and the "does not exist as expected" check. Services print through the injected ToolOutput.
 */
import {
  AdminCommandFailedError,
  AdminError,
  AdminOperationError,
  IllegalArgumentError,
} from '../../admin/errors';
import {
  isInternalTopic,
  validateTopicConfigNames,
  validateTopicConfigs,
} from '../../admin/topic-validation';
import type { TopicCommandOptions } from './options';

/** Where the tool writes: whole lines, without the newline. */
export interface ToolOutput {
  out(line: string): void;
  err(line: string): void;
}

/** The topic-related arguments of one command, read and validated once (Kafka's `CommandTopicPartition`). */
export interface CommandTopicPartition {
  name: string;
  partitions: number | undefined;
  replicationFactor: number | undefined;
  /** From `--replica-assignment`: list position -> brokers, in the order given. */
  replicaAssignment: Map<number, number[]> | undefined;
  configsToAdd: Map<string, string>;
  configsToDelete: string[];
  rackAwareMode: 'enforced' | 'disabled';
  ifTopicDoesntExist: boolean;
}

/** One implementation per connection mode; each prints its own mode's output. */
export interface TopicService {
  createTopic(topic: CommandTopicPartition): Promise<void>;
  listTopics(opts: TopicCommandOptions): Promise<void>;
  alterTopic(opts: TopicCommandOptions): Promise<void>;
  describeTopic(opts: TopicCommandOptions): Promise<void>;
  deleteTopic(opts: TopicCommandOptions): Promise<void>;
  /** All topics, sorted, filtered by the `--topic` regex and `--exclude-internal`. */
  getTopics(includeList: string | undefined, excludeInternalTopics: boolean): Promise<string[]>;
  close(): Promise<void>;
}

/** Java's `String.split(regex)`: trailing empty strings are dropped (unless nothing matched). */
export function javaSplit(s: string, separator: RegExp | string): string[] {
  const parts = s.split(separator);
  if (parts.length === 1) return parts;
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Scala's `"x".toInt`: Java's `Integer.parseInt`, failing with NumberFormatException's text. */
export function javaParseInt(s: string): number {
  const n = /^[+-]?\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isInteger(n) || n < -(2 ** 31) || n > 2 ** 31 - 1)
    throw new AdminError('java.lang.NumberFormatException', `For input string: "${s}"`);
  return n;
}

/** `--config k=v` values as properties, validated as topic configs (Kafka's messages). */
export function parseTopicConfigsToBeAdded(
  opts: TopicCommandOptions,
  output: ToolOutput,
): Map<string, string> {
  const pairs = (opts.topicConfig ?? []).map((c) => javaSplit(c, /\s*=\s*/));
  if (!pairs.every((p) => p.length === 2))
    throw new IllegalArgumentError(
      'requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".',
    );
  const props = new Map<string, string>();
  for (const [k = '', v = ''] of pairs) props.set(k.trim(), v.trim());
  validateTopicConfigs(props);
  const format = props.get('message.format.version');
  if (format !== undefined)
    output.out(
      `WARNING: The configuration message.format.version=${format} is specified. ` +
        'This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker.',
    );
  return props;
}

/** `--delete-config name` values, trimmed, each a known topic config name. */
export function parseTopicConfigsToBeDeleted(opts: TopicCommandOptions): string[] {
  const names = (opts.configsToDelete ?? []).map((n) => n.trim());
  validateTopicConfigNames(names);
  return names;
}

/** An arbitrary-looking identity hash: Kafka prints a Java int array as `[I@<hash>` in one message. */
function javaArrayToString(values: readonly number[]): string {
  const h = values.reduce((acc, v) => (Math.imul(acc, 31) + v) | 0, 0x1b6d3586);
  return `[I@${(h >>> 0).toString(16)}`;
}

/** `0:1,1:2` -> {0: [0,1], 1: [1,2]}, with Kafka's checks and messages. */
export function parseReplicaAssignment(text: string): Map<number, number[]> {
  const result = new Map<number, number[]>();
  const partitionList = javaSplit(text, ',');
  partitionList.forEach((entry, i) => {
    const brokers = javaSplit(entry, ':').map((s) => javaParseInt(s.trim()));
    const duplicates = [...new Set(brokers.filter((b, j) => brokers.indexOf(b) !== j))];
    if (duplicates.length > 0)
      throw new AdminCommandFailedError(
        `Partition replica lists may not contain duplicate entries: ${duplicates.join(',')}`,
      );
    result.set(i, brokers);
    if (brokers.length !== (result.get(0)?.length ?? 0))
      throw new AdminOperationError(
        `Partition ${i} has different replication factor: ${javaArrayToString(brokers)}`,
      );
  });
  return result;
}

/** Reads the topic arguments in Kafka's order (so the first bad one is the one reported). */
export function readCommandTopicPartition(
  opts: TopicCommandOptions,
  output: ToolOutput,
): CommandTopicPartition {
  const name = opts.topic ?? '';
  const partitions = opts.partitions;
  const replicationFactor = opts.replicationFactor;
  const text = opts.replicaAssignmentText;
  const replicaAssignment = text === undefined ? undefined : parseReplicaAssignment(text);
  const configsToAdd = parseTopicConfigsToBeAdded(opts, output);
  const configsToDelete = parseTopicConfigsToBeDeleted(opts);
  return {
    name,
    partitions,
    replicationFactor,
    replicaAssignment,
    configsToAdd,
    configsToDelete,
    rackAwareMode: opts.rackAwareMode,
    ifTopicDoesntExist: opts.ifNotExists,
  };
}

/**
 * Kafka's `IncludeList`: commas become alternatives, spaces and surrounding quotes are dropped, and
 * the regex must match the whole name.
 */
export function topicIncludeFilter(rawRegex: string): (topic: string) => boolean {
  const regex = rawRegex
    .trim()
    .replaceAll(',', '|')
    .replaceAll(' ', '')
    .replace(/^["']+/, '')
    .replace(/["']+$/, '');
  let compiled: RegExp;
  try {
    compiled = new RegExp(`^(?:${regex})$`);
  } catch {
    throw new AdminError('java.lang.RuntimeException', `${regex} is an invalid regex.`);
  }
  return (topic) => compiled.test(topic);
}

/** Sorted topics narrowed by `--topic` and `--exclude-internal` (Kafka's `doGetTopics`). */
export function filterTopics(
  allTopics: readonly string[],
  includeList: string | undefined,
  excludeInternalTopics: boolean,
): string[] {
  const sorted = [...allTopics].sort();
  const include = includeList === undefined ? () => true : topicIncludeFilter(includeList);
  return sorted.filter((t) => include(t) && !(excludeInternalTopics && isInternalTopic(t)));
}

/** `Topic '<t>' does not exist as expected` when a named topic matched nothing and must exist. */
export function ensureTopicExists(
  found: readonly string[],
  requested: string | undefined,
  requireTopicExists: boolean,
): void {
  if (requested !== undefined && requireTopicExists && found.length === 0)
    throw new IllegalArgumentError(`Topic '${requested}' does not exist as expected`);
}
