/** The lines learners see in server.log, worded as Kafka 2.8 words them. */
import fs from 'node:fs';
import path from 'node:path';
import { MockTime } from '../../../src/common/clock';
import { configureLogging, flushLogging } from '../../../src/common/logger';
import { LogManager } from '../../../src/storage/log-manager';
import { LONG_MAX, withTopicOverrides } from '../../../src/storage/log-config';
import { batch, config, tmpDir } from './helpers';

it('logs loading, recovery, creation and rolling like Kafka', async () => {
  const logDir = tmpDir('loglines-');
  configureLogging({ logDir, console: false });
  const dataDir = path.join(tmpDir('data-'), 'kafka-logs');
  const managerConfig = {
    logDirs: [dataDir],
    defaultConfig: config(),
    retentionCheckMs: 300000,
    flushCheckMs: LONG_MAX,
    flushRecoveryOffsetCheckpointMs: 60000,
    flushStartOffsetCheckpointMs: 60000,
  };
  const time = new MockTime();
  const first = new LogManager(managerConfig, { clock: time, scheduler: time });
  await first.startup();
  const topicConfig = withTopicOverrides(
    config(),
    new Map([
      ['segment.bytes', '300'],
      ['cleanup.policy', 'compact'],
    ]),
  );
  const log = first.getOrCreateLog({ topic: 'lab', partition: 0 }, topicConfig);
  for (let i = 0; i < 4; i++) log.appendAsLeader(batch({ valueSize: 100 }), 0);
  fs.appendFileSync(path.join(log.dir, '00000000000000000003.log'), Buffer.alloc(30, 1));
  const second = new LogManager(managerConfig, { clock: time, scheduler: time });
  await second.startup();
  await second.shutdown();
  await flushLogging();

  const text = fs.readFileSync(path.join(logDir, 'server.log'), 'utf8');
  const lines = text.split('\n');
  const has = (re: RegExp): boolean => lines.some((l) => re.test(l));
  expect(
    has(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] INFO Loading logs from log dirs ArraySeq\(.*kafka-logs\) \(kafka\.log\.LogManager\)$/,
    ),
  ).toBe(true);
  expect(
    has(
      /INFO Attempting recovery for all logs in .*kafka-logs since no clean shutdown file was found \(kafka\.log\.LogManager\)/,
    ),
  ).toBe(true);
  expect(has(/INFO Loaded 0 logs in \d+ms\. \(kafka\.log\.LogManager\)/)).toBe(true);
  expect(has(/INFO Loaded 1 logs in \d+ms\. \(kafka\.log\.LogManager\)/)).toBe(true);
  expect(
    has(
      /INFO \[Log partition=lab-0, dir=.*kafka-logs\] Loading producer state till offset 0 with message format version 2 \(kafka\.log\.Log\)/,
    ),
  ).toBe(true);
  expect(
    has(
      /INFO Created log for partition lab-0 in .*kafka-logs\/lab-0 with properties \{cleanup\.policy=\[compact\], segment\.bytes=300\} \(kafka\.log\.LogManager\)/,
    ),
  ).toBe(true);
  expect(
    has(
      /INFO \[Log partition=lab-0, dir=.*\] Rolled new log segment at offset 1 in \d+ ms\. \(kafka\.log\.Log\)/,
    ),
  ).toBe(true);
  expect(has(/INFO \[Log partition=lab-0, dir=.*\] Recovering unflushed segment 0 \(kafka\.log\.Log\)/)).toBe(
    true,
  );
  expect(
    has(
      /WARN \[Log partition=lab-0, dir=.*\] Corruption found in segment 3, truncating to offset 4 \(kafka\.log\.Log\)/,
    ),
  ).toBe(true);
  expect(
    has(
      /INFO Completed load of Log\(dir=.*lab-0, topic=lab, partition=0, highWatermark=0, lastStableOffset=0, logStartOffset=0, logEndOffset=4\) with 4 segments in \d+ms \(1\/1 loaded in .*kafka-logs\)/,
    ),
  ).toBe(true);
  expect(has(/INFO Skipping recovery|INFO Shutdown complete\. \(kafka\.log\.LogManager\)/)).toBe(true);
});
