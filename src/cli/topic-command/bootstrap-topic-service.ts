/**
 * `kafka-topics --bootstrap-server`: Kafka 2.8's `AdminClientTopicService`, on the admin client in
 * src/cli/config-command/admin-client.ts (our own codec; it explains why not kafkajs's admin).
 *
 * Output as Kafka 2.8's bootstrap mode: `Created topic t.`; alter and delete print nothing; `--list`
 * is one println of the sorted names; describe shows every non-default config in the header
 * (`Configs: segment.bytes=1073741824` with the stock server.properties), topics in the order of the
 * Java client's result map, and no `TopicId:` field: this broker serves Metadata up to v9, which
 * carries no topic ids, so Kafka's own tool would not print one against it either.
 * Failures print the broker's message (`Topic 'x' already exists.`, `Replication factor: 4 larger
 * than available brokers: 3.`, `Topic currently has 3 partitions, which is higher than the requested
 * 2.`), as Kafka's tool does.
 *
 * Lifecycle: `connect()` only prepares the client; the first call connects. One command at a time.
 */
import { IllegalArgumentError } from '../../admin/errors';
import type { Logger } from '../../common/logger';
import { ApiKey, ErrorCode, ZERO_UUID } from '../../protocol';
import { javaHashMapOrder } from '../../server/handlers/admin/hash-order';
import { AdminClient, javaExceptionForCode } from '../config-command/admin-client';
import {
  describeTopicLines,
  formatTopicList,
  type ConfigEntryData,
  type PartitionDescriptionData,
} from './format';
import type { TopicCommandOptions } from './options';
import {
  ensureTopicExists,
  filterTopics,
  readCommandTopicPartition,
  type CommandTopicPartition,
  type TopicService,
  type ToolOutput,
} from './topic-service';
import { describeFilterOf } from './zk-topic-service';

const TOPIC_RESOURCE = 2;
const DEFAULT_CONFIG_SOURCE = 5;
const TIMEOUT_MS = 30_000;

/** What the service needs from the cluster (AdminClient, or a fake in tests). */
export type TopicAdminClient = Pick<AdminClient, 'metadata' | 'sendToController' | 'request' | 'close'>;

/** The first failed result, as the exception the Java client raises. */
function firstError(results: readonly { errorCode: number; errorMessage?: string | null }[]): Error | null {
  const failed = results.find((r) => r.errorCode !== ErrorCode.NONE);
  return failed ? javaExceptionForCode(failed.errorCode, failed.errorMessage ?? null) : null;
}

export class BootstrapTopicService implements TopicService {
  constructor(
    private readonly client: TopicAdminClient,
    private readonly output: ToolOutput,
  ) {}

  static connect(
    bootstrapServer: string,
    commandConfigFile: string | undefined,
    output: ToolOutput,
    networkLog: Logger,
  ): Promise<BootstrapTopicService> {
    const client = new AdminClient({ bootstrapServer, commandConfigFile, networkLog });
    return Promise.resolve(new BootstrapTopicService(client, output));
  }

  async createTopic(topic: CommandTopicPartition): Promise<void> {
    const rf = topic.replicationFactor;
    if (rf !== undefined && (rf > 32767 || rf < 1))
      throw new IllegalArgumentError('The replication factor must be between 1 and 32767 inclusive');
    if (topic.partitions !== undefined && topic.partitions < 1)
      throw new IllegalArgumentError('The partitions must be greater than 0');
    const assignment = topic.replicaAssignment;
    const { body } = await this.client.sendToController(
      ApiKey.CreateTopics,
      {
        topics: [
          {
            name: topic.name,
            numPartitions: assignment === undefined ? (topic.partitions ?? -1) : -1,
            replicationFactor: assignment === undefined ? (rf ?? -1) : -1,
            assignments: [...(assignment ?? [])].map(([partitionIndex, brokerIds]) => ({
              partitionIndex,
              brokerIds,
            })),
            configs: [...topic.configsToAdd].map(([name, value]) => ({ name, value })),
          },
        ],
        timeoutMs: TIMEOUT_MS,
        validateOnly: false,
      },
      'createTopics',
      (res) => res.topics.some((t) => t.errorCode === ErrorCode.NOT_CONTROLLER),
    );
    const result = body.topics[0];
    if (result?.errorCode === ErrorCode.TOPIC_ALREADY_EXISTS && topic.ifTopicDoesntExist) return;
    const error = firstError(body.topics);
    if (error) throw error;
    this.output.out(`Created topic ${topic.name}.`);
  }

  async listTopics(opts: TopicCommandOptions): Promise<void> {
    const topics = await this.getTopics(opts.topic, opts.excludeInternalTopics);
    const lines = formatTopicList(
      topics.map((name) => ({ name, markedForDeletion: false })),
      'bootstrap',
    );
    for (const line of lines) this.output.out(line);
  }

  async alterTopic(opts: TopicCommandOptions): Promise<void> {
    const tp = readCommandTopicPartition(opts, this.output);
    const topics = await this.getTopics(opts.topic, opts.excludeInternalTopics);
    ensureTopicExists(topics, opts.topic, !opts.ifExists);
    if (topics.length === 0) return;
    const count = tp.partitions ?? 0;
    let existing = new Map<string, number>();
    if (tp.replicaAssignment !== undefined) {
      const meta = await this.client.metadata(topics, 'describeTopics');
      const failed = meta.topics.find((t) => t.errorCode !== ErrorCode.NONE);
      if (failed) throw javaExceptionForCode(failed.errorCode);
      existing = new Map(meta.topics.map((t) => [t.name, t.partitions.length]));
    }
    const { body } = await this.client.sendToController(
      ApiKey.CreatePartitions,
      {
        topics: topics.map((name) => ({
          name,
          count,
          assignments:
            tp.replicaAssignment === undefined
              ? null
              : [...tp.replicaAssignment.values()]
                  .slice(existing.get(name) ?? 0)
                  .map((brokerIds) => ({ brokerIds })),
        })),
        timeoutMs: TIMEOUT_MS,
        validateOnly: false,
      },
      'createPartitions',
      (res) => res.results.some((r) => r.errorCode === ErrorCode.NOT_CONTROLLER),
    );
    const error = firstError(body.results);
    if (error) throw error;
  }

  async describeTopic(opts: TopicCommandOptions): Promise<void> {
    const topics = await this.getTopics(opts.topic, opts.excludeInternalTopics);
    ensureTopicExists(topics, opts.topic, !opts.ifExists);
    if (topics.length === 0) return;
    const configs = await this.describeTopicConfigs(topics);
    const meta = await this.client.metadata(topics, 'describeTopics');
    const failed = meta.topics.find((t) => t.errorCode !== ErrorCode.NONE);
    if (failed !== undefined) throw javaExceptionForCode(failed.errorCode);
    const liveBrokers = new Set(meta.brokers.map((b) => b.id));
    const filter = describeFilterOf(opts);
    for (const name of javaHashMapOrder(topics, topics.length)) {
      const t = meta.topics.find((m) => m.name === name);
      if (t === undefined) continue;
      const entries = configs.get(name) ?? [];
      const minIsr = entries.find((e) => e.name === 'min.insync.replicas')?.value;
      const partitions: PartitionDescriptionData[] = [...t.partitions]
        .sort((a, b) => a.partition - b.partition)
        .map((p) => ({
          partition: p.partition,
          leader: p.leader >= 0 && liveBrokers.has(p.leader) ? p.leader : null,
          replicas: p.replicas,
          isr: p.isr,
        }));
      const lines = describeTopicLines(
        {
          topic: name,
          topicId: null,
          partitions,
          configs: entries,
          markedForDeletion: false,
          ...(minIsr === undefined ? {} : { minIsr: Number(minIsr) }),
        },
        filter,
        liveBrokers,
      );
      for (const line of lines) this.output.out(line);
    }
  }

  private async describeTopicConfigs(topics: readonly string[]): Promise<Map<string, ConfigEntryData[]>> {
    const { body } = await this.client.request(
      ApiKey.DescribeConfigs,
      {
        resources: topics.map((name) => ({
          resourceType: TOPIC_RESOURCE,
          resourceName: name,
          configurationKeys: null,
        })),
        includeSynonyms: false,
      },
      'describeConfigs',
    );
    const error = firstError(body.results);
    if (error) throw error;
    return new Map(
      body.results.map((r) => [
        r.resourceName,
        r.configs.map((e) => ({
          name: e.name,
          value: e.value ?? 'null',
          isDefault: e.configSource === DEFAULT_CONFIG_SOURCE,
        })),
      ]),
    );
  }

  async deleteTopic(opts: TopicCommandOptions): Promise<void> {
    const topics = await this.getTopics(opts.topic, opts.excludeInternalTopics);
    ensureTopicExists(topics, opts.topic, !opts.ifExists);
    if (topics.length === 0) return;
    const { body } = await this.client.sendToController(
      ApiKey.DeleteTopics,
      (version) =>
        version >= 6
          ? { topics: topics.map((name) => ({ name, topicId: ZERO_UUID })), timeoutMs: TIMEOUT_MS }
          : { topicNames: topics, timeoutMs: TIMEOUT_MS },
      'deleteTopics',
      (res) => res.responses.some((r) => r.errorCode === ErrorCode.NOT_CONTROLLER),
    );
    const error = firstError(body.responses);
    if (error) throw error;
  }

  async getTopics(includeList: string | undefined, excludeInternalTopics: boolean): Promise<string[]> {
    const meta = await this.client.metadata(null, 'listTopics');
    const names = meta.topics.filter((t) => !(excludeInternalTopics && t.isInternal)).map((t) => t.name);
    return filterTopics(names, includeList, excludeInternalTopics);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
