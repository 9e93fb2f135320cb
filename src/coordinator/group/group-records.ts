/**
 * The records of `__consumer_offsets`, in Kafka's binary layout (core/src/main/resources/common/
 * message/{OffsetCommitKey,OffsetCommitValue,GroupMetadataKey,GroupMetadataValue}.json, 2.8), so any
 * tool that reads the topic (Kafka's formatters, Burrow) understands them. Every key and value starts
 * with an int16 version; strings are int16-length UTF-8, bytes int32-length; none is flexible.
 *
 *  - offset commit key, version 0 or 1: group, topic, partition (int32). Written as version 1.
 *  - group metadata key, version 2: group.
 *  - offset commit value: v0 offset, metadata, commitTimestamp; v1 adds expireTimestamp; v2 is v0;
 *    v3 adds leaderEpoch after offset. Written as v3, or v1 when an explicit retention was given
 *    (OffsetCommit v2–v4 retentionTimeMs), as Kafka 2.8 does.
 *  - group metadata value: v0 protocolType, generation, protocol (nullable), leader (nullable),
 *    members [memberId, clientId, clientHost, sessionTimeout, subscription, assignment]; v1 adds the
 *    member's rebalanceTimeout before sessionTimeout; v2 adds currentStateTimestamp after leader;
 *    v3 adds the member's groupInstanceId (nullable) after memberId. Written as v3.
 *
 * A null value is a tombstone. Pure functions.
 */
import { Reader, Writer } from '../../protocol';

export const OFFSET_COMMIT_KEY_VERSION = 1;
export const GROUP_METADATA_KEY_VERSION = 2;
export const GROUP_METADATA_VALUE_VERSION = 3;

export interface OffsetAndMetadata {
  offset: bigint;
  /** -1 when unknown. */
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: bigint;
  /** Only for commits with an explicit retention (value v1); null otherwise. */
  expireTimestamp: bigint | null;
}

export type GroupRecordKey =
  | { kind: 'offset'; version: number; group: string; topic: string; partition: number }
  | { kind: 'group'; version: number; group: string };

export interface MemberRecord {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeout: number;
  sessionTimeout: number;
  subscription: Buffer;
  assignment: Buffer;
}

export interface GroupMetadataRecord {
  protocolType: string;
  generation: number;
  protocol: string | null;
  leader: string | null;
  /** -1 when absent (values before v2). */
  currentStateTimestamp: bigint;
  members: MemberRecord[];
}

export class GroupRecordFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalStateException';
  }
}

export function encodeOffsetCommitKey(group: string, topic: string, partition: number): Buffer {
  return new Writer(16 + group.length + topic.length)
    .int16(OFFSET_COMMIT_KEY_VERSION)
    .string(group)
    .string(topic)
    .int32(partition)
    .toBuffer();
}

export function encodeGroupMetadataKey(group: string): Buffer {
  return new Writer(8 + group.length).int16(GROUP_METADATA_KEY_VERSION).string(group).toBuffer();
}

/** The value version Kafka 2.8 (IBP ≥ 2.1) writes for an offset commit. */
export function offsetCommitValueVersion(o: OffsetAndMetadata): number {
  return o.expireTimestamp !== null ? 1 : 3;
}

export function encodeOffsetCommitValue(o: OffsetAndMetadata): Buffer {
  const version = offsetCommitValueVersion(o);
  const w = new Writer(40 + o.metadata.length).int16(version).int64(o.offset);
  if (version >= 3) w.int32(o.leaderEpoch);
  w.string(o.metadata).int64(o.commitTimestamp);
  if (version === 1) w.int64(o.expireTimestamp ?? -1n);
  return w.toBuffer();
}

export function encodeGroupMetadataValue(g: GroupMetadataRecord): Buffer {
  const w = new Writer(256)
    .int16(GROUP_METADATA_VALUE_VERSION)
    .string(g.protocolType)
    .int32(g.generation)
    .nullableString(g.protocol)
    .nullableString(g.leader)
    .int64(g.currentStateTimestamp)
    .int32(g.members.length);
  for (const m of g.members) {
    w.string(m.memberId)
      .nullableString(m.groupInstanceId)
      .string(m.clientId)
      .string(m.clientHost)
      .int32(m.rebalanceTimeout)
      .int32(m.sessionTimeout)
      .bytes(m.subscription)
      .bytes(m.assignment);
  }
  return w.toBuffer();
}

/** Decodes a record key: offset commit (versions 0–1) or group metadata (version 2). */
export function readMessageKey(key: Buffer): GroupRecordKey {
  const r = new Reader(key);
  const version = r.int16();
  if (version === 0 || version === 1) {
    return { kind: 'offset', version, group: r.string(), topic: r.string(), partition: r.int32() };
  }
  if (version === 2) return { kind: 'group', version, group: r.string() };
  throw new GroupRecordFormatError(`Unknown group metadata message version: ${version}`);
}

/** Decodes an offset commit value (v0–v3); null for a tombstone. */
export function readOffsetCommitValue(value: Buffer | null): OffsetAndMetadata | null {
  if (value === null) return null;
  const r = new Reader(value);
  const version = r.int16();
  if (version < 0 || version > 3)
    throw new GroupRecordFormatError(`Unknown offset message version: ${version}`);
  const offset = r.int64();
  const leaderEpoch = version >= 3 ? r.int32() : -1;
  const metadata = r.string();
  const commitTimestamp = r.int64();
  const expire = version === 1 ? r.int64() : -1n;
  return { offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp: expire === -1n ? null : expire };
}

/** Decodes a group metadata value (v0–v3); null for a tombstone. */
export function readGroupMetadataValue(value: Buffer | null): GroupMetadataRecord | null {
  if (value === null) return null;
  const r = new Reader(value);
  const version = r.int16();
  if (version < 0 || version > 3) {
    throw new GroupRecordFormatError(`Unknown group metadata message version: ${version}`);
  }
  const protocolType = r.string();
  const generation = r.int32();
  const protocol = r.nullableString();
  const leader = r.nullableString();
  const currentStateTimestamp = version >= 2 ? r.int64() : -1n;
  const count = r.int32();
  const members: MemberRecord[] = [];
  for (let i = 0; i < count; i++) {
    const memberId = r.string();
    const groupInstanceId = version >= 3 ? r.nullableString() : null;
    const clientId = r.string();
    const clientHost = r.string();
    const rebalance = version >= 1 ? r.int32() : undefined;
    const sessionTimeout = r.int32();
    members.push({
      memberId,
      groupInstanceId,
      clientId,
      clientHost,
      // v0 has no rebalance timeout: Kafka uses the session timeout.
      rebalanceTimeout: rebalance ?? sessionTimeout,
      sessionTimeout,
      subscription: Buffer.from(r.bytes()),
      assignment: Buffer.from(r.bytes()),
    });
  }
  return { protocolType, generation, protocol, leader, currentStateTimestamp, members };
}
