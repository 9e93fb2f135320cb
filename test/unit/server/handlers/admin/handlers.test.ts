import { ErrorCode } from '../../../../../src/protocol';
import type { HandlerContext } from '../../../../../src/server/handlers/api-handler';
import { alterConfigsHandler } from '../../../../../src/server/handlers/admin/alter-configs';
import { createPartitionsHandler } from '../../../../../src/server/handlers/admin/create-partitions';
import { createTopicsHandler } from '../../../../../src/server/handlers/admin/create-topics';
import { deleteTopicsHandler } from '../../../../../src/server/handlers/admin/delete-topics';
import { describeConfigsHandler } from '../../../../../src/server/handlers/admin/describe-configs';
import { autoTopicCreation, creatableTopic } from '../../../../../src/server/handlers/admin/index';
import { KafkaConfig } from '../../../../../src/server/config/kafka-config';
import { cluster, type Cluster } from './cluster-fixture';

function ctx(apiVersion: number): HandlerContext {
  return { header: { apiVersion } } as unknown as HandlerContext;
}

let c: Cluster;
beforeEach(async () => {
  c = await cluster();
});

describe('CreateTopics', () => {
  it('answers NOT_CONTROLLER off the controller, with default counts and no configs', async () => {
    const h = createTopicsHandler({ topicAdmin: c.topicAdmin, isController: () => false });
    const res = await h.handle(
      {
        topics: [{ name: 'a', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }],
        timeoutMs: 1000,
        validateOnly: false,
      },
      ctx(5),
    );
    expect(res?.topics).toEqual([
      expect.objectContaining({
        name: 'a',
        errorCode: ErrorCode.NOT_CONTROLLER,
        numPartitions: -1,
        configs: [],
      }),
    ]);
  });

  it('refuses a topic named twice, and ignores validateOnly at v0', async () => {
    const h = createTopicsHandler({ topicAdmin: c.topicAdmin, isController: () => true });
    const t = { name: 'twice', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] };
    const res = await h.handle({ topics: [t, t], timeoutMs: 0, validateOnly: true }, ctx(1));
    expect(res?.topics.map((r) => [r.errorCode, r.errorMessage])).toEqual([
      [ErrorCode.INVALID_REQUEST, 'Found multiple entries for this topic.'],
      [ErrorCode.INVALID_REQUEST, 'Found multiple entries for this topic.'],
    ]);
    const v0 = await h.handle({ topics: [{ ...t, name: 'v0' }], timeoutMs: 0, validateOnly: true }, ctx(0));
    expect(v0?.topics[0]?.errorCode).toBe(ErrorCode.REQUEST_TIMED_OUT);
    expect(c.zk.nodes.has('/brokers/topics/v0')).toBe(true);
  });
});

describe('DeleteTopics', () => {
  const deps = (over: Partial<Parameters<typeof deleteTopicsHandler>[0]> = {}) =>
    deleteTopicsHandler({
      topicAdmin: c.topicAdmin,
      metadataCache: c.cache,
      isController: () => true,
      deleteTopicEnable: true,
      topicNameOf: () => undefined,
      ...over,
    });

  it('follows delete.topic.enable=false with the version rule of 2.8', async () => {
    const h = deps({ deleteTopicEnable: false });
    const old = await h.handle({ topics: [], topicNames: ['a'], timeoutMs: 1000 }, ctx(2));
    expect(old?.responses[0]?.errorCode).toBe(ErrorCode.INVALID_REQUEST);
    const v3 = await h.handle({ topics: [], topicNames: ['a'], timeoutMs: 1000 }, ctx(3));
    expect(v3?.responses[0]?.errorCode).toBe(ErrorCode.TOPIC_DELETION_DISABLED);
  });

  it('reports unknown names and ids, and refuses a name together with an id', async () => {
    const h = deps();
    const byName = await h.handle({ topics: [], topicNames: ['nope'], timeoutMs: 1000 }, ctx(4));
    expect(byName?.responses[0]?.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    const byId = await h.handle(
      { topics: [{ name: null, topicId: 'AAAAAAAAAAAAAAAAAAAAAQ' }], topicNames: [], timeoutMs: 1000 },
      ctx(6),
    );
    expect(byId?.responses[0]).toMatchObject({ name: null, errorCode: ErrorCode.UNKNOWN_TOPIC_ID });
    const both = await h.handle(
      { topics: [{ name: 'x', topicId: 'AAAAAAAAAAAAAAAAAAAAAQ' }], topicNames: [], timeoutMs: 1000 },
      ctx(6),
    );
    expect(both?.responses[0]?.errorCode).toBe(ErrorCode.INVALID_REQUEST);
  });
});

describe('CreatePartitions', () => {
  it('refuses duplicates and topics queued for deletion before touching ZooKeeper', async () => {
    const h = createPartitionsHandler({
      topicAdmin: c.topicAdmin,
      isController: () => true,
      isQueuedForDeletion: (t) => t === 'going',
    });
    const res = await h.handle(
      {
        topics: [
          { name: 'dup', count: 2, assignments: null },
          { name: 'dup', count: 3, assignments: null },
          { name: 'going', count: 2, assignments: null },
        ],
        timeoutMs: 1000,
        validateOnly: false,
      },
      ctx(1),
    );
    expect(res?.results).toEqual([
      { name: 'dup', errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Duplicate topic in request.' },
      {
        name: 'going',
        errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION,
        errorMessage: 'The topic is queued for deletion.',
      },
    ]);
  });
});

describe('DescribeConfigs and AlterConfigs request-level errors', () => {
  it('fails every resource when one has an unexpected type', async () => {
    const res = await describeConfigsHandler(c.configAdmin).handle(
      {
        resources: [
          { resourceType: 2, resourceName: 't', configurationKeys: null },
          { resourceType: 7, resourceName: 'x', configurationKeys: null },
        ],
        includeSynonyms: false,
        includeDocumentation: false,
      },
      ctx(1),
    );
    expect(res?.results.map((r) => [r.errorCode, r.errorMessage])).toEqual([
      [ErrorCode.INVALID_REQUEST, 'Unexpected resource type UNKNOWN for resource x'],
      [ErrorCode.INVALID_REQUEST, 'Unexpected resource type UNKNOWN for resource x'],
    ]);
  });

  it('refuses BROKER_LOGGER in AlterConfigs', async () => {
    const res = await alterConfigsHandler(c.configAdmin).handle(
      { resources: [{ resourceType: 8, resourceName: '0', configs: [] }], validateOnly: false },
      ctx(0),
    );
    expect(res?.responses[0]?.errorMessage).toBe(
      'AlterConfigs is deprecated and does not support the resource type BROKER_LOGGER',
    );
  });
});

describe('auto-creation', () => {
  const settings = KafkaConfig.fromProperties(
    new Map([
      ['zookeeper.connect', 'localhost:2181'],
      ['num.partitions', '4'],
      ['offsets.topic.replication.factor', '1'],
    ]),
  ).config;

  it('creates legal names with the broker defaults and reports which it started', async () => {
    const create = autoTopicCreation(c.topicAdmin, settings);
    const started = await create(['fresh', 'bad name']);
    expect([...started]).toEqual(['fresh']);
    expect(c.zk.nodes.has('/brokers/topics/fresh')).toBe(true);
    // Existing in ZooKeeper but not yet in the cache: still "being created".
    expect([...(await create(['fresh']))]).toEqual(['fresh']);
  });

  it('leaves a topic unknown when there are fewer live brokers than default.replication.factor', async () => {
    const wide = KafkaConfig.fromProperties(
      new Map([
        ['zookeeper.connect', 'localhost:2181'],
        ['default.replication.factor', '5'],
      ]),
    ).config;
    const started = await autoTopicCreation(c.topicAdmin, wide)(['wide']);
    expect(started.size).toBe(0);
    expect(c.zk.nodes.has('/brokers/topics/wide')).toBe(false);
    expect(
      c.logLines.some((l) => l.includes('Replication factor: 5 larger than available brokers: 3.')),
    ).toBe(true);
  });

  it('creates __consumer_offsets with the offsets topic settings', () => {
    expect(creatableTopic('__consumer_offsets', settings)).toEqual({
      name: '__consumer_offsets',
      numPartitions: 50,
      replicationFactor: 1,
      assignments: [],
      configs: [
        { name: 'cleanup.policy', value: 'compact' },
        { name: 'segment.bytes', value: '104857600' },
        { name: 'compression.type', value: 'producer' },
      ],
    });
    expect(creatableTopic('plain', settings)).toMatchObject({ numPartitions: 4, replicationFactor: 1 });
  });
});
