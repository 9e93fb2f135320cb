import { percentiles, ProducerStats } from '../../../../src/cli/perf/producer-stats';

function statsWithClock(numRecords: number): { stats: ProducerStats; lines: string[]; clock: { t: number } } {
  const clock = { t: 1_000_000 };
  const lines: string[] = [];
  const stats = new ProducerStats(
    numRecords,
    (l) => lines.push(l),
    () => clock.t,
  );
  return { stats, lines, clock };
}

describe('percentiles (Kafka: element ⌊p × n⌋ of the sorted sample)', () => {
  it('picks by index after sorting', () => {
    const l = Int32Array.from([5, 1, 4, 2, 3, 0, 0]);
    expect(percentiles(l, 5, 0.5, 0.95, 0.99, 0.999)).toEqual([3, 5, 5, 5]);
  });

  it('reads the first (zero) slot when nothing was sampled', () => {
    expect(percentiles(new Int32Array(3), 0, 0.5)).toEqual([0]);
  });
});

describe('ProducerStats', () => {
  it("prints Kafka's summary line", () => {
    const { stats, clock } = statsWithClock(4);
    for (const latency of [1, 2, 3, 10]) stats.record(stats.nextCompletion(), latency, 100, clock.t);
    clock.t += 2000;
    expect(stats.totalLine()).toBe(
      '4 records sent, 2.000000 records/sec (0.00 MB/sec), 4.00 ms avg latency, 10.00 ms max latency, ' +
        '3 ms 50th, 10 ms 95th, 10 ms 99th, 10 ms 99.9th.',
    );
  });

  it('prints a progress line when a record completes 5 s or more into the window', () => {
    const { stats, lines, clock } = statsWithClock(1_000_000);
    stats.record(stats.nextCompletion(), 4, 1024 * 1024, clock.t + 10);
    expect(lines).toEqual([]);
    clock.t += 5000;
    stats.record(stats.nextCompletion(), 8, 1024 * 1024, clock.t);
    expect(lines).toEqual([
      '2 records sent, 0.4 records/sec (0.40 MB/sec), 6.0 ms avg latency, 8.0 ms max latency.',
    ]);
    // The next window starts empty.
    clock.t += 5000;
    stats.record(stats.nextCompletion(), 2, 10, clock.t);
    expect(lines[1]).toBe(
      '1 records sent, 0.2 records/sec (0.00 MB/sec), 2.0 ms avg latency, 2.0 ms max latency.',
    );
  });

  it('samples every n-th latency above 500,000 records', () => {
    const { stats, clock } = statsWithClock(1_500_000); // sampling every 3rd
    for (let i = 0; i < 9; i++) stats.record(stats.nextCompletion(), i === 3 ? 1000 : 1, 1, clock.t);
    clock.t += 1000;
    // Samples are iterations 0, 3, 6: latencies 1, 1000, 1 → p50 = sorted[1] = 1, p95 = sorted[2] = 1000.
    expect(stats.totalLine()).toMatch(/, 1 ms 50th, 1000 ms 95th, 1000 ms 99th, 1000 ms 99\.9th\.$/);
  });

  it('gives NaN averages and Infinity rates as Java formats them', () => {
    const { stats } = statsWithClock(10);
    expect(stats.totalLine()).toBe(
      '0 records sent, NaN records/sec (NaN MB/sec), NaN ms avg latency, 0.00 ms max latency, ' +
        '0 ms 50th, 0 ms 95th, 0 ms 99th, 0 ms 99.9th.',
    );
  });
});
