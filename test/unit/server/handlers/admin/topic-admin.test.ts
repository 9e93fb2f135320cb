import { ErrorCode } from '../../../../../src/protocol';
import type { TopicToCreate } from '../../../../../src/server/handlers/admin/topic-admin';
import { TopicZNode } from '../../../../../src/zk/zk-data';
import { cluster, type Cluster } from './cluster-fixture';

function topic(name: string, over: Partial<TopicToCreate> = {}): TopicToCreate {
  return { name, numPartitions: 3, replicationFactor: 2, assignments: [], configs: [], ...over };
}

/** Lets pending promise callbacks run. */
const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

let c: Cluster;
beforeEach(async () => {
  c = await cluster();
});

describe('createTopics: validation, in Kafka order and wording', () => {
  it('reports each failing topic with its code and message, and writes none of them', async () => {
    await c.admin.createTopic('taken', 1, 1);
    await c.publishLeaders('taken');
    const out = await c.topicAdmin.createTopics(
      10_000,
      false,
      [
        topic('taken'),
        topic('nulls', {
          configs: [
            { name: 'retention.ms', value: null },
            { name: 'segment.ms', value: null },
          ],
        }),
        topic('both', { assignments: [{ partitionIndex: 0, brokerIds: [0] }] }),
        topic('wide', { replicationFactor: 4 }),
        topic('none', { numPartitions: 0 }),
        topic('bad name'),
        topic('bad-config', { configs: [{ name: 'retention.ms', value: 'soon' }] }),
        topic('unknown-config', { configs: [{ name: 'no.such', value: '1' }] }),
      ],
      true,
    );
    const errors = Object.fromEntries([...out].map(([n, o]) => [n, [o.error.code, o.error.message]]));
    expect(errors).toEqual({
      taken: [ErrorCode.TOPIC_ALREADY_EXISTS, "Topic 'taken' already exists."],
      nulls: [
        ErrorCode.INVALID_REQUEST,
        'Null value not supported for topic configs : retention.ms,segment.ms',
      ],
      both: [
        ErrorCode.INVALID_REQUEST,
        'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.',
      ],
      wide: [ErrorCode.INVALID_REPLICATION_FACTOR, 'Replication factor: 4 larger than available brokers: 3.'],
      none: [ErrorCode.INVALID_PARTITIONS, 'Number of partitions must be larger than 0.'],
      'bad name': [
        ErrorCode.INVALID_TOPIC_EXCEPTION,
        `Topic name "bad name" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`,
      ],
      'bad-config': [
        ErrorCode.INVALID_CONFIG,
        'Invalid value soon for configuration retention.ms: Not a number of type LONG',
      ],
      'unknown-config': [ErrorCode.INVALID_CONFIG, 'Unknown topic config name: no.such'],
    });
    for (const o of out.values()) expect(o.configs).toBeUndefined();
    expect(await c.zk.getChildren('/brokers/topics')).toEqual(['taken']);
  });

  it('reports a name colliding with an existing one ("." against "_")', async () => {
    await c.admin.createTopic('a.b', 1, 1);
    const out = await c.topicAdmin.createTopics(0, true, [topic('a_b')], false);
    expect(out.get('a_b')?.error).toEqual({
      code: ErrorCode.INVALID_TOPIC_EXCEPTION,
      message: "Topic 'a_b' collides with existing topics: a.b",
    });
  });

  it('validateOnly checks and describes the topic but writes nothing', async () => {
    const out = await c.topicAdmin.createTopics(
      10_000,
      true,
      [
        topic('dry', {
          numPartitions: -1,
          replicationFactor: -1,
          configs: [{ name: 'retention.ms', value: '1' }],
        }),
      ],
      true,
    );
    const o = out.get('dry');
    expect(o).toMatchObject({ error: { code: ErrorCode.NONE }, numPartitions: 2, replicationFactor: 1 });
    expect(o?.configs?.find((e) => e.name === 'retention.ms')).toMatchObject({ value: '1', source: 1 });
    expect(o?.topicId).toBeUndefined();
    expect(c.zk.nodes.has('/brokers/topics/dry')).toBe(false);
    expect(c.zk.nodes.has('/config/topics/dry')).toBe(false);
  });
});

describe('createTopics: writing and waiting', () => {
  it('writes the znodes, then answers once the cache shows a leader for every partition', async () => {
    let done = false;
    const pending = c.topicAdmin
      .createTopics(30_000, false, [topic('fresh', { numPartitions: 6, replicationFactor: 3 })], true)
      .then((r) => {
        done = true;
        return r;
      });
    await flush();
    await flush();
    expect(done).toBe(false);
    const assignment = TopicZNode.decode('fresh', c.zk.nodes.get('/brokers/topics/fresh')?.data ?? null);
    // Brokers in the metadata cache's LongMap order [0,2,1], start index 0, shift 0.
    expect([...assignment.partitions.values()].map((r) => r[0])).toEqual([0, 2, 1, 0, 2, 1]);
    expect(c.zk.json('/config/topics/fresh')).toEqual({ version: 1, config: {} });
    await c.publishLeaders('fresh');
    const out = await pending;
    expect(out.get('fresh')).toMatchObject({ error: { code: ErrorCode.NONE }, topicId: assignment.topicId });
    expect(assignment.topicId).toHaveLength(22);
  });

  it('answers REQUEST_TIMED_OUT when the leaders do not show up in time (the topic stays written)', async () => {
    const pending = c.topicAdmin.createTopics(5_000, false, [topic('slow')], false);
    await flush();
    await flush();
    c.time.advance(5_000);
    expect((await pending).get('slow')?.error).toEqual({ code: ErrorCode.REQUEST_TIMED_OUT, message: null });
    expect(c.zk.nodes.has('/brokers/topics/slow')).toBe(true);
  });

  it('with timeout 0 answers REQUEST_TIMED_OUT at once (auto-creation uses this)', async () => {
    const out = await c.topicAdmin.createTopics(0, false, [topic('quick')], false);
    expect(out.get('quick')?.error.code).toBe(ErrorCode.REQUEST_TIMED_OUT);
    expect(c.zk.nodes.has('/brokers/topics/quick')).toBe(true);
  });
});

describe('createPartitions', () => {
  beforeEach(async () => {
    await c.admin.createTopic('grow', 3, 2);
    await c.publishLeaders('grow');
  });

  it('refuses decreases, no-ops, unknown topics and bad assignments with Kafka messages', async () => {
    const out = await c.topicAdmin.createPartitions(
      0,
      [
        { name: 'grow', count: 2, assignments: null },
        { name: 'nope', count: 2, assignments: null },
      ],
      true,
    );
    expect(out.get('grow')?.message).toBe(
      'Topic currently has 3 partitions, which is higher than the requested 2.',
    );
    expect(out.get('nope')).toEqual({
      code: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      message: "The topic 'nope' does not exist.",
    });
    const same = await c.topicAdmin.createPartitions(
      0,
      [{ name: 'grow', count: 3, assignments: null }],
      true,
    );
    expect(same.get('grow')).toEqual({
      code: ErrorCode.INVALID_PARTITIONS,
      message: 'Topic already has 3 partitions.',
    });
    const unknown = await c.topicAdmin.createPartitions(
      0,
      [{ name: 'grow', count: 4, assignments: [[7, 8]] }],
      true,
    );
    expect(unknown.get('grow')).toEqual({
      code: ErrorCode.INVALID_REPLICA_ASSIGNMENT,
      message: 'Unknown broker(s) in replica assignment: 7, 8.',
    });
    const count = await c.topicAdmin.createPartitions(
      0,
      [{ name: 'grow', count: 5, assignments: [[0, 1]] }],
      true,
    );
    expect(count.get('grow')?.message).toBe(
      'Increasing the number of partitions by 2 but 1 assignments provided.',
    );
    const rf = await c.topicAdmin.createPartitions(0, [{ name: 'grow', count: 4, assignments: [[0]] }], true);
    expect(rf.get('grow')?.message).toBe(
      'Inconsistent replication factor between partitions, partition 0 has 2 while partitions [3] have replication factors [1], respectively.',
    );
  });

  it('validateOnly writes nothing; a real increase waits for the new leaders', async () => {
    const dry = await c.topicAdmin.createPartitions(
      10_000,
      [{ name: 'grow', count: 5, assignments: null }],
      true,
    );
    expect(dry.get('grow')?.code).toBe(ErrorCode.NONE);
    expect(
      TopicZNode.decode('grow', c.zk.nodes.get('/brokers/topics/grow')?.data ?? null).partitions.size,
    ).toBe(3);
    const pending = c.topicAdmin.createPartitions(
      10_000,
      [
        {
          name: 'grow',
          count: 5,
          assignments: [
            [1, 2],
            [2, 0],
          ],
        },
      ],
      false,
    );
    await flush();
    await flush();
    const written = TopicZNode.decode(
      'grow',
      c.zk.nodes.get('/brokers/topics/grow')?.data ?? null,
    ).partitions;
    expect(written.get(3)).toEqual([1, 2]);
    expect(written.get(4)).toEqual([2, 0]);
    await c.publishLeaders('grow');
    expect((await pending).get('grow')?.code).toBe(ErrorCode.NONE);
  });
});

describe('deleteTopics', () => {
  it('marks the topic and answers once the cache no longer has it', async () => {
    await c.admin.createTopic('doomed', 2, 1);
    await c.publishLeaders('doomed');
    let done = false;
    const pending = c.topicAdmin.deleteTopics(10_000, ['doomed']).then((r) => {
      done = true;
      return r;
    });
    await flush();
    await flush();
    expect(c.zk.nodes.has('/admin/delete_topics/doomed')).toBe(true);
    expect(done).toBe(false);
    c.publishDeleted('doomed', 2);
    expect((await pending).get('doomed')).toBe(ErrorCode.NONE);
  });

  it('treats "already marked" as success and still waits; times out as Kafka does', async () => {
    await c.admin.createTopic('marked', 1, 1);
    await c.publishLeaders('marked');
    await c.admin.deleteTopic('marked');
    const pending = c.topicAdmin.deleteTopics(1_000, ['marked', 'ghost']);
    await flush();
    await flush();
    c.time.advance(1_000);
    const out = await pending;
    expect(out.get('marked')).toBe(ErrorCode.REQUEST_TIMED_OUT);
    expect(out.get('ghost')).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  });
});
