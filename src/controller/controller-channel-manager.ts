/**
 * The controller's connections to live brokers (Kafka's ControllerChannelManager): one client and one
 * queue per broker, requests sent one at a time in the order they were queued. A request that fails
 * to reach a broker is retried after a short backoff until it succeeds or the broker is removed (it
 * died, or this broker stopped being controller).
 */
import type { Logger } from '../common/logger';
import { getLogger } from '../common/logger';
import { BrokerClient } from '../network/broker-client';
import type { RequestInputs, ResponseBodies, SupportedApiKey } from '../protocol';
import type { EndPoint } from '../zk/zk-data';

interface QueuedRequest {
  apiKey: SupportedApiKey;
  apiVersion: number;
  body: unknown;
  callback: ((response: unknown) => void) | undefined;
}

class BrokerQueue {
  private readonly queue: QueuedRequest[] = [];
  private running = false;
  private removed = false;

  constructor(
    readonly brokerId: number,
    private readonly client: BrokerClient,
    private readonly log: Logger,
    private readonly retryBackoffMs: number,
  ) {}

  enqueue(request: QueuedRequest): void {
    if (this.removed) return;
    this.queue.push(request);
    if (!this.running) void this.drain();
  }

  remove(): void {
    this.removed = true;
    this.queue.length = 0;
    this.client.close();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (!this.removed) {
        const request = this.queue[0];
        if (!request) break;
        try {
          const response = await this.client.send(request.apiKey, request.apiVersion, request.body as never);
          this.queue.shift();
          request.callback?.(response);
        } catch (err) {
          if (this.removed) break;
          this.log.warn(
            `Controller failed to send request (api key ${request.apiKey}) to broker ${this.brokerId}; retrying: ${err instanceof Error ? err.message : String(err)}`,
          );
          await new Promise((r) => setTimeout(r, this.retryBackoffMs));
        }
      }
    } finally {
      this.running = false;
    }
  }
}

export interface ControllerChannelManagerOptions {
  controllerId: number;
  interBrokerListenerName: string;
  requestTimeoutMs: number;
  retryBackoffMs?: number;
}

export class ControllerChannelManager {
  private readonly queues = new Map<number, BrokerQueue>();
  private readonly log: Logger;

  constructor(private readonly options: ControllerChannelManagerOptions) {
    this.log = getLogger(
      'kafka.controller.ControllerChannelManager',
      `[Channel manager on controller ${options.controllerId}]: `,
    );
  }

  addBroker(brokerId: number, endpoints: EndPoint[]): void {
    if (this.queues.has(brokerId)) return;
    const endpoint =
      endpoints.find((e) => e.listenerName === this.options.interBrokerListenerName) ?? endpoints[0];
    if (!endpoint) {
      this.log.error(`Broker ${brokerId} registered no endpoint; cannot send it controller requests`);
      return;
    }
    const client = new BrokerClient(
      { id: brokerId, host: endpoint.host, port: endpoint.port },
      {
        clientId: `controller-${this.options.controllerId}`,
        requestTimeoutMs: this.options.requestTimeoutMs,
      },
    );
    this.queues.set(
      brokerId,
      new BrokerQueue(brokerId, client, this.log, this.options.retryBackoffMs ?? 100),
    );
  }

  removeBroker(brokerId: number): void {
    this.queues.get(brokerId)?.remove();
    this.queues.delete(brokerId);
  }

  shutdown(): void {
    for (const id of [...this.queues.keys()]) this.removeBroker(id);
  }

  sendRequest<K extends SupportedApiKey>(
    brokerId: number,
    apiKey: K,
    apiVersion: number,
    body: RequestInputs[K],
    callback?: (response: ResponseBodies[K]) => void,
  ): void {
    const queue = this.queues.get(brokerId);
    if (!queue) {
      this.log.warn(`Not sending request (api key ${apiKey}) to broker ${brokerId}, which is not live`);
      return;
    }
    queue.enqueue({ apiKey, apiVersion, body, callback: callback as ((r: unknown) => void) | undefined });
  }
}
