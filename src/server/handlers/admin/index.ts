/**
 * The admin APIs (CreateTopics, DeleteTopics, CreatePartitions, DescribeConfigs, AlterConfigs) and
 * topic auto-creation for Metadata. kafka-apis.ts registers whatever this returns.
 */
import type { KafkaServer } from '../../kafka-server';
import type { ApiHandler } from '../api-handler';

export interface AdminApis {
  handlers: ApiHandler[];
  /** Used by Metadata when auto-creation applies; absent means unknown topics are not created. */
  autoCreateTopics?: (topics: string[]) => Promise<Set<string>>;
}

export function adminApis(_server: KafkaServer): AdminApis {
  return { handlers: [] };
}
