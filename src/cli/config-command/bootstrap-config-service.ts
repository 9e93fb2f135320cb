/**
 * `kafka-configs --bootstrap-server`: Kafka 2.8's `describeResourceConfig` and `alterConfig` for
 * topics (and broker describe), on the admin client in admin-client.ts.
 *
 * Describe prints `Dynamic configs for topic t are:` (`All configs ...` with `--all`), then one
 * `  key=value sensitive=false synonyms={SOURCE:name=value, ...}` line per entry, in the order of the
 * Java client's config map. Alter sends IncrementalAlterConfigs (SET / DELETE), as Kafka 2.8's tool
 * does for topics, after checking that every key to delete is a current override, and prints
 * `Completed updating config for topic t.` Broker failures surface as the ExecutionException
 * `KafkaFuture.get()` throws.
 */
import { AdminError, IllegalArgumentError, InvalidConfigurationError } from '../../admin/errors';
import { validateTopicName } from '../../admin/topic-validation';
import type { Logger } from '../../common/logger';
import { ApiKey, ErrorCode } from '../../protocol';
import { javaHashMapOrder } from '../../server/handlers/admin/hash-order';
import type { ToolOutput } from '../topic-command/topic-service';
import { AdminClient, javaExceptionForCode } from './admin-client';
import {
  ExecutionError,
  parseConfigsToBeAdded,
  parseConfigsToBeDeleted,
  type ConfigEntity,
  type ConfigService,
} from './config-service';
import type { ConfigCommandOptions } from './options';

const ResourceType = { TOPIC: 2, BROKER: 4 } as const;
const SOURCE_NAMES = [
  'UNKNOWN',
  'DYNAMIC_TOPIC_CONFIG',
  'DYNAMIC_BROKER_CONFIG',
  'DYNAMIC_DEFAULT_BROKER_CONFIG',
  'STATIC_BROKER_CONFIG',
  'DEFAULT_CONFIG',
  'DYNAMIC_BROKER_LOGGER_CONFIG',
] as const;
const DYNAMIC_TOPIC_CONFIG = 1;
const DYNAMIC_BROKER_CONFIG = 2;
const DYNAMIC_DEFAULT_BROKER_CONFIG = 3;

export interface DescribedEntry {
  name: string;
  value: string | null;
  source: number;
  isSensitive: boolean;
  synonyms: { name: string; value: string | null; source: number }[];
}

/** `  name=value sensitive=false synonyms={SOURCE:name=value, ...}` */
export function formatEntry(e: DescribedEntry): string {
  const synonyms = e.synonyms
    .map((s) => `${SOURCE_NAMES[s.source] ?? 'UNKNOWN'}:${s.name}=${s.value ?? 'null'}`)
    .join(', ');
  return `  ${e.name}=${e.value ?? 'null'} sensitive=${String(e.isSensitive)} synonyms={${synonyms}}`;
}

/** A failed admin call as `KafkaFuture.get()` reports it: wrapped in an ExecutionException. */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AdminError && !(err instanceof ExecutionError)) throw new ExecutionError(err);
    throw err;
  }
}

export type ConfigAdminClient = Pick<AdminClient, 'metadata' | 'request' | 'sendToBroker' | 'close'>;

export class BootstrapConfigService implements ConfigService {
  constructor(
    private readonly client: ConfigAdminClient,
    private readonly output: ToolOutput,
  ) {}

  static connect(
    bootstrapServer: string,
    commandConfigFile: string | undefined,
    output: ToolOutput,
    networkLog: Logger,
  ): Promise<BootstrapConfigService> {
    return Promise.resolve(
      new BootstrapConfigService(new AdminClient({ bootstrapServer, commandConfigFile, networkLog }), output),
    );
  }

  private supported(type: string): 'topics' | 'brokers' {
    if (type === 'topics' || type === 'brokers') return type;
    throw new IllegalArgumentError(
      `Entity type ${type} is not supported by this kafka-configs (topics and brokers are)`,
    );
  }

  /** Kafka's `getResourceConfig`: the entries of one resource, only the dynamic ones unless `all`. */
  private async resourceConfig(
    type: 'topics' | 'brokers',
    name: string,
    includeSynonyms: boolean,
    all: boolean,
  ): Promise<DescribedEntry[]> {
    let resourceType: number;
    let dynamicSource: number;
    if (type === 'topics') {
      if (name !== '') validateTopicName(name);
      resourceType = ResourceType.TOPIC;
      dynamicSource = DYNAMIC_TOPIC_CONFIG;
    } else {
      if (name !== '' && !/^[+-]?\d+$/.test(name))
        throw new IllegalArgumentError(
          `The entity name for ${type} must be a valid integer broker id, found: ${name}`,
        );
      resourceType = ResourceType.BROKER;
      dynamicSource = name === '' ? DYNAMIC_DEFAULT_BROKER_CONFIG : DYNAMIC_BROKER_CONFIG;
    }
    const body = {
      resources: [{ resourceType, resourceName: name, configurationKeys: null }],
      includeSynonyms,
    };
    const res = await call(() =>
      resourceType === ResourceType.BROKER && name !== ''
        ? this.client.sendToBroker(Number(name), ApiKey.DescribeConfigs, body, 'describeConfigs')
        : this.client.request(ApiKey.DescribeConfigs, body, 'describeConfigs'),
    );
    const result = res.body.results[0];
    if (result === undefined) throw new ExecutionError(javaExceptionForCode(ErrorCode.UNKNOWN_SERVER_ERROR));
    if (result.errorCode !== ErrorCode.NONE)
      throw new ExecutionError(javaExceptionForCode(result.errorCode, result.errorMessage));
    const entries: DescribedEntry[] = result.configs.map((c) => ({
      name: c.name,
      value: c.value,
      source: res.version >= 1 ? c.configSource : c.isDefault ? 5 : 0,
      isSensitive: c.isSensitive,
      synonyms: c.synonyms ?? [],
    }));
    const byName = new Map(entries.map((e) => [e.name, e]));
    return javaHashMapOrder(entries.map((e) => e.name))
      .map((n) => byName.get(n))
      .filter((e): e is DescribedEntry => e !== undefined && (all || e.source === dynamicSource));
  }

  async describe(entity: ConfigEntity, describeAll: boolean): Promise<void> {
    const type = this.supported(entity.type);
    let names: string[];
    if (entity.name !== undefined) names = [entity.name];
    else if (type === 'topics')
      names = javaHashMapOrder((await this.client.metadata(null, 'listTopics')).topics.map((t) => t.name));
    else
      names = [...(await this.client.metadata([], 'describeCluster')).brokers.map((b) => String(b.id)), ''];
    for (const name of names) {
      if (name === '' && type === 'brokers')
        this.output.out(`Default configs for ${type} in the cluster are:`);
      else
        this.output.out(`${describeAll ? 'All' : 'Dynamic'} configs for ${type.slice(0, -1)} ${name} are:`);
      for (const e of await this.resourceConfig(type, name, true, describeAll))
        this.output.out(formatEntry(e));
    }
  }

  async alter(entity: ConfigEntity, opts: ConfigCommandOptions): Promise<void> {
    const type = this.supported(entity.type);
    const name = entity.name ?? '';
    const toAdd = parseConfigsToBeAdded(opts, this.output);
    const toDelete = parseConfigsToBeDeleted(opts);
    const old = new Map((await this.resourceConfig(type, name, false, false)).map((e) => [e.name, e]));
    const invalid = toDelete.filter((k) => !old.has(k));
    if (invalid.length > 0) throw new InvalidConfigurationError(`Invalid config(s): ${invalid.join(',')}`);
    if (type === 'topics') {
      const { body } = await call(() =>
        this.client.request(
          ApiKey.IncrementalAlterConfigs,
          {
            resources: [
              {
                resourceType: ResourceType.TOPIC,
                resourceName: name,
                configs: [
                  ...[...toAdd].map(([k, v]) => ({ name: k, configOperation: 0, value: v })),
                  ...toDelete.map((k) => ({ name: k, configOperation: 1, value: '' })),
                ],
              },
            ],
            validateOnly: false,
          },
          'incrementalAlterConfigs',
        ),
      );
      const failed = body.responses.find((r) => r.errorCode !== ErrorCode.NONE);
      if (failed) throw new ExecutionError(javaExceptionForCode(failed.errorCode, failed.errorMessage));
    } else {
      const entries = new Map([...old].map(([k, e]) => [k, e.value]));
      for (const [k, v] of toAdd) entries.set(k, v);
      for (const k of toDelete) entries.delete(k);
      const { body } = await call(() =>
        this.client.request(
          ApiKey.AlterConfigs,
          {
            resources: [
              {
                resourceType: ResourceType.BROKER,
                resourceName: name,
                configs: [...entries].map(([k, v]) => ({ name: k, value: v })),
              },
            ],
            validateOnly: false,
          },
          'alterConfigs',
        ),
      );
      const failed = body.responses.find((r) => r.errorCode !== ErrorCode.NONE);
      if (failed) throw new ExecutionError(javaExceptionForCode(failed.errorCode, failed.errorMessage));
    }
    if (name !== '') this.output.out(`Completed updating config for ${type.slice(0, -1)} ${name}.`);
    else this.output.out(`Completed updating default config for ${type} in the cluster.`);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
