/**
 * The bits of Java's formatting the perf tools print through: `String.format("%.Nf")` (rounding
 * HALF_UP on the shortest decimal form of the double, so 1.005 gives "1.01" where JavaScript's
 * toFixed gives "1.00"), `SimpleDateFormat` for the consumer tool's `--date-format`, and
 * `java.util.Random` (the producer tool's payload bytes and payload-file picks are Kafka's own).
 */
import { AdminError } from '../../admin/errors';

/** Java's `%.{digits}f` for a double (`%f` is `digits = 6`). */
export function javaFixed(value: number, digits: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  const negative = value < 0 || Object.is(value, -0);
  const [mantissa = '0', exponent = '0'] = Math.abs(value).toExponential().split('e');
  const significand = mantissa.replace('.', '');
  // |value| = significand × 10^shift; scaled = round_half_up(|value| × 10^digits).
  const shift = Number(exponent) - (significand.length - 1) + digits;
  let scaled = BigInt(significand);
  if (shift >= 0) scaled *= 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    const remainder = scaled % divisor;
    scaled /= divisor;
    if (remainder * 2n >= divisor) scaled += 1n;
  }
  const text = scaled.toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type Field = { text: string } | { letter: string; count: number };

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function offsetText(date: Date, colon: boolean): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

function dayOfYear(date: Date): number {
  const start = new Date(date.getFullYear(), 0, 1);
  return Math.round((date.getTime() - start.getTime()) / 86_400_000) + 1;
}

function fieldText(letter: string, count: number, d: Date): string {
  const hours = d.getHours();
  switch (letter) {
    case 'G':
      return d.getFullYear() > 0 ? 'AD' : 'BC';
    case 'y':
    case 'Y':
      return count === 2 ? pad(d.getFullYear() % 100, 2) : pad(d.getFullYear(), count);
    case 'M':
      if (count >= 4) return MONTHS[d.getMonth()] ?? '';
      if (count === 3) return (MONTHS[d.getMonth()] ?? '').slice(0, 3);
      return pad(d.getMonth() + 1, count);
    case 'd':
      return pad(d.getDate(), count);
    case 'D':
      return pad(dayOfYear(d), count);
    case 'E':
      return count >= 4 ? (DAYS[d.getDay()] ?? '') : (DAYS[d.getDay()] ?? '').slice(0, 3);
    case 'u':
      return pad(d.getDay() === 0 ? 7 : d.getDay(), count);
    case 'a':
      return hours < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(hours, count);
    case 'k':
      return pad(hours === 0 ? 24 : hours, count);
    case 'K':
      return pad(hours % 12, count);
    case 'h':
      return pad(hours % 12 === 0 ? 12 : hours % 12, count);
    case 'm':
      return pad(d.getMinutes(), count);
    case 's':
      return pad(d.getSeconds(), count);
    case 'S':
      return pad(d.getMilliseconds(), count);
    case 'z':
      return `GMT${offsetText(d, true)}`;
    case 'Z':
      return offsetText(d, false);
    case 'X':
      return d.getTimezoneOffset() === 0 ? 'Z' : offsetText(d, count >= 3).slice(0, count === 1 ? 3 : 6);
    default:
      return '';
  }
}

const SUPPORTED = new Set('GyYMdDEuaHkKhmsSzZX'.split(''));

/**
 * `new SimpleDateFormat(pattern)`: letters repeat for width ('' is a quote, text in quotes is
 * literal). An unknown letter fails as Java does, with `IllegalArgumentException: Illegal pattern
 * character 'x'`. Week fields (w, W, F) are not supported and fail the same way.
 */
export class SimpleDateFormat {
  private readonly fields: Field[] = [];

  constructor(readonly pattern: string) {
    let i = 0;
    while (i < pattern.length) {
      const c = pattern.charAt(i);
      if (c === "'") {
        const end = pattern.indexOf("'", i + 1);
        if (end === i + 1) {
          this.fields.push({ text: "'" });
          i += 2;
          continue;
        }
        if (end < 0) throw new AdminError('java.lang.IllegalArgumentException', 'Unterminated quote');
        this.fields.push({ text: pattern.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
      if (/[a-zA-Z]/.test(c)) {
        if (!SUPPORTED.has(c))
          throw new AdminError('java.lang.IllegalArgumentException', `Illegal pattern character '${c}'`);
        let count = 1;
        while (pattern.charAt(i + count) === c) count += 1;
        this.fields.push({ letter: c, count });
        i += count;
        continue;
      }
      this.fields.push({ text: c });
      i += 1;
    }
  }

  format(epochMs: number): string {
    const d = new Date(epochMs);
    return this.fields.map((f) => ('text' in f ? f.text : fieldText(f.letter, f.count, d))).join('');
  }
}

/** `java.util.Random`: the 48-bit linear congruential generator, in two 24-bit halves. */
export class JavaRandom {
  private hi: number;
  private lo: number;

  constructor(seed: number) {
    // (seed ^ 0x5DEECE66D) & (2^48 - 1), for a seed that fits in 32 bits.
    const s = BigInt.asUintN(48, BigInt(seed) ^ 0x5deece66dn);
    this.hi = Number(s >> 24n);
    this.lo = Number(s & 0xffffffn);
  }

  /** `next(bits)`: advances the seed and returns its top `bits` bits (as a signed int for 32). */
  next(bits: number): number {
    const ML = 0xece66d;
    const MH = 0x5de;
    const p0 = this.lo * ML + 0xb;
    const newLo = p0 % 0x1000000;
    const carry = Math.floor(p0 / 0x1000000);
    const p1 = this.hi * ML + this.lo * MH + carry;
    this.hi = p1 % 0x1000000;
    this.lo = newLo;
    // (int) (seed >>> (48 - bits)); the seed (< 2^48) is exact as a double.
    const v = Math.floor((this.hi * 0x1000000 + this.lo) / 2 ** (48 - bits));
    return bits === 32 ? v | 0 : v;
  }

  /** `nextInt(bound)`, uniform in [0, bound). */
  nextInt(bound: number): number {
    if (bound <= 0) throw new AdminError('java.lang.IllegalArgumentException', 'bound must be positive');
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n);
    for (let u = r; u - (r = u % bound) + m > 0x7fffffff; u = this.next(31));
    return r;
  }
}
