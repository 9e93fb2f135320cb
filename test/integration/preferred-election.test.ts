/**
 * Issue 5: after a broker returns, preferred leader election gives it back the partitions whose first
 * replica it is: automatically (auto.leader.rebalance.enable) and on demand (kafka-leader-election.sh,
 * /admin/preferred_replica_election).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ZooKeeperClient } from '../../src/zk/zookeeper-client';
import {
  REPO_ROOT,
  eventually,
  freshZkConnect,
  startBroker,
  stopAllBrokers,
  zkInspector,
  type BrokerProcess,
  type BrokerSpec,
} from '../harness/brokers';

const run = promisify(execFile);
jest.setTimeout(120_000);

const ASSIGNMENT = [
  [0, 1, 2],
  [1, 2, 0],
  [2, 0, 1],
  [0, 2, 1],
];

async function createTopic(zk: ZooKeeperClient, topic: string): Promise<void> {
  await zk.create(`/config/topics/${topic}`, Buffer.from('{"version":1,"config":{}}'));
  const partitions = Object.fromEntries(ASSIGNMENT.map((r, p) => [String(p), r]));
  await zk.create(
    `/brokers/topics/${topic}`,
    Buffer.from(JSON.stringify({ version: 3, partitions, adding_replicas: {}, removing_replicas: {} })),
  );
}

async function states(zk: ZooKeeperClient, topic: string): Promise<{ leader: number; isr: number[] }[]> {
  const out = [];
  for (let p = 0; p < ASSIGNMENT.length; p++) {
    const node = await zk.getData(`/brokers/topics/${topic}/partitions/${p}/state`);
    out.push(
      JSON.parse(node?.data?.toString() ?? '{"leader":-1,"isr":[]}') as { leader: number; isr: number[] },
    );
  }
  return out;
}

async function cluster(
  props: NonNullable<BrokerSpec['props']>,
): Promise<{ zk: ZooKeeperClient; brokers: BrokerProcess[]; zkConnect: string }> {
  const zkConnect = freshZkConnect();
  const brokers: BrokerProcess[] = [];
  for (const id of [0, 1, 2]) brokers.push(await startBroker({ brokerId: id, zkConnect, props }));
  return { zk: await zkInspector(zkConnect), brokers, zkConnect };
}

/** Stops broker 0 cleanly, waits until it leads nothing, restarts it and waits until it is in every ISR. */
async function bounceBroker0(
  zk: ZooKeeperClient,
  brokers: BrokerProcess[],
  zkConnect: string,
  topic: string,
): Promise<void> {
  const b0 = brokers[0];
  if (!b0) throw new Error('no broker 0');
  await b0.stop();
  await eventually(
    async () => (await states(zk, topic)).every((s) => s.leader !== 0),
    10_000,
    'leaders to move off 0',
  );
  brokers[0] = await startBroker({
    brokerId: 0,
    zkConnect,
    port: b0.port,
    logDir: b0.logDir,
    props: { 'leader.imbalance.check.interval.seconds': 300 },
  });
  await eventually(
    async () => (await states(zk, topic)).every((s) => s.isr.includes(0)),
    20_000,
    'broker 0 back in every ISR',
  );
}

describe('preferred leader election', () => {
  afterEach(() => stopAllBrokers());

  it('the automatic rebalance moves leadership back to the first replica', async () => {
    const { zk, brokers, zkConnect } = await cluster({ 'leader.imbalance.check.interval.seconds': 2 });
    try {
      await createTopic(zk, 'auto');
      await eventually(async () => (await states(zk, 'auto')).every((s) => s.leader >= 0), 10_000, 'leaders');
      await bounceBroker0(zk, brokers, zkConnect, 'auto');
      // The controller (broker 1 or 2, still running with a 2 s check) restores preferred leaders.
      await eventually(
        async () => (await states(zk, 'auto')).every((s, p) => s.leader === ASSIGNMENT[p]?.[0]),
        20_000,
        'preferred leaders restored',
      );
    } finally {
      await zk.close();
    }
  });

  it('kafka-leader-election.sh and /admin/preferred_replica_election restore them on demand', async () => {
    const { zk, brokers, zkConnect } = await cluster({ 'auto.leader.rebalance.enable': false });
    try {
      await createTopic(zk, 'manual');
      await eventually(
        async () => (await states(zk, 'manual')).every((s) => s.leader >= 0),
        10_000,
        'leaders',
      );
      await bounceBroker0(zk, brokers, zkConnect, 'manual');
      const before = await states(zk, 'manual');
      expect(before[0]?.leader).not.toBe(0);
      const script = path.join(REPO_ROOT, 'scripts', 'kafka-leader-election.sh');
      const bootstrap = `localhost:${brokers[1]?.port}`;
      const { stdout } = await run(
        'bash',
        [
          script,
          '--bootstrap-server',
          bootstrap,
          '--election-type',
          'preferred',
          '--topic',
          'manual',
          '--partition',
          '0',
        ],
        { env: { ...process.env, KAFKA_TS_SKIP_BUILD: '1' } },
      );
      expect(stdout).toBe('Successfully completed leader election (PREFERRED) for partitions manual-0\n');
      expect((await states(zk, 'manual'))[0]?.leader).toBe(0);
      const again = await run(
        'bash',
        [script, '--bootstrap-server', bootstrap, '--election-type', 'PREFERRED', '--all-topic-partitions'],
        {
          env: { ...process.env, KAFKA_TS_SKIP_BUILD: '1' },
        },
      );
      expect(again.stdout).toMatch(
        /^Successfully completed leader election \(PREFERRED\) for partitions manual-3\nValid replica already elected for partitions /,
      );
      // The legacy znode: bounce broker 0 again and ask through /admin/preferred_replica_election.
      await bounceBroker0(zk, brokers, zkConnect, 'manual');
      await zk.create(
        '/admin/preferred_replica_election',
        Buffer.from(
          JSON.stringify({
            version: 1,
            partitions: [
              { topic: 'manual', partition: 0 },
              { topic: 'manual', partition: 3 },
            ],
          }),
        ),
      );
      await eventually(
        async () => {
          const s = await states(zk, 'manual');
          return s[0]?.leader === 0 && s[3]?.leader === 0;
        },
        10_000,
        'znode-triggered election',
      );
      await eventually(
        async () => (await zk.exists('/admin/preferred_replica_election')) === null,
        10_000,
        'znode deleted',
      );
    } finally {
      await zk.close();
    }
  });
});
