import {
  MIN_SLEEP_NS,
  NS_PER_MS,
  ThroughputThrottler,
  type ThrottlerClock,
} from '../../../../src/cli/perf/throttler';

/** A clock whose sleeps advance time exactly (or stay pending for a target of 0). */
function fakeClock(): ThrottlerClock & { t: number; sleeps: number[] } {
  const clock = {
    t: 0,
    sleeps: [] as number[],
    nanoTime: () => clock.t,
    sleep: (ns: number, wake: AbortSignal): Promise<void> => {
      clock.sleeps.push(ns);
      if (Number.isFinite(ns)) {
        clock.t += ns;
        return Promise.resolve();
      }
      return new Promise((resolve) => wake.addEventListener('abort', () => resolve()));
    },
  };
  return clock;
}

describe('ThroughputThrottler', () => {
  it('never throttles with a negative target', () => {
    const t = new ThroughputThrottler(-1, 0, fakeClock());
    expect(t.shouldThrottle(1_000_000, 1)).toBe(false);
  });

  it('throttles when the average rate since the start is above the target', () => {
    const t = new ThroughputThrottler(1000, 10_000, fakeClock());
    expect(t.shouldThrottle(5, 10_000)).toBe(false); // no time has passed yet
    expect(t.shouldThrottle(999, 11_000)).toBe(false);
    expect(t.shouldThrottle(1001, 11_000)).toBe(true);
  });

  it('pays the sleep deficit only once it reaches 2 ms', async () => {
    const clock = fakeClock();
    const t = new ThroughputThrottler(10_000, 0, clock); // 100 µs per item
    for (let i = 0; i < 19; i++) {
      expect(t.nextSleepNs()).toBe(0);
      await t.throttle();
    }
    expect(clock.sleeps).toEqual([]);
    expect(t.nextSleepNs()).toBe(MIN_SLEEP_NS);
    await t.throttle();
    expect(clock.sleeps).toEqual([2 * NS_PER_MS]);
    expect(t.nextSleepNs()).toBe(0); // the deficit was paid
  });

  it('sleeps again for what is left when a timer fires early', async () => {
    const clock = fakeClock();
    const early: ThrottlerClock = {
      nanoTime: clock.nanoTime,
      sleep: (ns, wake) => clock.sleep(Math.ceil(ns / 2), wake),
    };
    const t = new ThroughputThrottler(100, 0, early); // 10 ms per item
    await t.throttle();
    expect(clock.t).toBeGreaterThanOrEqual(10 * NS_PER_MS);
    expect(clock.sleeps.length).toBeGreaterThan(1);
  });

  it('with a target of 0 blocks until woken up', async () => {
    const t = new ThroughputThrottler(0, 0, fakeClock());
    let done = false;
    const p = t.throttle().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    t.wakeup();
    await p;
    expect(done).toBe(true);
  });
});
