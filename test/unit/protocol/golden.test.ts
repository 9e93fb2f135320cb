/**
 * Golden bytes: request frames captured from kafkajs, @platformatic/kafka, kcat (librdkafka) and
 * kafka-python by test/fixtures/protocol/capture.js. Each must decode to the expected values and
 * re-encode to exactly the same bytes; the record batches inside Produce must pass CRC validation.
 */
import doc from '../../fixtures/protocol/golden-requests.json';
import {
  ApiKey,
  decodeRecords,
  decodeRequestFrame,
  encodeRequest,
  isBatchCrcValid,
  setBaseOffset,
  setPartitionLeaderEpoch,
  splitBatches,
  validateRecordBatch,
} from '../../../src/protocol';
import type { ProduceRequest, RequestInputs, SupportedApiKey } from '../../../src/protocol';

interface GoldenFrame {
  id: string;
  client: string;
  apiKey: number;
  apiVersion: number;
  frameHex: string;
}

const frames = doc.frames as GoldenFrame[];
const byId = new Map(frames.map((f) => [f.id, f]));

function frameOf(id: string): Buffer {
  const f = byId.get(id);
  if (!f) throw new Error(`missing golden frame ${id}`);
  return Buffer.from(f.frameHex, 'hex');
}

const topicReq = (name: string) => [{ name }];

/** Explicit expectations for each captured frame: [id, clientId, expected body subset]. */
const EXPECTED: [string, string, Record<string, unknown>][] = [
  ['kafkajs:ApiVersions:v2', 'golden-kafkajs', {}],
  ['kafkajs:Metadata:v6', 'golden-kafkajs', { topics: null, allowAutoTopicCreation: false }],
  [
    'kafkajs:CreateTopics:v3',
    'golden-kafkajs',
    {
      topics: [
        { name: 'golden-topic', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] },
      ],
      timeoutMs: 5000,
      validateOnly: false,
    },
  ],
  [
    'kafkajs:Metadata:v6#3',
    'golden-kafkajs',
    { topics: topicReq('golden-topic'), allowAutoTopicCreation: true },
  ],
  ['kafkajs:FindCoordinator:v2', 'golden-kafkajs', { key: 'golden-group', keyType: 0 }],
  ['kafkajs:DescribeGroups:v2', 'golden-kafkajs', { groups: ['golden-group'] }],
  ['kafkajs:Produce:v7', 'golden-kafkajs', { transactionalId: null, acks: 1, timeoutMs: 30000 }],
  [
    'platformatic:ApiVersions:v3',
    'golden-platformatic',
    { clientSoftwareName: 'platformatic-kafka', clientSoftwareVersion: '1.35.0' },
  ],
  [
    'platformatic:Metadata:v9',
    'golden-platformatic',
    {
      topics: topicReq('golden-topic'),
      allowAutoTopicCreation: false,
      includeTopicAuthorizedOperations: true,
    },
  ],
  [
    'platformatic:CreateTopics:v7',
    'golden-platformatic',
    { topics: [{ name: 'golden-topic', numPartitions: 1, replicationFactor: 1 }], timeoutMs: 5000 },
  ],
  ['platformatic:Produce:v7', 'golden-platformatic', { acks: 1, timeoutMs: 5000 }],
  ['kcat:ApiVersions:v3', 'rdkafka', { clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' }],
  ['kcat:Metadata:v4', 'rdkafka', { topics: [], allowAutoTopicCreation: false }],
  ['kcat:Metadata:v4#2', 'rdkafka', { topics: null, allowAutoTopicCreation: true }],
  ['kcat:Produce:v7', 'rdkafka', { acks: -1, timeoutMs: 30000 }],
  ['kcat:FindCoordinator:v2', 'rdkafka', { key: 'golden-group', keyType: 0 }],
  [
    'kcat:JoinGroup:v5',
    'rdkafka',
    {
      groupId: 'golden-group',
      sessionTimeoutMs: 45000,
      rebalanceTimeoutMs: 300000,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'consumer',
    },
  ],
  ['kafka-python:ApiVersions:v0', 'golden-kafka-python', {}],
  ['kafka-python:Metadata:v0', 'golden-kafka-python', { topics: [] }],
  ['kafka-python:Metadata:v1', 'golden-kafka-python', { topics: null }],
  ['kafka-python:Produce:v7', 'golden-kafka-python', { acks: 1, timeoutMs: 30000 }],
  ['kafka-python:FindCoordinator:v0', 'golden-kafka-python', { key: 'golden-group' }],
  [
    'kafka-python:JoinGroup:v2',
    'golden-kafka-python',
    {
      groupId: 'golden-group',
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: 300000,
      protocolType: 'consumer',
    },
  ],
];

describe('golden request frames from real clients', () => {
  it('has ApiVersions and Metadata from each of the four clients, and Produce from each', () => {
    for (const client of ['kafkajs', 'platformatic', 'kcat', 'kafka-python']) {
      const apis = new Set(frames.filter((f) => f.client === client).map((f) => f.apiKey));
      expect([
        client,
        apis.has(ApiKey.ApiVersions),
        apis.has(ApiKey.Metadata),
        apis.has(ApiKey.Produce),
      ]).toEqual([client, true, true, true]);
    }
  });

  it.each(frames.map((f) => [f.id, f] as const))('%s decodes and re-encodes byte for byte', (_id, f) => {
    const frame = Buffer.from(f.frameHex, 'hex');
    const { header, body, trailingBytes } = decodeRequestFrame(frame);
    expect(header.apiKey).toBe(f.apiKey);
    expect(header.apiVersion).toBe(f.apiVersion);
    expect(trailingBytes).toBe(0);
    const reencoded = encodeRequest(
      header as typeof header & { apiKey: SupportedApiKey },
      body as RequestInputs[SupportedApiKey] as never,
    );
    expect(reencoded.subarray(4).toString('hex')).toBe(f.frameHex);
    expect(reencoded.readInt32BE(0)).toBe(frame.length);
  });

  it.each(EXPECTED)('%s has the expected content', (id, clientId, expected) => {
    const { header, body } = decodeRequestFrame(frameOf(id));
    expect(header.clientId).toBe(clientId);
    expect(body).toMatchObject(expected);
  });

  it('sees the version each client picks from the advertised table (protocol-matrix §8)', () => {
    const versions = (client: string, apiKey: number) =>
      [
        ...new Set(frames.filter((f) => f.client === client && f.apiKey === apiKey).map((f) => f.apiVersion)),
      ].sort();
    expect(versions('kafkajs', ApiKey.ApiVersions)).toEqual([2]);
    expect(versions('kcat', ApiKey.ApiVersions)).toEqual([3]);
    expect(versions('kafka-python', ApiKey.ApiVersions)).toEqual([0]);
    expect(versions('platformatic', ApiKey.ApiVersions)).toEqual([3]);
    expect(versions('kafkajs', ApiKey.Metadata)).toEqual([6]);
    expect(versions('kcat', ApiKey.Metadata)).toEqual([4]);
    expect(versions('kafka-python', ApiKey.Metadata)).toEqual([0, 1]);
    expect(versions('platformatic', ApiKey.Metadata)).toEqual([9]);
    for (const c of ['kafkajs', 'kcat', 'kafka-python', 'platformatic'])
      expect(versions(c, ApiKey.Produce)).toEqual([7]);
  });
});

describe('record batches produced by real clients', () => {
  const produceIds = frames.filter((f) => f.apiKey === ApiKey.Produce).map((f) => f.id);

  function recordsOf(id: string): Buffer {
    const body = decodeRequestFrame(frameOf(id)).body as ProduceRequest;
    const records = body.topicData[0]!.partitionData[0]!.records;
    if (!records) throw new Error('no records');
    return Buffer.from(records);
  }

  it.each(produceIds)('%s carries one v2 batch with a valid CRC-32C', (id) => {
    const records = recordsOf(id);
    const { batches, partialBytes } = splitBatches(records);
    expect(partialBytes).toBe(0);
    expect(batches).toHaveLength(1);
    const h = validateRecordBatch(records, 0, true);
    expect(h).toMatchObject({ magic: 2, baseOffset: 0n, recordCount: 1, lastOffsetDelta: 0, compression: 0 });
    expect(h.producerId).toBe(-1n);
  });

  it.each(produceIds)('%s stays valid after the broker patches base offset and leader epoch', (id) => {
    const records = recordsOf(id);
    setBaseOffset(records, 987654321n);
    setPartitionLeaderEpoch(records, 12);
    expect(isBatchCrcValid(records)).toBe(true);
    records[records.length - 1] = records[records.length - 1]! ^ 1;
    expect(isBatchCrcValid(records)).toBe(false);
  });

  it('decodes the kafkajs record: key "k", value "v", header h=x', () => {
    const { header, records } = decodeRecords(recordsOf('kafkajs:Produce:v7'));
    expect(header).toMatchObject({ producerEpoch: 0, baseSequence: 0, partitionLeaderEpoch: 0 });
    expect(records).toHaveLength(1);
    const r = records[0]!;
    expect([r.key?.toString(), r.value?.toString(), r.offsetDelta, r.timestampDelta]).toEqual([
      'k',
      'v',
      0,
      0n,
    ]);
    expect(r.headers).toEqual([{ key: 'h', value: Buffer.from('x') }]);
    expect(r.timestamp).toBe(header.baseTimestamp);
  });

  it('decodes the kcat and kafka-python records (key "k", value "v")', () => {
    for (const id of ['kcat:Produce:v7', 'kafka-python:Produce:v7']) {
      const { header, records } = decodeRecords(recordsOf(id));
      expect(header).toMatchObject({ producerEpoch: -1, baseSequence: -1 });
      expect([records[0]!.key?.toString(), records[0]!.value?.toString()]).toEqual(['k', 'v']);
    }
  });
});
