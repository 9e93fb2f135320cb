/**
 * The decoders must fail only with ProtocolDecodeError on arbitrary input: random bytes, truncations
 * and bit flips of valid encodings, for every request and response schema at every version.
 */
import type { MessageSchema } from '../../../src/protocol';
import {
  MESSAGES,
  ProtocolDecodeError,
  Reader,
  SUPPORTED_API_KEYS,
  Writer,
  decodeMessage,
  decodeRecords,
  decodeRequestFrame,
  encodeMessage,
  splitBatches,
  buildRecordBatch,
  validateRecordBatch,
} from '../../../src/protocol';
import { SampleGenerator, allVersions, prng } from './schema-samples';

const SCHEMAS: MessageSchema[] = SUPPORTED_API_KEYS.flatMap((k) => [
  MESSAGES[k].request,
  MESSAGES[k].response,
]);

function expectOnlyDecodeErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ProtocolDecodeError)) throw e;
  }
}

describe('fuzzing the codec', () => {
  it.each(allVersions(SCHEMAS).map(([s, v]) => [`${s.name} v${v}`, s, v] as const))(
    '%s',
    (_n, schema, version) => {
      const rand = prng(schema.apiKey * 1000 + version * 10 + (schema.kind === 'request' ? 1 : 2));
      const gen = new SampleGenerator(rand);
      // Random bytes of random lengths.
      for (let i = 0; i < 40; i++) {
        const buf = Buffer.alloc(gen.int(0, 64));
        for (let j = 0; j < buf.length; j++) buf[j] = gen.int(0, 255);
        expectOnlyDecodeErrors(() => decodeMessage(schema, version, new Reader(buf)));
      }
      // Every truncation and some bit flips of a valid encoding.
      const w = new Writer();
      encodeMessage(schema, version, gen.struct(schema.fields, version), w);
      const valid = w.toBuffer();
      for (let cut = 0; cut < valid.length; cut++) {
        expect(() => decodeMessage(schema, version, new Reader(valid.subarray(0, cut)))).toThrow(
          ProtocolDecodeError,
        );
      }
      for (let i = 0; i < 60; i++) {
        const mutated = Buffer.from(valid);
        const flips = gen.int(1, 3);
        for (let f = 0; f < flips && mutated.length > 0; f++) {
          const at = gen.int(0, mutated.length - 1);
          mutated[at] = gen.int(0, 255);
        }
        expectOnlyDecodeErrors(() => decodeMessage(schema, version, new Reader(mutated)));
      }
    },
  );

  it('whole request frames with random headers', () => {
    const gen = new SampleGenerator(prng(4242));
    for (let i = 0; i < 3000; i++) {
      const buf = Buffer.alloc(gen.int(0, 48));
      for (let j = 0; j < buf.length; j++) buf[j] = gen.int(0, 255);
      if (buf.length >= 4 && i % 2 === 0) {
        buf.writeInt16BE(SUPPORTED_API_KEYS[gen.int(0, SUPPORTED_API_KEYS.length - 1)]!, 0);
        buf.writeInt16BE(gen.int(0, 12), 2);
      }
      expectOnlyDecodeErrors(() => decodeRequestFrame(buf));
    }
  });

  it('record batches and records', () => {
    const gen = new SampleGenerator(prng(777));
    const valid = buildRecordBatch({
      records: [{ key: 'a', value: 'b', headers: [{ key: 'h', value: null }] }, { value: 'c' }],
    });
    for (let i = 0; i < 2000; i++) {
      const b = Buffer.from(valid.subarray(0, gen.int(0, valid.length)));
      for (let f = gen.int(0, 3); f > 0 && b.length > 0; f--) b[gen.int(0, b.length - 1)] = gen.int(0, 255);
      expectOnlyDecodeErrors(() => validateRecordBatch(b));
      expectOnlyDecodeErrors(() => decodeRecords(b));
      expectOnlyDecodeErrors(() => splitBatches(b));
    }
  });
});
