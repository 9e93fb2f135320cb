/**
 * The broker's network edge against raw frames: ApiVersions' UNSUPPORTED_VERSION answer, in-order
 * answers to pipelined requests, oversized frames, and fuzzed or truncated frames for every API.
 * Whatever arrives, the broker stays up and answers the next well-formed request.
 */
import net from 'node:net';
import {
  ApiKey,
  ErrorCode,
  SUPPORTED_API_KEYS,
  codecVersionRange,
  decodeResponse,
  encodeRequest,
  peekCorrelationId,
} from '../../src/protocol';
import { freshZkConnect, startBroker, stopAllBrokers, type BrokerProcess } from '../harness/brokers';

jest.setTimeout(120_000);

/** A raw connection that collects whole response frames. */
class RawConnection {
  private buffer = Buffer.alloc(0);
  readonly frames: Buffer[] = [];
  closed = false;
  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      while (this.buffer.length >= 4) {
        const size = this.buffer.readInt32BE(0);
        if (this.buffer.length < 4 + size) break;
        this.frames.push(this.buffer.subarray(4, 4 + size));
        this.buffer = this.buffer.subarray(4 + size);
      }
    });
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => (this.closed = true));
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  write(data: Buffer): void {
    this.socket.write(data);
  }

  async waitFor(pred: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

function apiVersionsFrame(correlationId: number, version = 2): Buffer {
  return encodeRequest(
    { apiKey: ApiKey.ApiVersions, apiVersion: version, correlationId, clientId: 'raw-test' },
    version >= 3 ? { clientSoftwareName: 'raw', clientSoftwareVersion: '1' } : {},
  );
}

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('network edge', () => {
  let broker: BrokerProcess;

  beforeAll(async () => {
    broker = await startBroker({
      brokerId: 0,
      zkConnect: freshZkConnect(),
      props: { 'socket.request.max.bytes': 65536 },
    });
  });

  afterAll(() => stopAllBrokers());

  async function assertServing(): Promise<void> {
    const c = await RawConnection.open(broker.port);
    c.write(apiVersionsFrame(4242));
    await c.waitFor(() => c.frames.length === 1);
    const { correlationId, body } = decodeResponse(ApiKey.ApiVersions, 2, c.frames[0] ?? Buffer.alloc(0));
    expect(correlationId).toBe(4242);
    expect(body.errorCode).toBe(ErrorCode.NONE);
    c.close();
    expect(broker.running).toBe(true);
  }

  it('answers pipelined requests in order, each with its correlation id', async () => {
    const c = await RawConnection.open(broker.port);
    const ids = Array.from({ length: 50 }, (_, i) => 1000 + i);
    c.write(Buffer.concat(ids.map((id, i) => apiVersionsFrame(id, i % 4))));
    await c.waitFor(() => c.frames.length === ids.length);
    expect(c.frames.map((f) => peekCorrelationId(f))).toEqual(ids);
    c.close();
  });

  it('answers an ApiVersions version it does not support with a v0 UNSUPPORTED_VERSION body', async () => {
    const c = await RawConnection.open(broker.port);
    // v9 does not exist: the body cannot be parsed, so Kafka answers in v0 form with its own range.
    // A v9 request would use the flexible header v2: client id, then an empty tag buffer.
    const frame = Buffer.alloc(4 + 2 + 2 + 4 + 2 + 1);
    frame.writeInt32BE(frame.length - 4, 0);
    frame.writeInt16BE(ApiKey.ApiVersions, 4);
    frame.writeInt16BE(9, 6);
    frame.writeInt32BE(77, 8);
    frame.writeInt16BE(-1, 12);
    c.write(frame);
    await c.waitFor(() => c.frames.length === 1);
    const { correlationId, body } = decodeResponse(ApiKey.ApiVersions, 0, c.frames[0] ?? Buffer.alloc(0));
    expect(correlationId).toBe(77);
    expect(body.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
    expect(body.apiKeys).toEqual([{ apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 3 }]);
    c.close();
  });

  it('closes a connection whose frame is larger than socket.request.max.bytes, with a WARN line', async () => {
    const c = await RawConnection.open(broker.port);
    const header = Buffer.alloc(4);
    header.writeInt32BE(65537, 0);
    c.write(header);
    await c.waitFor(() => c.closed);
    await broker.waitForOutput(/WARN .*Invalid receive \(size = 65537 larger than 65536\)/);
    await assertServing();
  });

  it('closes a connection with a negative frame size', async () => {
    const c = await RawConnection.open(broker.port);
    c.write(Buffer.from([0xff, 0xff, 0xff, 0xf0]));
    await c.waitFor(() => c.closed);
    await assertServing();
  });

  it('survives random and truncated frames for every API and version, and keeps serving', async () => {
    const random = prng(20261121);
    for (const apiKey of SUPPORTED_API_KEYS) {
      const range = codecVersionRange(apiKey);
      if (!range) continue;
      for (let version = range.minVersion; version <= range.maxVersion; version++) {
        const c = await RawConnection.open(broker.port);
        const frames: Buffer[] = [];
        for (let i = 0; i < 4; i++) {
          const bodyLength = Math.floor(random() * 64);
          const frame = Buffer.alloc(4 + 8 + 2 + bodyLength);
          frame.writeInt32BE(frame.length - 4, 0);
          frame.writeInt16BE(apiKey, 4);
          frame.writeInt16BE(version, 6);
          frame.writeInt32BE(i, 8);
          // Half the frames carry a plausible client id then garbage; half are garbage throughout.
          if (i % 2 === 0) frame.writeInt16BE(-1, 12);
          for (let b = i % 2 === 0 ? 14 : 12; b < frame.length; b++) frame[b] = Math.floor(random() * 256);
          frames.push(frame);
        }
        // A frame cut short: the size prefix promises more bytes than ever arrive.
        const truncated = Buffer.alloc(10);
        truncated.writeInt32BE(100, 0);
        truncated.writeInt16BE(apiKey, 4);
        c.write(Buffer.concat([...frames, truncated]));
        await new Promise((r) => setTimeout(r, 5));
        c.close();
      }
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(broker.running).toBe(true);
    await assertServing();
  });
});
