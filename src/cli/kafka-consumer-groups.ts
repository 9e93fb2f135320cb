/**
 * `kafka-consumer-groups.sh`: list, describe, delete consumer groups and reset or delete their
 * offsets (Kafka 2.8's ConsumerGroupCommand), through the brokers (`--bootstrap-server`).
 * This entry only wires the process to `runConsumerGroupCommand`; see src/cli/group-command/.
 */
import { configureLogging } from '../common/logger';
import { KafkajsGroupAdmin } from './group-command/group-admin';
import { runConsumerGroupCommand } from './group-command/run';

// Tools log WARN and above to stderr only; the command writes those lines itself.
configureLogging({ console: false });

const output = {
  out: (line: string): void => void process.stdout.write(`${line}\n`),
  err: (line: string): void => void process.stderr.write(`${line}\n`),
};

runConsumerGroupCommand(
  process.argv.slice(2),
  output,
  (bootstrapServer, timeoutMs) => new KafkajsGroupAdmin(bootstrapServer, timeoutMs),
)
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
