/**
 * Kafka's purgatory: operations that wait for something (a produce with acks=all for the high
 * watermark, a fetch for min.bytes of data) until they can complete or their timeout expires.
 *
 * An operation is watched under one or more keys (topic-partitions). When something changes for a
 * key (an append, a high-watermark move), `checkAndComplete(key)` asks each watcher whether it can
 * complete now. Each operation completes exactly once: by `tryComplete` returning true, by
 * `forceComplete`, or by its timeout, and then `onComplete` runs.
 *
 * Single-threaded (the event loop): no locking; timers come from the injected Scheduler.
 */
import type { Cancellable, Scheduler } from '../common/clock';

export abstract class DelayedOperation {
  private completed = false;
  private timer: Cancellable | undefined;

  constructor(readonly delayMs: number) {}

  /** Checks whether the operation can complete now; if so, calls forceComplete and returns true. */
  abstract tryComplete(): boolean;

  /** Runs once, when the operation completes for any reason (including expiry). */
  protected abstract onComplete(): void;

  /** Runs before onComplete when the timeout fired. */
  protected onExpiration(): void {}

  get isCompleted(): boolean {
    return this.completed;
  }

  /** Completes the operation if nobody else has; returns whether this call did it. */
  forceComplete(): boolean {
    if (this.completed) return false;
    this.completed = true;
    this.timer?.cancel();
    this.onComplete();
    return true;
  }

  /** @internal */
  startTimer(scheduler: Scheduler): void {
    this.timer = scheduler.schedule(this.delayMs, () => {
      if (this.completed) return;
      this.onExpiration();
      this.forceComplete();
    });
  }
}

export class Purgatory<Op extends DelayedOperation> {
  private readonly watchers = new Map<string, Set<Op>>();

  constructor(
    readonly name: string,
    private readonly scheduler: Scheduler,
  ) {}

  /**
   * Completes the operation at once if it can; otherwise watches it under every key until it
   * completes or times out. Returns whether it completed immediately.
   */
  tryCompleteElseWatch(op: Op, keys: string[]): boolean {
    if (op.tryComplete()) return true;
    for (const key of keys) {
      let set = this.watchers.get(key);
      if (!set) this.watchers.set(key, (set = new Set()));
      set.add(op);
    }
    // A change may have happened between the first check and the watch: check once more.
    if (op.tryComplete()) {
      this.unwatch(op, keys);
      return true;
    }
    op.startTimer(this.scheduler);
    return false;
  }

  /** Asks every operation watching the key whether it can complete now; returns how many did. */
  checkAndComplete(key: string): number {
    const set = this.watchers.get(key);
    if (!set) return 0;
    let done = 0;
    for (const op of [...set]) {
      if (op.isCompleted || op.tryComplete()) {
        set.delete(op);
        done += 1;
      }
    }
    if (set.size === 0) this.watchers.delete(key);
    return done;
  }

  /** How many operations are still waiting under a key (completed ones are swept lazily). */
  watched(key: string): number {
    const set = this.watchers.get(key);
    if (!set) return 0;
    for (const op of set) if (op.isCompleted) set.delete(op);
    return set.size;
  }

  /** Completes every waiting operation (at shutdown). */
  shutdown(): void {
    for (const set of this.watchers.values()) for (const op of set) op.forceComplete();
    this.watchers.clear();
  }

  private unwatch(op: Op, keys: string[]): void {
    for (const key of keys) {
      const set = this.watchers.get(key);
      set?.delete(op);
      if (set && set.size === 0) this.watchers.delete(key);
    }
  }
}
