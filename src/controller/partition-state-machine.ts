/**
 * Kafka's partition state machine (NewPartition, OnlinePartition, OfflinePartition,
 * NonExistentPartition). Moving a partition online elects its leader, writes the result to its state
 * znode (created for new partitions; otherwise a conditional update on its zkVersion, fenced on the
 * controller epoch) and queues LeaderAndIsr for its replicas plus UpdateMetadata for every broker.
 *
 * Runs only inside controller events (single-threaded by the event queue).
 */
import type { Logger } from '../common/logger';
import type { KafkaZkClient } from '../zk/kafka-zk-client';
import type { LeaderIsrAndControllerEpoch } from '../zk/zk-data';
import type { ControllerContext, TopicPartition } from './controller-context';
import { tpString } from './controller-context';
import type { ControllerRequestBatch } from './controller-request-batch';
import type { ElectionResult } from './election';
import {
  controlledShutdownLeaderElection,
  initialLeaderAndIsr,
  offlinePartitionLeaderElection,
  preferredReplicaLeaderElection,
} from './election';

export type ElectionStrategy = 'offline' | 'unclean' | 'preferred' | 'controlledShutdown';

export interface PartitionStateMachineOptions {
  controllerId: number;
  context: ControllerContext;
  zkClient: KafkaZkClient;
  stateChangeLog: Logger;
  /** The broker-wide default; a topic's own setting in /config/topics wins. */
  uncleanLeaderElectionEnable: boolean;
}

export class PartitionStateMachine {
  constructor(private readonly o: PartitionStateMachineOptions) {}

  private get ctx(): ControllerContext {
    return this.o.context;
  }

  /** At failover: Online if the leader is live, Offline if not, New if no state znode exists yet. */
  initializePartitionStates(): void {
    for (const tp of this.ctx.allPartitions()) {
      const leadership = this.ctx.leadershipFor(tp);
      if (!leadership) this.ctx.initializeState(tp, 'NewPartition');
      else if (this.ctx.isLive(leadership.leaderAndIsr.leader))
        this.ctx.initializeState(tp, 'OnlinePartition');
      else this.ctx.initializeState(tp, 'OfflinePartition');
    }
  }

  /** Elects leaders for every New and Offline partition (of topics not being deleted). */
  async triggerOnlinePartitionStateChange(batch: ControllerRequestBatch): Promise<void> {
    const candidates = this.ctx
      .allPartitions()
      .filter((tp) => !this.ctx.topicsToBeDeleted.has(tp.topic))
      .filter((tp) => ['NewPartition', 'OfflinePartition'].includes(this.ctx.stateOf(tp)));
    await this.toOnline(candidates, 'offline', batch);
  }

  newPartitions(partitions: TopicPartition[]): void {
    for (const tp of partitions) this.ctx.transition(tp, 'NewPartition');
  }

  toOffline(partitions: TopicPartition[]): void {
    for (const tp of partitions) {
      this.ctx.transition(tp, 'OfflinePartition');
      this.logStateChange(tp, 'OfflinePartition');
    }
  }

  toNonExistent(partitions: TopicPartition[]): void {
    for (const tp of partitions) this.ctx.transition(tp, 'NonExistentPartition');
  }

  /**
   * Moves partitions online: new ones get their first leader and state znode; the others are elected
   * with the given strategy. Returns the partitions that could not get a leader.
   */
  async toOnline(
    partitions: TopicPartition[],
    strategy: ElectionStrategy,
    batch: ControllerRequestBatch,
  ): Promise<TopicPartition[]> {
    const failed: TopicPartition[] = [];
    for (const tp of partitions) {
      const from = this.ctx.stateOf(tp);
      const ok =
        from === 'NewPartition'
          ? await this.initializeLeaderAndIsr(tp, batch)
          : await this.electLeader(tp, strategy, batch);
      if (ok) {
        this.ctx.transition(tp, 'OnlinePartition');
        this.logStateChange(tp, 'OnlinePartition', from);
      } else failed.push(tp);
    }
    return failed;
  }

  private logStateChange(tp: TopicPartition, to: string, from?: string): void {
    const l = this.ctx.leadershipFor(tp)?.leaderAndIsr;
    this.o.stateChangeLog.info(
      `[Controller id=${this.o.controllerId} epoch=${this.ctx.epoch}] Changed partition ${tpString(tp)}${from ? ` from ${from}` : ''} to ${to}` +
        (l
          ? ` with state LeaderAndIsr(leader=${l.leader}, leaderEpoch=${l.leaderEpoch}, isr=${l.isr.join(',')}, zkVersion=${this.ctx.leadershipFor(tp)?.zkVersion})`
          : ''),
    );
  }

  private async initializeLeaderAndIsr(tp: TopicPartition, batch: ControllerRequestBatch): Promise<boolean> {
    const replicas = this.ctx.replicasFor(tp);
    const result = initialLeaderAndIsr(replicas, (id) => this.ctx.isLive(id));
    if (!result) {
      this.o.stateChangeLog.error(
        `[Controller id=${this.o.controllerId} epoch=${this.ctx.epoch}] Controller ${this.o.controllerId} epoch ${this.ctx.epoch} failed to change state for partition ${tpString(tp)} from NewPartition to OnlinePartition: No live replicas in ${replicas.join(',')}`,
      );
      return false;
    }
    const state: LeaderIsrAndControllerEpoch = {
      leader: result.leader,
      leaderEpoch: 0,
      isr: result.isr,
      controllerEpoch: this.ctx.epoch,
    };
    const zkVersion = await this.o.zkClient.createPartitionState(
      tp.topic,
      tp.partition,
      state,
      this.ctx.epochZkVersion,
    );
    this.ctx.setLeadership(tp, { leaderAndIsr: state, zkVersion });
    batch.addLeaderAndIsr(result.isr, tp, true);
    return true;
  }

  /** Elects with a strategy, writing conditionally and retrying when the znode moved underneath. */
  private async electLeader(
    tp: TopicPartition,
    strategy: ElectionStrategy,
    batch: ControllerRequestBatch,
  ): Promise<boolean> {
    for (let attempt = 0; attempt < 5; attempt++) {
      // As Kafka does, elect from the state in ZooKeeper: a leader may have changed the ISR since the
      // controller last heard of it.
      await this.refreshLeadership(tp);
      const current = this.ctx.leadershipFor(tp);
      if (!current) return false;
      const replicas = this.ctx.replicasFor(tp);
      const result = await this.elect(tp, strategy, replicas, current.leaderAndIsr.isr);
      if (!result) {
        this.o.stateChangeLog.error(
          `[Controller id=${this.o.controllerId} epoch=${this.ctx.epoch}] Controller ${this.o.controllerId} epoch ${this.ctx.epoch} failed to change state for partition ${tpString(tp)} to OnlinePartition: ${strategy} election found no eligible leader among replicas ${replicas.join(',')} (isr ${current.leaderAndIsr.isr.join(',')})`,
        );
        return false;
      }
      const state: LeaderIsrAndControllerEpoch = {
        leader: result.leader,
        leaderEpoch: current.leaderAndIsr.leaderEpoch + 1,
        isr: result.isr,
        controllerEpoch: this.ctx.epoch,
      };
      const newVersion = await this.o.zkClient.updatePartitionState(
        tp.topic,
        tp.partition,
        state,
        current.zkVersion,
        this.ctx.epochZkVersion,
      );
      if (newVersion === null) continue;
      this.ctx.setLeadership(tp, { leaderAndIsr: state, zkVersion: newVersion });
      batch.addLeaderAndIsr(
        replicas.filter((r) => this.ctx.isLive(r)),
        tp,
        false,
      );
      return true;
    }
    return false;
  }

  private async elect(
    tp: TopicPartition,
    strategy: ElectionStrategy,
    replicas: number[],
    isr: number[],
  ): Promise<ElectionResult | null> {
    const live = (id: number): boolean => this.ctx.isLive(id);
    switch (strategy) {
      case 'offline': {
        const clean = offlinePartitionLeaderElection(replicas, isr, live, false);
        if (clean) return clean;
        return offlinePartitionLeaderElection(replicas, isr, live, await this.uncleanAllowed(tp.topic));
      }
      case 'unclean':
        return offlinePartitionLeaderElection(replicas, isr, live, true);
      case 'preferred':
        return preferredReplicaLeaderElection(replicas, isr, live);
      case 'controlledShutdown':
        return controlledShutdownLeaderElection(
          replicas,
          isr,
          (id) => this.ctx.liveBrokers.has(id),
          (id) => this.ctx.shuttingDownBrokerIds.has(id),
        );
    }
  }

  private async uncleanAllowed(topic: string): Promise<boolean> {
    const override = (await this.o.zkClient.getTopicConfig(topic)).get('unclean.leader.election.enable');
    return override === undefined
      ? this.o.uncleanLeaderElectionEnable
      : override.trim().toLowerCase() === 'true';
  }

  /** Re-reads a partition's state znode into the context (after a conditional write lost a race). */
  async refreshLeadership(tp: TopicPartition): Promise<void> {
    const fresh = await this.o.zkClient.getPartitionState(tp.topic, tp.partition);
    if (fresh) this.ctx.setLeadership(tp, { leaderAndIsr: fresh.state, zkVersion: fresh.zkVersion });
  }

  /**
   * Takes dead brokers out of the ISRs they are in (Kafka's removeReplicasFromIsr): the leader becomes
   * -1 if it was one of them, an ISR of one member is left as it is, and the leader epoch goes up.
   */
  async removeReplicasFromIsr(
    brokerIds: number[],
    batch: ControllerRequestBatch,
    partitions: TopicPartition[] = this.ctx.allPartitions(),
  ): Promise<void> {
    for (const tp of partitions) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = this.ctx.leadershipFor(tp);
        if (!current) break;
        const l = current.leaderAndIsr;
        const inIsr = l.isr.filter((id) => brokerIds.includes(id));
        const leaderGone = brokerIds.includes(l.leader);
        if (inIsr.length === 0 && !leaderGone) break;
        const isr = l.isr.length === 1 ? l.isr : l.isr.filter((id) => !brokerIds.includes(id));
        const state: LeaderIsrAndControllerEpoch = {
          leader: leaderGone ? -1 : l.leader,
          leaderEpoch: l.leaderEpoch + 1,
          isr,
          controllerEpoch: this.ctx.epoch,
        };
        if (state.leader === l.leader && state.isr.length === l.isr.length) break;
        const version = await this.o.zkClient.updatePartitionState(
          tp.topic,
          tp.partition,
          state,
          current.zkVersion,
          this.ctx.epochZkVersion,
        );
        if (version === null) {
          await this.refreshLeadership(tp);
          continue;
        }
        this.ctx.setLeadership(tp, { leaderAndIsr: state, zkVersion: version });
        batch.addLeaderAndIsr(
          this.ctx.replicasFor(tp).filter((r) => this.ctx.isLive(r)),
          tp,
          false,
        );
        break;
      }
    }
  }
}
