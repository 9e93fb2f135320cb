/**
 * Reads one `__consumer_offsets` partition from its log start to its log end and folds it into the
 * latest state per key, as Kafka's doLoadGroupsAndOffsets does: the last offset commit per
 * (group, topic, partition) unless a tombstone follows it, the last group metadata per group unless
 * a tombstone follows it. Transactional commits are not produced by this broker and are skipped.
 * `loadPartition` is pure over a LoadableLog; `materializeGroups` turns its result into groups.
 */
import { CompressionType, decodeRecords, readBatchHeader, splitBatches } from '../../protocol';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import type { LoadableLog } from './coordinator-log';
import { GroupMetadata } from './group-metadata';
import { MemberMetadata } from './member-metadata';
import type { CommitRecordMetadataAndOffset, TopicPartition } from './group-offsets';
import { topicPartitionKey } from './group-offsets';
import {
  readGroupMetadataValue,
  readMessageKey,
  readOffsetCommitValue,
  type GroupMetadataRecord,
} from './group-records';

export interface LoadedPartition {
  /** Group metadata per group id (groups whose last record was a tombstone are absent). */
  groups: Map<string, GroupMetadataRecord>;
  /** Offsets per group id, keyed by topicPartitionKey. */
  offsets: Map<string, Map<string, { tp: TopicPartition; commit: CommitRecordMetadataAndOffset }>>;
  /** Groups whose last metadata record was a tombstone. */
  removedGroups: Set<string>;
  /** Batches that could not be read (compressed, malformed) and were skipped. */
  skippedBatches: number;
}

export function loadPartition(
  log: LoadableLog,
  loadBufferSize: number,
  stopped: () => boolean,
): LoadedPartition {
  const out: LoadedPartition = {
    groups: new Map(),
    offsets: new Map(),
    removedGroups: new Set(),
    skippedBatches: 0,
  };
  let current = log.logStartOffset;
  let readSomething = true;
  while (current < log.logEndOffset() && readSomething && !stopped()) {
    const records = log.read(current, loadBufferSize);
    const { batches } = splitBatches(records);
    readSomething = batches.length > 0;
    for (const slice of batches) {
      const header = readBatchHeader(records, slice.position);
      current = header.lastOffset + 1n;
      if (header.isControl || header.isTransactional || header.compression !== CompressionType.None) {
        out.skippedBatches++;
        continue;
      }
      let decoded;
      try {
        decoded = decodeRecords(records, slice.position);
      } catch {
        out.skippedBatches++;
        continue;
      }
      for (const record of decoded.records) {
        if (record.key === null) continue;
        const key = readMessageKey(record.key);
        if (key.kind === 'offset') {
          const tp = { topic: key.topic, partition: key.partition };
          const k = topicPartitionKey(tp);
          let groupOffsets = out.offsets.get(key.group);
          const value = readOffsetCommitValue(record.value);
          if (value === null) {
            groupOffsets?.delete(k);
            if (groupOffsets?.size === 0) out.offsets.delete(key.group);
            continue;
          }
          if (!groupOffsets) out.offsets.set(key.group, (groupOffsets = new Map()));
          groupOffsets.set(k, {
            tp,
            commit: { appendedBatchOffset: header.baseOffset, offsetAndMetadata: value },
          });
        } else {
          const value = readGroupMetadataValue(record.value);
          if (value === null) {
            out.groups.delete(key.group);
            out.removedGroups.add(key.group);
          } else {
            out.removedGroups.delete(key.group);
            out.groups.set(key.group, value);
          }
        }
      }
    }
  }
  return out;
}

/**
 * The groups of a loaded partition with their offsets: groups with metadata (Stable with members, or
 * Empty), then groups that only have offsets (Empty, generation 0).
 */
export function materializeGroups(loaded: LoadedPartition, clock: Clock, log: Logger): GroupMetadata[] {
  const out: GroupMetadata[] = [];
  for (const [groupId, record] of loaded.groups) {
    const members = record.members.map(
      (m) =>
        new MemberMetadata(
          m.memberId,
          m.groupInstanceId,
          m.clientId,
          m.clientHost,
          m.rebalanceTimeout,
          m.sessionTimeout,
          record.protocolType,
          [{ name: record.protocol ?? '', metadata: m.subscription }],
          m.assignment,
        ),
    );
    for (const m of members)
      log.info(`Loaded member ${m.toString()} in group ${groupId} with generation ${record.generation}.`);
    const group = loadGroup(groupId, { ...record, members }, clock);
    const offsets = loaded.offsets.get(groupId);
    if (offsets) group.offsets.initialize(offsets);
    out.push(group);
  }
  for (const [groupId, offsets] of loaded.offsets) {
    if (loaded.groups.has(groupId)) continue;
    const group = new GroupMetadata(groupId, 'Empty', clock);
    group.offsets.initialize(offsets);
    out.push(group);
  }
  return out;
}

/** Builds a group read back from `__consumer_offsets` (Kafka's GroupMetadata.loadGroup). */
export function loadGroup(
  groupId: string,
  record: {
    generation: number;
    protocolType: string;
    protocol: string | null;
    leader: string | null;
    currentStateTimestamp: bigint;
    members: MemberMetadata[];
  },
  clock: Clock,
): GroupMetadata {
  const group = new GroupMetadata(groupId, record.members.length === 0 ? 'Empty' : 'Stable', clock);
  group.generationId = record.generation;
  group.protocolType = record.protocolType === '' ? null : record.protocolType;
  group.protocolName = record.protocol;
  for (const m of record.members) {
    group.add(m);
    if (m.groupInstanceId !== null) group.addStaticMember(m.groupInstanceId, m.memberId);
  }
  group.setLeader(record.leader);
  group.currentStateTimestamp =
    record.currentStateTimestamp === -1n ? null : Number(record.currentStateTimestamp);
  group.refreshSubscribedTopics();
  return group;
}
