/**
 * `kafka-producer-perf-test.sh`: Kafka 2.8's ProducerPerformance on kafkajs. This entry only wires
 * the process to `runProducerPerf`; see src/cli/perf/.
 */
import { exitWhenFlushed, processIO } from './console/tool-io';
import { runProducerPerf } from './perf/run-producer-perf';

// argparse4j wraps its usage and help at the terminal's width, and at 75 columns otherwise.
const width = process.stdout.isTTY === true ? process.stdout.columns : 75;

runProducerPerf(process.argv.slice(2), processIO(), { width })
  .catch((err: unknown) => {
    process.stderr.write(
      `Exception in thread "main" ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  })
  .then(exitWhenFlushed);
