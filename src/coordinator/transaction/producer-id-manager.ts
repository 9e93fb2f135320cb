/**
 * Hands out producer ids for InitProducerId (Kafka's ProducerIdManager, ZooKeeper mode): each broker
 * claims blocks of 1000 ids from `/latest_producer_id_block` with a conditional write, and hands them
 * out one by one; the next block is claimed when one runs out.
 *
 * Lifecycle: `startup()` claims the first block (as Kafka does when the broker starts).
 */
import { getLogger } from '../../common/logger';
import type { KafkaZkClient } from '../../zk/kafka-zk-client';
import { ZkCode, ZkError } from '../../zk/zookeeper-client';
import { ProducerIdBlockZNode } from '../../zk/zk-data';

export class ProducerIdManager {
  private next = 0n;
  private end = -1n;
  private claiming: Promise<void> | undefined;
  private readonly log;

  constructor(
    private readonly brokerId: number,
    private readonly zkClient: KafkaZkClient,
  ) {
    this.log = getLogger(
      'kafka.coordinator.transaction.ProducerIdManager',
      `[ProducerId Manager ${brokerId}]: `,
    );
  }

  async startup(): Promise<void> {
    await this.claimBlock();
  }

  async generateProducerId(): Promise<bigint> {
    while (this.next > this.end) {
      this.claiming ??= this.claimBlock().finally(() => (this.claiming = undefined));
      await this.claiming;
    }
    const id = this.next;
    this.next += 1n;
    return id;
  }

  private async claimBlock(): Promise<void> {
    const zk = this.zkClient.zk;
    const size = ProducerIdBlockZNode.blockSize;
    for (;;) {
      const node = await zk.getData(ProducerIdBlockZNode.path);
      const current = node ? ProducerIdBlockZNode.decode(node.data) : null;
      const start = current ? current.blockEndProducerId + 1n : 0n;
      const block = {
        brokerId: this.brokerId,
        blockStartProducerId: start,
        blockEndProducerId: start + size - 1n,
      };
      try {
        let version: number;
        if (node)
          version = (
            await zk.setData(ProducerIdBlockZNode.path, ProducerIdBlockZNode.encode(block), node.stat.version)
          ).version;
        else {
          await zk.create(ProducerIdBlockZNode.path, ProducerIdBlockZNode.encode(block), 'persistent');
          version = 0;
        }
        this.next = block.blockStartProducerId;
        this.end = block.blockEndProducerId;
        this.log.info(
          `Acquired new producerId block (brokerId:${this.brokerId},blockStartProducerId:${block.blockStartProducerId},blockEndProducerId:${block.blockEndProducerId}) by writing to Zk with path version ${version}`,
        );
        return;
      } catch (err) {
        // Another broker claimed a block between our read and write: read again.
        if (err instanceof ZkError && (err.code === ZkCode.BAD_VERSION || err.code === ZkCode.NODE_EXISTS))
          continue;
        throw err;
      }
    }
  }
}
