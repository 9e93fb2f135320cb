/**
 * Kafka's `AdminZkClient`: topic administration written straight to ZooKeeper, as `kafka-topics
 * --zookeeper` and a broker handling CreateTopics/CreatePartitions/DeleteTopics do it. The controller
 * picks every change up from its watches; nothing here talks to a broker.
 *
 * Lifecycle: stateless over a connected KafkaZkClient (the caller owns and closes the session). Every
 * method is one short sequence of ZooKeeper calls; concurrent callers race the way Kafka's do (the
 * last config writer wins; a topic znode create fails with TopicExistsError for the loser).
 */
import type { Logger } from '../common/logger';
import { generateUuidAsBase64, type KafkaZkClient } from '../zk/kafka-zk-client';
import {
  ConfigEntityChangeNotificationZNode,
  ConfigEntityZNode,
  DeleteTopicsTopicZNode,
  DeleteTopicsZNode,
  TopicPartitionStateZNode,
  TopicsZNode,
  TopicZNode,
  type LeaderIsrAndControllerEpoch,
  type TopicAssignment,
} from '../zk/zk-data';
import { ZkCode, ZkError } from '../zk/zookeeper-client';
import {
  AdminOperationError,
  InvalidReplicaAssignmentError,
  InvalidTopicError,
  javaClassNameOf,
  TopicAlreadyMarkedForDeletionError,
  TopicExistsError,
  UnknownTopicOrPartitionError,
} from './errors';
import {
  assignReplicasToBrokers,
  createNewPartitionsAssignment,
  defaultRandom,
  type BrokerMetadata,
  type RandomInt,
  type ReplicaAssignmentMap,
} from './replica-assignment';
import { hasCollision, hasCollisionChars, validateTopicConfigs, validateTopicName } from './topic-validation';

/** Kafka's `RackAwareMode`: Enforced fails on partial rack info, Safe falls back, Disabled ignores racks. */
export type RackAwareMode = 'enforced' | 'safe' | 'disabled';

function isZkCode(err: unknown, code: number): boolean {
  return err instanceof ZkError && err.code === code;
}

function scalaMap(m: ReadonlyMap<number, readonly number[]>): string {
  return `Map(${[...m.entries()].map(([p, r]) => `${p} -> List(${r.join(', ')})`).join(', ')})`;
}

export class AdminZkClient {
  constructor(
    private readonly zkClient: KafkaZkClient,
    private readonly log: Logger,
    private readonly random: RandomInt = defaultRandom,
  ) {}

  private get zk(): KafkaZkClient['zk'] {
    return this.zkClient.zk;
  }

  /** Live brokers sorted by id, with racks as the mode allows (Kafka's `getBrokerMetadatas`). */
  async getBrokerMetadatas(
    rackAwareMode: RackAwareMode = 'enforced',
    brokerList?: readonly number[],
  ): Promise<BrokerMetadata[]> {
    const all = [...(await this.zkClient.getAllBrokerAndEpochs()).values()].map((b) => b.info);
    const brokers = brokerList ? all.filter((b) => brokerList.includes(b.id)) : all;
    const withRack = brokers.filter((b) => b.rack !== null);
    if (rackAwareMode === 'enforced' && withRack.length > 0 && withRack.length < brokers.length)
      throw new AdminOperationError(
        'Not all brokers have rack information. Add --disable-rack-aware in command line' +
          ' to make replica assignment without rack information.',
      );
    const dropRacks =
      rackAwareMode === 'disabled' || (rackAwareMode === 'safe' && withRack.length < brokers.length);
    return brokers.map((b) => ({ id: b.id, rack: dropRacks ? null : b.rack })).sort((a, b) => a.id - b.id);
  }

  /** Sorted ids under `/brokers/ids`. */
  getLiveBrokerIds(): Promise<number[]> {
    return this.zkClient.getSortedBrokerIds();
  }

  /** Assigns replicas over the live brokers and creates the topic; returns the assignment written. */
  async createTopic(
    topic: string,
    partitions: number,
    replicationFactor: number,
    configs: ReadonlyMap<string, string> = new Map(),
    rackAwareMode: RackAwareMode = 'enforced',
    usesTopicId = false,
  ): Promise<ReplicaAssignmentMap> {
    const brokers = await this.getBrokerMetadatas(rackAwareMode);
    const assignment = assignReplicasToBrokers(brokers, partitions, replicationFactor, -1, -1, this.random);
    await this.createTopicWithAssignment(topic, configs, assignment, true, usesTopicId);
    return assignment;
  }

  /** Validates, writes `/config/topics/<t>`, then creates `/brokers/topics/<t>` (v3). */
  async createTopicWithAssignment(
    topic: string,
    configs: ReadonlyMap<string, string>,
    assignment: ReadonlyMap<number, readonly number[]>,
    validate = true,
    usesTopicId = false,
  ): Promise<void> {
    if (validate) await this.validateTopicCreate(topic, assignment, configs);
    this.log.info(
      `Creating topic ${topic} with configuration {${[...configs].map(([k, v]) => `${k}=${v}`).join(', ')}} ` +
        `and initial partition assignment ${scalaMap(assignment)}`,
    );
    await this.setOrCreateTopicConfig(topic, configs);
    const data = TopicZNode.encode({
      partitions: new Map([...assignment].map(([p, r]) => [p, [...r]])),
      addingReplicas: new Map(),
      removingReplicas: new Map(),
      topicId: usesTopicId ? generateUuidAsBase64() : null,
    });
    try {
      await this.createRecursive(TopicZNode.path(topic), data);
    } catch (err) {
      if (isZkCode(err, ZkCode.NODE_EXISTS)) throw new TopicExistsError(`Topic '${topic}' already exists.`);
      throw new AdminOperationError(`${javaClassNameOf(err)}: ${String((err as Error).message)}`, {
        cause: err,
      });
    }
  }

  /** Kafka's `validateTopicCreate`: name, existence, '.'/'_' collisions, assignment shape, configs. */
  async validateTopicCreate(
    topic: string,
    assignment: ReadonlyMap<number, readonly number[]>,
    configs: ReadonlyMap<string, string>,
  ): Promise<void> {
    validateTopicName(topic);
    if (await this.topicExists(topic)) throw new TopicExistsError(`Topic '${topic}' already exists.`);
    if (hasCollisionChars(topic)) {
      const all = await this.getAllTopics();
      if (all.includes(topic)) throw new TopicExistsError(`Topic '${topic}' already exists.`);
      const colliding = all.filter((t) => hasCollision(topic, t));
      if (colliding.length > 0)
        throw new InvalidTopicError(
          `Topic '${topic}' collides with existing topics: ${colliding.join(', ')}`,
        );
    }
    const sizes = new Set([...assignment.values()].map((r) => r.length));
    if (sizes.size !== 1)
      throw new InvalidReplicaAssignmentError('All partitions should have the same number of replicas');
    for (const replicas of assignment.values())
      if (new Set(replicas).size !== replicas.length)
        throw new InvalidReplicaAssignmentError(
          `Duplicate replica assignment found: ${scalaMap(assignment)}`,
        );
    const n = assignment.size;
    const idSum = [...assignment.keys()].filter((p) => p >= 0).reduce((a, b) => a + b, 0);
    if (idSum !== (n * (n - 1)) / 2)
      throw new InvalidReplicaAssignmentError('partitions should be a consecutive 0-based integer sequence');
    validateTopicConfigs(configs);
  }

  /**
   * Grows the topic to `numPartitions`. New partitions get `replicaAssignment` (keyed by their new
   * partition ids) or Kafka's assignment continuing the existing layout. Returns the full assignment.
   */
  async addPartitions(
    topic: string,
    numPartitions: number,
    replicaAssignment?: ReadonlyMap<number, readonly number[]>,
  ): Promise<ReplicaAssignmentMap> {
    const existing = await this.getTopicAssignment(topic);
    if (existing === null || existing.partitions.size === 0)
      throw new InvalidTopicError(`The topic ${topic} does not exist`);
    const brokers = await this.getBrokerMetadatas();
    const added = createNewPartitionsAssignment(
      topic,
      existing.partitions,
      brokers,
      numPartitions,
      replicaAssignment,
    );
    this.log.info(
      `Creating ${added.size} partitions for '${topic}' with the following replica assignment: ${scalaMap(added)}.`,
    );
    const combined: ReplicaAssignmentMap = new Map([...existing.partitions, ...added]);
    try {
      await this.zk.setData(
        TopicZNode.path(topic),
        TopicZNode.encode({ ...existing, partitions: combined }),
        -1,
      );
    } catch (err) {
      throw new AdminOperationError(`${javaClassNameOf(err)}: ${String((err as Error).message)}`, {
        cause: err,
      });
    }
    return combined;
  }

  /** Creates `/admin/delete_topics/<t>` for an existing topic; the controller does the rest. */
  async deleteTopic(topic: string): Promise<void> {
    if (!(await this.topicExists(topic)))
      throw new UnknownTopicOrPartitionError(`Topic \`${topic}\` to delete does not exist`);
    try {
      await this.createRecursive(DeleteTopicsTopicZNode.path(topic), null);
    } catch (err) {
      if (isZkCode(err, ZkCode.NODE_EXISTS))
        throw new TopicAlreadyMarkedForDeletionError(`topic ${topic} is already marked for deletion`);
      throw new AdminOperationError(String((err as Error).message), { cause: err });
    }
  }

  /**
   * Replaces the topic's overrides with `configs` (the final set: merge or remove before calling) and
   * posts a `/config/changes/config_change_<seq>` notification so every broker reloads them.
   */
  async changeTopicConfig(topic: string, configs: ReadonlyMap<string, string>): Promise<void> {
    validateTopicName(topic);
    if (!(await this.topicExists(topic)))
      throw new UnknownTopicOrPartitionError(`Topic '${topic}' does not exist.`);
    validateTopicConfigs(configs);
    await this.setOrCreateTopicConfig(topic, configs);
    await this.zk.mkdirp(ConfigEntityChangeNotificationZNode.path);
    await this.zk.create(
      ConfigEntityChangeNotificationZNode.sequencePrefix,
      ConfigEntityChangeNotificationZNode.encode(`topics/${topic}`),
      'persistent_sequential',
    );
  }

  /** The topic's overrides from `/config/topics/<t>` (empty when the znode is missing). */
  async fetchTopicConfig(topic: string): Promise<Map<string, string>> {
    const node = await this.zk.getData(ConfigEntityZNode.path('topics', topic));
    return node ? ConfigEntityZNode.decode(node.data) : new Map();
  }

  /** Every topic under `/brokers/topics`, sorted. */
  async getAllTopics(): Promise<string[]> {
    return ((await this.zk.getChildren(TopicsZNode.path)) ?? []).sort();
  }

  async topicExists(topic: string): Promise<boolean> {
    return (await this.zk.exists(TopicZNode.path(topic))) !== null;
  }

  /** The topic znode decoded (replicas, adding/removing replicas, topic id), or null if absent. */
  async getTopicAssignment(topic: string): Promise<TopicAssignment | null> {
    const node = await this.zk.getData(TopicZNode.path(topic));
    return node ? TopicZNode.decode(topic, node.data) : null;
  }

  /** `/brokers/topics/<t>/partitions/<p>/state`, or null before the controller has written it. */
  async getPartitionState(topic: string, partition: number): Promise<LeaderIsrAndControllerEpoch | null> {
    const node = await this.zk.getData(TopicPartitionStateZNode.path(topic, partition));
    return node?.data ? TopicPartitionStateZNode.decode(node.data) : null;
  }

  async isTopicMarkedForDeletion(topic: string): Promise<boolean> {
    return (await this.zk.exists(DeleteTopicsTopicZNode.path(topic))) !== null;
  }

  /** Children of `/admin/delete_topics`, sorted. */
  async getTopicsMarkedForDeletion(): Promise<string[]> {
    return ((await this.zk.getChildren(DeleteTopicsZNode.path)) ?? []).sort();
  }

  /** Kafka's `setOrCreateEntityConfigs` for a topic: set any version, or create with parents. */
  private async setOrCreateTopicConfig(topic: string, configs: ReadonlyMap<string, string>): Promise<void> {
    const path = ConfigEntityZNode.path('topics', topic);
    const data = ConfigEntityZNode.encode(new Map(configs));
    try {
      await this.zk.setData(path, data, -1);
      return;
    } catch (err) {
      if (!isZkCode(err, ZkCode.NO_NODE)) throw err;
    }
    try {
      await this.createRecursive(path, data);
    } catch (err) {
      if (!isZkCode(err, ZkCode.NODE_EXISTS)) throw err;
      await this.zk.setData(path, data, -1);
    }
  }

  /** Creates a persistent node, creating missing parents (empty) first. */
  private async createRecursive(path: string, data: Buffer | null): Promise<void> {
    try {
      await this.zk.create(path, data, 'persistent');
    } catch (err) {
      if (!isZkCode(err, ZkCode.NO_NODE)) throw err;
      await this.zk.mkdirp(path.slice(0, path.lastIndexOf('/')));
      await this.zk.create(path, data, 'persistent');
    }
  }
}
