/**
 * Produce (0), v3–v7. Each partition's batch is validated and appended as the client sent it (offsets
 * patched in place, records never decoded). acks=0 gets no response at all; acks=1 answers after the
 * leader's append; acks=-1 waits in the produce purgatory until the high watermark covers the batch or
 * the request times out. Idempotent producers' retries get their original offsets back.
 *
 * Everything up to the appends runs synchronously, before `handle` first yields: the socket layer
 * starts the produce requests of one connection back to back (see SocketServer's `pipelined`), which
 * keeps appends in arrival order only because of that, and reuses a frame's memory once its
 * handler has returned. Do not add an `await` before the appends.
 */
import {
  ApiKey,
  ErrorCode,
  KafkaError,
  readBatchHeader,
  toErrorCode,
  type ProduceResponseInput,
} from '../../protocol';
import type { MetadataCache } from '../metadata-cache';
import type { ReplicaManager } from '../../replication/replica-manager';
import type { ProducePartitionStatus } from '../../replication/delayed-operations';
import { getLogger } from '../../common/logger';
import type { ApiHandler } from './api-handler';

export interface ProduceDeps {
  replicaManager: ReplicaManager;
  metadataCache: MetadataCache;
}

const log = getLogger('kafka.server.KafkaApis');

/** A v3+ produce request carries exactly one record batch per partition. */
function singleBatch(records: Buffer): ReturnType<typeof readBatchHeader> {
  const header = readBatchHeader(records, 0);
  if (12 + header.batchLength !== records.length) {
    throw new KafkaError(
      ErrorCode.INVALID_RECORD,
      'Produce requests with version 3 and above must contain exactly one record batch',
    );
  }
  return header;
}

export function produceHandler(deps: ProduceDeps): ApiHandler<typeof ApiKey.Produce> {
  const rm = deps.replicaManager;
  return {
    apiKey: ApiKey.Produce,
    minVersion: 3,
    maxVersion: 7,
    async handle(request) {
      const acks = request.acks;
      const statuses: ProducePartitionStatus[] = [];
      const errorMessages = new Map<ProducePartitionStatus, string>();
      for (const topic of request.topicData) {
        for (const pd of topic.partitionData) {
          const status: ProducePartitionStatus = {
            topic: topic.name,
            partition: pd.index,
            requiredOffset: -1n,
            errorCode: ErrorCode.NONE,
            baseOffset: -1n,
            logAppendTimeMs: -1n,
            logStartOffset: -1n,
          };
          statuses.push(status);
          if (acks !== 0 && acks !== 1 && acks !== -1) {
            status.errorCode = ErrorCode.INVALID_REQUIRED_ACKS;
            continue;
          }
          try {
            if (request.transactionalId !== null) {
              throw new KafkaError(
                ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
                'Transactions are not supported',
              );
            }
            const partition = rm.leaderPartition(
              { topic: topic.name, partition: pd.index },
              deps.metadataCache.contains(topic.name),
            );
            const records = pd.records;
            if (!records || records.length === 0) {
              throw new KafkaError(ErrorCode.CORRUPT_MESSAGE, 'Produce request contains no records');
            }
            const header = singleBatch(records);
            const producerBatch = {
              producerId: header.producerId,
              producerEpoch: header.producerEpoch,
              baseSequence: header.baseSequence,
              lastOffsetDelta: header.lastOffsetDelta,
            };
            const check = partition.producers.check(producerBatch);
            if (check.kind === 'error') throw new KafkaError(check.errorCode, check.message);
            if (check.kind === 'duplicate') {
              status.baseOffset = check.firstOffset;
              status.logStartOffset = partition.localLog.logStartOffset;
              continue;
            }
            const config = partition.localLog.config;
            const info = partition.appendRecordsToLeader(records, acks, config.minInSyncReplicas, {
              timestampType: config.messageTimestampType,
              maxMessageBytes: config.maxMessageBytes,
            });
            partition.producers.update(producerBatch, info.firstOffset);
            status.baseOffset = info.firstOffset;
            status.logAppendTimeMs = info.logAppendTime;
            status.logStartOffset = info.logStartOffset;
            if (acks === -1) status.requiredOffset = info.lastOffset + 1n;
            rm.onPartitionChanged(status);
          } catch (err) {
            status.errorCode = toErrorCode(err);
            if (err instanceof Error) errorMessages.set(status, err.message);
            if (status.errorCode === ErrorCode.UNKNOWN_SERVER_ERROR) {
              log.error(`Error processing append operation on partition ${topic.name}-${pd.index}`, err);
            }
          }
        }
      }
      if (acks === 0) return null;
      const toResponse = (all: ProducePartitionStatus[]): ProduceResponseInput => {
        const byTopic = new Map<string, ProducePartitionStatus[]>();
        for (const s of all) {
          let list = byTopic.get(s.topic);
          if (!list) byTopic.set(s.topic, (list = []));
          list.push(s);
        }
        return {
          responses: [...byTopic].map(([name, list]) => ({
            name,
            partitionResponses: list.map((s) => ({
              index: s.partition,
              errorCode: s.errorCode,
              baseOffset: s.errorCode === ErrorCode.NONE ? s.baseOffset : -1n,
              logAppendTimeMs: s.logAppendTimeMs,
              logStartOffset: s.logStartOffset,
            })),
          })),
          throttleTimeMs: 0,
        };
      };
      const waiting = statuses.filter((s) => s.requiredOffset >= 0n);
      if (acks !== -1 || waiting.length === 0) return toResponse(statuses);
      return new Promise((resolve) => {
        rm.awaitReplication(request.timeoutMs, statuses, (done) => resolve(toResponse(done)));
      });
    },
  };
}
