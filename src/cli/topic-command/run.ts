/**
 * The whole `kafka-topics.sh` command, testable: parse and check the arguments, open the service for
 * the chosen mode, run exactly one action, and report failures the way Kafka 2.8's TopicCommand does.
 * Returns the exit code; all output goes through the injected ToolOutput.
 *
 *  - usage problems: the message and the option table on stderr, exit 1;
 *  - argument errors Kafka does not catch (`Only one of --bootstrap-server or --zookeeper ...`, an
 *    unknown option): `Exception in thread "main" <class>: <message>` on stderr, exit 1;
 *  - a failing action: `Error while executing topic command : <message>` on stdout plus an ERROR log
 *    line on stderr, exit 1.
 */
import { hasCollisionChars, COLLISION_WARNING } from '../../admin/topic-validation';
import type { Logger } from '../../common/logger';
import { formatHelp } from './help';
import { TOPIC_COMMAND_OPTIONS } from './option-table';
import { checkTopicCommandArgs, TopicCommandOptions, UsageError } from './options';
import { createToolLogger, javaExceptionLine } from './tool-logger';
import { readCommandTopicPartition, type TopicService, type ToolOutput } from './topic-service';

/** `kafka-topics.sh --version`. */
export const VERSION_LINE = '2.8.2 (Commit:kafka-ts)';

export const BOOTSTRAP_NOT_AVAILABLE = '--bootstrap-server mode is not available yet';

/** How to open a TopicService for each mode. The bootstrap one is added with the Admin-API service. */
export interface TopicServiceFactories {
  zookeeper(zkConnect: string, output: ToolOutput, log: Logger): Promise<TopicService>;
  bootstrap?: (
    bootstrapServer: string,
    commandConfigFile: string | undefined,
    output: ToolOutput,
    log: Logger,
  ) => Promise<TopicService>;
}

export interface RunOptions {
  /** Clock for log-line timestamps (tests pin it). */
  now?: () => Date;
}

function printLines(write: (line: string) => void, text: string): void {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) write(line);
}

/** Kafka dying before its try block: usage on stderr, or the uncaught exception's first line. */
function failBeforeRun(err: unknown, output: ToolOutput): number {
  if (err instanceof UsageError) {
    output.err(err.message);
    printLines(output.err, formatHelp(TOPIC_COMMAND_OPTIONS));
  } else {
    output.err(`Exception in thread "main" ${javaExceptionLine(err)}`);
  }
  return 1;
}

async function runAction(
  service: TopicService,
  opts: TopicCommandOptions,
  output: ToolOutput,
): Promise<void> {
  if (opts.has('create')) {
    const topic = readCommandTopicPartition(opts, output);
    if (hasCollisionChars(topic.name)) output.out(COLLISION_WARNING);
    await service.createTopic(topic);
  } else if (opts.has('alter')) await service.alterTopic(opts);
  else if (opts.has('list')) await service.listTopics(opts);
  else if (opts.has('describe')) await service.describeTopic(opts);
  else if (opts.has('delete')) await service.deleteTopic(opts);
}

export async function runTopicCommand(
  args: readonly string[],
  output: ToolOutput,
  factories: TopicServiceFactories,
  runOptions: RunOptions = {},
): Promise<number> {
  const now = runOptions.now ?? (() => new Date());
  const log = createToolLogger('kafka.admin.TopicCommand$', (l) => output.err(l), now);
  let opts: TopicCommandOptions;
  try {
    opts = new TopicCommandOptions(args);
    if (checkTopicCommandArgs(opts) === 'version') {
      output.out(VERSION_LINE);
      return 0;
    }
  } catch (err) {
    return failBeforeRun(err, output);
  }

  let service: TopicService;
  try {
    const zkConnect = opts.zkConnect;
    if (zkConnect !== undefined) {
      const zkLog = createToolLogger('kafka.zookeeper.ZooKeeperClient', (l) => output.err(l), now);
      service = await factories.zookeeper(zkConnect, output, zkLog);
    } else if (factories.bootstrap !== undefined) {
      service = await factories.bootstrap(opts.bootstrapServer ?? '', opts.commandConfig, output, log);
    } else {
      output.out(`Error while executing topic command : ${BOOTSTRAP_NOT_AVAILABLE}`);
      return 1;
    }
  } catch (err) {
    return failBeforeRun(err, output);
  }

  let exitCode = 0;
  try {
    await runAction(service, opts, output);
  } catch (err) {
    output.out(`Error while executing topic command : ${err instanceof Error ? err.message : String(err)}`);
    log.error(`${javaExceptionLine(err)}\n`);
    exitCode = 1;
  } finally {
    try {
      await service.close();
    } catch (err) {
      log.warn('Failed to close the connection', err);
    }
  }
  return exitCode;
}
