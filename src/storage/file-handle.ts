/**
 * An open file descriptor with synchronous positional I/O helpers and an asynchronous fsync.
 *
 * Lifecycle: opened by the owner (FileRecords or an index), closed once with `close()`. A close
 * requested while an async fsync is still running on libuv's thread pool is deferred until that
 * fsync finishes, so the descriptor number is never reused under a pending fsync.
 * Concurrency: every method except `fsyncAsync` is one or a few blocking syscalls on the event loop
 * thread, so callers see each call as atomic.
 */
import fs from 'node:fs';

export class FileHandle {
  private pendingFsyncs = 0;
  private closeRequested = false;
  private closed = false;

  private constructor(readonly fd: number) {}

  /** Opens read-write, creating the file when missing. */
  static openReadWrite(file: string): FileHandle {
    return new FileHandle(fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644));
  }

  get isOpen(): boolean {
    return !this.closed && !this.closeRequested;
  }

  size(): number {
    return fs.fstatSync(this.fd).size;
  }

  /** Writes all of `buf[offset, offset+length)` at `position` (loops over short writes). */
  writeFully(buf: Uint8Array, offset: number, length: number, position: number): void {
    let done = 0;
    while (done < length) {
      done += fs.writeSync(this.fd, buf, offset + done, length - done, position + done);
    }
  }

  /** Reads `length` bytes at `position` into `buf[offset..]`; returns the bytes read (short at EOF). */
  readFully(buf: Uint8Array, offset: number, length: number, position: number): number {
    let done = 0;
    while (done < length) {
      const n = fs.readSync(this.fd, buf, offset + done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  truncate(length: number): void {
    fs.ftruncateSync(this.fd, length);
  }

  fsync(): void {
    fs.fsyncSync(this.fd);
  }

  /** fsync on the thread pool; resolves at once when the handle is closing or closed. */
  fsyncAsync(): Promise<void> {
    if (!this.isOpen) return Promise.resolve();
    this.pendingFsyncs++;
    return new Promise<void>((resolve, reject) => {
      fs.fsync(this.fd, (err) => {
        this.pendingFsyncs--;
        if (this.closeRequested && this.pendingFsyncs === 0) this.doClose();
        if (err) reject(err);
        else resolve();
      });
    });
  }

  close(): void {
    if (!this.isOpen) return;
    if (this.pendingFsyncs > 0) this.closeRequested = true;
    else this.doClose();
  }

  private doClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.closeRequested = false;
    fs.closeSync(this.fd);
  }
}
