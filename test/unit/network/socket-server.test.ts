/**
 * The socket layer on real loopback sockets, with a scripted handler: framing, request order,
 * pipelining of the requests the `pipelined` option accepts, and response order.
 */
import net from 'node:net';
import { SocketServer, type ResponseFrame } from '../../../src/network/socket-server';

interface Started {
  id: number;
  finish: (response: ResponseFrame | null) => void;
  fail: (err: Error) => void;
}

/** A frame whose first byte says whether it may be pipelined, followed by an id. */
function frame(id: number, pipelined: boolean): Buffer {
  const out = Buffer.alloc(4 + 5);
  out.writeInt32BE(5, 0);
  out.writeUInt8(pipelined ? 1 : 0, 4);
  out.writeInt32BE(id, 5);
  return out;
}

function response(id: number, pieces = 1): ResponseFrame {
  const body = Buffer.alloc(4);
  body.writeInt32BE(id, 0);
  const whole = Buffer.concat([Buffer.from([0, 0, 0, 4]), body]);
  if (pieces === 1) return whole;
  return [whole.subarray(0, 3), whole.subarray(3, 6), whole.subarray(6)];
}

async function withServer(
  run: (ctx: { started: Started[]; client: net.Socket; received: number[] }) => Promise<void>,
): Promise<void> {
  const started: Started[] = [];
  const server = new SocketServer({
    brokerId: 0,
    endpoints: [{ listenerName: 'PLAINTEXT', host: '127.0.0.1', port: 0 }],
    maxRequestBytes: 1024,
    handler: (f) =>
      new Promise((resolve, reject) => {
        started.push({ id: f.readInt32BE(1), finish: resolve, fail: reject });
      }),
    pipelined: (f) => f.readUInt8(0) === 1,
  });
  await server.bind();
  server.startProcessingRequests();
  const client = net.connect(server.boundPort('PLAINTEXT'), '127.0.0.1');
  await new Promise((resolve) => client.once('connect', resolve));
  const received: number[] = [];
  let pending = Buffer.alloc(0);
  client.on('data', (d: Buffer) => {
    pending = Buffer.concat([pending, d]);
    while (pending.length >= 8) {
      received.push(pending.readInt32BE(4));
      pending = pending.subarray(8);
    }
  });
  try {
    await run({ started, client, received });
  } finally {
    client.destroy();
    await server.shutdown();
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 50));

describe('SocketServer', () => {
  it('starts pipelined requests before the earlier ones are answered, and answers in request order', async () => {
    await withServer(async ({ started, client, received }) => {
      client.write(Buffer.concat([frame(1, true), frame(2, true), frame(3, true)]));
      await until(() => started.length === 3, 'three started requests');
      expect(started.map((s) => s.id)).toEqual([1, 2, 3]);
      // Finished out of order: nothing may overtake request 1.
      started[2]?.finish(response(3));
      started[1]?.finish(response(2, 3));
      await settle();
      expect(received).toEqual([]);
      started[0]?.finish(response(1));
      await until(() => received.length === 3, 'three responses');
      expect(received).toEqual([1, 2, 3]);
    });
  });

  it('starts a request that is not pipelined only once everything before it was answered', async () => {
    await withServer(async ({ started, client, received }) => {
      client.write(Buffer.concat([frame(1, true), frame(2, false), frame(3, true)]));
      await until(() => started.length === 1, 'the first request');
      await settle();
      expect(started.map((s) => s.id)).toEqual([1]);
      started[0]?.finish(response(1));
      await until(() => started.length === 2, 'the second request');
      await settle();
      // Request 3 may be pipelined, but not behind one that is not.
      expect(started.map((s) => s.id)).toEqual([1, 2]);
      started[1]?.finish(null); // no response (as acks=0)
      await until(() => started.length === 3, 'the third request');
      started[2]?.finish(response(3));
      await until(() => received.length === 2, 'two responses');
      expect(received).toEqual([1, 3]);
    });
  });

  it('starts a pipelined request that arrives while earlier ones wait', async () => {
    await withServer(async ({ started, client, received }) => {
      client.write(frame(1, true));
      await until(() => started.length === 1, 'the first request');
      client.write(frame(2, true));
      await until(() => started.length === 2, 'the second request, while the first waits');
      started[1]?.finish(response(2));
      started[0]?.finish(response(1));
      await until(() => received.length === 2, 'two responses');
      expect(received).toEqual([1, 2]);
    });
  });

  it('closes the connection when a handler fails, and keeps serving others', async () => {
    await withServer(async ({ started, client }) => {
      const closed = new Promise((resolve) => client.once('close', resolve));
      client.write(frame(1, false));
      await until(() => started.length === 1, 'the request');
      started[0]?.fail(new Error('cannot parse'));
      await closed;
    });
  });

  it('assembles large frames split over many reads intact, also when it reuses their memory', async () => {
    const seen: { id: number; intactAtStart: boolean; bytes: Buffer }[] = [];
    const payload = (id: number, pipelined: boolean, size: number): Buffer => {
      const out = Buffer.alloc(4 + size);
      out.writeInt32BE(size, 0);
      out.writeUInt8(pipelined ? 1 : 0, 4);
      out.writeInt32BE(id, 5);
      for (let i = 9; i < out.length; i++) out[i] = (i * 7 + id) & 0xff;
      return out;
    };
    const intact = (f: Buffer): boolean => {
      const id = f.readInt32BE(1);
      for (let i = 5; i < f.length; i++) if (f[i] !== ((i + 4) * 7 + id) % 256) return false;
      return true;
    };
    const server = new SocketServer({
      brokerId: 0,
      endpoints: [{ listenerName: 'PLAINTEXT', host: '127.0.0.1', port: 0 }],
      maxRequestBytes: 4 * 1024 * 1024,
      handler: (f) => {
        const id = f.readInt32BE(1);
        seen.push({ id, intactAtStart: intact(f), bytes: f });
        return Promise.resolve(response(id));
      },
      pipelined: (f) => f.readUInt8(0) === 1,
    });
    await server.bind();
    server.startProcessingRequests();
    const client = net.connect(server.boundPort('PLAINTEXT'), '127.0.0.1');
    try {
      await new Promise((resolve) => client.once('connect', resolve));
      let answered = 0;
      client.on('data', (d: Buffer) => (answered += d.length / 8));
      // Pipelined 1 MiB frames reuse pool buffers; the last one, not pipelined, must stay intact
      // even after it was started.
      const frames = [1, 2, 3, 4, 5, 6].map((id) => payload(id, id < 6, 1024 * 1024 + id * 3));
      for (const f of frames) {
        for (let at = 0; at < f.length; at += 40_000) client.write(f.subarray(at, at + 40_000));
      }
      await until(() => answered >= 6, 'six responses');
      expect(seen.map((x) => x.id)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(seen.every((x) => x.intactAtStart)).toBe(true);
      expect(intact(seen[5]?.bytes ?? Buffer.alloc(0))).toBe(true);
    } finally {
      client.destroy();
      await server.shutdown();
    }
  });
});
