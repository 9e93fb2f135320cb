/**
 * A LogStore that keeps each hosted partition as its directory under a log dir
 * (`<log.dir>/<topic>-<partition>/`), created in the dir holding the fewest partitions and removed
 * by renaming it to `<topic>-<partition>.<id>-delete` first, as Kafka does. The storage layer's
 * LogManager takes this role once partitions hold records.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getLogger } from '../common/logger';
import type { LogStore, TopicPartition } from './replica-manager';

const PARTITION_DIR = /^(.+)-(\d+)$/;

export class PartitionDirectories implements LogStore {
  private readonly dirs = new Map<string, string>();
  private readonly log = getLogger('kafka.log.LogManager');

  constructor(private readonly logDirs: string[]) {
    for (const dir of logDirs) {
      for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
        if (PARTITION_DIR.test(name) && fs.statSync(path.join(dir, name)).isDirectory()) {
          this.dirs.set(name, path.join(dir, name));
        }
      }
    }
  }

  private key(tp: TopicPartition): string {
    return `${tp.topic}-${tp.partition}`;
  }

  hasLog(tp: TopicPartition): boolean {
    return this.dirs.has(this.key(tp));
  }

  getOrCreateLog(tp: TopicPartition): void {
    const name = this.key(tp);
    if (this.dirs.has(name)) return;
    const counts = this.logDirs.map((d) => ({
      d,
      n: [...this.dirs.values()].filter((p) => path.dirname(p) === d).length,
    }));
    counts.sort((a, b) => a.n - b.n);
    const parent = counts[0]?.d;
    if (!parent) throw new Error('no log dirs configured');
    const dir = path.join(parent, name);
    fs.mkdirSync(dir, { recursive: true });
    this.dirs.set(name, dir);
    this.log.info(`Created log for partition ${name} in ${dir} with properties {}`);
  }

  deleteLog(tp: TopicPartition): void {
    const name = this.key(tp);
    const dir = this.dirs.get(name);
    if (!dir) return;
    this.dirs.delete(name);
    const renamed = `${dir}.${crypto.randomBytes(16).toString('hex')}-delete`;
    fs.renameSync(dir, renamed);
    fs.rmSync(renamed, { recursive: true, force: true });
    this.log.info(`Deleted log for partition ${name} in ${dir}.`);
  }
}
