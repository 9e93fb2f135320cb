/**
 * Metadata (3), v0–v9, answered from the MetadataCache. Brokers are listed with the endpoint of the
 * listener the request arrived on; the controller id is the one the controller last told us about.
 * Unknown topics are auto-created when allowed (`auto.create.topics.enable`, and the request's
 * `allowAutoTopicCreation` from v4), answering LEADER_NOT_AVAILABLE until their leaders are elected.
 */
import { ApiKey, ErrorCode, type MetadataResponseInput } from '../../protocol';
import type { MetadataCache } from '../metadata-cache';
import type { ApiHandler } from './api-handler';

const INTERNAL_TOPICS = new Set(['__consumer_offsets', '__transaction_state']);

export interface MetadataDeps {
  metadataCache: MetadataCache;
  clusterId: () => string;
  /** Creates the topics when auto-creation applies; resolves with those it started to create. */
  autoCreateTopics?: (topics: string[]) => Promise<Set<string>>;
  autoCreateTopicsEnable: boolean;
}

type TopicResponse = NonNullable<MetadataResponseInput['topics']>[number];

export function metadataHandler(deps: MetadataDeps): ApiHandler<typeof ApiKey.Metadata> {
  const cache = deps.metadataCache;
  return {
    apiKey: ApiKey.Metadata,
    minVersion: 0,
    maxVersion: 9,
    async handle(request, { header, connection }) {
      const version = header.apiVersion;
      // v0: an empty list means every topic; v1+: null means every topic, empty means none.
      const all = request.topics === null || (version === 0 && request.topics.length === 0);
      const requested = all ? cache.topics() : [...new Set((request.topics ?? []).map((t) => t.name ?? ''))];
      const unknown = requested.filter((t) => !cache.contains(t));
      const allowAuto = deps.autoCreateTopicsEnable && (version < 4 || request.allowAutoTopicCreation);
      const created =
        allowAuto && unknown.length > 0 && deps.autoCreateTopics
          ? await deps.autoCreateTopics(unknown)
          : new Set<string>();
      const topics: TopicResponse[] = requested.map((name) => {
        if (!cache.contains(name)) {
          return {
            errorCode: created.has(name)
              ? ErrorCode.LEADER_NOT_AVAILABLE
              : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            name,
            isInternal: INTERNAL_TOPICS.has(name),
            partitions: [],
          };
        }
        return {
          errorCode: ErrorCode.NONE,
          name,
          isInternal: INTERNAL_TOPICS.has(name),
          partitions: cache.partitionsOf(name).map((p) => {
            const leaderAlive = p.leader >= 0 && cache.isAlive(p.leader);
            const replicasUp = p.replicas.every((r) => cache.isAlive(r));
            let errorCode: number = ErrorCode.NONE;
            if (!leaderAlive) errorCode = ErrorCode.LEADER_NOT_AVAILABLE;
            else if (version === 0 && !replicasUp) errorCode = ErrorCode.REPLICA_NOT_AVAILABLE;
            return {
              errorCode,
              partitionIndex: p.partition,
              leaderId: leaderAlive ? p.leader : -1,
              leaderEpoch: p.leaderEpoch,
              replicaNodes: p.replicas,
              isrNodes: p.isr,
              offlineReplicas: p.offlineReplicas,
            };
          }),
          ...(version >= 8 ? { topicAuthorizedOperations: -2147483648 } : {}),
        };
      });
      const brokers = cache.aliveBrokers().flatMap((b) => {
        const e = b.endpoints.get(connection.listenerName);
        return e ? [{ nodeId: b.id, host: e.host, port: e.port, rack: b.rack }] : [];
      });
      const controllerId = cache.isAlive(cache.controllerId) ? cache.controllerId : -1;
      return {
        throttleTimeMs: 0,
        brokers,
        clusterId: deps.clusterId(),
        controllerId,
        topics,
      };
    },
  };
}
