/**
 * Every option `kafka-consumer-groups.sh` 2.8 accepts: its name, whether it takes a value (Kafka's
 * value type and `describedAs` label, shown in the help table), and a help text of our own.
 */
import type { HelpOption } from '../topic-command/help';

export interface GroupOption {
  name: string;
  arg?: { type: 'String' | 'Long'; describedAs?: string; optional?: boolean; defaultValue?: string };
  /** Options only accepted together with one of these (jopt-simple's `availableIf`). */
  availableIf?: readonly string[];
  description: string;
}

const RESET_SCENARIOS =
  '--to-datetime, --by-duration, --to-earliest, --to-latest, --shift-by, --from-file, --to-current';

export const GROUP_COMMAND_OPTIONS: readonly GroupOption[] = [
  { name: 'all-groups', description: 'Act on every consumer group.' },
  {
    name: 'all-topics',
    description: 'With --reset-offsets: every topic partition the group has offsets for.',
  },
  {
    name: 'bootstrap-server',
    arg: { type: 'String', describedAs: 'server to connect to' },
    description: 'REQUIRED: the Kafka broker(s) to connect to.',
  },
  {
    name: 'by-duration',
    arg: { type: 'String', describedAs: 'duration' },
    description: "Reset offsets to those of the given time before now. Format: 'PnDTnHnMnS'",
  },
  {
    name: 'command-config',
    arg: { type: 'String', describedAs: 'command config property file' },
    description: 'A properties file with settings for the admin client and consumer.',
  },
  {
    name: 'delete',
    description: 'Delete the given groups with their committed offsets, e.g. --group g1 --group g2',
  },
  {
    name: 'delete-offsets',
    description: 'Delete committed offsets of one consumer group, for one or more topics.',
  },
  {
    name: 'describe',
    description:
      'Describe a consumer group: its partitions with committed offsets and lag, its members or its state.',
  },
  { name: 'dry-run', description: 'Only show what would change (reset-offsets).' },
  { name: 'execute', description: 'Carry the operation out (reset-offsets).' },
  { name: 'export', description: 'Print the reset-offsets result as CSV.' },
  {
    name: 'from-file',
    arg: { type: 'String', describedAs: 'path to CSV file' },
    description: 'Reset offsets to the values of a CSV file.',
  },
  {
    name: 'group',
    arg: { type: 'String', describedAs: 'consumer group' },
    description: 'The consumer group to act on.',
  },
  { name: 'help', description: 'Print usage information.' },
  { name: 'list', description: 'List every consumer group.' },
  {
    name: 'members',
    availableIf: ['describe'],
    description:
      'With --describe: show the members of the group.\nExample: --bootstrap-server localhost:9092 --describe --group group1 --members',
  },
  {
    name: 'offsets',
    availableIf: ['describe'],
    description:
      'With --describe: show every partition of the group with its offset lag (the default view).\nExample: --bootstrap-server localhost:9092 --describe --group group1 --offsets',
  },
  {
    name: 'reset-offsets',
    description:
      'Reset the offsets of a consumer group whose members are all stopped. --dry-run (the default) only shows the plan, --execute applies it, --export prints it as CSV.\n' +
      `One scenario is needed: ${RESET_SCENARIOS}, --to-offset.\n` +
      "The scope is --all-topics or --topic (not needed with '--from-file').",
  },
  {
    name: 'shift-by',
    arg: { type: 'Long', describedAs: 'number-of-offsets' },
    description: "Move each current offset by 'n', which may be negative.",
  },
  {
    name: 'state',
    arg: { type: 'String', optional: true },
    availableIf: ['describe', 'list'],
    description:
      'With --describe: show the state of the group.\nWith --list: show the state of every group, or only of groups in the given states, e.g. --list --state stable,empty',
  },
  {
    name: 'timeout',
    arg: { type: 'Long', describedAs: 'timeout (ms)', defaultValue: '5000' },
    description: 'How long to wait for some calls, e.g. describing a group that is still forming.',
  },
  { name: 'to-current', description: 'Reset offsets to the current offsets.' },
  {
    name: 'to-datetime',
    arg: { type: 'String', describedAs: 'datetime' },
    description: "Reset offsets to the first offset at or after a time. Format: 'YYYY-MM-DDTHH:mm:SS.sss'",
  },
  { name: 'to-earliest', description: 'Reset offsets to the earliest offset.' },
  { name: 'to-latest', description: 'Reset offsets to the latest offset.' },
  {
    name: 'to-offset',
    arg: { type: 'Long', describedAs: 'offset' },
    description: 'Reset offsets to this offset.',
  },
  {
    name: 'topic',
    arg: { type: 'String', describedAs: 'topic' },
    description:
      "The topic to delete offsets of or to reset. With --reset-offsets, partitions may be given as 'topic1:0,1,2'; the option may repeat.",
  },
  {
    name: 'verbose',
    availableIf: ['describe'],
    description: "With --members: also show each member's partitions.",
  },
  { name: 'version', description: 'Display Kafka version.' },
];

const byName = new Map(GROUP_COMMAND_OPTIONS.map((o) => [o.name, o]));

export function groupOptionSpec(name: string): GroupOption | undefined {
  return byName.get(name);
}

/** The table rows as jopt-simple shows them (`--timeout <Long: timeout (ms)>`, `--state [String]`). */
export function helpOptions(): HelpOption[] {
  return GROUP_COMMAND_OPTIONS.map((o) => {
    let display = o.name;
    if (o.arg?.optional) display += ` [${o.arg.type}]`;
    else if (o.arg) display += ` <${o.arg.type}${o.arg.describedAs ? `: ${o.arg.describedAs}` : ''}>`;
    const description = o.arg?.defaultValue
      ? `${o.description} (default: ${o.arg.defaultValue})`
      : o.description;
    return { name: display, description };
  });
}
