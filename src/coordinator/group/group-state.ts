/**
 * The consumer-group state machine of Kafka's GroupMetadata: five states, each listing the states it
 * may be entered from. Every transition goes through `assertValidTransition`, which throws on a move
 * Kafka forbids.
 *
 *   Empty ──join──▶ PreparingRebalance ──all joined / timeout──▶ CompletingRebalance ──leader sync──▶ Stable
 *     ▲                 │   ▲                                         │                               │
 *     └──no members─────┘   └──────────── member joins, leaves or fails ◀──────────────────────────────┘
 *   Any state ──partition emigration, deletion, expiry──▶ Dead (final)
 */

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export const GROUP_STATES: readonly GroupState[] = [
  'PreparingRebalance',
  'CompletingRebalance',
  'Stable',
  'Dead',
  'Empty',
];

/** For each state, the states a group may move to it from (Kafka's `validPreviousStates`). */
export const VALID_PREVIOUS_STATES: Readonly<Record<GroupState, readonly GroupState[]>> = {
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
  Empty: ['PreparingRebalance'],
};

/** Thrown on a transition Kafka forbids (Kafka throws IllegalStateException). */
export class IllegalGroupStateTransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalStateException';
  }
}

export function isValidTransition(from: GroupState, to: GroupState): boolean {
  return VALID_PREVIOUS_STATES[to].includes(from);
}

/** Throws IllegalGroupStateTransitionError unless `to` may follow `from`. */
export function assertValidTransition(groupId: string, from: GroupState, to: GroupState): void {
  if (!isValidTransition(from, to)) {
    throw new IllegalGroupStateTransitionError(
      `Group ${groupId} should be in the ${VALID_PREVIOUS_STATES[to].join(',')} states before moving to ${to} state. Instead it is in ${from} state`,
    );
  }
}

/** Whether a rebalance may start from `state` (PreparingRebalance's previous states). */
export function canRebalance(state: GroupState): boolean {
  return isValidTransition(state, 'PreparingRebalance');
}

/** Parses a state name as ListGroups v4 filters carry it (case-insensitive), or undefined. */
export function parseGroupState(name: string): GroupState | undefined {
  return GROUP_STATES.find((s) => s.toLowerCase() === name.trim().toLowerCase());
}
