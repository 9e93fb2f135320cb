/**
 * A small cluster for the admin unit tests: an in-memory ZooKeeper with broker registrations, a real
 * MetadataCache fed the way UpdateMetadata feeds it, a MockTime scheduler, and TopicAdmin /
 * ConfigAdmin wired as adminApis wires them.
 */
import { AdminZkClient } from '../../../../../src/admin/admin-zk-client';
import { MockTime } from '../../../../../src/common/clock';
import type { UpdateMetadataRequest } from '../../../../../src/protocol';
import { KafkaConfig } from '../../../../../src/server/config/kafka-config';
import { ConfigAdmin } from '../../../../../src/server/handlers/admin/config-admin';
import { TopicAdmin } from '../../../../../src/server/handlers/admin/topic-admin';
import { TopicPurgatory } from '../../../../../src/server/handlers/admin/topic-purgatory';
import { MetadataCache } from '../../../../../src/server/metadata-cache';
import { BrokerIdZNode, PERSISTENT_ZK_PATHS, TopicZNode } from '../../../../../src/zk/zk-data';
import { FakeZk, recordingLogger, silentLogger } from './fake-zk';

export interface Cluster {
  zk: FakeZk;
  cache: MetadataCache;
  time: MockTime;
  admin: AdminZkClient;
  topicAdmin: TopicAdmin;
  configAdmin: ConfigAdmin;
  logLines: string[];
  /** Tells the cache every partition of the topics in ZooKeeper has a leader (the controller's job). */
  publishLeaders(...topics: string[]): Promise<void>;
  /** Tells the cache the topics are being deleted (leader -2 removes them). */
  publishDeleted(topic: string, partitions: number): void;
}

export async function cluster(
  brokerIds: number[] = [0, 1, 2],
  props: Record<string, string> = {},
): Promise<Cluster> {
  const zk = new FakeZk();
  for (const p of PERSISTENT_ZK_PATHS) await zk.mkdirp(p);
  for (const id of brokerIds)
    await zk.create(
      BrokerIdZNode.path(id),
      BrokerIdZNode.encode({
        id,
        endpoints: [
          { listenerName: 'PLAINTEXT', host: 'localhost', port: 9092 + id, securityProtocol: 'PLAINTEXT' },
        ],
        rack: null,
        jmxPort: -1,
        timestampMs: 0,
        features: {},
      }),
    );
  const config = KafkaConfig.fromProperties(
    new Map(
      Object.entries({
        'broker.id': '0',
        'zookeeper.connect': 'localhost:2181',
        'log.segment.bytes': '1073741824',
        'num.partitions': '2',
        ...props,
      }),
    ),
  ).config;
  const cache = new MetadataCache(0);
  const time = new MockTime();
  const admin = new AdminZkClient(zk.kafkaZkClient(), silentLogger);
  const logLines: string[] = [];
  const log = recordingLogger(logLines);
  const liveBrokers = brokerIds.map((id) => ({
    id,
    v0Host: '',
    v0Port: 0,
    endpoints: [{ port: 9092 + id, host: 'localhost', listener: 'PLAINTEXT', securityProtocol: 0 }],
    rack: null,
  }));
  const update = (topicStates: unknown[]): void => {
    cache.update({
      controllerId: 0,
      controllerEpoch: 1,
      brokerEpoch: 0n,
      ungroupedPartitionStates: [],
      topicStates,
      liveBrokers,
    } as unknown as UpdateMetadataRequest);
  };
  update([]);
  const topicAdmin = new TopicAdmin({
    brokerId: 0,
    config,
    metadataCache: cache,
    adminZkClient: admin,
    purgatory: new TopicPurgatory(cache, time),
    usesTopicId: true,
    log,
    random: () => 0,
  });
  const configAdmin = new ConfigAdmin({
    brokerId: 0,
    config,
    metadataCache: cache,
    adminZkClient: admin,
    log,
  });
  const state = (topicName: string, partitionIndex: number, replicas: number[], leader: number): unknown => ({
    topicName,
    partitionIndex,
    controllerEpoch: 1,
    leader,
    leaderEpoch: 0,
    isr: replicas,
    zkVersion: 0,
    replicas,
    offlineReplicas: [],
  });
  return {
    zk,
    cache,
    time,
    admin,
    topicAdmin,
    configAdmin,
    logLines,
    async publishLeaders(...topics) {
      const topicStates = [];
      for (const t of topics) {
        const data = (await zk.getData(TopicZNode.path(t)))?.data ?? null;
        const a = TopicZNode.decode(t, data);
        topicStates.push({
          topicName: t,
          topicId: a.topicId ?? 'AAAAAAAAAAAAAAAAAAAAAA',
          partitionStates: [...a.partitions].map(([p, r]) => state(t, p, r, r[0] ?? -1)),
        });
      }
      update(topicStates);
    },
    publishDeleted(topic, partitions) {
      update([
        {
          topicName: topic,
          topicId: 'AAAAAAAAAAAAAAAAAAAAAA',
          partitionStates: Array.from({ length: partitions }, (_, p) => state(topic, p, [], -2)),
        },
      ]);
    },
  };
}
