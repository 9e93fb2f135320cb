/**
 * Writer: a growable buffer that encodes Kafka's wire primitives (the mirror of Reader).
 *
 * Reusable: `reset()` keeps the allocated capacity. `toBuffer()` returns a copy that stays valid;
 * `view()` returns a zero-copy view that is only valid until the next write or reset.
 *
 * A writer made with `referenceAtLeast: n` does not copy raw byte runs of n bytes or more (the
 * records of a Fetch response): it keeps a reference and `chunks()` returns the encoding as a list
 * of buffers — its own bytes interleaved with the referenced ones — for one vectored socket write.
 *
 * Lifecycle: one per encoding task; not shared between concurrent async tasks.
 */
import { ProtocolEncodeError } from './errors';
import type { RawTaggedField } from './reader';

const MAX_INT16 = 0x7fff;
const TWO_POW_52 = 2 ** 52;

export interface WriterOptions {
  /** Raw runs of at least this many bytes are referenced, not copied (see `chunks()`). */
  referenceAtLeast?: number;
}

/** A referenced byte run and the position of the writer's own bytes where it goes. */
interface Reference {
  at: number;
  data: Uint8Array;
}

export class Writer {
  private buf: Buffer;
  private pos = 0;
  private readonly referenceAtLeast: number;
  private references: Reference[] = [];
  private referencedBytes = 0;

  constructor(initialCapacity = 256, options: WriterOptions = {}) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initialCapacity));
    this.referenceAtLeast = options.referenceAtLeast ?? Number.POSITIVE_INFINITY;
  }

  /** Bytes written so far (referenced runs included). */
  get length(): number {
    return this.pos + this.referencedBytes;
  }

  /** Forgets the content, keeping the capacity. */
  reset(): this {
    this.pos = 0;
    this.references = [];
    this.referencedBytes = 0;
    return this;
  }

  /**
   * The encoding as buffers to send in order: the writer's own bytes (views, valid until the next
   * write or reset) interleaved with the referenced runs.
   */
  chunks(): Buffer[] {
    if (this.references.length === 0) return [this.view()];
    const out: Buffer[] = [];
    let from = 0;
    for (const { at, data } of this.references) {
      if (at > from) out.push(this.buf.subarray(from, at));
      out.push(Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      from = at;
    }
    if (this.pos > from) out.push(this.buf.subarray(from, this.pos));
    return out;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    const needed = this.pos + n;
    if (needed <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < needed) cap *= 2;
    const next = Buffer.allocUnsafe(cap);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** A copy of the bytes written. */
  toBuffer(): Buffer {
    if (this.references.length > 0) return Buffer.concat(this.chunks(), this.length);
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    return out;
  }

  /** A zero-copy view of the bytes written; invalid after the next write or reset. */
  view(): Buffer {
    if (this.references.length > 0) {
      throw new Error('view() of a writer holding references: use chunks() or toBuffer()');
    }
    return this.buf.subarray(0, this.pos);
  }

  int8(v: number): this {
    this.ensure(1);
    this.buf.writeInt8(v, this.pos);
    this.pos += 1;
    return this;
  }

  uint8(v: number): this {
    this.ensure(1);
    this.buf.writeUInt8(v, this.pos);
    this.pos += 1;
    return this;
  }

  bool(v: boolean): this {
    this.ensure(1);
    this.buf[this.pos++] = v ? 1 : 0;
    return this;
  }

  int16(v: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  uint16(v: number): this {
    this.ensure(2);
    this.buf.writeUInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  uint32(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  int64(v: bigint): this {
    this.ensure(8);
    this.buf.writeBigInt64BE(v, this.pos);
    this.pos += 8;
    return this;
  }

  float64(v: number): this {
    this.ensure(8);
    this.buf.writeDoubleBE(v, this.pos);
    this.pos += 8;
    return this;
  }

  /** Unsigned LEB128 varint, 0 .. 2^32-1. */
  uvarint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      throw new ProtocolEncodeError(`unsigned varint out of range: ${v}`);
    }
    this.ensure(5);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[this.pos++] = v;
    return this;
  }

  /** Zigzag signed 32-bit varint. */
  varint(v: number): this {
    return this.uvarint(((v << 1) ^ (v >> 31)) >>> 0);
  }

  /** Zigzag signed 64-bit varint. */
  varlong(v: bigint): this {
    this.ensure(10);
    const n = Number(v);
    if (n > -TWO_POW_52 && n < TWO_POW_52) {
      // Fast path: the zigzag value is below 2^53 and exact as a double.
      let z = n >= 0 ? n * 2 : -n * 2 - 1;
      while (z >= 0x80) {
        this.buf[this.pos++] = (z % 128) | 0x80;
        z = Math.floor(z / 128);
      }
      this.buf[this.pos++] = z;
      return this;
    }
    let z = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
    while (z >= 0x80n) {
      this.buf[this.pos++] = Number(z & 0x7fn) | 0x80;
      z >>= 7n;
    }
    this.buf[this.pos++] = Number(z);
    return this;
  }

  /** A UUID in Kafka's text form (URL-safe base64, 22 chars) as 16 raw bytes. */
  uuid(v: string): this {
    this.ensure(16);
    if (v.length !== 22 || this.buf.write(v, this.pos, 'base64url') !== 16) {
      throw new ProtocolEncodeError(`invalid uuid '${v}'`);
    }
    this.pos += 16;
    return this;
  }

  /** Raw bytes, no length prefix (referenced instead of copied from `referenceAtLeast` bytes on). */
  raw(b: Uint8Array): this {
    if (b.length >= this.referenceAtLeast) {
      this.references.push({ at: this.pos, data: b });
      this.referencedBytes += b.length;
      return this;
    }
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** Classic STRING (int16 length). */
  string(v: string): this {
    const n = Buffer.byteLength(v, 'utf8');
    if (n > MAX_INT16) throw new ProtocolEncodeError(`string of ${n} bytes is longer than ${MAX_INT16}`);
    this.ensure(2 + n);
    this.buf.writeInt16BE(n, this.pos);
    this.pos += 2;
    this.pos += this.buf.write(v, this.pos, n, 'utf8');
    return this;
  }

  /** Classic NULLABLE_STRING (-1 = null). */
  nullableString(v: string | null): this {
    return v === null ? this.int16(-1) : this.string(v);
  }

  /** COMPACT_STRING. */
  compactString(v: string): this {
    const n = Buffer.byteLength(v, 'utf8');
    if (n > MAX_INT16) throw new ProtocolEncodeError(`string of ${n} bytes is longer than ${MAX_INT16}`);
    this.uvarint(n + 1);
    this.ensure(n);
    this.pos += this.buf.write(v, this.pos, n, 'utf8');
    return this;
  }

  /** COMPACT_NULLABLE_STRING (0 = null). */
  compactNullableString(v: string | null): this {
    return v === null ? this.uvarint(0) : this.compactString(v);
  }

  /** Classic BYTES (int32 length). */
  bytes(v: Uint8Array): this {
    return this.int32(v.length).raw(v);
  }

  /** Classic NULLABLE_BYTES / RECORDS (-1 = null). */
  nullableBytes(v: Uint8Array | null): this {
    return v === null ? this.int32(-1) : this.bytes(v);
  }

  /** COMPACT_BYTES. */
  compactBytes(v: Uint8Array): this {
    return this.uvarint(v.length + 1).raw(v);
  }

  /** COMPACT_NULLABLE_BYTES / compact RECORDS (0 = null). */
  compactNullableBytes(v: Uint8Array | null): this {
    return v === null ? this.uvarint(0) : this.compactBytes(v);
  }

  /** Classic ARRAY (int32 count, -1 = null). */
  array<T>(items: readonly T[] | null, writeItem: (w: Writer, item: T) => void): this {
    if (items === null) return this.int32(-1);
    this.int32(items.length);
    for (const item of items) writeItem(this, item);
    return this;
  }

  /** COMPACT_ARRAY (uvarint(count + 1), 0 = null). */
  compactArray<T>(items: readonly T[] | null, writeItem: (w: Writer, item: T) => void): this {
    if (items === null) return this.uvarint(0);
    this.uvarint(items.length + 1);
    for (const item of items) writeItem(this, item);
    return this;
  }

  /** A TAG_BUFFER from raw fields, written in ascending tag order. */
  taggedFields(fields: readonly RawTaggedField[] | undefined): this {
    if (fields === undefined || fields.length === 0) return this.uvarint(0);
    const sorted = [...fields].sort((a, b) => a.tag - b.tag);
    this.uvarint(sorted.length);
    for (const f of sorted) this.uvarint(f.tag).uvarint(f.data.length).raw(f.data);
    return this;
  }

  /** An empty TAG_BUFFER (a single 0x00). */
  emptyTaggedFields(): this {
    return this.uint8(0);
  }

  /** Reserves 4 bytes (e.g. for a size prefix) and returns their position for `setInt32`. */
  reserveInt32(): number {
    this.ensure(4);
    const at = this.pos;
    this.pos += 4;
    return at;
  }

  /**
   * Overwrites an int32 at a position already written. Positions are those of the writer's own
   * bytes: `reserveInt32` before any reference is made (a frame's size prefix) is what this is for.
   */
  setInt32(at: number, v: number): this {
    if (at < 0 || at + 4 > this.pos) throw new RangeError(`setInt32 at ${at} outside written bytes`);
    this.buf.writeInt32BE(v, at);
    return this;
  }
}
