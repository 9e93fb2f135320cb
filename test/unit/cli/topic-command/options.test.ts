import { formatHelp } from '../../../../src/cli/topic-command/help';
import { TOPIC_COMMAND_OPTIONS } from '../../../../src/cli/topic-command/option-table';
import {
  checkTopicCommandArgs,
  parseArgs,
  TopicCommandOptions,
  UsageError,
} from '../../../../src/cli/topic-command/options';
import {
  parseReplicaAssignment,
  parseTopicConfigsToBeAdded,
  filterTopics,
} from '../../../../src/cli/topic-command/topic-service';

const ZK = ['--zookeeper', 'localhost:2181'];

function check(args: string[]): string {
  try {
    return checkTopicCommandArgs(new TopicCommandOptions(args));
  } catch (err) {
    const e = err as Error & { javaClassName?: string };
    return err instanceof UsageError ? `usage: ${e.message}` : `${e.javaClassName ?? e.name}: ${e.message}`;
  }
}

describe('parsing (jopt-simple rules)', () => {
  it('reads --name value, --name=value, -name value and repeated options', () => {
    const p = parseArgs(['--topic', 't', '--config=a=b', '-config', 'c=d', '--list', 'stray', '--', '--x']);
    expect(p.values.get('topic')).toEqual(['t']);
    expect(p.values.get('config')).toEqual(['a=b', 'c=d']);
    expect(p.values.get('list')).toEqual([]);
    expect(p.nonOptions).toEqual(['stray', '--x']);
  });

  it('takes the next word as a value even if it looks like an option', () => {
    expect(parseArgs(['--zookeeper', '--create']).values.get('zookeeper')).toEqual(['--create']);
  });

  it.each([
    [['--lis'], 'joptsimple.UnrecognizedOptionException: lis is not a recognized option'],
    [['-x'], 'joptsimple.UnrecognizedOptionException: x is not a recognized option'],
    [
      ['--list', '--topic'],
      'joptsimple.OptionMissingRequiredArgumentException: Option topic requires an argument',
    ],
  ])('%j fails like jopt-simple', (args, message) => {
    expect(check(args)).toBe(message);
  });

  it('converts values when read', () => {
    const opts = new TopicCommandOptions([
      ...ZK,
      '--create',
      '--topic',
      'a',
      '--topic',
      'b',
      '--partitions',
      'x',
    ]);
    expect(() => opts.partitions).toThrow("Cannot parse argument 'x' of option partitions");
    expect(() => opts.topic).toThrow('Found multiple arguments for option topic, but you asked for only one');
    expect(new TopicCommandOptions(['--partitions', '+7']).partitions).toBe(7);
    expect(() => new TopicCommandOptions(['--partitions', '2147483648']).partitions).toThrow('Cannot parse');
  });
});

describe('checkArgs (Kafka order and messages)', () => {
  it.each([
    [[], 'usage: Create, delete, describe, or change a topic.'],
    [['--help'], 'usage: This tool helps to create, delete, describe, or change a topic.'],
    [['--version', '--list'], 'version'],
    [
      [...ZK],
      'usage: Command must include exactly one action: --list, --describe, --create, --alter or --delete',
    ],
    [
      [...ZK, '--list', '--describe'],
      'usage: Command must include exactly one action: --list, --describe, --create, --alter or --delete',
    ],
    [
      ['--list'],
      'java.lang.IllegalArgumentException: Only one of --bootstrap-server or --zookeeper must be specified',
    ],
    [
      [...ZK, '--bootstrap-server', 'b:9092', '--list'],
      'java.lang.IllegalArgumentException: Only one of --bootstrap-server or --zookeeper must be specified',
    ],
    [[...ZK, '--list'], 'run'],
    [[...ZK, '--describe'], 'run'],
    [[...ZK, '--describe', '--if-exists'], 'usage: Missing required argument "[topic]"'],
    [[...ZK, '--delete'], 'usage: Missing required argument "[topic]"'],
    [[...ZK, '--create', '--topic', 't'], 'usage: Missing required argument "[partitions]"'],
    [
      [...ZK, '--create', '--topic', 't', '--partitions', '1'],
      'usage: Missing required argument "[replication-factor]"',
    ],
    [[...ZK, '--create', '--topic', 't', '--replica-assignment', '0:1'], 'run'],
    [['--bootstrap-server', 'b:9092', '--create', '--topic', 't'], 'run'],
    [
      ['--bootstrap-server', 'b:9092', '--alter', '--topic', 't'],
      'usage: Missing required argument "[partitions]"',
    ],
    [
      ['--bootstrap-server', 'b:9092', '--alter', '--topic', 't', '--config', 'a=b'],
      'usage: Option combination "[bootstrap-server],[config]" can\'t be used with option "[alter]" (the kafka-configs CLI supports altering topic configs with a --bootstrap-server option)',
    ],
    [[...ZK, '--list', '--config', 'a=b'], 'usage: Option "[config]" can\'t be used with option "[list]"'],
    [
      [...ZK, '--alter', '--topic', 't', '--replication-factor', '2'],
      'usage: Option "[replication-factor]" can\'t be used with option "[alter]"',
    ],
    [
      [...ZK, '--create', '--topic', 't', '--replica-assignment', '0:1', '--partitions', '1'],
      'usage: Option "[replica-assignment]" can\'t be used with option "[partitions]"',
    ],
    [
      [...ZK, '--describe', '--under-min-isr-partitions'],
      'usage: Option "[under-min-isr-partitions]" can\'t be used with option "[zookeeper]"',
    ],
    [
      [...ZK, '--describe', '--under-replicated-partitions', '--unavailable-partitions'],
      'usage: Option "[under-replicated-partitions]" can\'t be used with option "[unavailable-partitions]"',
    ],
    [
      [...ZK, '--alter', '--topic', 't', '--if-not-exists'],
      'usage: Option "[if-not-exists]" can\'t be used with option "[alter]"',
    ],
    [
      [...ZK, '--delete', '--topic', 't', '--exclude-internal'],
      'usage: Option "[exclude-internal]" can\'t be used with option "[delete]"',
    ],
    [
      [
        ...ZK,
        '--describe',
        '--under-replicated-partitions',
        '--unavailable-partitions',
        '--exclude-internal',
      ],
      'usage: Option "[under-replicated-partitions]" can\'t be used with option "[unavailable-partitions]"',
    ],
  ])('%j -> %s', (args, expected) => {
    expect(check(args)).toBe(expected);
  });
});

describe('argument values', () => {
  const out = {
    lines: [] as string[],
    out(l: string): void {
      this.lines.push(l);
    },
    err(): void {},
  };

  it('parses a replica assignment', () => {
    expect(parseReplicaAssignment('0:1, 1 :2,2:0')).toEqual(
      new Map([
        [0, [0, 1]],
        [1, [1, 2]],
        [2, [2, 0]],
      ]),
    );
    expect(() => parseReplicaAssignment('0:1,1:1')).toThrow(
      'Partition replica lists may not contain duplicate entries: 1',
    );
    expect(() => parseReplicaAssignment('0:1,2')).toThrow(
      /^Partition 1 has different replication factor: \[I@[0-9a-f]+$/,
    );
    expect(() => parseReplicaAssignment('0:x')).toThrow('For input string: "x"');
    expect(() => parseReplicaAssignment('0:1,,1:2')).toThrow('For input string: ""');
  });

  it('parses --config k=v pairs, trims them and validates them', () => {
    const opts = new TopicCommandOptions([
      '--config',
      ' retention.ms = 100 ',
      '--config',
      'cleanup.policy=compact',
    ]);
    expect(parseTopicConfigsToBeAdded(opts, out)).toEqual(
      new Map([
        ['retention.ms', '100'],
        ['cleanup.policy', 'compact'],
      ]),
    );
    expect(() =>
      parseTopicConfigsToBeAdded(new TopicCommandOptions(['--config', 'retention.ms=']), out),
    ).toThrow(
      'requirement failed: Invalid topic config: all configs to be added must be in the format "key=val".',
    );
    expect(() => parseTopicConfigsToBeAdded(new TopicCommandOptions(['--config', 'a=b=c']), out)).toThrow(
      'requirement failed',
    );
  });

  it('warns about message.format.version', () => {
    out.lines = [];
    parseTopicConfigsToBeAdded(new TopicCommandOptions(['--config', 'message.format.version=2.1']), out);
    expect(out.lines).toEqual([
      'WARNING: The configuration message.format.version=2.1 is specified. This configuration will be ignored if the version is newer than the inter.broker.protocol.version specified in the broker.',
    ]);
  });

  it('filters topics with Kafka include-list rules', () => {
    const all = ['b', '__consumer_offsets', 'a.x', 'a_x', 'my-topic'];
    expect(filterTopics(all, undefined, false)).toEqual([
      '__consumer_offsets',
      'a.x',
      'a_x',
      'b',
      'my-topic',
    ]);
    expect(filterTopics(all, undefined, true)).toEqual(['a.x', 'a_x', 'b', 'my-topic']);
    expect(filterTopics(all, 'a\\.x', false)).toEqual(['a.x']);
    expect(filterTopics(all, 'a.x', false)).toEqual(['a.x', 'a_x']);
    expect(filterTopics(all, '"b, my-topic"', false)).toEqual(['b', 'my-topic']);
    expect(filterTopics(all, 'my', false)).toEqual([]);
    expect(filterTopics(all, '__.*', true)).toEqual([]);
    expect(() => filterTopics(all, '(', false)).toThrow('( is an invalid regex.');
  });
});

describe('help table', () => {
  const help = formatHelp(TOPIC_COMMAND_OPTIONS).split('\n');
  it('has jopt-simple header rows and 80-column rows', () => {
    expect(help[0]).toBe(`${'Option'.padEnd(39)}  ${'Description'.padEnd(39)}`);
    expect(help[1]).toBe(`${'------'.padEnd(39)}  ${'-----------'.padEnd(39)}`);
    expect(help).toContain(`${'--create'.padEnd(39)}  ${'Create a new topic.'.padEnd(39)}`);
    expect(help.find((l) => l.startsWith('--bootstrap-server'))).toBe(
      '--bootstrap-server <String: server to    REQUIRED: the Kafka server to connect  ',
    );
    expect(help.find((l) => l.startsWith('  connect to>'))).toMatch(/^ {2}connect to> {30}to\. /);
    expect(help[help.length - 1]).toBe('');
  });
  it('lists options sorted by name, each once', () => {
    const names = help.filter((l) => /^--[a-z]/.test(l)).map((l) => l.split(' ')[0]);
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(TOPIC_COMMAND_OPTIONS.length);
  });
});
