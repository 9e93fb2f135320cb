/**
 * The `.lock` file in each log dir, so that two brokers never share a directory.
 *
 * Kafka takes an OS file lock (FileChannel.tryLock). Node has no portable file lock, so the holder's
 * pid is written into `.lock` and the lock counts as held while that pid is a live process other than
 * ourselves. A lock left by a killed broker is therefore free again, as an OS lock would be. The file
 * itself stays after shutdown, as Kafka's does.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = '.lock';

export class LogDirLockError extends Error {
  constructor(dir: string) {
    super(
      `Failed to acquire lock on file .lock in ${dir}. A Kafka instance in another process or thread is using this directory.`,
    );
    this.name = 'KafkaException';
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class LogDirLock {
  private held = false;

  constructor(readonly dir: string) {}

  /** Creates the dir if needed and takes the lock, or throws LogDirLockError. */
  acquire(): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = path.join(this.dir, LOCK_FILE);
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(file, 'utf8').trim());
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (owner !== process.pid && isAlive(owner)) throw new LogDirLockError(this.dir);
    fs.writeFileSync(file, `${process.pid}\n`);
    // Two brokers racing for a free lock: the last writer wins and the other one sees it here.
    const written = Number(fs.readFileSync(file, 'utf8').trim());
    if (written !== process.pid) throw new LogDirLockError(this.dir);
    this.held = true;
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    const file = path.join(this.dir, LOCK_FILE);
    try {
      if (Number(fs.readFileSync(file, 'utf8').trim()) === process.pid) fs.writeFileSync(file, '');
    } catch {
      // The directory may be gone (a test removed it); nothing to release then.
    }
  }
}
