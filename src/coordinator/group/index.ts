/**
 * The group coordinator as the broker sees it: the group APIs' handlers, started after the
 * controller and stopped before the replica manager.
 */
import type { KafkaServer } from '../../server/kafka-server';
import type { ApiHandler } from '../../server/handlers/api-handler';

export interface GroupCoordinatorComponent {
  readonly handlers: ApiHandler[];
  startup(): Promise<void>;
  shutdown(): Promise<void>;
}

export function createGroupCoordinator(_server: KafkaServer): GroupCoordinatorComponent {
  return { handlers: [], startup: async () => {}, shutdown: async () => {} };
}
