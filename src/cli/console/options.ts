/**
 * Command-line parsing shared by the console producer and consumer, with the rules of the jopt-simple
 * parser Kafka's tools use (abbreviations off, as in `CommandDefaultOptions`):
 *
 * - `--name value`, `--name=value` or `-name value`; `--` ends the options; other words are ignored
 *   non-option arguments;
 * - an option with a required argument takes the next word whatever it looks like; one with an
 *   optional argument takes it only when it does not start with `-`;
 * - unknown options and missing arguments fail at parse time ({@link UsageError}: message + option
 *   table, exit 1); values are converted when read, where a bad number or a repeated single-valued
 *   option raises a {@link JoptError} (each tool reports those its own way, as Kafka does).
 */
import { AdminError } from '../../admin/errors';
import { formatHelp, type HelpOption } from '../topic-command/help';

export type ValueType = 'String' | 'Integer' | 'Long';

export interface ConsoleOptionSpec {
  name: string;
  description: string;
  arg?: {
    /** `optional`: jopt-simple's `withOptionalArg` (shown in `[...]`), else `withRequiredArg` (`<...>`). */
    kind?: 'required' | 'optional';
    type: ValueType;
    describedAs?: string;
    /** jopt-simple's `defaultsTo`: returned by `valueOf` when absent and shown in the help. */
    default?: string;
  };
}

/** Kafka's `printUsageAndDie`: the message, then the option table, on stderr; exit code 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A jopt-simple `OptionException` raised while reading values (`joptsimple.<Kind>Exception`). */
export class JoptError extends AdminError {}

function joptError(kind: string, message: string): JoptError {
  return new JoptError(`joptsimple.${kind}`, message);
}

/** The `--help` option of every Kafka tool (`CommandDefaultOptions`). */
export const HELP_OPTION: ConsoleOptionSpec = { name: 'help', description: 'Print usage information.' };
export const VERSION_OPTION: ConsoleOptionSpec = { name: 'version', description: 'Display Kafka version.' };

/** The option table, laid out as jopt-simple's help formatter does. */
export function usageTable(specs: readonly ConsoleOptionSpec[]): string {
  const rows = specs.map((s): HelpOption => {
    let display = s.name;
    let description = s.description;
    if (s.arg !== undefined) {
      const [open, close] = s.arg.kind === 'optional' ? ['[', ']'] : ['<', '>'];
      const described = s.arg.describedAs === undefined ? '' : `: ${s.arg.describedAs}`;
      display = `${s.name} ${open}${s.arg.type}${described}${close}`;
      if (s.arg.default !== undefined) description = `${description} (default: ${s.arg.default})`.trim();
    }
    return { name: display, description };
  });
  return formatHelp(rows);
}

/** Java's `Integer.valueOf` / `Long.valueOf` on a decimal string. */
export function parseJavaInteger(s: string, type: 'Integer' | 'Long'): number | null {
  if (!/^[+-]?\d+$/.test(s)) return null;
  const n = Number(s);
  const limit = type === 'Integer' ? 2 ** 31 : 2 ** 63;
  return n >= -limit && n <= limit - 1 ? n : null;
}

/** The parsed command line, with typed, lazily converted access (jopt-simple's `OptionSet`). */
export class ParsedOptions {
  private readonly values = new Map<string, string[]>();
  readonly nonOptions: string[] = [];

  constructor(
    private readonly specs: readonly ConsoleOptionSpec[],
    readonly args: readonly string[],
  ) {
    const byName = new Map(specs.map((s) => [s.name, s]));
    let noMoreOptions = false;
    for (let i = 0; i < args.length; i++) {
      const token = args[i] ?? '';
      if (noMoreOptions || token === '-' || !token.startsWith('-')) {
        this.nonOptions.push(token);
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
      const spec = byName.get(name);
      if (spec === undefined) {
        // A single-dash word that is no option reads as a cluster of one-letter options: none exist.
        throw new UsageError(`${long ? name : name.charAt(0)} is not a recognized option`);
      }
      const list = this.values.get(name) ?? [];
      if (spec.arg !== undefined) {
        const next = args[i + 1];
        if (eq >= 0) list.push(body.slice(eq + 1));
        else if (spec.arg.kind === 'optional') {
          if (next !== undefined && !next.startsWith('-')) list.push(args[++i] ?? '');
        } else if (next !== undefined) list.push(args[++i] ?? '');
        else throw new UsageError(`Option ${name} requires an argument`);
      }
      this.values.set(name, list);
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Every value given for a repeatable option (empty when absent). */
  valuesOf(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  /** The single value (or the default); a second occurrence fails here, as jopt-simple's `valueOf`. */
  valueOf(name: string): string | undefined {
    const list = this.values.get(name);
    if (list !== undefined && list.length > 1)
      throw joptError(
        'MultipleArgumentsForOptionException',
        `Found multiple arguments for option ${name}, but you asked for only one`,
      );
    if (list !== undefined && list.length === 1) return list[0];
    return this.specs.find((s) => s.name === name)?.arg?.default;
  }

  /** `valueOf` converted to a number as the option's declared type. */
  numberOf(name: string): number | undefined {
    const raw = this.valueOf(name);
    if (raw === undefined) return undefined;
    const type = this.specs.find((s) => s.name === name)?.arg?.type;
    const n = parseJavaInteger(raw, type === 'Long' ? 'Long' : 'Integer');
    if (n === null)
      throw joptError(
        'OptionArgumentConversionException',
        `Cannot parse argument '${raw}' of option ${name}`,
      );
    return n;
  }
}

/** Kafka's `CommandLineUtils.parseKeyValueArgs`: `k=v` (split at the first `=`); `k` or `k=` give "". */
export function parseKeyValueArgs(args: readonly string[]): Map<string, string> {
  const props = new Map<string, string>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq < 0) props.set(arg, '');
    else props.set(arg.slice(0, eq), arg.slice(eq + 1));
  }
  return props;
}

/** Java's `"x".trim().equalsIgnoreCase("true")`, how Kafka's tools read boolean properties. */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true';
}

const HOST_PORT = /^.*?\[?([0-9a-zA-Z\-%._:]*)\]?:([0-9]+)$/;

/** `Utils.getHost` / `Utils.getPort` on one `host:port` entry (IPv6 in brackets allowed). */
export function parseHostPort(entry: string): { host: string; port: number } | null {
  const m = HOST_PORT.exec(entry);
  if (m === null) return null;
  return { host: m[1] ?? '', port: Number(m[2]) };
}

/** The `bootstrap.servers` list as the Java client reads it: comma-separated, trimmed, blanks dropped. */
export function bootstrapList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Kafka's `ToolsUtils.validatePortOrDie`: every comma-separated entry must have a numeric port. */
export function validatePortOrDie(hostPorts: string): void {
  const entries = hostPorts.split(',');
  const valid = entries.filter((e) => HOST_PORT.test(e));
  if (valid.length === 0 || valid.length !== entries.length)
    throw new UsageError('Please provide valid host:port like host1:9091,host2:9092\n ');
}
