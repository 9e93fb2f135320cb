import {
  controlledShutdownLeaderElection,
  initialLeaderAndIsr,
  offlinePartitionLeaderElection,
  preferredReplicaLeaderElection,
} from '../../../src/controller/election';

const liveSet = (ids: number[]) => (id: number) => ids.includes(id);

describe('initialLeaderAndIsr (new partition)', () => {
  it.each([
    ['all live', [2, 0, 1], [0, 1, 2], { leader: 2, isr: [2, 0, 1] }],
    ['first replica down', [2, 0, 1], [0, 1], { leader: 0, isr: [0, 1] }],
    ['only the last is live', [2, 0, 1], [1], { leader: 1, isr: [1] }],
    ['none live', [2, 0, 1], [], null],
  ])('%s', (_n, assignment, live, expected) => {
    expect(initialLeaderAndIsr(assignment, liveSet(live))).toEqual(expected);
  });
});

describe('offlinePartitionLeaderElection', () => {
  it.each([
    [
      'leader 2 died: next in assignment order that is in the ISR',
      [2, 0, 1],
      [2, 0, 1],
      [0, 1],
      false,
      { leader: 0, isr: [0, 1] },
    ],
    ['ISR order is kept', [2, 1, 0], [2, 1, 0], [0, 1], false, { leader: 1, isr: [1, 0] }],
    [
      'a live replica outside the ISR is not chosen',
      [2, 0, 1],
      [2, 1],
      [0, 1],
      false,
      { leader: 1, isr: [1] },
    ],
    ['no live ISR member, clean only', [2, 0, 1], [2], [0, 1], false, null],
    ['no live ISR member, unclean allowed', [2, 0, 1], [2], [0, 1], true, { leader: 0, isr: [0] }],
    ['nothing live, unclean allowed', [2, 0, 1], [2], [], true, null],
  ])('%s', (_n, assignment, isr, live, unclean, expected) => {
    expect(offlinePartitionLeaderElection(assignment, isr, liveSet(live), unclean)).toEqual(expected);
  });
});

describe('preferredReplicaLeaderElection', () => {
  it.each([
    ['preferred live and in ISR', [2, 0, 1], [0, 1, 2], [0, 1, 2], { leader: 2, isr: [0, 1, 2] }],
    ['preferred not in ISR', [2, 0, 1], [0, 1], [0, 1, 2], null],
    ['preferred not live', [2, 0, 1], [0, 1, 2], [0, 1], null],
  ])('%s', (_n, assignment, isr, live, expected) => {
    expect(preferredReplicaLeaderElection(assignment, isr, liveSet(live))).toEqual(expected);
  });
});

describe('controlledShutdownLeaderElection', () => {
  it.each([
    [
      'leader shutting down hands over to the next ISR member',
      [0, 1, 2],
      [0, 1, 2],
      [0],
      { leader: 1, isr: [1, 2] },
    ],
    ['every ISR member shutting down', [0, 1, 2], [0], [0], null],
    ['a follower shutting down keeps the leader', [0, 1, 2], [0, 1, 2], [2], { leader: 0, isr: [0, 1] }],
  ])('%s', (_n, assignment, isr, shutting, expected) => {
    expect(
      controlledShutdownLeaderElection(
        assignment,
        isr,
        () => true,
        (id) => shutting.includes(id),
      ),
    ).toEqual(expected);
  });
});
