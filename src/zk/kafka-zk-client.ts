/**
 * Kafka's operations on ZooKeeper, built on ZooKeeperClient and zk-data: startup paths, cluster id,
 * broker registration, broker id generation, controller election, and writes fenced on the
 * controller epoch's zkVersion. All paths and JSON come from zk-data.ts.
 */
import crypto from 'node:crypto';
import type { Logger } from '../common/logger';
import type { ZkOp, ZkOpResult, ZooKeeperClient, Watcher, Stat } from './zookeeper-client';
import { ZkCode, ZkError } from './zookeeper-client';
import type { BrokerInfo, LeaderIsrAndControllerEpoch, TopicAssignment } from './zk-data';
import {
  ConfigEntityZNode,
  DeleteTopicsTopicZNode,
  DeleteTopicsZNode,
  TopicPartitionStateZNode,
  TopicPartitionZNode,
  TopicPartitionsZNode,
  TopicsZNode,
  TopicZNode,
  BrokerIdsZNode,
  BrokerIdZNode,
  BrokerSequenceIdZNode,
  ClusterIdZNode,
  ControllerEpochZNode,
  ControllerZNode,
  FeatureZNode,
  IsrChangeNotificationZNode,
  PERSISTENT_ZK_PATHS,
  PreferredReplicaElectionZNode,
} from './zk-data';

/** Raised when a controller write finds the epoch moved: another broker is controller now. */
export class ControllerMovedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControllerMovedError';
  }
}

/** Raised when `/brokers/ids/<id>` is held by another live session. */
export class BrokerIdInUseError extends Error {
  constructor(
    readonly brokerId: number,
    message: string,
  ) {
    super(message);
    this.name = 'BrokerIdInUseError';
  }
}

/** A 22-character base64url UUID, as Kafka's `generateUuidAsBase64` makes. */
export function generateUuidAsBase64(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export interface TopicAssignmentWithVersion {
  assignment: TopicAssignment;
  zkVersion: number;
}

export interface PartitionStateWithVersion {
  state: LeaderIsrAndControllerEpoch;
  zkVersion: number;
}

export interface ControllerElectionResult {
  epoch: number;
  epochZkVersion: number;
}

export class KafkaZkClient {
  constructor(
    readonly zk: ZooKeeperClient,
    private readonly log: Logger,
  ) {}

  async createTopLevelPaths(): Promise<void> {
    for (const path of PERSISTENT_ZK_PATHS) {
      if (!(await this.zk.exists(path))) {
        try {
          await this.zk.mkdirp(path);
        } catch (err) {
          if (!(err instanceof ZkError && err.code === ZkCode.NODE_EXISTS)) throw err;
        }
      }
    }
  }

  /** Reads `/cluster/id`, creating it with a fresh id if absent; a lost race reads the winner's id. */
  async getOrCreateClusterId(): Promise<string> {
    const existing = await this.zk.getData(ClusterIdZNode.path);
    if (existing) return ClusterIdZNode.decode(existing.data);
    const id = generateUuidAsBase64();
    try {
      await this.zk.mkdirp('/cluster');
      await this.zk.create(ClusterIdZNode.path, ClusterIdZNode.encode(id), 'persistent');
      return id;
    } catch (err) {
      if (err instanceof ZkError && err.code === ZkCode.NODE_EXISTS) {
        const winner = await this.zk.getData(ClusterIdZNode.path);
        return ClusterIdZNode.decode(winner?.data ?? null);
      }
      throw err;
    }
  }

  /** Bumps `/brokers/seqid` and returns its new znode version (the broker id is that + reserved max). */
  async generateBrokerSequenceId(): Promise<number> {
    await this.zk.createIfAbsent(BrokerSequenceIdZNode.path);
    const stat = await this.zk.setData(BrokerSequenceIdZNode.path, Buffer.alloc(0), -1);
    return stat.version;
  }

  /**
   * Creates the ephemeral `/brokers/ids/<id>` as one multi (create empty, then set the JSON), and
   * returns the broker epoch: the znode's czxid. A node left by our own session counts as ours.
   */
  async registerBroker(info: Omit<BrokerInfo, 'version'>): Promise<bigint> {
    const path = BrokerIdZNode.path(info.id);
    this.log.info(`Creating ${path} (is it secure? false)`);
    const data = BrokerIdZNode.encode(info);
    let results: ZkOpResult[];
    try {
      results = await this.zk.multi([
        { op: 'create', path, data: null, mode: 'ephemeral' },
        { op: 'setData', path, data, version: 0 },
      ]);
    } catch (err) {
      if (err instanceof ZkError && err.code === ZkCode.NODE_EXISTS) {
        const existing = await this.zk.getData(path);
        if (existing && existing.stat.ephemeralOwner === this.zk.sessionIdBigInt) {
          return existing.stat.czxid;
        }
        const owner = existing ? `0x${existing.stat.ephemeralOwner.toString(16)}` : 'unknown';
        throw new BrokerIdInUseError(
          info.id,
          `Error while creating ephemeral at ${path}, node already exists and owner '${owner}' does not match ` +
            `current session '${this.zk.sessionId}'`,
        );
      }
      throw err;
    }
    const stat = results[1]?.stat;
    if (!stat) throw new Error(`registration of ${path} returned no stat`);
    this.log.info(`Stat of the created znode at ${path} is: ${formatStat(stat)}`);
    const addresses = info.endpoints.map((e) => `${e.listenerName}://${e.host}:${e.port}`).join(',');
    this.log.info(
      `Registered broker ${info.id} at path ${path} with addresses: ${addresses}, czxid (broker epoch): ${stat.czxid}`,
    );
    return stat.czxid;
  }

  async getSortedBrokerIds(watcher?: Watcher): Promise<number[]> {
    const children = (await this.zk.getChildren(BrokerIdsZNode.path, watcher)) ?? [];
    return children
      .map(Number)
      .filter((n) => Number.isInteger(n))
      .sort((a, b) => a - b);
  }

  /** Every registered broker with its epoch (czxid). */
  async getAllBrokerAndEpochs(): Promise<Map<number, { info: BrokerInfo; epoch: bigint }>> {
    const out = new Map<number, { info: BrokerInfo; epoch: bigint }>();
    for (const id of await this.getSortedBrokerIds()) {
      const node = await this.zk.getData(BrokerIdZNode.path(id));
      if (!node) continue;
      out.set(id, { info: BrokerIdZNode.decode(id, node.data), epoch: node.stat.czxid });
    }
    return out;
  }

  async getBroker(id: number, watcher?: Watcher): Promise<{ info: BrokerInfo; epoch: bigint } | null> {
    const node = await this.zk.getData(BrokerIdZNode.path(id), watcher);
    if (!node) return null;
    return { info: BrokerIdZNode.decode(id, node.data), epoch: node.stat.czxid };
  }

  /** The current controller id, or null; registers a watch on `/controller` when a watcher is given. */
  async getControllerId(watcher?: Watcher): Promise<number | null> {
    if (watcher) {
      const stat = await this.zk.exists(ControllerZNode.path, watcher);
      if (!stat) return null;
    }
    const node = await this.zk.getData(ControllerZNode.path);
    return node ? ControllerZNode.decode(node.data) : null;
  }

  /** (epoch, zkVersion) of `/controller_epoch`, creating it as 0 when absent. */
  async getOrCreateControllerEpoch(): Promise<{ epoch: number; zkVersion: number }> {
    const node = await this.zk.getData(ControllerEpochZNode.path);
    if (node) return { epoch: ControllerEpochZNode.decode(node.data), zkVersion: node.stat.version };
    try {
      await this.zk.create(ControllerEpochZNode.path, ControllerEpochZNode.encode(0), 'persistent');
      this.log.info('Successfully created /controller_epoch with initial epoch 0');
    } catch (err) {
      if (!(err instanceof ZkError && err.code === ZkCode.NODE_EXISTS)) throw err;
    }
    const again = await this.zk.getData(ControllerEpochZNode.path);
    if (!again) throw new Error('/controller_epoch vanished');
    return { epoch: ControllerEpochZNode.decode(again.data), zkVersion: again.stat.version };
  }

  /**
   * One multi: create the ephemeral `/controller` and set `/controller_epoch` to epoch+1 expecting its
   * zkVersion. Throws ControllerMovedError if another broker won.
   */
  async registerControllerAndIncrementControllerEpoch(
    brokerId: number,
    nowMs: number,
  ): Promise<ControllerElectionResult> {
    const { epoch, zkVersion } = await this.getOrCreateControllerEpoch();
    const newEpoch = epoch + 1;
    try {
      const results = await this.zk.multi([
        {
          op: 'create',
          path: ControllerZNode.path,
          data: ControllerZNode.encode(brokerId, nowMs),
          mode: 'ephemeral',
        },
        {
          op: 'setData',
          path: ControllerEpochZNode.path,
          data: ControllerEpochZNode.encode(newEpoch),
          version: zkVersion,
        },
      ]);
      const stat = results[1]?.stat;
      if (!stat) throw new Error('controller election returned no stat');
      return { epoch: newEpoch, epochZkVersion: stat.version };
    } catch (err) {
      if (err instanceof ZkError && (err.code === ZkCode.NODE_EXISTS || err.code === ZkCode.BAD_VERSION)) {
        // Our own earlier attempt may have succeeded on a connection that then dropped.
        const controller = await this.zk.getData(ControllerZNode.path);
        const current = await this.zk.getData(ControllerEpochZNode.path);
        if (
          controller &&
          current &&
          ControllerZNode.decode(controller.data) === brokerId &&
          controller.stat.ephemeralOwner === this.zk.sessionIdBigInt &&
          ControllerEpochZNode.decode(current.data) === newEpoch
        ) {
          return { epoch: newEpoch, epochZkVersion: current.stat.version };
        }
        throw new ControllerMovedError(
          `Controller moved to another broker. Aborting controller startup procedure`,
        );
      }
      throw err;
    }
  }

  /** Runs ops in one multi guarded by a check on `/controller_epoch`'s zkVersion. */
  async multiWithControllerEpochCheck(epochZkVersion: number, ops: ZkOp[]): Promise<ZkOpResult[]> {
    try {
      const results = await this.zk.multi([
        { op: 'check', path: ControllerEpochZNode.path, version: epochZkVersion },
        ...ops,
      ]);
      return results.slice(1);
    } catch (err) {
      if (
        err instanceof ZkError &&
        err.code === ZkCode.BAD_VERSION &&
        err.path === ControllerEpochZNode.path
      ) {
        throw new ControllerMovedError(
          `Controller epoch zkVersion check fails. Expected zkVersion = ${epochZkVersion}`,
        );
      }
      throw err;
    }
  }

  async getAllTopics(watcher?: Watcher): Promise<string[]> {
    return ((await this.zk.getChildren(TopicsZNode.path, watcher)) ?? []).sort();
  }

  /** A topic's assignment and its znode version, or null when the topic does not exist. */
  async getTopicAssignment(topic: string, watcher?: Watcher): Promise<TopicAssignmentWithVersion | null> {
    const node = await this.zk.getData(TopicZNode.path(topic), watcher);
    if (!node) return null;
    return { assignment: TopicZNode.decode(topic, node.data), zkVersion: node.stat.version };
  }

  /** Rewrites a topic znode if its version is still the expected one (fenced on the controller epoch). */
  async setTopicAssignment(
    topic: string,
    assignment: TopicAssignment,
    expectedVersion: number,
    epochZkVersion: number,
  ): Promise<void> {
    await this.multiWithControllerEpochCheck(epochZkVersion, [
      {
        op: 'setData',
        path: TopicZNode.path(topic),
        data: TopicZNode.encode(assignment),
        version: expectedVersion,
      },
    ]);
  }

  async getPartitionState(topic: string, partition: number): Promise<PartitionStateWithVersion | null> {
    const node = await this.zk.getData(TopicPartitionStateZNode.path(topic, partition));
    if (!node) return null;
    return { state: TopicPartitionStateZNode.decode(node.data), zkVersion: node.stat.version };
  }

  /** Creates `/brokers/topics/<t>/partitions/<p>/state` (and its parents), fenced; returns its version. */
  async createPartitionState(
    topic: string,
    partition: number,
    state: LeaderIsrAndControllerEpoch,
    epochZkVersion: number,
  ): Promise<number> {
    for (const path of [TopicPartitionsZNode.path(topic), TopicPartitionZNode.path(topic, partition)]) {
      if (await this.zk.exists(path)) continue;
      try {
        await this.multiWithControllerEpochCheck(epochZkVersion, [
          { op: 'create', path, data: null, mode: 'persistent' },
        ]);
      } catch (err) {
        if (!(err instanceof ZkError && err.code === ZkCode.NODE_EXISTS)) throw err;
      }
    }
    const statePath = TopicPartitionStateZNode.path(topic, partition);
    await this.multiWithControllerEpochCheck(epochZkVersion, [
      { op: 'create', path: statePath, data: TopicPartitionStateZNode.encode(state), mode: 'persistent' },
    ]);
    return 0;
  }

  /**
   * Conditionally updates a partition's state znode. Returns the new zkVersion, or null when the
   * version moved (someone else changed it: re-read and retry).
   */
  async updatePartitionState(
    topic: string,
    partition: number,
    state: LeaderIsrAndControllerEpoch,
    expectedVersion: number,
    epochZkVersion: number,
  ): Promise<number | null> {
    try {
      const results = await this.multiWithControllerEpochCheck(epochZkVersion, [
        {
          op: 'setData',
          path: TopicPartitionStateZNode.path(topic, partition),
          data: TopicPartitionStateZNode.encode(state),
          version: expectedVersion,
        },
      ]);
      return results[0]?.stat?.version ?? expectedVersion + 1;
    } catch (err) {
      if (err instanceof ZkError && err.code === ZkCode.BAD_VERSION) return null;
      throw err;
    }
  }

  /**
   * A leader's ISR change (the legacy path, before AlterIsr): conditional on the state znode's version
   * only. Returns the new zkVersion, or null when the version moved.
   */
  async conditionalUpdatePartitionState(
    topic: string,
    partition: number,
    state: LeaderIsrAndControllerEpoch,
    expectedVersion: number,
  ): Promise<number | null> {
    try {
      const stat = await this.zk.setData(
        TopicPartitionStateZNode.path(topic, partition),
        TopicPartitionStateZNode.encode(state),
        expectedVersion,
      );
      return stat.version;
    } catch (err) {
      if (err instanceof ZkError && (err.code === ZkCode.BAD_VERSION || err.code === ZkCode.NO_NODE))
        return null;
      throw err;
    }
  }

  /** Posts `/isr_change_notification/isr_change_<seq>` for the controller. */
  async createIsrChangeNotification(partitions: { topic: string; partition: number }[]): Promise<void> {
    await this.zk.create(
      IsrChangeNotificationZNode.sequencePrefix,
      IsrChangeNotificationZNode.encode(partitions),
      'persistent_sequential',
    );
  }

  /** The notification children, watched. */
  async getIsrChangeNotifications(watcher?: Watcher): Promise<string[]> {
    return ((await this.zk.getChildren(IsrChangeNotificationZNode.path, watcher)) ?? []).sort();
  }

  /** Reads and deletes (fenced) one notification; returns its partitions. */
  async consumeIsrChangeNotification(
    child: string,
    epochZkVersion: number,
  ): Promise<{ topic: string; partition: number }[]> {
    const path = `${IsrChangeNotificationZNode.path}/${child}`;
    const node = await this.zk.getData(path);
    const partitions = node ? IsrChangeNotificationZNode.decode(node.data) : [];
    try {
      await this.multiWithControllerEpochCheck(epochZkVersion, [{ op: 'delete', path, version: -1 }]);
    } catch (err) {
      if (!(err instanceof ZkError && err.code === ZkCode.NO_NODE)) throw err;
    }
    return partitions;
  }

  /** The partitions listed in `/admin/preferred_replica_election` (watching for its creation), or null. */
  async getPreferredReplicaElection(
    watcher?: Watcher,
  ): Promise<{ topic: string; partition: number }[] | null> {
    const stat = await this.zk.exists(PreferredReplicaElectionZNode.path, watcher);
    if (!stat) return null;
    const node = await this.zk.getData(PreferredReplicaElectionZNode.path);
    return node ? PreferredReplicaElectionZNode.decode(node.data) : null;
  }

  async deletePreferredReplicaElection(epochZkVersion: number): Promise<void> {
    try {
      await this.multiWithControllerEpochCheck(epochZkVersion, [
        { op: 'delete', path: PreferredReplicaElectionZNode.path, version: -1 },
      ]);
    } catch (err) {
      if (!(err instanceof ZkError && err.code === ZkCode.NO_NODE)) throw err;
    }
  }

  async getTopicDeletions(watcher?: Watcher): Promise<string[]> {
    return ((await this.zk.getChildren(DeleteTopicsZNode.path, watcher)) ?? []).sort();
  }

  async deleteTopicDeletionZNode(topic: string, epochZkVersion: number): Promise<void> {
    try {
      await this.multiWithControllerEpochCheck(epochZkVersion, [
        { op: 'delete', path: DeleteTopicsTopicZNode.path(topic), version: -1 },
      ]);
    } catch (err) {
      if (!(err instanceof ZkError && err.code === ZkCode.NO_NODE)) throw err;
    }
  }

  /** Removes a deleted topic's znodes: assignment (recursively), config, and the deletion marker. */
  async deleteTopicZNodes(topic: string, epochZkVersion: number): Promise<void> {
    const paths = await this.subtreeDepthFirst(TopicZNode.path(topic));
    for (const path of paths) {
      try {
        await this.multiWithControllerEpochCheck(epochZkVersion, [{ op: 'delete', path, version: -1 }]);
      } catch (err) {
        if (!(err instanceof ZkError && err.code === ZkCode.NO_NODE)) throw err;
      }
    }
    for (const path of [ConfigEntityZNode.path('topics', topic)]) {
      try {
        await this.multiWithControllerEpochCheck(epochZkVersion, [{ op: 'delete', path, version: -1 }]);
      } catch (err) {
        if (!(err instanceof ZkError && err.code === ZkCode.NO_NODE)) throw err;
      }
    }
    await this.deleteTopicDeletionZNode(topic, epochZkVersion);
  }

  /** A topic's `unclean.leader.election.enable` override, if any. */
  async getTopicConfig(topic: string): Promise<Map<string, string>> {
    const node = await this.zk.getData(ConfigEntityZNode.path('topics', topic));
    return ConfigEntityZNode.decode(node?.data ?? null);
  }

  /** Every path under (and including) root, children before parents. */
  private async subtreeDepthFirst(root: string): Promise<string[]> {
    const children = await this.zk.getChildren(root);
    if (children === null) return [];
    const out: string[] = [];
    for (const child of children) out.push(...(await this.subtreeDepthFirst(`${root}/${child}`)));
    out.push(root);
    return out;
  }

  /** Creates or updates `/feature` (status Enabled), fenced on the controller epoch. */
  async ensureFeatureZNode(epochZkVersion: number): Promise<void> {
    const existing = await this.zk.exists(FeatureZNode.path);
    if (existing) {
      await this.multiWithControllerEpochCheck(epochZkVersion, [
        { op: 'setData', path: FeatureZNode.path, data: FeatureZNode.encode(1), version: existing.version },
      ]);
    } else {
      await this.multiWithControllerEpochCheck(epochZkVersion, [
        { op: 'create', path: FeatureZNode.path, data: FeatureZNode.encode(1), mode: 'persistent' },
      ]);
    }
  }

  /** Deletes every child of a notification path (isr changes, log dir events) at controller failover. */
  async deleteChildren(path: string, epochZkVersion: number): Promise<void> {
    const children = (await this.zk.getChildren(path)) ?? [];
    for (const child of children) {
      try {
        await this.multiWithControllerEpochCheck(epochZkVersion, [
          { op: 'delete', path: `${path}/${child}`, version: -1 },
        ]);
      } catch (err) {
        if (!(err instanceof ZkError && err.code === ZkCode.NO_NODE)) throw err;
      }
    }
  }
}

/** A Stat printed the way ZooKeeper's Stat.toString looks in Kafka's log line. */
export function formatStat(s: Stat): string {
  return `${s.czxid},${s.mzxid},${s.version},${s.cversion},${s.ephemeralOwner},${s.dataLength},${s.numChildren}`;
}
