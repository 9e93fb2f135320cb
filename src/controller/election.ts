/**
 * Kafka's partition leader election strategies as pure functions (PartitionLeaderElectionAlgorithms).
 * `assignment` is the replica list in preference order; `live` tells whether a broker is registered
 * and not shutting down. Each returns the new leader and ISR, or null when no leader can be chosen.
 */

export interface ElectionResult {
  leader: number;
  isr: number[];
}

/** A new partition: the first live replica leads; the ISR is every live replica in assignment order. */
export function initialLeaderAndIsr(
  assignment: number[],
  live: (id: number) => boolean,
): ElectionResult | null {
  const liveReplicas = assignment.filter(live);
  const leader = liveReplicas[0];
  return leader === undefined ? null : { leader, isr: liveReplicas };
}

/**
 * An offline partition: the first replica (in assignment order) that is live and in the ISR. With
 * unclean election allowed and no such replica, the first live replica leads alone.
 */
export function offlinePartitionLeaderElection(
  assignment: number[],
  isr: number[],
  live: (id: number) => boolean,
  uncleanLeaderElectionEnabled: boolean,
): ElectionResult | null {
  const clean = assignment.find((id) => live(id) && isr.includes(id));
  if (clean !== undefined) return { leader: clean, isr: isr.filter(live) };
  if (!uncleanLeaderElectionEnabled) return null;
  const unclean = assignment.find(live);
  return unclean === undefined ? null : { leader: unclean, isr: [unclean] };
}

/** Preferred replica: only the first replica of the assignment, if it is live and in the ISR. */
export function preferredReplicaLeaderElection(
  assignment: number[],
  isr: number[],
  live: (id: number) => boolean,
): ElectionResult | null {
  const preferred = assignment[0];
  if (preferred === undefined || !live(preferred) || !isr.includes(preferred)) return null;
  return { leader: preferred, isr };
}

/**
 * Controlled shutdown of some brokers: the first replica that is live, in the ISR and not shutting
 * down leads; the shutting-down brokers leave the ISR.
 */
export function controlledShutdownLeaderElection(
  assignment: number[],
  isr: number[],
  liveOrShuttingDown: (id: number) => boolean,
  shuttingDown: (id: number) => boolean,
): ElectionResult | null {
  const leader = assignment.find((id) => liveOrShuttingDown(id) && isr.includes(id) && !shuttingDown(id));
  if (leader === undefined) return null;
  return { leader, isr: isr.filter((id) => !shuttingDown(id)) };
}
