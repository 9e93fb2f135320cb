/**
 * A real ZooKeeper (the local install) started three ways: through the programmatic API, through
 * scripts/zookeeper-server-start.sh -daemon, and in the foreground. Everything listens on
 * 127.0.0.1 only, every wait is bounded, and every server started here is stopped in a finally.
 */
import { execFile, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zookeeper from 'node-zookeeper-client';
import type { RunningZooKeeper } from '../../src/zookeeper-server';
import { findFreePort, isPortOpen, isZooKeeperServing, startZooKeeper } from '../../src/zookeeper-server';
import { pollUntil } from '../../src/zookeeper-server/probe';

jest.setTimeout(90_000);

const ROOT = path.resolve(__dirname, '..', '..');
const START = path.join(ROOT, 'scripts', 'zookeeper-server-start.sh');
const STOP = path.join(ROOT, 'scripts', 'zookeeper-server-stop.sh');
const SHELL = path.join(ROOT, 'scripts', 'zookeeper-shell.sh');
/** A ZooKeeper log line in Kafka's layout: [2021-10-05 10:00:00,123] INFO message (logger) */
const KAFKA_LOG_LINE =
  /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] INFO .+ \(org\.apache\.zookeeper\.[\w.$]+\)$/m;

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function connect(connectString: string): Promise<zookeeper.Client> {
  const client = zookeeper.createClient(connectString, { sessionTimeout: 10_000, retries: 1 });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.close();
      reject(new Error(`Could not connect to ${connectString} within 10 s`));
    }, 10_000);
    client.once('connected', () => {
      clearTimeout(timer);
      resolve(client);
    });
    client.connect();
  });
}

function createNode(client: zookeeper.Client, znode: string, data: string): Promise<void> {
  return new Promise((resolve, reject) =>
    client.create(znode, Buffer.from(data), zookeeper.CreateMode.PERSISTENT, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}

function getData(client: zookeeper.Client, znode: string): Promise<string> {
  return new Promise((resolve, reject) =>
    client.getData(znode, (error, data) => (error ? reject(error) : resolve(data.toString('utf8')))),
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function hostPort(connectString: string): { host: string; port: number } {
  const [host = '', port = ''] = connectString.split('/')[0]?.split(':') ?? [];
  return { host, port: Number(port) };
}

/** The first `tool` on this process's PATH. */
function which(tool: string): string {
  const dirs = (process.env['PATH'] ?? '').split(':').filter((d) => d !== '');
  const found = dirs.map((d) => path.join(d, tool)).find((f) => existsSync(f));
  if (found === undefined) throw new Error(`${tool} is not on PATH`);
  return found;
}

function writeProperties(dir: string, clientPort: number, dataDir: string): string {
  const file = path.join(dir, 'zk.properties');
  writeFileSync(
    file,
    `dataDir=${dataDir}\nclientPort=${clientPort}\nclientPortAddress=127.0.0.1\nmaxClientCnxns=0\nadmin.enableServer=false\n`,
  );
  return file;
}

describe('shared ZooKeeper from the jest global setup', () => {
  it('is serving at ZK_CONNECT', async () => {
    const connectString = process.env['ZK_CONNECT'];
    expect(connectString).toMatch(/^[\w.-]+:\d+$/);
    const { host, port } = hostPort(connectString ?? '');
    expect(await isZooKeeperServing(host, port)).toBe(true);
  });

  it('answers scripts/zookeeper-shell.sh', async () => {
    const connectString = process.env['ZK_CONNECT'] ?? '';
    const znode = `/test-shell-${process.pid}-${Date.now()}`;
    const client = await connect(connectString);
    try {
      await createNode(client, znode, 'hello from node');
    } finally {
      client.close();
    }
    const result = await run(SHELL, [connectString, 'get', znode]);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toContain('hello from node');
    // Warnings only: none of ZooKeeper's INFO chatter, nor its "Exiting JVM" line.
    expect(result.stdout + result.stderr).not.toMatch(/ INFO | ERROR /);

    const usage = await run(SHELL, []);
    expect(usage.code).toBe(1);
    expect(usage.stdout).toBe(`USAGE: ${SHELL} zookeeper_host:port[/path] [args...]\n`);
  });
});

describe('startZooKeeper (programmatic API)', () => {
  let tmp: string;
  let server: RunningZooKeeper | undefined;

  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'kafka-ts-zk-api-'));
  });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(tmp, { recursive: true, force: true });
  });

  it('serves znodes, keeps data in dataDir, and closes its port on stop', async () => {
    const clientPort = await findFreePort();
    const dataDir = path.join(tmp, 'data');
    server = await startZooKeeper({ dataDir, clientPort, logDir: path.join(tmp, 'logs') });
    expect(server.connectString).toBe(`127.0.0.1:${clientPort}`);
    const pid = server.pid;
    expect(pid).toEqual(expect.any(Number));

    const client = await connect(server.connectString);
    try {
      await createNode(client, '/kafka-ts-test', 'some data');
      expect(await getData(client, '/kafka-ts-test')).toBe('some data');
    } finally {
      client.close();
    }
    expect(existsSync(path.join(dataDir, 'version-2'))).toBe(true);
    expect(readFileSync(path.join(tmp, 'logs', 'zookeeper.log'), 'utf8')).toMatch(KAFKA_LOG_LINE);

    await server.stop();
    await server.stop(); // idempotent
    server = undefined;
    expect(await isPortOpen('127.0.0.1', clientPort)).toBe(false);
    expect(isAlive(pid ?? -1)).toBe(false);
  });

  it('refuses a port that is already in use', async () => {
    const { port } = hostPort(process.env['ZK_CONNECT'] ?? '');
    await expect(startZooKeeper({ dataDir: path.join(tmp, 'data'), clientPort: port })).rejects.toThrow(
      `127.0.0.1:${port} is already in use`,
    );
  });
});

/*
 * The scripts for real. zookeeper-server-stop.sh, like Kafka's, signals EVERY ZooKeeper server
 * JVM on the host: run bare, it would kill the shared server of this jest run, servers of tests
 * running in parallel, and any ZooKeeper a learner or developer has open. So here it always runs
 * with ZOOKEEPER_STOP_MATCH set to this test's own properties file (a unique temp path), which
 * limits it to the server the test started; the kill-them-all selection is covered by the unit
 * tests of selectZooKeeperProcesses. A failing test cleans up the same way, with SIGNAL=KILL.
 */
describe('scripts/zookeeper-server-start.sh and zookeeper-server-stop.sh', () => {
  let tmp: string;
  let propertiesFile: string | undefined;

  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'kafka-ts-zk-script-'));
    propertiesFile = undefined;
  });

  afterEach(async () => {
    if (propertiesFile !== undefined) {
      await run(STOP, [], {
        env: { ZOOKEEPER_STOP_MATCH: propertiesFile, SIGNAL: 'KILL', LOG_DIR: path.join(tmp, 'logs') },
      });
    }
    rmSync(tmp, { recursive: true, force: true });
  });

  it('prints the usage and exits 1 without a properties file or with a bad option', async () => {
    const none = await run(START, []);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe(`USAGE: ${START} [-daemon] zookeeper.properties\n`);
    const bad = await run(START, ['-bogus', 'x.properties']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe(`USAGE: ${START} [-daemon] zookeeper.properties\n`);
    expect(bad.stderr).toContain('Unknown option: -bogus');
    const missing = await run(START, ['no-such.properties'], { cwd: tmp });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Properties file not found: ${path.join(tmp, 'no-such.properties')}`);
  });

  it('works through a symlink (kafka/bin/...) and explains what is missing when there is no Java', async () => {
    // A PATH holding only what the wrapper needs, so no `java` is found, and a Docker socket that
    // does not exist, so no container is started even where Docker runs.
    const bin = path.join(tmp, 'bin');
    mkdirSync(bin);
    for (const tool of ['bash', 'dirname', 'readlink']) symlinkSync(which(tool), path.join(bin, tool));
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const kafkaBin = path.join(tmp, 'kafka', 'bin');
    mkdirSync(kafkaBin, { recursive: true });
    symlinkSync(START, path.join(kafkaBin, 'zookeeper-server-start.sh'));

    const result = await run(
      'kafka/bin/zookeeper-server-start.sh',
      [path.join(ROOT, 'config', 'zookeeper.properties')],
      {
        cwd: tmp,
        env: {
          PATH: bin,
          JAVA_HOME: '',
          ZOOKEEPER_HOME: '',
          KAFKA_TS_SKIP_BUILD: '1',
          DOCKER_HOST: `unix://${path.join(tmp, 'no-docker.sock')}`,
        },
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no Java runtime|no local ZooKeeper installation was found/);
    expect(result.stderr).toContain('apt-get install');
  });

  it('-daemon starts a server from a relative path in the caller directory; stop stops it', async () => {
    const clientPort = await findFreePort();
    // A relative dataDir, as a relative path is resolved by ZooKeeper against the caller's directory.
    propertiesFile = writeProperties(tmp, clientPort, 'data');
    const logDir = path.join(tmp, 'logs');
    const env = { LOG_DIR: logDir, KAFKA_HEAP_OPTS: '-Xmx128M' };

    const started = await run(START, ['-daemon', 'zk.properties'], { cwd: tmp, env });
    expect(started).toEqual({ code: 0, stdout: '', stderr: '' });
    const pid = Number(readFileSync(path.join(logDir, 'zookeeper.pid'), 'utf8').trim());
    expect(await pollUntil(() => isZooKeeperServing('127.0.0.1', clientPort), 30_000, 200)).toBe(true);
    expect(isAlive(pid)).toBe(true);
    expect(readFileSync(path.join(logDir, 'zookeeper.out'), 'utf8')).toMatch(KAFKA_LOG_LINE);
    expect(readFileSync(path.join(logDir, 'zookeeper.log'), 'utf8')).toMatch(KAFKA_LOG_LINE);
    expect(existsSync(path.join(tmp, 'data', 'version-2'))).toBe(true);

    const stopEnv = { ZOOKEEPER_STOP_MATCH: propertiesFile, LOG_DIR: logDir };
    const stopped = await run(STOP, [], { env: stopEnv });
    expect(stopped).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await pollUntil(async () => !isAlive(pid), 15_000, 100)).toBe(true);
    expect(await isPortOpen('127.0.0.1', clientPort)).toBe(false);
    expect(existsSync(path.join(logDir, 'zookeeper.pid'))).toBe(false);

    const again = await run(STOP, [], { env: stopEnv });
    expect(again).toEqual({ code: 1, stdout: 'No zookeeper server to stop\n', stderr: '' });
  });

  it('runs in the foreground and passes SIGTERM on to ZooKeeper', async () => {
    const clientPort = await findFreePort();
    propertiesFile = writeProperties(tmp, clientPort, path.join(tmp, 'data'));
    const child = spawn(START, [propertiesFile], {
      cwd: tmp,
      env: { ...process.env, LOG_DIR: path.join(tmp, 'logs'), KAFKA_HEAP_OPTS: '-Xmx128M' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      expect(await pollUntil(() => isZooKeeperServing('127.0.0.1', clientPort), 30_000, 200)).toBe(true);
      expect(output).toMatch(KAFKA_LOG_LINE);
      child.kill('SIGTERM'); // the script exec'd node, so this is the launcher; it forwards to the JVM
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('no exit within 20 s'), 20_000);
      });
      const code = await Promise.race([exited, timeout]);
      clearTimeout(timer);
      expect(code).toBe(143);
      expect(await isPortOpen('127.0.0.1', clientPort)).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
