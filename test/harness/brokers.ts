/**
 * Starts real broker processes (the same entry point `scripts/kafka-server-start.sh` runs) against the
 * integration run's real ZooKeeper, each test in its own chroot, and inspects ZooKeeper directly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { configureLogging, getLogger } from '../../src/common/logger';
import { ZooKeeperClient } from '../../src/zk/zookeeper-client';

// The tests' own ZooKeeper clients log nowhere; the brokers' output is captured per process.
configureLogging({ console: false });

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_START_JS = path.join(REPO_ROOT, 'dist', 'cli', 'kafka-server-start.js');

export function zkServers(): string {
  const zk = process.env['ZK_CONNECT'];
  if (!zk) throw new Error('ZK_CONNECT is not set: integration tests need the harness global setup');
  return zk;
}

/** A fresh chroot per test keeps tests apart on one ZooKeeper: `127.0.0.1:port/test-xxxx`. */
export function freshZkConnect(): string {
  return `${zkServers()}/test-${crypto.randomBytes(4).toString('hex')}`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export interface BrokerSpec {
  brokerId: number | null;
  zkConnect: string;
  port?: number;
  logDir?: string;
  /** Extra server.properties lines (key -> value). */
  props?: Record<string, string | number | boolean>;
  overrides?: Record<string, string>;
}

export class BrokerProcess {
  output = '';
  exitCode: number | null = null;
  exitSignal: NodeJS.Signals | null = null;
  private readonly exited: Promise<void>;

  constructor(
    readonly proc: ChildProcess,
    readonly port: number,
    readonly logDir: string,
    readonly propertiesFile: string,
  ) {
    const append = (d: Buffer): void => {
      this.output += d.toString('utf8');
    };
    proc.stdout?.on('data', append);
    proc.stderr?.on('data', append);
    this.exited = new Promise((resolve) =>
      proc.once('exit', (code, signal) => {
        this.exitCode = code;
        this.exitSignal = signal;
        resolve();
      }),
    );
  }

  get running(): boolean {
    return this.exitCode === null && this.exitSignal === null;
  }

  /** Waits for a line matching the pattern in the broker's output. */
  async waitForOutput(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (!this.running)
        throw new Error(
          `broker exited (${this.exitCode ?? this.exitSignal}) before ${pattern}:\n${this.output}`,
        );
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${this.output}`);
      await sleep(50);
    }
  }

  async waitForExit(timeoutMs = 20_000): Promise<number | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`broker did not exit within ${timeoutMs} ms:\n${this.output}`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return this.exitCode;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.running) this.proc.kill(signal);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.kill('SIGTERM');
    try {
      await this.waitForExit(15_000);
    } catch {
      this.kill('SIGKILL');
      await this.exited;
    }
  }
}

/** Writes a server.properties for the spec and returns its path. */
export function writeServerProperties(dir: string, spec: BrokerSpec, port: number, logDir: string): string {
  const lines = [
    spec.brokerId === null ? '' : `broker.id=${spec.brokerId}`,
    `listeners=PLAINTEXT://localhost:${port}`,
    `log.dirs=${logDir}`,
    `zookeeper.connect=${spec.zkConnect}`,
    'zookeeper.session.timeout.ms=6000',
    'zookeeper.connection.timeout.ms=10000',
    'offsets.topic.replication.factor=1',
    'group.initial.rebalance.delay.ms=0',
    ...Object.entries(spec.props ?? {}).map(([k, v]) => `${k}=${String(v)}`),
  ];
  const file = path.join(dir, `server-${spec.brokerId ?? 'auto'}-${port}.properties`);
  fs.writeFileSync(file, lines.filter((l) => l !== '').join('\n') + '\n');
  return file;
}

/** Spawns a broker process; does not wait for it to start. */
export async function spawnBroker(spec: BrokerSpec): Promise<BrokerProcess> {
  const port = spec.port ?? (await freePort());
  const logDir = spec.logDir ?? tempDir(`kafka-logs-${spec.brokerId ?? 'auto'}`);
  const confDir = tempDir('kafka-conf');
  const propertiesFile = writeServerProperties(confDir, spec, port, logDir);
  const args = [SERVER_START_JS, propertiesFile];
  for (const [k, v] of Object.entries(spec.overrides ?? {})) args.push('--override', `${k}=${v}`);
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, LOG_DIR: path.join(confDir, 'logs') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const broker = new BrokerProcess(proc, port, logDir, propertiesFile);
  liveBrokers.add(broker);
  return broker;
}

/** Spawns a broker and waits for `[KafkaServer id=N] started`. */
export async function startBroker(spec: BrokerSpec): Promise<BrokerProcess> {
  const broker = await spawnBroker(spec);
  await broker.waitForOutput(/\[KafkaServer id=\d+\] started/);
  return broker;
}

const liveBrokers = new Set<BrokerProcess>();

/** Kills every broker a test started (call from afterEach/afterAll). */
export async function stopAllBrokers(): Promise<void> {
  await Promise.all([...liveBrokers].map((b) => b.stop()));
  liveBrokers.clear();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until fn returns a truthy value or the timeout passes. */
export async function eventually<T>(
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await sleep(100);
  }
}

/** A ZooKeeper client on the test's chroot, for assertions. */
export async function zkInspector(connectString: string): Promise<ZooKeeperClient> {
  const zk = new ZooKeeperClient({
    connectString,
    sessionTimeoutMs: 10_000,
    connectionTimeoutMs: 10_000,
    logger: getLogger('test.zk'),
    name: 'test inspector',
  });
  await zk.connect();
  return zk;
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Waits until none of the ports accepts connections (a cluster another test stopped may still be
 * exiting); returns the ports still in use after the timeout.
 */
export async function waitForPortsFree(ports: number[], timeoutMs = 30_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const busy: number[] = [];
    for (const port of ports) if (await portInUse(port)) busy.push(port);
    if (busy.length === 0 || Date.now() > deadline) return busy;
    await sleep(250);
  }
}
