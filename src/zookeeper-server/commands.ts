/**
 * The start and stop commands behind scripts/zookeeper-server-{start,stop}.sh. They return the
 * process exit status instead of exiting, so src/cli/* stay one-liners.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseStartArgs, startUsage } from './cli-args';
import { defaultLog4jConfig, defaultLogDir, inspectHost } from './host';
import { runDockerForeground, runLocalForeground, startDockerDaemon, startLocalDaemon } from './launch';
import type { Env } from './locate';
import { planZooKeeperStart } from './plan';
import { readJavaProperties } from './properties';
import { NOTHING_TO_STOP, stopZooKeepers } from './stop';

/** `zookeeper-server-start.sh [-daemon] zookeeper.properties`; a relative path is resolved against cwd. */
export async function runStartCommand(
  argv: readonly string[],
  env: Env = process.env,
  cwd: string = process.cwd(),
): Promise<number> {
  const args = parseStartArgs(argv);
  if (args.kind === 'usage') {
    if (args.error !== undefined) console.error(args.error);
    console.log(startUsage(env['KAFKA_TS_SCRIPT'] ?? 'zookeeper-server-start.sh'));
    return 1;
  }
  const propertiesFile = path.resolve(cwd, args.propertiesFile);
  if (!existsSync(propertiesFile) || !statSync(propertiesFile).isFile()) {
    console.error(`ERROR Properties file not found: ${propertiesFile}`);
    return 1;
  }
  const plan = planZooKeeperStart(
    {
      propertiesFile,
      properties: readJavaProperties(readFileSync(propertiesFile, 'utf8')),
      daemon: args.daemon,
      logDir: defaultLogDir(env),
      log4jConfig: defaultLog4jConfig(),
      cwd,
      env,
    },
    await inspectHost(env),
  );
  for (const warning of plan.warnings) console.error(`WARN ${warning}`);
  switch (plan.kind) {
    case 'unavailable':
      console.error(plan.message);
      return 1;
    case 'local':
      if (!plan.daemon) return runLocalForeground(plan);
      await startLocalDaemon(plan);
      return 0;
    case 'docker':
      if (!plan.daemon) return runDockerForeground(plan.container);
      await startDockerDaemon(plan.container);
      return 0;
  }
}

/** `zookeeper-server-stop.sh`: 0 when something was signalled, 1 (and Kafka's message) when not. */
export async function runStopCommand(env: Env = process.env): Promise<number> {
  const result = await stopZooKeepers({ env, logDir: defaultLogDir(env) });
  for (const error of result.errors) console.error(`ERROR ${error}`);
  if (result.signalled.length === 0 && result.containers.length === 0) {
    if (result.errors.length === 0) console.log(NOTHING_TO_STOP);
    return 1;
  }
  return 0;
}

/** Runs a command as the program's main: exits with its status, or 1 after printing an error. */
export function runAsMain(command: () => Promise<number>): void {
  command().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`ERROR ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
