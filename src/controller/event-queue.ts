/**
 * A single-consumer async queue: events are processed one at a time, in order, never concurrently.
 * ZooKeeper watches and timers only `put` events; all controller state changes happen in `process`.
 */
import type { Logger } from '../common/logger';

export class EventQueue<E extends { type: string }> {
  private readonly queue: E[] = [];
  private running = false;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly process: (event: E) => Promise<void>,
    private readonly log: Logger,
  ) {}

  put(event: E): void {
    if (this.stopped) return;
    this.queue.push(event);
    if (!this.running) void this.drain();
  }

  /** Drops queued events that match (used to collapse duplicate triggers). */
  clear(predicate: (e: E) => boolean = () => true): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const e = this.queue[i];
      if (e && predicate(e)) this.queue.splice(i, 1);
    }
  }

  /** Stops taking events; resolves when the event being processed (if any) is done. */
  async close(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    await this.idle();
  }

  /** Resolves when the queue is empty and nothing is being processed. */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let event = this.queue.shift(); event; event = this.queue.shift()) {
        try {
          await this.process(event);
        } catch (err) {
          this.log.error(`Error processing event ${event.type}`, err);
        }
      }
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}
