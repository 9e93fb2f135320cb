import { AdminError, IllegalArgumentError } from '../../../../src/admin/errors';
import type { ClusterMetadata } from '../../../../src/cli/config-command/admin-client';
import {
  BootstrapTopicService,
  type TopicAdminClient,
} from '../../../../src/cli/topic-command/bootstrap-topic-service';
import { TopicCommandOptions } from '../../../../src/cli/topic-command/options';
import { readCommandTopicPartition } from '../../../../src/cli/topic-command/topic-service';
import { ApiKey, ErrorCode } from '../../../../src/protocol';

type Sent = { apiKey: number; version: number; body: unknown };

/** A cluster answering from fixed metadata; requests are recorded and answered by `answer`. */
class FakeClient {
  sent: Sent[] = [];
  answer: (apiKey: number, body: Record<string, unknown>) => unknown = () => ({});
  constructor(public meta: ClusterMetadata) {}

  metadata(topics: readonly string[] | null): Promise<ClusterMetadata> {
    const wanted =
      topics === null ? this.meta.topics : this.meta.topics.filter((t) => topics.includes(t.name));
    return Promise.resolve({ ...this.meta, topics: wanted });
  }

  private reply(apiKey: number, version: number, body: unknown): Promise<{ version: number; body: unknown }> {
    const b = typeof body === 'function' ? (body as (v: number) => unknown)(version) : body;
    this.sent.push({ apiKey, version, body: b });
    return Promise.resolve({ version, body: this.answer(apiKey, b as Record<string, unknown>) });
  }

  sendToController(apiKey: number, body: unknown): Promise<{ version: number; body: unknown }> {
    const versions: Record<number, number> = {
      [ApiKey.CreateTopics]: 7,
      [ApiKey.DeleteTopics]: 6,
      [ApiKey.CreatePartitions]: 1,
    };
    return this.reply(apiKey, versions[apiKey] ?? 0, body);
  }

  request(apiKey: number, body: unknown): Promise<{ version: number; body: unknown }> {
    return this.reply(apiKey, 2, body);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const brokers = [0, 1, 2].map((id) => ({ id, host: 'localhost', port: 9092 + id }));
function meta(): ClusterMetadata {
  return {
    brokers,
    controllerId: 0,
    topics: [
      {
        name: 'my-topic',
        isInternal: false,
        errorCode: 0,
        partitions: [
          { partition: 1, leader: -1, replicas: [2, 0], isr: [2] },
          { partition: 0, leader: 7, replicas: [7, 1], isr: [7, 1] },
        ],
      },
      { name: '__consumer_offsets', isInternal: true, errorCode: 0, partitions: [] },
      {
        name: 'alpha',
        isInternal: false,
        errorCode: 0,
        partitions: [{ partition: 0, leader: 1, replicas: [1], isr: [1] }],
      },
    ],
  };
}

function setup(): { client: FakeClient; service: BootstrapTopicService; out: string[] } {
  const client = new FakeClient(meta());
  const out: string[] = [];
  const service = new BootstrapTopicService(client as unknown as TopicAdminClient, {
    out: (l) => void out.push(l),
    err: () => undefined,
  });
  return { client, service, out };
}

const opts = (...args: string[]): TopicCommandOptions =>
  new TopicCommandOptions(['--bootstrap-server', 'localhost:9092', ...args]);
const noOutput = { out: () => undefined, err: () => undefined };

describe('BootstrapTopicService', () => {
  it('creates with the broker defaults (-1) when counts are not given', async () => {
    const { client, service, out } = setup();
    client.answer = () => ({ topics: [{ name: 't', errorCode: 0, errorMessage: null }] });
    await service.createTopic(
      readCommandTopicPartition(opts('--create', '--topic', 't', '--config', 'retention.ms=5'), noOutput),
    );
    expect(client.sent[0]?.body).toMatchObject({
      topics: [
        {
          name: 't',
          numPartitions: -1,
          replicationFactor: -1,
          assignments: [],
          configs: [{ name: 'retention.ms', value: '5' }],
        },
      ],
      timeoutMs: 30000,
      validateOnly: false,
    });
    expect(out).toEqual(['Created topic t.']);
  });

  it('sends a manual assignment, and passes on the broker error message', async () => {
    const { client, service } = setup();
    client.answer = () => ({
      topics: [
        { name: 't', errorCode: ErrorCode.TOPIC_ALREADY_EXISTS, errorMessage: "Topic 't' already exists." },
      ],
    });
    const tp = readCommandTopicPartition(
      opts('--create', '--topic', 't', '--replica-assignment', '0:1,1:2'),
      noOutput,
    );
    const err = await service.createTopic(tp).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdminError);
    expect((err as AdminError).javaClassName).toBe('org.apache.kafka.common.errors.TopicExistsException');
    expect((err as AdminError).message).toBe("Topic 't' already exists.");
    expect(client.sent[0]?.body).toMatchObject({
      topics: [
        {
          numPartitions: -1,
          replicationFactor: -1,
          assignments: [
            { partitionIndex: 0, brokerIds: [0, 1] },
            { partitionIndex: 1, brokerIds: [1, 2] },
          ],
        },
      ],
    });
    const quiet = readCommandTopicPartition(opts('--create', '--topic', 't', '--if-not-exists'), noOutput);
    await expect(service.createTopic(quiet)).resolves.toBeUndefined();
  });

  it('checks counts before asking the cluster, as Kafka tool does', async () => {
    const { service } = setup();
    const tp = readCommandTopicPartition(
      opts('--create', '--topic', 't', '--replication-factor', '0'),
      noOutput,
    );
    await expect(service.createTopic(tp)).rejects.toThrow(
      new IllegalArgumentError('The replication factor must be between 1 and 32767 inclusive'),
    );
  });

  it('lists sorted names in one println, internal ones by flag', async () => {
    const { service, out } = setup();
    await service.listTopics(opts('--list'));
    await service.listTopics(opts('--list', '--exclude-internal'));
    expect(out).toEqual(['__consumer_offsets\nalpha\nmy-topic', 'alpha\nmy-topic']);
  });

  it('describes without TopicId, non-default configs in the header, no leader as none', async () => {
    const { client, service, out } = setup();
    client.answer = (_k, body) => ({
      throttleTimeMs: 0,
      results: (body['resources'] as { resourceName: string }[]).map((r) => ({
        errorCode: 0,
        errorMessage: null,
        resourceType: 2,
        resourceName: r.resourceName,
        configs: [
          { name: 'retention.ms', value: '604800000', configSource: 5, isDefault: false },
          { name: 'segment.bytes', value: '1073741824', configSource: 4, isDefault: false },
        ],
      })),
    });
    await service.describeTopic(opts('--describe', '--exclude-internal'));
    expect(out).toEqual([
      'Topic: my-topic\tPartitionCount: 2\tReplicationFactor: 2\tConfigs: segment.bytes=1073741824',
      '\tTopic: my-topic\tPartition: 0\tLeader: none\tReplicas: 7,1\tIsr: 7,1',
      '\tTopic: my-topic\tPartition: 1\tLeader: none\tReplicas: 2,0\tIsr: 2',
      'Topic: alpha\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: segment.bytes=1073741824',
      '\tTopic: alpha\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1',
    ]);
  });

  it('adds partitions with the assignment of the new ones only, and reports the broker message', async () => {
    const { client, service } = setup();
    client.answer = () => ({
      results: [
        {
          name: 'alpha',
          errorCode: ErrorCode.INVALID_PARTITIONS,
          errorMessage: 'Topic already has 1 partitions.',
        },
      ],
    });
    const err = await service
      .alterTopic(opts('--alter', '--topic', 'alpha', '--partitions', '3', '--replica-assignment', '1,2,0'))
      .catch((e: unknown) => e);
    expect((err as Error).message).toBe('Topic already has 1 partitions.');
    expect(client.sent[0]?.body).toMatchObject({
      topics: [{ name: 'alpha', count: 3, assignments: [{ brokerIds: [2] }, { brokerIds: [0] }] }],
    });
  });

  it('deletes by name at v6 and stays silent', async () => {
    const { client, service, out } = setup();
    client.answer = () => ({ responses: [{ name: 'alpha', errorCode: 0, errorMessage: null }] });
    await service.deleteTopic(opts('--delete', '--topic', 'alpha'));
    expect(client.sent[0]?.body).toEqual({
      topics: [{ name: 'alpha', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }],
      timeoutMs: 30000,
    });
    expect(out).toEqual([]);
  });
});
