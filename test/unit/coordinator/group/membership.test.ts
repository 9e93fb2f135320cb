/** Joining, syncing, heartbeats and session expiry, on MockTime and an in-memory log. */
import { MockTime } from '../../../../src/common/clock';
import { ErrorCode } from '../../../../src/protocol';
import { decodeSubscriptionTopics } from '../../../../src/coordinator/group/consumer-protocol';
import type { GroupCoordinator } from '../../../../src/coordinator/group/group-coordinator';
import { coordinatorFor, electAll, flush, joinArgs, pending, subscription } from './coordinator-fixture';
import { MemoryCoordinatorLog } from './memory-log';

const G = 'group-a';
let time: MockTime;
let log: MemoryCoordinatorLog;
let c: GroupCoordinator;

beforeEach(() => {
  time = new MockTime();
  log = new MemoryCoordinatorLog([0, 1, 2, 3]);
  c = coordinatorFor(time, log);
  electAll(c, time);
});

/** Joins three members (the first gets MEMBER_ID_REQUIRED, as JoinGroup v4+ does) and completes the join. */
async function joinThree() {
  const first = await c.handleJoinGroup(joinArgs(G, { requireKnownMemberId: true }));
  expect(first.error).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  expect(first.memberId).toMatch(/^client-[0-9a-f-]{36}$/);
  const rr = { name: 'roundrobin', metadata: subscription('t', 'u') };
  const range = { name: 'range', metadata: subscription('t') };
  const a = pending(
    c.handleJoinGroup(
      joinArgs(G, { memberId: first.memberId, requireKnownMemberId: true, protocols: [rr, range] }),
    ),
  );
  const b = pending(c.handleJoinGroup(joinArgs(G, { clientId: 'b', protocols: [rr, range] })));
  const d = pending(c.handleJoinGroup(joinArgs(G, { clientId: 'd', protocols: [range, rr] })));
  await flush();
  expect(a.value()).toBeUndefined();
  time.advance(0); // group.initial.rebalance.delay.ms = 0
  await flush();
  return { a: a.value(), b: b.value(), d: d.value(), leaderId: first.memberId };
}

test('members join: the protocol is chosen by vote, the leader gets every member, followers none', async () => {
  const { a, b, d, leaderId } = await joinThree();
  for (const r of [a, b, d]) {
    expect(r?.error).toBe(ErrorCode.NONE);
    expect(r?.generationId).toBe(1);
    expect(r?.protocolName).toBe('roundrobin');
    expect(r?.leaderId).toBe(leaderId);
  }
  expect(a?.members.map((m) => m.memberId).sort()).toEqual([a?.memberId, b?.memberId, d?.memberId].sort());
  expect(a?.members.map((m) => decodeSubscriptionTopics(m.metadata))).toEqual([
    ['t', 'u'],
    ['t', 'u'],
    ['t', 'u'],
  ]);
  expect(b?.members).toEqual([]);
  expect(c.handleDescribeGroup(G).summary.state).toBe('CompletingRebalance');
});

test('SyncGroup: followers wait for the leader; the stored assignment reaches everyone; the group is Stable', async () => {
  const { a, b, d } = await joinThree();
  if (!a || !b || !d) throw new Error('join incomplete');
  const follower = pending(
    c.handleSyncGroup({
      groupId: G,
      generationId: 1,
      memberId: b.memberId,
      protocolType: null,
      protocolName: null,
      groupInstanceId: null,
      assignments: new Map(),
    }),
  );
  await flush();
  expect(follower.value()).toBeUndefined();
  const assignments = new Map([
    [a.memberId, Buffer.from('A')],
    [b.memberId, Buffer.from('B')],
  ]);
  const leader = await c.handleSyncGroup({
    groupId: G,
    generationId: 1,
    memberId: a.memberId,
    protocolType: null,
    protocolName: null,
    groupInstanceId: null,
    assignments,
  });
  await flush();
  expect(leader.assignment.toString()).toBe('A');
  expect(follower.value()?.assignment.toString()).toBe('B');
  // A member the leader left out gets an empty assignment.
  const late = await c.handleSyncGroup({
    groupId: G,
    generationId: 1,
    memberId: d.memberId,
    protocolType: null,
    protocolName: null,
    groupInstanceId: null,
    assignments: new Map(),
  });
  expect(late).toMatchObject({ error: ErrorCode.NONE, protocolType: 'consumer', protocolName: 'roundrobin' });
  expect(late.assignment.length).toBe(0);
  expect(c.handleDescribeGroup(G).summary.state).toBe('Stable');
  expect(log.appends).toBe(1); // the group metadata record
  const wrongGeneration = await c.handleSyncGroup({
    groupId: G,
    generationId: 0,
    memberId: a.memberId,
    protocolType: null,
    protocolName: null,
    groupInstanceId: null,
    assignments: new Map(),
  });
  expect(wrongGeneration.error).toBe(ErrorCode.ILLEGAL_GENERATION);
});

test('a session timeout outside the broker bounds is refused', async () => {
  expect((await c.handleJoinGroup(joinArgs(G, { sessionTimeoutMs: 999 }))).error).toBe(
    ErrorCode.INVALID_SESSION_TIMEOUT,
  );
  expect((await c.handleJoinGroup(joinArgs(G, { sessionTimeoutMs: 60001 }))).error).toBe(
    ErrorCode.INVALID_SESSION_TIMEOUT,
  );
  expect((await c.handleJoinGroup(joinArgs(G, { memberId: 'nobody' }))).error).toBe(
    ErrorCode.UNKNOWN_MEMBER_ID,
  );
  expect((await c.handleJoinGroup(joinArgs(''))).error).toBe(ErrorCode.INVALID_GROUP_ID);
});

test('a member that stops heartbeating is expelled after its session timeout; the others rejoin', async () => {
  const { a, b, d } = await joinThree();
  if (!a || !b || !d) throw new Error('join incomplete');
  await c.handleSyncGroup({
    groupId: G,
    generationId: 1,
    memberId: a.memberId,
    protocolType: null,
    protocolName: null,
    groupInstanceId: null,
    assignments: new Map(),
  });
  await flush();
  for (let t = 0; t < 4; t++) {
    time.advance(1000);
    expect(c.handleHeartbeat(G, a.memberId, null, 1)).toBe(ErrorCode.NONE);
    expect(c.handleHeartbeat(G, b.memberId, null, 1)).toBe(ErrorCode.NONE);
  }
  expect(c.handleDescribeGroup(G).summary.members).toHaveLength(3);
  time.advance(1000); // d's 5 s session ends
  expect(c.handleDescribeGroup(G).summary.state).toBe('PreparingRebalance');
  expect(c.handleHeartbeat(G, a.memberId, null, 1)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  expect(c.handleHeartbeat(G, d.memberId, null, 1)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  const ra = pending(c.handleJoinGroup(joinArgs(G, { memberId: a.memberId })));
  await flush();
  expect(ra.value()).toBeUndefined(); // waits for b
  const rb = await c.handleJoinGroup(joinArgs(G, { memberId: b.memberId, clientId: 'b' }));
  await flush();
  expect(rb.generationId).toBe(2);
  expect(
    ra
      .value()
      ?.members.map((m) => m.memberId)
      .sort(),
  ).toEqual([a.memberId, b.memberId].sort());
});

test('members that do not rejoin within the rebalance timeout are dropped', async () => {
  const { a, b } = await joinThree();
  if (!a || !b) throw new Error('join incomplete');
  await c.handleSyncGroup({
    groupId: G,
    generationId: 1,
    memberId: a.memberId,
    protocolType: null,
    protocolName: null,
    groupInstanceId: null,
    assignments: new Map(),
  });
  await flush();
  // The leader rejoining starts a rebalance; nobody else comes back within 10 s.
  const ra = pending(c.handleJoinGroup(joinArgs(G, { memberId: a.memberId })));
  for (let t = 0; t < 9; t++) {
    time.advance(1000);
    c.handleHeartbeat(G, b.memberId, null, 1);
  }
  await flush();
  expect(ra.value()).toBeUndefined();
  time.advance(1000);
  await flush();
  expect(ra.value()).toMatchObject({ generationId: 2, error: ErrorCode.NONE });
  expect(ra.value()?.members.map((m) => m.memberId)).toEqual([a.memberId]);
});

test('group.initial.rebalance.delay.ms holds an Empty group’s first rebalance while members keep arriving', async () => {
  c = coordinatorFor(time, (log = new MemoryCoordinatorLog([0, 1, 2, 3])), { initialDelayMs: 3000 });
  electAll(c, time);
  const a = pending(c.handleJoinGroup(joinArgs(G)));
  time.advance(1000);
  const b = pending(c.handleJoinGroup(joinArgs(G, { clientId: 'b' })));
  time.advance(2000); // 3 s: a new member came, so wait once more (at most the rebalance timeout)
  await flush();
  expect(a.value()).toBeUndefined();
  time.advance(2999);
  await flush();
  expect(a.value()).toBeUndefined();
  time.advance(1);
  await flush();
  expect(a.value()?.generationId).toBe(1);
  expect(b.value()?.members).toEqual([]);
});

test('a member id handed out with MEMBER_ID_REQUIRED holds a rebalance until its session timeout', async () => {
  const x = pending(c.handleJoinGroup(joinArgs(G)));
  time.advance(0);
  await flush();
  const xId = x.value()?.memberId ?? '';
  await c.handleSyncGroup({
    groupId: G,
    generationId: 1,
    memberId: xId,
    protocolType: null,
    protocolName: null,
    groupInstanceId: null,
    assignments: new Map(),
  });
  const p = await c.handleJoinGroup(joinArgs(G, { clientId: 'p', requireKnownMemberId: true }));
  expect(p.error).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  const rejoin = pending(c.handleJoinGroup(joinArgs(G, { memberId: xId }))); // the leader rejoins: rebalance
  time.advance(4999);
  await flush();
  expect(rejoin.value()).toBeUndefined(); // waiting for the pending member
  time.advance(1);
  await flush();
  expect(rejoin.value()).toMatchObject({ generationId: 2, error: ErrorCode.NONE });
  expect(c.handleLeaveGroup(G, [{ memberId: 'unknown', groupInstanceId: null }]).members[0]?.error).toBe(
    ErrorCode.UNKNOWN_MEMBER_ID,
  );
});

test('leaving: the last member out leaves an Empty group written to the log', async () => {
  const a = pending(c.handleJoinGroup(joinArgs(G)));
  time.advance(0);
  await flush();
  const memberId = a.value()?.memberId ?? '';
  await c.handleSyncGroup({
    groupId: G,
    generationId: 1,
    memberId,
    protocolType: null,
    protocolName: null,
    groupInstanceId: null,
    assignments: new Map(),
  });
  await flush();
  const r = c.handleLeaveGroup(G, [{ memberId, groupInstanceId: null }]);
  expect(r).toEqual({
    error: ErrorCode.NONE,
    members: [{ memberId, groupInstanceId: null, error: ErrorCode.NONE }],
  });
  await flush();
  expect(c.handleDescribeGroup(G).summary).toMatchObject({ state: 'Empty', members: [] });
  expect(log.appends).toBe(2); // generation 1 metadata, then the empty generation 2
});
