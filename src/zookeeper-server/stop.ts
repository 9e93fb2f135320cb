/**
 * zookeeper-server-stop.sh: signals every ZooKeeper server JVM on this host (as Kafka's script
 * does) and stops the Docker containers our start script created. Like Kafka, it does not wait
 * for the processes to exit.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Env } from './locate';
import { CONTAINER_ROLE, CONTAINER_ROLE_LABEL, PID_FILE } from './plan';
import type { ProcessEntry } from './processes';
import { parsePsOutput, parseSignal, selectZooKeeperProcesses } from './processes';
import { dockerAnswers } from './host';

export const NOTHING_TO_STOP = 'No zookeeper server to stop';

export interface StopResult {
  readonly signalled: readonly ProcessEntry[];
  readonly containers: readonly string[];
  readonly errors: readonly string[];
}

export async function listProcesses(): Promise<ProcessEntry[]> {
  const { stdout } = await promisify(execFile)('ps', ['ax', '-ww', '-o', 'pid=', '-o', 'args='], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return parsePsOutput(stdout);
}

export interface StopOptions {
  readonly env: Env;
  /** pid files in this directory that name a stopped process are removed. */
  readonly logDir?: string;
}

export async function stopZooKeepers(options: StopOptions): Promise<StopResult> {
  const signal = parseSignal(options.env['SIGNAL']);
  if (typeof signal !== 'string') return { signalled: [], containers: [], errors: [signal.error] };
  const match = options.env['ZOOKEEPER_STOP_MATCH'];
  const errors: string[] = [];

  const targets = selectZooKeeperProcesses(await listProcesses(), {
    selfPid: process.pid,
    ...(match === undefined ? {} : { match }),
  });
  const signalled: ProcessEntry[] = [];
  for (const target of targets) {
    try {
      process.kill(target.pid, signal);
      signalled.push(target);
    } catch (error) {
      // ESRCH: it exited meanwhile. EPERM: someone else's process, which `kill` would refuse too.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ESRCH') errors.push(`Cannot signal process ${target.pid}: ${code ?? String(error)}`);
    }
  }
  if (options.logDir !== undefined) removeStalePidFile(options.logDir, signalled);

  const containers = await stopContainers(match, errors);
  return { signalled, containers, errors };
}

function removeStalePidFile(logDir: string, signalled: readonly ProcessEntry[]): void {
  const file = path.join(logDir, PID_FILE);
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (signalled.some((p) => p.pid === pid)) rmSync(file, { force: true });
  } catch {
    // No pid file: nothing to tidy.
  }
}

/** Stops and removes the running containers labelled as ours (none when Docker does not answer). */
async function stopContainers(match: string | undefined, errors: string[]): Promise<string[]> {
  if (!(await dockerAnswers())) return [];
  const { default: Docker } = await import('dockerode');
  const docker = new Docker();
  const stopped: string[] = [];
  try {
    const list = await docker.listContainers({
      filters: { label: [`${CONTAINER_ROLE_LABEL}=${CONTAINER_ROLE}`], status: ['running'] },
    });
    for (const info of list) {
      const name = (info.Names[0] ?? info.Id).replace(/^\//, '');
      if (match !== undefined && match !== '' && !name.includes(match)) continue;
      try {
        const container = docker.getContainer(info.Id);
        await container.stop({ t: 10 });
        await container.remove({ force: true }).catch(() => undefined);
        stopped.push(name);
      } catch (error) {
        errors.push(`Cannot stop container ${name}: ${String(error)}`);
      }
    }
  } catch (error) {
    errors.push(`Cannot list Docker containers: ${String(error)}`);
  }
  return stopped;
}
