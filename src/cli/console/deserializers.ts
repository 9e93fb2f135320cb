/**
 * The Kafka deserializers the console consumer's formatter accepts (`key.deserializer`,
 * `value.deserializer`, `headers.deserializer`, `--key-deserializer`, `--value-deserializer`), each
 * producing the text Java's `deserialize(...).toString` would print, with Java's error messages.
 */
import { AdminError } from '../../admin/errors';

export type Deserializer = (data: Buffer) => string;

const SERIALIZATION = 'org.apache.kafka.common.errors.SerializationException';
const PKG = 'org.apache.kafka.common.serialization.';

function serializationError(message: string): AdminError {
  return new AdminError(SERIALIZATION, message);
}

function sized(data: Buffer, size: number, who: string): Buffer {
  if (data.length !== size) throw serializationError(`Size of data received by ${who} is not ${size}`);
  return data;
}

/** Java's `Double.toString` / `Float.toString` (shortest digits that round-trip, Java's layout). */
export function javaFloatingToString(n: number, single = false): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  let digits = String(n);
  if (single) {
    for (let p = 1; p <= 9; p++) {
      const candidate = Number(n.toPrecision(p));
      if (Math.fround(candidate) === n) {
        digits = String(candidate);
        break;
      }
    }
  }
  const value = Number(digits);
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) return digits.includes('.') ? digits : `${digits}.0`;
  const [mantissa = '0', exponent = '0'] = value.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Java's `Bytes.toString`: printable ASCII as is (but `\`), everything else `\xHH`. */
function bytesToString(data: Buffer): string {
  let out = '';
  for (const b of data) {
    out +=
      b >= 0x20 && b <= 0x7e && b !== 0x5c
        ? String.fromCharCode(b)
        : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const UUID_TEXT = /^[0-9a-fA-F]{1,8}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,4}-[0-9a-fA-F]{1,12}$/;

/** Java's `UUID.fromString(...).toString()`: each field zero-padded, lower case. */
function uuidToString(data: Buffer): string {
  const text = data.toString('utf8');
  if (!UUID_TEXT.test(text)) throw serializationError('Error parsing data into UUID');
  const widths = [8, 4, 4, 4, 12];
  return text
    .split('-')
    .map((part, i) => part.toLowerCase().padStart(widths[i] ?? 0, '0'))
    .join('-');
}

let identityHash = 0x1b6d3586;
/** `byte[].toString()` is `[B@<identity hash>`; the hash is arbitrary, so any stable-looking value does. */
function arrayIdentity(prefix: string): string {
  identityHash = (Math.imul(identityHash, 1103515245) + 12345) >>> 0;
  return `${prefix}@${identityHash.toString(16)}`;
}

const DESERIALIZERS: ReadonlyMap<string, Deserializer> = new Map<string, Deserializer>([
  [`${PKG}StringDeserializer`, (d) => d.toString('utf8')],
  [`${PKG}ByteArrayDeserializer`, () => arrayIdentity('[B')],
  [`${PKG}ByteBufferDeserializer`, (d) => `java.nio.HeapByteBuffer[pos=0 lim=${d.length} cap=${d.length}]`],
  [`${PKG}BytesDeserializer`, bytesToString],
  [`${PKG}ShortDeserializer`, (d) => String(sized(d, 2, 'ShortDeserializer').readInt16BE(0))],
  [`${PKG}IntegerDeserializer`, (d) => String(sized(d, 4, 'IntegerDeserializer').readInt32BE(0))],
  [`${PKG}LongDeserializer`, (d) => String(sized(d, 8, 'LongDeserializer').readBigInt64BE(0))],
  [`${PKG}FloatDeserializer`, (d) => javaFloatingToString(sized(d, 4, 'Deserializer').readFloatBE(0), true)],
  [`${PKG}DoubleDeserializer`, (d) => javaFloatingToString(sized(d, 8, 'Deserializer').readDoubleBE(0))],
  [`${PKG}UUIDDeserializer`, uuidToString],
  [
    `${PKG}VoidDeserializer`,
    () => {
      throw new AdminError(
        'java.lang.IllegalArgumentException',
        'Data should be null for a VoidDeserializer.',
      );
    },
  ],
]);

/** The deserializer for a class name; an unknown class is Java's ClassNotFoundException. */
export function deserializerFor(className: string): Deserializer {
  const d = DESERIALIZERS.get(className.trim());
  if (d === undefined) throw new AdminError('java.lang.ClassNotFoundException', className);
  return d;
}
