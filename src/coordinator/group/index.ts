/**
 * The group coordinator as the broker sees it: the group APIs' handlers, started after the
 * controller and stopped before the replica manager.
 *
 * Wiring: the coordinator follows the ReplicaManager's role changes of `__consumer_offsets`
 * partitions (leader → load the partition's groups; follower or stopped → unload them), writes and
 * reads that topic through the ReplicaManager, and creates it on the first FindCoordinator
 * (offsets.topic.num.partitions partitions, offsets.topic.replication.factor replicas, compacted) once
 * enough brokers are alive. The partition count comes from ZooKeeper when the topic exists.
 *
 * Lifecycle: built (no I/O) while the broker builds its components; `startup()` reads the partition
 * count and activates the coordinator; `shutdown()` deactivates it. Runs on the event loop.
 */
import { AdminZkClient } from '../../admin/admin-zk-client';
import { GROUP_METADATA_TOPIC_NAME } from '../../admin/topic-validation';
import { systemClock, systemScheduler } from '../../common/clock';
import { getLogger } from '../../common/logger';
import { apiVersion } from '../../server/config/api-version';
import type { KafkaServer } from '../../server/kafka-server';
import type { ApiHandler } from '../../server/handlers/api-handler';
import { groupApiHandlers } from '../../server/handlers/group';
import { ReplicaCoordinatorLog } from './coordinator-log';
import { GroupCoordinator } from './group-coordinator';

export interface GroupCoordinatorComponent {
  readonly handlers: ApiHandler[];
  /** Undefined until the broker has built its replica manager. */
  readonly coordinator: GroupCoordinator | undefined;
  startup(): Promise<void>;
  shutdown(): Promise<void>;
}

export function createGroupCoordinator(server: KafkaServer): GroupCoordinatorComponent {
  const replicaManager = server.replicaManager;
  const metadataCache = server.metadataCache;
  if (!replicaManager || !metadataCache) {
    return { handlers: [], coordinator: undefined, startup: async () => {}, shutdown: async () => {} };
  }
  const kc = server.settings.kafkaConfig;
  const clock = systemClock;
  const coordinator = new GroupCoordinator({
    brokerId: server.brokerId,
    groupConfig: {
      groupMinSessionTimeoutMs: kc.groupMinSessionTimeoutMs,
      groupMaxSessionTimeoutMs: kc.groupMaxSessionTimeoutMs,
      groupMaxSize: kc.groupMaxSize,
      groupInitialRebalanceDelayMs: kc.groupInitialRebalanceDelayMs,
    },
    offsetConfig: {
      maxMetadataSize: kc.offsetMetadataMaxSize,
      loadBufferSize: kc.offsetsLoadBufferSize,
      offsetsRetentionMs: kc.offsetsRetentionMinutes * 60 * 1000,
      offsetsRetentionCheckIntervalMs: kc.offsetsRetentionCheckIntervalMs,
      offsetsTopicNumPartitions: kc.offsetsTopicPartitions,
      offsetCommitTimeoutMs: kc.offsetCommitTimeoutMs,
      offsetCommitRequiredAcks: kc.offsetCommitRequiredAcks,
    },
    coordinatorLog: new ReplicaCoordinatorLog(replicaManager),
    clock,
    scheduler: systemScheduler,
  });
  replicaManager.addListener({
    onBecomeLeader: (partitions) => {
      for (const p of partitions)
        if (p.topic === GROUP_METADATA_TOPIC_NAME) coordinator.onElection(p.partition, p.leaderEpoch);
    },
    onBecomeFollower: (partitions) => {
      for (const p of partitions)
        if (p.topic === GROUP_METADATA_TOPIC_NAME) coordinator.onResignation(p.partition, p.leaderEpoch);
    },
    onStopReplica: (tps) => {
      for (const tp of tps)
        if (tp.topic === GROUP_METADATA_TOPIC_NAME) coordinator.onResignation(tp.partition, null);
    },
  });

  const log = getLogger('kafka.server.KafkaApis');
  let creating: Promise<void> | undefined;
  const createOffsetsTopic = (): void => {
    const zk = server.kafkaZkClient;
    if (creating || !zk) return;
    const rf = kc.offsetsTopicReplicationFactor;
    const alive = metadataCache.aliveBrokers().length;
    if (alive < rf) {
      log.error(
        `Number of alive brokers '${alive}' does not meet the required replication factor '${rf}' for the offsets topic (configured via 'offsets.topic.replication.factor'). This error can be ignored if the cluster is starting up and not all brokers are up yet.`,
      );
      return;
    }
    const admin = new AdminZkClient(zk, getLogger('kafka.zk.AdminZkClient'));
    const configs = new Map([
      ['cleanup.policy', 'compact'],
      ['segment.bytes', String(kc.offsetsTopicSegmentBytes)],
      ['compression.type', 'producer'],
    ]);
    const usesTopicId = kc.interBrokerProtocolVersion.ordinal >= apiVersion('2.8-IV0').ordinal;
    creating = admin
      .createTopic(GROUP_METADATA_TOPIC_NAME, kc.offsetsTopicPartitions, rf, configs, 'safe', usesTopicId)
      .then(() => undefined)
      .catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        if (!/already exists/.test(message))
          log.warn(`Failed to create ${GROUP_METADATA_TOPIC_NAME}: ${message}`);
      })
      .finally(() => {
        creating = undefined;
      });
  };

  return {
    handlers: groupApiHandlers({ coordinator, metadataCache, createOffsetsTopic }, () => clock.now()),
    coordinator,
    async startup() {
      const assignment = await server.kafkaZkClient?.getTopicAssignment(GROUP_METADATA_TOPIC_NAME);
      const count = assignment ? assignment.assignment.partitions.size : 0;
      coordinator.startup(count > 0 ? count : kc.offsetsTopicPartitions);
    },
    shutdown() {
      coordinator.shutdown();
      return Promise.resolve();
    },
  };
}
