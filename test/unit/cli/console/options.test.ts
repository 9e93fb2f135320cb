import {
  isTrue,
  JoptError,
  parseHostPort,
  parseKeyValueArgs,
  ParsedOptions,
  usageTable,
  UsageError,
  validatePortOrDie,
  type ConsoleOptionSpec,
} from '../../../../src/cli/console/options';

const SPECS: ConsoleOptionSpec[] = [
  { name: 'topic', arg: { type: 'String', describedAs: 'topic' }, description: 'The topic.' },
  { name: 'count', arg: { type: 'Integer', default: '3' }, description: 'How many.' },
  { name: 'big', arg: { type: 'Long' }, description: 'A long.' },
  { name: 'codec', arg: { kind: 'optional', type: 'String', describedAs: 'codec' }, description: 'Maybe.' },
  { name: 'sync', description: 'A flag.' },
  { name: 'property', arg: { type: 'String', describedAs: 'prop' }, description: 'Repeatable.' },
];

function failure(args: string[]): string {
  try {
    new ParsedOptions(SPECS, args);
    return 'ok';
  } catch (err) {
    return err instanceof UsageError ? `usage: ${err.message}` : String(err);
  }
}

describe('ParsedOptions (jopt-simple rules)', () => {
  it('reads --name value, --name=value, -name value, flags and repeated options', () => {
    const o = new ParsedOptions(SPECS, [
      '--topic',
      't',
      '--property=a=b',
      '-property',
      'c=d',
      '--sync',
      'stray',
    ]);
    expect(o.valueOf('topic')).toBe('t');
    expect(o.valuesOf('property')).toEqual(['a=b', 'c=d']);
    expect(o.has('sync')).toBe(true);
    expect(o.nonOptions).toEqual(['stray']);
  });

  it('takes the next word for a required argument even if it looks like an option', () => {
    expect(new ParsedOptions(SPECS, ['--topic', '--sync']).valueOf('topic')).toBe('--sync');
  });

  it('takes an optional argument only when the next word is not an option', () => {
    const bare = new ParsedOptions(SPECS, ['--codec', '--sync']);
    expect(bare.has('codec')).toBe(true);
    expect(bare.valueOf('codec')).toBeUndefined();
    expect(bare.has('sync')).toBe(true);
    expect(new ParsedOptions(SPECS, ['--codec', 'lz4']).valueOf('codec')).toBe('lz4');
    expect(new ParsedOptions(SPECS, ['--codec=']).valueOf('codec')).toBe('');
  });

  it('stops reading options at --', () => {
    expect(new ParsedOptions(SPECS, ['--', '--sync']).nonOptions).toEqual(['--sync']);
  });

  it.each([
    [['--topc', 't'], 'usage: topc is not a recognized option'],
    [['-xyz'], 'usage: x is not a recognized option'],
    [['--topic'], 'usage: Option topic requires an argument'],
  ])('rejects %j at parse time', (args, expected) => {
    expect(failure(args)).toBe(expected);
  });

  it('gives defaults and converts numbers when read, as jopt-simple does', () => {
    const o = new ParsedOptions(SPECS, ['--big', '9007199254740991']);
    expect(o.numberOf('count')).toBe(3);
    expect(o.numberOf('big')).toBe(9007199254740991);
    const bad = new ParsedOptions(SPECS, ['--count', '2147483648']);
    expect(() => bad.numberOf('count')).toThrow(JoptError);
    expect(() => bad.numberOf('count')).toThrow("Cannot parse argument '2147483648' of option count");
  });

  it('fails reading a single-valued option given twice', () => {
    const o = new ParsedOptions(SPECS, ['--topic', 'a', '--topic', 'b']);
    expect(() => o.valueOf('topic')).toThrow(
      'Found multiple arguments for option topic, but you asked for only one',
    );
  });
});

describe('helpers', () => {
  it('parses key=value pairs like CommandLineUtils.parseKeyValueArgs', () => {
    expect([...parseKeyValueArgs(['a=1', 'b=x=y', 'c', 'd='])]).toEqual([
      ['a', '1'],
      ['b', 'x=y'],
      ['c', ''],
      ['d', ''],
    ]);
  });

  it('reads booleans as trim + equalsIgnoreCase("true")', () => {
    expect(isTrue(' TRUE ')).toBe(true);
    expect(isTrue('yes')).toBe(false);
    expect(isTrue(undefined)).toBe(false);
  });

  it('validates host:port lists as ToolsUtils.validatePortOrDie', () => {
    expect(() => validatePortOrDie('localhost:9092,[::1]:9093')).not.toThrow();
    expect(() => validatePortOrDie('localhost')).toThrow(
      'Please provide valid host:port like host1:9091,host2:9092\n ',
    );
    expect(() => validatePortOrDie('a:1,b')).toThrow(UsageError);
    expect(parseHostPort('[::1]:9093')).toEqual({ host: '::1', port: 9093 });
  });
});

describe('usageTable', () => {
  it('lays the options out as jopt-simple: sorted, typed, defaults appended', () => {
    const lines = usageTable(SPECS).split('\n');
    expect(lines[0]).toMatch(/^Option {2,}Description/);
    expect(lines[1]).toMatch(/^------ {2,}-----------/);
    const names = lines.filter((l) => /^--[a-z]/.test(l)).map((l) => l.split(' ')[0]);
    expect(names).toEqual(['--big', '--codec', '--count', '--property', '--sync', '--topic']);
    expect(lines.find((l) => l.startsWith('--codec'))).toMatch(/^--codec \[String: codec\] +Maybe\./);
    expect(lines.find((l) => l.startsWith('--count'))).toMatch(
      /^--count <Integer> +How many\. \(default: 3\)/,
    );
    expect(lines.find((l) => l.startsWith('--big'))).toMatch(/^--big <Long> +A long\./);
  });
});
