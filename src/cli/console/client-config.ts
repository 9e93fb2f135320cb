/**
 * Java client properties (as the console tools merge them) turned into kafkajs settings, with the
 * Java client's defaults and its `ConfigException` messages for values it would reject.
 *
 * Producer: bootstrap.servers, client.id, acks, request.timeout.ms, retries, retry.backoff.ms,
 * linger.ms, batch.size, buffer.memory, max.block.ms, metadata.max.age.ms, compression.type,
 * enable.idempotence, max.in.flight.requests.per.connection, socket.connection.setup.timeout.ms.
 * Consumer: the same connection settings plus group.id, enable.auto.commit, auto.commit.interval.ms,
 * auto.offset.reset, isolation.level, fetch.min.bytes, fetch.max.bytes, fetch.max.wait.ms,
 * max.partition.fetch.bytes, session.timeout.ms, heartbeat.interval.ms, max.poll.interval.ms,
 * partition.assignment.strategy, allow.auto.create.topics. Other keys are accepted and ignored.
 */
import { CompressionTypes, Kafka, logLevel, type logCreator as LogCreator } from 'kafkajs';
import { AdminError } from '../../admin/errors';
import { bootstrapList, parseHostPort } from './options';

type Props = ReadonlyMap<string, string>;

export function configException(name: string, value: string, reason: string): AdminError {
  return new AdminError(
    'org.apache.kafka.common.config.ConfigException',
    `Invalid value ${value} for configuration ${name}: ${reason}`,
  );
}

function numberProp(props: Props, name: string, fallback: number, type: 'INT' | 'LONG' = 'INT'): number {
  const raw = props.get(name);
  if (raw === undefined) return fallback;
  const trimmed = raw.trim();
  if (!/^[+-]?\d+$/.test(trimmed)) throw configException(name, raw, `Not a number of type ${type}`);
  const n = Number(trimmed);
  const limit = type === 'INT' ? 2 ** 31 : 2 ** 63;
  if (n < -limit || n >= limit) throw configException(name, raw, `Not a number of type ${type}`);
  return n;
}

function boolProp(props: Props, name: string, fallback: boolean): boolean {
  const raw = props.get(name);
  if (raw === undefined) return fallback;
  const v = raw.trim().toLowerCase();
  if (v !== 'true' && v !== 'false')
    throw configException(name, raw, 'Expected value to be either true or false');
  return v === 'true';
}

function choiceProp<T extends string>(props: Props, name: string, choices: readonly T[], fallback: T): T {
  const raw = props.get(name);
  if (raw === undefined) return fallback;
  const found = choices.find((c) => c === raw.trim());
  if (found === undefined) throw configException(name, raw, `String must be one of: ${choices.join(', ')}`);
  return found;
}

/**
 * `ClientUtils.parseAndValidateAddresses`: every entry must be host:port. It runs inside the client's
 * constructor, so its ConfigException reaches the tool wrapped in "Failed to construct kafka ...".
 */
export function brokersOf(props: Props, client: 'producer' | 'consumer'): string[] {
  const entries = bootstrapList(props.get('bootstrap.servers') ?? '');
  const bad = entries.find((e) => parseHostPort(e) === null);
  const cause =
    bad !== undefined
      ? `Invalid url in bootstrap.servers: ${bad}`
      : entries.length === 0
        ? 'No resolvable bootstrap urls given in bootstrap.servers'
        : undefined;
  if (cause !== undefined)
    throw new AdminError(
      'org.apache.kafka.common.KafkaException',
      `Failed to construct kafka ${client}\nCaused by: org.apache.kafka.common.config.ConfigException: ${cause}`,
    );
  return entries;
}

/** Codecs the Java client knows, and what kafkajs can actually send. */
const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;

/** A codec Kafka accepts but kafkajs cannot produce (kafkajs ships only gzip). */
export class UnsupportedCodecError extends Error {
  constructor(readonly codec: string) {
    super(
      `Compression codec '${codec}' is not available in this producer (it can compress with gzip only); ` +
        'use --compression-codec gzip or none. Nothing was sent.',
    );
    this.name = 'UnsupportedCodecError';
  }
}

export interface ProducerClientSettings {
  brokers: string[];
  clientId: string;
  acks: number;
  requestTimeoutMs: number;
  retries: number;
  retryBackoffMs: number;
  lingerMs: number;
  batchSize: number;
  bufferMemory: number;
  maxBlockMs: number;
  deliveryTimeoutMs: number;
  metadataMaxAgeMs: number;
  connectionTimeoutMs: number;
  compression: CompressionTypes;
  idempotent: boolean;
  maxInFlightRequests: number;
}

export function producerClientSettings(props: Props): ProducerClientSettings {
  const acksText = choiceProp(props, 'acks', ['all', '-1', '0', '1'], '1');
  const acks = acksText === 'all' ? -1 : Number(acksText);
  const retries = numberProp(props, 'retries', 2147483647);
  const maxInFlightRequests = numberProp(props, 'max.in.flight.requests.per.connection', 5);
  const idempotent = boolProp(props, 'enable.idempotence', false);
  if (idempotent) {
    if (maxInFlightRequests > 5)
      throw new AdminError(
        'org.apache.kafka.common.config.ConfigException',
        'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.',
      );
    if (retries === 0)
      throw new AdminError(
        'org.apache.kafka.common.config.ConfigException',
        'Must set retries to non-zero when using the idempotent producer.',
      );
    if (acks !== -1)
      throw new AdminError(
        'org.apache.kafka.common.config.ConfigException',
        'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
      );
  }
  const codec = (props.get('compression.type') ?? 'none').trim();
  if (!(CODECS as readonly string[]).includes(codec))
    throw new AdminError(
      'org.apache.kafka.common.KafkaException',
      'Failed to construct kafka producer\nCaused by: java.lang.IllegalArgumentException: ' +
        `Unknown compression name: ${codec}`,
    );
  if (codec !== 'none' && codec !== 'gzip') throw new UnsupportedCodecError(codec);
  return {
    brokers: brokersOf(props, 'producer'),
    clientId: props.get('client.id') ?? 'console-producer',
    acks,
    requestTimeoutMs: numberProp(props, 'request.timeout.ms', 30000),
    retries,
    retryBackoffMs: numberProp(props, 'retry.backoff.ms', 100, 'LONG'),
    lingerMs: numberProp(props, 'linger.ms', 0, 'LONG'),
    batchSize: numberProp(props, 'batch.size', 16384),
    bufferMemory: numberProp(props, 'buffer.memory', 33554432, 'LONG'),
    maxBlockMs: numberProp(props, 'max.block.ms', 60000, 'LONG'),
    deliveryTimeoutMs: numberProp(props, 'delivery.timeout.ms', 120000),
    metadataMaxAgeMs: numberProp(props, 'metadata.max.age.ms', 300000, 'LONG'),
    connectionTimeoutMs: numberProp(props, 'socket.connection.setup.timeout.ms', 10000, 'LONG'),
    compression: codec === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
    idempotent,
    maxInFlightRequests,
  };
}

export interface ConsumerClientSettings {
  brokers: string[];
  clientId: string;
  groupId: string;
  autoCommit: boolean;
  autoCommitIntervalMs: number;
  resetPolicy: 'earliest' | 'latest' | 'none';
  readCommitted: boolean;
  fetchMinBytes: number;
  fetchMaxBytes: number;
  fetchMaxWaitMs: number;
  maxPartitionFetchBytes: number;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  maxPollIntervalMs: number;
  requestTimeoutMs: number;
  retryBackoffMs: number;
  metadataMaxAgeMs: number;
  connectionTimeoutMs: number;
  allowAutoTopicCreation: boolean;
  assignor: 'range' | 'roundrobin';
}

const RANGE = 'org.apache.kafka.clients.consumer.RangeAssignor';
const ROUND_ROBIN = 'org.apache.kafka.clients.consumer.RoundRobinAssignor';

export function consumerClientSettings(props: Props): ConsumerClientSettings {
  const groupId = props.get('group.id') ?? '';
  const strategies = (props.get('partition.assignment.strategy') ?? RANGE).split(',').map((s) => s.trim());
  const first = strategies[0] ?? RANGE;
  if (first !== RANGE && first !== ROUND_ROBIN)
    throw new AdminError(
      'org.apache.kafka.common.KafkaException',
      `${first} ClassNotFoundException exception occurred`,
    );
  const settings: Omit<ConsumerClientSettings, 'brokers'> = {
    // The Java consumer's generated id: consumer-<group>-<n>, n counting consumers in the process.
    clientId: props.get('client.id') ?? `consumer-${groupId}-1`,
    groupId,
    autoCommit: boolProp(props, 'enable.auto.commit', true),
    autoCommitIntervalMs: numberProp(props, 'auto.commit.interval.ms', 5000),
    resetPolicy: choiceProp(props, 'auto.offset.reset', ['latest', 'earliest', 'none'], 'latest'),
    readCommitted:
      choiceProp(props, 'isolation.level', ['read_committed', 'read_uncommitted'], 'read_uncommitted') ===
      'read_committed',
    fetchMinBytes: numberProp(props, 'fetch.min.bytes', 1),
    fetchMaxBytes: numberProp(props, 'fetch.max.bytes', 52428800),
    fetchMaxWaitMs: numberProp(props, 'fetch.max.wait.ms', 500),
    maxPartitionFetchBytes: numberProp(props, 'max.partition.fetch.bytes', 1048576),
    sessionTimeoutMs: numberProp(props, 'session.timeout.ms', 10000),
    heartbeatIntervalMs: numberProp(props, 'heartbeat.interval.ms', 3000),
    maxPollIntervalMs: numberProp(props, 'max.poll.interval.ms', 300000),
    requestTimeoutMs: numberProp(props, 'request.timeout.ms', 30000),
    retryBackoffMs: numberProp(props, 'retry.backoff.ms', 100, 'LONG'),
    metadataMaxAgeMs: numberProp(props, 'metadata.max.age.ms', 300000, 'LONG'),
    connectionTimeoutMs: numberProp(props, 'socket.connection.setup.timeout.ms', 10000, 'LONG'),
    allowAutoTopicCreation: boolProp(props, 'allow.auto.create.topics', true),
    assignor: first === ROUND_ROBIN ? 'roundrobin' : 'range',
  };
  return { ...settings, brokers: brokersOf(props, 'consumer') };
}

/**
 * The kafkajs client of a producer tool. Constant backoff, as the Java client's retry.backoff.ms;
 * the client-side request timeout gets a little slack over the broker-side ack timeout
 * (request.timeout.ms) so the broker's answer wins.
 */
export function producerKafka(c: ProducerClientSettings, logCreator: LogCreator): Kafka {
  return new Kafka({
    clientId: c.clientId,
    brokers: c.brokers,
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: c.connectionTimeoutMs,
    requestTimeout: c.requestTimeoutMs + 1000,
    retry: {
      retries: Math.min(c.retries, 1000),
      initialRetryTime: Math.max(1, c.retryBackoffMs),
      maxRetryTime: Math.max(1, c.retryBackoffMs),
      multiplier: 1,
      factor: 0,
    },
  });
}

/** The kafkajs client of a consumer tool. */
export function consumerKafka(c: ConsumerClientSettings, logCreator: LogCreator): Kafka {
  return new Kafka({
    clientId: c.clientId,
    brokers: c.brokers,
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: c.connectionTimeoutMs,
    requestTimeout: c.requestTimeoutMs,
    retry: { initialRetryTime: Math.max(1, c.retryBackoffMs), maxRetryTime: 1000, retries: 5 },
  });
}
