/**
 * The I/O half of the launch decision: takes the snapshot of the host that locate.ts and plan.ts
 * reason about (directory listings, executable files, a Docker ping), and knows where this
 * repository and its logs directory are.
 */
import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DirectoryListings, Env } from './locate';
import { directoriesToList, findJava, findZooKeeperInstall, javaCandidates } from './locate';
import type { HostFacts } from './plan';
import { needsDocker } from './plan';

/** The repository root: this file is src/zookeeper-server/host.ts or dist/zookeeper-server/host.js. */
export function repoRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

/** Kafka's rule: $LOG_DIR if set, else the logs directory of the installation. */
export function defaultLogDir(env: Env, root: string = repoRoot()): string {
  const fromEnv = env['LOG_DIR'];
  return fromEnv !== undefined && fromEnv.trim() !== '' ? path.resolve(fromEnv) : path.join(root, 'logs');
}

export function defaultLog4jConfig(root: string = repoRoot()): string {
  return path.join(root, 'config', 'zookeeper-log4j.properties');
}

export function listDirectories(dirs: readonly string[]): DirectoryListings {
  const listings: Record<string, readonly string[]> = {};
  for (const dir of dirs) {
    try {
      listings[dir] = readdirSync(dir);
    } catch {
      // Missing or unreadable: the decision treats it as absent.
    }
  }
  return listings;
}

export function executableFiles(candidates: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      found.add(file);
    } catch {
      // Not there, or not executable.
    }
  }
  return found;
}

/** Install and Java, from the file system only (Docker is asked separately, and only if needed). */
export function inspectLocalHost(env: Env): HostFacts {
  const installResult = findZooKeeperInstall(env, listDirectories(directoriesToList(env)));
  const javaResult = findJava(env, executableFiles(javaCandidates(env)));
  return {
    ...(installResult.install === undefined ? {} : { install: installResult.install }),
    ...(javaResult.java === undefined ? {} : { java: javaResult.java }),
    searched: installResult.searched,
    warnings: [...installResult.warnings, ...javaResult.warnings],
  };
}

/** inspectLocalHost, plus a Docker ping when the local route is closed. */
export async function inspectHost(env: Env): Promise<HostFacts> {
  const local = inspectLocalHost(env);
  if (!needsDocker(local)) return local;
  return { ...local, dockerAvailable: await dockerAnswers() };
}

/**
 * True when a Docker engine answers a ping on the default socket (or DOCKER_HOST) within the
 * timeout. Here there is usually no engine, and the socket error comes back at once.
 */
export async function dockerAnswers(timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const { default: Docker } = await import('dockerode');
    const docker = new Docker({ timeout: timeoutMs });
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    return await Promise.race([docker.ping().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
