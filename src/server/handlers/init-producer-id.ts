/**
 * InitProducerId (22), v0–v4, for idempotent producers (no transactions: a transactional id gets
 * TRANSACTIONAL_ID_AUTHORIZATION_FAILED, since this broker has no transaction coordinator). Each
 * call hands out a fresh producer id at epoch 0 from this broker's block.
 */
import { ApiKey, ErrorCode } from '../../protocol';
import type { ProducerIdManager } from '../../coordinator/transaction/producer-id-manager';
import type { ApiHandler } from './api-handler';

export function initProducerIdHandler(
  producerIds: ProducerIdManager,
): ApiHandler<typeof ApiKey.InitProducerId> {
  return {
    apiKey: ApiKey.InitProducerId,
    minVersion: 0,
    maxVersion: 4,
    async handle(request) {
      if (request.transactionalId !== null) {
        return {
          throttleTimeMs: 0,
          errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
          producerId: -1n,
          producerEpoch: -1,
        };
      }
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.NONE,
        producerId: await producerIds.generateProducerId(),
        producerEpoch: 0,
      };
    },
  };
}
