import { IllegalArgumentError, TopicExistsError } from '../../../../src/admin/errors';
import {
  BOOTSTRAP_NOT_AVAILABLE,
  runTopicCommand,
  type TopicServiceFactories,
} from '../../../../src/cli/topic-command/run';
import type { CommandTopicPartition, TopicService } from '../../../../src/cli/topic-command/topic-service';

class Capture {
  stdout: string[] = [];
  stderr: string[] = [];
  out = (line: string): void => void this.stdout.push(line);
  err = (line: string): void => void this.stderr.push(line);
}

class FakeService implements TopicService {
  created: CommandTopicPartition[] = [];
  closed = false;
  failWith: Error | null = null;
  async createTopic(topic: CommandTopicPartition): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.created.push(topic);
  }
  async listTopics(): Promise<void> {}
  async alterTopic(): Promise<void> {}
  async describeTopic(): Promise<void> {
    if (this.failWith) throw this.failWith;
  }
  async deleteTopic(): Promise<void> {}
  async getTopics(): Promise<string[]> {
    return [];
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

const now = (): Date => new Date(2021, 9, 5, 10, 0, 0, 123);
const ZK = ['--zookeeper', 'localhost:2181'];

function setup(): {
  io: Capture;
  service: FakeService;
  factories: TopicServiceFactories;
  connects: string[];
} {
  const service = new FakeService();
  const connects: string[] = [];
  return {
    io: new Capture(),
    service,
    connects,
    factories: {
      zookeeper: async (zk) => {
        connects.push(zk);
        return service;
      },
    },
  };
}

describe('runTopicCommand', () => {
  it('creates through the service, warning about collision characters first', async () => {
    const { io, service, factories, connects } = setup();
    const code = await runTopicCommand(
      [
        ...ZK,
        '--create',
        '--topic',
        'my.topic',
        '--partitions',
        '13',
        '--replication-factor',
        '3',
        '--config',
        'retention.ms=5',
      ],
      io,
      factories,
    );
    expect(code).toBe(0);
    expect(connects).toEqual(['localhost:2181']);
    expect(io.stdout).toEqual([
      "WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.",
    ]);
    expect(service.created).toEqual([
      expect.objectContaining({
        name: 'my.topic',
        partitions: 13,
        replicationFactor: 3,
        configsToAdd: new Map([['retention.ms', '5']]),
        rackAwareMode: 'enforced',
        ifTopicDoesntExist: false,
      }),
    ]);
    expect(service.closed).toBe(true);
  });

  it('reports an action failure on stdout plus an ERROR log line on stderr, exit 1', async () => {
    const { io, service, factories } = setup();
    service.failWith = new TopicExistsError("Topic 't' already exists.");
    const code = await runTopicCommand(
      [...ZK, '--create', '--topic', 't', '--partitions', '1', '--replication-factor', '1'],
      io,
      factories,
      { now },
    );
    expect(code).toBe(1);
    expect(io.stdout).toEqual(["Error while executing topic command : Topic 't' already exists."]);
    expect(io.stderr).toEqual([
      "[2021-10-05 10:00:00,123] ERROR org.apache.kafka.common.errors.TopicExistsException: Topic 't' already exists.\n (kafka.admin.TopicCommand$)",
    ]);
    expect(service.closed).toBe(true);
  });

  it('reports bad argument values inside the command, like Kafka', async () => {
    const { io, factories } = setup();
    const code = await runTopicCommand(
      [...ZK, '--create', '--topic', 't', '--partitions', 'x', '--replication-factor', '1'],
      io,
      factories,
      { now },
    );
    expect(code).toBe(1);
    expect(io.stdout).toEqual([
      "Error while executing topic command : Cannot parse argument 'x' of option partitions",
    ]);
  });

  it('prints usage problems with the option table on stderr', async () => {
    const { io, factories, connects } = setup();
    expect(await runTopicCommand([...ZK, '--create', '--topic', 't'], io, factories)).toBe(1);
    expect(io.stdout).toEqual([]);
    expect(io.stderr[0]).toBe('Missing required argument "[partitions]"');
    expect(io.stderr[1]).toMatch(/^Option {33} {2}Description/);
    expect(io.stderr.some((l) => l.startsWith('--zookeeper <String: hosts>'))).toBe(true);
    expect(connects).toEqual([]);
  });

  it('--help and no arguments print usage and exit 1', async () => {
    for (const [args, first] of [
      [['--help'], 'This tool helps to create, delete, describe, or change a topic.'],
      [[], 'Create, delete, describe, or change a topic.'],
    ] as const) {
      const { io, factories } = setup();
      expect(await runTopicCommand(args, io, factories)).toBe(1);
      expect(io.stderr[0]).toBe(first);
    }
  });

  it('--version prints the version and exits 0', async () => {
    const { io, factories } = setup();
    expect(await runTopicCommand(['--version'], io, factories)).toBe(0);
    expect(io.stdout).toEqual(['2.8.2 (Commit:kafka-ts)']);
  });

  it('fails like an uncaught Java exception for the mode check and unknown options', async () => {
    for (const [args, line] of [
      [
        ['--list'],
        'Exception in thread "main" java.lang.IllegalArgumentException: Only one of --bootstrap-server or --zookeeper must be specified',
      ],
      [
        [...ZK, '--list', '--nope'],
        'Exception in thread "main" joptsimple.UnrecognizedOptionException: nope is not a recognized option',
      ],
    ] as const) {
      const { io, factories } = setup();
      expect(await runTopicCommand(args, io, factories)).toBe(1);
      expect(io.stderr).toEqual([line]);
      expect(io.stdout).toEqual([]);
    }
  });

  it('says the bootstrap mode is not available until its service is wired', async () => {
    const { io, factories } = setup();
    expect(await runTopicCommand(['--bootstrap-server', 'localhost:9092', '--list'], io, factories)).toBe(1);
    expect(io.stdout).toEqual([`Error while executing topic command : ${BOOTSTRAP_NOT_AVAILABLE}`]);
    expect(BOOTSTRAP_NOT_AVAILABLE).toBe('--bootstrap-server mode is not available yet');
  });

  it('uses a bootstrap factory when one is given', async () => {
    const { io, service, factories } = setup();
    const seen: string[] = [];
    const code = await runTopicCommand(['--bootstrap-server', 'localhost:9092', '--describe'], io, {
      ...factories,
      bootstrap: async (servers) => {
        seen.push(servers);
        return service;
      },
    });
    expect(code).toBe(0);
    expect(seen).toEqual(['localhost:9092']);
  });

  it('reports a failing describe with Java class names', async () => {
    const { io, service, factories } = setup();
    service.failWith = new IllegalArgumentError("Topic 'x' does not exist as expected");
    expect(await runTopicCommand([...ZK, '--describe', '--topic', 'x'], io, factories, { now })).toBe(1);
    expect(io.stdout).toEqual(["Error while executing topic command : Topic 'x' does not exist as expected"]);
    expect(io.stderr[0]).toContain(
      "ERROR java.lang.IllegalArgumentException: Topic 'x' does not exist as expected",
    );
  });
});
