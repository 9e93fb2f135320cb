import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkClusterId,
  consistentMetadata,
  readBrokerMetadata,
  resolveBrokerId,
  writeBrokerMetadata,
} from '../../../src/server/broker-metadata';
import { getLogger } from '../../../src/common/logger';

const log = getLogger('test');

describe('meta.properties', () => {
  let dirs: string[];
  beforeEach(() => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meta-'));
    dirs = [path.join(root, 'a'), path.join(root, 'b')];
    for (const d of dirs) fs.mkdirSync(d);
  });

  it('is written in every dir and read back', () => {
    writeBrokerMetadata(dirs, 3, 'Q3bK7x1bRZqGv0e6pZ1XyA', new Date(Date.UTC(2021, 9, 5, 10)));
    const text = fs.readFileSync(path.join(dirs[0] ?? '', 'meta.properties'), 'utf8');
    expect(text).toMatch(/^#\n#Tue Oct 05 10:00:00 UTC 2021\n/);
    expect(text).toContain('broker.id=3\n');
    expect(text).toContain('version=0\n');
    expect(text).toContain('cluster.id=Q3bK7x1bRZqGv0e6pZ1XyA\n');
    const found = readBrokerMetadata(dirs, log);
    expect(consistentMetadata(found)).toEqual({
      brokerId: 3,
      clusterId: 'Q3bK7x1bRZqGv0e6pZ1XyA',
      version: 0,
    });
  });

  it('missing files give no metadata', () => {
    expect(consistentMetadata(readBrokerMetadata(dirs, log))).toBeNull();
  });

  it('different contents across dirs are an error', () => {
    writeBrokerMetadata([dirs[0] ?? ''], 1, 'x', new Date());
    writeBrokerMetadata([dirs[1] ?? ''], 2, 'x', new Date());
    expect(() => consistentMetadata(readBrokerMetadata(dirs, log))).toThrow(/not consistent across log.dirs/);
  });

  it('a version other than 0 is refused', () => {
    fs.writeFileSync(path.join(dirs[0] ?? '', 'meta.properties'), 'version=1\nnode.id=1\n');
    expect(() => readBrokerMetadata(dirs, log)).toThrow(/version 1/);
  });
});

describe('startup checks', () => {
  it('cluster id mismatch gives Kafka message', () => {
    expect(() => checkClusterId({ brokerId: 0, clusterId: 'old', version: 0 }, 'new')).toThrow(
      "The Cluster ID new doesn't match stored clusterId Some(old) in meta.properties. The broker is trying to join the wrong cluster. Configured zookeeper.connect may be wrong.",
    );
    expect(() => checkClusterId({ brokerId: 0, clusterId: 'same', version: 0 }, 'same')).not.toThrow();
    expect(() => checkClusterId(null, 'any')).not.toThrow();
  });

  it.each([
    ['configured id, nothing stored', 2, null, true, { kind: 'use', brokerId: 2 }],
    ['stored id wins when none configured', -1, 5, true, { kind: 'use', brokerId: 5 }],
    ['generate when none configured or stored', -1, null, true, { kind: 'generate' }],
    ['configured equals stored', 4, 4, true, { kind: 'use', brokerId: 4 }],
  ])('%s', (_n, configured, storedId, gen, expected) => {
    const stored = storedId === null ? null : { brokerId: storedId, clusterId: 'c', version: 0 };
    expect(resolveBrokerId(configured, stored, gen, ['/d'])).toEqual(expected);
  });

  it('configured id that differs from stored is fatal', () => {
    expect(() => resolveBrokerId(1, { brokerId: 0, clusterId: 'c', version: 0 }, true, ['/d'])).toThrow(
      "Configured broker.id 1 doesn't match stored broker.id Some(0) in meta.properties.",
    );
  });
});
