/**
 * `kafka-configs.sh`: describe and change topic configs (Kafka 2.8's ConfigCommand), through
 * ZooKeeper (`--zookeeper`) or the brokers (`--bootstrap-server`). This entry only wires the process
 * to `runConfigCommand`; see src/cli/config-command/.
 */
import { configureLogging } from '../common/logger';
import { BootstrapConfigService } from './config-command/bootstrap-config-service';
import { runConfigCommand } from './config-command/run';
import { ZookeeperConfigService } from './config-command/zk-config-service';
import { createToolLogger } from './topic-command/tool-logger';
import { exitQuietlyOnBrokenPipe } from './broken-pipe';

exitQuietlyOnBrokenPipe();

// Tools log WARN and above to stderr only.
configureLogging({ console: false });

const output = {
  out: (line: string): void => void process.stdout.write(`${line}\n`),
  err: (line: string): void => void process.stderr.write(`${line}\n`),
};

runConfigCommand(
  process.argv.slice(2),
  output,
  {
    zookeeper: (zkConnect, out, log) => ZookeeperConfigService.connect(zkConnect, out, log),
    bootstrap: (bootstrapServer, commandConfig, out) =>
      BootstrapConfigService.connect(
        bootstrapServer,
        commandConfig,
        out,
        createToolLogger('org.apache.kafka.clients.NetworkClient', (l) => out.err(l)),
      ),
  },
  createToolLogger('kafka.zookeeper.ZooKeeperClient', (l) => output.err(l)),
)
  .catch((err: unknown) => {
    output.err(
      `Exception in thread "main" ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return 1;
  })
  .then((code) => {
    process.exitCode = code;
    setTimeout(() => process.exit(code), 2000).unref();
  });
