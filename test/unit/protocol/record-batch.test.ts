import {
  ErrorCode,
  ProtocolDecodeError,
  TimestampType,
  buildRecordBatch,
  computeBatchCrc,
  crc32c,
  crc32cImplementation,
  crc32cTable,
  decodeRecords,
  isBatchCrcValid,
  readBatchHeader,
  setBaseOffset,
  setLogAppendTime,
  setPartitionLeaderEpoch,
  splitBatches,
  validateRecordBatch,
} from '../../../src/protocol';

/** Bit-at-a-time reference CRC-32C. */
function slowCrc32c(buf: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of buf) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32c', () => {
  it('matches the standard check values', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
    expect(crc32c(Buffer.alloc(32))).toBe(0x8a9136aa);
    expect(crc32c(Buffer.alloc(32, 0xff))).toBe(0x62a8ab43);
  });

  it('agrees with a bitwise reference on every length and alignment', () => {
    const data = Buffer.alloc(300);
    for (let i = 0; i < data.length; i++) data[i] = (i * 131 + 7) & 0xff;
    for (let start = 0; start < 9; start++) {
      for (let end = start; end <= data.length; end += 13) {
        expect(crc32c(data, start, end)).toBe(slowCrc32c(data.subarray(start, end)));
      }
    }
  });

  it('continues a checksum across pieces', () => {
    const a = Buffer.from('hello ');
    const b = Buffer.from('world');
    expect(crc32c(b, 0, b.length, crc32c(a))).toBe(crc32c(Buffer.concat([a, b])));
    expect(() => crc32c(a, 0, 99)).toThrow(RangeError);
  });

  it('uses the CPU instruction through @node-rs/crc32 on this platform', () => {
    // linux-x64 has a prebuilt binary; a platform without one would silently fall back to the table.
    if (process.platform === 'linux' && process.arch === 'x64') {
      expect(crc32cImplementation).toBe('native');
    }
  });

  it('gives the same result natively and from the table, for long ranges and continued sums', () => {
    const data = Buffer.alloc(70_000);
    let x = 12345;
    for (let i = 0; i < data.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      data[i] = x >>> 24;
    }
    for (const [start, end] of [
      [0, 127],
      [0, 128],
      [3, 1000],
      [17, 16_401],
      [1, 70_000],
    ] as const) {
      expect(crc32c(data, start, end)).toBe(crc32cTable(data, start, end));
      const mid = start + ((end - start) >> 1);
      expect(crc32c(data, mid, end, crc32c(data, start, mid))).toBe(crc32cTable(data, start, end));
    }
    expect(crc32c(data, 100, 600)).toBe(slowCrc32c(data.subarray(100, 600)));
  });
});

describe('RecordBatch v2', () => {
  const batch = (): Buffer =>
    buildRecordBatch({
      baseTimestamp: 1_600_000_000_000n,
      producerId: 42n,
      producerEpoch: 1,
      baseSequence: 10,
      records: [
        { key: 'k', value: 'v', headers: [{ key: 'h', value: 'x' }] },
        { key: null, value: Buffer.from([1, 2, 3]), timestampDelta: 5 },
        { value: null, timestampDelta: 9n },
      ],
    });

  it('builds a batch whose header reads back', () => {
    const b = batch();
    const h = validateRecordBatch(b, 0, true);
    expect(h).toMatchObject({
      baseOffset: 0n,
      batchLength: b.length - 12,
      partitionLeaderEpoch: -1,
      magic: 2,
      compression: 0,
      timestampType: TimestampType.CreateTime,
      isTransactional: false,
      isControl: false,
      lastOffsetDelta: 2,
      baseTimestamp: 1_600_000_000_000n,
      maxTimestamp: 1_600_000_000_009n,
      producerId: 42n,
      producerEpoch: 1,
      baseSequence: 10,
      recordCount: 3,
      sizeInBytes: b.length,
      lastOffset: 2n,
    });
    expect(h.crc).toBe(computeBatchCrc(b));
  });

  it('encodes records in the documented layout', () => {
    const b = buildRecordBatch({ records: [{ key: 'k', value: 'v', headers: [{ key: 'h', value: 'x' }] }] });
    // The record kafkajs sends for key "k", value "v", header h=x (protocol-matrix §5.1).
    expect(b.subarray(61).toString('hex')).toBe('18000000026b02760202680278');
  });

  it('decodes records with absolute offsets and timestamps', () => {
    const b = batch();
    setBaseOffset(b, 100n);
    const { records } = decodeRecords(b);
    expect(records.map((r) => [r.offset, r.timestamp, r.key?.toString(), r.value?.toString('hex')])).toEqual([
      [100n, 1_600_000_000_000n, 'k', '76'],
      [101n, 1_600_000_000_005n, undefined, '010203'],
      [102n, 1_600_000_000_009n, undefined, undefined],
    ]);
    expect(records[0]!.headers).toEqual([{ key: 'h', value: Buffer.from('x') }]);
  });

  it('keeps the CRC valid when the base offset and leader epoch are patched', () => {
    const b = batch();
    setBaseOffset(b, 123456789n);
    setPartitionLeaderEpoch(b, 7);
    expect(isBatchCrcValid(b)).toBe(true);
    expect(readBatchHeader(b)).toMatchObject({ baseOffset: 123456789n, partitionLeaderEpoch: 7 });
  });

  it('recomputes the CRC when switching to LogAppendTime', () => {
    const b = batch();
    setLogAppendTime(b, 1_700_000_000_000n);
    const h = validateRecordBatch(b);
    expect(h.timestampType).toBe(TimestampType.LogAppendTime);
    expect(h.maxTimestamp).toBe(1_700_000_000_000n);
  });

  it('detects corruption anywhere in the CRC-covered range', () => {
    const original = batch();
    for (let i = 21; i < original.length; i += 3) {
      const b = Buffer.from(original);
      b[i] = b[i]! ^ 0x10;
      expect(isBatchCrcValid(b)).toBe(false);
      expect(() => validateRecordBatch(b)).toThrow(
        expect.objectContaining({ code: ErrorCode.CORRUPT_MESSAGE }),
      );
    }
  });

  it('rejects a wrong magic, a short buffer and an inconsistent length', () => {
    const b = batch();
    const m = Buffer.from(b);
    m[16] = 1;
    expect(() => validateRecordBatch(m)).toThrow(/magic/);
    expect(() => validateRecordBatch(b.subarray(0, 40))).toThrow(ProtocolDecodeError);
    expect(() => validateRecordBatch(b.subarray(0, b.length - 1))).toThrow(/length/);
    expect(() => validateRecordBatch(Buffer.concat([b, Buffer.alloc(1)]), 0, true)).toThrow(/trailing/);
    const n = Buffer.from(b);
    n.writeInt32BE(3, 8);
    expect(() => validateRecordBatch(n)).toThrow(/length/);
  });

  it('splits a records buffer and reports a truncated trailing batch', () => {
    const a = batch();
    const b = buildRecordBatch({ baseOffset: 3n, records: [{ value: 'x' }] });
    const all = Buffer.concat([a, b]);
    expect(splitBatches(all)).toEqual({
      batches: [
        { position: 0, size: a.length, baseOffset: 0n, magic: 2 },
        { position: a.length, size: b.length, baseOffset: 3n, magic: 2 },
      ],
      partialBytes: 0,
    });
    for (const cut of [1, 5, 12, b.length - 1]) {
      const truncated = all.subarray(0, a.length + cut);
      expect(splitBatches(truncated)).toEqual({
        batches: [{ position: 0, size: a.length, baseOffset: 0n, magic: 2 }],
        partialBytes: cut,
      });
    }
    expect(splitBatches(Buffer.alloc(0))).toEqual({ batches: [], partialBytes: 0 });
    const bad = Buffer.from(a);
    bad.writeInt32BE(-5, 8);
    expect(() => splitBatches(bad)).toThrow(expect.objectContaining({ code: ErrorCode.CORRUPT_MESSAGE }));
  });

  it('refuses to decode records of a compressed batch', () => {
    const b = batch();
    b.writeInt16BE(1, 21);
    expect(() => decodeRecords(b)).toThrow(
      expect.objectContaining({ code: ErrorCode.UNSUPPORTED_COMPRESSION_TYPE }),
    );
  });

  it('reports malformed records as CORRUPT_MESSAGE', () => {
    const b = batch();
    b[65] = 0x7e; // first record's key length (zigzag 63) runs past the record
    expect(() => decodeRecords(b)).toThrow(expect.objectContaining({ code: ErrorCode.CORRUPT_MESSAGE }));
  });
});
