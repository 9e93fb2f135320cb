import type { MessageSchema } from '../../../src/protocol';
import {
  ApiKey,
  ErrorCode,
  MESSAGES,
  ProtocolDecodeError,
  ProtocolEncodeError,
  Reader,
  SUPPORTED_API_KEYS,
  Writer,
  checkSchema,
  decodeMessage,
  decodeRequest,
  defaultMessage,
  encodeMessage,
  encodeRequestBody,
  encodeResponseBody,
  decodeResponseBody,
  inVersions,
  isFlexibleVersion,
} from '../../../src/protocol';
import { SampleGenerator, allVersions, defaultValue, prng } from './schema-samples';

const ALL_SCHEMAS: MessageSchema[] = SUPPORTED_API_KEYS.flatMap((k) => [
  MESSAGES[k].request,
  MESSAGES[k].response,
]);

function encode(schema: MessageSchema, version: number, value: object): Buffer {
  const w = new Writer(16);
  encodeMessage(schema, version, value, w);
  return w.toBuffer();
}

function decode(schema: MessageSchema, version: number, bytes: Buffer): Record<string, unknown> {
  const r = new Reader(bytes);
  const out = decodeMessage(schema, version, r);
  expect(r.remaining).toBe(0);
  return out;
}

describe('schema registry', () => {
  it('covers every API of the advertised table and the inter-broker set', () => {
    const required = [
      ...[0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 32, 33, 36, 37, 42, 44, 47],
      ...[4, 5, 6, 7, 23, 56],
    ];
    for (const k of required) expect(SUPPORTED_API_KEYS).toContain(k);
  });

  it('reaches the required maximum versions', () => {
    const max: Record<number, number> = {
      [ApiKey.Produce]: 7,
      [ApiKey.Fetch]: 12,
      [ApiKey.ListOffsets]: 6,
      [ApiKey.Metadata]: 9,
      [ApiKey.OffsetCommit]: 8,
      [ApiKey.OffsetFetch]: 8,
      [ApiKey.FindCoordinator]: 4,
      [ApiKey.JoinGroup]: 6,
      [ApiKey.Heartbeat]: 4,
      [ApiKey.LeaveGroup]: 4,
      [ApiKey.SyncGroup]: 4,
      [ApiKey.DescribeGroups]: 5,
      [ApiKey.ListGroups]: 4,
      [ApiKey.SaslHandshake]: 1,
      [ApiKey.ApiVersions]: 3,
      [ApiKey.CreateTopics]: 7,
      [ApiKey.DeleteTopics]: 6,
      [ApiKey.DeleteRecords]: 2,
      [ApiKey.InitProducerId]: 4,
      [ApiKey.DescribeConfigs]: 2,
      [ApiKey.AlterConfigs]: 2,
      [ApiKey.SaslAuthenticate]: 2,
      [ApiKey.CreatePartitions]: 1,
      [ApiKey.DeleteGroups]: 2,
      [ApiKey.IncrementalAlterConfigs]: 1,
      [ApiKey.OffsetDelete]: 0,
      [ApiKey.LeaderAndIsr]: 5,
      [ApiKey.StopReplica]: 3,
      [ApiKey.UpdateMetadata]: 7,
      [ApiKey.ControlledShutdown]: 3,
      [ApiKey.OffsetForLeaderEpoch]: 4,
      [ApiKey.AlterIsr]: 0,
    };
    for (const [key, v] of Object.entries(max)) {
      const m = MESSAGES[Number(key) as keyof typeof MESSAGES];
      expect(m.request.validVersions[0]).toBe(0);
      expect(m.request.validVersions[1]).toBeGreaterThanOrEqual(v);
      expect(m.response.validVersions).toEqual(m.request.validVersions);
      expect(m.response.flexibleVersions).toBe(m.request.flexibleVersions);
      expect(m.request.apiKey).toBe(Number(key));
    }
  });

  it.each(ALL_SCHEMAS.map((s) => [s.name, s] as const))('%s compiles at every version', (_n, s) => {
    expect(() => checkSchema(s)).not.toThrow();
  });
});

describe('round trips generated from the schemas', () => {
  const cases = allVersions(ALL_SCHEMAS).map(([s, v]) => [`${s.name} v${v}`, s, v] as const);

  it.each(cases)('%s', (_n, schema, version) => {
    for (let seed = 1; seed <= 6; seed++) {
      const gen = new SampleGenerator(prng(seed * 7919 + version * 31 + schema.apiKey));
      const sample = gen.struct(schema.fields, version);
      const bytes = encode(schema, version, sample);
      const decoded = decode(schema, version, bytes);
      expect(decoded).toEqual(sample);
      expect(encode(schema, version, decoded)).toEqual(bytes);
    }
  });

  it.each(cases)('%s: the default message round-trips', (_n, schema, version) => {
    const d = defaultMessage(schema, version);
    expect(decode(schema, version, encode(schema, version, d))).toEqual(d);
    expect(encode(schema, version, {})).toEqual(encode(schema, version, d));
  });
});

describe('fields a version lacks', () => {
  const cases: [string, MessageSchema, number, string][] = [];
  for (const [s, v] of allVersions(ALL_SCHEMAS)) {
    for (const f of s.fields)
      if (!inVersions(f.versions, v)) cases.push([`${s.name} v${v} ${f.name}`, s, v, f.name]);
  }

  it.each(cases)(
    '%s: decodes to its default; non-default throws unless ignorable',
    (_n, schema, version, name) => {
      const field = schema.fields.find((f) => f.name === name)!;
      const decoded = decode(schema, version, encode(schema, version, {}));
      expect(decoded[name]).toEqual(defaultValue(field, version));

      // A value valid at the field's first version.
      const first = Number(/^\d+/.exec(field.versions)![0]);
      const value = new SampleGenerator(prng(99)).value(field, first, 0);
      const isDefault =
        JSON.stringify(value, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x)) ===
        JSON.stringify(defaultValue(field, version), (_k, x: unknown) =>
          typeof x === 'bigint' ? String(x) : x,
        );
      if (isDefault) return;
      if (field.ignorable) {
        expect(decode(schema, version, encode(schema, version, { [name]: value }))[name]).toEqual(
          defaultValue(field, version),
        );
      } else {
        let err: unknown;
        try {
          encode(schema, version, { [name]: value });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ProtocolEncodeError);
        expect((err as ProtocolEncodeError).code).toBe(ErrorCode.UNSUPPORTED_VERSION);
        expect((err as ProtocolEncodeError).path).toBe(name);
      }
    },
  );

  it('checks nested fields too (Metadata v4 has no leaderEpoch: ignorable; no offlineReplicas: ignorable)', () => {
    const body = {
      topics: [
        {
          errorCode: 0,
          name: 't',
          partitions: [
            {
              errorCode: 0,
              partitionIndex: 0,
              leaderId: 1,
              leaderEpoch: 5,
              replicaNodes: [1],
              isrNodes: [1],
            },
          ],
        },
      ],
    };
    const w = new Writer();
    encodeResponseBody(ApiKey.Metadata, 4, { brokers: [], ...body }, w);
    const back = decodeResponseBody(ApiKey.Metadata, 4, new Reader(w.toBuffer()));
    expect(back.topics[0]!.partitions[0]!.leaderEpoch).toBe(-1);
  });

  it('reports the nested path of a non-ignorable field', () => {
    const w = new Writer();
    expect(() =>
      encodeRequestBody(
        ApiKey.StopReplica,
        3,
        { controllerId: 1, controllerEpoch: 1, topics: [{ name: 't', partitionIndexes: [1] }] },
        w,
      ),
    ).toThrow(/topics/);
    expect(() =>
      encodeRequestBody(
        ApiKey.OffsetCommit,
        2,
        {
          groupId: 'g',
          topics: [
            {
              name: 't',
              partitions: [
                { partitionIndex: 0, committedOffset: 1n, committedMetadata: null, commitTimestamp: 5n },
              ],
            },
          ],
        },
        w.reset(),
      ),
    ).toThrow(/topics\[0\]\.partitions\[0\]\.commitTimestamp/);
  });
});

describe('nullability', () => {
  it('rejects null in a field that is not nullable at that version', () => {
    const w = new Writer();
    // Metadata topics are nullable from v1 only.
    expect(() => encodeRequestBody(ApiKey.Metadata, 0, { topics: null }, w)).toThrow(ProtocolEncodeError);
    expect(() => encodeRequestBody(ApiKey.Metadata, 1, { topics: null }, w.reset())).not.toThrow();
    // A null (-1) array where v0 forbids it fails to decode.
    const bytes = Buffer.from([0xff, 0xff, 0xff, 0xff]);
    expect(() => decodeRequest(ApiKey.Metadata, 0, new Reader(bytes))).toThrow(ProtocolDecodeError);
    expect(decodeRequest(ApiKey.Metadata, 1, new Reader(bytes)).topics).toBeNull();
  });

  it('distinguishes empty from null topics in Metadata v1+ (classic and compact)', () => {
    const w = new Writer();
    encodeRequestBody(ApiKey.Metadata, 4, { topics: [], allowAutoTopicCreation: true }, w);
    expect(w.toBuffer()).toEqual(Buffer.from([0, 0, 0, 0, 1]));
    encodeRequestBody(ApiKey.Metadata, 9, { topics: null }, w.reset());
    // compact null array, allowAuto=true, both include* flags false, empty tag buffer
    expect(w.toBuffer()).toEqual(Buffer.from([0, 1, 0, 0, 0]));
  });
});

describe('tagged fields', () => {
  it('writes a tagged field only when it differs from its default', () => {
    const base = {
      responses: [
        {
          topic: 't',
          partitions: [{ partitionIndex: 0, errorCode: 0, highWatermark: 5n, records: null }],
        },
      ],
    };
    const plain = new Writer();
    encodeResponseBody(ApiKey.Fetch, 12, base, plain);
    const withLeader = new Writer();
    const p = { ...base.responses[0]!.partitions[0]!, currentLeader: { leaderId: 2, leaderEpoch: 7 } };
    encodeResponseBody(ApiKey.Fetch, 12, { responses: [{ topic: 't', partitions: [p] }] }, withLeader);
    // tag count 1, tag 1, size 9 (int32 + int32 + empty tag buffer), then the struct
    expect(withLeader.length - plain.length).toBe(11);
    const back = decodeResponseBody(ApiKey.Fetch, 12, new Reader(withLeader.toBuffer()));
    expect(back.responses[0]!.partitions[0]!.currentLeader).toEqual({ leaderId: 2, leaderEpoch: 7 });
    expect(back.responses[0]!.partitions[0]!.divergingEpoch).toEqual({ epoch: -1, endOffset: -1n });
  });

  it('keeps unknown tags and writes them back in tag order', () => {
    const schema = MESSAGES[ApiKey.ApiVersions].request;
    // v3 body: compact "a", compact "b", tag buffer with tags 7 and 3 (out of order on the wire).
    const bytes = Buffer.from([2, 0x61, 2, 0x62, 2, 7, 1, 0xaa, 3, 2, 0xbb, 0xcc]);
    const decoded = decode(schema, 3, bytes);
    expect(decoded.unknownTaggedFields).toEqual([
      { tag: 7, data: Buffer.from([0xaa]) },
      { tag: 3, data: Buffer.from([0xbb, 0xcc]) },
    ]);
    expect(encode(schema, 3, decoded)).toEqual(
      Buffer.from([2, 0x61, 2, 0x62, 2, 3, 2, 0xbb, 0xcc, 7, 1, 0xaa]),
    );
  });

  it('merges known and unknown tags', () => {
    const schema = MESSAGES[ApiKey.ApiVersions].response;
    const value = {
      errorCode: 0,
      apiKeys: [],
      throttleTimeMs: 0,
      finalizedFeaturesEpoch: 3n,
      unknownTaggedFields: [{ tag: 9, data: Buffer.from([1]) }],
    };
    const bytes = encode(schema, 3, value);
    const back = decode(schema, 3, bytes);
    expect(back.finalizedFeaturesEpoch).toBe(3n);
    expect(back.unknownTaggedFields).toEqual([{ tag: 9, data: Buffer.from([1]) }]);
    expect(encode(schema, 3, back)).toEqual(bytes);
  });

  it('rejects a known tagged field whose size does not match its content', () => {
    const schema = MESSAGES[ApiKey.ApiVersions].response;
    // errorCode 0, no api keys, throttle 0, tags: 1 field, tag 1 (int64) with size 9 (one byte too many)
    const bytes = Buffer.from([0, 0, 1, 0, 0, 0, 0, 1, 1, 9, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(() => decode(schema, 3, bytes)).toThrow(/unread byte.*finalizedFeaturesEpoch/);
  });

  it('treats flexible versions as compact', () => {
    for (const s of ALL_SCHEMAS) {
      if (s.flexibleVersions === 'none') continue;
      expect(isFlexibleVersion(s, s.validVersions[1])).toBe(true);
    }
  });
});

describe('decode errors carry the field path', () => {
  it('names the truncated field', () => {
    const w = new Writer();
    encodeRequestBody(
      ApiKey.Produce,
      7,
      {
        acks: 1,
        timeoutMs: 1000,
        topicData: [{ name: 'topic', partitionData: [{ index: 0, records: Buffer.alloc(10) }] }],
      },
      w,
    );
    const bytes = w.toBuffer().subarray(0, w.length - 3);
    let err: unknown;
    try {
      decodeRequest(ApiKey.Produce, 7, new Reader(bytes));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProtocolDecodeError);
    expect((err as ProtocolDecodeError).path).toBe('topicData[0].partitionData[0].records');
    expect((err as ProtocolDecodeError).code).toBe(ErrorCode.INVALID_REQUEST);
  });

  it('rejects versions outside the schema', () => {
    expect(() => decodeRequest(ApiKey.ApiVersions, 4, new Reader(Buffer.alloc(4)))).toThrow(
      expect.objectContaining({ code: ErrorCode.UNSUPPORTED_VERSION }),
    );
    expect(() => decodeRequest(99 as never, 0, new Reader(Buffer.alloc(4)))).toThrow(ProtocolDecodeError);
  });
});
