import {
  ErrorCode,
  ProtocolDecodeError,
  ProtocolEncodeError,
  Reader,
  Writer,
  ZERO_UUID,
} from '../../../src/protocol';

const hex = (b: Buffer): string => b.toString('hex');

describe('Writer/Reader primitives', () => {
  it('round-trips fixed-width integers, floats and booleans big-endian', () => {
    const w = new Writer(1); // forces growth
    w.int8(-128).int8(127).uint8(255).int16(-32768).uint16(65535).int32(-2147483648).int32(2147483647);
    w.uint32(0xffffffff).int64(-9223372036854775808n).int64(9223372036854775807n).float64(Math.PI);
    w.bool(true).bool(false);
    const r = new Reader(w.toBuffer());
    expect([r.int8(), r.int8(), r.uint8(), r.int16(), r.uint16(), r.int32(), r.int32(), r.uint32()]).toEqual([
      -128, 127, 255, -32768, 65535, -2147483648, 2147483647, 0xffffffff,
    ]);
    expect([r.int64(), r.int64()]).toEqual([-9223372036854775808n, 9223372036854775807n]);
    expect(r.float64()).toBe(Math.PI);
    expect([r.bool(), r.bool()]).toEqual([true, false]);
    expect(r.remaining).toBe(0);
    expect(hex(new Writer().int32(1).int16(-2).toBuffer())).toBe('00000001fffe');
  });

  it.each([
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '8001'],
    [300, 'ac02'],
    [16383, 'ff7f'],
    [16384, '808001'],
    [2 ** 31 - 1, 'ffffffff07'],
    [2 ** 32 - 1, 'ffffffff0f'],
  ])('unsigned varint %d <-> %s', (n, bytes) => {
    expect(hex(new Writer().uvarint(n).toBuffer())).toBe(bytes);
    expect(new Reader(Buffer.from(bytes, 'hex')).uvarint()).toBe(n);
  });

  it.each([
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [-2, '03'],
    [63, '7e'],
    [-64, '7f'],
    [64, '8001'],
    [2147483647, 'feffffff0f'],
    [-2147483648, 'ffffffff0f'],
  ])('zigzag varint %d <-> %s', (n, bytes) => {
    expect(hex(new Writer().varint(n).toBuffer())).toBe(bytes);
    expect(new Reader(Buffer.from(bytes, 'hex')).varint()).toBe(n);
  });

  it.each([
    [0n, '00'],
    [-1n, '01'],
    [1n, '02'],
    [1n << 48n, '8080808080808001'],
    [(1n << 52n) - 1n, 'feffffffffffff0f'],
    [1n << 52n, '8080808080808010'],
    [9223372036854775807n, 'feffffffffffffffff01'],
    [-9223372036854775808n, 'ffffffffffffffffff01'],
  ])('zigzag varlong %s', (n, bytes) => {
    const encoded = new Writer().varlong(n).toBuffer();
    expect(hex(encoded)).toBe(bytes);
    expect(new Reader(encoded).varlong()).toBe(n);
  });

  it('round-trips varlongs across the fast/slow path boundary', () => {
    for (let shift = 0n; shift < 63n; shift++) {
      for (const v of [1n << shift, -(1n << shift), (1n << shift) - 1n, -(1n << shift) + 1n]) {
        expect(new Reader(new Writer().varlong(v).toBuffer()).varlong()).toBe(v);
      }
    }
  });

  it('rejects over-long varints', () => {
    expect(() => new Reader(Buffer.from('ffffffffff01', 'hex')).uvarint()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(Buffer.from('ffffffff1f', 'hex')).uvarint()).toThrow(/32 bits/);
    expect(() => new Reader(Buffer.from('ffffffffffffffffffff01', 'hex')).varlong()).toThrow(/10 bytes/);
    expect(() => new Writer().uvarint(-1)).toThrow(ProtocolEncodeError);
  });

  it('round-trips strings, bytes and their nullable/compact forms', () => {
    const w = new Writer(4);
    w.string('héllo').nullableString(null).nullableString('').compactString('x').compactNullableString(null);
    w.bytes(Buffer.from([1, 2]))
      .nullableBytes(null)
      .compactBytes(Buffer.alloc(0))
      .compactNullableBytes(null);
    w.uuid('AAECAwQFBgcICQoLDA0ODw').uuid(ZERO_UUID);
    const r = new Reader(w.toBuffer());
    expect(r.string()).toBe('héllo');
    expect(r.nullableString()).toBeNull();
    expect(r.nullableString()).toBe('');
    expect(r.compactString()).toBe('x');
    expect(r.compactNullableString()).toBeNull();
    expect(r.bytes()).toEqual(Buffer.from([1, 2]));
    expect(r.nullableBytes()).toBeNull();
    expect(r.compactBytes()).toEqual(Buffer.alloc(0));
    expect(r.compactNullableBytes()).toBeNull();
    expect(r.uuid()).toBe('AAECAwQFBgcICQoLDA0ODw');
    expect(r.uuid()).toBe(ZERO_UUID);
    expect(r.remaining).toBe(0);
  });

  it('encodes strings with byte (not character) lengths', () => {
    expect(hex(new Writer().string('é').toBuffer())).toBe('0002c3a9');
    expect(hex(new Writer().compactString('é').toBuffer())).toBe('03c3a9');
    expect(() => new Writer().string('x'.repeat(32768))).toThrow(ProtocolEncodeError);
  });

  it('round-trips arrays and tag buffers', () => {
    const w = new Writer();
    w.array([1, 2, 3], (wr, v) => wr.int32(v)).array(null, (wr, v: number) => wr.int32(v));
    w.compactArray(['a'], (wr, v) => wr.compactString(v)).compactArray(null, (wr, v: string) =>
      wr.compactString(v),
    );
    w.taggedFields([
      { tag: 5, data: Buffer.from([9]) },
      { tag: 1, data: Buffer.alloc(0) },
    ]);
    w.emptyTaggedFields();
    const r = new Reader(w.toBuffer());
    expect(r.array((rd) => rd.int32())).toEqual([1, 2, 3]);
    expect(r.nullableArray((rd) => rd.int32())).toBeNull();
    expect(r.compactArray((rd) => rd.compactString())).toEqual(['a']);
    expect(r.compactNullableArray((rd) => rd.compactString())).toBeNull();
    expect(r.taggedFields()).toEqual([
      { tag: 1, data: Buffer.alloc(0) },
      { tag: 5, data: Buffer.from([9]) },
    ]);
    expect(r.taggedFields()).toBeUndefined();
    expect(r.remaining).toBe(0);
  });

  it('reserves and patches a size prefix; resets for reuse', () => {
    const w = new Writer();
    const at = w.reserveInt32();
    w.int16(7);
    w.setInt32(at, w.length - 4);
    expect(hex(w.toBuffer())).toBe('000000020007');
    expect(hex(w.view())).toBe('000000020007');
    w.reset().int8(1);
    expect(hex(w.toBuffer())).toBe('01');
    expect(() => w.setInt32(0, 1)).toThrow(RangeError);
  });
});

describe('Reader bounds', () => {
  const readers: [string, (r: Reader) => unknown][] = [
    ['int8', (r) => r.int8()],
    ['int16', (r) => r.int16()],
    ['int32', (r) => r.int32()],
    ['int64', (r) => r.int64()],
    ['float64', (r) => r.float64()],
    ['uuid', (r) => r.uuid()],
    ['uvarint', (r) => r.uvarint()],
    ['varlong', (r) => r.varlong()],
    ['string', (r) => r.string()],
    ['compactString', (r) => r.compactString()],
    ['bytes', (r) => r.bytes()],
    ['compactBytes', (r) => r.compactBytes()],
    ['array', (r) => r.array((x) => x.int32())],
    ['taggedFields', (r) => r.taggedFields()],
  ];

  it.each(readers)('%s on empty input throws ProtocolDecodeError', (_n, read) => {
    expect(() => read(new Reader(Buffer.alloc(0)))).toThrow(ProtocolDecodeError);
  });

  it('never reads past `end`, even inside a larger buffer', () => {
    const buf = Buffer.from('0005616263646566', 'hex'); // string of length 5, but end cuts it
    const r = new Reader(buf, 0, 4);
    expect(() => r.string()).toThrow(/truncated/);
    const r2 = new Reader(buf, 2, 3);
    expect(r2.int8()).toBe(0x61);
    expect(() => r2.int8()).toThrow(ProtocolDecodeError);
    expect(() => new Reader(buf, 0, 99)).toThrow(RangeError);
  });

  it('rejects negative and oversized lengths before allocating', () => {
    expect(() => new Reader(Buffer.from('fffe', 'hex')).nullableString()).toThrow(/invalid string length/);
    expect(() => new Reader(Buffer.from('ffff', 'hex')).string()).toThrow(/non-nullable/);
    expect(() => new Reader(Buffer.from('7fffffff', 'hex')).array((r) => r.int8())).toThrow(
      /only 0 bytes remain/,
    );
    expect(() => new Reader(Buffer.from('ffffffff0f', 'hex')).compactArrayLength()).toThrow(
      ProtocolDecodeError,
    );
    expect(() => new Reader(Buffer.from('00', 'hex')).compactString()).toThrow(/null/);
    expect(() => new Reader(Buffer.from('010105', 'hex')).taggedFields()).toThrow(/tagged field 1/);
  });

  it('adds array element indexes to the error path', () => {
    const bytes = Buffer.from('00000002000100', 'hex');
    let err: unknown;
    try {
      new Reader(bytes).array((r) => r.int16());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProtocolDecodeError);
    expect((err as ProtocolDecodeError).path).toBe('[1]');
    expect((err as ProtocolDecodeError).code).toBe(ErrorCode.INVALID_REQUEST);
  });
});
