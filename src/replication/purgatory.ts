/**
 * Kafka's purgatory: operations that wait for something (a produce with acks=all for the high
 * watermark, a fetch for min.bytes of data) until they can complete or their timeout expires.
 *
 * An operation is watched under one or more keys (topic-partitions). When something changes for a
 * key (an append, a high-watermark move), `checkAndComplete(key)` asks each watcher whether it can
 * complete now. Each operation completes exactly once: by `tryComplete` returning true, by
 * `forceComplete`, or by its timeout, and then `onComplete` runs. However it completes, it leaves
 * the watch lists of all its keys at once: a fetch watching many partitions that is completed by an
 * append to one of them must not stay referenced (with the data it read) from the lists of the
 * others, some of which may never change again (Kafka purges such completed watchers periodically).
 *
 * Single-threaded (the event loop): no locking; timers come from the injected Scheduler.
 */
import type { Cancellable, Scheduler } from '../common/clock';

export abstract class DelayedOperation {
  private completed = false;
  private timer: Cancellable | undefined;
  /** Set by the purgatory while the operation is watched: removes it from every watch list. */
  private unwatchAll: (() => void) | undefined;

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
    this.timer = undefined;
    const unwatch = this.unwatchAll;
    this.unwatchAll = undefined;
    unwatch?.();
    this.onComplete();
    return true;
  }

  /** @internal */
  watchedBy(unwatch: () => void): void {
    this.unwatchAll = unwatch;
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
    op.watchedBy(() => this.unwatch(op, keys));
    // A change may have happened between the first check and the watch: check once more.
    if (op.tryComplete()) return true;
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
    if (set.size === 0 && this.watchers.get(key) === set) this.watchers.delete(key);
    return done;
  }

  /** How many operations are waiting under a key. */
  watched(key: string): number {
    return this.watchers.get(key)?.size ?? 0;
  }

  /** How many (key, operation) watch entries there are in all: what the purgatory holds on to. */
  watchEntries(): number {
    let n = 0;
    for (const set of this.watchers.values()) n += set.size;
    return n;
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
      if (set?.size === 0) this.watchers.delete(key);
    }
  }
}
