import { IllegalArgumentError } from '../../../../src/admin/errors';
import { formatEntry } from '../../../../src/cli/config-command/bootstrap-config-service';
import {
  entityString,
  parseConfigsToBeAdded,
  parseConfigsToBeDeleted,
  stackTraceLines,
  ExecutionError,
} from '../../../../src/cli/config-command/config-service';
import { javaExceptionForCode } from '../../../../src/cli/config-command/admin-client';
import {
  checkConfigCommandArgs,
  ConfigCommandOptions,
  CONFIG_COMMAND_HELP,
} from '../../../../src/cli/config-command/options';
import { formatZkConfigs } from '../../../../src/cli/config-command/zk-config-service';
import { formatHelp } from '../../../../src/cli/topic-command/help';
import { UsageError } from '../../../../src/cli/topic-command/options';

const BS = ['--bootstrap-server', 'localhost:9092'];
const check = (...args: string[]): 'run' | 'version' =>
  checkConfigCommandArgs(new ConfigCommandOptions(args));

describe('checkConfigCommandArgs', () => {
  it('asks for help with no arguments or --help', () => {
    expect(() => check()).toThrow(UsageError);
    expect(() => check('--help')).toThrow(
      'This tool helps to manipulate and describe entity config for a topic, client, user, broker or ip',
    );
    expect(check('--version')).toBe('version');
  });

  it('applies Kafka checks in order, with its messages', () => {
    const cases: [string[], string, 'usage' | 'arg'][] = [
      [
        [...BS, '--entity-type', 'topics'],
        'Command must include exactly one action: --describe, --alter',
        'usage',
      ],
      [
        [...BS, '--describe', '--entity-type', 'topics', '--add-config', 'a=b'],
        'Option "[describe]" can\'t be used with option "[add-config]"',
        'usage',
      ],
      [
        [...BS, '--describe', '--entity-type', 'topics', '--topic', 'x'],
        'Duplicate entity type(s) specified: topics',
        'arg',
      ],
      [
        ['--zookeeper', 'zk', '--describe', '--entity-type', 'broker-loggers'],
        'Invalid entity type broker-loggers, the entity type must be one of topics,clients,users,brokers,ips with the --zookeeper argument',
        'arg',
      ],
      [[...BS, '--describe'], 'At least one entity type must be specified', 'arg'],
      [
        [...BS, '--describe', '--entity-type', 'topics', '--entity-type', 'brokers'],
        "Only 'users' and 'clients' entity types may be specified together",
        'arg',
      ],
      [
        ['--describe', '--entity-type', 'topics'],
        'One of the required --bootstrap-server or --zookeeper arguments must be specified',
        'arg',
      ],
      [
        [...BS, '--zookeeper', 'zk', '--describe', '--entity-type', 'topics'],
        'Only one of --bootstrap-server or --zookeeper must be specified',
        'arg',
      ],
      [
        ['--zookeeper', 'zk', '--describe', '--topic', 't', '--all'],
        '--bootstrap-server must be specified for --all',
        'arg',
      ],
      [
        [...BS, '--alter', '--entity-type', 'topics', '--add-config', 'a=b'],
        'an entity name must be specified with --alter of topics',
        'arg',
      ],
      [
        [...BS, '--alter', '--topic', 't'],
        'At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter',
        'arg',
      ],
      [
        [...BS, '--describe', '--entity-type', 'brokers', '--entity-name', 'x'],
        'The entity name for brokers must be a valid integer broker id, but it is: x',
        'arg',
      ],
    ];
    for (const [args, message, kind] of cases) {
      let thrown: unknown;
      try {
        check(...args);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(kind === 'usage' ? UsageError : IllegalArgumentError);
      expect((thrown as Error).message).toBe(message);
    }
    expect(check(...BS, '--describe', '--topic', 't')).toBe('run');
  });

  it('rejects unknown options and missing values as jopt-simple does', () => {
    expect(() => new ConfigCommandOptions(['--nope'])).toThrow('nope is not a recognized option');
    expect(() => new ConfigCommandOptions(['--topic'])).toThrow('Option topic requires an argument');
  });
});

describe('entities', () => {
  it('reads entity names in command-line order, then the shorthand flags', () => {
    const o = new ConfigCommandOptions([
      '--entity-type',
      'users',
      '--entity-name',
      'u1',
      '--entity-type',
      'clients',
      '--entity-default',
    ]);
    expect(o.entityTypes).toEqual(['users', 'clients']);
    expect(o.entityNames).toEqual(['u1', '']);
    const t = new ConfigCommandOptions(['--topic', 'x']);
    expect([t.entityTypes, t.entityNames]).toEqual([['topics'], ['x']]);
  });

  it('prints entities as Kafka does', () => {
    expect(entityString('topics', 't')).toBe("topic 't'");
    expect(entityString('brokers', '0')).toBe("brokers '0'");
    expect(entityString('brokers', '<default>')).toBe('default brokers');
  });
});

describe('config parsing', () => {
  const out: string[] = [];
  const output = { out: (l: string) => void out.push(l), err: () => undefined };

  it('splits pairs on commas outside square brackets and strips the brackets', () => {
    const o = new ConfigCommandOptions(['--add-config', 'a=1, b = [x,y] ,c=', '--delete-config', ' k1 ,k2']);
    expect([...parseConfigsToBeAdded(o, output)]).toEqual([
      ['a', '1'],
      ['b', 'x,y'],
      ['c', ''],
    ]);
    expect(parseConfigsToBeDeleted(o)).toEqual(['k1', 'k2']);
  });

  it('requires key=value pairs and warns about message.format.version', () => {
    expect(() => parseConfigsToBeAdded(new ConfigCommandOptions(['--add-config', 'a']), output)).toThrow(
      'requirement failed: Invalid entity config: all configs to be added must be in the format "key=val".',
    );
    parseConfigsToBeAdded(new ConfigCommandOptions(['--add-config', 'message.format.version=2.0']), output);
    expect(out.at(-1)).toMatch(/^WARNING: The configuration message.format.version=2.0 is specified\./);
  });
});

describe('output', () => {
  it('formats a described entry with its synonyms', () => {
    expect(
      formatEntry({
        name: 'segment.bytes',
        value: '1000',
        source: 1,
        isSensitive: false,
        synonyms: [
          { name: 'segment.bytes', value: '1000', source: 1 },
          { name: 'log.segment.bytes', value: null, source: 4 },
        ],
      }),
    ).toBe(
      '  segment.bytes=1000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:segment.bytes=1000, STATIC_BROKER_CONFIG:log.segment.bytes=null}',
    );
  });

  it('formats ZooKeeper configs in Properties order', () => {
    expect(
      formatZkConfigs(
        new Map([
          ['retention.ms', '1'],
          ['cleanup.policy', 'compact'],
        ]),
      ),
    ).toBe('cleanup.policy=compact,retention.ms=1');
  });

  it('prints an ExecutionException with its cause, without frames', () => {
    expect(stackTraceLines(new ExecutionError(javaExceptionForCode(3)))).toEqual([
      'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.',
      'Caused by: org.apache.kafka.common.errors.UnknownTopicOrPartitionException: This server does not host this topic-partition.',
    ]);
  });

  it('lays out the option table, bare values as <String>', () => {
    const help = formatHelp(CONFIG_COMMAND_HELP);
    expect(help.split('\n')[0]).toMatch(/^Option +Description/);
    expect(help).toContain('--add-config <String>');
    expect(help).toContain('--bootstrap-server <String: server to');
    expect(help.indexOf('--broker <String>')).toBeLessThan(help.indexOf('--broker-defaults'));
  });
});
