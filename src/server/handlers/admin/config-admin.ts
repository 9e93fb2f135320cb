/**
 * The config half of Kafka 2.8's admin path: DescribeConfigs (`ConfigHelper.describeConfigs`) and
 * AlterConfigs / IncrementalAlterConfigs for topics (`ZkAdminManager.alterConfigs` /
 * `incrementalAlterConfigs`). Topic overrides are read from and written to `/config/topics/<t>`
 * through AdminZkClient; a write also posts the `/config/changes` notification every broker's
 * DynamicConfigManager reacts to. Errors carry Kafka's codes and messages.
 *
 * This broker has no dynamic broker configs: BROKER resources can be described (static and default
 * values) but not altered, and broker loggers are not modelled.
 */
import type { AdminZkClient } from '../../../admin/admin-zk-client';
import { InvalidConfigurationError, UnknownTopicOrPartitionError } from '../../../admin/errors';
import {
  TOPIC_CONFIG_DEF,
  validateTopicConfigNames,
  validateTopicConfigs,
  validateTopicName,
} from '../../../admin/topic-validation';
import type { Logger } from '../../../common/logger';
import { ErrorCode } from '../../../protocol';
import type { MetadataCache } from '../../metadata-cache';
import {
  apiError,
  apiErrorOf,
  InvalidRequestError,
  isApiException,
  isConfigException,
  NO_ERROR,
  withException,
  type ApiError,
} from './api-error';
import {
  brokerConfigEntries,
  convertToString,
  topicConfigEntries,
  type BrokerConfigSource,
  type ConfigEntry,
} from './config-entries';
import { scalaHashMapOrder } from './hash-order';

/** `ConfigResource.Type` ids. */
export const ResourceType = { UNKNOWN: 0, TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

/** `AlterConfigOp.OpType` ids. */
export const OpType = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;
const OP_NAMES = ['SET', 'DELETE', 'APPEND', 'SUBTRACT'] as const;

export function resourceTypeName(id: number): string {
  switch (id) {
    case ResourceType.TOPIC:
      return 'TOPIC';
    case ResourceType.BROKER:
      return 'BROKER';
    case ResourceType.BROKER_LOGGER:
      return 'BROKER_LOGGER';
    default:
      return 'UNKNOWN';
  }
}

/** `ConfigResource.toString`. */
export function resourceString(type: number, name: string): string {
  return `ConfigResource(type=${resourceTypeName(type)}, name='${name}')`;
}

export interface DescribeResult {
  error: ApiError;
  entries: ConfigEntry[];
}

export interface ConfigAdminDeps {
  brokerId: number;
  config: BrokerConfigSource;
  metadataCache: MetadataCache;
  adminZkClient: AdminZkClient;
  log: Logger;
}

function brokerIdOf(name: string): number {
  if (!/^[+-]?\d+$/.test(name) || Number(name) > 2 ** 31 - 1 || Number(name) < -(2 ** 31))
    throw new InvalidRequestError(`Broker id must be an integer, but it is: ${name}`);
  return Number(name);
}

/** Scala's `Map.mkString(",")` of `key -> value` pairs, as Kafka logs property sets. */
function loggable(props: ReadonlyMap<string, string>): string {
  return [...props].map(([k, v]) => `${k} -> ${TOPIC_CONFIG_DEF.has(k) ? v : '[hidden]'}`).join(',');
}

export class ConfigAdmin {
  constructor(private readonly deps: ConfigAdminDeps) {}

  /** One DescribeConfigs resource; `keys` null or empty means every key. */
  async describe(type: number, name: string, keys: readonly string[] | null): Promise<DescribeResult> {
    try {
      let entries: ConfigEntry[];
      if (type === ResourceType.TOPIC) {
        validateTopicName(name);
        if (!this.deps.metadataCache.contains(name))
          return { error: apiError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION), entries: [] };
        const overrides = await this.deps.adminZkClient.fetchTopicConfig(name);
        entries = topicConfigEntries(this.deps.config, overrides);
      } else if (type === ResourceType.BROKER) {
        if (name === '')
          entries = []; // no dynamic cluster-wide defaults on this broker
        else if (brokerIdOf(name) === this.deps.brokerId) entries = brokerConfigEntries(this.deps.config);
        else
          throw new InvalidRequestError(
            `Unexpected broker id, expected ${this.deps.brokerId} or empty string, but received ${name}`,
          );
      } else if (type === ResourceType.BROKER_LOGGER) {
        if (name === '') throw new InvalidRequestError('Broker id must not be empty');
        if (brokerIdOf(name) !== this.deps.brokerId)
          throw new InvalidRequestError(
            `Unexpected broker id, expected ${this.deps.brokerId} but received ${name}`,
          );
        entries = [];
      } else {
        throw new InvalidRequestError(`Unsupported resource type: ${resourceTypeName(type)}`);
      }
      if (keys === null || keys.length === 0) return { error: NO_ERROR, entries };
      // Kafka filters into a fresh Scala hash map, which has its own (smaller) order.
      const byName = new Map(entries.filter((e) => keys.includes(e.name)).map((e) => [e.name, e]));
      const filtered = scalaHashMapOrder([], [...byName.keys()]).flatMap((n) => byName.get(n) ?? []);
      return { error: NO_ERROR, entries: filtered };
    } catch (err) {
      const message =
        `Error processing describe configs request for resource DescribeConfigsResource(resourceType=${type}, ` +
        `resourceName='${name}', configurationKeys=${keys === null ? 'null' : `[${keys.join(', ')}]`})`;
      if (isApiException(err)) this.deps.log.info(withException(message, err));
      else this.deps.log.error(message, err);
      return { error: apiErrorOf(err), entries: [] };
    }
  }

  /** One AlterConfigs resource: the given configs replace the topic's overrides. */
  async alter(
    type: number,
    name: string,
    configs: readonly { name: string; value: string | null }[],
    validateOnly: boolean,
  ): Promise<ApiError> {
    const props = new Map<string, string>();
    for (const c of configs) if (c.value !== null) props.set(c.name, c.value);
    return this.guard(type, name, props, async () => {
      const nulls = configs.filter((c) => c.value === null).map((c) => c.name);
      if (nulls.length > 0)
        throw new InvalidRequestError(`Null value not supported for : ${nulls.join(',')}`);
      await this.alterResource(type, name, props, validateOnly);
    });
  }

  /** One IncrementalAlterConfigs resource: SET/DELETE/APPEND/SUBTRACT applied to the overrides. */
  async incrementalAlter(
    type: number,
    name: string,
    ops: readonly { name: string; configOperation: number; value: string | null }[],
    validateOnly: boolean,
  ): Promise<ApiError> {
    const props = new Map<string, string>();
    return this.guard(type, name, props, async () => {
      const seen = new Set<string>();
      const dups = new Set<string>();
      for (const op of ops) (seen.has(op.name) ? dups : seen).add(op.name);
      if (dups.size > 0)
        throw new InvalidRequestError(`Error due to duplicate config keys : ${[...dups].join(',')}`);
      const bad = ops.find((op) => OP_NAMES[op.configOperation] === undefined);
      if (bad !== undefined) throw new InvalidRequestError(`Unknown opType ${bad.configOperation}`);
      const nulls = ops
        .filter((op) => op.value === null && op.configOperation !== OpType.DELETE)
        .map((op) => `${OP_NAMES[op.configOperation] ?? ''}:${op.name}`);
      if (nulls.length > 0)
        throw new InvalidRequestError(`Null value not supported for : ${nulls.join(',')}`);
      if (type === ResourceType.TOPIC)
        for (const [k, v] of await this.deps.adminZkClient.fetchTopicConfig(name)) props.set(k, v);
      if (type === ResourceType.TOPIC) applyIncrementalOps(ops, props);
      await this.alterResource(type, name, props, validateOnly);
    });
  }

  private async alterResource(
    type: number,
    name: string,
    props: Map<string, string>,
    validateOnly: boolean,
  ): Promise<void> {
    if (type === ResourceType.BROKER)
      throw new InvalidRequestError('Dynamic broker configs are not supported by this broker');
    if (type !== ResourceType.TOPIC)
      throw new InvalidRequestError(
        `AlterConfigs is only supported for topics and brokers, but resource type is ${resourceTypeName(type)}`,
      );
    if (!this.deps.metadataCache.contains(name))
      throw new UnknownTopicOrPartitionError(`The topic '${name}' does not exist.`);
    // AdminZkClient.validateTopicConfig: name, existence in ZooKeeper, then the values.
    validateTopicName(name);
    if (!(await this.deps.adminZkClient.topicExists(name)))
      throw new UnknownTopicOrPartitionError(`Topic '${name}' does not exist.`);
    validateTopicConfigs(props);
    if (!validateOnly) {
      this.deps.log.info(`Updating topic ${name} with new configuration : ${loggable(props)}`);
      await this.deps.adminZkClient.changeTopicConfig(name, props);
    }
  }

  private async guard(
    type: number,
    name: string,
    props: ReadonlyMap<string, string>,
    body: () => Promise<void>,
  ): Promise<ApiError> {
    const resource = resourceString(type, name);
    try {
      await body();
      return NO_ERROR;
    } catch (err) {
      if (isConfigException(err)) {
        const message = `Invalid config value for resource ${resource}: ${err.message}`;
        this.deps.log.info(message);
        return apiErrorOf(new InvalidRequestError(message));
      }
      const message = `Error processing alter configs request for resource ${resource}, config ${loggable(props)}`;
      if (isApiException(err)) this.deps.log.info(withException(message, err));
      else this.deps.log.error(message, err);
      return apiErrorOf(err);
    }
  }
}

/** Java's `String.split(",")` (trailing empty strings dropped, but "" gives [""]). */
function splitList(s: string): string[] {
  const parts = s.split(',');
  if (parts.length === 1) return parts;
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Kafka's `prepareIncrementalConfigs` for a topic's overrides. */
export function applyIncrementalOps(
  ops: readonly { name: string; configOperation: number; value: string | null }[],
  props: Map<string, string>,
): void {
  const listValue = (key: string): string[] => {
    const spec = TOPIC_CONFIG_DEF.spec(key);
    if (spec === undefined) throw new InvalidConfigurationError(`Unknown topic config name: ${key}`);
    return splitList(props.get(key) ?? convertToString(TOPIC_CONFIG_DEF.defaultOf(key), 'LIST') ?? '');
  };
  const requireList = (key: string, what: string): void => {
    validateTopicConfigNames([key]);
    if (TOPIC_CONFIG_DEF.spec(key)?.type !== 'LIST')
      throw new InvalidRequestError(`Config value ${what} is not allowed for config key: ${key}`);
  };
  for (const op of ops) {
    const value = op.value ?? '';
    switch (op.configOperation) {
      case OpType.SET:
        props.set(op.name, value);
        break;
      case OpType.DELETE:
        props.delete(op.name);
        break;
      case OpType.APPEND:
        requireList(op.name, 'append');
        props.set(op.name, [...listValue(op.name), ...splitList(value)].join(','));
        break;
      case OpType.SUBTRACT: {
        requireList(op.name, 'subtract');
        const remaining = listValue(op.name);
        for (const v of splitList(value)) {
          const i = remaining.indexOf(v);
          if (i >= 0) remaining.splice(i, 1);
        }
        props.set(op.name, remaining.join(','));
        break;
      }
    }
  }
}
