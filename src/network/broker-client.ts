/**
 * A client connection from this broker to another one (controller → broker requests, follower fetches,
 * controlled shutdown). Inter-broker clients do not negotiate with ApiVersions: the caller picks the
 * version, as Kafka's inter-broker protocol version does.
 *
 * Requests are pipelined on one TCP connection and matched to responses by correlation id (responses
 * arrive in request order). A request that gets no answer within `requestTimeoutMs` fails, and the
 * connection is closed so that the next request reconnects.
 *
 * Lifecycle: the constructor does no I/O; the connection opens on the first `send`; `close()` fails
 * every request in flight and is idempotent.
 */
import net from 'node:net';
import {
  decodeResponse,
  encodeRequest,
  peekCorrelationId,
  type RequestInputs,
  type ResponseBodies,
  type SupportedApiKey,
} from '../protocol';

export interface BrokerAddress {
  id: number;
  host: string;
  port: number;
}

export class BrokerClientError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BrokerClientError';
  }
}

interface InFlight {
  correlationId: number;
  resolve: (frame: Buffer) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export interface BrokerClientOptions {
  clientId: string;
  requestTimeoutMs: number;
  connectTimeoutMs?: number;
}

export class BrokerClient {
  private socket: net.Socket | undefined;
  private connecting: Promise<net.Socket> | undefined;
  private readonly inFlight: InFlight[] = [];
  private nextCorrelationId = 0;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private closed = false;

  constructor(
    readonly target: BrokerAddress,
    private readonly options: BrokerClientOptions,
  ) {}

  /** Sends one request and resolves with the decoded response body. */
  async send<K extends SupportedApiKey>(
    apiKey: K,
    apiVersion: number,
    body: RequestInputs[K],
  ): Promise<ResponseBodies[K]> {
    if (this.closed) throw new BrokerClientError(`client to broker ${this.target.id} is closed`);
    const socket = await this.connect();
    const correlationId = (this.nextCorrelationId = (this.nextCorrelationId + 1) & 0x7fffffff);
    const frame = encodeRequest({ apiKey, apiVersion, correlationId, clientId: this.options.clientId }, body);
    const responseFrame = await new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new BrokerClientError(`Request to broker ${this.target.id} timed out`));
      }, this.options.requestTimeoutMs);
      this.inFlight.push({ correlationId, resolve, reject, timer });
      socket.write(frame);
    });
    return decodeResponse(apiKey, apiVersion, responseFrame).body;
  }

  close(): void {
    this.closed = true;
    this.fail(new BrokerClientError(`client to broker ${this.target.id} closed`));
  }

  private connect(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    this.connecting ??= new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect({ host: this.target.host, port: this.target.port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new BrokerClientError(`Connection to broker ${this.target.id} timed out`));
      }, this.options.connectTimeoutMs ?? this.options.requestTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.socket = socket;
        this.chunks = [];
        this.buffered = 0;
        resolve(socket);
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(
          new BrokerClientError(
            `Connection to node ${this.target.id} (${this.target.host}:${this.target.port}) failed`,
            {
              cause: err,
            },
          ),
        );
      });
      socket.on('data', (d: Buffer) => this.onData(d));
      socket.on('close', () => {
        if (this.socket === socket) {
          this.socket = undefined;
          this.fail(new BrokerClientError(`Connection to broker ${this.target.id} was closed`));
        }
      });
    }).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private onData(data: Buffer): void {
    this.chunks.push(data);
    this.buffered += data.length;
    for (;;) {
      if (this.buffered < 4) return;
      let joined = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
      this.chunks = [joined];
      const size = joined.readInt32BE(0);
      if (this.buffered < 4 + size) return;
      const frame = joined.subarray(4, 4 + size);
      joined = joined.subarray(4 + size);
      this.chunks = joined.length > 0 ? [joined] : [];
      this.buffered -= 4 + size;
      const pending = this.inFlight.shift();
      if (!pending) continue;
      clearTimeout(pending.timer);
      const correlationId = peekCorrelationId(frame);
      if (correlationId !== pending.correlationId) {
        pending.reject(
          new BrokerClientError(
            `Correlation id ${correlationId} does not match the expected ${pending.correlationId}`,
          ),
        );
        this.fail(new BrokerClientError('connection out of step'));
        return;
      }
      pending.resolve(frame);
    }
  }

  /** Fails every request in flight and drops the connection. */
  private fail(err: Error): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
    for (const p of this.inFlight.splice(0)) {
      clearTimeout(p.timer);
      p.reject(err);
    }
  }
}
