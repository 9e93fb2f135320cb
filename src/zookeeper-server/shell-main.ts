/**
 * Entry point of scripts/zookeeper-shell.sh (Kafka's zookeeper-shell.sh): ZooKeeper's own
 * command-line client, ZooKeeperMain, run with the jars of the local install.
 *   zookeeper-shell.sh localhost:2181 ls /brokers/ids
 *   zookeeper-shell.sh localhost:2181          (interactive)
 */
import { parseShellArgs, shellUsage } from './cli-args';
import { runAsMain } from './commands';
import { defaultLog4jConfig, defaultLogDir, inspectLocalHost } from './host';
import { runJavaForeground } from './launch';
import { planZooKeeperShell } from './plan';

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseShellArgs(argv);
  if (args.kind === 'usage') {
    console.log(shellUsage(env['KAFKA_TS_SCRIPT'] ?? 'zookeeper-shell.sh'));
    return 1;
  }
  const facts = inspectLocalHost(env);
  const logDir = defaultLogDir(env);
  const plan = planZooKeeperShell([args.server, ...args.command], facts, {
    env,
    logDir,
    log4jConfig: defaultLog4jConfig(),
  });
  for (const warning of plan.kind === 'unavailable' ? plan.warnings : facts.warnings) {
    console.error(`WARN ${warning}`);
  }
  if (plan.kind === 'unavailable') {
    console.error(plan.message);
    return 1;
  }
  return runJavaForeground(plan.command);
}

if (require.main === module) runAsMain(() => main(process.argv.slice(2)));
