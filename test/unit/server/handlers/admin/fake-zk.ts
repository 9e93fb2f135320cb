/**
 * An in-memory ZooKeeper for unit tests of code built on ZooKeeperClient / KafkaZkClient: persistent
 * and sequential nodes, versions, NO_NODE / NODE_EXISTS errors and one-shot child watches.
 */
import type { Logger } from '../../../../../src/common/logger';
import { KafkaZkClient } from '../../../../../src/zk/kafka-zk-client';
import type { CreateMode, Stat, Watcher, ZooKeeperClient } from '../../../../../src/zk/zookeeper-client';
import { ZkCode, ZkError } from '../../../../../src/zk/zookeeper-client';

interface Node {
  data: Buffer | null;
  version: number;
  ctime: number;
}

export const silentLogger: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
  isDebugEnabled: () => false,
  withPrefix: () => silentLogger,
};

/** A logger that keeps its lines (level and message). */
export function recordingLogger(lines: string[]): Logger {
  const log = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  const logger: Logger = {
    error: log('ERROR'),
    warn: log('WARN'),
    info: log('INFO'),
    debug: log('DEBUG'),
    trace: log('TRACE'),
    isDebugEnabled: () => true,
    withPrefix: () => logger,
  };
  return logger;
}

export class FakeZk {
  readonly nodes = new Map<string, Node>([['/', { data: null, version: 0, ctime: 0 }]]);
  private readonly childWatchers = new Map<string, Watcher[]>();
  private sequence = 0;
  private readonly reestablished: (() => void)[] = [];
  now = 0;

  private parent(path: string): string {
    const i = path.lastIndexOf('/');
    return i <= 0 ? '/' : path.slice(0, i);
  }

  private stat(n: Node): Stat {
    return {
      czxid: 0n,
      mzxid: 0n,
      version: n.version,
      cversion: 0,
      ephemeralOwner: 0n,
      dataLength: n.data?.length ?? 0,
      numChildren: 0,
    };
  }

  private fire(path: string): void {
    const watchers = this.childWatchers.get(path) ?? [];
    this.childWatchers.delete(path);
    for (const w of watchers) w({ type: 4, name: 'NODE_CHILDREN_CHANGED', path });
  }

  create(path: string, data: Buffer | null, mode: CreateMode = 'persistent'): Promise<string> {
    let p = path;
    if (mode.endsWith('sequential')) p = `${path}${String(this.sequence++).padStart(10, '0')}`;
    if (this.nodes.has(p)) return Promise.reject(new ZkError(ZkCode.NODE_EXISTS, 'NODEEXISTS', p));
    if (!this.nodes.has(this.parent(p))) return Promise.reject(new ZkError(ZkCode.NO_NODE, 'NONODE', p));
    this.nodes.set(p, { data, version: 0, ctime: this.now });
    this.fire(this.parent(p));
    return Promise.resolve(p);
  }

  async mkdirp(path: string): Promise<void> {
    const parts = path.split('/').filter((s) => s !== '');
    let p = '';
    for (const part of parts) {
      p += `/${part}`;
      if (!this.nodes.has(p)) await this.create(p, null);
    }
  }

  getData(path: string): Promise<{ data: Buffer | null; stat: Stat } | null> {
    const n = this.nodes.get(path);
    return Promise.resolve(n ? { data: n.data, stat: { ...this.stat(n), ctime: n.ctime } as Stat } : null);
  }

  setData(path: string, data: Buffer, version = -1): Promise<Stat> {
    const n = this.nodes.get(path);
    if (!n) return Promise.reject(new ZkError(ZkCode.NO_NODE, 'NONODE', path));
    if (version >= 0 && version !== n.version)
      return Promise.reject(new ZkError(ZkCode.BAD_VERSION, 'BADVERSION', path));
    n.data = data;
    n.version += 1;
    return Promise.resolve(this.stat(n));
  }

  exists(path: string): Promise<Stat | null> {
    const n = this.nodes.get(path);
    return Promise.resolve(n ? this.stat(n) : null);
  }

  getChildren(path: string, watcher?: Watcher): Promise<string[] | null> {
    if (!this.nodes.has(path)) return Promise.resolve(null);
    if (watcher) this.childWatchers.set(path, [...(this.childWatchers.get(path) ?? []), watcher]);
    const prefix = path === '/' ? '/' : `${path}/`;
    const children = [...this.nodes.keys()]
      .filter((p) => p.startsWith(prefix) && p !== path && !p.slice(prefix.length).includes('/'))
      .map((p) => p.slice(prefix.length));
    return Promise.resolve(children);
  }

  delete(path: string): Promise<void> {
    if (!this.nodes.delete(path)) return Promise.reject(new ZkError(ZkCode.NO_NODE, 'NONODE', path));
    this.fire(this.parent(path));
    return Promise.resolve();
  }

  onSessionExpired(): void {}

  onSessionReestablished(handler: () => void): void {
    this.reestablished.push(handler);
  }

  /** Tests: pretend ZooKeeper gave us a new session. */
  newSession(): void {
    for (const h of this.reestablished) h();
  }

  /** Tests: the node's data parsed as JSON. */
  json(path: string): unknown {
    const d = this.nodes.get(path)?.data;
    return d ? (JSON.parse(d.toString('utf8')) as unknown) : null;
  }

  /** A KafkaZkClient over this fake. */
  kafkaZkClient(): KafkaZkClient {
    return new KafkaZkClient(this as unknown as ZooKeeperClient, silentLogger);
  }
}
