/**
 * `kafka-console-consumer.sh`: prints the records of a topic on standard output (Kafka 2.8's
 * ConsoleConsumer). This entry only wires the process to `runConsoleConsumer`; see src/cli/console/.
 */
import { runConsoleConsumer } from './console/run-consumer';
import { exitWhenFlushed, processIO } from './console/tool-io';

runConsoleConsumer(process.argv.slice(2), processIO())
  .catch((err: unknown) => {
    process.stderr.write(
      `Exception in thread "main" ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  })
  .then(exitWhenFlushed);
