/**
 * `kafka-configs --zookeeper`: Kafka 2.8's `describeConfigWithZk` / `alterConfigWithZk`, reading and
 * writing `/config/<type>/<name>` through AdminZkClient. Topics can be described and altered (the
 * change also posts the `/config/changes` notification); broker entries can be described.
 *
 * Output: `Configs for topic 't' are k=v,k2=v2` (the overrides, in `java.util.Properties` order) and
 * `Completed updating config for entity: topic 't'.`
 *
 * Lifecycle: `connect()` opens one ZooKeeper session (30 s timeouts, as Kafka's tool); `close()` ends it.
 */
import { AdminZkClient } from '../../admin/admin-zk-client';
import { AdminError, IllegalArgumentError, InvalidConfigurationError } from '../../admin/errors';
import type { Logger } from '../../common/logger';
import { javaHashMapOrder } from '../../server/handlers/admin/hash-order';
import { KafkaZkClient } from '../../zk/kafka-zk-client';
import { ConfigEntityZNode } from '../../zk/zk-data';
import { ZooKeeperClient } from '../../zk/zookeeper-client';
import type { ToolOutput } from '../topic-command/topic-service';
import {
  DEFAULT_ENTITY_NAME,
  entityString,
  parseConfigsToBeAdded,
  parseConfigsToBeDeleted,
  type ConfigEntity,
  type ConfigService,
} from './config-service';
import type { ConfigCommandOptions } from './options';

const ZK_TIMEOUT_MS = 30_000;

/** `k=v,k2=v2` in the order Kafka's Properties iterates. */
export function formatZkConfigs(configs: ReadonlyMap<string, string>): string {
  return javaHashMapOrder([...configs.keys()])
    .map((k) => `${k}=${configs.get(k) ?? ''}`)
    .join(',');
}

export class ZookeeperConfigService implements ConfigService {
  constructor(
    private readonly zk: ZooKeeperClient,
    private readonly admin: AdminZkClient,
    private readonly output: ToolOutput,
  ) {}

  static async connect(zkConnect: string, output: ToolOutput, log: Logger): Promise<ZookeeperConfigService> {
    const zk = new ZooKeeperClient({
      connectString: zkConnect,
      sessionTimeoutMs: ZK_TIMEOUT_MS,
      connectionTimeoutMs: ZK_TIMEOUT_MS,
      logger: log,
      name: 'Kafka server',
    });
    try {
      await zk.connect();
    } catch (err) {
      throw new AdminError('kafka.zookeeper.ZooKeeperClientTimeoutException', (err as Error).message, {
        cause: err,
      });
    }
    return new ZookeeperConfigService(zk, new AdminZkClient(new KafkaZkClient(zk, log), log), output);
  }

  private supported(type: string): 'topics' | 'brokers' {
    if (type === 'topics' || type === 'brokers') return type;
    throw new IllegalArgumentError(
      `Entity type ${type} is not supported by this kafka-configs (topics and brokers are)`,
    );
  }

  private async fetch(type: 'topics' | 'brokers', name: string): Promise<Map<string, string>> {
    const node = await this.zk.getData(ConfigEntityZNode.path(type, name));
    return node ? ConfigEntityZNode.decode(node.data) : new Map();
  }

  async describe(entity: ConfigEntity): Promise<void> {
    const type = this.supported(entity.type);
    const names =
      entity.name === undefined
        ? ((await this.zk.getChildren(`/config/${type}`)) ?? [])
        : [entity.name === '' ? DEFAULT_ENTITY_NAME : entity.name];
    for (const name of names)
      this.output.out(
        `Configs for ${entityString(type, name)} are ${formatZkConfigs(await this.fetch(type, name))}`,
      );
  }

  async alter(entity: ConfigEntity, opts: ConfigCommandOptions): Promise<void> {
    const toAdd = parseConfigsToBeAdded(opts, this.output);
    const toDelete = parseConfigsToBeDeleted(opts);
    const type = this.supported(entity.type);
    if (type !== 'topics')
      throw new IllegalArgumentError(
        'Broker configs can be changed with --bootstrap-server only on this cluster',
      );
    const name = entity.name === '' || entity.name === undefined ? DEFAULT_ENTITY_NAME : entity.name;
    const configs = await this.admin.fetchTopicConfig(name);
    const invalid = toDelete.filter((k) => !configs.has(k));
    if (invalid.length > 0) throw new InvalidConfigurationError(`Invalid config(s): ${invalid.join(',')}`);
    for (const [k, v] of toAdd) configs.set(k, v);
    for (const k of toDelete) configs.delete(k);
    await this.admin.changeTopicConfig(name, configs);
    this.output.out(`Completed updating config for entity: ${entityString(type, name)}.`);
  }

  close(): Promise<void> {
    return this.zk.close();
  }
}
