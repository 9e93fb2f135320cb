/**
 * A promise wrapper over node-zookeeper-client with Kafka's session semantics.
 *
 * Lifecycle: the constructor does no I/O; `connect()` opens a session and fails with Kafka's message
 * when it cannot connect within the connection timeout; `close()` ends the session (ephemeral nodes go
 * at once). When the server expires the session, `onSessionExpired` handlers run and `reconnect()`
 * opens a fresh session (node-zookeeper-client cannot revive an expired one).
 *
 * Watches are one-shot, as in ZooKeeper: pass a watcher to a read to be told once of the next change.
 */
import zookeeper from 'node-zookeeper-client';
import type { Logger } from '../common/logger';

export type Watcher = (event: { type: number; name: string; path: string }) => void;

export interface Stat {
  czxid: bigint;
  mzxid: bigint;
  version: number;
  cversion: number;
  ephemeralOwner: bigint;
  dataLength: number;
  numChildren: number;
}

export type CreateMode = 'persistent' | 'ephemeral' | 'persistent_sequential' | 'ephemeral_sequential';

export type ZkOp =
  | { op: 'create'; path: string; data: Buffer | null; mode: CreateMode }
  | { op: 'setData'; path: string; data: Buffer; version: number }
  | { op: 'check'; path: string; version: number }
  | { op: 'delete'; path: string; version: number };

export interface ZkOpResult {
  path?: string;
  stat?: Stat;
}

/** ZooKeeper result codes we act on (the names ZooKeeper itself uses). */
export const ZkCode = {
  OK: 0,
  CONNECTION_LOSS: -4,
  OPERATION_TIMEOUT: -7,
  NO_NODE: -101,
  BAD_VERSION: -103,
  NO_CHILDREN_FOR_EPHEMERALS: -108,
  NODE_EXISTS: -110,
  NOT_EMPTY: -111,
  SESSION_EXPIRED: -112,
} as const;

/** A ZooKeeper error with its code, the path involved and ZooKeeper's own name for it. */
export class ZkError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    readonly path: string | undefined,
    options?: ErrorOptions,
  ) {
    super(`KeeperErrorCode = ${codeName}${path ? ` for ${path}` : ''}`, options);
    this.name = 'ZkError';
  }
}

function toBigInt(buf: Buffer | undefined): bigint {
  if (!buf || buf.length < 8) return 0n;
  return buf.readBigInt64BE(0);
}

function toStat(s: zookeeper.Stat): Stat {
  const raw = s as unknown as Record<string, unknown>;
  return {
    czxid: toBigInt(raw['czxid'] as Buffer),
    mzxid: toBigInt(raw['mzxid'] as Buffer),
    version: Number(raw['version']),
    cversion: Number(raw['cversion']),
    ephemeralOwner: toBigInt(raw['ephemeralOwner'] as Buffer),
    dataLength: Number(raw['dataLength']),
    numChildren: Number(raw['numChildren']),
  };
}

function wrapError(err: unknown, path?: string): Error {
  if (err instanceof zookeeper.Exception) {
    return new ZkError(err.getCode(), err.getName(), path, { cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}

const createModes: Record<CreateMode, number> = {
  persistent: zookeeper.CreateMode.PERSISTENT,
  ephemeral: zookeeper.CreateMode.EPHEMERAL,
  persistent_sequential: zookeeper.CreateMode.PERSISTENT_SEQUENTIAL,
  ephemeral_sequential: zookeeper.CreateMode.EPHEMERAL_SEQUENTIAL,
};

export interface ZooKeeperClientOptions {
  connectString: string;
  sessionTimeoutMs: number;
  connectionTimeoutMs: number;
  logger: Logger;
  /** Name shown in log lines, like Kafka's `[ZooKeeperClient Kafka server] `. */
  name?: string;
}

export class ZooKeeperClient {
  private client: zookeeper.Client | undefined;
  private closed = false;
  private readonly expiredHandlers: (() => void)[] = [];
  private readonly reestablishedHandlers: (() => void)[] = [];
  private readonly log: Logger;

  constructor(private readonly options: ZooKeeperClientOptions) {
    this.log = options.logger.withPrefix(`[ZooKeeperClient ${options.name ?? 'Kafka server'}] `);
  }

  get connectString(): string {
    return this.options.connectString;
  }

  /** Whether the session is connected to a server right now. */
  get isConnected(): boolean {
    const state = this.client?.getState();
    return state === zookeeper.State.SYNC_CONNECTED || state === zookeeper.State.CONNECTED_READ_ONLY;
  }

  /** The current session id as ZooKeeper prints it (hex). */
  get sessionId(): string {
    const id = this.client?.getSessionId();
    return id ? `0x${id.toString('hex').replace(/^0+(?=.)/, '')}` : '0x0';
  }

  /** The current session id as the number ZooKeeper stores as an ephemeral node's owner. */
  get sessionIdBigInt(): bigint {
    return toBigInt(this.client?.getSessionId());
  }

  /** Runs when the server has expired our session, before a new one is opened. */
  onSessionExpired(handler: () => void): void {
    this.expiredHandlers.push(handler);
  }

  /** Runs once a new session replaces an expired one (watches and ephemerals must be set again). */
  onSessionReestablished(handler: () => void): void {
    this.reestablishedHandlers.push(handler);
  }

  /** Opens a session; rejects with Kafka's message if not connected within the connection timeout. */
  async connect(): Promise<void> {
    this.log.info(`Initializing a new session to ${this.options.connectString}.`);
    const client = zookeeper.createClient(this.options.connectString, {
      sessionTimeout: this.options.sessionTimeoutMs,
      spinDelay: 200,
      retries: 1,
    });
    this.client = client;
    this.log.info('Waiting until connected.');
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        client.removeListener('connected', onConnected);
        client.close();
        reject(new Error('Timed out waiting for connection while in state: CONNECTING'));
      }, this.options.connectionTimeoutMs);
      const onConnected = (): void => {
        clearTimeout(timer);
        resolve();
      };
      client.once('connected', onConnected);
      client.connect();
    });
    this.log.info('Connected.');
    client.on('state', (state: zookeeper.State) => {
      if (this.client !== client || this.closed) return;
      if (state === zookeeper.State.EXPIRED) {
        this.log.info(`Session expired.`);
        for (const h of this.expiredHandlers) h();
        void this.reestablish(client);
      } else if (state === zookeeper.State.DISCONNECTED) {
        this.log.debug('Disconnected from ZooKeeper; the client keeps trying to reconnect.');
      }
    });
  }

  /** Replaces an expired session with a new one, retrying until it succeeds or the client is closed. */
  private async reestablish(expired: zookeeper.Client): Promise<void> {
    if (this.client !== expired) return;
    this.client = undefined;
    expired.close();
    while (!this.closed) {
      try {
        await this.connect();
        for (const h of this.reestablishedHandlers) h();
        return;
      } catch (err) {
        this.log.warn(`Unable to re-establish the ZooKeeper session; retrying`, err);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    this.log.info('Closing.');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 2000);
      client.once('disconnected', () => {
        clearTimeout(timer);
        resolve();
      });
      client.close();
    });
    this.log.info('Closed.');
  }

  private get zk(): zookeeper.Client {
    if (!this.client) throw new ZkError(ZkCode.CONNECTION_LOSS, 'CONNECTIONLOSS', undefined);
    return this.client;
  }

  create(path: string, data: Buffer | null, mode: CreateMode = 'persistent'): Promise<string> {
    return new Promise((resolve, reject) => {
      const cb = (err: Error | zookeeper.Exception | null, created: string): void =>
        err ? reject(wrapError(err, path)) : resolve(created);
      if (data) this.zk.create(path, data, createModes[mode], cb);
      else this.zk.create(path, createModes[mode], cb);
    });
  }

  /** Creates the node and any missing parents (persistent, no data). */
  mkdirp(path: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.zk.mkdirp(path, (err) => (err ? reject(wrapError(err, path)) : resolve())),
    );
  }

  /** Creates the node unless it exists; returns whether it created it. */
  async createIfAbsent(path: string, data: Buffer | null = null): Promise<boolean> {
    try {
      await this.create(path, data, 'persistent');
      return true;
    } catch (err) {
      if (err instanceof ZkError && err.code === ZkCode.NODE_EXISTS) return false;
      throw err;
    }
  }

  /** Data and stat, or null when the node does not exist. */
  getData(path: string, watcher?: Watcher): Promise<{ data: Buffer | null; stat: Stat } | null> {
    return new Promise((resolve, reject) => {
      const cb = (err: Error | zookeeper.Exception | null, data: Buffer, stat: zookeeper.Stat): void => {
        if (err) {
          if (err instanceof zookeeper.Exception && err.getCode() === ZkCode.NO_NODE) resolve(null);
          else reject(wrapError(err, path));
          return;
        }
        resolve({ data: data ?? null, stat: toStat(stat) });
      };
      if (watcher) this.zk.getData(path, watcher as never, cb);
      else this.zk.getData(path, cb);
    });
  }

  setData(path: string, data: Buffer, version = -1): Promise<Stat> {
    return new Promise((resolve, reject) =>
      this.zk.setData(path, data, version, (err, stat) =>
        err ? reject(wrapError(err, path)) : resolve(toStat(stat)),
      ),
    );
  }

  exists(path: string, watcher?: Watcher): Promise<Stat | null> {
    return new Promise((resolve, reject) => {
      const cb = (err: Error | zookeeper.Exception | null, stat: zookeeper.Stat): void => {
        if (err) reject(wrapError(err, path));
        else resolve(stat ? toStat(stat) : null);
      };
      if (watcher) this.zk.exists(path, watcher as never, cb);
      else this.zk.exists(path, cb);
    });
  }

  /** Child names (unsorted, as ZooKeeper returns them), or null when the node does not exist. */
  getChildren(path: string, watcher?: Watcher): Promise<string[] | null> {
    return new Promise((resolve, reject) => {
      const cb = (err: Error | zookeeper.Exception | null, children: string[]): void => {
        if (err) {
          if (err instanceof zookeeper.Exception && err.getCode() === ZkCode.NO_NODE) resolve(null);
          else reject(wrapError(err, path));
          return;
        }
        resolve(children);
      };
      if (watcher) this.zk.getChildren(path, watcher as never, cb);
      else this.zk.getChildren(path, cb);
    });
  }

  delete(path: string, version = -1): Promise<void> {
    return new Promise((resolve, reject) =>
      this.zk.remove(path, version, (err) => (err ? reject(wrapError(err, path)) : resolve())),
    );
  }

  /** Deletes a node and everything below it; a missing node is not an error. */
  async deleteRecursive(path: string): Promise<void> {
    const children = await this.getChildren(path);
    if (children === null) return;
    for (const child of children) await this.deleteRecursive(`${path === '/' ? '' : path}/${child}`);
    try {
      await this.delete(path);
    } catch (err) {
      if (!(err instanceof ZkError && err.code === ZkCode.NO_NODE)) throw err;
    }
  }

  /** Runs the ops atomically; rejects with the ZkError of the first failing op. */
  multi(ops: ZkOp[]): Promise<ZkOpResult[]> {
    return new Promise((resolve, reject) => {
      let tx = this.zk.transaction();
      for (const o of ops) {
        switch (o.op) {
          case 'create':
            tx = o.data
              ? tx.create(o.path, o.data, createModes[o.mode])
              : tx.create(o.path, createModes[o.mode]);
            break;
          case 'setData':
            tx = tx.setData(o.path, o.data, o.version);
            break;
          case 'check':
            tx = tx.check(o.path, o.version);
            break;
          case 'delete':
            tx = tx.remove(o.path, o.version);
            break;
        }
      }
      tx.commit((err, rawResults: unknown) => {
        const results = (Array.isArray(rawResults) ? rawResults : []) as unknown[];
        if (err) {
          const failed = results.findIndex(
            (r) => (r as { err?: number }).err !== undefined && (r as { err?: number }).err !== 0,
          );
          reject(wrapError(err, ops[failed >= 0 ? failed : 0]?.path));
          return;
        }
        resolve(
          results.map((r) => {
            const raw = r as { path?: string; stat?: zookeeper.Stat };
            const out: ZkOpResult = {};
            if (raw.path !== undefined) out.path = raw.path;
            if (raw.stat) out.stat = toStat(raw.stat);
            return out;
          }),
        );
      });
    });
  }
}
