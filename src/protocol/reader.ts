/**
 * Reader: a cursor over a Buffer that decodes Kafka's wire primitives (big-endian integers, zigzag
 * varints, classic and compact strings/bytes/arrays, tagged-field buffers).
 *
 * Every read checks the bytes left before `end` and throws a ProtocolDecodeError instead of reading
 * past it. `bytes`/`raw`/`records`-style reads return zero-copy views (`subarray`) of the underlying
 * buffer: copy them if they must outlive it.
 *
 * Lifecycle: create one per frame, or keep one and `reset()` it; not shared between async tasks.
 */
import { ProtocolDecodeError } from './errors';

/** A tagged field the schema does not know, kept raw so it can be re-encoded unchanged. */
export interface RawTaggedField {
  tag: number;
  data: Buffer;
}

const TWO_POW_32 = 4294967296;

export class Reader {
  buf: Buffer;
  /** Position of the next byte to read. */
  offset: number;
  /** Reads never go past this position (exclusive). */
  end: number;

  constructor(buf: Buffer, offset = 0, end = buf.length) {
    this.buf = buf;
    this.offset = offset;
    this.end = end;
    this.checkBounds();
  }

  /** Points the reader at a new buffer (or region) without allocating. */
  reset(buf: Buffer, offset = 0, end = buf.length): this {
    this.buf = buf;
    this.offset = offset;
    this.end = end;
    this.checkBounds();
    return this;
  }

  /** Bytes left before `end`. */
  get remaining(): number {
    return this.end - this.offset;
  }

  private checkBounds(): void {
    if (this.offset < 0 || this.end > this.buf.length || this.offset > this.end) {
      throw new RangeError(`invalid reader bounds ${this.offset}..${this.end} over ${this.buf.length} bytes`);
    }
  }

  private need(n: number, what: string): void {
    if (n > this.end - this.offset) {
      throw new ProtocolDecodeError(
        `truncated input: ${what} needs ${n} byte(s) but only ${this.end - this.offset} remain`,
      );
    }
  }

  skip(n: number): void {
    this.need(n, 'skip');
    this.offset += n;
  }

  int8(): number {
    this.need(1, 'int8');
    return this.buf.readInt8(this.offset++);
  }

  uint8(): number {
    this.need(1, 'uint8');
    return this.buf[this.offset++] as number;
  }

  bool(): boolean {
    this.need(1, 'bool');
    return this.buf[this.offset++] !== 0;
  }

  int16(): number {
    this.need(2, 'int16');
    const v = this.buf.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  uint16(): number {
    this.need(2, 'uint16');
    const v = this.buf.readUInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    this.need(4, 'int32');
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  uint32(): number {
    this.need(4, 'uint32');
    const v = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  int64(): bigint {
    this.need(8, 'int64');
    const v = this.buf.readBigInt64BE(this.offset);
    this.offset += 8;
    return v;
  }

  float64(): number {
    this.need(8, 'float64');
    const v = this.buf.readDoubleBE(this.offset);
    this.offset += 8;
    return v;
  }

  /** Unsigned LEB128 varint of at most 5 bytes (0 .. 2^32-1). */
  uvarint(): number {
    let value = 0;
    let multiplier = 1;
    for (let i = 0; i < 5; i++) {
      if (this.offset >= this.end) throw new ProtocolDecodeError('truncated input: unterminated varint');
      const b = this.buf[this.offset++] as number;
      value += (b & 0x7f) * multiplier;
      if ((b & 0x80) === 0) {
        if (value >= TWO_POW_32) throw new ProtocolDecodeError('varint does not fit in 32 bits');
        return value;
      }
      multiplier *= 128;
    }
    throw new ProtocolDecodeError('varint is longer than 5 bytes');
  }

  /** Zigzag-encoded signed 32-bit varint. */
  varint(): number {
    const z = this.uvarint();
    // z < 2^32, so these divisions are exact and the result fits in an int32.
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  /** Zigzag-encoded signed 64-bit varint (at most 10 bytes). */
  varlong(): bigint {
    let low = 0;
    let multiplier = 1;
    let i = 0;
    // The first 7 bytes (49 bits) accumulate exactly in a double.
    for (; i < 7; i++) {
      if (this.offset >= this.end) throw new ProtocolDecodeError('truncated input: unterminated varlong');
      const b = this.buf[this.offset++] as number;
      low += (b & 0x7f) * multiplier;
      if ((b & 0x80) === 0) {
        return BigInt(low % 2 === 0 ? low / 2 : -(low + 1) / 2);
      }
      multiplier *= 128;
    }
    let value = BigInt(low);
    let shift = 49n;
    for (; i < 10; i++) {
      if (this.offset >= this.end) throw new ProtocolDecodeError('truncated input: unterminated varlong');
      const b = this.buf[this.offset++] as number;
      value |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        value = BigInt.asUintN(64, value);
        return (value >> 1n) ^ -(value & 1n);
      }
      shift += 7n;
    }
    throw new ProtocolDecodeError('varlong is longer than 10 bytes');
  }

  /** 16 raw bytes, returned in Kafka's text form (URL-safe base64 without padding). */
  uuid(): string {
    this.need(16, 'uuid');
    const s = this.buf.toString('base64url', this.offset, this.offset + 16);
    this.offset += 16;
    return s;
  }

  /** `n` raw bytes as a zero-copy view. */
  raw(n: number): Buffer {
    this.need(n, 'raw bytes');
    const v = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return v;
  }

  private utf8(n: number): string {
    this.need(n, 'string');
    const s = this.buf.toString('utf8', this.offset, this.offset + n);
    this.offset += n;
    return s;
  }

  /** Classic STRING: int16 length then UTF-8. */
  string(): string {
    const n = this.int16();
    if (n < 0) throw new ProtocolDecodeError(`non-nullable string has length ${n}`);
    return this.utf8(n);
  }

  /** Classic NULLABLE_STRING: int16 length (-1 = null). */
  nullableString(): string | null {
    const n = this.int16();
    if (n === -1) return null;
    if (n < 0) throw new ProtocolDecodeError(`invalid string length ${n}`);
    return this.utf8(n);
  }

  /** COMPACT_STRING: uvarint(length + 1) then UTF-8. */
  compactString(): string {
    const n = this.uvarint() - 1;
    if (n < 0) throw new ProtocolDecodeError('non-nullable compact string is null');
    return this.utf8(n);
  }

  /** COMPACT_NULLABLE_STRING: uvarint(length + 1), 0 = null. */
  compactNullableString(): string | null {
    const n = this.uvarint() - 1;
    return n < 0 ? null : this.utf8(n);
  }

  /** Classic BYTES: int32 length then bytes (zero-copy). */
  bytes(): Buffer {
    const n = this.int32();
    if (n < 0) throw new ProtocolDecodeError(`non-nullable bytes have length ${n}`);
    return this.raw(n);
  }

  /** Classic NULLABLE_BYTES (and RECORDS): int32 length, -1 = null. */
  nullableBytes(): Buffer | null {
    const n = this.int32();
    if (n === -1) return null;
    if (n < 0) throw new ProtocolDecodeError(`invalid bytes length ${n}`);
    return this.raw(n);
  }

  /** COMPACT_BYTES: uvarint(length + 1) then bytes (zero-copy). */
  compactBytes(): Buffer {
    const n = this.uvarint() - 1;
    if (n < 0) throw new ProtocolDecodeError('non-nullable compact bytes are null');
    return this.raw(n);
  }

  /** COMPACT_NULLABLE_BYTES (and compact RECORDS): uvarint(length + 1), 0 = null. */
  compactNullableBytes(): Buffer | null {
    const n = this.uvarint() - 1;
    return n < 0 ? null : this.raw(n);
  }

  /**
   * Classic array length: int32 count, -1 = null (returned as -1). Counts larger than the bytes left
   * are rejected before anything is allocated, as Kafka does.
   */
  arrayLength(): number {
    const n = this.int32();
    if (n === -1) return -1;
    if (n < 0) throw new ProtocolDecodeError(`invalid array length ${n}`);
    if (n > this.end - this.offset) {
      throw new ProtocolDecodeError(`array of ${n} elements but only ${this.end - this.offset} bytes remain`);
    }
    return n;
  }

  /** Compact array length: uvarint(count + 1), 0 = null (returned as -1). */
  compactArrayLength(): number {
    const n = this.uvarint() - 1;
    if (n > this.end - this.offset) {
      throw new ProtocolDecodeError(`array of ${n} elements but only ${this.end - this.offset} bytes remain`);
    }
    return n;
  }

  private items<T>(n: number, readItem: (r: Reader) => T): T[] {
    const out = new Array<T>(n);
    let i = 0;
    try {
      for (; i < n; i++) out[i] = readItem(this);
    } catch (e) {
      if (e instanceof ProtocolDecodeError) e.prependPath(`[${i}]`);
      throw e;
    }
    return out;
  }

  /** Classic non-nullable ARRAY. */
  array<T>(readItem: (r: Reader) => T): T[] {
    const n = this.arrayLength();
    if (n < 0) throw new ProtocolDecodeError('non-nullable array is null');
    return this.items(n, readItem);
  }

  /** Classic nullable ARRAY (-1 = null). */
  nullableArray<T>(readItem: (r: Reader) => T): T[] | null {
    const n = this.arrayLength();
    return n < 0 ? null : this.items(n, readItem);
  }

  /** COMPACT_ARRAY, non-nullable. */
  compactArray<T>(readItem: (r: Reader) => T): T[] {
    const n = this.compactArrayLength();
    if (n < 0) throw new ProtocolDecodeError('non-nullable compact array is null');
    return this.items(n, readItem);
  }

  /** COMPACT_NULLABLE_ARRAY (0 = null). */
  compactNullableArray<T>(readItem: (r: Reader) => T): T[] | null {
    const n = this.compactArrayLength();
    return n < 0 ? null : this.items(n, readItem);
  }

  /**
   * Reads one tag-buffer entry header (tag and size) and checks the size fits. Returns the size;
   * the caller reads exactly that many bytes next.
   */
  taggedFieldHeader(): { tag: number; size: number } {
    const tag = this.uvarint();
    const size = this.uvarint();
    this.need(size, `tagged field ${tag}`);
    return { tag, size };
  }

  /**
   * Reads a whole TAG_BUFFER, returning every field raw (undefined when there are none). Like Kafka,
   * the order of tags is not checked on read.
   */
  taggedFields(): RawTaggedField[] | undefined {
    const count = this.uvarint();
    if (count === 0) return undefined;
    if (count > this.end - this.offset) throw new ProtocolDecodeError(`tag buffer claims ${count} fields`);
    const out: RawTaggedField[] = [];
    for (let i = 0; i < count; i++) {
      const { tag, size } = this.taggedFieldHeader();
      out.push({ tag, data: this.raw(size) });
    }
    return out;
  }

  /** Skips a TAG_BUFFER. */
  skipTaggedFields(): void {
    this.taggedFields();
  }
}
