/**
 * A broker asked to stop while its ZooKeeper is gone still stops, in bounded time, and exits 0
 * (Kafka's controlled shutdown gives up and it proceeds with an unclean shutdown).
 */
import path from 'node:path';
import { freePort, spawnBroker, stopAllBrokers, tempDir } from '../harness/brokers';

// The compiled programmatic API starts a private ZooKeeper that this test may stop.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startZooKeeper } = require(path.join(__dirname, '..', '..', 'dist', 'zookeeper-server')) as {
  startZooKeeper: (o: {
    dataDir: string;
    clientPort: number;
  }) => Promise<{ connectString: string; stop(): Promise<void> }>;
};

jest.setTimeout(90_000);

describe('shutdown without ZooKeeper', () => {
  afterAll(() => stopAllBrokers());

  it('SIGTERM after ZooKeeper died: the broker gives up controlled shutdown and exits 0', async () => {
    const zk = await startZooKeeper({ dataDir: tempDir('zk-private'), clientPort: await freePort() });
    let stopped = false;
    try {
      const broker = await spawnBroker({
        brokerId: 0,
        zkConnect: zk.connectString,
        props: { 'controlled.shutdown.retry.backoff.ms': 200 },
      });
      await broker.waitForOutput(/\[KafkaServer id=0\] started/);
      await zk.stop();
      stopped = true;
      const t0 = Date.now();
      broker.kill('SIGTERM');
      expect(await broker.waitForExit(60_000)).toBe(0);
      expect(Date.now() - t0).toBeLessThan(45_000);
      expect(broker.output).toContain(
        'Proceeding to do an unclean shutdown as all the controlled shutdown attempts failed',
      );
      expect(broker.output).toContain('[KafkaServer id=0] shut down completed');
    } finally {
      if (!stopped) await zk.stop();
    }
  });
});
