/**
 * `partition.metadata` in a partition's directory (Kafka 2.8, inter.broker.protocol.version >=
 * 2.8-IV0): the topic id the partition belongs to, written once the broker learns it from a
 * LeaderAndIsr request: `version: 0\ntopic_id: <22-character id>\n`. Written atomically.
 */
import fs from 'node:fs';
import path from 'node:path';

export const PARTITION_METADATA_FILE = 'partition.metadata';
const ZERO_TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAA';

export function readPartitionTopicId(dir: string): string | null {
  try {
    const text = fs.readFileSync(path.join(dir, PARTITION_METADATA_FILE), 'utf8');
    return /^topic_id: (\S+)$/m.exec(text)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Writes the file unless it already holds this id; a zero or missing id writes nothing. */
export function maybeWritePartitionMetadata(dir: string, topicId: string | null): void {
  if (!topicId || topicId === ZERO_TOPIC_ID || readPartitionTopicId(dir) === topicId) return;
  const file = path.join(dir, PARTITION_METADATA_FILE);
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, `version: 0\ntopic_id: ${topicId}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
