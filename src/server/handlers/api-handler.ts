/**
 * One handler per API, with the version range the broker advertises for it. The registry of handlers
 * is the single source of the ApiVersions table.
 */
import type { RequestHeader, RequestBodies, ResponseInputs, SupportedApiKey } from '../../protocol';
import type { RequestContext } from '../../network/socket-server';

export interface HandlerContext {
  header: RequestHeader;
  connection: RequestContext;
}

export interface ApiHandler<K extends SupportedApiKey = SupportedApiKey> {
  readonly apiKey: K;
  readonly minVersion: number;
  readonly maxVersion: number;
  /** The response body, or null to send no response (acks=0 produce). */
  handle(request: RequestBodies[K], context: HandlerContext): Promise<ResponseInputs[K] | null>;
}

export class HandlerRegistry {
  private readonly handlers = new Map<number, ApiHandler>();

  register<K extends SupportedApiKey>(handler: ApiHandler<K>): this {
    if (this.handlers.has(handler.apiKey)) throw new Error(`duplicate handler for api key ${handler.apiKey}`);
    this.handlers.set(handler.apiKey, handler as unknown as ApiHandler);
    return this;
  }

  get(apiKey: number): ApiHandler | undefined {
    return this.handlers.get(apiKey);
  }

  /** The ApiVersions table: every registered API with its bounds, by api key. */
  apiVersions(): { apiKey: number; minVersion: number; maxVersion: number }[] {
    return [...this.handlers.values()]
      .map((h) => ({ apiKey: h.apiKey as number, minVersion: h.minVersion, maxVersion: h.maxVersion }))
      .sort((a, b) => a.apiKey - b.apiKey);
  }
}
