/**
 * Time and timers behind an interface, so domain code never calls Date.now() or setTimeout directly
 * and tests can drive time by hand.
 */
export interface Cancellable {
  cancel(): void;
}

export interface Clock {
  /** Wall-clock milliseconds since the epoch. */
  now(): number;
  /** Monotonic milliseconds, for measuring intervals. */
  monotonic(): number;
}

export interface Scheduler {
  /** Runs fn once after delayMs. */
  schedule(delayMs: number, fn: () => void): Cancellable;
  /** Runs fn every periodMs, first after initialDelayMs. */
  schedulePeriodic(initialDelayMs: number, periodMs: number, fn: () => void): Cancellable;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

export const systemScheduler: Scheduler = {
  schedule(delayMs, fn) {
    const t = setTimeout(fn, delayMs);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
  schedulePeriodic(initialDelayMs, periodMs, fn) {
    let interval: NodeJS.Timeout | undefined;
    const first = setTimeout(() => {
      interval = setInterval(fn, periodMs);
      interval.unref?.();
      fn();
    }, initialDelayMs);
    first.unref?.();
    return {
      cancel: () => {
        clearTimeout(first);
        if (interval) clearInterval(interval);
      },
    };
  },
};

/** A clock and scheduler that only move when told to; for unit tests. */
export class MockTime implements Clock, Scheduler {
  private nowMs: number;
  private tasks: { at: number; period: number; fn: () => void; cancelled: boolean }[] = [];

  constructor(startMs = 1_600_000_000_000) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  monotonic(): number {
    return this.nowMs;
  }

  schedule(delayMs: number, fn: () => void): Cancellable {
    return this.add(delayMs, 0, fn);
  }

  schedulePeriodic(initialDelayMs: number, periodMs: number, fn: () => void): Cancellable {
    return this.add(initialDelayMs, periodMs, fn);
  }

  /** Moves time forward, running every task that falls due, in time order. */
  advance(ms: number): void {
    const end = this.nowMs + ms;
    for (;;) {
      const due = this.tasks.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.nowMs = due.at;
      if (due.period > 0) due.at += due.period;
      else due.cancelled = true;
      due.fn();
    }
    this.tasks = this.tasks.filter((t) => !t.cancelled);
    this.nowMs = end;
  }

  private add(delayMs: number, period: number, fn: () => void): Cancellable {
    const task = { at: this.nowMs + delayMs, period, fn, cancelled: false };
    this.tasks.push(task);
    return { cancel: () => (task.cancelled = true) };
  }
}
