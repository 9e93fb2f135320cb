import { javaFloatingToString } from '../../../../src/cli/console/deserializers';
import {
  createFormatter,
  DefaultMessageFormatter,
  type ConsumedRecord,
} from '../../../../src/cli/console/formatter';

const RECORD: ConsumedRecord = {
  topic: 't',
  partition: 2,
  offset: '5',
  timestamp: '1633000000000',
  timestampType: 'CreateTime',
  key: Buffer.from('k1'),
  value: Buffer.from('v1'),
  headers: [],
};

function format(props: Record<string, string>, record: Partial<ConsumedRecord> = {}): string {
  return new DefaultMessageFormatter(new Map(Object.entries(props)))
    .format({ ...RECORD, ...record })
    .toString('utf8');
}

const PKG = 'org.apache.kafka.common.serialization.';

describe('DefaultMessageFormatter', () => {
  it('prints only the value by default', () => {
    expect(format({})).toBe('v1\n');
  });

  it('prints every field in Kafka order: timestamp, partition, offset, headers, key, value', () => {
    const all = {
      'print.timestamp': 'true',
      'print.partition': 'true',
      'print.offset': 'true',
      'print.headers': 'true',
      'print.key': 'true',
    };
    expect(format(all)).toBe('CreateTime:1633000000000\tPartition:2\tOffset:5\tNO_HEADERS\tk1\tv1\n');
  });

  it('uses key.separator between fields and null for a missing key', () => {
    expect(format({ 'print.key': 'true', 'key.separator': ':' }, { key: null })).toBe('null:v1\n');
    expect(format({ 'print.key': 'TRUE', 'print.partition': 'true', 'key.separator': ' | ' })).toBe(
      'Partition:2 | k1 | v1\n',
    );
  });

  it('ends the record with line.separator after the last field, even without the value', () => {
    expect(format({ 'print.key': 'true', 'print.value': 'false' })).toBe('k1\n');
    expect(format({ 'print.offset': 'true', 'print.value': 'false', 'line.separator': ';' })).toBe(
      'Offset:5;',
    );
    expect(format({ 'print.value': 'false' })).toBe('');
  });

  it('prints headers as k:v joined by headers.separator, and null.literal for nulls', () => {
    const headers = [
      { key: 'a', value: Buffer.from('1') },
      { key: 'b', value: null },
    ];
    expect(format({ 'print.headers': 'true' }, { headers })).toBe('a:1,b:null\tv1\n');
    expect(
      format(
        { 'print.headers': 'true', 'headers.separator': '|', 'null.literal': '-' },
        { headers, value: null },
      ),
    ).toBe('a:1|b:-\t-\n');
  });

  it('prints LogAppendTime and NO_TIMESTAMP', () => {
    expect(format({ 'print.timestamp': 'true' }, { timestampType: 'LogAppendTime' })).toBe(
      'LogAppendTime:1633000000000\tv1\n',
    );
    expect(format({ 'print.timestamp': 'true' }, { timestampType: 'NO_TIMESTAMP_TYPE' })).toBe(
      'NO_TIMESTAMP\tv1\n',
    );
  });

  it('writes value bytes as they are', () => {
    const bytes = Buffer.from([0xff, 0x00, 0x41]);
    expect(new DefaultMessageFormatter(new Map()).format({ ...RECORD, value: bytes })).toEqual(
      Buffer.concat([bytes, Buffer.from('\n')]),
    );
  });

  it('applies deserializers, with their Java errors', () => {
    const int = Buffer.alloc(4);
    int.writeInt32BE(-42);
    expect(format({ 'value.deserializer': `${PKG}IntegerDeserializer` }, { value: int })).toBe('-42\n');
    const long = Buffer.alloc(8);
    long.writeBigInt64BE(1234567890123n);
    expect(format({ 'value.deserializer': `${PKG}LongDeserializer` }, { value: long })).toBe(
      '1234567890123\n',
    );
    expect(format({ 'key.deserializer': `${PKG}StringDeserializer`, 'print.key': 'true' })).toBe('k1\tv1\n');
    expect(
      format({ 'value.deserializer': `${PKG}BytesDeserializer` }, { value: Buffer.from([0x41, 0x5c, 0x01]) }),
    ).toBe('A\\x5C\\x01\n');
    expect(() => format({ 'value.deserializer': `${PKG}IntegerDeserializer` })).toThrow(
      'Size of data received by IntegerDeserializer is not 4',
    );
    expect(() => format({ 'value.deserializer': 'no.Such' })).toThrow('no.Such');
  });

  it("formats floating point numbers as Java's toString", () => {
    expect(javaFloatingToString(1)).toBe('1.0');
    expect(javaFloatingToString(0.1)).toBe('0.1');
    expect(javaFloatingToString(1e10)).toBe('1.0E10');
    expect(javaFloatingToString(1.5e-5)).toBe('1.5E-5');
    expect(javaFloatingToString(Math.fround(0.1), true)).toBe('0.1');
    expect(javaFloatingToString(-0)).toBe('-0.0');
  });
});

describe('createFormatter', () => {
  it('knows the formatters shipped with Kafka', () => {
    expect(createFormatter('kafka.tools.NoOpMessageFormatter', new Map()).format(RECORD).length).toBe(0);
    expect(createFormatter('kafka.tools.LoggingMessageFormatter', new Map()).format(RECORD).toString()).toBe(
      'v1\n',
    );
    expect(
      createFormatter('kafka.tools.ChecksumMessageFormatter', new Map([['topic', 't']]))
        .format(RECORD)
        .toString(),
    ).toBe('t:checksum:null\n');
    expect(() => createFormatter('com.example.Mine', new Map())).toThrow('com.example.Mine');
  });
});
