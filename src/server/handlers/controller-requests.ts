/**
 * The controller's requests to this broker: LeaderAndIsr (0–5), UpdateMetadata (0–7) and
 * StopReplica (0–3). Requests stamped with an older broker epoch than ours are refused
 * (STALE_BROKER_EPOCH), as Kafka does since KIP-380.
 */
import { ApiKey, ErrorCode } from '../../protocol';
import type { MetadataCache } from '../metadata-cache';
import type { ReplicaManager } from '../../replication/replica-manager';
import type { ApiHandler } from './api-handler';

export interface ControllerRequestDeps {
  metadataCache: MetadataCache;
  replicaManager: ReplicaManager;
  /** This broker's current epoch (czxid of its registration). */
  brokerEpoch: () => bigint;
}

function isStaleBrokerEpoch(requestEpoch: bigint, ours: bigint): boolean {
  return requestEpoch >= 0n && requestEpoch < ours;
}

export function leaderAndIsrHandler(deps: ControllerRequestDeps): ApiHandler<typeof ApiKey.LeaderAndIsr> {
  return {
    apiKey: ApiKey.LeaderAndIsr,
    minVersion: 0,
    maxVersion: 5,
    async handle(request, { header }) {
      const states = [
        ...request.ungroupedPartitionStates.map((p) => ({ ...p, topicId: null })),
        ...request.topicStates.flatMap((t) =>
          t.partitionStates.map((p) => ({ ...p, topicName: t.topicName, topicId: t.topicId })),
        ),
      ].map((p) => ({
        topic: p.topicName,
        topicId: p.topicId,
        partition: p.partitionIndex,
        controllerEpoch: p.controllerEpoch,
        leader: p.leader,
        leaderEpoch: p.leaderEpoch,
        isr: p.isr,
        zkVersion: p.zkVersion,
        replicas: p.replicas,
        isNew: p.isNew,
      }));
      const stale = isStaleBrokerEpoch(request.brokerEpoch, deps.brokerEpoch());
      const result = stale
        ? { errorCode: ErrorCode.STALE_BROKER_EPOCH, partitionErrors: [] }
        : await deps.replicaManager.becomeLeaderOrFollower(
            request.controllerId,
            request.controllerEpoch,
            header.correlationId,
            states,
            new Map(request.liveLeaders.map((l) => [l.brokerId, { host: l.hostName, port: l.port }])),
          );
      const topicIds = new Map(states.map((s) => [s.topic, s.topicId]));
      if (header.apiVersion < 5) {
        return {
          errorCode: result.errorCode,
          partitionErrors: result.partitionErrors.map((p) => ({
            topicName: p.topic,
            partitionIndex: p.partition,
            errorCode: p.errorCode,
          })),
        };
      }
      const byTopic = new Map<string, { partitionIndex: number; errorCode: number }[]>();
      for (const p of result.partitionErrors) {
        let list = byTopic.get(p.topic);
        if (!list) byTopic.set(p.topic, (list = []));
        list.push({ partitionIndex: p.partition, errorCode: p.errorCode });
      }
      return {
        errorCode: result.errorCode,
        topics: [...byTopic].map(([topic, partitionErrors]) => ({
          topicId: topicIds.get(topic) ?? 'AAAAAAAAAAAAAAAAAAAAAA',
          partitionErrors,
        })),
      };
    },
  };
}

export function updateMetadataHandler(deps: ControllerRequestDeps): ApiHandler<typeof ApiKey.UpdateMetadata> {
  return {
    apiKey: ApiKey.UpdateMetadata,
    minVersion: 0,
    maxVersion: 7,
    async handle(request) {
      if (isStaleBrokerEpoch(request.brokerEpoch, deps.brokerEpoch())) {
        return { errorCode: ErrorCode.STALE_BROKER_EPOCH };
      }
      deps.metadataCache.update(request);
      return { errorCode: ErrorCode.NONE };
    },
  };
}

export function stopReplicaHandler(deps: ControllerRequestDeps): ApiHandler<typeof ApiKey.StopReplica> {
  return {
    apiKey: ApiKey.StopReplica,
    minVersion: 0,
    maxVersion: 3,
    async handle(request) {
      if (isStaleBrokerEpoch(request.brokerEpoch, deps.brokerEpoch())) {
        return { errorCode: ErrorCode.STALE_BROKER_EPOCH, partitionErrors: [] };
      }
      const partitions = [
        ...request.ungroupedPartitions.map((p) => ({
          topic: p.topicName,
          partition: p.partitionIndex,
          deletePartition: request.deletePartitions,
        })),
        ...request.topics.flatMap((t) =>
          t.partitionIndexes.map((partition) => ({
            topic: t.name,
            partition,
            deletePartition: request.deletePartitions,
          })),
        ),
        ...request.topicStates.flatMap((t) =>
          t.partitionStates.map((p) => ({
            topic: t.topicName,
            partition: p.partitionIndex,
            deletePartition: p.deletePartition,
          })),
        ),
      ];
      const result = deps.replicaManager.stopReplicas(
        request.controllerId,
        request.controllerEpoch,
        partitions,
      );
      return {
        errorCode: result.errorCode,
        partitionErrors: result.partitionErrors.map((p) => ({
          topicName: p.topic,
          partitionIndex: p.partition,
          errorCode: p.errorCode,
        })),
      };
    },
  };
}
