import { LineMessageReader, LineSplitter, shouldPrompt } from '../../../../src/cli/console/line-reader';

function reader(props: Record<string, string>): LineMessageReader {
  return new LineMessageReader(new Map(Object.entries({ topic: 't', ...props })));
}

const text = (b: Buffer | null): string | null => (b === null ? null : b.toString('utf8'));

describe('LineMessageReader', () => {
  it('sends the whole line as the value, without key, by default', () => {
    const r = reader({}).read('a\tb');
    expect([r.topic, text(r.key), text(r.value)]).toEqual(['t', null, 'a\tb']);
  });

  it('splits key and value at the first TAB with parse.key=true', () => {
    const r = reader({ 'parse.key': 'true' }).read('k\tv\tw');
    expect([text(r.key), text(r.value)]).toEqual(['k', 'v\tw']);
  });

  it('uses key.separator (any length); a trailing separator gives an empty value', () => {
    const r = reader({ 'parse.key': ' True ', 'key.separator': '::' });
    expect(text(r.read('user1::hello').key)).toBe('user1');
    expect(text(r.read('user1::hello').value)).toBe('hello');
    expect(text(r.read('k::').value)).toBe('');
    expect(text(r.read('::v').key)).toBe('');
  });

  it('fails on a line without the separator, naming the line number', () => {
    const r = reader({ 'parse.key': 'true' });
    r.read('a\tb');
    expect(() => r.read('nokey')).toThrow('No key found on line 2: nokey');
  });

  it('sends such a line without key when ignore.error=true', () => {
    const r = reader({ 'parse.key': 'true', 'ignore.error': 'true' }).read('nokey');
    expect([text(r.key), text(r.value)]).toEqual([null, 'nokey']);
  });

  it('prompts only when stdin and stdout are both terminals', () => {
    expect(shouldPrompt(true, true)).toBe(true);
    expect(shouldPrompt(true, false)).toBe(false);
    expect(shouldPrompt(false, true)).toBe(false);
  });
});

describe('LineSplitter (BufferedReader.readLine rules)', () => {
  it('ends lines at \\n, \\r and \\r\\n, across chunk boundaries', () => {
    const s = new LineSplitter();
    expect(s.push('a\r')).toEqual(['a']);
    expect(s.push('\nb\rc\r\n\nd')).toEqual(['b', 'c', '']);
    expect(s.push('e\n')).toEqual(['de']);
    expect(s.end()).toBeNull();
  });

  it('returns an unterminated last line at the end', () => {
    const s = new LineSplitter();
    expect(s.push('x\ny')).toEqual(['x']);
    expect(s.end()).toBe('y');
  });
});
