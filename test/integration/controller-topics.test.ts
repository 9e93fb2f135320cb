/**
 * Issue 3, controller side: a topic written to ZooKeeper the way `kafka-topics.sh --zookeeper` writes
 * it gets state znodes, leaders and ISRs from the controller, the brokers create its partition
 * directories and serve its metadata, and all four real clients see the same thing.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  eventually,
  freshZkConnect,
  startBroker,
  stopAllBrokers,
  zkInspector,
  type BrokerProcess,
} from '../harness/brokers';
import { kafkaPythonMetadata, kafkajsMetadata, kcatMetadata, platformaticMetadata } from '../harness/clients';
import type { ZooKeeperClient } from '../../src/zk/zookeeper-client';

jest.setTimeout(120_000);

/** The assignment of reference §5's worked example: 13 partitions, RF 3, brokers [0,1,2], start 2. */
const FAILSAFE: number[][] = [
  [2, 0, 1],
  [0, 1, 2],
  [1, 2, 0],
  [2, 1, 0],
  [0, 2, 1],
  [1, 0, 2],
  [2, 0, 1],
  [0, 1, 2],
  [1, 2, 0],
  [2, 1, 0],
  [0, 2, 1],
  [1, 0, 2],
  [2, 0, 1],
];

async function writeTopic(zk: ZooKeeperClient, topic: string, assignment: number[][]): Promise<void> {
  const partitions = Object.fromEntries(assignment.map((r, p) => [String(p), r]));
  await zk.create(`/config/topics/${topic}`, Buffer.from('{"version":1,"config":{}}'));
  await zk.create(
    `/brokers/topics/${topic}`,
    Buffer.from(JSON.stringify({ version: 3, partitions, adding_replicas: {}, removing_replicas: {} })),
  );
}

async function partitionState(
  zk: ZooKeeperClient,
  topic: string,
  p: number,
): Promise<Record<string, unknown> | null> {
  const node = await zk.getData(`/brokers/topics/${topic}/partitions/${p}/state`);
  return node?.data ? (JSON.parse(node.data.toString()) as Record<string, unknown>) : null;
}

async function allStates(
  zk: ZooKeeperClient,
  topic: string,
  n: number,
): Promise<Record<string, unknown>[] | null> {
  const states = [];
  for (let p = 0; p < n; p++) {
    const s = await partitionState(zk, topic, p);
    if (!s) return null;
    states.push(s);
  }
  return states;
}

async function controllerId(zk: ZooKeeperClient): Promise<number> {
  const node = await zk.getData('/controller');
  return (JSON.parse(node?.data?.toString() ?? '{"brokerid":-1}') as { brokerid: number }).brokerid;
}

describe('topics through ZooKeeper, three brokers', () => {
  let zkConnect: string;
  let zk: ZooKeeperClient;
  const brokers: BrokerProcess[] = [];
  let bootstrap: string;

  beforeAll(async () => {
    zkConnect = freshZkConnect();
    for (const id of [0, 1, 2]) brokers.push(await startBroker({ brokerId: id, zkConnect }));
    bootstrap = brokers.map((b) => `localhost:${b.port}`).join(',');
    zk = await zkInspector(zkConnect);
  });

  afterAll(async () => {
    await stopAllBrokers();
    await zk?.close();
  });

  it('elects the first replica, ISR = replicas in order, epoch 0, and adds a topic id', async () => {
    await writeTopic(zk, 'my-failsafe-topic', FAILSAFE);
    const states = await eventually(() => allStates(zk, 'my-failsafe-topic', 13), 15_000, 'state znodes');
    states.forEach((s, p) => {
      expect(s).toEqual({
        controller_epoch: 1,
        leader: FAILSAFE[p]?.[0],
        version: 1,
        leader_epoch: 0,
        isr: FAILSAFE[p],
      });
    });
    const topicJson = JSON.parse(
      (await zk.getData('/brokers/topics/my-failsafe-topic'))?.data?.toString() ?? '{}',
    ) as Record<string, unknown>;
    expect(topicJson['topic_id']).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const leaders = states.map((s) => s['leader'] as number);
    expect([0, 1, 2].map((b) => leaders.filter((l) => l === b).length)).toEqual([4, 4, 5]);
  });

  it('makes every broker create the 13 partition directories', async () => {
    for (const b of brokers) {
      await eventually(
        async () => {
          const dirs = fs.readdirSync(b.logDir).filter((d) => d.startsWith('my-failsafe-topic-'));
          return dirs.length === 13;
        },
        10_000,
        `partition dirs on ${b.logDir}`,
      );
      expect(fs.existsSync(path.join(b.logDir, 'my-failsafe-topic-12'))).toBe(true);
    }
  });

  it('shows the same metadata to kcat, kafkajs, kafka-python and @platformatic/kafka', async () => {
    const expected = FAILSAFE.map((replicas, partition) => ({
      partition,
      leader: replicas[0],
      replicas,
      isr: replicas,
    }));
    const topics = ['my-failsafe-topic'];
    const seen = {
      kcat: await kcatMetadata(bootstrap, topics),
      kafkajs: await kafkajsMetadata(bootstrap, topics),
      python: await kafkaPythonMetadata(bootstrap, topics),
      platformatic: await platformaticMetadata(bootstrap, topics),
    };
    const controller = await controllerId(zk);
    for (const [client, m] of Object.entries(seen)) {
      expect({ client, brokers: m.brokers }).toEqual({ client, brokers: [0, 1, 2] });
      expect({ client, partitions: m.topics['my-failsafe-topic'] }).toEqual({ client, partitions: expected });
    }
    expect(seen.kafkajs.controller).toBe(controller);
    expect(seen.python.controller).toBe(controller);
    expect(seen.platformatic.controller).toBe(controller);
  });

  it('adds partitions when the assignment grows, leaving the old ones alone', async () => {
    const grown = [...FAILSAFE, [0, 1, 2], [1, 2, 0]];
    const node = await zk.getData('/brokers/topics/my-failsafe-topic');
    const json = JSON.parse(node?.data?.toString() ?? '{}') as { partitions: Record<string, number[]> };
    json.partitions = Object.fromEntries(grown.map((r, p) => [String(p), r]));
    await zk.setData(
      '/brokers/topics/my-failsafe-topic',
      Buffer.from(JSON.stringify(json)),
      node?.stat.version,
    );
    const states = await eventually(
      () => allStates(zk, 'my-failsafe-topic', 15),
      15_000,
      'new partition states',
    );
    expect(states[13]).toMatchObject({ leader: 0, leader_epoch: 0, isr: [0, 1, 2] });
    expect(states[0]).toMatchObject({ leader: 2, leader_epoch: 0 });
    const m = await eventually(
      async () => {
        const seen = await kafkajsMetadata(bootstrap, ['my-failsafe-topic']);
        return seen.topics['my-failsafe-topic']?.length === 15 ? seen : null;
      },
      10_000,
      'metadata with 15 partitions',
    );
    expect(m.topics['my-failsafe-topic']?.[14]).toEqual({
      partition: 14,
      leader: 1,
      replicas: [1, 2, 0],
      isr: [1, 2, 0],
    });
  });

  it('deletes a topic marked under /admin/delete_topics: znodes and directories everywhere', async () => {
    await writeTopic(zk, 'short-lived', [
      [0, 1],
      [1, 2],
      [2, 0],
    ]);
    await eventually(() => allStates(zk, 'short-lived', 3), 15_000, 'short-lived states');
    await zk.create('/admin/delete_topics/short-lived', null);
    await eventually(
      async () => (await zk.exists('/brokers/topics/short-lived')) === null,
      15_000,
      'topic znode removed',
    );
    await eventually(
      async () => (await zk.exists('/admin/delete_topics/short-lived')) === null,
      5_000,
      'marker removed',
    );
    expect(await zk.exists('/config/topics/short-lived')).toBeNull();
    for (const b of brokers) {
      // Kafka renames a deleted log to `<t>-<p>.<id>-delete` at once and removes it later.
      await eventually(
        async () => !fs.readdirSync(b.logDir).some((d) => /^short-lived-\d+$/.test(d)),
        10_000,
        'partition dirs renamed for deletion',
      );
    }
    const m = await kcatMetadata(bootstrap, ['my-failsafe-topic']);
    expect(Object.keys(m.topics)).toEqual(['my-failsafe-topic']);
  });

  it('after the controller stops, a new topic still gets leaders from the next controller', async () => {
    const first = await controllerId(zk);
    const stopped = brokers[first];
    if (!stopped) throw new Error('no controller');
    await stopped.stop();
    await eventually(
      async () => {
        const id = await controllerId(zk);
        return id !== first && id >= 0;
      },
      10_000,
      'a new controller',
    );
    await writeTopic(zk, 'after-failover', [
      [0, 1, 2],
      [1, 2, 0],
      [2, 0, 1],
    ]);
    const states = await eventually(
      () => allStates(zk, 'after-failover', 3),
      15_000,
      'after-failover states',
    );
    const live = [0, 1, 2].filter((id) => id !== first);
    for (const [p, s] of states.entries()) {
      const replicas =
        [
          [0, 1, 2],
          [1, 2, 0],
          [2, 0, 1],
        ][p] ?? [];
      expect(s).toMatchObject({
        controller_epoch: 2,
        leader: replicas.find((r) => live.includes(r)),
        leader_epoch: 0,
      });
      expect(s['isr']).toEqual(replicas.filter((r) => live.includes(r)));
    }
    // The stopped broker led some partitions of my-failsafe-topic: they moved to the next ISR member.
    const failsafe = await allStates(zk, 'my-failsafe-topic', 13);
    for (const [p, s] of (failsafe ?? []).entries()) {
      expect(s['leader']).not.toBe(first);
      expect(s['isr']).toEqual((FAILSAFE[p] ?? []).filter((r) => r !== first));
    }
  });
});
