/**
 * `kafka-producer-perf-test.sh` arguments, parsed as Kafka 2.8's ProducerPerformance does with
 * argparse4j (not jopt-simple like the other tools): `--name value` or `--name=value`, unambiguous
 * prefixes of long names, `--producer-props` taking every following word up to the next option,
 * "-1" read as a value, required arguments and the required either/or of --record-size and
 * --payload-file checked after parsing. Errors are {@link ArgumentParserError}: the runner prints
 * the usage and `producer-performance: error: <message>` on stderr and exits 1.
 */
export const PROG = 'producer-performance';
export const DESCRIPTION = 'This tool is used to verify the producer performance.';
export const GROUP_DESCRIPTION = 'either --record-size or --payload-file must be specified but not both.';
export const DEFAULT_TRANSACTIONAL_ID = 'performance-producer-default-transactional-id';

type ArgType = 'String' | 'Long' | 'Integer';

interface ArgSpec {
  flags: readonly string[];
  dest: keyof RawArgs;
  metavar?: string;
  action: 'store' | 'storeTrue' | 'nargs+' | 'help';
  type: ArgType;
  required?: boolean;
  group?: boolean;
  /** Shown as "(default: ...)" (argparse4j's defaultHelp). */
  shownDefault?: string;
  help: string;
}

/** What argparse4j's Namespace holds after parsing. */
export interface RawArgs {
  help: boolean;
  topic?: string;
  numRecords?: number;
  recordSize?: number;
  payloadFile?: string;
  payloadDelimiter: string;
  throughput?: number;
  producerConfig?: string[];
  producerConfigFile?: string;
  printMetrics: boolean;
  transactionalId: string;
  transactionDurationMs: number;
}

export const PRODUCER_PERF_ARGS: readonly ArgSpec[] = [
  {
    flags: ['-h', '--help'],
    dest: 'help',
    action: 'help',
    type: 'String',
    help: 'show this help message and exit',
  },
  {
    flags: ['--topic'],
    dest: 'topic',
    metavar: 'TOPIC',
    action: 'store',
    type: 'String',
    required: true,
    help: 'the topic to send the records to',
  },
  {
    flags: ['--num-records'],
    dest: 'numRecords',
    metavar: 'NUM-RECORDS',
    action: 'store',
    type: 'Long',
    required: true,
    help: 'how many records to send',
  },
  {
    flags: ['--record-size'],
    dest: 'recordSize',
    metavar: 'RECORD-SIZE',
    action: 'store',
    type: 'Integer',
    group: true,
    help: 'the size of every record, in bytes. Give either this or --payload-file.',
  },
  {
    flags: ['--payload-file'],
    dest: 'payloadFile',
    metavar: 'PAYLOAD-FILE',
    action: 'store',
    type: 'String',
    group: true,
    help:
      'a UTF-8 text file of record values, split at --payload-delimiter; each record sent is one of them, ' +
      'picked at random. Give either this or --record-size.',
  },
  {
    flags: ['--payload-delimiter'],
    dest: 'payloadDelimiter',
    metavar: 'PAYLOAD-DELIMITER',
    action: 'store',
    type: 'String',
    shownDefault: '\\n',
    help: 'what separates the values in --payload-file (a regular expression; a new line by default).',
  },
  {
    flags: ['--throughput'],
    dest: 'throughput',
    metavar: 'THROUGHPUT',
    action: 'store',
    type: 'Integer',
    required: true,
    help: 'send at most about THROUGHPUT records per second; -1 sends as fast as possible.',
  },
  {
    flags: ['--producer-props'],
    dest: 'producerConfig',
    metavar: 'PROP-NAME=PROP-VALUE',
    action: 'nargs+',
    type: 'String',
    help: 'producer settings such as bootstrap.servers, acks or linger.ms; they win over --producer.config.',
  },
  {
    flags: ['--producer.config'],
    dest: 'producerConfigFile',
    metavar: 'CONFIG-FILE',
    action: 'store',
    type: 'String',
    help: 'a properties file of producer settings.',
  },
  {
    flags: ['--print-metrics'],
    dest: 'printMetrics',
    action: 'storeTrue',
    type: 'String',
    shownDefault: 'false',
    help: 'print the producer metrics at the end.',
  },
  {
    flags: ['--transactional-id'],
    dest: 'transactionalId',
    metavar: 'TRANSACTIONAL-ID',
    action: 'store',
    type: 'String',
    shownDefault: DEFAULT_TRANSACTIONAL_ID,
    help: 'the transactional id used when --transaction-duration-ms is above 0.',
  },
  {
    flags: ['--transaction-duration-ms'],
    dest: 'transactionDurationMs',
    metavar: 'TRANSACTION-DURATION',
    action: 'store',
    type: 'Long',
    shownDefault: '0',
    help: 'send in transactions committed after this many ms; 0 sends without transactions.',
  },
];

/** An argparse4j `ArgumentParserException`: printed after the usage as `prog: error: message`. */
export class ArgumentParserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArgumentParserError';
  }
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;
const isFlag = (token: string): boolean =>
  token.startsWith('-') && token.length > 1 && !NEGATIVE_NUMBER.test(token);

function convert(spec: ArgSpec, raw: string): string | number {
  if (spec.type === 'String') return raw;
  const limit = spec.type === 'Integer' ? 2 ** 31 : 2 ** 63;
  const n = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isNaN(n) || n < -limit || n > limit - 1)
    throw new ArgumentParserError(
      `argument ${spec.flags.join('/')}: could not convert '${raw}' to ${spec.type} (For input string: "${raw}")`,
    );
  return n;
}

function resolve(name: string): ArgSpec | undefined {
  const exact = PRODUCER_PERF_ARGS.find((s) => s.flags.includes(name));
  if (exact !== undefined || !name.startsWith('--')) return exact;
  const matches = PRODUCER_PERF_ARGS.filter((s) =>
    s.flags.some((f) => f.startsWith('--') && f.startsWith(name)),
  );
  if (matches.length > 1)
    throw new ArgumentParserError(
      `ambiguous option: ${name} could match ${matches.map((s) => s.flags[s.flags.length - 1]).join(', ')}`,
    );
  return matches[0];
}

/** `parser.parseArgs(args)`. Throws ArgumentParserError; `help` is set for -h/--help. */
export function parseProducerPerfArgs(args: readonly string[]): RawArgs {
  const ns: RawArgs = {
    help: false,
    payloadDelimiter: '\\n',
    printMetrics: false,
    transactionalId: DEFAULT_TRANSACTIONAL_ID,
    transactionDurationMs: 0,
  };
  const values = ns as unknown as Record<string, unknown>;
  const seen = new Set<ArgSpec>();
  const unrecognized: string[] = [];
  let groupMember: ArgSpec | undefined;
  for (let i = 0; i < args.length; i++) {
    const token = args[i] ?? '';
    if (token === '--') {
      unrecognized.push(...args.slice(i + 1));
      break;
    }
    if (!isFlag(token)) {
      unrecognized.push(token);
      continue;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq >= 0 ? token.slice(0, eq) : token;
    const spec = resolve(name);
    if (spec === undefined) {
      unrecognized.push(token);
      continue;
    }
    const shownName = spec.flags.join('/');
    if (spec.group === true) {
      if (groupMember !== undefined && groupMember !== spec)
        throw new ArgumentParserError(
          `argument ${shownName}: not allowed with argument ${groupMember.flags.join('/')}`,
        );
      groupMember = spec;
    }
    seen.add(spec);
    if (spec.action === 'help') {
      ns.help = true;
      return ns;
    }
    if (spec.action === 'storeTrue') {
      if (eq >= 0)
        throw new ArgumentParserError(
          `argument ${shownName}: ignore explicit argument '${token.slice(eq + 1)}'`,
        );
      values[spec.dest] = true;
      continue;
    }
    if (spec.action === 'nargs+') {
      const taken = eq >= 0 ? [token.slice(eq + 1)] : [];
      while (eq < 0 && i + 1 < args.length && !isFlag(args[i + 1] ?? '')) taken.push(args[++i] ?? '');
      if (taken.length === 0)
        throw new ArgumentParserError(`argument ${shownName}: expected at least one argument`);
      values[spec.dest] = taken;
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = token.slice(eq + 1);
    else {
      const next = args[i + 1];
      if (next === undefined || isFlag(next))
        throw new ArgumentParserError(`argument ${shownName}: expected one argument`);
      raw = next;
      i += 1;
    }
    values[spec.dest] = convert(spec, raw);
  }
  for (const spec of PRODUCER_PERF_ARGS)
    if (spec.required === true && !seen.has(spec))
      throw new ArgumentParserError(`argument ${spec.flags.join('/')} is required`);
  if (groupMember === undefined)
    throw new ArgumentParserError(
      `one of the arguments ${PRODUCER_PERF_ARGS.filter((s) => s.group === true)
        .map((s) => s.flags.join('/'))
        .join(' ')} is required`,
    );
  if (unrecognized.length > 0)
    throw new ArgumentParserError(`unrecognized arguments: '${unrecognized.join(' ')}'`);
  return ns;
}

function invocation(spec: ArgSpec): string {
  if (spec.action === 'help' || spec.action === 'storeTrue') return spec.flags.join(', ');
  const meta = spec.metavar ?? '';
  const value = spec.action === 'nargs+' ? `${meta} [${meta} ...]` : meta;
  return `${spec.flags.join(', ')} ${value}`;
}

function usageToken(spec: ArgSpec): string {
  const flag = spec.flags[0] ?? '';
  const body =
    spec.action === 'help' || spec.action === 'storeTrue'
      ? flag
      : `${flag} ${invocation(spec).split(' ').slice(1).join(' ')}`;
  return spec.required === true ? body : `[${body}]`;
}

/** Greedy word wrap of `words` at `width`, continuation lines starting with `indent`. */
function wrap(first: string, words: readonly string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = first;
  let lineHasWord = false;
  for (const word of words) {
    if (lineHasWord && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = lineHasWord ? `${line} ${word}` : `${line}${word}`;
    lineHasWord = true;
  }
  lines.push(line);
  return lines;
}

/** The usage line(s), wrapped as argparse4j does at the terminal width (75 when not a terminal). */
export function usageText(width: number): string {
  const prefix = `usage: ${PROG} `;
  const plain = PRODUCER_PERF_ARGS.filter((s) => s.group !== true).map(usageToken);
  const grouped = PRODUCER_PERF_ARGS.filter((s) => s.group === true).map((s) =>
    usageToken(s).replace(/^\[|\]$/g, ''),
  );
  const groupTokens = grouped.join(' | ');
  return wrap(
    prefix,
    [...plain, ...`(${groupTokens})`.split(/ (?=--)/)],
    width,
    ' '.repeat(prefix.length),
  ).join('\n');
}

function optionHelp(spec: ArgSpec, width: number): string[] {
  const inv = `  ${invocation(spec)}`;
  const help = spec.shownDefault === undefined ? spec.help : `${spec.help} (default: ${spec.shownDefault})`;
  const indent = ' '.repeat(25);
  const text = wrap('', help.split(' '), Math.max(width - 25, 20), '').map((l) => indent + l);
  if (inv.length <= 23) return [`${inv.padEnd(25)}${(text[0] ?? '').trimStart()}`, ...text.slice(1)];
  return [inv, ...text];
}

/** `parser.printHelp()`. */
export function helpText(width: number): string {
  const plain = PRODUCER_PERF_ARGS.filter((s) => s.group !== true).flatMap((s) => optionHelp(s, width));
  const grouped = PRODUCER_PERF_ARGS.filter((s) => s.group === true).flatMap((s) => optionHelp(s, width));
  return [
    usageText(width),
    '',
    DESCRIPTION,
    '',
    'optional arguments:',
    ...plain,
    '',
    `  ${GROUP_DESCRIPTION}`,
    '',
    ...grouped,
  ].join('\n');
}
