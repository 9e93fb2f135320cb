/**
 * Carries out a StartPlan: runs the JVM (in the foreground or detached) or the Docker container.
 * Every function here does I/O; the decisions were made in plan.ts.
 */
import type Docker from 'dockerode';
import type { Container } from 'dockerode';
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import type { DockerContainerSpec, JavaCommand, LocalStartPlan } from './plan';

const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** A shell-style exit status: the code, or 128 + the number of the signal that ended the process. */
export function exitStatus(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const n = signal === null ? undefined : (constants.signals as Readonly<Record<string, number>>)[signal];
  return n === undefined ? 1 : 128 + n;
}

/**
 * Runs ZooKeeper attached to this terminal. SIGINT, SIGTERM and SIGHUP are passed on to the JVM,
 * which shuts down cleanly; resolves with the JVM's exit status once it is gone.
 */
export async function runLocalForeground(plan: LocalStartPlan): Promise<number> {
  mkdirSync(plan.logDir, { recursive: true });
  return runJavaForeground(plan.command);
}

/** Runs a JVM with this process's stdio, passing on SIGINT/SIGTERM/SIGHUP; resolves with its exit status. */
export async function runJavaForeground(command: JavaCommand): Promise<number> {
  const child = spawn(command.java, [...command.args], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(exitStatus(code, signal)));
    });
  } finally {
    for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
  }
}

/**
 * Starts ZooKeeper in the background, detached from this process and terminal: stdout and stderr
 * go to logs/zookeeper.out (replaced on each start) and the process id to logs/zookeeper.pid.
 * Returns the process id as soon as the JVM has been started, like Kafka's -daemon does.
 */
export async function startLocalDaemon(plan: LocalStartPlan): Promise<number> {
  mkdirSync(plan.logDir, { recursive: true });
  const out = openSync(plan.consoleOutputFile, 'w');
  try {
    const child = spawn(plan.command.java, [...plan.command.args], {
      detached: true,
      stdio: ['ignore', out, out],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.unref();
    const pid = child.pid ?? -1;
    writeFileSync(plan.pidFile, `${pid}\n`);
    return pid;
  } finally {
    closeSync(out);
  }
}

async function dockerClient(): Promise<Docker> {
  const { default: DockerClient } = await import('dockerode');
  return new DockerClient();
}

function statusCodeOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const code = (error as { statusCode: unknown }).statusCode;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
}

async function ensureImage(docker: Docker, image: string): Promise<void> {
  try {
    await docker.getImage(image).inspect();
    return;
  } catch (error) {
    if (statusCodeOf(error) !== 404) throw error;
  }
  console.error(`Pulling Docker image ${image} ...`);
  const stream = await docker.pull(image);
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null) =>
      error === null ? resolve() : reject(error),
    );
  });
}

/** Creates and starts the container, replacing a stopped one of the same name. */
async function startContainer(docker: Docker, spec: DockerContainerSpec): Promise<Container> {
  mkdirSync(spec.hostDataDir, { recursive: true });
  const existing = docker.getContainer(spec.name);
  try {
    const info = await existing.inspect();
    if (info.State.Running) {
      throw new Error(
        `A ZooKeeper container named ${spec.name} is already running; stop it with scripts/zookeeper-server-stop.sh`,
      );
    }
    await existing.remove({ force: true });
  } catch (error) {
    if (statusCodeOf(error) !== 404) throw error;
  }
  await ensureImage(docker, spec.image);
  const container = await docker.createContainer(spec.createOptions);
  await container.start();
  return container;
}

/**
 * Runs the container attached: its log is streamed here, SIGINT/SIGTERM/SIGHUP stop it, and it is
 * removed when it ends (the data stays in the bind-mounted dataDir). Resolves with its exit status.
 */
export async function runDockerForeground(spec: DockerContainerSpec): Promise<number> {
  const docker = await dockerClient();
  console.error(
    `Starting ZooKeeper in Docker: container ${spec.name}, image ${spec.image}, 127.0.0.1:${spec.clientPort}`,
  );
  const container = await startContainer(docker, spec);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    container.stop({ t: 10 }).catch(() => undefined);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, stop);
  try {
    const logs = await container.logs({ follow: true, stdout: true, stderr: true });
    docker.modem.demuxStream(logs, process.stdout, process.stderr);
    const result = (await container.wait()) as { StatusCode?: number };
    return result.StatusCode ?? 1;
  } finally {
    for (const signal of FORWARDED_SIGNALS) process.off(signal, stop);
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** Starts the container and leaves it running; zookeeper-server-stop.sh stops and removes it. */
export async function startDockerDaemon(spec: DockerContainerSpec): Promise<string> {
  const docker = await dockerClient();
  const container = await startContainer(docker, spec);
  console.error(`ZooKeeper is running in Docker container ${spec.name} (127.0.0.1:${spec.clientPort}).`);
  return container.id;
}
