/**
 * Every option `kafka-topics.sh` 2.8 accepts, with its value type and a help text of our own.
 * The names, value types and `describedAs` labels are Kafka's (they show in the help table).
 */
import { TOPIC_CONFIG_NAMES } from '../../admin/topic-validation';
import type { HelpOption } from './help';

const configList = TOPIC_CONFIG_NAMES.map((n) => `\t${n}`).join('\n');

export const TOPIC_COMMAND_OPTIONS = [
  {
    name: 'alter',
    description: "Change a topic's partition count, replica assignment and/or configuration.",
  },
  {
    name: 'at-min-isr-partitions',
    description:
      'When describing topics, show only partitions whose ISR size equals the configured minimum. ' +
      'Not supported with the --zookeeper option.',
  },
  {
    name: 'bootstrap-server',
    arg: { type: 'String', describedAs: 'server to connect to' },
    description:
      'REQUIRED: the Kafka server to connect to. When it is given, no direct ZooKeeper connection is needed.',
  },
  {
    name: 'command-config',
    arg: { type: 'String', describedAs: 'command config property file' },
    description:
      'A properties file whose settings are passed to the Admin client. ' +
      'Used only together with the --bootstrap-server option.',
  },
  {
    name: 'config',
    arg: { type: 'String', describedAs: 'name=value' },
    description:
      'A configuration override for the topic being created or altered. Valid configurations:\n' +
      `${configList}\n` +
      'The Kafka documentation describes each one. With --bootstrap-server it is accepted only together ' +
      'with --create (kafka-configs can alter topic configs through --bootstrap-server).',
  },
  { name: 'create', description: 'Create a new topic.' },
  { name: 'delete', description: 'Delete a topic' },
  {
    name: 'delete-config',
    arg: { type: 'String', describedAs: 'name' },
    description:
      'A configuration override to remove from an existing topic (names as listed under --config). ' +
      'Not supported with the --bootstrap-server option.',
  },
  { name: 'describe', description: 'Show details of the given topics.' },
  { name: 'disable-rack-aware', description: 'Assign replicas without rack awareness.' },
  {
    name: 'exclude-internal',
    description: 'Leave internal topics out of --list and --describe (by default they are included).',
  },
  { name: 'force', description: 'Suppress console prompts' },
  { name: 'help', description: 'Print usage information.' },
  {
    name: 'if-exists',
    description: 'When altering, deleting or describing topics, act only if the topic exists.',
  },
  {
    name: 'if-not-exists',
    description: 'When creating a topic, act only if the topic does not exist yet.',
  },
  { name: 'list', description: 'List all available topics.' },
  {
    name: 'partitions',
    arg: { type: 'Integer', describedAs: '# of partitions' },
    description:
      'The number of partitions of the topic being created or altered (WARNING: adding partitions to a ' +
      'topic whose messages have keys changes which partition a key maps to, and so their ordering). ' +
      'When creating without it, the cluster default applies.',
  },
  {
    name: 'replica-assignment',
    arg: {
      type: 'String',
      describedAs:
        'broker_id_for_part1_replica1 : broker_id_for_part1_replica2 , ' +
        'broker_id_for_part2_replica1 : broker_id_for_part2_replica2 , ...',
    },
    description: 'Manual partition-to-broker assignments for the topic being created or altered.',
  },
  {
    name: 'replication-factor',
    arg: { type: 'Integer', describedAs: 'replication factor' },
    description:
      'The replication factor of every partition of the topic being created. ' +
      'Without it, the cluster default applies.',
  },
  {
    name: 'topic',
    arg: { type: 'String', describedAs: 'topic' },
    description:
      'The topic to create, alter, describe or delete. Except with --create it may be a regular ' +
      'expression: quote it and escape regex symbols with a backslash, e.g. "test\\.topic".',
  },
  {
    name: 'topics-with-overrides',
    description: 'When describing topics, show only topics that have configuration overrides.',
  },
  {
    name: 'unavailable-partitions',
    description: 'When describing topics, show only partitions whose leader is not available.',
  },
  {
    name: 'under-min-isr-partitions',
    description:
      'When describing topics, show only partitions whose ISR size is below the configured minimum. ' +
      'Not supported with the --zookeeper option.',
  },
  {
    name: 'under-replicated-partitions',
    description: 'When describing topics, show only under-replicated partitions.',
  },
  { name: 'version', description: 'Display Kafka version.' },
  {
    name: 'zookeeper',
    arg: { type: 'String', describedAs: 'hosts' },
    description:
      'DEPRECATED: the ZooKeeper connection string, host:port[,host:port...][/chroot]. ' +
      'Several hosts allow fail-over.',
  },
] as const satisfies readonly HelpOption[];

export type OptionName = (typeof TOPIC_COMMAND_OPTIONS)[number]['name'];

const byName = new Map<string, HelpOption>(TOPIC_COMMAND_OPTIONS.map((o) => [o.name, o]));

export function optionSpec(name: string): HelpOption | undefined {
  return byName.get(name);
}
