/**
 * A null sink for measuring a client's ceiling: a one-node "cluster" that speaks just enough of the
 * protocol for a producer (ApiVersions, Metadata with every asked-for topic present, Produce) and
 * acknowledges every produce request at once without storing anything. Produced to, a client's
 * throughput is limited only by itself (and the loopback), so "client against our broker ÷ client
 * against the null sink" says how much of the gap is the broker's.
 *
 * It uses the broker's own socket layer and codecs (src/network, src/protocol).
 *
 *   node dist/cli/perf/null-sink-broker.js [port] [partitions]     (prints "listening on <port>")
 */
import { configureLogging } from '../../common/logger';
import { SocketServer } from '../../network/socket-server';
import {
  ApiKey,
  codecVersionRange,
  decodeRequestFrame,
  encodeResponse,
  ErrorCode,
  type ApiVersionRange,
  type RequestBodies,
} from '../../protocol';

const SERVED = [ApiKey.Produce, ApiKey.Metadata, ApiKey.ApiVersions] as const;
// Advertised but never served: librdkafka only writes v2 record batches to brokers that can Fetch v4+.
const ADVERTISED = [...SERVED, ApiKey.Fetch] as const;

export interface NullSinkStats {
  produceRequests: number;
  batches: number;
  records: number;
  bytes: number;
}

export interface NullSink {
  port: number;
  stats: NullSinkStats;
  close(): Promise<void>;
}

/** Records in a buffer of record batches (v2: the count at byte 57; older formats: one per entry). */
export function countRecords(records: Buffer | null): { batches: number; records: number } {
  let batches = 0;
  let count = 0;
  if (records === null) return { batches, records: count };
  let pos = 0;
  while (pos + 17 <= records.length) {
    const batchLength = records.readInt32BE(pos + 8);
    batches += 1;
    count += records.readInt8(pos + 16) >= 2 ? records.readInt32BE(pos + 57) : 1;
    pos += 12 + batchLength;
  }
  return { batches, records: count };
}

function versions(): ApiVersionRange[] {
  return ADVERTISED.map((k) => codecVersionRange(k)).filter((r): r is ApiVersionRange => r !== undefined);
}

export async function startNullSink(port = 0, partitions = 8, host = '127.0.0.1'): Promise<NullSink> {
  const stats: NullSinkStats = { produceRequests: 0, batches: 0, records: 0, bytes: 0 };
  const offsets = new Map<string, bigint>();
  let boundPort = port;
  const handle = (frame: Buffer): Buffer | null => {
    const { header, body } = decodeRequestFrame(frame);
    const { apiKey, apiVersion, correlationId } = header;
    if (apiKey === ApiKey.ApiVersions)
      return encodeResponse(ApiKey.ApiVersions, apiVersion, correlationId, {
        errorCode: ErrorCode.NONE,
        apiKeys: versions(),
        throttleTimeMs: 0,
      });
    if (apiKey === ApiKey.Metadata) {
      const req = body as RequestBodies[typeof ApiKey.Metadata];
      const names = (req.topics ?? []).map((t) => t.name ?? '').filter((n) => n !== '');
      return encodeResponse(ApiKey.Metadata, apiVersion, correlationId, {
        brokers: [{ nodeId: 0, host, port: boundPort, rack: null }],
        clusterId: 'null-sink',
        controllerId: 0,
        topics: names.map((name) => ({
          errorCode: ErrorCode.NONE,
          name,
          isInternal: false,
          partitions: Array.from({ length: partitions }, (_, i) => ({
            errorCode: ErrorCode.NONE,
            partitionIndex: i,
            leaderId: 0,
            leaderEpoch: 0,
            replicaNodes: [0],
            isrNodes: [0],
            offlineReplicas: [],
          })),
        })),
      });
    }
    if (apiKey === ApiKey.Produce) {
      const req = body as RequestBodies[typeof ApiKey.Produce];
      stats.produceRequests += 1;
      const responses = req.topicData.map((t) => ({
        name: t.name,
        partitionResponses: t.partitionData.map((p) => {
          const { batches, records } = countRecords(p.records);
          stats.batches += batches;
          stats.records += records;
          stats.bytes += p.records?.length ?? 0;
          const key = `${t.name}\u0000${p.index}`;
          const baseOffset = offsets.get(key) ?? 0n;
          offsets.set(key, baseOffset + BigInt(records));
          return {
            index: p.index,
            errorCode: ErrorCode.NONE,
            baseOffset,
            recordErrors: [],
            errorMessage: null,
          };
        }),
      }));
      if (req.acks === 0) return null;
      return encodeResponse(ApiKey.Produce, apiVersion, correlationId, { responses, throttleTimeMs: 0 });
    }
    throw new Error(`the null sink does not serve API key ${apiKey}`);
  };
  const server = new SocketServer({
    brokerId: 0,
    endpoints: [{ listenerName: 'PLAINTEXT', host, port }],
    maxRequestBytes: 200 * 1024 * 1024,
    handler: (frame) => Promise.resolve(handle(frame)),
  });
  await server.bind();
  boundPort = server.boundPort('PLAINTEXT');
  server.startProcessingRequests();
  return { port: boundPort, stats, close: () => server.shutdown() };
}

if (require.main === module) {
  configureLogging({ console: false });
  const [portArg, partitionsArg] = process.argv.slice(2);
  startNullSink(Number(portArg ?? 0), Number(partitionsArg ?? 8))
    .then((sink) => {
      process.stdout.write(`listening on ${sink.port}\n`);
      const stop = (): void => {
        process.stdout.write(`${JSON.stringify(sink.stats)}\n`);
        void sink.close().then(() => process.exit(0));
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
