/**
 * The broker's composition root: builds every component up front and starts them in Kafka 2.8's
 * order (ZooKeeper, cluster id, meta.properties, broker id, log dir locks, listeners, registration,
 * meta.properties write, controller, request processing), and stops them in reverse.
 *
 * Lifecycle: the constructor does no I/O. `startup()` rejects on a fatal error after undoing what it
 * started; `shutdown()` is idempotent and logs (but continues past) each component's failure.
 */
import os from 'node:os';
import type { Clock } from '../common/clock';
import { systemClock } from '../common/clock';
import type { Logger } from '../common/logger';
import { getLogger } from '../common/logger';
import { KafkaController } from '../controller/kafka-controller';
import type { RequestHandler } from '../network/socket-server';
import { SocketServer } from '../network/socket-server';
import { isProduceRequestFrame } from '../protocol';
import { KafkaZkClient } from '../zk/kafka-zk-client';
import type { EndPoint } from '../zk/zk-data';
import { ZooKeeperClient } from '../zk/zookeeper-client';
import {
  checkClusterId,
  consistentMetadata,
  readBrokerMetadata,
  resolveBrokerId,
  writeBrokerMetadata,
} from './broker-metadata';
import { LogDirLock } from './log-dir-lock';
import { MetadataCache } from './metadata-cache';
import { ReplicaManager } from '../replication/replica-manager';
import { ZkIsrManager } from '../replication/zk-isr-manager';
import { ReplicaFetcherManager } from '../replication/replica-fetcher';
import { createGroupCoordinator, type GroupCoordinatorComponent } from '../coordinator/group';
import { ProducerIdManager } from '../coordinator/transaction/producer-id-manager';
import { LogManager, logConfigFromBroker, withTopicOverrides, type LogConfig } from '../storage';
import type { Scheduler } from '../common/clock';
import { systemScheduler } from '../common/clock';
import type { ServerSettings } from './server-settings';
import { splitZkConnect } from './server-settings';
import { controlledShutdown } from './controlled-shutdown';
import { createDynamicConfigManager, type DynamicConfigManager } from './dynamic-config-manager';

export const KAFKA_VERSION = '2.8.2';

export type BrokerState =
  'NOT_RUNNING' | 'STARTING' | 'RECOVERY' | 'RUNNING' | 'PENDING_CONTROLLED_SHUTDOWN' | 'SHUTTING_DOWN';

/** Builds the request handler once the broker knows its id and its ZooKeeper client. */
export type RequestHandlerFactory = (server: KafkaServer) => RequestHandler;

export interface KafkaServerOptions {
  settings: ServerSettings;
  clock?: Clock;
  scheduler?: Scheduler;
  requestHandlerFactory: RequestHandlerFactory;
}

export class DuplicateEndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalArgumentException';
  }
}

export class KafkaServer {
  state: BrokerState = 'NOT_RUNNING';
  brokerId: number;
  brokerEpoch = -1n;
  clusterId = '';
  private log: Logger;
  private readonly clock: Clock;
  private zkClient: ZooKeeperClient | undefined;
  kafkaZkClient: KafkaZkClient | undefined;
  socketServer: SocketServer | undefined;
  controller: KafkaController | undefined;
  metadataCache: MetadataCache | undefined;
  replicaManager: ReplicaManager | undefined;
  logManager: LogManager | undefined;
  producerIdManager: ProducerIdManager | undefined;
  groupCoordinator: GroupCoordinatorComponent | undefined;
  dynamicConfigManager: DynamicConfigManager | undefined;
  private isrManager: ZkIsrManager | undefined;
  private fetcherManager: ReplicaFetcherManager | undefined;
  private readonly scheduler: Scheduler;
  private readonly locks: LogDirLock[] = [];
  private registeredEndpoints: EndPoint[] = [];
  private startupPromise: Promise<void> | undefined;
  private shutdownPromise: Promise<void> | undefined;

  constructor(private readonly options: KafkaServerOptions) {
    this.brokerId = options.settings.brokerId;
    this.clock = options.clock ?? systemClock;
    this.scheduler = options.scheduler ?? systemScheduler;
    this.log = getLogger('kafka.server.KafkaServer');
  }

  get settings(): ServerSettings {
    return this.options.settings;
  }

  /** The endpoints registered in ZooKeeper (with bound ports and resolved host names). */
  get endpoints(): EndPoint[] {
    return this.registeredEndpoints;
  }

  startup(): Promise<void> {
    this.startupPromise ??= this.doStartup();
    return this.startupPromise;
  }

  private async doStartup(): Promise<void> {
    const s = this.options.settings;
    try {
      this.log.info('starting');
      this.state = 'STARTING';

      // ZooKeeper: chroot first over a connection without it, then the real session.
      this.log.info(`Connecting to zookeeper on ${s.zookeeperConnect}`);
      await this.ensureChroot();
      const zkLog = getLogger('kafka.zookeeper.ZooKeeperClient');
      this.zkClient = new ZooKeeperClient({
        connectString: s.zookeeperConnect,
        sessionTimeoutMs: s.zkSessionTimeoutMs,
        connectionTimeoutMs: s.zkConnectionTimeoutMs,
        logger: zkLog,
      });
      await this.zkClient.connect();
      this.kafkaZkClient = new KafkaZkClient(this.zkClient, getLogger('kafka.zk.KafkaZkClient'));
      await this.kafkaZkClient.createTopLevelPaths();

      this.clusterId = await this.kafkaZkClient.getOrCreateClusterId();
      this.log.info(`Cluster ID = ${this.clusterId}`);

      const metadataLog = getLogger('kafka.server.BrokerMetadataCheckpoint');
      const stored = consistentMetadata(readBrokerMetadata(s.logDirs, metadataLog));
      checkClusterId(stored, this.clusterId);
      const decision = resolveBrokerId(s.brokerId, stored, s.brokerIdGenerationEnable, s.logDirs);
      this.brokerId =
        decision.kind === 'use'
          ? decision.brokerId
          : (await this.kafkaZkClient.generateBrokerSequenceId()) + s.reservedBrokerMaxId;
      this.log = getLogger('kafka.server.KafkaServer', `[KafkaServer id=${this.brokerId}] `);
      getLogger('kafka.server.KafkaConfig').info(s.configLogString);

      // Log dirs: one lock each, then every log is loaded (and recovered after an unclean shutdown).
      this.state = 'RECOVERY';
      for (const dir of s.logDirs) {
        const lock = new LogDirLock(dir);
        lock.acquire();
        this.locks.push(lock);
      }
      const kc = s.kafkaConfig;
      const defaultLogConfig = logConfigFromBroker(kc);
      this.logManager = new LogManager(
        {
          logDirs: s.logDirs,
          defaultConfig: defaultLogConfig,
          retentionCheckMs: kc.logCleanupIntervalMs,
          flushCheckMs: kc.logFlushSchedulerIntervalMs,
          flushRecoveryOffsetCheckpointMs: kc.logFlushOffsetCheckpointIntervalMs,
          flushStartOffsetCheckpointMs: kc.logFlushStartOffsetCheckpointIntervalMs,
          highWatermarkCheckpointMs: kc.replicaHighWatermarkCheckpointIntervalMs,
        },
        { clock: this.clock, scheduler: this.scheduler },
      );
      const zkClient = this.kafkaZkClient;
      const topicOverrides = new Map<string, LogConfig>();
      for (const topic of await zkClient.getAllTopics()) {
        const overrides = await zkClient.getTopicConfig(topic);
        if (overrides.size > 0) topicOverrides.set(topic, withTopicOverrides(defaultLogConfig, overrides));
      }
      await this.logManager.startup(topicOverrides);

      this.metadataCache = new MetadataCache(this.brokerId);
      this.isrManager = new ZkIsrManager(zkClient, this.scheduler);
      this.replicaManager = new ReplicaManager({
        brokerId: this.brokerId,
        logManager: this.logManager,
        clock: this.clock,
        scheduler: this.scheduler,
        isrSink: this.isrManager,
        topicLogConfig: async (topic) =>
          withTopicOverrides(defaultLogConfig, await zkClient.getTopicConfig(topic)),
        replicaLagTimeMaxMs: kc.replicaLagTimeMaxMs,
      });
      this.replicaManager.startup();
      const fetchers = new ReplicaFetcherManager({
        brokerId: this.brokerId,
        maxWaitMs: kc.replicaFetchWaitMaxMs,
        minBytes: kc.replicaFetchMinBytes,
        maxBytes: kc.replicaFetchResponseMaxBytes,
        fetchSize: kc.replicaFetchMaxBytes,
        backoffMs: kc.replicaFetchBackoffMs,
        requestTimeoutMs: kc.replicaSocketTimeoutMs,
      });
      this.fetcherManager = fetchers;
      const cache = this.metadataCache;
      this.replicaManager.addListener({
        onBecomeLeader: (partitions) => fetchers.removePartitions(partitions),
        onBecomeFollower: (partitions, leaderEndpoints) =>
          fetchers.addPartitions(
            partitions,
            (id) =>
              leaderEndpoints.get(id) ??
              cache
                .aliveBrokers()
                .find((b) => b.id === id)
                ?.endpoints.get(s.interBrokerListenerName),
          ),
        onStopReplica: (tps) => fetchers.removePartitions(tps),
      });
      this.groupCoordinator = createGroupCoordinator(this);
      this.producerIdManager = new ProducerIdManager(this.brokerId, zkClient);

      this.socketServer = new SocketServer({
        brokerId: this.brokerId,
        endpoints: s.listeners.map((e) => ({ listenerName: e.listenerName, host: e.host, port: e.port })),
        maxRequestBytes: s.socketRequestMaxBytes,
        handler: this.options.requestHandlerFactory(this),
        // Produce requests of one connection may overlap while they wait for their followers.
        pipelined: isProduceRequestFrame,
      });
      await this.socketServer.bind();

      // Registration: bound ports replace port 0, empty hosts become this host's name.
      this.registeredEndpoints = this.resolveAdvertisedEndpoints();
      await this.checkEndpointsNotRegistered(this.registeredEndpoints);
      this.brokerEpoch = await this.registerBroker();

      writeBrokerMetadata(s.logDirs, this.brokerId, this.clusterId, new Date(this.clock.now()));

      this.controller = new KafkaController({
        brokerId: this.brokerId,
        zkClient: this.kafkaZkClient,
        clock: this.clock,
        registerBroker: async () => {
          this.brokerEpoch = await this.registerBroker();
          return this.brokerEpoch;
        },
        interBrokerListenerName: s.interBrokerListenerName,
        controllerSocketTimeoutMs: s.controllerSocketTimeoutMs,
        deleteTopicEnable: s.deleteTopicEnable,
        uncleanLeaderElectionEnable: s.uncleanLeaderElectionEnable,
        autoLeaderRebalanceEnable: s.kafkaConfig.autoLeaderRebalanceEnable,
        leaderImbalancePerBrokerPercentage: s.kafkaConfig.leaderImbalancePerBrokerPercentage,
        leaderImbalanceCheckIntervalMs: s.kafkaConfig.leaderImbalanceCheckIntervalSeconds * 1000,
        scheduler: this.scheduler,
      });
      this.controller.startup();
      await this.producerIdManager.startup();
      await this.groupCoordinator.startup();
      // Topic config changes (kafka-configs, AlterConfigs) reach this broker's logs.
      const logManager = this.logManager;
      this.dynamicConfigManager = createDynamicConfigManager(this);
      this.dynamicConfigManager.addListener({
        onTopicConfigChange: (topic, overrides) => {
          try {
            logManager.topicConfigUpdated(topic, withTopicOverrides(defaultLogConfig, overrides));
          } catch (err) {
            this.log.warn(`Could not apply the new configs of topic ${topic}`, err);
          }
        },
      });
      await this.dynamicConfigManager.start();

      this.socketServer.startProcessingRequests();
      this.state = 'RUNNING';
      const appInfo = getLogger('org.apache.kafka.common.utils.AppInfoParser');
      appInfo.info(`Kafka version: ${KAFKA_VERSION}`);
      appInfo.info(`Kafka commitId: kafka-ts`);
      appInfo.info(`Kafka startTimeMs: ${this.clock.now()}`);
      this.log.info('started');
    } catch (err) {
      this.log.error('Fatal error during KafkaServer startup. Prepare to shutdown', err);
      await this.shutdown();
      throw err;
    }
  }

  private async ensureChroot(): Promise<void> {
    const s = this.options.settings;
    const { servers, chroot } = splitZkConnect(s.zookeeperConnect);
    if (chroot === '' || chroot === '/') return;
    const client = new ZooKeeperClient({
      connectString: servers,
      sessionTimeoutMs: s.zkSessionTimeoutMs,
      connectionTimeoutMs: s.zkConnectionTimeoutMs,
      logger: getLogger('kafka.zookeeper.ZooKeeperClient'),
      name: 'Kafka server chroot',
    });
    try {
      await client.connect();
      if (!(await client.exists(chroot))) {
        await client.mkdirp(chroot);
        this.log.info(`Created zookeeper path ${chroot}`);
      }
    } finally {
      await client.close();
    }
  }

  private resolveAdvertisedEndpoints(): EndPoint[] {
    const s = this.options.settings;
    const socketServer = this.socketServer;
    if (!socketServer) throw new Error('socket server not bound');
    return s.advertisedListeners.map((e) => {
      const bound = s.listeners.find((l) => l.listenerName === e.listenerName);
      const port = e.port === 0 && bound ? socketServer.boundPort(e.listenerName) : e.port;
      const host = e.host === '' ? os.hostname() : e.host;
      return { ...e, host, port };
    });
  }

  /** Kafka refuses to start when another live broker already advertises one of our endpoints. */
  private async checkEndpointsNotRegistered(endpoints: EndPoint[]): Promise<void> {
    const zk = this.kafkaZkClient;
    if (!zk) return;
    const others = await zk.getAllBrokerAndEpochs();
    for (const [id, { info }] of others) {
      if (id === this.brokerId) continue;
      const clash = endpoints.filter((e) =>
        info.endpoints.some((o) => o.host === e.host && o.port === e.port),
      );
      if (clash.length > 0) {
        const text = clash.map((e) => `${e.listenerName}://${e.host}:${e.port}`).join(',');
        throw new DuplicateEndpointError(
          `requirement failed: Configured end points ${text} in advertised listeners are already registered by broker ${id}`,
        );
      }
    }
  }

  private async registerBroker(): Promise<bigint> {
    const zk = this.kafkaZkClient;
    if (!zk) throw new Error('not connected to ZooKeeper');
    return zk.registerBroker({
      id: this.brokerId,
      endpoints: this.registeredEndpoints,
      rack: this.options.settings.rack,
      jmxPort: -1,
      timestampMs: this.clock.now(),
      features: {},
    });
  }

  shutdown(): Promise<void> {
    this.shutdownPromise ??= this.doShutdown();
    return this.shutdownPromise;
  }

  private async doShutdown(): Promise<void> {
    this.log.info('shutting down');
    // Each step is bounded: a component stuck on a ZooKeeper or peer that went away must not keep
    // the broker from stopping.
    const step = async (what: string, fn: () => unknown, timeoutMs = 15_000): Promise<void> => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(fn),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`did not finish within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } catch (err) {
        this.log.warn(`Error during shutdown of ${what}`, err);
      } finally {
        clearTimeout(timer);
      }
    };
    const s = this.options.settings;
    if (
      s.controlledShutdownEnable &&
      this.kafkaZkClient &&
      this.brokerEpoch >= 0n &&
      this.state === 'RUNNING'
    ) {
      this.state = 'PENDING_CONTROLLED_SHUTDOWN';
      const kc = s.kafkaConfig;
      await step('controlled shutdown', () =>
        controlledShutdown({
          brokerId: this.brokerId,
          brokerEpoch: this.brokerEpoch,
          zkClient: this.kafkaZkClient as KafkaZkClient,
          interBrokerListenerName: s.interBrokerListenerName,
          maxRetries: kc.controlledShutdownMaxRetries,
          retryBackoffMs: kc.controlledShutdownRetryBackoffMs,
          requestTimeoutMs: s.controllerSocketTimeoutMs,
          log: this.log,
        }),
      );
      this.state = 'SHUTTING_DOWN';
    }
    this.state = 'SHUTTING_DOWN';
    await step('socket server', () => this.socketServer?.stopProcessingRequests());
    await step('group coordinator', () => this.groupCoordinator?.shutdown());
    await step('replica fetchers', () => this.fetcherManager?.shutdown());
    await step('replica manager', () => this.replicaManager?.shutdown());
    await step('isr manager', () => this.isrManager?.shutdown());
    await step('log manager', () => this.logManager?.shutdown());
    await step('dynamic config manager', () => this.dynamicConfigManager?.stop());
    await step('controller', () => this.controller?.shutdown());
    await step('socket server', () => this.socketServer?.shutdown());
    await step('log dir locks', () => this.locks.forEach((l) => l.release()));
    await step('zookeeper client', () => this.zkClient?.close());
    this.state = 'NOT_RUNNING';
    this.log.info('shut down completed');
  }
}
