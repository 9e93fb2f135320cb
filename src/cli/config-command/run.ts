/**
 * The whole `kafka-configs.sh` command (Kafka 2.8's ConfigCommand, topics and broker describe),
 * testable: parse and check the arguments, open the mode's service, run the action, report failures
 * as Kafka does. Returns the exit code; all output goes through the injected ToolOutput.
 *
 *  - no arguments, `--help`, or a usage problem: the message and the option table on stderr, exit 1;
 *  - IllegalArgumentException, InvalidConfigurationException or a jopt-simple error: the message
 *    alone on stderr, exit 1;
 *  - anything else: `Error while executing config command with args '<args>'` and the exception
 *    (with its cause, without stack frames) on stderr, exit 1.
 * `--zookeeper` first prints its deprecation warning on stdout, as 2.8 does.
 */
import { AdminError, IllegalArgumentError, InvalidConfigurationError } from '../../admin/errors';
import type { Logger } from '../../common/logger';
import { formatHelp } from '../topic-command/help';
import { UsageError } from '../topic-command/options';
import { VERSION_LINE } from '../topic-command/run';
import type { ToolOutput } from '../topic-command/topic-service';
import { stackTraceLines, type ConfigService } from './config-service';
import { checkConfigCommandArgs, CONFIG_COMMAND_HELP, ConfigCommandOptions } from './options';

export interface ConfigServiceFactories {
  zookeeper(zkConnect: string, output: ToolOutput, log: Logger): Promise<ConfigService>;
  bootstrap(
    bootstrapServer: string,
    commandConfigFile: string | undefined,
    output: ToolOutput,
  ): Promise<ConfigService>;
}

/** Errors ConfigCommand's main reports with their message only. */
function isMessageOnly(err: unknown): boolean {
  return (
    err instanceof IllegalArgumentError ||
    err instanceof InvalidConfigurationError ||
    (err instanceof AdminError && err.javaClassName.startsWith('joptsimple.'))
  );
}

function printLines(write: (line: string) => void, text: string): void {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) write(line);
}

export async function runConfigCommand(
  args: readonly string[],
  output: ToolOutput,
  factories: ConfigServiceFactories,
  zkLog: Logger,
): Promise<number> {
  let service: ConfigService | undefined;
  try {
    const opts = new ConfigCommandOptions(args);
    if (checkConfigCommandArgs(opts) === 'version') {
      output.out(VERSION_LINE);
      return 0;
    }
    const entity = { type: opts.entityTypes[0] ?? '', name: opts.entityNames[0] };
    const zkConnect = opts.valueOf('zookeeper');
    if (zkConnect !== undefined) {
      output.out('Warning: --zookeeper is deprecated and will be removed in a future version of Kafka.');
      output.out('Use --bootstrap-server instead to specify a broker to connect to.');
      service = await factories.zookeeper(zkConnect, output, zkLog);
    } else {
      service = await factories.bootstrap(
        opts.valueOf('bootstrap-server') ?? '',
        opts.valueOf('command-config'),
        output,
      );
      if (opts.has('alter') && opts.entityTypes.length !== opts.entityNames.length)
        throw new IllegalArgumentError('An entity name must be specified for every entity type');
    }
    if (opts.has('alter')) await service.alter(entity, opts);
    else await service.describe(entity, opts.has('all'));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      output.err(err.message);
      printLines(output.err, formatHelp(CONFIG_COMMAND_HELP));
    } else if (isMessageOnly(err)) {
      output.err(err instanceof Error ? err.message : String(err));
    } else {
      output.err(`Error while executing config command with args '${args.join(' ')}'`);
      for (const line of stackTraceLines(err)) output.err(line);
    }
    return 1;
  } finally {
    try {
      await service?.close();
    } catch {
      // closing is best effort, as Kafka's `finally { client.close() }`
    }
  }
}
