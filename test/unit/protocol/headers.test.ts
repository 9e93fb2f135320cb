import {
  ApiKey,
  ErrorCode,
  ProtocolDecodeError,
  Reader,
  Writer,
  decodeRequestFrame,
  decodeRequestHeader,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  encodeResponseChunks,
  encodeUnsupportedApiVersionsResponse,
  peekCorrelationId,
  requestHeaderVersion,
  responseHeaderVersion,
  decodeResponseBody,
} from '../../../src/protocol';

describe('header versions', () => {
  it.each([
    [ApiKey.ControlledShutdown, 0, 0],
    [ApiKey.ControlledShutdown, 1, 1],
    [ApiKey.ControlledShutdown, 3, 2],
    [ApiKey.ApiVersions, 2, 1],
    [ApiKey.ApiVersions, 3, 2],
    [ApiKey.ApiVersions, 4, 2], // above our max: still flexible, like Kafka
    [ApiKey.Metadata, 8, 1],
    [ApiKey.Metadata, 9, 2],
    [ApiKey.Produce, 7, 1],
    [ApiKey.Fetch, 12, 2],
    [ApiKey.SaslHandshake, 1, 1],
    [ApiKey.OffsetDelete, 0, 1],
    [ApiKey.AlterIsr, 0, 2],
    [999, 0, 1],
  ])('request key %d v%d uses header v%d', (key, version, expected) => {
    expect(requestHeaderVersion(key, version)).toBe(expected);
  });

  it.each([
    [ApiKey.ApiVersions, 3, 0],
    [ApiKey.ApiVersions, 0, 0],
    [ApiKey.Metadata, 9, 1],
    [ApiKey.Metadata, 8, 0],
    [ApiKey.LeaderAndIsr, 4, 1],
    [ApiKey.Produce, 7, 0],
  ])('response key %d v%d uses header v%d', (key, version, expected) => {
    expect(responseHeaderVersion(key, version)).toBe(expected);
  });
});

describe('request framing', () => {
  it('encodes a v1 header with a size prefix and decodes it back', () => {
    const frame = encodeRequest(
      { apiKey: ApiKey.ApiVersions, apiVersion: 2, correlationId: 7, clientId: 'c' },
      {},
    );
    expect(frame.toString('hex')).toBe('0000000b' + '0012' + '0002' + '00000007' + '0001' + '63');
    const { header, headerVersion, bodyOffset } = decodeRequestHeader(frame.subarray(4));
    expect(header).toEqual({ apiKey: 18, apiVersion: 2, correlationId: 7, clientId: 'c' });
    expect(headerVersion).toBe(1);
    expect(bodyOffset).toBe(11);
  });

  it('writes a v2 header with a non-compact client id and a tag buffer', () => {
    const frame = encodeRequest(
      { apiKey: ApiKey.ApiVersions, apiVersion: 3, correlationId: 1, clientId: null },
      { clientSoftwareName: 'n', clientSoftwareVersion: '1' },
    );
    expect(frame.subarray(4).toString('hex')).toBe(
      '0012' + '0003' + '00000001' + 'ffff' + '00' + '026e' + '0231' + '00',
    );
    const decoded = decodeRequestFrame(frame.subarray(4));
    expect(decoded.header.clientId).toBeNull();
    expect(decoded.body).toEqual({ clientSoftwareName: 'n', clientSoftwareVersion: '1' });
    expect(decoded.trailingBytes).toBe(0);
  });

  it('uses header v0 (no client id) for ControlledShutdown v0', () => {
    const frame = encodeRequest(
      { apiKey: ApiKey.ControlledShutdown, apiVersion: 0, correlationId: 3, clientId: 'ignored' },
      { brokerId: 2 },
    );
    expect(frame.subarray(4).toString('hex')).toBe('0007' + '0000' + '00000003' + '00000002');
    const decoded = decodeRequestFrame(frame.subarray(4));
    expect(decoded.header.clientId).toBeNull();
    expect(decoded.body).toEqual({ brokerId: 2, brokerEpoch: -1n });
  });

  it('appends to a caller-provided writer and returns only the new frame', () => {
    const w = new Writer();
    w.int8(9);
    const frame = encodeRequest(
      { apiKey: ApiKey.Heartbeat, apiVersion: 0, correlationId: 1, clientId: 'x' },
      {
        groupId: 'g',
        generationId: 1,
        memberId: 'm',
      },
      w,
    );
    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
    expect(w.length).toBe(frame.length + 1);
  });

  it('keeps unknown header tags', () => {
    const frame = Buffer.from(
      '0012' + '0003' + '00000001' + 'ffff' + '01' + '0501ff' + '00' + '00' + '00',
      'hex',
    );
    const d = decodeRequestHeader(frame);
    expect(d.header.unknownTaggedFields).toEqual([{ tag: 5, data: Buffer.from([0xff]) }]);
    expect(d.bodyOffset).toBe(14);
  });

  it('fails on truncated headers with ProtocolDecodeError', () => {
    expect(() => decodeRequestHeader(Buffer.from('001200', 'hex'))).toThrow(ProtocolDecodeError);
    expect(() => decodeRequestHeader(Buffer.from('00120002000000010005616263', 'hex'))).toThrow(
      ProtocolDecodeError,
    );
  });

  it('reports unsupported versions with UNSUPPORTED_VERSION after parsing the header', () => {
    const frame = Buffer.from('0012' + '0009' + '00000001' + 'ffff' + '00', 'hex');
    expect(decodeRequestHeader(frame).header.apiVersion).toBe(9);
    expect(() => decodeRequestFrame(frame)).toThrow(
      expect.objectContaining({ code: ErrorCode.UNSUPPORTED_VERSION }),
    );
  });
});

describe('response framing', () => {
  it('ApiVersions v3 responses use header v0 (no tag byte after the correlation id)', () => {
    const frame = encodeResponse(ApiKey.ApiVersions, 3, 5, {
      errorCode: 0,
      apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }],
      throttleTimeMs: 0,
    });
    expect(frame.toString('hex')).toBe(
      '00000013' + '00000005' + '0000' + '02' + '0012' + '0000' + '0003' + '00' + '00000000' + '00',
    );
    const back = decodeResponse(ApiKey.ApiVersions, 3, frame.subarray(4));
    expect(back.correlationId).toBe(5);
    expect(back.body.apiKeys).toEqual([{ apiKey: 18, minVersion: 0, maxVersion: 3 }]);
    expect(peekCorrelationId(frame.subarray(4))).toBe(5);
  });

  it('flexible responses of other APIs use header v1', () => {
    const frame = encodeResponse(ApiKey.Heartbeat, 4, 9, { errorCode: 27 });
    expect(frame.toString('hex')).toBe('0000000c' + '00000009' + '00' + '00000000' + '001b' + '00');
    expect(decodeResponse(ApiKey.Heartbeat, 4, frame.subarray(4)).body).toEqual({
      throttleTimeMs: 0,
      errorCode: 27,
    });
  });

  it('builds the UNSUPPORTED_VERSION ApiVersions answer as Kafka does (v0 body, ApiVersions range only)', () => {
    const frame = encodeUnsupportedApiVersionsResponse(42);
    expect(frame.toString('hex')).toBe(
      '00000010' + '0000002a' + '0023' + '00000001' + '0012' + '0000' + '0003',
    );
    const body = decodeResponseBody(ApiKey.ApiVersions, 0, new Reader(frame.subarray(8)));
    expect(body).toMatchObject({ errorCode: 35, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }] });
  });

  it('a Fetch response in chunks references its large records and equals the one-buffer encoding', () => {
    const big = Buffer.alloc(5000, 0x61);
    const small = Buffer.alloc(100, 0x62);
    const partition = (partitionIndex: number, records: Buffer | null) => ({
      partitionIndex,
      errorCode: 0,
      highWatermark: 10n,
      lastStableOffset: 10n,
      logStartOffset: 0n,
      abortedTransactions: [],
      preferredReadReplica: -1,
      records,
    });
    for (const version of [4, 11, 12]) {
      const body = {
        throttleTimeMs: 0,
        errorCode: 0,
        sessionId: 0,
        responses: [{ topic: 't', partitions: [partition(0, big), partition(1, small), partition(2, big)] }],
      };
      const whole = encodeResponse(ApiKey.Fetch, version, 77, body);
      const chunks = encodeResponseChunks(ApiKey.Fetch, version, 77, body, { referenceAtLeast: 1024 });
      expect(Buffer.concat(chunks).equals(whole)).toBe(true);
      // The 5000-byte record runs are the caller's own buffers, not copies; the small one is copied.
      expect(chunks.filter((c) => c === big)).toHaveLength(2);
      expect(chunks).not.toContain(small);
      // header+partition 0 | big | partitions 1-2 | big [| tagged fields, flexible v12]
      expect(chunks).toHaveLength(version >= 12 ? 5 : 4);
      const back = decodeResponse(ApiKey.Fetch, version, Buffer.concat(chunks).subarray(4));
      expect(back.body.responses[0]?.partitions[2]?.records?.length).toBe(5000);
    }
  });

  it('a writer with references reports their bytes in length, and refuses a view', () => {
    const w = new Writer(16, { referenceAtLeast: 8 });
    w.int32(1).raw(Buffer.alloc(8, 1)).int8(2);
    expect(w.length).toBe(13);
    expect(() => w.view()).toThrow(/references/);
    expect(w.toBuffer().toString('hex')).toBe('00000001' + '0101010101010101' + '02');
    w.reset().int8(3);
    expect(w.chunks()).toEqual([Buffer.from([3])]);
  });
});
