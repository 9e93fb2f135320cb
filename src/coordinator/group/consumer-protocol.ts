/**
 * The "consumer" embedded protocol (Kafka's ConsumerProtocol) that group members put in JoinGroup
 * metadata and SyncGroup assignments. Every version starts with the version-0 prefix, which is all
 * the coordinator and the tools read:
 *   Subscription: version int16, topics [string], userData bytes (nullable), (v1+) owned partitions…
 *   Assignment:   version int16, partitions [topic string, [partition int32]], userData bytes (nullable)
 * Pure functions; malformed input throws.
 */
import { Reader } from '../../protocol';

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

/** The topics a member subscribes to. */
export function decodeSubscriptionTopics(metadata: Buffer): string[] {
  const r = new Reader(metadata);
  r.int16();
  const n = r.arrayLength();
  const topics: string[] = [];
  for (let i = 0; i < n; i++) topics.push(r.string());
  return topics;
}

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

/** The partitions assigned to a member; an empty buffer (no assignment yet) gives none. */
export function decodeAssignment(assignment: Buffer): TopicPartitions[] {
  if (assignment.length === 0) return [];
  const r = new Reader(assignment);
  r.int16();
  const n = r.arrayLength();
  const out: TopicPartitions[] = [];
  for (let i = 0; i < n; i++) {
    const topic = r.string();
    const count = r.arrayLength();
    const partitions: number[] = [];
    for (let j = 0; j < count; j++) partitions.push(r.int32());
    out.push({ topic, partitions });
  }
  return out;
}
