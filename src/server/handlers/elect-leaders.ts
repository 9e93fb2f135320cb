/**
 * ElectLeaders (43), v0–v2 (kafka-leader-election.sh): the active controller runs preferred (0) or
 * unclean (1) elections; any other broker answers NOT_CONTROLLER so the client goes to the controller.
 */
import { ApiKey, ErrorCode, type ElectLeadersResponseInput } from '../../protocol';
import type { KafkaController } from '../../controller/kafka-controller';
import type { ApiHandler } from './api-handler';

type TopicResult = ElectLeadersResponseInput['replicaElectionResults'][number];

export function electLeadersHandler(
  controller: () => KafkaController | undefined,
): ApiHandler<typeof ApiKey.ElectLeaders> {
  return {
    apiKey: ApiKey.ElectLeaders,
    minVersion: 0,
    maxVersion: 2,
    async handle(request, { header }) {
      const partitions =
        request.topicPartitions === null
          ? null
          : request.topicPartitions.flatMap((t) =>
              t.partitionId.map((partition) => ({ topic: t.topic, partition })),
            );
      const type = header.apiVersion >= 1 && request.electionType === 1 ? 'UNCLEAN' : 'PREFERRED';
      const c = controller();
      const result = c
        ? await c.electLeaders(partitions, type)
        : { errorCode: ErrorCode.NOT_CONTROLLER, outcomes: [] };
      const byTopic = new Map<string, TopicResult['partitionResult']>();
      const add = (
        topic: string,
        partitionId: number,
        errorCode: number,
        errorMessage: string | null,
      ): void => {
        let list = byTopic.get(topic);
        if (!list) byTopic.set(topic, (list = []));
        list.push({ partitionId, errorCode, errorMessage });
      };
      if (result.errorCode !== ErrorCode.NONE && header.apiVersion === 0) {
        // v0 has no top-level error: every partition carries it.
        for (const tp of partitions ?? []) add(tp.topic, tp.partition, result.errorCode, null);
      }
      for (const o of result.outcomes) add(o.tp.topic, o.tp.partition, o.errorCode, o.message);
      return {
        throttleTimeMs: 0,
        ...(header.apiVersion >= 1 ? { errorCode: result.errorCode } : {}),
        replicaElectionResults: [...byTopic].map(([topic, partitionResult]) => ({ topic, partitionResult })),
      };
    },
  };
}
