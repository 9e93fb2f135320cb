/**
 * How a leader records ISR changes: the legacy ZooKeeper path of Kafka 2.x before AlterIsr (IBP <
 * 2.7-IV2; Kafka 2.8's controller still handles it). The leader rewrites the partition's state znode
 * conditionally on the zkVersion it last saw, keeping the leader, leader epoch and controller epoch of
 * its last LeaderAndIsr; then it posts `/isr_change_notification/isr_change_<seq>` so the controller
 * sends UpdateMetadata to every broker. Kafka batches notifications for up to 5 s; this batches for
 * `propagationDelayMs` (short) so that metadata follows an ISR change quickly.
 */
import type { Cancellable, Scheduler } from '../common/clock';
import type { Logger } from '../common/logger';
import { getLogger } from '../common/logger';
import type { KafkaZkClient } from '../zk/kafka-zk-client';
import type { IsrChangeSink, Partition } from './partition';

export class ZkIsrManager implements IsrChangeSink {
  private pending = new Map<string, { topic: string; partition: number }>();
  private timer: Cancellable | undefined;
  private readonly log: Logger = getLogger('kafka.server.ZkIsrManager');

  constructor(
    private readonly zkClient: KafkaZkClient,
    private readonly scheduler: Scheduler,
    private readonly propagationDelayMs = 100,
  ) {}

  async updateIsr(partition: Partition, newIsr: number[]): Promise<number | null> {
    const version = await this.zkClient.conditionalUpdatePartitionState(
      partition.topic,
      partition.partition,
      {
        leader: partition.leader,
        leaderEpoch: partition.leaderEpoch,
        isr: newIsr,
        controllerEpoch: partition.controllerEpoch,
      },
      partition.zkVersion,
    );
    if (version !== null) {
      this.pending.set(partition.name, { topic: partition.topic, partition: partition.partition });
      this.timer ??= this.scheduler.schedule(this.propagationDelayMs, () => void this.propagate());
    }
    return version;
  }

  private async propagate(): Promise<void> {
    this.timer = undefined;
    const partitions = [...this.pending.values()];
    this.pending = new Map();
    if (partitions.length === 0) return;
    try {
      await this.zkClient.createIsrChangeNotification(partitions);
    } catch (err) {
      this.log.warn('Failed to post an ISR change notification; retrying', err);
      for (const p of partitions) this.pending.set(`${p.topic}-${p.partition}`, p);
      this.timer ??= this.scheduler.schedule(1000, () => void this.propagate());
    }
  }

  shutdown(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }
}
