/**
 * The broker's listeners: TCP acceptors, Kafka's 4-byte length framing, `socket.request.max.bytes`,
 * and responses written in request order on each connection.
 *
 * Requests on one connection are started in the order they arrive and answered in that order;
 * different connections run concurrently. As in Kafka, a request normally starts only once the one
 * before it has been answered (the channel is "muted" meanwhile). Requests the `pipelined` option
 * accepts (Produce) may start while earlier pipelined ones still wait — an acks=all produce waiting
 * for its followers — up to MAX_PIPELINED at a time: they are appended in arrival order and their
 * responses still leave in request order, but a client with several produce requests in flight no
 * longer pays one replication round trip per request ahead of it. A handler returning null sends
 * nothing (acks=0 produce).
 * A frame that is oversized or cannot be handled closes that connection with a WARN line; nothing a
 * client sends can stop the broker.
 *
 * Lifecycle: the constructor does no I/O; `bind()` opens the listeners (ports become known, e.g. for
 * port 0) but holds new connections until `startProcessingRequests()`; `shutdown()` closes all.
 */
import net from 'node:net';
import type { Logger } from '../common/logger';
import { getLogger } from '../common/logger';

export interface ListenerEndpoint {
  listenerName: string;
  host: string;
  port: number;
}

export interface RequestContext {
  connectionId: string;
  listenerName: string;
  clientAddress: string;
  clientPort: number;
}

/**
 * A response frame: one buffer, or buffers to send in order (a Fetch response with its records
 * referenced rather than copied).
 */
export type ResponseFrame = Buffer | readonly Buffer[];

/** Handles one request frame (the bytes after the size prefix); returns the full response or null. */
export type RequestHandler = (frame: Buffer, context: RequestContext) => Promise<ResponseFrame | null>;

/** Thrown by a handler when the request cannot be understood: the connection is closed. */
export class InvalidRequestError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidRequestError';
  }
}

export interface SocketServerOptions {
  brokerId: number;
  endpoints: ListenerEndpoint[];
  maxRequestBytes: number;
  handler: RequestHandler;
  /**
   * Whether a request frame may start while earlier ones (all such) are unanswered. The handler of
   * such a request must be done with the frame's bytes when it returns (its synchronous part): the
   * memory of a frame assembled from several reads is reused for later frames.
   */
  pipelined?: (frame: Buffer) => boolean;
}

export class SocketServer {
  private readonly servers: { endpoint: ListenerEndpoint; server: net.Server }[] = [];
  private readonly connections = new Set<Connection>();
  private readonly boundPorts = new Map<string, number>();
  private processing = false;
  private readonly held: Connection[] = [];
  private readonly log: Logger;
  private readonly acceptorLog = getLogger('kafka.network.Acceptor');
  private nextConnectionId = 0;

  constructor(private readonly options: SocketServerOptions) {
    this.log = getLogger(
      'kafka.network.SocketServer',
      `[SocketServer listenerType=ZK_BROKER, nodeId=${options.brokerId}] `,
    );
  }

  /** The port a listener is bound to (useful with port 0). */
  boundPort(listenerName: string): number {
    const port = this.boundPorts.get(listenerName);
    if (port === undefined) throw new Error(`listener ${listenerName} is not bound`);
    return port;
  }

  async bind(): Promise<void> {
    for (const endpoint of this.options.endpoints) {
      const server = net.createServer((socket) => this.accept(endpoint, socket));
      const bindHost = endpoint.host === '' ? '0.0.0.0' : endpoint.host;
      await new Promise<void>((resolve, reject) => {
        const onError = (err: NodeJS.ErrnoException): void => {
          const reason = err.code === 'EADDRINUSE' ? 'Address already in use' : err.message;
          reject(
            new Error(`Socket server failed to bind to ${bindHost}:${endpoint.port}: ${reason}.`, {
              cause: err,
            }),
          );
        };
        server.once('error', onError);
        server.listen({ host: bindHost, port: endpoint.port, exclusive: true }, () => {
          server.removeListener('error', onError);
          server.on('error', (err) => this.log.error(`Error on listener ${endpoint.listenerName}`, err));
          resolve();
        });
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : endpoint.port;
      this.boundPorts.set(endpoint.listenerName, port);
      this.servers.push({ endpoint, server });
      this.acceptorLog.info(`Awaiting socket connections on ${bindHost}:${port}.`);
      this.log.info(
        `Created data-plane acceptor and processors for endpoint : ListenerName(${endpoint.listenerName})`,
      );
    }
  }

  startProcessingRequests(): void {
    this.log.info('Starting socket server acceptors and processors');
    this.processing = true;
    for (const { endpoint } of this.servers) {
      this.log.info(
        `Started data-plane acceptor and processor(s) for endpoint : ListenerName(${endpoint.listenerName})`,
      );
    }
    for (const c of this.held.splice(0)) c.resume();
    this.log.info('Started socket server acceptors and processors');
  }

  /** Stops accepting and processing; open connections are closed. */
  stopProcessingRequests(): void {
    this.processing = false;
    for (const { server } of this.servers) server.close();
    for (const c of this.connections) c.close();
  }

  async shutdown(): Promise<void> {
    this.log.info('Shutting down socket server');
    this.stopProcessingRequests();
    await Promise.all(
      this.servers.map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve()))),
    );
    this.servers.length = 0;
    this.log.info('Shutdown completed');
  }

  private accept(endpoint: ListenerEndpoint, socket: net.Socket): void {
    socket.setNoDelay(true);
    const id = `${socket.localAddress}:${socket.localPort}-${socket.remoteAddress}:${socket.remotePort}-${this.nextConnectionId++}`;
    const connection = new Connection(
      socket,
      {
        connectionId: id,
        listenerName: endpoint.listenerName,
        clientAddress: socket.remoteAddress ?? '',
        clientPort: socket.remotePort ?? 0,
      },
      this.options.maxRequestBytes,
      this.options.handler,
      this.options.pipelined ?? notPipelined,
      this.log,
      () => this.connections.delete(connection),
    );
    this.connections.add(connection);
    if (this.processing) connection.resume();
    else this.held.push(connection);
  }
}

const MAX_QUEUED_FRAMES = 64;
/** Pipelined requests of one connection that may be unanswered at once. */
const MAX_PIPELINED = 16;

const notPipelined = (): boolean => false;

/** Frames assembled from several reads into a reused buffer: at most this many bytes each... */
const POOLED_FRAME_MAX_BYTES = 8 * 1024 * 1024;
/** ...and at most this many such buffers kept per connection. */
const POOLED_FRAMES_KEPT = 4;

/**
 * Buffers a connection reuses to assemble pipelined frames that span several socket reads (a large
 * produce request), instead of allocating each frame anew: fewer large short-lived allocations,
 * which otherwise make V8 run full collections to free their memory.
 */
class FramePool {
  private readonly free: Buffer[] = [];

  acquire(n: number): Buffer | undefined {
    if (n > POOLED_FRAME_MAX_BYTES) return undefined;
    const i = this.free.findIndex((b) => b.length >= n);
    if (i >= 0) return this.free.splice(i, 1)[0];
    let size = 64 * 1024;
    while (size < n) size *= 2;
    return Buffer.allocUnsafeSlow(size);
  }

  release(buffer: Buffer): void {
    if (this.free.length < POOLED_FRAMES_KEPT) this.free.push(buffer);
  }
}

/** A complete frame waiting to start; `pooled` is the pool buffer it lives in, if any. */
interface QueuedFrame {
  readonly frame: Buffer;
  readonly pooled: Buffer | undefined;
}

/** A request that has started, and its response once the handler has finished. */
interface InFlight {
  readonly pipelined: boolean;
  done: boolean;
  response: ResponseFrame | null;
  readonly settled: Promise<void>;
}

/** One client connection: reassembles frames, starts them in order (see the module comment), answers in order. */
class Connection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly frames: QueuedFrame[] = [];
  private readonly pool = new FramePool();
  private readonly inFlight: InFlight[] = [];
  private busy = false;
  private closed = false;
  private corked = false;
  /** Wakes processFrames when it waits for a response and a new frame arrives. */
  private wake: (() => void) | undefined;

  constructor(
    private readonly socket: net.Socket,
    private readonly context: RequestContext,
    private readonly maxRequestBytes: number,
    private readonly handler: RequestHandler,
    private readonly pipelined: (frame: Buffer) => boolean,
    private readonly log: Logger,
    onClose: () => void,
  ) {
    socket.pause();
    socket.on('data', (data: Buffer) => this.onData(data));
    socket.on('error', (err) => this.log.debug(`Connection ${context.connectionId} error: ${err.message}`));
    socket.on('close', () => {
      this.closed = true;
      onClose();
    });
  }

  resume(): void {
    this.socket.resume();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
  }

  private onData(data: Buffer): void {
    if (this.closed) return;
    this.chunks.push(data);
    this.buffered += data.length;
    while (this.buffered >= 4) {
      const head = this.peek(4);
      const size = head.readInt32BE(0);
      if (size < 0 || size > this.maxRequestBytes) {
        this.log.warn(
          `Unexpected error from ${this.context.clientAddress} (channelId=${this.context.connectionId}); closing connection: ` +
            `Invalid receive (size = ${size} larger than ${this.maxRequestBytes})`,
        );
        this.close();
        return;
      }
      if (this.buffered < 4 + size) break;
      this.frames.push(this.takeFrame(size));
    }
    // Back-pressure: a client that pipelines faster than we answer stops being read for a while.
    if (this.frames.length >= MAX_QUEUED_FRAMES) this.socket.pause();
    if (!this.busy) void this.processFrames();
    else this.wake?.();
  }

  /**
   * Removes the next frame (4-byte size prefix + `size` bytes, all buffered) from the chunks. A frame
   * inside one chunk is a view of it; a pipelined frame spanning chunks is copied into a pool buffer.
   */
  private takeFrame(size: number): QueuedFrame {
    const first = this.chunks[0];
    const total = 4 + size;
    if (first && first.length < total && first.length >= 6 && this.pipelined(first.subarray(4))) {
      const pooled = this.pool.acquire(size);
      if (pooled) {
        let copied = 0;
        let skip = 4;
        while (copied < size) {
          const chunk = this.chunks[0] as Buffer;
          const n = Math.min(chunk.length - skip, size - copied);
          chunk.copy(pooled, copied, skip, skip + n);
          copied += n;
          if (skip + n === chunk.length) this.chunks.shift();
          else this.chunks[0] = chunk.subarray(skip + n);
          skip = 0;
        }
        this.buffered -= total;
        return { frame: pooled.subarray(0, size), pooled };
      }
    }
    return { frame: this.take(total).subarray(4), pooled: undefined };
  }

  private peek(n: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length >= n) return first;
    const joined = Buffer.concat(this.chunks);
    this.chunks = [joined];
    return joined;
  }

  private take(n: number): Buffer {
    const joined = this.peek(n);
    const out = joined.subarray(0, n);
    const rest = joined.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered -= n;
    return out;
  }

  /**
   * Writes a response. The socket stays corked until the end of the current tick, so the pieces of
   * a response, and the responses that become ready together, leave in one vectored write (one
   * syscall) instead of one each.
   */
  private send(response: ResponseFrame): void {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.uncork);
    }
    if (Buffer.isBuffer(response)) this.socket.write(response);
    else for (const chunk of response as readonly Buffer[]) this.socket.write(chunk);
  }

  private readonly uncork = (): void => {
    this.corked = false;
    this.socket.uncork();
  };

  /** Starts the handler on a frame; a handler error closes the connection. */
  private start(frame: Buffer, pipelined: boolean): InFlight {
    const request: { -readonly [K in keyof InFlight]: InFlight[K] } = {
      pipelined,
      done: false,
      response: null,
      settled: Promise.resolve(),
    };
    let handled: Promise<ResponseFrame | null>;
    try {
      handled = this.handler(frame, this.context);
    } catch (err) {
      handled = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    request.settled = handled.then(
      (response) => {
        request.response = response;
        request.done = true;
      },
      (err: unknown) => {
        const reason = err instanceof Error ? err.message : String(err);
        this.log.warn(
          `Closing connection ${this.context.connectionId} from ${this.context.clientAddress} due to an invalid request: ${reason}`,
        );
        request.done = true;
        this.close();
      },
    );
    return request;
  }

  /** Sends the responses that are ready, oldest first, stopping at the first still pending. */
  private sendReady(): void {
    for (let head = this.inFlight[0]; head?.done; head = this.inFlight[0]) {
      this.inFlight.shift();
      if (head.response && !this.closed) this.send(head.response);
    }
  }

  private canStart(frame: Buffer): { ok: boolean; pipelined: boolean } {
    if (this.inFlight.length === 0) return { ok: true, pipelined: this.pipelined(frame) };
    const pipelined = this.pipelined(frame);
    const ok = pipelined && this.inFlight.length < MAX_PIPELINED && this.inFlight.every((r) => r.pipelined);
    return { ok, pipelined };
  }

  private async processFrames(): Promise<void> {
    this.busy = true;
    try {
      while (!this.closed) {
        this.sendReady();
        const next = this.frames[0];
        if (next) {
          const { ok, pipelined } = this.canStart(next.frame);
          if (ok) {
            this.frames.shift();
            this.inFlight.push(this.start(next.frame, pipelined));
            // A pipelined handler is done with the frame's bytes once started: reuse its buffer.
            if (next.pooled && pipelined) this.pool.release(next.pooled);
            continue;
          }
        }
        const oldest = this.inFlight[0];
        if (!oldest) break;
        // Everything read has started: read more while the responses are pending.
        if (!next && this.socket.isPaused()) this.socket.resume();
        // Wait for the oldest response, or for a frame that might start now.
        await new Promise<void>((resolve) => {
          this.wake = next ? undefined : resolve;
          void oldest.settled.then(resolve);
        });
        this.wake = undefined;
      }
    } finally {
      this.busy = false;
      this.wake = undefined;
      if (!this.closed && this.socket.isPaused()) this.socket.resume();
    }
  }
}
