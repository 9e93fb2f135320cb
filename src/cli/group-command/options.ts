/**
 * Command-line parsing and checks for `kafka-consumer-groups.sh`, following jopt-simple (Kafka's
 * parser): `--name value`, `--name=value`; repeatable options; `--state` takes an optional value;
 * `--members`, `--offsets`, `--verbose` need `--describe`, `--state` needs `--describe` or `--list`.
 * Parse errors are jopt-simple exceptions (uncaught in Kafka: `Exception in thread "main" ...`);
 * `checkGroupCommandArgs` applies ConsumerGroupCommandOptions.checkArgs and the action count,
 * throwing UsageError (message and option table on stderr, exit 1).
 */
import { AdminError } from '../../admin/errors';
import { groupOptionSpec } from './option-table';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const jopt = (exception: string, message: string): AdminError =>
  new AdminError(`joptsimple.${exception}`, message);

export const TOOL_DESCRIPTION =
  'This tool helps to list all consumer groups, describe a consumer group, delete consumer group info, or reset consumer group offsets.';
const ACTIONS = ['list', 'describe', 'delete', 'reset-offsets', 'delete-offsets'] as const;
const SCENARIOS = [
  'to-offset',
  'shift-by',
  'to-datetime',
  'by-duration',
  'to-earliest',
  'to-latest',
  'to-current',
  'from-file',
];

/** Java's Long.parseLong. */
function parseJavaLong(s: string): bigint | null {
  if (!/^[+-]?\d+$/.test(s)) return null;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : null;
}

export class GroupCommandOptions {
  private readonly values = new Map<string, string[]>();

  constructor(readonly args: readonly string[]) {
    for (let i = 0; i < args.length; i++) {
      const token = args[i] ?? '';
      if (token === '--') break;
      if (!token.startsWith('-') || token === '-') continue;
      const body = token.slice(token.startsWith('--') ? 2 : 1);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = groupOptionSpec(name);
      if (!spec) throw jopt('UnrecognizedOptionException', `${name} is not a recognized option`);
      const list = this.values.get(name) ?? [];
      if (spec.arg) {
        const next = args[i + 1];
        if (eq >= 0) list.push(body.slice(eq + 1));
        else if (spec.arg.optional) {
          if (next !== undefined && !next.startsWith('-')) list.push(args[++i] ?? '');
        } else if (next !== undefined) list.push(args[++i] ?? '');
        else throw jopt('OptionMissingRequiredArgumentException', `Option ${name} requires an argument`);
      }
      this.values.set(name, list);
    }
    for (const name of this.values.keys()) {
      const needs = groupOptionSpec(name)?.availableIf;
      if (needs && !needs.some((n) => this.values.has(n)))
        throw jopt(
          'UnavailableOptionException',
          `Option(s) [${name}] are unavailable given other options on the command line`,
        );
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  valuesOf(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  /** The single value (jopt-simple's valueOf fails when the option was given twice). */
  valueOf(name: string): string | undefined {
    const list = this.values.get(name) ?? [];
    if (list.length > 1)
      throw jopt(
        'MultipleArgumentsForOptionException',
        `Found multiple arguments for option ${name}, but you asked for only one`,
      );
    return list[0];
  }

  longValueOf(name: string): bigint | undefined {
    const raw = this.valueOf(name);
    if (raw === undefined) return undefined;
    const n = parseJavaLong(raw);
    if (n === null)
      throw jopt('OptionArgumentConversionException', `Cannot parse argument '${raw}' of option ${name}`);
    return n;
  }

  get timeoutMs(): number {
    return Number(this.longValueOf('timeout') ?? 5000n);
  }

  get action(): (typeof ACTIONS)[number] {
    const a = ACTIONS.find((x) => this.has(x));
    if (!a) throw new UsageError('no action');
    return a;
  }
}

function checkInvalid(opts: GroupCommandOptions, used: string, invalid: readonly string[]): void {
  if (!opts.has(used)) return;
  for (const other of invalid)
    if (opts.has(other)) throw new UsageError(`Option "[${used}]" can't be used with option "[${other}]"`);
}

/**
 * Kafka's checkArgs, then help, then the action count; `warn` gets the line Kafka prints on stderr
 * for a reset without --execute or --dry-run. Returns 'version' for --version.
 */
export function checkGroupCommandArgs(
  opts: GroupCommandOptions,
  warn: (line: string) => void,
): 'run' | 'version' {
  if (!opts.has('bootstrap-server')) throw new UsageError('Missing required argument "[bootstrap-server]"');
  const scope = '[group], [all-groups]';
  if (opts.has('describe')) {
    if (!opts.has('group') && !opts.has('all-groups'))
      throw new UsageError(`Option [describe] takes one of these options: ${scope}`);
    if (['members', 'offsets', 'state'].filter((o) => opts.has(o)).length > 1)
      throw new UsageError(
        'Option [describe] takes at most one of these options: [members], [offsets], [state]',
      );
    if (opts.has('state') && opts.valueOf('state') !== undefined)
      throw new UsageError('Option [describe] does not take a value for [state]');
  }
  if (opts.has('delete')) {
    if (!opts.has('group') && !opts.has('all-groups'))
      throw new UsageError(`Option [delete] takes one of these options: ${scope}`);
    if (opts.has('topic'))
      throw new UsageError(
        'The consumer does not support topic-specific offset deletion from a consumer group.',
      );
  }
  if (opts.has('delete-offsets') && (!opts.has('group') || !opts.has('topic')))
    throw new UsageError('Option [delete-offsets] takes the following options: [group], [topic]');
  if (opts.has('reset-offsets')) {
    if (opts.has('dry-run') && opts.has('execute'))
      throw new UsageError('Option [reset-offsets] only accepts one of [execute] and [dry-run]');
    if (!opts.has('dry-run') && !opts.has('execute'))
      warn(
        'WARN: No action will be performed as the --execute option is missing.' +
          'In a future major release, the default behavior of this command will be to prompt the user before ' +
          'executing the reset rather than doing a dry run. You should add the --dry-run option explicitly ' +
          'if you are scripting this command and want to keep the current default behavior without prompting.',
      );
    if (!opts.has('group') && !opts.has('all-groups'))
      throw new UsageError(`Option [reset-offsets] takes one of these options: ${scope}`);
    for (const s of SCENARIOS)
      checkInvalid(
        opts,
        s,
        SCENARIOS.filter((o) => o !== s),
      );
  }
  checkInvalid(opts, 'group', ['all-groups']);
  checkInvalid(
    opts,
    'group',
    ['list', 'delete-offsets'].filter((o) => o !== 'delete-offsets'),
  );
  checkInvalid(opts, 'topic', ['list', 'describe']);
  if (opts.has('help')) throw new UsageError(TOOL_DESCRIPTION);
  if (opts.has('version')) return 'version';
  if (ACTIONS.filter((a) => opts.has(a)).length !== 1)
    throw new UsageError(
      'Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets',
    );
  if (opts.has('reset-offsets') && !SCENARIOS.some((s) => opts.has(s)))
    throw new UsageError(
      `Option '[reset-offsets]' requires one of the following scenarios: Set([${SCENARIOS.join('], [')}])`,
    );
  return 'run';
}
