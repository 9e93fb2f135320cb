/**
 * The text format of `java.util.Properties`: reading (`Properties.load`) and writing (`Properties.store`).
 *
 * Kafka reads `server.properties`, `producer.properties`, ... with `Properties.load` and writes
 * `meta.properties` with `Properties.store`, so the same rules apply here:
 *
 * - a logical line may span several natural lines: a line ending in an odd number of backslashes
 *   continues on the next one, whose leading whitespace is dropped;
 * - a line whose first non-blank character is `#` or `!` is a comment (comments never continue);
 * - the key ends at the first unescaped `=`, `:` or whitespace; whitespace and one `=`/`:` after it
 *   are skipped; the value is the rest of the line, trailing whitespace included;
 * - escapes: `\t \n \r \f`, `\uXXXX`, and a backslash before any other character yields that character;
 * - a later key replaces an earlier one (it keeps the position of its first appearance, as in a map).
 *
 * Java decodes a `.properties` byte stream as ISO-8859-1; pass a Buffer to get the same decoding,
 * or a string that is already decoded.
 */
import fs from 'node:fs';

/** Thrown for text that Java's `Properties.load` also rejects (a malformed `\uXXXX` escape). */
export class PropertiesFormatException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PropertiesFormatException';
  }
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f';

/** Splits the text into natural lines on `\n`, `\r` or `\r\n`. */
function naturalLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function endsWithOddBackslashes(line: string): boolean {
  let count = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) count++;
  return count % 2 === 1;
}

function stripLeadingBlanks(line: string): string {
  let i = 0;
  while (i < line.length && isBlank(line[i])) i++;
  return line.slice(i);
}

/** Joins natural lines into logical lines; escapes other than the line continuations stay in place. */
function logicalLines(text: string): string[] {
  const lines = naturalLines(text);
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    let line = stripLeadingBlanks(lines[i] ?? '');
    i++;
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (endsWithOddBackslashes(line)) {
      line = line.slice(0, -1);
      if (i >= lines.length) break; // a backslash at the very end of the input is dropped
      const next = stripLeadingBlanks(lines[i] ?? '');
      i++;
      line += next;
      if (next === '') break; // an empty continuation line ends the logical line
    }
    out.push(line);
  }
  return out;
}

function unescape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    i++;
    const e = s[i];
    if (e === undefined) break;
    switch (e) {
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        const hex = s.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new PropertiesFormatException('Malformed \\uxxxx encoding.');
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
        break;
      }
      default:
        out += e;
    }
  }
  return out;
}

/** Splits one logical line into its raw (still escaped) key and value. */
function splitKeyValue(line: string): [string, string] {
  let keyEnd = 0;
  let valueStart = line.length;
  let hasSeparator = false;
  let escaped = false;
  for (; keyEnd < line.length; keyEnd++) {
    const c = line[keyEnd];
    if (!escaped && (c === '=' || c === ':')) {
      valueStart = keyEnd + 1;
      hasSeparator = true;
      break;
    }
    if (!escaped && isBlank(c)) {
      valueStart = keyEnd + 1;
      break;
    }
    escaped = c === '\\' ? !escaped : false;
  }
  while (valueStart < line.length) {
    const c = line[valueStart];
    if (!isBlank(c)) {
      if (!hasSeparator && (c === '=' || c === ':')) hasSeparator = true;
      else break;
    }
    valueStart++;
  }
  return [line.slice(0, keyEnd), line.slice(valueStart)];
}

/** Parses `.properties` text into an ordered map. A Buffer is decoded as ISO-8859-1, as Java does. */
export function parseProperties(input: string | Buffer): Map<string, string> {
  const text = typeof input === 'string' ? input : input.toString('latin1');
  const result = new Map<string, string>();
  for (const line of logicalLines(text)) {
    const [rawKey, rawValue] = splitKeyValue(line);
    result.set(unescape(rawKey), unescape(rawValue));
  }
  return result;
}

/** Reads and parses a `.properties` file (bytes decoded as ISO-8859-1). */
export function loadPropertiesFile(path: string): Map<string, string> {
  return parseProperties(fs.readFileSync(path));
}

const HEX = '0123456789ABCDEF';

function unicodeEscape(code: number): string {
  return '\\u' + HEX[(code >> 12) & 0xf] + HEX[(code >> 8) & 0xf] + HEX[(code >> 4) & 0xf] + HEX[code & 0xf];
}

/** Escapes a key (spaces always escaped) or a value (only a leading space escaped), as `store` does. */
function escape(s: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    const code = s.charCodeAt(i);
    switch (c) {
      case '\\':
        out += '\\\\';
        break;
      case ' ':
        out += i === 0 || isKey ? '\\ ' : ' ';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\f':
        out += '\\f';
        break;
      case '=':
      case ':':
      case '#':
      case '!':
        out += '\\' + c;
        break;
      default:
        out += code < 0x20 || code > 0x7e ? unicodeEscape(code) : c;
    }
  }
  return out;
}

/** Writes comment text the way `store` does: every line gets a `#`, non-ASCII becomes `\uXXXX`. */
function commentLines(comment: string): string {
  let out = '#';
  for (let i = 0; i < comment.length; i++) {
    const c = comment[i] ?? '';
    const code = comment.charCodeAt(i);
    if (c === '\r' || c === '\n') {
      if (c === '\r' && comment[i + 1] === '\n') i++;
      out += '\n';
      const next = comment[i + 1];
      if (next !== '#' && next !== '!') out += '#';
    } else {
      out += code > 0xff ? unicodeEscape(code) : c;
    }
  }
  return out + '\n';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');

/** `java.util.Date#toString` layout (`EEE MMM dd HH:mm:ss zzz yyyy`), always in UTC. */
export function javaDateString(date: Date): string {
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${two(date.getUTCDate())} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

/**
 * Formats properties as `Properties.store(OutputStream, comment)` does: an optional comment line, a
 * `#<date>` line, then `key=value` lines with Java's escaping (non-ASCII as `\uXXXX`), each ending in `\n`.
 * Entries come out in the map's order (Java uses hash-table order, which carries no meaning).
 * The date is printed in UTC; pass `date` to make the output reproducible.
 */
export function storeProperties(
  props: ReadonlyMap<string, string>,
  comment?: string | null,
  date: Date = new Date(),
): string {
  let out = comment != null ? commentLines(comment) : '';
  out += `#${javaDateString(date)}\n`;
  for (const [key, value] of props) out += `${escape(key, true)}=${escape(value, false)}\n`;
  return out;
}
