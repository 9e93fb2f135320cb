import { MockTime } from '../../../src/common/clock';
import {
  DynamicConfigManager,
  parseConfigChangeNotification,
} from '../../../src/server/dynamic-config-manager';
import {
  ConfigEntityChangeNotificationZNode,
  ConfigEntityZNode,
  PERSISTENT_ZK_PATHS,
} from '../../../src/zk/zk-data';
import { FakeZk, recordingLogger } from './handlers/admin/fake-zk';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

let zk: FakeZk;
let time: MockTime;
let manager: DynamicConfigManager;
let seen: [string, Record<string, string>][];
let log: string[];

async function setTopicConfig(topic: string, config: Record<string, string>, notify = true): Promise<void> {
  const path = ConfigEntityZNode.path('topics', topic);
  const data = ConfigEntityZNode.encode(config);
  if (zk.nodes.has(path)) await zk.setData(path, data);
  else await zk.create(path, data);
  if (notify)
    await zk.create(
      ConfigEntityChangeNotificationZNode.sequencePrefix,
      ConfigEntityChangeNotificationZNode.encode(`topics/${topic}`),
      'persistent_sequential',
    );
}

beforeEach(async () => {
  zk = new FakeZk();
  for (const p of PERSISTENT_ZK_PATHS) await zk.mkdirp(p);
  time = new MockTime(1_000_000);
  zk.now = time.now();
  seen = [];
  log = [];
  manager = new DynamicConfigManager({
    zkClient: zk.kafkaZkClient(),
    clock: time,
    log: recordingLogger(log),
  });
  manager.addListener({ onTopicConfigChange: (t, c) => seen.push([t, Object.fromEntries(c)]) });
});

afterEach(async () => {
  await manager.stop();
});

describe('DynamicConfigManager', () => {
  it('loads every topic override at start', async () => {
    await setTopicConfig('a', { 'retention.ms': '1' }, false);
    await setTopicConfig('b', {}, false);
    await manager.start();
    expect(seen).toEqual([
      ['a', { 'retention.ms': '1' }],
      ['b', {}],
    ]);
    expect(manager.topicConfig('a').get('retention.ms')).toBe('1');
  });

  it('reloads a topic when a notification arrives, in sequence order, each only once', async () => {
    await manager.start();
    await setTopicConfig('t', { 'segment.bytes': '1000' });
    await flush();
    expect(seen).toEqual([['t', { 'segment.bytes': '1000' }]]);
    await setTopicConfig('t', { 'segment.bytes': '2000' });
    await setTopicConfig('u', { 'retention.ms': '5' });
    await flush();
    expect(seen.slice(1)).toEqual([
      ['t', { 'segment.bytes': '2000' }],
      ['u', { 'retention.ms': '5' }],
    ]);
    expect(manager.topicConfigs.get('t')?.get('segment.bytes')).toBe('2000');
  });

  it('processes the notifications present at start (a restart re-reads them)', async () => {
    await setTopicConfig('t', { 'segment.bytes': '1000' });
    await manager.start();
    // once from the bootstrap load, once from the notification
    expect(seen).toEqual([
      ['t', { 'segment.bytes': '1000' }],
      ['t', { 'segment.bytes': '1000' }],
    ]);
  });

  it('reads version 1 notifications, ignores other entity types and survives garbage', async () => {
    await manager.start();
    await zk.create('/config/topics/v1', ConfigEntityZNode.encode({ a: 'b' }));
    await zk.create(
      '/config/changes/config_change_',
      Buffer.from('{"version":1,"entity_type":"topics","entity_name":"v1"}'),
      'persistent_sequential',
    );
    await zk.create(
      '/config/changes/config_change_',
      ConfigEntityChangeNotificationZNode.encode('clients/c1'),
      'persistent_sequential',
    );
    await zk.create('/config/changes/config_change_', Buffer.from('not json'), 'persistent_sequential');
    await flush();
    expect(seen).toEqual([['v1', { a: 'b' }]]);
    expect(log.some((l) => l.startsWith('ERROR error processing change notification not json'))).toBe(true);
  });

  it('purges notifications older than 15 minutes', async () => {
    await setTopicConfig('t', { a: '1' });
    await manager.start();
    expect((await zk.getChildren('/config/changes'))?.length).toBe(1);
    time.advance(15 * 60 * 1000 + 1);
    zk.now = time.now();
    await setTopicConfig('t', { a: '2' });
    await flush();
    expect(await zk.getChildren('/config/changes')).toEqual(['config_change_0000000001']);
  });

  it('runs a pass after a new ZooKeeper session, and nothing after stop()', async () => {
    await manager.start();
    await manager.stop();
    await setTopicConfig('late', { a: '1' });
    await flush();
    expect(seen).toEqual([]);
    await manager.start();
    expect(seen).toEqual([
      ['late', { a: '1' }],
      ['late', { a: '1' }],
    ]);
    zk.newSession();
    await flush();
    expect(seen).toHaveLength(2);
  });
});

describe('parseConfigChangeNotification', () => {
  it('reads both versions and rejects the rest with Kafka wording', () => {
    expect(parseConfigChangeNotification(Buffer.from('{"version":2,"entity_path":"topics/a/b"}'))).toEqual({
      entityType: 'topics',
      entityName: 'a/b',
    });
    expect(() => parseConfigChangeNotification(Buffer.from('{"version":3}'))).toThrow(
      "Config change notification has unsupported version '3', supported versions are 1 and 2.",
    );
    expect(() => parseConfigChangeNotification(Buffer.from('{"version":1,"entity_type":"brokers"}'))).toThrow(
      /must have 'entity_type' set to 'clients' or 'topics'/,
    );
  });
});
