/**
 * Kafka's automatic preferred-leader balancing check (checkAndTriggerAutoLeaderRebalance), as a pure
 * function: for each broker, the share of partitions it is the preferred leader of (first replica)
 * but does not lead; when a broker's share exceeds `leader.imbalance.per.broker.percentage`, the
 * partitions it should lead, and can (live and in the ISR), are returned for a preferred election.
 */

export interface PartitionLeadershipView {
  topic: string;
  partition: number;
  replicas: number[];
  leader: number;
  isr: number[];
}

export interface ImbalanceResult {
  /** broker id -> imbalance ratio (0..1) */
  imbalance: Map<number, number>;
  toElect: { topic: string; partition: number }[];
}

export function partitionsToRebalance(
  partitions: PartitionLeadershipView[],
  isLive: (brokerId: number) => boolean,
  imbalancePercentage: number,
): ImbalanceResult {
  const byPreferred = new Map<number, PartitionLeadershipView[]>();
  for (const p of partitions) {
    const preferred = p.replicas[0];
    if (preferred === undefined) continue;
    let list = byPreferred.get(preferred);
    if (!list) byPreferred.set(preferred, (list = []));
    list.push(p);
  }
  const imbalance = new Map<number, number>();
  const toElect: { topic: string; partition: number }[] = [];
  for (const [broker, list] of [...byPreferred].sort((a, b) => a[0] - b[0])) {
    const notLed = list.filter((p) => p.leader !== broker);
    const ratio = notLed.length / list.length;
    imbalance.set(broker, ratio);
    if (ratio * 100 <= imbalancePercentage) continue;
    for (const p of notLed) {
      if (isLive(broker) && p.isr.includes(broker)) toElect.push({ topic: p.topic, partition: p.partition });
    }
  }
  return { imbalance, toElect };
}
