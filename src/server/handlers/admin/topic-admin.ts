/**
 * The topic half of Kafka 2.8's `ZkAdminManager`: create topics, add partitions and delete topics by
 * writing ZooKeeper through AdminZkClient (the controller does the rest from its watches), then wait
 * in the topic purgatory until this broker's MetadataCache shows the result or the timeout passes.
 * Any broker can run this; KafkaApis decides who may (see index.ts).
 *
 * Per topic, errors follow Kafka's order and messages, and map to codes as `ApiError.fromThrowable`.
 * Topics are processed one after the other; concurrent requests race in ZooKeeper as in Kafka.
 */
import type { AdminZkClient } from '../../../admin/admin-zk-client';
import {
  InvalidConfigurationError,
  InvalidPartitionsError,
  InvalidReplicaAssignmentError,
  TopicAlreadyMarkedForDeletionError,
  TopicExistsError,
  UnknownTopicOrPartitionError,
} from '../../../admin/errors';
import {
  assignReplicasToBrokers,
  createNewPartitionsAssignment,
  defaultRandom,
  type BrokerMetadata,
  type RandomInt,
} from '../../../admin/replica-assignment';
import type { Logger } from '../../../common/logger';
import { ErrorCode } from '../../../protocol';
import type { MetadataCache } from '../../metadata-cache';
import {
  apiError,
  apiErrorOf,
  errorCodeOf,
  InvalidRequestError,
  isApiException,
  isConfigException,
  NO_ERROR,
  withException,
  ReassignmentInProgressError,
  type ApiError,
} from './api-error';
import { createdTopicConfigEntries, type BrokerConfigSource, type ConfigEntry } from './config-entries';
import { longMapOrder } from './hash-order';
import { missingLeaderCount, type TopicPurgatory } from './topic-purgatory';

export interface TopicToCreate {
  name: string;
  /** -1: the broker's `num.partitions`. */
  numPartitions: number;
  /** -1: the broker's `default.replication.factor`. */
  replicationFactor: number;
  assignments: readonly { partitionIndex: number; brokerIds: readonly number[] }[];
  configs: readonly { name: string; value: string | null }[];
}

export interface CreateTopicOutcome {
  error: ApiError;
  /** Set for topics that passed validation when the caller asked for configs (CreateTopics v5+). */
  numPartitions?: number;
  replicationFactor?: number;
  configs?: ConfigEntry[];
  /** The id written to the topic znode (absent for validateOnly or failures). */
  topicId?: string;
}

export interface NewPartitionsRequest {
  name: string;
  count: number;
  /** Replicas of each new partition, or null to let the broker assign them. */
  assignments: readonly (readonly number[])[] | null;
}

export interface TopicAdminDeps {
  brokerId: number;
  config: BrokerConfigSource & { numPartitions: number; defaultReplicationFactor: number };
  metadataCache: MetadataCache;
  adminZkClient: AdminZkClient;
  purgatory: TopicPurgatory;
  /** Write a topic id into new topic znodes (IBP >= 2.8-IV0). */
  usesTopicId: boolean;
  log: Logger;
  random?: RandomInt;
}

interface CreateMetadata {
  topic: string;
  partitions: number[];
  error: ApiError;
}

function describeTopic(t: TopicToCreate): string {
  const assignments = t.assignments
    .map(
      (a) =>
        `CreatableReplicaAssignment(partitionIndex=${a.partitionIndex}, brokerIds=[${a.brokerIds.join(', ')}])`,
    )
    .join(', ');
  const configs = t.configs
    .map(
      (c) => `CreateableTopicConfig(name='${c.name}', value=${c.value === null ? 'null' : `'${c.value}'`})`,
    )
    .join(', ');
  return (
    `CreatableTopic(name='${t.name}', numPartitions=${t.numPartitions}, ` +
    `replicationFactor=${t.replicationFactor}, assignments=[${assignments}], configs=[${configs}])`
  );
}

export class TopicAdmin {
  private readonly random: RandomInt;

  constructor(private readonly deps: TopicAdminDeps) {
    this.random = deps.random ?? defaultRandom;
  }

  /** Live brokers in the metadata cache's (Scala LongMap) order, with racks. */
  aliveBrokersInCacheOrder(): BrokerMetadata[] {
    const alive = this.deps.metadataCache.aliveBrokers();
    const byId = new Map(alive.map((b) => [b.id, b]));
    return longMapOrder(alive.map((b) => b.id)).map((id) => ({ id, rack: byId.get(id)?.rack ?? null }));
  }

  /**
   * Kafka's `createTopics`: validate and write each topic, then wait until every partition of the
   * written topics has a leader in the cache (unless `timeoutMs <= 0` or `validateOnly`).
   */
  async createTopics(
    timeoutMs: number,
    validateOnly: boolean,
    topics: readonly TopicToCreate[],
    includeConfigs: boolean,
  ): Promise<Map<string, CreateTopicOutcome>> {
    const brokers = this.aliveBrokersInCacheOrder();
    const outcomes = new Map<string, CreateTopicOutcome>();
    const metadata: CreateMetadata[] = [];
    for (const topic of topics) {
      const outcome: CreateTopicOutcome = { error: NO_ERROR };
      try {
        const partitions = await this.createOne(topic, brokers, validateOnly, includeConfigs, outcome);
        outcomes.set(topic.name, outcome);
        metadata.push({ topic: topic.name, partitions, error: NO_ERROR });
      } catch (err) {
        // Configs and counts are reset when creation fails.
        const error = this.createError(topic, err);
        outcomes.set(topic.name, { error });
        metadata.push({ topic: topic.name, partitions: [], error });
      }
    }
    await this.waitForLeaders(timeoutMs, validateOnly, metadata);
    for (const m of metadata) {
      const outcome = outcomes.get(m.topic);
      if (outcome) outcome.error = m.error;
    }
    return outcomes;
  }

  private async createOne(
    topic: TopicToCreate,
    brokers: readonly BrokerMetadata[],
    validateOnly: boolean,
    includeConfigs: boolean,
    outcome: CreateTopicOutcome,
  ): Promise<number[]> {
    const { metadataCache, config, adminZkClient } = this.deps;
    if (metadataCache.contains(topic.name))
      throw new TopicExistsError(`Topic '${topic.name}' already exists.`);
    const nullConfigs = topic.configs.filter((c) => c.value === null).map((c) => c.name);
    if (nullConfigs.length > 0)
      throw new InvalidRequestError(`Null value not supported for topic configs : ${nullConfigs.join(',')}`);
    if ((topic.numPartitions !== -1 || topic.replicationFactor !== -1) && topic.assignments.length > 0)
      throw new InvalidRequestError(
        'Both numPartitions or replicationFactor and replicasAssignments were set. ' +
          'Both cannot be used at the same time.',
      );
    const numPartitions = topic.numPartitions === -1 ? config.numPartitions : topic.numPartitions;
    const replicationFactor =
      topic.replicationFactor === -1 ? config.defaultReplicationFactor : topic.replicationFactor;
    const assignment =
      topic.assignments.length === 0
        ? assignReplicasToBrokers(brokers, numPartitions, replicationFactor, -1, -1, this.random)
        : new Map(topic.assignments.map((a) => [a.partitionIndex, [...a.brokerIds]]));
    const configs = new Map(topic.configs.map((c) => [c.name, c.value ?? '']));
    await adminZkClient.validateTopicCreate(topic.name, assignment, configs);
    if (includeConfigs) {
      outcome.configs = createdTopicConfigEntries(config, configs);
      outcome.numPartitions = assignment.size;
      outcome.replicationFactor = assignment.get(0)?.length ?? -1;
    }
    if (!validateOnly) {
      await adminZkClient.createTopicWithAssignment(
        topic.name,
        configs,
        assignment,
        false,
        this.deps.usesTopicId,
      );
      const written = await adminZkClient.getTopicAssignment(topic.name);
      if (written?.topicId) outcome.topicId = written.topicId;
    }
    return [...assignment.keys()];
  }

  private createError(topic: TopicToCreate, err: unknown): ApiError {
    const log = this.deps.log;
    if (err instanceof TopicExistsError) {
      log.debug(`Topic creation failed since topic '${topic.name}' already exists.`);
      return apiErrorOf(err);
    }
    if (isConfigException(err)) {
      log.info(withException(`Error processing create topic request ${describeTopic(topic)}`, err));
      return apiErrorOf(new InvalidConfigurationError(err.message));
    }
    if (isApiException(err))
      log.info(withException(`Error processing create topic request ${describeTopic(topic)}`, err));
    else log.error(`Error processing create topic request ${describeTopic(topic)}`, err);
    return apiErrorOf(err);
  }

  /** Kafka's DelayedCreatePartitions: successes become REQUEST_TIMED_OUT if leaders never show. */
  private async waitForLeaders(
    timeoutMs: number,
    validateOnly: boolean,
    metadata: CreateMetadata[],
  ): Promise<void> {
    const ok = (m: CreateMetadata): boolean => m.error.code === ErrorCode.NONE;
    const cache = this.deps.metadataCache;
    if (timeoutMs <= 0 || validateOnly || !metadata.some(ok)) {
      if (!validateOnly) for (const m of metadata) if (ok(m)) m.error = apiError(ErrorCode.REQUEST_TIMED_OUT);
      return;
    }
    const leaderless = (): number =>
      metadata.filter(ok).reduce((n, m) => n + missingLeaderCount(cache, m.topic, m.partitions), 0);
    await this.deps.purgatory.waitUntil(
      timeoutMs,
      metadata.map((m) => m.topic),
      () => leaderless() === 0,
    );
    for (const m of metadata)
      if (ok(m) && missingLeaderCount(cache, m.topic, m.partitions) > 0)
        m.error = apiError(ErrorCode.REQUEST_TIMED_OUT);
  }

  /** Kafka's `deleteTopics`: mark each topic, then wait until the cache no longer has it. */
  async deleteTopics(timeoutMs: number, topics: readonly string[]): Promise<Map<string, ErrorCode>> {
    const results = new Map<string, ErrorCode>();
    for (const topic of topics) {
      try {
        await this.deps.adminZkClient.deleteTopic(topic);
        results.set(topic, ErrorCode.NONE);
      } catch (err) {
        if (err instanceof TopicAlreadyMarkedForDeletionError) {
          results.set(topic, ErrorCode.NONE); // still wait for it, as Kafka does
        } else {
          this.deps.log.error(`Error processing delete topic request for topic ${topic}`, err);
          results.set(topic, errorCodeOf(err));
        }
      }
    }
    const cache = this.deps.metadataCache;
    const ok = [...results].filter(([, e]) => e === ErrorCode.NONE).map(([t]) => t);
    const stillThere = (): string[] => ok.filter((t) => cache.contains(t));
    if (timeoutMs > 0 && ok.length > 0)
      await this.deps.purgatory.waitUntil(timeoutMs, ok, () => stillThere().length === 0);
    for (const t of timeoutMs > 0 ? stillThere() : ok) results.set(t, ErrorCode.REQUEST_TIMED_OUT);
    return results;
  }

  /** Kafka's `createPartitions`: grow each topic, then wait until every partition has a leader. */
  async createPartitions(
    timeoutMs: number,
    requests: readonly NewPartitionsRequest[],
    validateOnly: boolean,
  ): Promise<Map<string, ApiError>> {
    const metadata: CreateMetadata[] = [];
    let allBrokers: BrokerMetadata[] = [];
    let brokersError: ApiError | null = null;
    try {
      allBrokers = await this.deps.adminZkClient.getBrokerMetadatas();
    } catch (err) {
      brokersError = apiErrorOf(err);
    }
    for (const request of requests) {
      if (brokersError !== null) {
        metadata.push({ topic: request.name, partitions: [], error: brokersError });
        continue;
      }
      try {
        const partitions = await this.addPartitions(request, allBrokers, validateOnly);
        metadata.push({ topic: request.name, partitions, error: NO_ERROR });
      } catch (err) {
        metadata.push({ topic: request.name, partitions: [], error: apiErrorOf(err) });
      }
    }
    await this.waitForLeaders(timeoutMs, validateOnly, metadata);
    return new Map(metadata.map((m) => [m.topic, m.error]));
  }

  private async addPartitions(
    request: NewPartitionsRequest,
    allBrokers: readonly BrokerMetadata[],
    validateOnly: boolean,
  ): Promise<number[]> {
    const topic = request.name;
    const existing = await this.deps.adminZkClient.getTopicAssignment(topic);
    if (existing !== null && (existing.addingReplicas.size > 0 || existing.removingReplicas.size > 0))
      throw new ReassignmentInProgressError(
        `A partition reassignment is in progress for the topic '${topic}'.`,
      );
    if (existing === null || existing.partitions.size === 0)
      throw new UnknownTopicOrPartitionError(`The topic '${topic}' does not exist.`);
    const oldCount = existing.partitions.size;
    const increment = request.count - oldCount;
    if (increment < 0)
      throw new InvalidPartitionsError(
        `Topic currently has ${oldCount} partitions, which is higher than the requested ${request.count}.`,
      );
    if (increment === 0) throw new InvalidPartitionsError(`Topic already has ${oldCount} partitions.`);
    let manual: Map<number, number[]> | undefined;
    if (request.assignments !== null) {
      const ids = new Set(allBrokers.map((b) => b.id));
      const unknown = [...new Set(request.assignments.flat())].filter((b) => !ids.has(b));
      if (unknown.length > 0)
        throw new InvalidReplicaAssignmentError(
          `Unknown broker(s) in replica assignment: ${unknown.join(', ')}.`,
        );
      if (request.assignments.length !== increment)
        throw new InvalidReplicaAssignmentError(
          `Increasing the number of partitions by ${increment} but ${request.assignments.length} assignments provided.`,
        );
      manual = new Map(request.assignments.map((r, i) => [oldCount + i, [...r]]));
    }
    const added = createNewPartitionsAssignment(
      topic,
      existing.partitions,
      allBrokers,
      request.count,
      manual,
    );
    if (!validateOnly) await this.deps.adminZkClient.addPartitions(topic, request.count, added);
    return [...existing.partitions.keys(), ...added.keys()];
  }
}
