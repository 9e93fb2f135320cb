/**
 * `kafka-leader-election.sh --bootstrap-server host:port --election-type preferred|unclean
 *   (--all-topic-partitions | --topic t --partition p | --path-to-json-file f)`
 *
 * Kafka 2.8's LeaderElectionCommand: finds the controller through Metadata and asks it to run the
 * elections (ElectLeaders), then prints which partitions were elected, which already had a valid
 * leader, and which failed (exit 1).
 */
import fs from 'node:fs';
import { BrokerClient } from '../network/broker-client';
import { ApiKey, ErrorCode, errorName } from '../protocol';
import { exitQuietlyOnBrokenPipe } from './broken-pipe';

const USAGE = `This tool attempts to elect a new leader for a set of topic partitions. The type of elections supported are preferred replicas and unclean replicas.
Option                                  Description
------                                  -----------
--admin.config <String: config file>    Configuration properties files to pass to the admin client
--all-topic-partitions                  Perform election on all of the eligible topic partitions
                                          based on the type of election (see the --election-type flag).
                                          Not allowed if --topic or --path-to-json-file is specified.
--bootstrap-server <String: host:port>  A hostname and port for the broker to connect to, in the form
                                          host:port. Multiple comma separated URLs can be given.
                                          REQUIRED.
--election-type <[PREFERRED,UNCLEAN]:   Type of election to attempt. Possible values are "preferred"
  election type>                          for preferred leader election or "unclean" for unclean
                                          leader election. REQUIRED.
--help                                  Print usage information.
--partition <Integer: partition id>     Partition id for which to perform an election. REQUIRED if
                                          --topic is specified.
--path-to-json-file <String: Path to    The JSON file with the list of partitions for which leader
  JSON file>                              elections should be performed, in the form
                                          {"partitions": [{"topic": "t", "partition": 0}]}.
--topic <String: topic name>            Name of topic for which to perform an election. Not allowed
                                          if --path-to-json-file or --all-topic-partitions is specified.
--version                               Display Kafka version.`;

class UsageError extends Error {}

interface Options {
  bootstrap: string[];
  electionType: 'PREFERRED' | 'UNCLEAN';
  partitions: { topic: string; partition: number }[] | null;
}

const EXCEPTIONS: Record<string, string> = {
  PREFERRED_LEADER_NOT_AVAILABLE: 'PreferredLeaderNotAvailableException',
  ELIGIBLE_LEADERS_NOT_AVAILABLE: 'EligibleLeadersNotAvailableException',
  UNKNOWN_TOPIC_OR_PARTITION: 'UnknownTopicOrPartitionException',
  NOT_CONTROLLER: 'NotControllerException',
  INVALID_TOPIC_EXCEPTION: 'InvalidTopicException',
};

export function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const withValue = new Set([
    '--bootstrap-server',
    '--election-type',
    '--topic',
    '--partition',
    '--path-to-json-file',
    '--admin.config',
  ]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--help') return 'help';
    if (a === '--version') return 'version';
    if (a === '--all-topic-partitions') flags.add(a);
    else if (withValue.has(a)) {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`Option ${a} requires an argument`);
      values.set(a, v);
    } else throw new UsageError(`${a.replace(/^-+/, '')} is not a recognized option`);
  }
  const missing = ['--bootstrap-server', '--election-type'].filter((k) => !values.has(k));
  if (missing.length > 0)
    throw new UsageError(`Missing required option(s) [${missing.map((m) => m.slice(2)).join(', ')}]`);
  const type = (values.get('--election-type') ?? '').toUpperCase();
  if (type !== 'PREFERRED' && type !== 'UNCLEAN') {
    throw new UsageError(
      `Cannot convert argument '${values.get('--election-type')}' of option ['election-type'] to class org.apache.kafka.common.ElectionType`,
    );
  }
  const sources = [
    flags.has('--all-topic-partitions'),
    values.has('--topic'),
    values.has('--path-to-json-file'),
  ];
  if (sources.filter(Boolean).length !== 1) {
    throw new UsageError(
      'One and only one of the following options is required: all-topic-partitions, topic, path-to-json-file',
    );
  }
  let partitions: Options['partitions'] = null;
  if (values.has('--topic')) {
    const p = values.get('--partition');
    if (p === undefined || !/^\d+$/.test(p)) throw new UsageError('Missing required option(s) [partition]');
    partitions = [{ topic: values.get('--topic') ?? '', partition: Number(p) }];
  } else if (values.has('--path-to-json-file')) {
    const json = JSON.parse(fs.readFileSync(values.get('--path-to-json-file') ?? '', 'utf8')) as {
      partitions?: { topic: string; partition: number }[];
    };
    partitions = (json.partitions ?? []).map((p) => ({
      topic: String(p.topic),
      partition: Number(p.partition),
    }));
  }
  return {
    bootstrap: (values.get('--bootstrap-server') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    electionType: type,
    partitions,
  };
}

async function findController(bootstrap: string[]): Promise<{ id: number; host: string; port: number }> {
  for (const hp of bootstrap) {
    const i = hp.lastIndexOf(':');
    const client = new BrokerClient(
      { id: -1, host: hp.slice(0, i), port: Number(hp.slice(i + 1)) },
      { clientId: 'adminclient-1', requestTimeoutMs: 30_000 },
    );
    try {
      const md = await client.send(ApiKey.Metadata, 1, { topics: [] });
      const controller = md.brokers.find((b) => b.nodeId === md.controllerId);
      if (controller) return { id: controller.nodeId, host: controller.host, port: controller.port };
    } catch {
      // try the next bootstrap server
    } finally {
      client.close();
    }
  }
  throw new Error(
    'org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.',
  );
}

async function run(o: Options): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const c = await findController(o.bootstrap);
    const client = new BrokerClient(c, { clientId: 'adminclient-1', requestTimeoutMs: 60_000 });
    try {
      const byTopic = new Map<string, number[]>();
      for (const p of o.partitions ?? [])
        byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
      const response = await client.send(ApiKey.ElectLeaders, 2, {
        electionType: o.electionType === 'PREFERRED' ? 0 : 1,
        topicPartitions:
          o.partitions === null ? null : [...byTopic].map(([topic, partitionId]) => ({ topic, partitionId })),
        timeoutMs: 60_000,
      });
      if (response.errorCode === ErrorCode.NOT_CONTROLLER && attempt < 5) continue;
      if (response.errorCode !== ErrorCode.NONE) {
        console.error(`Error while making request: ${errorName(response.errorCode)}`);
        return 1;
      }
      const succeeded: string[] = [];
      const noop: string[] = [];
      const failed: [string, string][] = [];
      for (const t of response.replicaElectionResults) {
        for (const p of t.partitionResult) {
          const name = `${t.topic}-${p.partitionId}`;
          if (p.errorCode === ErrorCode.NONE) succeeded.push(name);
          else if (p.errorCode === ErrorCode.ELECTION_NOT_NEEDED) noop.push(name);
          else {
            const code = errorName(p.errorCode);
            const cls = EXCEPTIONS[code] ?? 'KafkaException';
            failed.push([name, `org.apache.kafka.common.errors.${cls}: ${p.errorMessage ?? code}`]);
          }
        }
      }
      if (succeeded.length > 0) {
        console.log(
          `Successfully completed leader election (${o.electionType}) for partitions ${succeeded.join(', ')}`,
        );
      }
      if (noop.length > 0) console.log(`Valid replica already elected for partitions ${noop.join(', ')}`);
      for (const [name, error] of failed) {
        console.log(`Error completing leader election (${o.electionType}) for partition: ${name}: ${error}`);
      }
      if (failed.length > 0) {
        console.error(
          `kafka.common.AdminCommandFailedException: ${failed.length} replica(s) could not be elected`,
        );
        return 1;
      }
      return 0;
    } finally {
      client.close();
    }
  }
}

async function main(): Promise<void> {
  exitQuietlyOnBrokenPipe();
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.error(USAGE);
    process.exit(1);
  }
  if (options === 'help') {
    console.log(USAGE);
    process.exit(0);
  }
  if (options === 'version') {
    console.log('2.8.2 (Commit:kafka-ts)');
    process.exit(0);
  }
  try {
    process.exit(await run(options));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}

if (require.main === module) void main();
