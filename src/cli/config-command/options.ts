/**
 * `kafka-configs.sh` arguments: the option table (names and value labels as Kafka 2.8's
 * ConfigCommand; help texts our own), jopt-simple-style parsing, and Kafka's `checkArgs` in its order.
 *
 * Failures come in Kafka's two kinds: UsageError (message plus the option table on stderr, exit 1:
 * `printUsageAndDie`) and IllegalArgumentError (only the message on stderr, exit 1).
 */
import { AdminError, IllegalArgumentError } from '../../admin/errors';
import { TOPIC_CONFIG_NAMES } from '../../admin/topic-validation';
import type { HelpOption } from '../topic-command/help';
import { UsageError } from '../topic-command/options';

interface ConfigOption {
  name: string;
  /** A value label (`<String: urls>`), '' for a bare `<String>`, or undefined for a flag. */
  describedAs?: string;
  /** jopt's `withValuesSeparatedBy(',')`. */
  commaSeparated?: boolean;
  description: string;
}

const topicKeys = TOPIC_CONFIG_NAMES.map((n) => `\t${n}`).join('\n');

const OPTIONS: readonly ConfigOption[] = [
  {
    name: 'add-config',
    describedAs: '',
    description:
      "Comma-separated key=value pairs to set. Wrap a value containing commas in square brackets: 'k1=v1,k2=[v1,v2,v2],k3=v3'. " +
      `Valid keys for entity-type 'topics':\n${topicKeys}\n` +
      '(other entity types have their own keys; see the Kafka documentation)',
  },
  {
    name: 'add-config-file',
    describedAs: '',
    description: 'A properties file of configs to set (keys as for --add-config).',
  },
  {
    name: 'all',
    description: 'List every config of the given topic, broker or broker logger, not only the dynamic ones.',
  },
  { name: 'alter', description: 'Change the configuration of the entity.' },
  {
    name: 'bootstrap-server',
    describedAs: 'server to connect to',
    description: 'The Kafka broker(s) to connect to; needed to describe or change broker configs.',
  },
  { name: 'broker', describedAs: '', description: 'Shorthand for --entity-type brokers --entity-name <id>.' },
  { name: 'broker-defaults', description: 'The cluster-wide defaults of broker configs.' },
  { name: 'broker-logger', describedAs: '', description: "A broker's id, for its logger levels." },
  { name: 'client', describedAs: '', description: 'Shorthand for --entity-type clients --entity-name <id>.' },
  { name: 'client-defaults', description: 'The defaults for every client id.' },
  {
    name: 'command-config',
    describedAs: 'command config property file',
    description: 'A properties file passed to the admin client (with --bootstrap-server only).',
  },
  {
    name: 'delete-config',
    describedAs: '',
    commaSeparated: true,
    description: "Config keys to remove: 'k1,k2'.",
  },
  { name: 'describe', description: 'Show the configuration of the entity.' },
  {
    name: 'entity-default',
    description: 'The default entity of the given type (clients, users, brokers or ips).',
  },
  {
    name: 'entity-name',
    describedAs: '',
    description: 'The entity: topic name, client id, user, broker id or ip.',
  },
  {
    name: 'entity-type',
    describedAs: '',
    description: 'The kind of entity: topics, clients, users, brokers, broker-loggers or ips.',
  },
  { name: 'force', description: 'Suppress console prompts' },
  { name: 'help', description: 'Print usage information.' },
  { name: 'ip', describedAs: '', description: 'Shorthand for --entity-type ips --entity-name <ip>.' },
  { name: 'ip-defaults', description: 'The defaults for every ip.' },
  {
    name: 'topic',
    describedAs: '',
    description: 'Shorthand for --entity-type topics --entity-name <topic>.',
  },
  {
    name: 'user',
    describedAs: '',
    description: 'Shorthand for --entity-type users --entity-name <principal>.',
  },
  { name: 'user-defaults', description: 'The defaults for every user.' },
  { name: 'version', description: 'Display Kafka version.' },
  {
    name: 'zk-tls-config-file',
    describedAs: 'ZooKeeper TLS configuration',
    description:
      'A properties file with the ZooKeeper client TLS settings (zookeeper.ssl.* and related keys).',
  },
  {
    name: 'zookeeper',
    describedAs: 'urls',
    description:
      'DEPRECATED: the ZooKeeper connection string, host:port[,host:port...][/chroot]. ' +
      'Use --bootstrap-server instead.',
  },
];

/** The option table as jopt prints it (options with a bare value show `<String>`). */
export const CONFIG_COMMAND_HELP: readonly HelpOption[] = OPTIONS.map((o) => {
  if (o.describedAs === undefined) return { name: o.name, description: o.description };
  if (o.describedAs === '') return { name: `${o.name} <String>`, description: o.description };
  return { name: o.name, arg: { type: 'String', describedAs: o.describedAs }, description: o.description };
});

const BY_NAME = new Map(OPTIONS.map((o) => [o.name, o]));

export const HELP_MESSAGE =
  'This tool helps to manipulate and describe entity config for a topic, client, user, broker or ip';

function joptError(exception: string, message: string): AdminError {
  return new AdminError(`joptsimple.${exception}`, message);
}

/** Parsed arguments: every value per option, and the options in command-line order. */
export class ConfigCommandOptions {
  private readonly values = new Map<string, string[]>();
  /** Option names in the order given (Kafka reads entity names and defaults in that order). */
  readonly sequence: string[] = [];

  constructor(readonly args: readonly string[]) {
    let noMore = false;
    for (let i = 0; i < args.length; i++) {
      const token = args[i] ?? '';
      if (noMore || token === '-' || !token.startsWith('-')) continue;
      if (token === '--') {
        noMore = true;
        continue;
      }
      const long = token.startsWith('--');
      const body = token.slice(long ? 2 : 1);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = BY_NAME.get(name);
      if (spec === undefined)
        throw joptError(
          'UnrecognizedOptionException',
          `${long ? name : name.charAt(0)} is not a recognized option`,
        );
      const list = this.values.get(name) ?? [];
      if (spec.describedAs !== undefined) {
        const value = eq >= 0 ? body.slice(eq + 1) : i + 1 < args.length ? args[++i] : undefined;
        if (value === undefined)
          throw joptError('OptionMissingRequiredArgumentException', `Option ${name} requires an argument`);
        list.push(...(spec.commaSeparated ? value.split(',') : [value]));
      }
      this.values.set(name, list);
      this.sequence.push(name);
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  valuesOf(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  valueOf(name: string): string | undefined {
    const list = this.values.get(name);
    if (list === undefined || list.length === 0) return undefined;
    if (list.length > 1)
      throw joptError(
        'MultipleArgumentsForOptionException',
        `Found multiple arguments for option ${name}, but you asked for only one`,
      );
    return list[0];
  }

  /** `--entity-type` values, then the types of the shorthand flags (Kafka's `entityTypes`). */
  get entityTypes(): string[] {
    return [
      ...this.valuesOf('entity-type'),
      ...ENTITY_FLAGS.filter(([flag]) => this.has(flag)).map(([, type]) => type),
      ...ENTITY_DEFAULT_FLAGS.filter(([flag]) => this.has(flag)).map(([, type]) => type),
    ];
  }

  /** Entity names in order ('' for a default), then the shorthand flags' (Kafka's `entityNames`). */
  get entityNames(): string[] {
    const names = this.valuesOf('entity-name');
    let next = 0;
    const ordered: string[] = [];
    for (const name of this.sequence) {
      if (name === 'entity-default') ordered.push('');
      else if (name === 'entity-name') ordered.push(names[next++] ?? '');
    }
    return [
      ...ordered,
      ...ENTITY_FLAGS.filter(([flag]) => this.has(flag)).map(([flag]) => this.valueOf(flag) ?? ''),
      ...ENTITY_DEFAULT_FLAGS.filter(([flag]) => this.has(flag)).map(() => ''),
    ];
  }
}

const ENTITY_FLAGS: readonly (readonly [string, string])[] = [
  ['topic', 'topics'],
  ['client', 'clients'],
  ['user', 'users'],
  ['broker', 'brokers'],
  ['broker-logger', 'broker-loggers'],
  ['ip', 'ips'],
];
const ENTITY_DEFAULT_FLAGS: readonly (readonly [string, string])[] = [
  ['client-defaults', 'clients'],
  ['user-defaults', 'users'],
  ['broker-defaults', 'brokers'],
  ['ip-defaults', 'ips'],
];

const ZK_TYPES = ['topics', 'clients', 'users', 'brokers', 'ips'];
const BROKER_TYPES = [...ZK_TYPES, 'broker-loggers'];

/** Kafka's help/version handling and `checkArgs`. Returns 'version' when only that is asked. */
export function checkConfigCommandArgs(opts: ConfigCommandOptions): 'run' | 'version' {
  if (opts.args.length === 0 || opts.has('help')) throw new UsageError(HELP_MESSAGE);
  if (opts.has('version')) return 'version';
  if (['alter', 'describe'].filter((a) => opts.has(a)).length !== 1)
    throw new UsageError('Command must include exactly one action: --describe, --alter');
  const invalid = (used: string, others: string[]): void => {
    if (!opts.has(used)) return;
    for (const o of others)
      if (opts.has(o)) throw new UsageError(`Option "[${used}]" can't be used with option "[${o}]"`);
  };
  invalid('alter', ['describe']);
  invalid('describe', ['alter', 'add-config', 'delete-config']);

  const types = opts.entityTypes;
  const dups = [...new Set(types.filter((t, i) => types.indexOf(t) !== i))];
  if (dups.length > 0)
    throw new IllegalArgumentError(`Duplicate entity type(s) specified: ${dups.join(',')}`);
  const bootstrap = opts.has('bootstrap-server');
  const allowed = bootstrap ? BROKER_TYPES : ZK_TYPES;
  const connect = bootstrap ? '--bootstrap-server' : '--zookeeper';
  for (const t of types)
    if (!allowed.includes(t))
      throw new IllegalArgumentError(
        `Invalid entity type ${t}, the entity type must be one of ${allowed.join(',')} with the ${connect} argument`,
      );
  if (types.length === 0) throw new IllegalArgumentError('At least one entity type must be specified');
  if (types.length > 1 && !(types.length === 2 && types.includes('users') && types.includes('clients')))
    throw new IllegalArgumentError("Only 'users' and 'clients' entity types may be specified together");
  const anyFlag = [...ENTITY_FLAGS, ...ENTITY_DEFAULT_FLAGS].some(([f]) => opts.has(f));
  if ((opts.has('entity-name') || opts.has('entity-type') || opts.has('entity-default')) && anyFlag)
    throw new IllegalArgumentError(
      '--entity-{type,name,default} should not be used in conjunction with specific entity flags',
    );
  const names = opts.entityNames;
  const hasName = names.some((n) => n !== '');
  const hasDefault = names.some((n) => n === '');
  if (!bootstrap && !opts.has('zookeeper'))
    throw new IllegalArgumentError(
      'One of the required --bootstrap-server or --zookeeper arguments must be specified',
    );
  if (bootstrap && opts.has('zookeeper'))
    throw new IllegalArgumentError('Only one of --bootstrap-server or --zookeeper must be specified');
  if (opts.has('all') && opts.has('zookeeper'))
    throw new IllegalArgumentError('--bootstrap-server must be specified for --all');
  if (hasName && (types.includes('brokers') || types.includes('broker-loggers')))
    for (const id of ['entity-name', 'broker', 'broker-logger']
      .filter((o) => opts.has(o))
      .map((o) => opts.valueOf(o)))
      if (!/^[+-]?\d+$/.test(id ?? ''))
        throw new IllegalArgumentError(
          `The entity name for ${types[0] ?? ''} must be a valid integer broker id, but it is: ${id ?? ''}`,
        );
  if (opts.has('describe') && types.includes('broker-loggers') && !hasName)
    throw new IllegalArgumentError(`an entity name must be specified with --describe of ${types.join(',')}`);
  if (opts.has('alter')) {
    if (['users', 'clients', 'brokers', 'ips'].some((t) => types.includes(t))) {
      if (!hasName && !hasDefault)
        throw new IllegalArgumentError(
          'an entity-name or default entity must be specified with --alter of users, clients, brokers or ips',
        );
    } else if (!hasName) {
      throw new IllegalArgumentError(`an entity name must be specified with --alter of ${types.join(',')}`);
    }
    if (opts.has('add-config') && opts.has('add-config-file'))
      throw new IllegalArgumentError('Only one of --add-config or --add-config-file must be specified');
    if (!opts.has('add-config') && !opts.has('add-config-file') && !opts.has('delete-config'))
      throw new IllegalArgumentError(
        'At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter',
      );
  }
  return 'run';
}
