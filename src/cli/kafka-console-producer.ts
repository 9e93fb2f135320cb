/**
 * `kafka-console-producer.sh`: reads standard input and sends every line to a topic (Kafka 2.8's
 * ConsoleProducer). This entry only wires the process to `runConsoleProducer`; see src/cli/console/.
 */
import { runConsoleProducer } from './console/run-producer';
import { exitWhenFlushed, processIO } from './console/tool-io';

runConsoleProducer(process.argv.slice(2), processIO())
  .catch((err: unknown) => {
    process.stderr.write(
      `Exception in thread "main" ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  })
  .then(exitWhenFlushed);
