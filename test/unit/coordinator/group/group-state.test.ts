import {
  assertValidTransition,
  canRebalance,
  GROUP_STATES,
  IllegalGroupStateTransitionError,
  isValidTransition,
  parseGroupState,
  type GroupState,
} from '../../../../src/coordinator/group/group-state';

/** Kafka 2.8's GroupMetadata: for each target, its validPreviousStates. */
const ALLOWED: [GroupState, GroupState][] = [
  ['Stable', 'PreparingRebalance'],
  ['CompletingRebalance', 'PreparingRebalance'],
  ['Empty', 'PreparingRebalance'],
  ['PreparingRebalance', 'CompletingRebalance'],
  ['CompletingRebalance', 'Stable'],
  ['PreparingRebalance', 'Empty'],
  ['Stable', 'Dead'],
  ['PreparingRebalance', 'Dead'],
  ['CompletingRebalance', 'Dead'],
  ['Empty', 'Dead'],
  ['Dead', 'Dead'],
];

describe('group state machine', () => {
  const all = GROUP_STATES.flatMap((from) =>
    GROUP_STATES.map((to) => [from, to] as [GroupState, GroupState]),
  );
  const allowed = new Set(ALLOWED.map(([f, t]) => `${f}->${t}`));

  test.each(all)('%s → %s', (from, to) => {
    const ok = allowed.has(`${from}->${to}`);
    expect(isValidTransition(from, to)).toBe(ok);
    if (ok) expect(() => assertValidTransition('g', from, to)).not.toThrow();
    else expect(() => assertValidTransition('g', from, to)).toThrow(IllegalGroupStateTransitionError);
  });

  test('the error names the allowed previous states, as Kafka’s does', () => {
    expect(() => assertValidTransition('g', 'Empty', 'Stable')).toThrow(
      'Group g should be in the CompletingRebalance states before moving to Stable state. Instead it is in Empty state',
    );
  });

  test('a rebalance may start from Stable, CompletingRebalance and Empty only', () => {
    expect(GROUP_STATES.filter(canRebalance).sort()).toEqual(['CompletingRebalance', 'Empty', 'Stable']);
  });

  test('state names parse case-insensitively', () => {
    expect(parseGroupState('stable')).toBe('Stable');
    expect(parseGroupState(' PreparingRebalance ')).toBe('PreparingRebalance');
    expect(parseGroupState('Unknown')).toBeUndefined();
  });
});
