/**
 * The admin APIs (CreateTopics, DeleteTopics, CreatePartitions, DescribeConfigs, AlterConfigs,
 * IncrementalAlterConfigs) and topic auto-creation for Metadata. kafka-apis.ts registers whatever
 * this returns.
 *
 * As in Kafka 2.8 (`KafkaApis`), CreateTopics, CreatePartitions and DeleteTopics are accepted only by
 * the active controller (NOT_CONTROLLER elsewhere; every client sends them to the controller from
 * Metadata and retries on NOT_CONTROLLER), while the config APIs and auto-creation work on any broker.
 * The ZooKeeper writes themselves are the same on every broker (`ZkAdminManager`).
 *
 * The DynamicConfigManager is not started here: see `createDynamicConfigManager` in
 * src/server/dynamic-config-manager.ts.
 */
import { AdminZkClient } from '../../../admin/admin-zk-client';
import {
  GROUP_METADATA_TOPIC_NAME,
  TRANSACTION_STATE_TOPIC_NAME,
  validateTopicName,
} from '../../../admin/topic-validation';
import { systemScheduler, type Scheduler } from '../../../common/clock';
import { getLogger } from '../../../common/logger';
import { ErrorCode, type SupportedApiKey } from '../../../protocol';
import { apiVersion } from '../../config/api-version';
import type { KafkaServer } from '../../kafka-server';
import type { ApiHandler } from '../api-handler';
import { alterConfigsHandler } from './alter-configs';
import { ConfigAdmin } from './config-admin';
import { createPartitionsHandler } from './create-partitions';
import { createTopicsHandler } from './create-topics';
import { deleteTopicsHandler } from './delete-topics';
import { describeConfigsHandler } from './describe-configs';
import { incrementalAlterConfigsHandler } from './incremental-alter-configs';
import { TopicAdmin, type TopicToCreate } from './topic-admin';
import { TopicPurgatory } from './topic-purgatory';

export interface AdminApis {
  handlers: ApiHandler[];
  /** Used by Metadata when auto-creation applies; absent means unknown topics are not created. */
  autoCreateTopics?: (topics: string[]) => Promise<Set<string>>;
}

export interface AdminApisOptions {
  scheduler?: Scheduler;
  /**
   * Kafka 2.8 answers CreateTopics/CreatePartitions/DeleteTopics with NOT_CONTROLLER on any broker
   * but the active controller. false lets every broker handle them.
   */
  requireController?: boolean;
}

export function adminApis(server: KafkaServer, options: AdminApisOptions = {}): AdminApis {
  const zkClient = server.kafkaZkClient;
  const metadataCache = server.metadataCache;
  if (!zkClient || !metadataCache)
    throw new Error('the admin APIs need the ZooKeeper client and metadata cache');
  const config = server.settings.kafkaConfig;
  const log = getLogger('kafka.server.ZkAdminManager', `[Admin Manager on Broker ${server.brokerId}]: `);
  const adminZkClient = new AdminZkClient(zkClient, getLogger('kafka.zk.AdminZkClient'));
  const topicAdmin = new TopicAdmin({
    brokerId: server.brokerId,
    config,
    metadataCache,
    adminZkClient,
    purgatory: new TopicPurgatory(metadataCache, options.scheduler ?? systemScheduler),
    usesTopicId: config.interBrokerProtocolVersion.ordinal >= apiVersion('2.8-IV0').ordinal,
    log,
  });
  const configAdmin = new ConfigAdmin({
    brokerId: server.brokerId,
    config,
    metadataCache,
    adminZkClient,
    log,
  });
  const requireController = options.requireController ?? true;
  const isController = (): boolean => !requireController || (server.controller?.isActive() ?? false);

  const handlers = [
    createTopicsHandler({ topicAdmin, isController }),
    deleteTopicsHandler({
      topicAdmin,
      metadataCache,
      isController,
      deleteTopicEnable: server.settings.deleteTopicEnable,
      topicNameOf: (id) => {
        for (const [name, topicId] of server.controller?.context.topicIds ?? [])
          if (topicId === id) return name;
        return undefined;
      },
    }),
    createPartitionsHandler({
      topicAdmin,
      isController,
      isQueuedForDeletion: (t) => server.controller?.context.topicsToBeDeleted.has(t) ?? false,
    }),
    describeConfigsHandler(configAdmin),
    alterConfigsHandler(configAdmin),
    incrementalAlterConfigsHandler(configAdmin),
  ].map(erased);
  return { handlers, autoCreateTopics: autoTopicCreation(topicAdmin, config) };
}

/** A handler typed for its own API, as the registry's list of any API holds it. */
function erased<K extends SupportedApiKey>(handler: ApiHandler<K>): ApiHandler {
  return handler as unknown as ApiHandler;
}

/** The settings auto-creation reads (a KafkaConfig fits). */
interface AutoCreateSettings {
  numPartitions: number;
  defaultReplicationFactor: number;
  offsetsTopicPartitions: number;
  offsetsTopicReplicationFactor: number;
  offsetsTopicSegmentBytes: number;
  transactionTopicPartitions: number;
  transactionTopicReplicationFactor: number;
  transactionTopicMinISR: number;
  transactionTopicSegmentBytes: number;
}

/** What Kafka's AutoTopicCreationManager creates for a name (internal topics get their own settings). */
export function creatableTopic(topic: string, c: AutoCreateSettings): TopicToCreate {
  const configs = (m: Record<string, string | number>): TopicToCreate['configs'] =>
    Object.entries(m).map(([name, value]) => ({ name, value: String(value) }));
  const base = { name: topic, assignments: [] };
  if (topic === GROUP_METADATA_TOPIC_NAME)
    return {
      ...base,
      numPartitions: c.offsetsTopicPartitions,
      replicationFactor: c.offsetsTopicReplicationFactor,
      configs: configs({
        'cleanup.policy': 'compact',
        'segment.bytes': c.offsetsTopicSegmentBytes,
        'compression.type': 'producer',
      }),
    };
  if (topic === TRANSACTION_STATE_TOPIC_NAME)
    return {
      ...base,
      numPartitions: c.transactionTopicPartitions,
      replicationFactor: c.transactionTopicReplicationFactor,
      configs: configs({
        'unclean.leader.election.enable': 'false',
        'compression.type': 'uncompressed',
        'cleanup.policy': 'compact',
        'min.insync.replicas': c.transactionTopicMinISR,
        'segment.bytes': c.transactionTopicSegmentBytes,
      }),
    };
  return {
    ...base,
    numPartitions: c.numPartitions,
    replicationFactor: c.defaultReplicationFactor,
    configs: [],
  };
}

/**
 * Kafka 2.8's auto-creation in ZooKeeper mode (`createTopicsInZk`): legal names not already being
 * created are created with timeout 0 (no waiting). The result is the set whose creation started
 * (written now, or already existing in ZooKeeper): Metadata answers LEADER_NOT_AVAILABLE for those.
 * A failure (say `default.replication.factor` above the live broker count) is logged and the topic
 * stays unknown.
 */
export function autoTopicCreation(
  topicAdmin: TopicAdmin,
  settings: AutoCreateSettings,
): (topics: string[]) => Promise<Set<string>> {
  const inflight = new Set<string>();
  return async (topics) => {
    const creatable = topics.filter((t) => {
      try {
        validateTopicName(t);
      } catch {
        return false;
      }
      if (inflight.has(t)) return false;
      inflight.add(t);
      return true;
    });
    try {
      const outcomes = await topicAdmin.createTopics(
        0,
        false,
        creatable.map((t) => creatableTopic(t, settings)),
        false,
      );
      const started = new Set<string>();
      for (const [topic, o] of outcomes)
        if (o.error.code === ErrorCode.REQUEST_TIMED_OUT || o.error.code === ErrorCode.TOPIC_ALREADY_EXISTS)
          started.add(topic);
      return started;
    } finally {
      for (const t of creatable) inflight.delete(t);
    }
  };
}
