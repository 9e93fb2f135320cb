/**
 * `kafka-topics.sh`: create, list, describe, alter and delete topics (Kafka 2.8's TopicCommand).
 * This entry only wires the process to `runTopicCommand`; see src/cli/topic-command/.
 *
 * Both modes are wired: `--zookeeper` (ZookeeperTopicService, straight to ZooKeeper) and
 * `--bootstrap-server` (BootstrapTopicService, through the brokers' admin APIs).
 */
import { configureLogging } from '../common/logger';
import { BootstrapTopicService } from './topic-command/bootstrap-topic-service';
import { runTopicCommand } from './topic-command/run';
import { createToolLogger } from './topic-command/tool-logger';
import { ZookeeperTopicService } from './topic-command/zk-topic-service';
import { exitQuietlyOnBrokenPipe } from './broken-pipe';

exitQuietlyOnBrokenPipe();

// Tools log WARN and above to stderr only; runTopicCommand writes those lines itself.
configureLogging({ console: false });

const output = {
  out: (line: string): void => void process.stdout.write(`${line}\n`),
  err: (line: string): void => void process.stderr.write(`${line}\n`),
};

runTopicCommand(process.argv.slice(2), output, {
  zookeeper: (zkConnect, out, log) => ZookeeperTopicService.connect(zkConnect, out, log),
  bootstrap: (bootstrapServer, commandConfig, out) =>
    BootstrapTopicService.connect(
      bootstrapServer,
      commandConfig,
      out,
      createToolLogger('org.apache.kafka.clients.NetworkClient', (l) => out.err(l)),
    ),
})
  .catch((err: unknown) => {
    output.err(
      `Exception in thread "main" ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return 1;
  })
  .then((code) => {
    // Let stdout drain and exit naturally; force the exit only if something keeps the loop alive.
    process.exitCode = code;
    setTimeout(() => process.exit(code), 2000).unref();
  });
