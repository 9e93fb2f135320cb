import { javaFixed, JavaRandom, SimpleDateFormat } from '../../../../src/cli/perf/java-format';
import { AdminError } from '../../../../src/admin/errors';

describe('javaFixed (Java %.Nf)', () => {
  it.each([
    [1.005, 2, '1.01'], // HALF_UP on the shortest decimal form; toFixed gives 1.00
    [0.125, 2, '0.13'],
    [2.5, 0, '3'],
    [99.95, 1, '100.0'],
    [123456.789, 6, '123456.789000'],
    [0, 1, '0.0'],
    [1.5e-7, 4, '0.0000'],
    [1e21, 2, '1000000000000000000000.00'],
    [-1.25, 1, '-1.3'],
    [Number.NaN, 2, 'NaN'],
    [Number.POSITIVE_INFINITY, 4, 'Infinity'],
  ])('%p with %p digits → %p', (value, digits, text) => {
    expect(javaFixed(value, digits)).toBe(text);
  });
});

describe('JavaRandom (java.util.Random)', () => {
  it('gives the same ints as Java for known seeds', () => {
    expect(new JavaRandom(0).next(32)).toBe(-1155484576);
    expect(new JavaRandom(42).next(32)).toBe(-1170105035);
    expect(new JavaRandom(42).nextInt(10)).toBe(0);
  });

  it('gives the payload Kafka 2.8 uses for --record-size (new Random(0), nextInt(26) + 65)', () => {
    const r = new JavaRandom(0);
    const text = Array.from({ length: 20 }, () => String.fromCharCode(r.nextInt(26) + 65)).join('');
    expect(text).toBe('SSXVNJHPDQDXVCRASTVY');
  });

  it('draws bounded ints with the rejection loop (non power of two) and the shortcut (power of two)', () => {
    const r = new JavaRandom(0);
    expect(Array.from({ length: 10 }, () => r.nextInt(7))).toEqual([5, 2, 4, 2, 4, 0, 2, 1, 6, 2]);
    const p = new JavaRandom(7);
    for (let i = 0; i < 100; i++) expect(p.nextInt(16)).toBeLessThan(16);
  });
});

describe('SimpleDateFormat', () => {
  const at = new Date(2024, 0, 2, 3, 4, 5, 6).getTime(); // local time, as Java formats

  it("formats Kafka's default consumer perf pattern", () => {
    expect(new SimpleDateFormat('yyyy-MM-dd HH:mm:ss:SSS').format(at)).toBe('2024-01-02 03:04:05:006');
  });

  it('knows names, 12-hour clocks, short years and quoted text', () => {
    expect(new SimpleDateFormat("EEE, d MMM yy h:mm a 'at' ''S''").format(at)).toBe(
      "Tue, 2 Jan 24 3:04 AM at '6'",
    );
    expect(new SimpleDateFormat('MMMM EEEE DDD').format(at)).toBe('January Tuesday 002');
  });

  it('refuses unknown pattern letters as Java does', () => {
    expect(() => new SimpleDateFormat('yyyy-qq')).toThrow(AdminError);
    expect(() => new SimpleDateFormat('yyyy-qq')).toThrow("Illegal pattern character 'q'");
  });
});
