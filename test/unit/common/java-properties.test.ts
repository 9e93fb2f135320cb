import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  PropertiesFormatException,
  javaDateString,
  loadPropertiesFile,
  parseProperties,
  storeProperties,
} from '../../../src/common/java-properties';

const entries = (text: string | Buffer): [string, string][] => [...parseProperties(text)];

describe('parseProperties', () => {
  it('accepts the three separators and skips blanks around them', () => {
    expect(entries('a=1\nb:2\nc 3\nd   =   4\ne\t:\t5\nf = = 6\n')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['d', '4'],
      ['e', '5'],
      ['f', '= 6'],
    ]);
  });

  it('skips # and ! comments, blank lines and leading whitespace', () => {
    const text = '# comment\n! also a comment\n\n   \n   key=value\n\t\fother = x\n  # indented comment\n';
    expect(entries(text)).toEqual([
      ['key', 'value'],
      ['other', 'x'],
    ]);
  });

  it('keeps trailing whitespace of a value and allows empty values and keys without value', () => {
    expect(entries('a=x  \nb=\nc\n')).toEqual([
      ['a', 'x  '],
      ['b', ''],
      ['c', ''],
    ]);
  });

  it('accepts \\n, \\r\\n and \\r line endings', () => {
    expect(entries('a=1\r\nb=2\rc=3\n')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
  });

  it('joins continuation lines (odd number of trailing backslashes) and drops their leading blanks', () => {
    const text = 'list=a,\\\n    b,\\\n\tc\nodd=x\\\\\\\n  y\neven=x\\\\\nnext=1\n';
    expect(parseProperties(text).get('list')).toBe('a,b,c');
    expect(parseProperties(text).get('odd')).toBe('x\\y');
    expect(parseProperties(text).get('even')).toBe('x\\');
    expect(parseProperties(text).get('next')).toBe('1');
  });

  it('does not treat # on a continuation line as a comment, nor continue a comment line', () => {
    const text = 'a=1\\\n#2\n# comment \\\nb=3\n';
    expect(entries(text)).toEqual([
      ['a', '1#2'],
      ['b', '3'],
    ]);
  });

  it('ends a logical line at an empty continuation line, and drops a backslash at end of input', () => {
    expect(entries('a=1\\\n\nb=2\nc=3\\')).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
  });

  it('decodes escapes in keys and values', () => {
    const text = 'tab\\tkey=\\t\\n\\r\\f\\\\\nuni=caf\\u00e9 \\u20AC\nother\\q=\\z\n';
    const map = parseProperties(text);
    expect(map.get('tab\tkey')).toBe('\t\n\r\f\\');
    expect(map.get('uni')).toBe('café €');
    expect(map.get('otherq')).toBe('z');
  });

  it('allows escaped separators and spaces inside keys', () => {
    const map = parseProperties('a\\=b=1\nc\\:d:2\ne\\ f 3\n\\ lead=4\n');
    expect([...map]).toEqual([
      ['a=b', '1'],
      ['c:d', '2'],
      ['e f', '3'],
      [' lead', '4'],
    ]);
  });

  it('lets a later key override an earlier one', () => {
    const map = parseProperties('a=1\nb=2\na=3\n');
    expect(map.get('a')).toBe('3');
    expect(map.size).toBe(2);
  });

  it('rejects a malformed \\u escape like Java', () => {
    expect(() => parseProperties('a=\\u12g4\n')).toThrow(PropertiesFormatException);
    expect(() => parseProperties('a=\\u12g4\n')).toThrow('Malformed \\uxxxx encoding.');
  });

  it('decodes a Buffer as ISO-8859-1', () => {
    expect(parseProperties(Buffer.from([0x61, 0x3d, 0xe9])).get('a')).toBe('é');
  });

  it('loads a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'props-'));
    const file = path.join(dir, 'x.properties');
    fs.writeFileSync(file, 'broker.id=3\nlog.dirs=/tmp/a, /tmp/b\n');
    expect(loadPropertiesFile(file).get('log.dirs')).toBe('/tmp/a, /tmp/b');
    fs.rmSync(dir, { recursive: true });
  });
});

describe('storeProperties', () => {
  const date = new Date(Date.UTC(2021, 9, 5, 10, 0, 0));

  it('formats dates like java.util.Date#toString in UTC', () => {
    expect(javaDateString(date)).toBe('Tue Oct 05 10:00:00 UTC 2021');
  });

  it('writes meta.properties the way Kafka does with an empty comment', () => {
    const props = new Map([
      ['cluster.id', 'Q3bK7x1bRZqGv0e6pZ1XyA'],
      ['version', '0'],
      ['broker.id', '0'],
    ]);
    expect(storeProperties(props, '', date)).toBe(
      '#\n#Tue Oct 05 10:00:00 UTC 2021\ncluster.id=Q3bK7x1bRZqGv0e6pZ1XyA\nversion=0\nbroker.id=0\n',
    );
  });

  it('omits the comment line when no comment is given and writes multi-line comments with #', () => {
    expect(storeProperties(new Map(), undefined, date)).toBe('#Tue Oct 05 10:00:00 UTC 2021\n');
    expect(storeProperties(new Map(), 'one\ntwo\n#three', date)).toBe(
      '#one\n#two\n#three\n#Tue Oct 05 10:00:00 UTC 2021\n',
    );
  });

  it('escapes keys and values like Properties.store', () => {
    const props = new Map([
      ['a key', ' lead and inner space'],
      ['k=:#!', 'v=:#!'],
      ['ctl', '\t\n\r\f\\'],
      ['uni', 'café €\u0001'],
    ]);
    const text = storeProperties(props, null, date);
    expect(text.split('\n').slice(1, -1)).toEqual([
      'a\\ key=\\ lead and inner space',
      'k\\=\\:\\#\\!=v\\=\\:\\#\\!',
      'ctl=\\t\\n\\r\\f\\\\',
      'uni=caf\\u00E9 \\u20AC\\u0001',
    ]);
  });

  it('round-trips through parseProperties', () => {
    const props = new Map([
      ['a key', ' x y '],
      ['k=:#!', 'v=:#!\\'],
      ['multi', 'line1\nline2'],
      ['uni', 'Grüße €'],
      ['', 'empty key'],
    ]);
    expect(parseProperties(storeProperties(props, 'comment', date))).toEqual(props);
  });
});
