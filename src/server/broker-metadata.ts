/**
 * `meta.properties` in each log dir (ZooKeeper mode: version=0, broker.id, cluster.id) and the checks
 * Kafka makes against it at startup: one consistent content across dirs, version 0, a cluster id that
 * matches ZooKeeper's, and a broker id that matches the configured one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../common/logger';
import { parseProperties, storeProperties } from '../common/java-properties';

export const META_PROPERTIES = 'meta.properties';

export interface BrokerMetadata {
  brokerId: number | null;
  clusterId: string | null;
  version: number;
}

export class InconsistentClusterIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InconsistentClusterIdException';
  }
}

export class InconsistentBrokerIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InconsistentBrokerIdException';
  }
}

export class InconsistentBrokerMetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InconsistentBrokerMetadataException';
  }
}

/** Reads meta.properties from every log dir; missing files only log Kafka's WARN. */
export function readBrokerMetadata(logDirs: string[], log: Logger): Map<string, BrokerMetadata> {
  const found = new Map<string, BrokerMetadata>();
  for (const dir of logDirs) {
    const file = path.join(dir, META_PROPERTIES);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        log.warn(`No meta.properties file under dir ${file}`);
        continue;
      }
      throw err;
    }
    const props = parseProperties(text);
    const version = Number(props.get('version') ?? 'NaN');
    if (version !== 0) {
      throw new InconsistentBrokerMetadataError(
        `Unsupported meta.properties version ${props.get('version') ?? '(none)'} in ${file}: ZooKeeper-mode brokers use version 0`,
      );
    }
    const id = props.get('broker.id');
    found.set(dir, {
      version,
      brokerId: id === undefined ? null : Number(id),
      clusterId: props.get('cluster.id') ?? null,
    });
  }
  return found;
}

/** The one metadata all dirs agree on, or null when none has a file. */
export function consistentMetadata(found: Map<string, BrokerMetadata>): BrokerMetadata | null {
  const distinct = new Map<string, BrokerMetadata>();
  for (const m of found.values()) distinct.set(JSON.stringify(m), m);
  if (distinct.size > 1) {
    const details = [...found.entries()].map(
      ([d, m]) => `${d}: broker.id=${m.brokerId}, cluster.id=${m.clusterId}`,
    );
    throw new InconsistentBrokerMetadataError(
      `BrokerMetadata is not consistent across log.dirs. This could happen if multiple brokers shared a log directory (log.dirs) or partial data was manually copied from another broker. Found:\n${details.join('\n')}`,
    );
  }
  return distinct.size === 1 ? ([...distinct.values()][0] ?? null) : null;
}

/** Fails the way Kafka does when the stored cluster id is not ZooKeeper's. */
export function checkClusterId(stored: BrokerMetadata | null, zkClusterId: string): void {
  if (stored?.clusterId != null && stored.clusterId !== zkClusterId) {
    throw new InconsistentClusterIdError(
      `The Cluster ID ${zkClusterId} doesn't match stored clusterId Some(${stored.clusterId}) in meta.properties. ` +
        `The broker is trying to join the wrong cluster. Configured zookeeper.connect may be wrong.`,
    );
  }
}

/**
 * Kafka's getOrGenerateBrokerId: a configured id must match the stored one; a stored id wins over
 * generation; otherwise generate when allowed, else use the configured id.
 */
export function resolveBrokerId(
  configuredId: number,
  stored: BrokerMetadata | null,
  generationEnabled: boolean,
  logDirs: string[],
): { kind: 'use'; brokerId: number } | { kind: 'generate' } {
  const storedId = stored?.brokerId ?? null;
  if (configuredId >= 0 && storedId !== null && storedId !== configuredId) {
    throw new InconsistentBrokerIdError(
      `Configured broker.id ${configuredId} doesn't match stored broker.id Some(${storedId}) in meta.properties. ` +
        `If you moved your data, make sure your configured broker.id matches. If you intend to create a new broker, ` +
        `you should remove all data in your data directories (log.dirs).`,
    );
  }
  if (storedId !== null) return { kind: 'use', brokerId: storedId };
  if (configuredId < 0 && generationEnabled) return { kind: 'generate' };
  if (configuredId < 0) {
    throw new InconsistentBrokerIdError(
      `broker.id is not set, broker.id.generation.enable is false and no meta.properties was found in ${logDirs.join(',')}`,
    );
  }
  return { kind: 'use', brokerId: configuredId };
}

/** Writes meta.properties atomically (temp file, fsync, rename) into every log dir. */
export function writeBrokerMetadata(logDirs: string[], brokerId: number, clusterId: string, now: Date): void {
  const text = storeProperties(
    new Map([
      ['cluster.id', clusterId],
      ['version', '0'],
      ['broker.id', String(brokerId)],
    ]),
    '',
    now,
  );
  for (const dir of logDirs) {
    const file = path.join(dir, META_PROPERTIES);
    const tmp = `${file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  }
}
