/**
 * Issue 2 end to end: real ZooKeeper, real broker processes. What ZooKeeper shows must be what Kafka
 * 2.8 would put there, and the controller must move as Kafka's does.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  eventually,
  freshZkConnect,
  sleep,
  spawnBroker,
  startBroker,
  stopAllBrokers,
  tempDir,
  zkInspector,
  type BrokerProcess,
} from '../harness/brokers';
import type { ZooKeeperClient } from '../../src/zk/zookeeper-client';

jest.setTimeout(90_000);

async function controllerId(zk: ZooKeeperClient): Promise<number | null> {
  const node = await zk.getData('/controller');
  if (!node?.data) return null;
  return (JSON.parse(node.data.toString()) as { brokerid: number }).brokerid;
}

async function controllerEpoch(zk: ZooKeeperClient): Promise<number> {
  const node = await zk.getData('/controller_epoch');
  return Number(node?.data?.toString());
}

async function brokerIds(zk: ZooKeeperClient): Promise<number[]> {
  return ((await zk.getChildren('/brokers/ids')) ?? []).map(Number).sort((a, b) => a - b);
}

describe('three brokers register and elect one controller', () => {
  let zkConnect: string;
  let zk: ZooKeeperClient;
  const brokers: BrokerProcess[] = [];

  beforeAll(async () => {
    zkConnect = freshZkConnect();
    for (const id of [0, 1, 2]) brokers.push(await startBroker({ brokerId: id, zkConnect }));
    zk = await zkInspector(zkConnect);
  });

  afterAll(async () => {
    await stopAllBrokers();
    await zk?.close();
  });

  it('shows Kafka 2.8 registrations, one controller and epoch 1', async () => {
    expect(await brokerIds(zk)).toEqual([0, 1, 2]);
    for (const [i, broker] of brokers.entries()) {
      const node = await zk.getData(`/brokers/ids/${i}`);
      expect(node?.stat.ephemeralOwner).not.toBe(0n);
      const json = JSON.parse(node?.data?.toString() ?? '{}') as Record<string, unknown>;
      expect(json).toEqual({
        features: {},
        listener_security_protocol_map: { PLAINTEXT: 'PLAINTEXT' },
        endpoints: [`PLAINTEXT://localhost:${broker.port}`],
        jmx_port: -1,
        host: 'localhost',
        timestamp: expect.stringMatching(/^\d{13}$/),
        port: broker.port,
        version: 5,
      });
      // The broker epoch Kafka logs is the registration znode's czxid.
      expect(broker.output).toContain(`czxid (broker epoch): ${node?.stat.czxid}`);
    }
    const controller = await zk.getData('/controller');
    const cjson = JSON.parse(controller?.data?.toString() ?? '{}') as Record<string, unknown>;
    expect(cjson).toEqual({
      version: 1,
      brokerid: expect.any(Number),
      timestamp: expect.stringMatching(/^\d+$/),
    });
    expect([0, 1, 2]).toContain(cjson['brokerid']);
    expect(controller?.stat.ephemeralOwner).not.toBe(0n);
    expect(await controllerEpoch(zk)).toBe(1);
  });

  it('creates the top-level paths and cluster id, and writes meta.properties after registering', async () => {
    const root = ((await zk.getChildren('/')) ?? []).sort();
    expect(root).toEqual(
      expect.arrayContaining([
        'admin',
        'brokers',
        'cluster',
        'config',
        'consumers',
        'controller',
        'controller_epoch',
        'feature',
        'isr_change_notification',
        'latest_producer_id_block',
        'log_dir_event_notification',
      ]),
    );
    expect(((await zk.getChildren('/config')) ?? []).sort()).toEqual([
      'brokers',
      'changes',
      'clients',
      'ips',
      'topics',
      'users',
    ]);
    const cluster = JSON.parse((await zk.getData('/cluster/id'))?.data?.toString() ?? '{}') as Record<
      string,
      string
    >;
    expect(cluster['version']).toBe('1');
    expect(cluster['id']).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(JSON.parse((await zk.getData('/feature'))?.data?.toString() ?? '{}')).toEqual({
      features: {},
      version: 1,
      status: 1,
    });
    for (const [i, b] of brokers.entries()) {
      const meta = fs.readFileSync(path.join(b.logDir, 'meta.properties'), 'utf8');
      expect(meta).toContain(`broker.id=${i}\n`);
      expect(meta).toContain('version=0\n');
      expect(meta).toContain(`cluster.id=${cluster['id']}\n`);
      expect(b.output).toMatch(
        /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] INFO \[KafkaServer id=\d\] started \(kafka\.server\.KafkaServer\)$/m,
      );
    }
  });

  it('moves the controller within a second on SIGTERM (epoch 2), and after the session timeout on kill -9 (epoch 3)', async () => {
    const first = await controllerId(zk);
    expect(first).not.toBeNull();
    const firstBroker = brokers[first ?? -1];
    if (!firstBroker) throw new Error('no controller broker');
    const stoppedAt = Date.now();
    firstBroker.kill('SIGTERM');
    expect(await firstBroker.waitForExit()).toBe(0);
    expect(firstBroker.output).toContain(`[KafkaServer id=${first}] shut down completed`);
    const second = await eventually(
      async () => {
        const id = await controllerId(zk);
        return id !== null && id !== first ? id : null;
      },
      5_000,
      'a new controller',
    );
    expect(Date.now() - stoppedAt).toBeLessThan(3_000);
    expect(await controllerEpoch(zk)).toBe(2);
    expect(await brokerIds(zk)).toEqual([0, 1, 2].filter((id) => id !== first));

    const secondBroker = brokers[second];
    if (!secondBroker) throw new Error('no second controller');
    const killedAt = Date.now();
    secondBroker.kill('SIGKILL');
    await secondBroker.waitForExit();
    // Nothing moves until ZooKeeper expires the dead broker's session (6 s in these tests).
    await sleep(2_000);
    expect(await controllerId(zk)).toBe(second);
    const third = await eventually(
      async () => {
        const id = await controllerId(zk);
        return id !== null && id !== second ? id : null;
      },
      20_000,
      'a third controller',
    );
    expect(Date.now() - killedAt).toBeGreaterThan(4_000);
    expect([0, 1, 2].filter((id) => id !== first && id !== second)).toEqual([third]);
    expect(await controllerEpoch(zk)).toBe(3);
    expect(await brokerIds(zk)).toEqual([third]);
  });
});

describe('a broker restarted after kill -9', () => {
  afterEach(() => stopAllBrokers());

  it('registers again with a new, larger broker epoch once the old session has expired', async () => {
    const zkConnect = freshZkConnect();
    const logDir = tempDir('kafka-logs-restart');
    const zk = await zkInspector(zkConnect);
    try {
      const first = await startBroker({ brokerId: 5, zkConnect, logDir });
      const before = (await zk.getData('/brokers/ids/5'))?.stat.czxid ?? 0n;
      first.kill('SIGKILL');
      await first.waitForExit();
      await eventually(
        async () => (await zk.exists('/brokers/ids/5')) === null,
        20_000,
        'the old registration to expire',
      );
      const second = await startBroker({ brokerId: 5, zkConnect, logDir, port: first.port });
      const after = (await zk.getData('/brokers/ids/5'))?.stat.czxid ?? 0n;
      expect(after).toBeGreaterThan(before);
      expect(second.output).toContain(`czxid (broker epoch): ${after}`);
    } finally {
      await zk.close();
    }
  });
});

describe('fatal startup errors exit non-zero and name the cause', () => {
  afterEach(() => stopAllBrokers());

  it('a duplicate broker.id exits and leaves the first broker untouched', async () => {
    const zkConnect = freshZkConnect();
    const zk = await zkInspector(zkConnect);
    try {
      const first = await startBroker({ brokerId: 1, zkConnect });
      const registration = await zk.getData('/brokers/ids/1');
      const dup = await spawnBroker({ brokerId: 1, zkConnect });
      expect(await dup.waitForExit()).toBe(1);
      expect(dup.output).toContain('Error while creating ephemeral at /brokers/ids/1, node already exists');
      expect(dup.output).toContain('Fatal error during KafkaServer startup. Prepare to shutdown');
      expect(first.running).toBe(true);
      const still = await zk.getData('/brokers/ids/1');
      expect(still?.stat.czxid).toBe(registration?.stat.czxid);
      expect(still?.data?.toString()).toBe(registration?.data?.toString());
    } finally {
      await zk.close();
    }
  });

  it('the same advertised endpoint as a live broker exits with Kafka message', async () => {
    const zkConnect = freshZkConnect();
    const first = await startBroker({ brokerId: 1, zkConnect });
    const dup = await spawnBroker({
      brokerId: 2,
      zkConnect,
      props: { 'advertised.listeners': `PLAINTEXT://localhost:${first.port}` },
    });
    expect(await dup.waitForExit()).toBe(1);
    expect(dup.output).toContain(
      `Configured end points PLAINTEXT://localhost:${first.port} in advertised listeners are already registered by broker 1`,
    );
    expect(first.running).toBe(true);
  });

  it('a meta.properties from another cluster is refused', async () => {
    const logDir = tempDir('kafka-logs-wrong-cluster');
    fs.writeFileSync(
      path.join(logDir, 'meta.properties'),
      'version=0\nbroker.id=0\ncluster.id=someOtherClusterIdAAAA\n',
    );
    const broker = await spawnBroker({ brokerId: 0, zkConnect: freshZkConnect(), logDir });
    expect(await broker.waitForExit()).toBe(1);
    expect(broker.output).toMatch(
      /The Cluster ID [A-Za-z0-9_-]{22} doesn't match stored clusterId Some\(someOtherClusterIdAAAA\) in meta.properties/,
    );
  });

  it('a meta.properties with another broker id is refused', async () => {
    const zkConnect = freshZkConnect();
    const logDir = tempDir('kafka-logs-wrong-id');
    const first = await startBroker({ brokerId: 0, zkConnect, logDir });
    await first.stop();
    const again = await spawnBroker({ brokerId: 3, zkConnect, logDir });
    expect(await again.waitForExit()).toBe(1);
    expect(again.output).toContain(
      "Configured broker.id 3 doesn't match stored broker.id Some(0) in meta.properties",
    );
  });

  it('an invalid config value names the key', async () => {
    const broker = await spawnBroker({
      brokerId: 0,
      zkConnect: freshZkConnect(),
      props: { 'num.partitions': 'many' },
    });
    expect(await broker.waitForExit()).toBe(1);
    expect(broker.output).toContain('Invalid value many for configuration num.partitions');
  });

  it('an unreachable ZooKeeper times out after zookeeper.connection.timeout.ms', async () => {
    const started = Date.now();
    const broker = await spawnBroker({
      brokerId: 0,
      zkConnect: '127.0.0.1:1',
      props: { 'zookeeper.connection.timeout.ms': 1500 },
    });
    expect(await broker.waitForExit()).toBe(1);
    expect(broker.output).toContain('Timed out waiting for connection while in state: CONNECTING');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
  });

  it('a second broker on the same log dir cannot take its lock', async () => {
    const zkConnect = freshZkConnect();
    const logDir = tempDir('kafka-logs-shared');
    const first = await startBroker({ brokerId: 0, zkConnect, logDir });
    // Same cluster and id, so the meta.properties checks pass and the lock is what stops it.
    const second = await spawnBroker({ brokerId: 0, zkConnect, logDir });
    expect(await second.waitForExit()).toBe(1);
    expect(second.output).toContain(`Failed to acquire lock on file .lock in ${logDir}`);
    expect(first.running).toBe(true);
  });
});

describe('broker.id generation', () => {
  afterEach(() => stopAllBrokers());

  it('uses /brokers/seqid: the first generated id is 1001', async () => {
    const zkConnect = freshZkConnect();
    const broker = await startBroker({ brokerId: null, zkConnect });
    const zk = await zkInspector(zkConnect);
    try {
      expect((await zk.getChildren('/brokers/ids'))?.map(Number)).toEqual([1001]);
      expect(broker.output).toContain('[KafkaServer id=1001] started');
      expect(fs.readFileSync(path.join(broker.logDir, 'meta.properties'), 'utf8')).toContain(
        'broker.id=1001',
      );
    } finally {
      await zk.close();
    }
  });
});

describe('ZooKeeper session expiry', () => {
  afterEach(() => stopAllBrokers());

  it('a frozen controller loses its session, then re-registers and takes part in the election again', async () => {
    const zkConnect = freshZkConnect();
    const zk = await zkInspector(zkConnect);
    try {
      const a = await startBroker({ brokerId: 0, zkConnect });
      const b = await startBroker({ brokerId: 1, zkConnect });
      await eventually(async () => (await controllerId(zk)) === 0, 10_000, 'broker 0 to be controller');
      const epochBefore = (await zk.getData('/brokers/ids/0'))?.stat.czxid ?? 0n;

      // Freeze broker 0 past its 6 s session: ZooKeeper expires it and broker 1 takes over.
      a.kill('SIGSTOP');
      await eventually(async () => (await controllerId(zk)) === 1, 20_000, 'broker 1 to take over');
      expect(await brokerIds(zk)).toEqual([1]);
      a.kill('SIGCONT');

      // On waking it finds its session expired, opens a new one and registers again.
      const epochAfter = await eventually(
        async () => {
          const node = await zk.getData('/brokers/ids/0');
          return node && node.stat.czxid > epochBefore ? node.stat.czxid : null;
        },
        20_000,
        'broker 0 to re-register',
      );
      expect(epochAfter).toBeGreaterThan(epochBefore);
      await a.waitForOutput(/Session expired\./);
      expect(a.output.match(/Registered broker 0 at path \/brokers\/ids\/0/g)).toHaveLength(2);
      expect(a.output).toContain(`czxid (broker epoch): ${epochAfter}`);
      expect(await brokerIds(zk)).toEqual([0, 1]);
      expect(await controllerId(zk)).toBe(1);
      expect(await controllerEpoch(zk)).toBe(2);

      // And it is a candidate again: when broker 1 stops, broker 0 becomes controller.
      await b.stop();
      await eventually(async () => (await controllerId(zk)) === 0, 10_000, 'broker 0 to be elected again');
      expect(await controllerEpoch(zk)).toBe(3);
    } finally {
      await zk.close();
    }
  });
});
