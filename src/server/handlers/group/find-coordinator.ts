/**
 * FindCoordinator (10), v0–v4 (v4 batches keys). As Kafka 2.8: the group's coordinator is the leader
 * of its `__consumer_offsets` partition, on the listener the request came in on. Before that topic
 * exists, the first lookup starts creating it and gets COORDINATOR_NOT_AVAILABLE, as does a lookup
 * while the partition has no live leader. The error message is Kafka's (`NONE` on success).
 * Transaction coordinators are not served (COORDINATOR_NOT_AVAILABLE).
 */
import { GROUP_METADATA_TOPIC_NAME } from '../../../admin/topic-validation';
import { ApiKey, ErrorCode, errorInfo, errorName } from '../../../protocol';
import type { ApiHandler } from '../api-handler';
import type { GroupApiDeps } from './deps';

interface Coordinator {
  errorCode: number;
  errorMessage: string;
  nodeId: number;
  host: string;
  port: number;
}

function result(errorCode: number, node = { nodeId: -1, host: '', port: -1 }): Coordinator {
  const errorMessage =
    errorCode === ErrorCode.NONE ? 'NONE' : (errorInfo(errorCode)?.message ?? errorName(errorCode));
  return { errorCode, errorMessage, ...node };
}

export function findCoordinatorHandler(deps: GroupApiDeps): ApiHandler<typeof ApiKey.FindCoordinator> {
  const cache = deps.metadataCache;
  const lookup = (key: string, keyType: number, listenerName: string): Coordinator => {
    if (keyType === 1) return result(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (keyType !== 0) return result(ErrorCode.INVALID_REQUEST);
    if (!cache.contains(GROUP_METADATA_TOPIC_NAME)) {
      deps.createOffsetsTopic();
      return result(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    }
    const partition = cache.partition(GROUP_METADATA_TOPIC_NAME, deps.coordinator.partitionFor(key));
    if (!partition || partition.leader < 0) return result(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const broker = cache.aliveBrokers().find((b) => b.id === partition.leader);
    const endpoint = broker?.endpoints.get(listenerName);
    if (!endpoint) return result(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    return result(ErrorCode.NONE, { nodeId: partition.leader, host: endpoint.host, port: endpoint.port });
  };
  return {
    apiKey: ApiKey.FindCoordinator,
    minVersion: 0,
    maxVersion: 4,
    handle(request, { header, connection }) {
      const listener = connection.listenerName;
      if (header.apiVersion >= 4) {
        const coordinators = request.coordinatorKeys.map((key) => ({
          key,
          ...lookup(key, request.keyType, listener),
        }));
        return Promise.resolve({ throttleTimeMs: 0, coordinators });
      }
      const c = lookup(request.key, request.keyType, listener);
      return Promise.resolve({
        throttleTimeMs: 0,
        ...c,
        errorMessage: header.apiVersion >= 1 ? c.errorMessage : null,
      });
    },
  };
}
