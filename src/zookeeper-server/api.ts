/**
 * startZooKeeper(): a real ZooKeeper server as a child process, for tests and test harnesses.
 *
 * Lifecycle: the promise resolves once the server answers `srvr` on 127.0.0.1:clientPort, or
 * rejects (after killing the JVM) when it exits or startTimeoutMs passes first. stop() is
 * idempotent: SIGTERM, then SIGKILL if the JVM is still there after stopTimeoutMs. Should this
 * Node process exit without calling stop(), an exit hook kills the JVM so no server is left over.
 * Only a local install is used (never Docker): tests must not depend on an engine being around.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Env } from './locate';
import { defaultLog4jConfig, inspectLocalHost } from './host';
import { CONSOLE_OUTPUT_FILE, planZooKeeperStart } from './plan';
import { isPortOpen, isServingAnswer, fourLetterWord } from './probe';

export interface StartZooKeeperOptions {
  /** Created if missing; left in place by stop() (it belongs to the caller). */
  readonly dataDir: string;
  readonly clientPort: number;
  /** Where zookeeper.log and zookeeper.out go; default: a temporary directory removed by stop(). */
  readonly logDir?: string;
  /** Default 30 000 ms. */
  readonly startTimeoutMs?: number;
  /** Default 10 000 ms before SIGKILL. */
  readonly stopTimeoutMs?: number;
  /** JVM heap options; default -Xmx256M (tests do not need Kafka's 512 MB). */
  readonly heapOpts?: string;
  /** Extra zookeeper.properties keys, e.g. { tickTime: '500' }. */
  readonly properties?: Readonly<Record<string, string>>;
  /** Where to look for ZOOKEEPER_HOME, JAVA_HOME, PATH and KAFKA_OPTS; default process.env. */
  readonly env?: Env;
}

export interface RunningZooKeeper {
  /** host:port for ZooKeeper clients, e.g. 127.0.0.1:21811. */
  readonly connectString: string;
  readonly clientPort: number;
  readonly pid?: number;
  readonly logDir: string;
  /** The generated properties file ZooKeeper was started with (a temporary file, removed by stop()). */
  readonly propertiesFile: string;
  /** Stops the server (SIGTERM, then SIGKILL) and removes the temporary files; safe to call twice. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startZooKeeper(options: StartZooKeeperOptions): Promise<RunningZooKeeper> {
  const { clientPort } = options;
  if (!Number.isInteger(clientPort) || clientPort < 1 || clientPort > 65535) {
    throw new Error(`clientPort must be a TCP port (1-65535), not ${clientPort}`);
  }
  // Checked first: otherwise a server already on the port would answer our readiness probe.
  if (await isPortOpen(HOST, clientPort)) {
    throw new Error(`Cannot start ZooKeeper: ${HOST}:${clientPort} is already in use`);
  }
  const env: Env = {
    ...(options.env ?? process.env),
    KAFKA_HEAP_OPTS: options.heapOpts ?? '-Xmx256M',
    KAFKA_LOG4J_OPTS: undefined,
  };
  const facts = inspectLocalHost(env);

  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // Holds the generated properties file, and the logs unless logDir is given; removed by stop().
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'kafka-ts-zookeeper-'));
  const logDir = options.logDir === undefined ? path.join(workDir, 'logs') : path.resolve(options.logDir);
  mkdirSync(logDir, { recursive: true });
  const removeWorkDir = (): void => rmSync(workDir, { recursive: true, force: true });

  const settings: Record<string, string> = {
    dataDir,
    clientPort: String(clientPort),
    clientPortAddress: HOST,
    maxClientCnxns: '0',
    'admin.enableServer': 'false',
    ...options.properties,
  };
  const propertiesFile = path.join(workDir, 'zookeeper.properties');
  writeFileSync(
    propertiesFile,
    Object.entries(settings)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );

  const plan = planZooKeeperStart(
    {
      propertiesFile,
      properties: new Map(Object.entries(settings)),
      daemon: false,
      logDir,
      log4jConfig: defaultLog4jConfig(),
      cwd: process.cwd(),
      env,
    },
    { ...facts, dockerAvailable: false },
  );
  if (plan.kind !== 'local') {
    removeWorkDir();
    throw new Error(
      plan.kind === 'unavailable' ? plan.message : 'A local ZooKeeper installation is required',
    );
  }

  const outputFile = path.join(logDir, CONSOLE_OUTPUT_FILE);
  const out = openSync(outputFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(plan.command.java, [...plan.command.args], { stdio: ['ignore', out, out] });
  } finally {
    closeSync(out);
  }
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (error) => {
      spawnError = error;
      resolve();
    });
  });
  const isRunning = (): boolean =>
    child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  const killOnExit = (): void => {
    if (isRunning()) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (isRunning()) {
        child.kill('SIGTERM');
        if (!(await settlesWithin(exited, options.stopTimeoutMs ?? 10_000)) && isRunning()) {
          child.kill('SIGKILL');
          await settlesWithin(exited, 5_000);
        }
      }
      process.off('exit', killOnExit);
      removeWorkDir();
    })();
    return stopped;
  };

  const failure = await waitUntilServing(clientPort, exited, isRunning, options.startTimeoutMs ?? 30_000);
  if (failure !== undefined) {
    const output = tail(outputFile, 30);
    await stop();
    const reason =
      spawnError === undefined ? failure : `Cannot run ${plan.command.java}: ${spawnError.message}`;
    throw new Error(`${reason}${output === '' ? '' : `\nLast lines of ZooKeeper's output:\n${output}`}`);
  }
  return {
    connectString: `${HOST}:${clientPort}`,
    clientPort,
    ...(child.pid === undefined ? {} : { pid: child.pid }),
    logDir,
    propertiesFile,
    stop,
  };
}

/** Resolves with undefined when ZooKeeper serves, else with the reason it never did. */
async function waitUntilServing(
  port: number,
  exited: Promise<void>,
  isRunning: () => boolean,
  timeoutMs: number,
): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  let exitedNow = false;
  void exited.then(() => (exitedNow = true));
  while (Date.now() < deadline) {
    if (exitedNow || !isRunning()) return 'ZooKeeper exited before it started serving';
    try {
      const answer = await fourLetterWord(HOST, port, 'srvr', 1000);
      if (isServingAnswer(answer) && isRunning()) return undefined;
    } catch {
      // Not listening yet.
    }
    await settlesWithin(exited, 100);
  }
  return `ZooKeeper did not answer on ${HOST}:${port} within ${timeoutMs} ms`;
}

/** Waits for promise, at most ms; true if it settled in time. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function tail(file: string, lines: number): string {
  if (!existsSync(file)) return '';
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
