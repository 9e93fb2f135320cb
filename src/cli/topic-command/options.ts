/**
 * Command-line parsing for `kafka-topics.sh`, with the rules of the jopt-simple parser Kafka uses:
 * `--name value`, `--name=value` or `-name value`; options may repeat (single-valued ones then fail
 * when read); `--` ends the options; other words are ignored non-option arguments. Values are
 * converted when read, so a bad `--partitions` surfaces inside the command, as in Kafka.
 *
 * `checkTopicCommandArgs` applies Kafka's `TopicCommandOptions.checkArgs` in the same order, throwing
 * UsageError (message + option table on stderr, exit 1) or IllegalArgumentError (an uncaught Java
 * exception in Kafka).
 */
import { AdminError, IllegalArgumentError } from '../../admin/errors';
import { optionSpec, type OptionName } from './option-table';

/** Kafka's `printUsageAndDie`: the message, then the option table, on stderr; exit code 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function joptError(exception: string, message: string): AdminError {
  return new AdminError(`joptsimple.${exception}`, message);
}

export interface ParsedOptions {
  values: Map<OptionName, string[]>;
  nonOptions: string[];
}

/** Splits argv into options and values; unknown options and missing values throw as jopt-simple does. */
export function parseArgs(args: readonly string[]): ParsedOptions {
  const values = new Map<OptionName, string[]>();
  const nonOptions: string[] = [];
  let noMoreOptions = false;
  for (let i = 0; i < args.length; i++) {
    const token = args[i] ?? '';
    if (noMoreOptions || token === '-' || !token.startsWith('-')) {
      nonOptions.push(token);
      continue;
    }
    if (token === '--') {
      noMoreOptions = true;
      continue;
    }
    const long = token.startsWith('--');
    const body = token.slice(long ? 2 : 1);
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const spec = optionSpec(name);
    if (spec === undefined) {
      // A single-dash word that is no option is read as a cluster of one-letter options: none exist.
      const shown = long ? name : name.charAt(0);
      throw joptError('UnrecognizedOptionException', `${shown} is not a recognized option`);
    }
    const list = values.get(spec.name as OptionName) ?? [];
    if (spec.arg !== undefined) {
      let value: string | undefined;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (i + 1 < args.length) value = args[++i];
      if (value === undefined)
        throw joptError('OptionMissingRequiredArgumentException', `Option ${name} requires an argument`);
      list.push(value);
    }
    values.set(spec.name as OptionName, list);
  }
  return { values, nonOptions };
}

/** Java's `Integer.valueOf` on a decimal string. */
function parseJavaInt(s: string): number | null {
  if (!/^[+-]?\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= -(2 ** 31) && n <= 2 ** 31 - 1 ? n : null;
}

/** Typed, lazily converted access to the parsed options (Kafka's `TopicCommandOptions`). */
export class TopicCommandOptions {
  readonly parsed: ParsedOptions;

  constructor(readonly args: readonly string[]) {
    this.parsed = parseArgs(args);
  }

  has(name: OptionName): boolean {
    return this.parsed.values.has(name);
  }

  /** Every value given for a repeatable option, or undefined when it is absent. */
  valuesOf(name: OptionName): string[] | undefined {
    return this.parsed.values.get(name);
  }

  /** The single value of an option; giving it twice fails here, as jopt-simple's `valueOf` does. */
  valueOf(name: OptionName): string | undefined {
    const list = this.parsed.values.get(name);
    if (list === undefined || list.length === 0) return undefined;
    if (list.length > 1)
      throw joptError(
        'MultipleArgumentsForOptionException',
        `Found multiple arguments for option ${name}, but you asked for only one`,
      );
    return list[0];
  }

  private intValueOf(name: OptionName): number | undefined {
    const raw = this.valueOf(name);
    if (raw === undefined) return undefined;
    const n = parseJavaInt(raw);
    if (n === null)
      throw joptError(
        'OptionArgumentConversionException',
        `Cannot parse argument '${raw}' of option ${name}`,
      );
    return n;
  }

  get zkConnect(): string | undefined {
    return this.valueOf('zookeeper');
  }
  get bootstrapServer(): string | undefined {
    return this.valueOf('bootstrap-server');
  }
  get commandConfig(): string | undefined {
    return this.valueOf('command-config');
  }
  get topic(): string | undefined {
    return this.valueOf('topic');
  }
  get partitions(): number | undefined {
    return this.intValueOf('partitions');
  }
  get replicationFactor(): number | undefined {
    return this.intValueOf('replication-factor');
  }
  /** The raw `--replica-assignment` text; an empty value counts as not given. */
  get replicaAssignmentText(): string | undefined {
    const v = this.valueOf('replica-assignment');
    return v === undefined || v === '' ? undefined : v;
  }
  get rackAwareMode(): 'enforced' | 'disabled' {
    return this.has('disable-rack-aware') ? 'disabled' : 'enforced';
  }
  get reportUnderReplicatedPartitions(): boolean {
    return this.has('under-replicated-partitions');
  }
  get reportUnavailablePartitions(): boolean {
    return this.has('unavailable-partitions');
  }
  get reportUnderMinIsrPartitions(): boolean {
    return this.has('under-min-isr-partitions');
  }
  get reportAtMinIsrPartitions(): boolean {
    return this.has('at-min-isr-partitions');
  }
  get reportOverriddenConfigs(): boolean {
    return this.has('topics-with-overrides');
  }
  get ifExists(): boolean {
    return this.has('if-exists');
  }
  get ifNotExists(): boolean {
    return this.has('if-not-exists');
  }
  get excludeInternalTopics(): boolean {
    return this.has('exclude-internal');
  }
  get topicConfig(): string[] | undefined {
    return this.valuesOf('config');
  }
  get configsToDelete(): string[] | undefined {
    return this.valuesOf('delete-config');
  }
}

export const NO_ARGS_MESSAGE = 'Create, delete, describe, or change a topic.';
export const HELP_MESSAGE = 'This tool helps to create, delete, describe, or change a topic.';
export const ONE_MODE_MESSAGE = 'Only one of --bootstrap-server or --zookeeper must be specified';
const ACTION_MESSAGE =
  'Command must include exactly one action: --list, --describe, --create, --alter or --delete';
const KAFKA_CONFIGS_HINT =
  ' (the kafka-configs CLI supports altering topic configs with a --bootstrap-server option)';

const ACTIONS: readonly OptionName[] = ['create', 'list', 'alter', 'describe', 'delete'];
const REPORTS: readonly OptionName[] = [
  'under-replicated-partitions',
  'under-min-isr-partitions',
  'at-min-isr-partitions',
  'unavailable-partitions',
];
const actionsExcept = (...keep: OptionName[]): OptionName[] => ACTIONS.filter((a) => !keep.includes(a));
const reportsExcept = (self: OptionName): OptionName[] => REPORTS.filter((r) => r !== self);

/** Options that may not be combined: [used option, options it excludes], in Kafka's check order. */
const INVALID_COMBINATIONS: readonly (readonly [OptionName, readonly OptionName[]])[] = [
  ['config', actionsExcept('alter', 'create')],
  ['delete-config', [...actionsExcept('alter'), 'bootstrap-server']],
  ['partitions', actionsExcept('alter', 'create')],
  ['replication-factor', actionsExcept('create')],
  ['replica-assignment', actionsExcept('create', 'alter')],
];
const REPORT_COMBINATIONS: readonly (readonly [OptionName, readonly OptionName[]])[] = [
  [
    'under-replicated-partitions',
    [...actionsExcept('describe'), ...reportsExcept('under-replicated-partitions'), 'topics-with-overrides'],
  ],
  [
    'under-min-isr-partitions',
    [
      ...actionsExcept('describe'),
      ...reportsExcept('under-min-isr-partitions'),
      'topics-with-overrides',
      'zookeeper',
    ],
  ],
  [
    'at-min-isr-partitions',
    [
      ...actionsExcept('describe'),
      ...reportsExcept('at-min-isr-partitions'),
      'topics-with-overrides',
      'zookeeper',
    ],
  ],
  [
    'unavailable-partitions',
    [...actionsExcept('describe'), ...reportsExcept('unavailable-partitions'), 'topics-with-overrides'],
  ],
  ['topics-with-overrides', [...actionsExcept('describe'), ...REPORTS]],
  ['if-exists', actionsExcept('alter', 'delete', 'describe')],
  ['if-not-exists', actionsExcept('create')],
  ['exclude-internal', actionsExcept('list', 'describe')],
];

function requireArgs(opts: TopicCommandOptions, ...required: OptionName[]): void {
  for (const r of required) if (!opts.has(r)) throw new UsageError(`Missing required argument "[${r}]"`);
}

function checkInvalid(opts: TopicCommandOptions, used: OptionName, invalid: readonly OptionName[]): void {
  if (!opts.has(used)) return;
  for (const other of invalid)
    if (opts.has(other)) throw new UsageError(`Option "[${used}]" can't be used with option "[${other}]"`);
}

/** Kafka's argument checks. Returns 'version' when only the version is to be printed. */
export function checkTopicCommandArgs(opts: TopicCommandOptions): 'run' | 'version' {
  if (opts.args.length === 0) throw new UsageError(NO_ARGS_MESSAGE);
  if (opts.has('help')) throw new UsageError(HELP_MESSAGE);
  if (opts.has('version')) return 'version';
  if (ACTIONS.filter((a) => opts.has(a)).length !== 1) throw new UsageError(ACTION_MESSAGE);
  const bootstrap = opts.has('bootstrap-server');
  if (bootstrap === opts.has('zookeeper')) throw new IllegalArgumentError(ONE_MODE_MESSAGE);
  if (opts.has('describe') && opts.has('if-exists')) requireArgs(opts, 'topic');
  if (!opts.has('list') && !opts.has('describe')) requireArgs(opts, 'topic');
  if (opts.has('create') && !opts.has('replica-assignment') && !bootstrap)
    requireArgs(opts, 'partitions', 'replication-factor');
  if (bootstrap && opts.has('alter')) {
    if (opts.has('config') && opts.has('alter'))
      throw new UsageError(
        `Option combination "[bootstrap-server],[config]" can't be used with option "[alter]"${KAFKA_CONFIGS_HINT}`,
      );
    requireArgs(opts, 'partitions');
  }
  for (const [used, invalid] of INVALID_COMBINATIONS) checkInvalid(opts, used, invalid);
  if (opts.has('create')) checkInvalid(opts, 'replica-assignment', ['partitions', 'replication-factor']);
  for (const [used, invalid] of REPORT_COMBINATIONS) checkInvalid(opts, used, invalid);
  return 'run';
}
