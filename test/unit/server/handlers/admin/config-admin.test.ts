import { ErrorCode } from '../../../../../src/protocol';
import {
  applyIncrementalOps,
  OpType,
  ResourceType,
} from '../../../../../src/server/handlers/admin/config-admin';
import { cluster, type Cluster } from './cluster-fixture';

let c: Cluster;
beforeEach(async () => {
  c = await cluster();
  await c.admin.createTopic('t', 1, 1, new Map([['retention.ms', '1000']]));
  await c.publishLeaders('t');
});

describe('describe', () => {
  it('describes a topic: every key, the override as DYNAMIC_TOPIC_CONFIG', async () => {
    const { error, entries } = await c.configAdmin.describe(ResourceType.TOPIC, 't', null);
    expect(error.code).toBe(ErrorCode.NONE);
    expect(entries).toHaveLength(26);
    expect(entries.find((e) => e.name === 'retention.ms')).toMatchObject({ value: '1000', source: 1 });
  });

  it('narrows to the requested keys', async () => {
    const { entries } = await c.configAdmin.describe(ResourceType.TOPIC, 't', [
      'segment.bytes',
      'retention.ms',
      'nope',
    ]);
    expect(entries.map((e) => e.name).sort()).toEqual(['retention.ms', 'segment.bytes']);
  });

  it('reports unknown topics, illegal names and foreign broker ids as Kafka does', async () => {
    expect((await c.configAdmin.describe(ResourceType.TOPIC, 'nope', null)).error).toEqual({
      code: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      message: null,
    });
    expect((await c.configAdmin.describe(ResourceType.TOPIC, '', null)).error).toEqual({
      code: ErrorCode.INVALID_TOPIC_EXCEPTION,
      message: "Topic name is illegal, it can't be empty",
    });
    expect((await c.configAdmin.describe(ResourceType.BROKER, '3', null)).error).toEqual({
      code: ErrorCode.INVALID_REQUEST,
      message: 'Unexpected broker id, expected 0 or empty string, but received 3',
    });
    expect((await c.configAdmin.describe(ResourceType.BROKER, 'x', null)).error.message).toBe(
      'Broker id must be an integer, but it is: x',
    );
  });

  it('describes this broker, and no cluster-wide dynamic defaults', async () => {
    const own = await c.configAdmin.describe(ResourceType.BROKER, '0', ['log.segment.bytes']);
    expect(own.entries).toEqual([
      expect.objectContaining({ name: 'log.segment.bytes', value: '1073741824', source: 4, readOnly: false }),
    ]);
    expect((await c.configAdmin.describe(ResourceType.BROKER, '', null)).entries).toEqual([]);
  });
});

describe('alter (AlterConfigs)', () => {
  it('replaces the overrides and posts a change notification', async () => {
    const e = await c.configAdmin.alter(
      ResourceType.TOPIC,
      't',
      [{ name: 'segment.ms', value: '60000' }],
      false,
    );
    expect(e.code).toBe(ErrorCode.NONE);
    expect(c.zk.json('/config/topics/t')).toEqual({ version: 1, config: { 'segment.ms': '60000' } });
    const changes = (await c.zk.getChildren('/config/changes')) ?? [];
    expect(changes).toHaveLength(1);
    expect(c.zk.json(`/config/changes/${changes[0] ?? ''}`)).toEqual({ version: 2, entity_path: 'topics/t' });
  });

  it('writes nothing with validateOnly', async () => {
    await c.configAdmin.alter(ResourceType.TOPIC, 't', [{ name: 'segment.ms', value: '60000' }], true);
    expect(c.zk.json('/config/topics/t')).toEqual({ version: 1, config: { 'retention.ms': '1000' } });
  });

  it('maps failures to Kafka codes and messages', async () => {
    const alter = (name: string, configs: { name: string; value: string | null }[]) =>
      c.configAdmin.alter(ResourceType.TOPIC, name, configs, false);
    expect(await alter('t', [{ name: 'retention.ms', value: null }])).toEqual({
      code: ErrorCode.INVALID_REQUEST,
      message: 'Null value not supported for : retention.ms',
    });
    expect(await alter('gone', [])).toEqual({
      code: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
      message: "The topic 'gone' does not exist.",
    });
    expect(await alter('t', [{ name: 'retention.ms', value: 'x' }])).toEqual({
      code: ErrorCode.INVALID_REQUEST,
      message:
        "Invalid config value for resource ConfigResource(type=TOPIC, name='t'): " +
        'Invalid value x for configuration retention.ms: Not a number of type LONG',
    });
    expect(await alter('t', [{ name: 'no.such', value: '1' }])).toEqual({
      code: ErrorCode.INVALID_CONFIG,
      message: 'Unknown topic config name: no.such',
    });
    expect((await c.configAdmin.alter(ResourceType.BROKER, '0', [], false)).code).toBe(
      ErrorCode.INVALID_REQUEST,
    );
  });
});

describe('incrementalAlter', () => {
  it('applies SET and DELETE to the current overrides', async () => {
    const e = await c.configAdmin.incrementalAlter(
      ResourceType.TOPIC,
      't',
      [
        { name: 'retention.ms', configOperation: OpType.DELETE, value: null },
        { name: 'cleanup.policy', configOperation: OpType.SET, value: 'compact' },
      ],
      false,
    );
    expect(e.code).toBe(ErrorCode.NONE);
    expect(c.zk.json('/config/topics/t')).toEqual({ version: 1, config: { 'cleanup.policy': 'compact' } });
  });

  it('refuses duplicates, nulls and appends to non-list keys', async () => {
    const inc = (ops: { name: string; configOperation: number; value: string | null }[]) =>
      c.configAdmin.incrementalAlter(ResourceType.TOPIC, 't', ops, true);
    expect(
      await inc([
        { name: 'a', configOperation: OpType.SET, value: '1' },
        { name: 'a', configOperation: OpType.DELETE, value: null },
      ]),
    ).toEqual({ code: ErrorCode.INVALID_REQUEST, message: 'Error due to duplicate config keys : a' });
    expect(await inc([{ name: 'segment.ms', configOperation: OpType.APPEND, value: null }])).toEqual({
      code: ErrorCode.INVALID_REQUEST,
      message: 'Null value not supported for : APPEND:segment.ms',
    });
    expect(await inc([{ name: 'segment.ms', configOperation: OpType.APPEND, value: '1' }])).toEqual({
      code: ErrorCode.INVALID_REQUEST,
      message: 'Config value append is not allowed for config key: segment.ms',
    });
  });
});

describe('applyIncrementalOps', () => {
  it('appends to and subtracts from list keys, starting from the default', () => {
    const props = new Map<string, string>();
    applyIncrementalOps(
      [{ name: 'cleanup.policy', configOperation: OpType.APPEND, value: 'compact' }],
      props,
    );
    expect(props.get('cleanup.policy')).toBe('delete,compact');
    applyIncrementalOps(
      [{ name: 'cleanup.policy', configOperation: OpType.SUBTRACT, value: 'delete' }],
      props,
    );
    expect(props.get('cleanup.policy')).toBe('compact');
  });
});
