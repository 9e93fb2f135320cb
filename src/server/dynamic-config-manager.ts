/**
 * Kafka's `DynamicConfigManager` for topic configs (with its `ZkNodeChangeNotificationListener`):
 * watches the children of `/config/changes`, and for every `config_change_<seq>` newer than the last
 * one processed, reads the entity it names and, for `topics/<t>`, reloads `/config/topics/<t>` into
 * `topicConfigs` and tells every listener (`onTopicConfigChange(topic, config)`; the storage layer
 * applies segment/retention overrides from there). Notifications older than 15 minutes are purged,
 * by every broker, as Kafka does. Other entity types (clients, users, brokers, ips) are ignored.
 *
 * Watches are one-shot: each read of the children re-arms one. A watch, a new ZooKeeper session, or
 * start() queues one processing pass; passes run one at a time, and at most one waits behind the
 * running one (a burst of notifications costs one extra pass).
 *
 * Lifecycle: the constructor does no I/O. `start()` loads every topic's overrides (Kafka bootstraps
 * its handlers the same way), then processes all existing notifications (lastExecutedChange starts at
 * -1, so a restart re-reads them all) and arms the watch; it resolves when that first pass is done.
 * `stop()` ignores later watches and waits for a running pass. Both are idempotent.
 *
 * Purging: Kafka deletes a notification when `now - ctime > 15 min`. The ZooKeeper client's Stat
 * carries no ctime yet, so until it does, the age counts from when this manager first saw the node.
 */
import type { Clock } from '../common/clock';
import { systemClock } from '../common/clock';
import type { Logger } from '../common/logger';
import { getLogger } from '../common/logger';
import type { KafkaZkClient } from '../zk/kafka-zk-client';
import { ConfigEntityChangeNotificationZNode, ConfigEntityZNode } from '../zk/zk-data';
import type { Stat } from '../zk/zookeeper-client';
import { ZkCode, ZkError } from '../zk/zookeeper-client';
import type { KafkaServer } from './kafka-server';

export interface TopicConfigChangeListener {
  /** The topic's full override set as now stored in ZooKeeper (empty when it has none). */
  onTopicConfigChange(topic: string, config: ReadonlyMap<string, string>): void;
}

export interface DynamicConfigManagerOptions {
  zkClient: KafkaZkClient;
  clock?: Clock;
  /** Notifications older than this are deleted (Kafka: 15 minutes). */
  changeExpirationMs?: number;
  log?: Logger;
}

const CHANGES_PATH = ConfigEntityChangeNotificationZNode.path;
const SEQUENCE_PREFIX = 'config_change_';
const TOPICS_CONFIG_PATH = '/config/topics';

/** The Stat's creation time, when the ZooKeeper client provides one. */
function ctimeOf(stat: Stat): number | undefined {
  const ctime = (stat as Stat & { ctime?: unknown }).ctime;
  if (typeof ctime === 'number') return ctime;
  if (typeof ctime === 'bigint') return Number(ctime);
  return undefined;
}

/** The entity a notification names: `{version:2, entity_path}` or `{version:1, entity_type, entity_name}`. */
export function parseConfigChangeNotification(data: Buffer): { entityType: string; entityName: string } {
  const text = data.toString('utf8');
  const json = JSON.parse(text) as unknown;
  if (typeof json !== 'object' || json === null)
    throw new Error(`Config change notification has an unexpected value. Received: ${text}`);
  const o = json as Record<string, unknown>;
  if (o['version'] === 1) {
    const type = o['entity_type'];
    const name = o['entity_name'];
    if (type !== 'topics' && type !== 'clients')
      throw new Error(
        `Version 1 config change notification must have 'entity_type' set to 'clients' or 'topics'. Received: ${text}`,
      );
    if (typeof name !== 'string')
      throw new Error(
        `Version 1 config change notification does not specify 'entity_name'. Received: ${text}`,
      );
    return { entityType: type, entityName: name };
  }
  if (o['version'] === 2) {
    const path = o['entity_path'];
    if (typeof path !== 'string')
      throw new Error(`Version 2 config change notification must specify 'entity_path'. Received: ${text}`);
    const slash = path.indexOf('/');
    if (slash < 0)
      throw new Error(
        `Version 2 config change notification must have 'entity_path' with a type. Received: ${text}`,
      );
    return { entityType: path.slice(0, slash), entityName: path.slice(slash + 1) };
  }
  throw new Error(
    `Config change notification has unsupported version '${String(o['version'])}', supported versions are 1 and 2.`,
  );
}

export class DynamicConfigManager {
  private readonly configs = new Map<string, Map<string, string>>();
  private listeners: TopicConfigChangeListener[] = [];
  private lastExecutedChange = -1;
  private readonly firstSeen = new Map<string, number>();
  private running = false;
  private started: Promise<void> | undefined;
  private sessionHookInstalled = false;
  private passQueued = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly clock: Clock;
  private readonly expirationMs: number;
  private readonly log: Logger;

  constructor(private readonly options: DynamicConfigManagerOptions) {
    this.clock = options.clock ?? systemClock;
    this.expirationMs = options.changeExpirationMs ?? 15 * 60 * 1000;
    this.log = options.log ?? getLogger('kafka.common.ZkNodeChangeNotificationListener');
  }

  /** Every topic's overrides as last read (topics without overrides may be absent). */
  get topicConfigs(): ReadonlyMap<string, ReadonlyMap<string, string>> {
    return this.configs;
  }

  /** One topic's overrides as last read (empty when unknown). */
  topicConfig(topic: string): ReadonlyMap<string, string> {
    return this.configs.get(topic) ?? new Map();
  }

  /** Registers a listener; returns the function that removes it. */
  addListener(listener: TopicConfigChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  start(): Promise<void> {
    this.started ??= this.doStart();
    return this.started;
  }

  private async doStart(): Promise<void> {
    this.running = true;
    if (!this.sessionHookInstalled) {
      this.sessionHookInstalled = true;
      this.options.zkClient.zk.onSessionReestablished(() => void this.queuePass());
    }
    const topics = (await this.options.zkClient.zk.getChildren(TOPICS_CONFIG_PATH)) ?? [];
    for (const topic of topics.sort()) await this.loadTopicConfig(topic);
    await this.queuePass();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.started = undefined;
    await this.chain;
  }

  /**
   * Reads `/config/topics/<t>` now, stores it and tells the listeners. For a log being created
   * (Kafka's LogManager reads ZooKeeper itself then: a topic re-created under an old name posts no
   * notification).
   */
  async loadTopicConfig(topic: string): Promise<ReadonlyMap<string, string>> {
    const node = await this.options.zkClient.zk.getData(ConfigEntityZNode.path('topics', topic));
    const config = node ? ConfigEntityZNode.decode(node.data) : new Map<string, string>();
    if (node) this.configs.set(topic, config);
    else this.configs.delete(topic);
    for (const l of this.listeners) {
      try {
        l.onTopicConfigChange(topic, config);
      } catch (err) {
        this.log.error(`Error applying the config change of topic ${topic}`, err);
      }
    }
    return config;
  }

  /** Queues one processing pass unless one is already waiting; resolves when it has run. */
  private queuePass(): Promise<void> {
    if (this.passQueued) return this.chain;
    this.passQueued = true;
    this.chain = this.chain.then(async () => {
      this.passQueued = false;
      if (this.running) await this.processNotifications();
    });
    return this.chain;
  }

  private async processNotifications(): Promise<void> {
    const zk = this.options.zkClient.zk;
    try {
      const watcher = (): void => {
        if (this.running) void this.queuePass();
      };
      const children = await zk.getChildren(CHANGES_PATH, watcher);
      if (children === null) {
        await zk.exists(CHANGES_PATH, watcher); // wake up when it is created
        return;
      }
      const notifications = children.filter((c) => c.startsWith(SEQUENCE_PREFIX)).sort();
      if (notifications.length === 0) return;
      this.log.info(`Processing notification(s) to ${CHANGES_PATH}`);
      const now = this.clock.now();
      for (const n of notifications) {
        const changeId = Number(n.slice(SEQUENCE_PREFIX.length));
        if (changeId > this.lastExecutedChange) {
          await this.processNotification(n);
          this.lastExecutedChange = changeId;
        }
      }
      await this.purgeObsoleteNotifications(now, notifications);
    } catch (err) {
      this.log.error(`Error while processing notification change for path = ${CHANGES_PATH}`, err);
    }
  }

  private async processNotification(name: string): Promise<void> {
    const path = `${CHANGES_PATH}/${name}`;
    const node = await this.options.zkClient.zk.getData(path);
    if (!node?.data) {
      this.log.warn(`read null data from ${path}`);
      return;
    }
    try {
      const { entityType, entityName } = parseConfigChangeNotification(node.data);
      if (entityType !== 'topics') {
        this.log.debug(`Ignoring config change of ${entityType}/${entityName}`);
        return;
      }
      const config = await this.loadTopicConfig(entityName);
      const shown = [...config].map(([k, v]) => `${k} -> ${v}`).join(', ');
      getLogger('kafka.server.DynamicConfigManager').info(
        `Processing override for entityPath: topics/${entityName} with config: HashMap(${shown})`,
      );
    } catch (err) {
      this.log.error(`error processing change notification ${node.data.toString('utf8')} from ${path}`, err);
    }
  }

  private async purgeObsoleteNotifications(now: number, notifications: readonly string[]): Promise<void> {
    const zk = this.options.zkClient.zk;
    const present = new Set(notifications);
    for (const n of [...this.firstSeen.keys()]) if (!present.has(n)) this.firstSeen.delete(n);
    for (const n of notifications) {
      const path = `${CHANGES_PATH}/${n}`;
      const node = await zk.getData(path);
      if (!node) continue;
      if (!this.firstSeen.has(n)) this.firstSeen.set(n, now);
      const created = ctimeOf(node.stat) ?? this.firstSeen.get(n) ?? now;
      if (now - created > this.expirationMs) {
        this.log.debug(`Purging change notification ${path}`);
        try {
          await zk.delete(path);
        } catch (err) {
          if (!(err instanceof ZkError && err.code === ZkCode.NO_NODE)) throw err;
        }
        this.firstSeen.delete(n);
      }
    }
  }
}

/**
 * The DynamicConfigManager of a broker whose ZooKeeper client is connected (after
 * `createTopLevelPaths`). The caller starts it (Kafka: near the end of startup; earlier if the log
 * manager wants the overrides while loading) and stops it before closing ZooKeeper.
 */
export function createDynamicConfigManager(
  server: KafkaServer,
  options: { clock?: Clock; changeExpirationMs?: number } = {},
): DynamicConfigManager {
  const zkClient = server.kafkaZkClient;
  if (!zkClient) throw new Error('the DynamicConfigManager needs a connected ZooKeeper client');
  return new DynamicConfigManager({ zkClient, ...options });
}
