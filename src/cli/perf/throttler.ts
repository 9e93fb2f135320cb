/**
 * Kafka's `ThroughputThrottler` (tools), for a loop that sends things one at a time:
 *
 *   if (throttler.shouldThrottle(sentSoFar, nowMs)) await throttler.throttle();
 *
 * It throttles when the average rate since the start is above the target (a negative target turns
 * it off) and then sleeps, on average, `1 / target` seconds per item: the sleep owed builds up as a
 * deficit and is only paid once it reaches 2 ms, so the sleeps are long enough for a timer to honour.
 * A target of 0 blocks until {@link ThroughputThrottler.wakeup}. The clock and the sleep are
 * injectable for tests.
 */
export const NS_PER_MS = 1_000_000;
export const NS_PER_SEC = 1000 * NS_PER_MS;
export const MIN_SLEEP_NS = 2 * NS_PER_MS;

export interface ThrottlerClock {
  /** Monotonic nanoseconds (`System.nanoTime`). */
  nanoTime(): number;
  /** Sleeps about `ns` nanoseconds; resolves early when `wake` is called. */
  sleep(ns: number, wake: AbortSignal): Promise<void>;
}

export const systemClock: ThrottlerClock = {
  nanoTime: () => Number(process.hrtime.bigint()),
  sleep: (ns, wake) =>
    new Promise((resolve) => {
      if (wake.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, ns / NS_PER_MS));
      function done(): void {
        clearTimeout(timer);
        wake.removeEventListener('abort', done);
        resolve();
      }
      wake.addEventListener('abort', done);
    }),
};

export class ThroughputThrottler {
  private readonly sleepTimeNs: number;
  private sleepDeficitNs = 0;
  private woken = new AbortController();

  constructor(
    readonly targetThroughput: number,
    private readonly startMs: number,
    private readonly clock: ThrottlerClock = systemClock,
  ) {
    this.sleepTimeNs = targetThroughput > 0 ? Math.floor(NS_PER_SEC / targetThroughput) : Number.MAX_VALUE;
  }

  /** True when `amountSoFar` items by `sendStartMs` is above the target rate. */
  shouldThrottle(amountSoFar: number, sendStartMs: number): boolean {
    if (this.targetThroughput < 0) return false;
    // Java computes this in float: (sendStartMs - startMs) / 1000.f
    const elapsedSec = Math.fround((sendStartMs - this.startMs) / 1000);
    return elapsedSec > 0 && Math.fround(amountSoFar / elapsedSec) > this.targetThroughput;
  }

  /**
   * What the next {@link throttle} call would sleep, in ns (0 when the deficit stays below 2 ms, or
   * Infinity for a target of 0). Lets a caller send what it holds before going to sleep.
   */
  nextSleepNs(): number {
    if (this.targetThroughput === 0) return Number.POSITIVE_INFINITY;
    const deficit = this.sleepDeficitNs + this.sleepTimeNs;
    return deficit >= MIN_SLEEP_NS ? deficit : 0;
  }

  /** Sleeps (or adds to the deficit) for one item over the target rate. */
  async throttle(): Promise<void> {
    if (this.targetThroughput === 0) {
      await this.clock.sleep(Number.POSITIVE_INFINITY, this.woken.signal);
      this.resetWakeup();
      return;
    }
    this.sleepDeficitNs += this.sleepTimeNs;
    if (this.sleepDeficitNs < MIN_SLEEP_NS) return;
    const sleepStartNs = this.clock.nanoTime();
    let remaining = this.sleepDeficitNs;
    // A timer may fire early: sleep again for what is left, unless woken up.
    while (!this.woken.signal.aborted && remaining > 0) {
      await this.clock.sleep(remaining, this.woken.signal);
      remaining = this.sleepDeficitNs - (this.clock.nanoTime() - sleepStartNs);
    }
    this.resetWakeup();
    this.sleepDeficitNs = 0;
  }

  /** Ends a sleep in progress (Kafka's `wakeup()`, used to stop a throttled run). */
  wakeup(): void {
    this.woken.abort();
  }

  private resetWakeup(): void {
    if (this.woken.signal.aborted) this.woken = new AbortController();
  }
}
