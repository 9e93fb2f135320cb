/**
 * The whole `kafka-consumer-groups.sh` command, testable: parse and check the arguments, open the
 * admin client, run exactly one action, and report problems as Kafka 2.8's ConsumerGroupCommand does:
 *
 *  - a bad option (unknown, missing value, --members without --describe): jopt-simple's exception
 *    escapes Kafka's main: `Exception in thread "main" joptsimple.<Exception>: <message>`, exit 1;
 *  - a usage problem (checkArgs, no or several actions, a reset without scope, an
 *    IllegalArgumentException inside an action): the message and the option table on stderr, exit 1;
 *  - any other failure inside an action: `Error: Executing consumer group command failed due to
 *    <message>` on stdout and the stack on stderr; the exit code stays 0, as in Kafka 2.8.
 *
 * Returns the exit code; all output goes through the injected ToolOutput.
 */
import fs from 'node:fs';
import { IllegalArgumentError } from '../../admin/errors';
import { formatHelp } from '../topic-command/help';
import { VERSION_LINE } from '../topic-command/run';
import { createToolLogger, javaExceptionLine } from '../topic-command/tool-logger';
import type { ToolOutput } from '../topic-command/topic-service';
import type { GroupAdmin } from './group-admin';
import { ConsumerGroupService } from './group-service';
import { helpOptions } from './option-table';
import { checkGroupCommandArgs, GroupCommandOptions, UsageError } from './options';

export type GroupAdminFactory = (bootstrapServer: string, timeoutMs: number) => GroupAdmin;

export interface RunGroupCommandOptions {
  now?: () => Date;
  readFile?: (path: string) => string;
}

function usage(output: ToolOutput, message: string): number {
  output.err(message);
  const lines = formatHelp(helpOptions()).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) output.err(l);
  return 1;
}

export async function runConsumerGroupCommand(
  args: readonly string[],
  output: ToolOutput,
  adminFactory: GroupAdminFactory,
  runOptions: RunGroupCommandOptions = {},
): Promise<number> {
  const now = runOptions.now ?? (() => new Date());
  let opts: GroupCommandOptions;
  try {
    opts = new GroupCommandOptions(args);
  } catch (err) {
    output.err(`Exception in thread "main" ${javaExceptionLine(err)}`);
    return 1;
  }
  try {
    if (checkGroupCommandArgs(opts, (l) => output.err(l)) === 'version') {
      output.out(VERSION_LINE);
      return 0;
    }
  } catch (err) {
    return usage(output, err instanceof Error ? err.message : String(err));
  }
  const admin = adminFactory(opts.valueOf('bootstrap-server') ?? '', opts.timeoutMs);
  const log = createToolLogger('kafka.admin.ConsumerGroupCommand$', (l) => output.err(l), now);
  const service = new ConsumerGroupService(opts, admin, output, log, {
    now: () => now().getTime(),
    readFile: runOptions.readFile ?? ((p) => fs.readFileSync(p, 'utf8')),
  });
  try {
    switch (opts.action) {
      case 'list':
        await service.listGroups();
        break;
      case 'describe':
        await service.describeGroups();
        break;
      case 'delete':
        await service.deleteGroups();
        break;
      case 'reset-offsets':
        await service.resetOffsets();
        break;
      case 'delete-offsets':
        await service.deleteOffsets();
        break;
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof IllegalArgumentError) return usage(output, err.message);
    service.printError(
      `Executing consumer group command failed due to ${err instanceof Error ? err.message : String(err)}`,
    );
    output.err(err instanceof Error ? (err.stack ?? javaExceptionLine(err)) : String(err));
    return 0;
  } finally {
    await admin.close().catch(() => undefined);
  }
}
