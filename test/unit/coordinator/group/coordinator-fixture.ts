/** A GroupCoordinator on MockTime and an in-memory log, with helpers that speak for group members. */
import type { MockTime } from '../../../../src/common/clock';
import { configureLogging } from '../../../../src/common/logger';
import { GroupCoordinator } from '../../../../src/coordinator/group/group-coordinator';
import type { JoinGroupRequestArgs } from '../../../../src/coordinator/group/membership';
import type { JoinGroupResult } from '../../../../src/coordinator/group/member-metadata';
import { partitionFor } from '../../../../src/coordinator/group/partition-for';
import type { MemoryCoordinatorLog } from './memory-log';

configureLogging({ console: false });

export const PARTITIONS = 4;

export function coordinatorFor(
  time: MockTime,
  log: MemoryCoordinatorLog,
  overrides: Partial<{ initialDelayMs: number; retentionMs: number }> = {},
): GroupCoordinator {
  const c = new GroupCoordinator({
    brokerId: 0,
    groupConfig: {
      groupMinSessionTimeoutMs: 1000,
      groupMaxSessionTimeoutMs: 60000,
      groupMaxSize: 1000,
      groupInitialRebalanceDelayMs: overrides.initialDelayMs ?? 0,
    },
    offsetConfig: {
      maxMetadataSize: 4096,
      loadBufferSize: 1 << 20,
      offsetsRetentionMs: overrides.retentionMs ?? 7 * 24 * 3600 * 1000,
      offsetsRetentionCheckIntervalMs: 600000,
      offsetsTopicNumPartitions: PARTITIONS,
      offsetCommitTimeoutMs: 5000,
      offsetCommitRequiredAcks: -1,
    },
    coordinatorLog: log,
    clock: time,
    scheduler: time,
  });
  c.startup(PARTITIONS);
  return c;
}

/** Makes the coordinator own every offsets partition (runs the scheduled loads). */
export function electAll(c: GroupCoordinator, time: MockTime, epoch = 0): void {
  for (let p = 0; p < PARTITIONS; p++) c.onElection(p, epoch);
  time.advance(0);
}

export function partitionOf(groupId: string): number {
  return partitionFor(groupId, PARTITIONS);
}

/** Consumer-protocol subscription metadata (v0) for `topics`. */
export function subscription(...topics: string[]): Buffer {
  const parts = [Buffer.from([0, 0]), Buffer.alloc(4)];
  parts[1]?.writeInt32BE(topics.length);
  for (const t of topics) {
    const len = Buffer.alloc(2);
    len.writeInt16BE(Buffer.byteLength(t));
    parts.push(len, Buffer.from(t));
  }
  parts.push(Buffer.from([0xff, 0xff, 0xff, 0xff]));
  return Buffer.concat(parts);
}

export function joinArgs(
  groupId: string,
  overrides: Partial<JoinGroupRequestArgs> = {},
): JoinGroupRequestArgs {
  return {
    groupId,
    memberId: '',
    groupInstanceId: null,
    requireKnownMemberId: false,
    clientId: 'client',
    clientHost: '/127.0.0.1',
    rebalanceTimeoutMs: 10000,
    sessionTimeoutMs: 5000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: subscription('t') }],
    ...overrides,
  };
}

/** Lets pending promise continuations run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Tracks a JoinGroup response that may arrive later. */
export function pending<T>(p: Promise<T>): { value: () => T | undefined; promise: Promise<T> } {
  let v: T | undefined;
  void p.then((x) => (v = x));
  return { value: () => v, promise: p };
}

export type { JoinGroupResult };
