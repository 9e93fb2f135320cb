/**
 * `kafka-topics --zookeeper`: Kafka 2.8's `ZookeeperTopicService`. Reads and writes the znodes
 * directly through AdminZkClient and prints the ZooKeeper mode's output.
 *
 * Lifecycle: `connect()` opens one ZooKeeper session (30 s session and connection timeouts, as
 * Kafka's tool uses); `close()` ends it. One command runs at a time.
 */
import { AdminZkClient } from '../../admin/admin-zk-client';
import {
  AdminError,
  AdminOperationError,
  IllegalArgumentError,
  InvalidTopicError,
  TopicAlreadyMarkedForDeletionError,
  TopicExistsError,
} from '../../admin/errors';
import { isInternalTopic } from '../../admin/topic-validation';
import type { Logger } from '../../common/logger';
import { KafkaZkClient } from '../../zk/kafka-zk-client';
import { ZooKeeperClient } from '../../zk/zookeeper-client';
import {
  describeTopicLines,
  describesConfigs,
  formatTopicList,
  type DescribeFilter,
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

const ZK_TIMEOUT_MS = 30_000;

export function describeFilterOf(opts: TopicCommandOptions): DescribeFilter {
  return {
    reportUnderReplicatedPartitions: opts.reportUnderReplicatedPartitions,
    reportUnavailablePartitions: opts.reportUnavailablePartitions,
    reportUnderMinIsrPartitions: opts.reportUnderMinIsrPartitions,
    reportAtMinIsrPartitions: opts.reportAtMinIsrPartitions,
    reportOverriddenConfigs: opts.reportOverriddenConfigs,
  };
}

export class ZookeeperTopicService implements TopicService {
  constructor(
    private readonly admin: AdminZkClient,
    private readonly output: ToolOutput,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {}

  /** Opens the session; a server that does not answer fails as Kafka's client does. */
  static async connect(zkConnect: string, output: ToolOutput, log: Logger): Promise<ZookeeperTopicService> {
    const zk = new ZooKeeperClient({
      connectString: zkConnect,
      sessionTimeoutMs: ZK_TIMEOUT_MS,
      connectionTimeoutMs: ZK_TIMEOUT_MS,
      logger: log,
      name: 'Kafka server',
    });
    try {
      await zk.connect();
    } catch (err) {
      throw new AdminError('kafka.zookeeper.ZooKeeperClientTimeoutException', (err as Error).message, {
        cause: err,
      });
    }
    const admin = new AdminZkClient(new KafkaZkClient(zk, log), log);
    return new ZookeeperTopicService(admin, output, () => zk.close());
  }

  async createTopic(topic: CommandTopicPartition): Promise<void> {
    try {
      if (topic.replicaAssignment !== undefined)
        await this.admin.createTopicWithAssignment(topic.name, topic.configsToAdd, topic.replicaAssignment);
      else
        await this.admin.createTopic(
          topic.name,
          topic.partitions ?? 0,
          topic.replicationFactor ?? 0,
          topic.configsToAdd,
          topic.rackAwareMode,
        );
      this.output.out(`Created topic ${topic.name}.`);
    } catch (err) {
      if (err instanceof TopicExistsError && topic.ifTopicDoesntExist) return;
      throw err;
    }
  }

  async listTopics(opts: TopicCommandOptions): Promise<void> {
    const topics = await this.getTopics(opts.topic, opts.excludeInternalTopics);
    const marked = new Set(await this.admin.getTopicsMarkedForDeletion());
    for (const line of formatTopicList(
      topics.map((name) => ({ name, markedForDeletion: marked.has(name) })),
      'zookeeper',
    ))
      this.output.out(line);
  }

  async alterTopic(opts: TopicCommandOptions): Promise<void> {
    const topics = await this.getTopics(opts.topic, opts.excludeInternalTopics);
    const tp = readCommandTopicPartition(opts, this.output);
    ensureTopicExists(topics, opts.topic, !opts.ifExists);
    for (const topic of topics) {
      const configs = await this.admin.fetchTopicConfig(topic);
      if (opts.topicConfig !== undefined || opts.configsToDelete !== undefined) {
        this.output.out(
          'WARNING: Altering topic configuration from this script has been deprecated and may be removed in future releases.',
        );
        this.output.out('         Going forward, please use kafka-configs.sh for this functionality');
        for (const [k, v] of tp.configsToAdd) configs.set(k, v);
        for (const k of tp.configsToDelete) configs.delete(k);
        await this.admin.changeTopicConfig(topic, configs);
        this.output.out(`Updated config for topic ${topic}.`);
      }
      if (tp.partitions !== undefined) {
        if (isInternalTopic(topic))
          throw new IllegalArgumentError(
            `The number of partitions for the internal topic ${topic} cannot be changed.`,
          );
        this.output.out(
          'WARNING: If partitions are increased for a topic that has a key, the partition logic or ordering of the messages will be affected',
        );
        const existing = await this.admin.getTopicAssignment(topic);
        const existingCount = existing?.partitions.size ?? 0;
        if (existingCount === 0) throw new InvalidTopicError(`The topic ${topic} does not exist`);
        // The manual list covers every partition; only the entries past the existing ones are new.
        const added = [...(tp.replicaAssignment ?? new Map<number, number[]>())].slice(existingCount);
        await this.admin.addPartitions(topic, tp.partitions, added.length > 0 ? new Map(added) : undefined);
        this.output.out('Adding partitions succeeded!');
      }
    }
  }

  async describeTopic(opts: TopicCommandOptions): Promise<void> {
    const topics = await this.getTopics(opts.topic, opts.excludeInternalTopics);
    ensureTopicExists(topics, opts.topic, !opts.ifExists);
    const liveBrokers = new Set(await this.admin.getLiveBrokerIds());
    const filter = describeFilterOf(opts);
    for (const topic of topics) {
      const assignment = await this.admin.getTopicAssignment(topic);
      if (assignment === null) {
        this.output.out(`Topic ${topic} doesn't exist!`);
        continue;
      }
      const markedForDeletion = await this.admin.isTopicMarkedForDeletion(topic);
      const overrides = describesConfigs(filter) ? await this.admin.fetchTopicConfig(topic) : new Map();
      const partitions: PartitionDescriptionData[] = [];
      for (const [partition, replicas] of [...assignment.partitions].sort((a, b) => a[0] - b[0])) {
        const state = filter.reportOverriddenConfigs
          ? null
          : await this.admin.getPartitionState(topic, partition);
        const leader = state === null || state.leader === -1 ? null : state.leader;
        partitions.push({ partition, leader, replicas, isr: state?.isr ?? [] });
      }
      const lines = describeTopicLines(
        {
          topic,
          topicId: assignment.topicId,
          partitions,
          configs: [...overrides].map(([name, value]) => ({ name, value, isDefault: false })),
          markedForDeletion,
        },
        filter,
        liveBrokers,
      );
      for (const line of lines) this.output.out(line);
    }
  }

  async deleteTopic(opts: TopicCommandOptions): Promise<void> {
    const topics = await this.getTopics(opts.topic, opts.excludeInternalTopics);
    ensureTopicExists(topics, opts.topic, !opts.ifExists);
    for (const topic of topics) {
      try {
        if (isInternalTopic(topic))
          throw new AdminOperationError(
            `Topic ${topic} is a kafka internal topic and is not allowed to be marked for deletion.`,
          );
        await this.admin.deleteTopic(topic);
        this.output.out(`Topic ${topic} is marked for deletion.`);
        this.output.out('Note: This will have no impact if delete.topic.enable is not set to true.');
      } catch (err) {
        if (err instanceof TopicAlreadyMarkedForDeletionError)
          this.output.out(`Topic ${topic} is already marked for deletion.`);
        else if (err instanceof AdminOperationError) throw err;
        else throw new AdminOperationError(`Error while deleting topic ${topic}`, { cause: err });
      }
    }
  }

  async getTopics(includeList: string | undefined, excludeInternalTopics: boolean): Promise<string[]> {
    return filterTopics(await this.admin.getAllTopics(), includeList, excludeInternalTopics);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
