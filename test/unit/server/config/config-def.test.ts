import {
  ConfigDef,
  ConfigException,
  LONG_MAX,
  NO_DEFAULT,
  NonEmptyString,
  Password,
  Range,
  ValidList,
  ValidString,
  formatValue,
  key,
  parseType,
  resolveSynonyms,
} from '../../../../src/server/config';
import { javaDouble, javaLong } from '../../../../src/server/config/config-def';

const props = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

/** Runs fn and returns the ConfigException it throws. */
function configError(fn: () => unknown): ConfigException {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigException) return e;
    throw e;
  }
  throw new Error('expected a ConfigException');
}

describe('parseType', () => {
  it('trims strings, and parses booleans case-insensitively', () => {
    expect(parseType('k', '  a b  ', 'STRING')).toBe('a b');
    expect(parseType('k', ' TRUE ', 'BOOLEAN')).toBe(true);
    expect(parseType('k', 'False', 'BOOLEAN')).toBe(false);
  });

  it('splits lists on commas with surrounding blanks; empty is an empty list', () => {
    expect(parseType('k', ' a , b,c ', 'LIST')).toEqual(['a', 'b', 'c']);
    expect(parseType('k', '   ', 'LIST')).toEqual([]);
    expect(parseType('k', 'a,,b', 'LIST')).toEqual(['a', '', 'b']);
  });

  it('parses numbers that fit their type', () => {
    expect(parseType('k', ' 42 ', 'INT')).toBe(42);
    expect(parseType('k', '+7', 'INT')).toBe(7);
    expect(parseType('k', '-2147483648', 'INT')).toBe(-2147483648);
    expect(parseType('k', '32767', 'SHORT')).toBe(32767);
    expect(parseType('k', '9223372036854775807', 'LONG')).toBe(LONG_MAX);
    expect(parseType('k', '1e3', 'DOUBLE')).toBe(1000);
    expect(parseType('k', '.5', 'DOUBLE')).toBe(0.5);
    expect(parseType('k', '2d', 'DOUBLE')).toBe(2);
  });

  it('wraps secrets in a Password that prints as [hidden]', () => {
    const p = parseType('k', ' s3cret ', 'PASSWORD');
    expect(p).toBeInstanceOf(Password);
    expect((p as Password).value).toBe('s3cret');
    expect(String(p)).toBe('[hidden]');
  });

  it.each([
    ['abc', 'INT', 'Invalid value abc for configuration k: Not a number of type INT'],
    ['2147483648', 'INT', 'Invalid value 2147483648 for configuration k: Not a number of type INT'],
    ['1.5', 'INT', 'Invalid value 1.5 for configuration k: Not a number of type INT'],
    ['0x10', 'INT', 'Invalid value 0x10 for configuration k: Not a number of type INT'],
    ['40000', 'SHORT', 'Invalid value 40000 for configuration k: Not a number of type SHORT'],
    [
      '9223372036854775808',
      'LONG',
      'Invalid value 9223372036854775808 for configuration k: Not a number of type LONG',
    ],
    ['ten', 'DOUBLE', 'Invalid value ten for configuration k: Not a number of type DOUBLE'],
    ['yes', 'BOOLEAN', 'Invalid value yes for configuration k: Expected value to be either true or false'],
  ] as const)('rejects %s as %s', (raw, type, message) => {
    const e = configError(() => parseType('k', raw, type));
    expect(e.message).toBe(message);
    expect(e.key).toBe('k');
  });

  it('shows the value as supplied (untrimmed) in parse errors', () => {
    expect(configError(() => parseType('k', 'x ', 'INT')).message).toBe(
      'Invalid value x  for configuration k: Not a number of type INT',
    );
  });
});

describe('validators', () => {
  it('Range reports the bound, showing the value as Java prints it', () => {
    const def = new ConfigDef([
      key('i', 'INT', 1, 'HIGH', Range.atLeast(1)),
      key('d', 'DOUBLE', 0.5, 'LOW', Range.between(0, 1)),
    ]);
    expect(configError(() => def.parse(props({ i: '0' }))).message).toBe(
      'Invalid value 0 for configuration i: Value must be at least 1',
    );
    expect(configError(() => def.parse(props({ d: '2' }))).message).toBe(
      'Invalid value 2.0 for configuration d: Value must be no more than 1',
    );
    expect(Range.atLeast(1).toString()).toBe('[1,...]');
    expect(Range.between(0, 1).toString()).toBe('[0,...,1]');
  });

  it('ValidString, ValidList and NonEmptyString use Kafka phrasings', () => {
    const def = new ConfigDef([
      key('s', 'STRING', 'a', 'LOW', ValidString.in('a', 'b')),
      key('l', 'LIST', 'a', 'LOW', ValidList.in('a', 'b')),
      key('n', 'STRING', null, 'LOW', new NonEmptyString()),
    ]);
    expect(configError(() => def.parse(props({ s: 'c' }))).message).toBe(
      'Invalid value c for configuration s: String must be one of: a, b',
    );
    expect(configError(() => def.parse(props({ l: 'a,x' }))).message).toBe(
      'Invalid value x for configuration l: String must be one of: a, b',
    );
    expect(configError(() => def.parse(props({ n: ' ' }))).message).toBe(
      'Invalid value  for configuration n: String must be non-empty',
    );
    expect(ValidList.in('a', 'b').toString()).toBe('[a, b]');
  });

  it('checks defaults against their validator when a key is defined', () => {
    expect(() => new ConfigDef([key('x', 'INT', 0, 'LOW', Range.atLeast(1))])).toThrow(
      'Invalid value 0 for configuration x: Value must be at least 1',
    );
    expect(() => new ConfigDef([key('x', 'INT', 1, 'LOW'), key('x', 'INT', 1, 'LOW')])).toThrow(
      /defined twice/,
    );
  });
});

describe('ConfigDef.parse', () => {
  const def = new ConfigDef([
    key('required.key', 'STRING', NO_DEFAULT, 'HIGH'),
    key('with.default', 'INT', 5, 'LOW'),
    key('nullable', 'LONG', null, 'LOW'),
  ]);

  it('uses supplied values, then defaults, and ignores keys it does not define', () => {
    const values = def.parse(props({ 'required.key': 'x', other: 'y' }));
    expect([...values]).toEqual([
      ['required.key', 'x'],
      ['with.default', 5],
      ['nullable', null],
    ]);
  });

  it('reports a missing required key like Kafka', () => {
    const e = configError(() => def.parse(new Map()));
    expect(e.message).toBe('Missing required configuration "required.key" which has no default value.');
    expect(e.key).toBe('required.key');
  });

  it('exposes specs, names and parsed defaults', () => {
    expect(def.names()).toEqual(['required.key', 'with.default', 'nullable']);
    expect(def.spec('with.default')?.type).toBe('INT');
    expect(def.defaultOf('with.default')).toBe(5);
    expect(def.has('nope')).toBe(false);
  });
});

describe('synonyms', () => {
  const chain = [
    ['a.ms', 1],
    ['a.minutes', 60_000],
    ['a.hours', 3_600_000],
  ] as const;

  it('takes the first non-null value of the chain, scaled', () => {
    expect(resolveSynonyms(new Map([['a.hours', 2]]), chain)).toBe(7_200_000);
    expect(
      resolveSynonyms(
        new Map([
          ['a.minutes', 3],
          ['a.hours', 2],
        ]),
        chain,
      ),
    ).toBe(180_000);
    expect(
      resolveSynonyms(
        new Map<string, number | null>([
          ['a.ms', 5],
          ['a.minutes', 3],
        ]),
        chain,
      ),
    ).toBe(5);
    expect(resolveSynonyms(new Map([['a.ms', null]]), chain)).toBeNull();
  });
});

describe('Java formatting', () => {
  it.each([
    [0.5, '0.5'],
    [2, '2.0'],
    [0, '0.0'],
    [1e7, '1.0E7'],
    [1.5e-4, '1.5E-4'],
    [Number.MAX_VALUE, '1.7976931348623157E308'],
    [Infinity, 'Infinity'],
    [NaN, 'NaN'],
  ])('javaDouble(%p) = %s', (n, s) => {
    expect(javaDouble(n)).toBe(s);
  });

  it('prints longs exactly, and 2^63 as Long.MAX_VALUE', () => {
    expect(javaLong(-1)).toBe('-1');
    expect(javaLong(LONG_MAX)).toBe('9223372036854775807');
    expect(javaLong(-LONG_MAX)).toBe('-9223372036854775808');
  });

  it('formats values by type for the config dump', () => {
    expect(formatValue('LIST', ['a', 'b'])).toBe('[a, b]');
    expect(formatValue('LIST', [])).toBe('[]');
    expect(formatValue('CLASS', 'com.example.Foo')).toBe('class com.example.Foo');
    expect(formatValue('PASSWORD', new Password('x'))).toBe('[hidden]');
    expect(formatValue('STRING', null)).toBe('null');
    expect(formatValue('DOUBLE', 0.8)).toBe('0.8');
  });
});
