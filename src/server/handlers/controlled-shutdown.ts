/**
 * ControlledShutdown (7), v0–v3: a broker that is stopping asks the controller to move its
 * leaderships first. Only the active controller acts on it; any other broker answers NOT_CONTROLLER.
 */
import { ApiKey, ErrorCode } from '../../protocol';
import type { KafkaController } from '../../controller/kafka-controller';
import type { ApiHandler } from './api-handler';

export function controlledShutdownHandler(
  controller: () => KafkaController | undefined,
): ApiHandler<typeof ApiKey.ControlledShutdown> {
  return {
    apiKey: ApiKey.ControlledShutdown,
    minVersion: 0,
    maxVersion: 3,
    async handle(request) {
      const c = controller();
      const result = c
        ? await c.controlledShutdown(request.brokerId, request.brokerEpoch)
        : { errorCode: ErrorCode.NOT_CONTROLLER, remaining: [] };
      return {
        errorCode: result.errorCode,
        remainingPartitions: result.remaining.map((tp) => ({
          topicName: tp.topic,
          partitionIndex: tp.partition,
        })),
      };
    },
  };
}
