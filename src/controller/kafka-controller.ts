/**
 * The controller, run on every broker: it takes part in the election through `/controller` and, when
 * active, tracks live brokers from `/brokers/ids`. All work happens on one event queue; ZooKeeper
 * watches only enqueue events (Kafka's ControllerEventManager design).
 *
 * Lifecycle: the constructor does no I/O. `startup()` hooks the ZooKeeper session and queues the
 * Startup event (watch `/controller`, then elect). `shutdown()` resigns and stops the queue.
 */
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { getLogger } from '../common/logger';
import type { KafkaZkClient } from '../zk/kafka-zk-client';
import { ControllerMovedError } from '../zk/kafka-zk-client';
import type { Watcher } from '../zk/zookeeper-client';
import { ControllerZNode, IsrChangeNotificationZNode, LogDirEventNotificationZNode } from '../zk/zk-data';
import { ClusterOperations, type ElectionOutcome } from './cluster-operations';
import type { Cancellable, Scheduler } from '../common/clock';
import { systemScheduler } from '../common/clock';
import { ControllerChannelManager } from './controller-channel-manager';
import { ControllerContext, diffBrokers, type TopicPartition } from './controller-context';
import type { ControllerRequestBatch } from './controller-request-batch';
import { EventQueue } from './event-queue';
import { ErrorCode } from '../protocol';

export type ControllerEvent =
  | { type: 'Startup' }
  | { type: 'ControllerChange' }
  | { type: 'Reelect' }
  | { type: 'BrokerChange' }
  | { type: 'TopicChange' }
  | { type: 'PartitionModifications'; topic: string }
  | { type: 'TopicDeletion' }
  | { type: 'IsrChangeNotification' }
  | { type: 'AutoPreferredReplicaLeaderElection' }
  | { type: 'PreferredReplicaLeaderElection' }
  | {
      type: 'ElectLeaders';
      partitions: TopicPartition[] | null;
      electionType: 'PREFERRED' | 'UNCLEAN';
      respond: (result: { errorCode: number; outcomes: ElectionOutcome[] }) => void;
    }
  | {
      type: 'ControlledShutdown';
      brokerId: number;
      brokerEpoch: bigint;
      respond: (result: { errorCode: number; remaining: TopicPartition[] }) => void;
    }
  | { type: 'ReplicasDeleted'; brokerId: number; partitions: TopicPartition[] }
  | { type: 'Expire' }
  | { type: 'RegisterBrokerAndReelect' };

/** ZooKeeper's watch event type for a deleted node. */
const NODE_DELETED = 2;

export interface ControllerListener {
  /** This broker became the active controller at the given epoch. */
  onBecomeController?(epoch: number): void;
  /** This broker stopped being the active controller. */
  onResign?(): void;
}

export interface KafkaControllerOptions {
  brokerId: number;
  zkClient: KafkaZkClient;
  clock: Clock;
  /** Re-creates this broker's registration after a session expiry; returns the new broker epoch. */
  registerBroker: () => Promise<bigint>;
  listener?: ControllerListener;
  interBrokerListenerName: string;
  controllerSocketTimeoutMs: number;
  deleteTopicEnable: boolean;
  uncleanLeaderElectionEnable: boolean;
  autoLeaderRebalanceEnable: boolean;
  leaderImbalancePerBrokerPercentage: number;
  leaderImbalanceCheckIntervalMs: number;
  scheduler?: Scheduler;
}

export class KafkaController {
  readonly context = new ControllerContext();
  private activeControllerId = -1;
  private readonly log: Logger;
  private readonly queue: EventQueue<ControllerEvent>;
  private started = false;
  /** Bumped at every resignation so that watches set while active are ignored afterwards. */
  private activeGeneration = 0;
  private readonly stateChangeLog = getLogger('state.change.logger');
  private channel: ControllerChannelManager | undefined;
  private operations: ClusterOperations | undefined;
  private rebalanceTask: Cancellable | undefined;

  constructor(private readonly options: KafkaControllerOptions) {
    this.log = getLogger('kafka.controller.KafkaController', `[Controller id=${options.brokerId}] `);
    this.queue = new EventQueue((e) => this.process(e), this.log);
  }

  get brokerId(): number {
    return this.options.brokerId;
  }

  isActive(): boolean {
    return this.activeControllerId === this.options.brokerId;
  }

  /** The controller id this broker last saw in `/controller` (-1 if none). */
  get controllerId(): number {
    return this.activeControllerId;
  }

  startup(): void {
    if (this.started) return;
    this.started = true;
    const zk = this.options.zkClient.zk;
    zk.onSessionExpired(() => this.queue.put({ type: 'Expire' }));
    zk.onSessionReestablished(() => this.queue.put({ type: 'RegisterBrokerAndReelect' }));
    this.queue.put({ type: 'Startup' });
  }

  async shutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.queue.close();
    if (this.isActive()) this.onControllerResignation();
    this.activeControllerId = -1;
  }

  /** Resolves once every queued event has been processed (for tests and orderly shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async process(event: ControllerEvent): Promise<void> {
    try {
      switch (event.type) {
        case 'Startup':
          await this.processStartup();
          break;
        case 'ControllerChange':
          await this.processControllerChange();
          break;
        case 'Reelect':
          await this.processReelect();
          break;
        case 'BrokerChange':
          await this.processBrokerChange();
          break;
        case 'TopicChange':
          await this.withBatch((ops, batch) => ops.processTopicChange(batch));
          break;
        case 'PartitionModifications':
          await this.withBatch((ops, batch) => ops.processPartitionModifications(event.topic, batch));
          break;
        case 'TopicDeletion':
          await this.withBatch((ops, batch) => ops.processTopicDeletion(batch));
          break;
        case 'ControlledShutdown':
          await this.processControlledShutdown(event);
          break;
        case 'AutoPreferredReplicaLeaderElection':
          await this.withBatch((ops, batch) =>
            ops.checkAndTriggerAutoLeaderRebalance(this.options.leaderImbalancePerBrokerPercentage, batch),
          );
          break;
        case 'PreferredReplicaLeaderElection':
          await this.processZkPreferredReplicaElection();
          break;
        case 'ElectLeaders':
          await this.processElectLeaders(event);
          break;
        case 'IsrChangeNotification':
          await this.withBatch((ops, batch) => ops.processIsrChangeNotification(batch));
          break;
        case 'ReplicasDeleted':
          await this.withBatch((ops, batch) =>
            ops.topicDeletion.onReplicasDeleted(event.brokerId, event.partitions, batch),
          );
          break;
        case 'Expire':
          this.processExpire();
          break;
        case 'RegisterBrokerAndReelect':
          await this.processRegisterBrokerAndReelect();
          break;
      }
    } catch (err) {
      if (err instanceof ControllerMovedError) {
        this.log.info(`Controller moved to another broker when processing ${event.type}.`);
        await this.maybeResign();
      } else {
        this.log.error(`Error processing event ${event.type}`, err);
      }
    }
  }

  private controllerWatcher: Watcher = (event) => {
    if (!this.started) return;
    if (event.type === NODE_DELETED) this.queue.put({ type: 'Reelect' });
    else this.queue.put({ type: 'ControllerChange' });
  };

  private async readControllerIdWithWatch(): Promise<number> {
    return (await this.options.zkClient.getControllerId(this.controllerWatcher)) ?? -1;
  }

  private async processStartup(): Promise<void> {
    await this.elect();
  }

  private async processControllerChange(): Promise<void> {
    await this.maybeResign();
  }

  private async processReelect(): Promise<void> {
    await this.maybeResign();
    await this.elect();
  }

  private processExpire(): void {
    this.log.info('Session expired; resigning if this broker was the controller.');
    if (this.isActive()) this.onControllerResignation();
    this.activeControllerId = -1;
  }

  private async processRegisterBrokerAndReelect(): Promise<void> {
    const epoch = await this.options.registerBroker();
    this.log.info(
      `Re-registered broker ${this.options.brokerId} after session expiry with broker epoch ${epoch}`,
    );
    await this.elect();
  }

  private async maybeResign(): Promise<void> {
    const wasActive = this.isActive();
    this.activeControllerId = await this.readControllerIdWithWatch();
    if (wasActive && !this.isActive()) this.onControllerResignation();
  }

  private async elect(): Promise<void> {
    this.activeControllerId = await this.readControllerIdWithWatch();
    if (this.activeControllerId !== -1) {
      this.log.debug(
        `Broker ${this.activeControllerId} has been elected as the controller, so stopping the election process.`,
      );
      return;
    }
    try {
      const { epoch, epochZkVersion } =
        await this.options.zkClient.registerControllerAndIncrementControllerEpoch(
          this.options.brokerId,
          this.options.clock.now(),
        );
      this.context.epoch = epoch;
      this.context.epochZkVersion = epochZkVersion;
      this.activeControllerId = this.options.brokerId;
      this.log.info(
        `${this.options.brokerId} successfully elected as the controller. Epoch incremented to ${epoch} and epoch zk version is now ${epochZkVersion}`,
      );
      await this.onControllerFailover();
    } catch (err) {
      if (err instanceof ControllerMovedError) {
        await this.maybeResign();
        if (this.activeControllerId !== -1) {
          this.log.debug(
            `Broker ${this.activeControllerId} was elected as controller instead of broker ${this.brokerId}`,
          );
        } else {
          this.log.warn('A controller epoch zk version mismatch was found', err);
        }
        return;
      }
      this.log.error(`Error while electing or becoming controller on broker ${this.options.brokerId}.`, err);
      await this.triggerControllerMove();
    }
  }

  /** On an unexpected failure while active: give up the role so that another broker can take it. */
  private async triggerControllerMove(): Promise<void> {
    if (!this.isActive()) return;
    this.onControllerResignation();
    this.activeControllerId = -1;
    try {
      await this.options.zkClient.zk.delete(ControllerZNode.path);
    } catch (err) {
      this.log.warn('Could not delete /controller while moving the controller', err);
    }
  }

  private async onControllerFailover(): Promise<void> {
    const zkClient = this.options.zkClient;
    this.log.info('Registering handlers');
    await zkClient.ensureFeatureZNode(this.context.epochZkVersion);
    const generation = this.activeGeneration;
    const brokerIds = await zkClient.getSortedBrokerIds(
      this.activeWatcher(generation, { type: 'BrokerChange' }),
    );
    this.log.info('Deleting log dir event notifications');
    await zkClient.deleteChildren(LogDirEventNotificationZNode.path, this.context.epochZkVersion);
    this.log.info('Deleting isr change notifications');
    await zkClient.deleteChildren(IsrChangeNotificationZNode.path, this.context.epochZkVersion);
    this.log.info('Initializing controller context');
    this.context.liveBrokers.clear();
    for (const id of brokerIds) {
      const broker = await zkClient.getBroker(id);
      if (broker) this.context.liveBrokers.set(id, broker);
    }
    const epochs = [...this.context.liveBrokers.entries()].map(([id, b]) => `${id} -> ${b.epoch}`).join(', ');
    this.log.info(`Initialized broker epochs cache: HashMap(${epochs})`);
    this.log.info(`Currently active brokers in the cluster: Set(${this.context.liveBrokerIds().join(', ')})`);
    this.log.info(`Currently shutting brokers in the cluster: HashSet()`);
    this.log.info('Fetching topic deletions in progress');
    this.log.info('Sending update metadata request');
    this.channel = new ControllerChannelManager({
      controllerId: this.brokerId,
      interBrokerListenerName: this.options.interBrokerListenerName,
      requestTimeoutMs: this.options.controllerSocketTimeoutMs,
    });
    this.operations = new ClusterOperations({
      controllerId: this.brokerId,
      context: this.context,
      zkClient,
      channel: this.channel,
      log: this.log,
      stateChangeLog: this.stateChangeLog,
      deleteTopicEnable: this.options.deleteTopicEnable,
      uncleanLeaderElectionEnable: this.options.uncleanLeaderElectionEnable,
      watchers: {
        topicChange: this.activeWatcher(generation, { type: 'TopicChange' }),
        topicDeletion: this.activeWatcher(generation, { type: 'TopicDeletion' }),
        isrChange: this.activeWatcher(generation, { type: 'IsrChangeNotification' }),
        partitionModifications: (topic) =>
          this.activeWatcher(generation, { type: 'PartitionModifications', topic }),
      },
    });
    await this.withBatch((ops, batch) => ops.initialize(batch));
    this.log.info(`Ready to serve as the new controller with epoch ${this.context.epoch}`);
    await this.processZkPreferredReplicaElection();
    if (this.options.autoLeaderRebalanceEnable) {
      const scheduler = this.options.scheduler ?? systemScheduler;
      this.rebalanceTask = scheduler.schedulePeriodic(
        5000,
        this.options.leaderImbalanceCheckIntervalMs,
        () => {
          if (this.isActive() && generation === this.activeGeneration) {
            this.queue.put({ type: 'AutoPreferredReplicaLeaderElection' });
          }
        },
      );
    }
    this.options.listener?.onBecomeController?.(this.context.epoch);
  }

  private onControllerResignation(): void {
    this.log.info('Resigned');
    this.activeGeneration += 1;
    this.rebalanceTask?.cancel();
    this.rebalanceTask = undefined;
    this.channel?.shutdown();
    this.channel = undefined;
    this.operations = undefined;
    this.context.reset();
    this.options.listener?.onResign?.();
  }

  /** A watch that queues an event only while this broker is still the controller that set it. */
  private activeWatcher(generation: number, event: ControllerEvent): Watcher {
    return () => {
      if (this.started && this.isActive() && generation === this.activeGeneration) this.queue.put(event);
    };
  }

  /** Asks the active controller to move this broker's leaderships before it stops (NOT_CONTROLLER elsewhere). */
  controlledShutdown(
    brokerId: number,
    brokerEpoch: bigint,
  ): Promise<{ errorCode: number; remaining: TopicPartition[] }> {
    return new Promise((respond) => {
      if (!this.started) {
        respond({ errorCode: ErrorCode.NOT_CONTROLLER, remaining: [] });
        return;
      }
      this.queue.put({ type: 'ControlledShutdown', brokerId, brokerEpoch, respond });
    });
  }

  private async processControlledShutdown(
    event: Extract<ControllerEvent, { type: 'ControlledShutdown' }>,
  ): Promise<void> {
    if (!this.isActive()) {
      event.respond({ errorCode: ErrorCode.NOT_CONTROLLER, remaining: [] });
      return;
    }
    const known = this.context.liveBrokers.get(event.brokerId);
    if (!known) {
      event.respond({ errorCode: ErrorCode.BROKER_NOT_AVAILABLE, remaining: [] });
      return;
    }
    if (event.brokerEpoch >= 0n && event.brokerEpoch < known.epoch) {
      event.respond({ errorCode: ErrorCode.STALE_BROKER_EPOCH, remaining: [] });
      return;
    }
    let remaining: TopicPartition[] = [];
    try {
      await this.withBatch(async (ops, batch) => {
        remaining = await ops.controlledShutdown(event.brokerId, batch);
      });
      event.respond({ errorCode: ErrorCode.NONE, remaining });
    } catch (err) {
      event.respond({ errorCode: ErrorCode.UNKNOWN_SERVER_ERROR, remaining: [] });
      throw err;
    }
  }

  /** ElectLeaders from an admin client; only the active controller runs it. */
  electLeaders(
    partitions: TopicPartition[] | null,
    electionType: 'PREFERRED' | 'UNCLEAN',
  ): Promise<{ errorCode: number; outcomes: ElectionOutcome[] }> {
    return new Promise((respond) => {
      if (!this.started) respond({ errorCode: ErrorCode.NOT_CONTROLLER, outcomes: [] });
      else this.queue.put({ type: 'ElectLeaders', partitions, electionType, respond });
    });
  }

  private async processElectLeaders(
    event: Extract<ControllerEvent, { type: 'ElectLeaders' }>,
  ): Promise<void> {
    if (!this.isActive()) {
      event.respond({ errorCode: ErrorCode.NOT_CONTROLLER, outcomes: [] });
      return;
    }
    let outcomes: ElectionOutcome[] = [];
    try {
      await this.withBatch(async (ops, batch) => {
        const partitions = event.partitions ?? this.context.allPartitions();
        outcomes = await ops.electLeaders(partitions, event.electionType, 'AdminClientTriggered', batch);
      });
      event.respond({ errorCode: ErrorCode.NONE, outcomes });
    } catch (err) {
      event.respond({ errorCode: ErrorCode.UNKNOWN_SERVER_ERROR, outcomes: [] });
      throw err;
    }
  }

  /** `/admin/preferred_replica_election` was created: elect, then delete it (re-arming the watch). */
  private async processZkPreferredReplicaElection(): Promise<void> {
    if (!this.isActive()) return;
    const zk = this.options.zkClient;
    const watcher = this.activeWatcher(this.activeGeneration, { type: 'PreferredReplicaLeaderElection' });
    const listed = await zk.getPreferredReplicaElection(watcher);
    if (listed === null) return;
    await this.withBatch(async (ops, batch) => {
      const known = listed.filter((tp) => this.context.replicasFor(tp).length > 0);
      if (known.length > 0) await ops.electLeaders(known, 'PREFERRED', 'ZkTriggered', batch);
    });
    await zk.deletePreferredReplicaElection(this.context.epochZkVersion);
    await zk.getPreferredReplicaElection(watcher);
  }

  /** Runs an action with a fresh request batch and sends what it collected. */
  private async withBatch(
    action: (ops: ClusterOperations, batch: ControllerRequestBatch) => Promise<void>,
  ): Promise<void> {
    const ops = this.operations;
    if (!this.isActive() || !ops) return;
    const batch = ops.newBatch();
    await action(ops, batch);
    ops.send(batch, (brokerId, partitions) => {
      if (partitions.length > 0) this.queue.put({ type: 'ReplicasDeleted', brokerId, partitions });
    });
  }

  private async processBrokerChange(): Promise<void> {
    if (!this.isActive()) return;
    const zkClient = this.options.zkClient;
    const ids = await zkClient.getSortedBrokerIds(
      this.activeWatcher(this.activeGeneration, { type: 'BrokerChange' }),
    );
    const current = new Map<number, Awaited<ReturnType<KafkaZkClient['getBroker']>>>();
    for (const id of ids) {
      const broker = await zkClient.getBroker(id);
      if (broker) current.set(id, broker);
    }
    const cachedEpochs = new Map([...this.context.liveBrokers.entries()].map(([id, b]) => [id, b.epoch]));
    const currentEpochs = new Map<number, bigint>();
    for (const [id, b] of current) if (b) currentEpochs.set(id, b.epoch);
    const diff = diffBrokers(cachedEpochs, currentEpochs);
    const all = [...currentEpochs.keys()].sort((a, b) => a - b);
    this.log.info(
      `Newly added brokers: ${diff.newBrokerIds.join(',')}, deleted brokers: ${diff.deadBrokerIds.join(',')}, ` +
        `bounced brokers: ${diff.bouncedBrokerIds.join(',')}, all live brokers: ${all.join(',')}`,
    );
    const failed = [...diff.deadBrokerIds, ...diff.bouncedBrokerIds].sort((a, b) => a - b);
    const started = [...diff.newBrokerIds, ...diff.bouncedBrokerIds].sort((a, b) => a - b);
    for (const id of failed) {
      this.context.liveBrokers.delete(id);
      this.context.shuttingDownBrokerIds.delete(id);
    }
    if (failed.length > 0) await this.withBatch((ops, batch) => ops.onBrokerFailure(failed, batch));
    for (const id of started) {
      const b = current.get(id);
      if (b) this.context.liveBrokers.set(id, b);
    }
    if (started.length > 0) await this.withBatch((ops, batch) => ops.onBrokerStartup(started, batch));
  }
}
