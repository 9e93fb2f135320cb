/**
 * Turns request frames into responses: decodes the header, finds the API's handler, checks the
 * version against the handler's bounds, decodes the body, runs the handler and encodes the response
 * with the header version the API requires.
 *
 * As Kafka does: an ApiVersions request at an unsupported version gets a v0 UNSUPPORTED_VERSION
 * answer listing the supported range; an unknown API key, an unsupported version of any other API,
 * or a body that does not decode closes the connection (InvalidRequestError).
 */
import {
  ApiKey,
  decodeRequest,
  decodeRequestHeader,
  encodeResponse,
  encodeResponseChunks,
  encodeUnsupportedApiVersionsResponse,
  isApiVersionSupported,
  Reader,
  type FetchResponseInput,
  type SupportedApiKey,
} from '../protocol';
import { InvalidRequestError, type RequestHandler } from '../network/socket-server';
import { getLogger } from '../common/logger';
import type { KafkaServer } from './kafka-server';
import { HandlerRegistry } from './handlers/api-handler';
import { apiVersionsHandler } from './handlers/api-versions';
import {
  leaderAndIsrHandler,
  stopReplicaHandler,
  updateMetadataHandler,
} from './handlers/controller-requests';
import { metadataHandler } from './handlers/metadata';
import { adminApis } from './handlers/admin';
import { produceHandler } from './handlers/produce';
import { fetchHandler } from './handlers/fetch';
import { listOffsetsHandler } from './handlers/list-offsets';
import { initProducerIdHandler } from './handlers/init-producer-id';
import { controlledShutdownHandler } from './handlers/controlled-shutdown';
import { electLeadersHandler } from './handlers/elect-leaders';
import { offsetForLeaderEpochHandler } from './handlers/offset-for-leader-epoch';

/** Every API this broker serves, each with its version bounds. */
export function buildRegistry(server: KafkaServer): HandlerRegistry {
  const metadataCache = server.metadataCache;
  const replicaManager = server.replicaManager;
  const producerIds = server.producerIdManager;
  if (!metadataCache || !replicaManager || !producerIds) {
    throw new Error('the broker must build its components before its handlers');
  }
  const dataDeps = { metadataCache, replicaManager };
  const controllerDeps = { metadataCache, replicaManager, brokerEpoch: () => server.brokerEpoch };
  const admin = adminApis(server);
  const registry = new HandlerRegistry();
  registry
    .register(apiVersionsHandler(registry))
    .register(
      metadataHandler({
        metadataCache,
        clusterId: () => server.clusterId,
        autoCreateTopicsEnable: server.settings.kafkaConfig.autoCreateTopicsEnable,
        ...(admin.autoCreateTopics ? { autoCreateTopics: admin.autoCreateTopics } : {}),
      }),
    )
    .register(produceHandler(dataDeps))
    .register(fetchHandler(dataDeps))
    .register(listOffsetsHandler(dataDeps))
    .register(initProducerIdHandler(producerIds))
    .register(offsetForLeaderEpochHandler(dataDeps))
    .register(controlledShutdownHandler(() => server.controller))
    .register(electLeadersHandler(() => server.controller))
    .register(leaderAndIsrHandler(controllerDeps))
    .register(updateMetadataHandler(controllerDeps))
    .register(stopReplicaHandler(controllerDeps));
  for (const handler of admin.handlers) registry.register(handler);
  for (const handler of server.groupCoordinator?.handlers ?? []) registry.register(handler);
  return registry;
}

/** Records runs of at least this many bytes are sent from the buffers they were read into. */
const FETCH_RECORDS_REFERENCE_BYTES = 1024;

/** Room for a fetch response's own bytes (not its records), so the writer rarely grows. */
function fetchResponseSizeHint(response: FetchResponseInput): number {
  let size = 1024;
  for (const t of response.responses ?? []) {
    size += 64 + t.topic.length;
    for (const p of t.partitions) {
      const records = p.records?.length ?? 0;
      size += 96 + (records < FETCH_RECORDS_REFERENCE_BYTES ? records : 0);
    }
  }
  return size;
}

export function createRequestHandler(server: KafkaServer): RequestHandler {
  const registry = buildRegistry(server);
  const log = getLogger('kafka.server.KafkaApis');
  return async (frame, connection) => {
    let decoded;
    try {
      decoded = decodeRequestHeader(frame);
    } catch (err) {
      throw new InvalidRequestError('Error parsing request header', { cause: err });
    }
    const { header, bodyOffset } = decoded;
    const handler = registry.get(header.apiKey);
    const inRange =
      handler && header.apiVersion >= handler.minVersion && header.apiVersion <= handler.maxVersion;
    if (!inRange || !isApiVersionSupported(header.apiKey, header.apiVersion)) {
      if (header.apiKey === ApiKey.ApiVersions && handler) {
        return encodeUnsupportedApiVersionsResponse(
          header.correlationId,
          handler.minVersion,
          handler.maxVersion,
        );
      }
      throw new InvalidRequestError(
        `Unsupported api key ${header.apiKey} or version ${header.apiVersion} (client ${header.clientId ?? ''})`,
      );
    }
    const apiKey = header.apiKey as SupportedApiKey;
    let body;
    try {
      const reader = new Reader(frame);
      reader.offset = bodyOffset;
      body = decodeRequest(apiKey, header.apiVersion, reader);
    } catch (err) {
      throw new InvalidRequestError(
        `Error getting request for apiKey: ${header.apiKey}, apiVersion: ${header.apiVersion}, connectionId: ${connection.connectionId}`,
        { cause: err },
      );
    }
    const response = await handler.handle(body as never, { header, connection });
    if (response === null) return null;
    log.trace(`Sending response to ${connection.connectionId} for api key ${apiKey}`);
    if (apiKey === ApiKey.Fetch) {
      // Fetch responses carry the records: they go to the socket from the buffers the log was read
      // into, between the encoded pieces of the response (one vectored write), never copied again.
      return encodeResponseChunks(apiKey, header.apiVersion, header.correlationId, response as never, {
        sizeHint: fetchResponseSizeHint(response as FetchResponseInput),
        referenceAtLeast: FETCH_RECORDS_REFERENCE_BYTES,
      });
    }
    return encodeResponse(apiKey, header.apiVersion, header.correlationId, response as never);
  };
}
