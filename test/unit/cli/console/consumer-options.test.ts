import {
  effectiveConsumerProps,
  parseConsumerArgs,
  randomGroupId,
  type ConsumerSettings,
} from '../../../../src/cli/console/consumer-options';
import { UsageError } from '../../../../src/cli/console/options';

const noFiles = (file: string): Map<string, string> => {
  throw new Error(`unexpected read of ${file}`);
};

function settings(args: string[], files = noFiles, random = () => 0.123456): ConsumerSettings {
  const r = parseConsumerArgs(args, files, random);
  if (r.kind !== 'run') throw new Error(`expected run, got ${r.kind}`);
  return r.settings;
}

function usage(args: string[]): string {
  try {
    parseConsumerArgs(args, noFiles);
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  return 'no usage error';
}

const BASE = ['--bootstrap-server', 'localhost:9092', '--topic', 't'];

describe('kafka-console-consumer options', () => {
  it('shows the help for no arguments and --help', () => {
    expect(parseConsumerArgs([], noFiles).kind).toBe('help');
    expect(parseConsumerArgs([...BASE, '--help'], noFiles).kind).toBe('help');
    expect(parseConsumerArgs(['--version'], noFiles).kind).toBe('version');
  });

  it.each([
    [['--topic', 't'], 'Missing required argument "[bootstrap-server]"'],
    [['--bootstrap-server', 'h:1'], 'Exactly one of whitelist/topic is required.'],
    [[...BASE, '--whitelist', 'x.*'], 'Exactly one of whitelist/topic is required.'],
    [[...BASE, '--offset', '5'], 'The partition is required when offset is specified.'],
    [
      ['--bootstrap-server', 'h:1', '--whitelist', 'x', '--partition', '0'],
      'The topic is required when partition is specified.',
    ],
    [
      [...BASE, '--partition', '0', '--offset', '1', '--from-beginning'],
      'Options from-beginning and offset cannot be specified together.',
    ],
    [
      [...BASE, '--partition', '0', '--offset', 'soon'],
      "The provided offset value 'soon' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.",
    ],
    [
      [...BASE, '--partition', '0', '--group', 'g'],
      'Options group and partition cannot be specified together.',
    ],
    [[...BASE, '--frm-beginning'], 'frm-beginning is not a recognized option'],
  ])('%j → usage "%s"', (args, message) => {
    expect(usage(args)).toBe(message);
  });

  it("gives a group-less consumer Kafka's throwaway group, without offset commits", () => {
    const s = settings(BASE);
    expect(s.groupIdPassed).toBe(false);
    expect(s.consumerProps.get('group.id')).toBe('console-consumer-12345');
    expect(s.consumerProps.get('enable.auto.commit')).toBe('false');
    const explicit = settings([...BASE, '--consumer-property', 'enable.auto.commit=true']);
    expect(explicit.consumerProps.get('enable.auto.commit')).toBe('true');
  });

  it('forms random group ids as console-consumer-<0..99999>', () => {
    expect(randomGroupId(() => 0)).toBe('console-consumer-0');
    expect(randomGroupId(() => 0.999999)).toBe('console-consumer-99999');
    expect(randomGroupId()).toMatch(/^console-consumer-\d{1,5}$/);
  });

  it('takes the group from --group, --consumer-property or --consumer.config, and they must agree', () => {
    expect(settings([...BASE, '--group', 'g']).consumerProps.get('group.id')).toBe('g');
    const viaProperty = settings([...BASE, '--consumer-property', 'group.id=mygroup']);
    expect(viaProperty.groupIdPassed).toBe(true);
    expect(viaProperty.consumerProps.has('enable.auto.commit')).toBe(false);
    const files = (): Map<string, string> => new Map([['group.id', 'g']]);
    expect(
      settings([...BASE, '--group', 'g', '--consumer.config', 'c.properties'], files).groupIdPassed,
    ).toBe(true);
    expect(usage([...BASE, '--group', 'a', '--consumer-property', 'group.id=b'])).toBe(
      "The group ids provided in different places (directly using '--group', via '--consumer-property', or via " +
        "'--consumer.config') do not match. Detected group ids: 'a', 'b'",
    );
  });

  it('reads --partition/--offset, with --from-beginning meaning earliest', () => {
    expect(settings([...BASE, '--partition', '1', '--offset', '42']).offset).toBe(42n);
    expect(settings([...BASE, '--partition', '1', '--offset', 'EARLIEST']).offset).toBe('earliest');
    expect(settings([...BASE, '--partition', '1']).offset).toBe('latest');
    expect(settings([...BASE, '--partition', '1', '--from-beginning']).offset).toBe('earliest');
  });

  it('reads --max-messages and --timeout-ms (-1 when absent)', () => {
    const s = settings([...BASE, '--max-messages', '10']);
    expect([s.maxMessages, s.timeoutMs]).toEqual([10, -1]);
    expect(() => settings([...BASE, '--max-messages', 'ten'])).toThrow(
      "Cannot parse argument 'ten' of option max-messages",
    );
  });

  it('sets auto.offset.reset from --from-beginning unless given, and refuses a conflicting one', () => {
    expect(effectiveConsumerProps(settings(BASE))).toEqual(expect.any(Map));
    const latest = effectiveConsumerProps(settings(BASE));
    expect(latest instanceof Map && latest.get('auto.offset.reset')).toBe('latest');
    const earliest = effectiveConsumerProps(settings([...BASE, '--from-beginning']));
    expect(earliest instanceof Map && earliest.get('auto.offset.reset')).toBe('earliest');
    const conflict = effectiveConsumerProps(
      settings([...BASE, '--from-beginning', '--consumer-property', 'auto.offset.reset=latest']),
    );
    expect(conflict).toEqual({
      conflict:
        "Can't simultaneously specify --from-beginning and 'auto.offset.reset=latest', please remove one option",
    });
  });

  it('lets --isolation-level win, else keeps isolation.level from the properties', () => {
    const prop = effectiveConsumerProps(
      settings([...BASE, '--consumer-property', 'isolation.level=read_committed']),
    );
    expect(prop instanceof Map && prop.get('isolation.level')).toBe('read_committed');
    const both = effectiveConsumerProps(
      settings([
        ...BASE,
        '--consumer-property',
        'isolation.level=read_committed',
        '--isolation-level',
        'read_uncommitted',
      ]),
    );
    expect(both instanceof Map && both.get('isolation.level')).toBe('read_uncommitted');
  });

  it('passes --key-deserializer / --value-deserializer and refuses unknown formatter classes', () => {
    const s = settings([
      ...BASE,
      '--value-deserializer',
      'org.apache.kafka.common.serialization.IntegerDeserializer',
    ]);
    expect(s.formatter).toBeDefined();
    expect(() => settings([...BASE, '--formatter', 'my.Formatter'])).toThrow('my.Formatter');
  });
});
