/**
 * `kafka-configs.sh` end to end against three real brokers, in both modes: describe and alter topic
 * configs with Kafka 2.8's output, Kafka's errors, and a DynamicConfigManager (on its own ZooKeeper
 * session) that sees every change through `/config/changes`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { getLogger } from '../../src/common/logger';
import { DynamicConfigManager } from '../../src/server/dynamic-config-manager';
import { KafkaZkClient } from '../../src/zk/kafka-zk-client';
import type { ZooKeeperClient } from '../../src/zk/zookeeper-client';
import {
  eventually,
  freshZkConnect,
  REPO_ROOT,
  startBroker,
  stopAllBrokers,
  zkInspector,
  type BrokerProcess,
} from '../harness/brokers';

jest.setTimeout(180_000);
const CONFIGS = path.join(REPO_ROOT, 'dist', 'cli', 'kafka-configs.js');
const TOPICS = path.join(REPO_ROOT, 'dist', 'cli', 'kafka-topics.js');
const ZK_WARNING =
  'Warning: --zookeeper is deprecated and will be removed in a future version of Kafka.\n' +
  'Use --bootstrap-server instead to specify a broker to connect to.\n';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let zkConnect: string;
let zk: ZooKeeperClient;
let brokers: BrokerProcess[] = [];
let bootstrap: string;
let manager: DynamicConfigManager;
const seen: { topic: string; config: Record<string, string> }[] = [];

function node(script: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}
const boot = (...args: string[]): Promise<CliResult> =>
  node(CONFIGS, ['--bootstrap-server', bootstrap, ...args]);
const zoo = (...args: string[]): Promise<CliResult> => node(CONFIGS, ['--zookeeper', zkConnect, ...args]);
const T = ['--entity-type', 'topics', '--entity-name', 'cfg'];

beforeAll(async () => {
  if (!fs.existsSync(CONFIGS)) throw new Error(`${CONFIGS} is missing: run 'npm run build' first`);
  zkConnect = freshZkConnect();
  brokers = [];
  for (const id of [0, 1, 2])
    brokers.push(await startBroker({ brokerId: id, zkConnect, props: { 'log.segment.bytes': 1073741824 } }));
  bootstrap = brokers.map((b) => `localhost:${b.port}`).join(',');
  zk = await zkInspector(zkConnect);
  manager = new DynamicConfigManager({ zkClient: new KafkaZkClient(zk, getLogger('test')) });
  manager.addListener({
    onTopicConfigChange: (topic, config) => seen.push({ topic, config: Object.fromEntries(config) }),
  });
  await manager.start();
  const created = await node(TOPICS, [
    '--bootstrap-server',
    bootstrap,
    '--create',
    '--topic',
    'cfg',
    '--partitions',
    '3',
  ]);
  expect(created.stdout).toBe('Created topic cfg.\n');
});

afterAll(async () => {
  await manager?.stop();
  await zk?.close();
  await stopAllBrokers();
});

describe('kafka-configs --bootstrap-server', () => {
  it('describes a topic without overrides', async () => {
    expect(await boot(...T, '--describe')).toEqual({
      code: 0,
      stdout: 'Dynamic configs for topic cfg are:\n',
      stderr: '',
    });
  });

  it('adds overrides with IncrementalAlterConfigs, and describes them with their synonyms', async () => {
    const r = await boot(
      ...T,
      '--alter',
      '--add-config',
      'retention.ms=1000,cleanup.policy=[compact,delete]',
    );
    expect(r).toEqual({ code: 0, stdout: 'Completed updating config for topic cfg.\n', stderr: '' });
    const d = await boot('--topic', 'cfg', '--describe');
    expect(d.stdout).toBe(
      'Dynamic configs for topic cfg are:\n' +
        '  cleanup.policy=compact,delete sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact,delete, DEFAULT_CONFIG:log.cleanup.policy=delete}\n' +
        '  retention.ms=1000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=1000}\n',
    );
    expect(JSON.parse((await zk.getData('/config/topics/cfg'))?.data?.toString() ?? '{}')).toEqual({
      version: 1,
      config: { 'retention.ms': '1000', 'cleanup.policy': 'compact,delete' },
    });
    await eventually(
      async () => seen.some((s) => s.topic === 'cfg' && s.config['retention.ms'] === '1000'),
      10_000,
      'the DynamicConfigManager to see the change',
    );
  });

  it('lists every config with --all, static broker settings included', async () => {
    const d = await boot(...T, '--describe', '--all');
    const lines = d.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('All configs for topic cfg are:');
    expect(lines).toHaveLength(27);
    expect(lines).toContain(
      '  segment.bytes=1073741824 sensitive=false synonyms={STATIC_BROKER_CONFIG:log.segment.bytes=1073741824, DEFAULT_CONFIG:log.segment.bytes=1073741824}',
    );
  });

  it('refuses to delete a key that is not overridden, and reports broker-side errors', async () => {
    const missing = await boot(...T, '--alter', '--delete-config', 'segment.ms');
    expect(missing).toEqual({ code: 1, stdout: '', stderr: 'Invalid config(s): segment.ms\n' });
    const bad = await boot(...T, '--alter', '--add-config', 'retention.ms=soon');
    expect(bad.code).toBe(1);
    expect(bad.stderr.split('\n').slice(0, 2)).toEqual([
      `Error while executing config command with args '--bootstrap-server ${bootstrap} ${T.join(' ')} --alter --add-config retention.ms=soon'`,
      "java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.InvalidRequestException: Invalid config value for resource ConfigResource(type=TOPIC, name='cfg'): Invalid value soon for configuration retention.ms: Not a number of type LONG",
    ]);
    const unknown = await boot(...T, '--alter', '--add-config', 'no.such=1');
    expect(unknown.stderr).toContain(
      'org.apache.kafka.common.errors.InvalidConfigurationException: Unknown topic config name: no.such',
    );
  });
});

describe('broker configs', () => {
  it('describes a broker: no dynamic configs, and every key with --all', async () => {
    expect((await boot('--entity-type', 'brokers', '--entity-name', '1', '--describe')).stdout).toBe(
      'Dynamic configs for broker 1 are:\n',
    );
    const all = await boot('--broker', '1', '--describe', '--all');
    expect(all.stdout.split('\n')[0]).toBe('All configs for broker 1 are:');
    expect(all.stdout).toContain(
      '  log.segment.bytes=1073741824 sensitive=false synonyms={STATIC_BROKER_CONFIG:log.segment.bytes=1073741824, DEFAULT_CONFIG:log.segment.bytes=1073741824}\n',
    );
    expect(all.stdout).toContain(
      '  broker.id=1 sensitive=false synonyms={STATIC_BROKER_CONFIG:broker.id=1, DEFAULT_CONFIG:broker.id=-1}\n',
    );
  });
});

describe('kafka-configs --zookeeper', () => {
  it('describes and alters through ZooKeeper, with the deprecation warning', async () => {
    const d = await zoo(...T, '--describe');
    expect(d.stdout).toBe(
      `${ZK_WARNING}Configs for topic 'cfg' are cleanup.policy=compact,delete,retention.ms=1000\n`,
    );
    const before = (await zk.getChildren('/config/changes'))?.length ?? 0;
    const a = await zoo(
      ...T,
      '--alter',
      '--delete-config',
      'retention.ms',
      '--add-config',
      'segment.bytes=1048576',
    );
    expect(a).toEqual({
      code: 0,
      stdout: `${ZK_WARNING}Completed updating config for entity: topic 'cfg'.\n`,
      stderr: '',
    });
    expect((await zk.getChildren('/config/changes'))?.length).toBe(before + 1);
    const again = await boot(...T, '--describe');
    expect(again.stdout).toContain(
      '  segment.bytes=1048576 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:segment.bytes=1048576, STATIC_BROKER_CONFIG:log.segment.bytes=1073741824, DEFAULT_CONFIG:log.segment.bytes=1073741824}',
    );
    expect(again.stdout).not.toContain('retention.ms');
    await eventually(
      async () =>
        seen.some(
          (s) =>
            s.topic === 'cfg' && s.config['segment.bytes'] === '1048576' && !('retention.ms' in s.config),
        ),
      10_000,
      'the DynamicConfigManager to see the ZooKeeper change',
    );
  });

  it('describes every topic with overrides when no name is given', async () => {
    const d = await zoo('--entity-type', 'topics', '--describe');
    expect(d.stdout).toBe(
      `${ZK_WARNING}Configs for topic 'cfg' are cleanup.policy=compact,delete,segment.bytes=1048576\n`,
    );
  });
});

describe('usage errors', () => {
  it('prints the message and the option table for a missing action', async () => {
    const r = await boot('--entity-type', 'topics', '--entity-name', 'cfg');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Command must include exactly one action: --describe, --alter');
    expect(r.stderr).toContain('--add-config <String>');
  });

  it('prints only the message for argument errors', async () => {
    expect(await boot('--describe')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'At least one entity type must be specified\n',
    });
    expect((await boot(...T, '--alter')).stderr).toBe(
      'At least one of --add-config, --add-config-file, or --delete-config must be specified with --alter\n',
    );
  });
});
