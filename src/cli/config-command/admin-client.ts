/**
 * The admin client of the `--bootstrap-server` modes of kafka-topics and kafka-configs: a small
 * stand-in for Kafka's Java `Admin` on this project's own protocol codec and BrokerClient.
 *
 * Why not kafkajs 2.2.4's admin: before every call it refreshes metadata for *all* topics and gives
 * up when any partition reports LEADER_NOT_AVAILABLE, so once a broker holding an RF-1 partition (a
 * stock `__consumer_offsets`) is down, every admin call fails; Kafka's Java client, and this one,
 * keep working. It also drops the brokers' error messages, which the tools print.
 *
 * Like the Java client: versions are negotiated with ApiVersions per connection; CreateTopics,
 * CreatePartitions and DeleteTopics go to the controller from Metadata and are retried against the
 * new one on NOT_CONTROLLER; DescribeConfigs and IncrementalAlterConfigs for topics go to any broker,
 * for a broker to that broker; failures become the exception the Java client raises (class for the
 * tools' ERROR line, the broker's message or Kafka's default text for the code).
 *
 * Lifecycle: nothing connects until the first call, so an unreachable cluster fails inside the
 * command as Kafka's tools do (`Timed out waiting for a node assignment. Call: <name>`). `close()`
 * closes every connection. One call at a time.
 */
import { AdminError } from '../../admin/errors';
import { loadPropertiesFile } from '../../common/java-properties';
import type { Logger } from '../../common/logger';
import { BrokerClient } from '../../network/broker-client';
import {
  ApiKey,
  ErrorCode,
  errorInfo,
  errorName,
  type RequestInputs,
  type ResponseBodies,
  type SupportedApiKey,
} from '../../protocol';

const errors = 'org.apache.kafka.common.errors.';
const REQUEST_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 3_000;
const CONTROLLER_RETRIES = 5;

/** Java exception class per error name where it is not `<CamelCase name>Exception`. */
const CLASS_OVERRIDES: Record<string, string> = {
  TOPIC_ALREADY_EXISTS: 'TopicExistsException',
  INVALID_TOPIC_EXCEPTION: 'InvalidTopicException',
  INVALID_CONFIG: 'InvalidConfigurationException',
  UNKNOWN_SERVER_ERROR: 'UnknownServerException',
  REQUEST_TIMED_OUT: 'TimeoutException',
};

/** The exception Kafka's Java client raises for an error code (`Errors.exception(message)`). */
export function javaExceptionForCode(code: number, message?: string | null): AdminError {
  const name = errorName(code);
  const simple =
    CLASS_OVERRIDES[name] ??
    `${name
      .toLowerCase()
      .split('_')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join('')}Exception`;
  return new AdminError(`${errors}${simple}`, message ?? errorInfo(code)?.message ?? name);
}

/** The Java client's `TimeoutException` when no broker answers. */
export function nodeAssignmentTimeout(callName: string, cause?: unknown): AdminError {
  return new AdminError(
    `${errors}TimeoutException`,
    `Timed out waiting for a node assignment. Call: ${callName}`,
    cause === undefined ? undefined : { cause },
  );
}

export interface PartitionMetadata {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface TopicMetadata {
  name: string;
  isInternal: boolean;
  errorCode: number;
  partitions: PartitionMetadata[];
}

export interface ClusterMetadata {
  brokers: { id: number; host: string; port: number }[];
  controllerId: number;
  topics: TopicMetadata[];
}

/** A request body, or a function of the negotiated version for APIs whose fields moved. */
export type RequestBody<K extends SupportedApiKey> =
  RequestInputs[K] | ((version: number) => RequestInputs[K]);

export interface AdminClientOptions {
  bootstrapServer: string;
  commandConfigFile?: string | undefined;
  /** Where the client's WARN lines go (Kafka: `org.apache.kafka.clients.NetworkClient`). */
  networkLog: Logger;
}

interface Connection {
  client: BrokerClient;
  versions: Map<number, number> | undefined;
}

/** Client-side maxima: what Kafka 2.8's Java admin client implements. */
const CLIENT_MAX: Partial<Record<number, number>> = {
  [ApiKey.Metadata]: 11,
  [ApiKey.CreateTopics]: 7,
  [ApiKey.DeleteTopics]: 6,
  [ApiKey.CreatePartitions]: 3,
  [ApiKey.DescribeConfigs]: 4,
  [ApiKey.AlterConfigs]: 2,
  [ApiKey.IncrementalAlterConfigs]: 1,
};

export class AdminClient {
  private readonly servers: { host: string; port: number }[];
  private readonly clientId: string;
  private readonly connections = new Map<string, Connection>();
  private warned = false;

  constructor(private readonly options: AdminClientOptions) {
    const props = options.commandConfigFile ? loadPropertiesFile(options.commandConfigFile) : new Map();
    this.clientId = props.get('client.id') ?? 'adminclient-1';
    this.servers = options.bootstrapServer
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((s) => {
        const i = s.lastIndexOf(':');
        return { host: i < 0 ? s : s.slice(0, i), port: i < 0 ? 9092 : Number(s.slice(i + 1)) };
      });
  }

  private connection(id: number, host: string, port: number): Connection {
    const key = `${host}:${port}`;
    let c = this.connections.get(key);
    if (!c) {
      const client = new BrokerClient(
        { id, host, port },
        {
          clientId: this.clientId,
          requestTimeoutMs: REQUEST_TIMEOUT_MS,
          connectTimeoutMs: CONNECT_TIMEOUT_MS,
        },
      );
      c = { client, versions: undefined };
      this.connections.set(key, c);
    }
    return c;
  }

  /** Sends at the highest version both sides support (ApiVersions once per connection). */
  private async send<K extends SupportedApiKey>(
    c: Connection,
    apiKey: K,
    body: RequestBody<K>,
  ): Promise<{ version: number; body: ResponseBodies[K] }> {
    if (c.versions === undefined) {
      const res = await c.client.send(ApiKey.ApiVersions, 0, {});
      c.versions = new Map(res.apiKeys.map((k) => [k.apiKey, k.maxVersion]));
    }
    const version = Math.min(CLIENT_MAX[apiKey] ?? 0, c.versions.get(apiKey) ?? -1);
    if (version < 0) throw javaExceptionForCode(ErrorCode.UNSUPPORTED_VERSION);
    const input = typeof body === 'function' ? body(version) : body;
    return { version, body: await c.client.send(apiKey, version, input) };
  }

  /** A request to any reachable bootstrap broker. */
  private async sendToAny<K extends SupportedApiKey>(
    apiKey: K,
    body: RequestBody<K>,
    callName: string,
  ): Promise<{ version: number; body: ResponseBodies[K] }> {
    let lastError: unknown;
    for (const s of this.servers) {
      const c = this.connection(-1, s.host, s.port);
      try {
        return await this.send(c, apiKey, body);
      } catch (err) {
        if (err instanceof AdminError) throw err;
        lastError = err;
        c.client.close();
        this.connections.delete(`${s.host}:${s.port}`);
      }
    }
    this.warnUnreachable();
    throw nodeAssignmentTimeout(callName, lastError);
  }

  /** Metadata for all topics (`topics` null) or the named ones, never auto-creating them. */
  async metadata(topics: readonly string[] | null, callName: string): Promise<ClusterMetadata> {
    const { body } = await this.sendToAny(
      ApiKey.Metadata,
      { topics: topics === null ? null : topics.map((name) => ({ name })), allowAutoTopicCreation: false },
      callName,
    );
    return {
      brokers: body.brokers.map((b) => ({ id: b.nodeId, host: b.host, port: b.port })),
      controllerId: body.controllerId,
      topics: body.topics.map((t) => ({
        name: t.name ?? '',
        isInternal: t.isInternal,
        errorCode: t.errorCode,
        partitions: t.partitions.map((p) => ({
          partition: p.partitionIndex,
          leader: p.leaderId,
          replicas: p.replicaNodes,
          isr: p.isrNodes,
        })),
      })),
    };
  }

  /** A request to the controller, retried against a new one while it answers NOT_CONTROLLER. */
  async sendToController<K extends SupportedApiKey>(
    apiKey: K,
    body: RequestBody<K>,
    callName: string,
    notController: (res: ResponseBodies[K]) => boolean,
  ): Promise<{ version: number; body: ResponseBodies[K] }> {
    for (let attempt = 0; ; attempt++) {
      const meta = await this.metadata([], callName);
      const controller = meta.brokers.find((b) => b.id === meta.controllerId);
      if (controller === undefined) throw nodeAssignmentTimeout(callName);
      const res = await this.send(
        this.connection(controller.id, controller.host, controller.port),
        apiKey,
        body,
      );
      if (!notController(res.body) || attempt >= CONTROLLER_RETRIES) return res;
      await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
    }
  }

  /** A request to one broker by id (DescribeConfigs of a BROKER resource). */
  async sendToBroker<K extends SupportedApiKey>(
    brokerId: number,
    apiKey: K,
    body: RequestBody<K>,
    callName: string,
  ): Promise<{ version: number; body: ResponseBodies[K] }> {
    const broker = (await this.metadata([], callName)).brokers.find((b) => b.id === brokerId);
    if (broker === undefined) return this.sendToAny(apiKey, body, callName);
    return this.send(this.connection(broker.id, broker.host, broker.port), apiKey, body);
  }

  /** Requests for topic resources: any broker will do. */
  request<K extends SupportedApiKey>(
    apiKey: K,
    body: RequestBody<K>,
    callName: string,
  ): Promise<{ version: number; body: ResponseBodies[K] }> {
    return this.sendToAny(apiKey, body, callName);
  }

  /** The WARN Kafka's NetworkClient logs when the bootstrap brokers do not answer. */
  private warnUnreachable(): void {
    if (this.warned) return;
    this.warned = true;
    const s = this.servers[0];
    if (s === undefined) return;
    this.options.networkLog
      .withPrefix(`[AdminClient clientId=${this.clientId}] `)
      .warn(
        `Connection to node -1 (${s.host}/${s.host === 'localhost' ? '127.0.0.1' : s.host}:${s.port}) ` +
          'could not be established. Broker may not be available.',
      );
  }

  close(): Promise<void> {
    for (const c of this.connections.values()) c.client.close();
    this.connections.clear();
    return Promise.resolve();
  }
}
