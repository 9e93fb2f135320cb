/**
 * `kafka-consumer-perf-test.sh`: Kafka 2.8's ConsumerPerformance on kafkajs. This entry only wires
 * the process to `runConsumerPerf`; see src/cli/perf/.
 */
import { exitWhenFlushed, processIO } from './console/tool-io';
import { runConsumerPerf } from './perf/run-consumer-perf';

runConsumerPerf(process.argv.slice(2), processIO())
  .catch((err: unknown) => {
    process.stderr.write(
      `Exception in thread "main" ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  })
  .then(exitWhenFlushed);
