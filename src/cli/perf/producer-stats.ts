/**
 * `ProducerPerformance.Stats` of Kafka 2.8: per-record latencies (ms, from send to acknowledgement),
 * a progress line every reporting interval (checked as acknowledgements arrive) and the final
 * summary with percentiles over a sample of at most 500,000 latencies (every `sampling`-th record).
 *
 *   100000 records sent, 19998.0 records/sec (1.91 MB/sec), 1.2 ms avg latency, 45.0 ms max latency.
 *   500000 records sent, 99880.143827 records/sec (9.53 MB/sec), 1.76 ms avg latency, 150.00 ms max
 *   latency, 1 ms 50th, 3 ms 95th, 8 ms 99th, 57 ms 99.9th.   (one line)
 *
 * MB here is 1024 × 1024 bytes, as in Kafka's output.
 */
import { javaFixed } from './java-format';

export const REPORTING_INTERVAL_MS = 5000;
const MAX_SAMPLES = 500_000;

/** Kafka's percentile pick: sort the first `count` samples, take element ⌊p × size⌋ for each p. */
export function percentiles(latencies: Int32Array, count: number, ...ps: number[]): number[] {
  const size = Math.min(count, latencies.length);
  const sorted = latencies.subarray(0, size).sort();
  // Java reads latencies[0] of the (zeroed) array when nothing was recorded.
  return ps.map((p) => (size === 0 ? (latencies[0] ?? 0) : (sorted[Math.floor(p * size)] ?? 0)));
}

export class ProducerStats {
  private readonly start: number;
  private windowStart: number;
  private readonly latencies: Int32Array;
  private readonly sampling: number;
  private iteration = 0;
  private index = 0;
  private count = 0;
  private bytes = 0;
  private maxLatency = 0;
  private totalLatency = 0;
  private windowCount = 0;
  private windowMaxLatency = 0;
  private windowTotalLatency = 0;
  private windowBytes = 0;

  /** `numRecords` must be positive (Kafka divides by it). */
  constructor(
    numRecords: number,
    private readonly print: (line: string) => void,
    private readonly now: () => number = Date.now,
    private readonly reportingIntervalMs = REPORTING_INTERVAL_MS,
  ) {
    this.start = now();
    this.windowStart = this.start;
    this.sampling = Math.floor(numRecords / Math.min(numRecords, MAX_SAMPLES));
    this.latencies = new Int32Array(Math.floor(numRecords / this.sampling) + 1);
  }

  /** The iteration number of the next record sent (its sampling slot). */
  nextCompletion(): number {
    return this.iteration++;
  }

  /** One acknowledged record; prints the progress line when the window is over. */
  record(iter: number, latencyMs: number, bytes: number, timeMs: number): void {
    this.count += 1;
    this.bytes += bytes;
    this.totalLatency += latencyMs;
    this.maxLatency = Math.max(this.maxLatency, latencyMs);
    this.windowCount += 1;
    this.windowBytes += bytes;
    this.windowTotalLatency += latencyMs;
    this.windowMaxLatency = Math.max(this.windowMaxLatency, latencyMs);
    if (iter % this.sampling === 0 && this.index < this.latencies.length) {
      this.latencies[this.index] = latencyMs;
      this.index += 1;
    }
    if (timeMs - this.windowStart >= this.reportingIntervalMs) {
      this.printWindow();
      this.newWindow();
    }
  }

  printWindow(): void {
    const elapsed = this.now() - this.windowStart;
    const recsPerSec = (1000.0 * this.windowCount) / elapsed;
    const mbPerSec = (1000.0 * this.windowBytes) / elapsed / (1024.0 * 1024.0);
    this.print(
      `${this.windowCount} records sent, ${javaFixed(recsPerSec, 1)} records/sec ` +
        `(${javaFixed(mbPerSec, 2)} MB/sec), ${javaFixed(this.windowTotalLatency / this.windowCount, 1)} ms avg latency, ` +
        `${javaFixed(this.windowMaxLatency, 1)} ms max latency.`,
    );
  }

  newWindow(): void {
    this.windowStart = this.now();
    this.windowCount = 0;
    this.windowMaxLatency = 0;
    this.windowTotalLatency = 0;
    this.windowBytes = 0;
  }

  /** The final summary line. */
  totalLine(): string {
    const elapsed = this.now() - this.start;
    const recsPerSec = (1000.0 * this.count) / elapsed;
    const mbPerSec = (1000.0 * this.bytes) / elapsed / (1024.0 * 1024.0);
    const [p50, p95, p99, p999] = percentiles(this.latencies, this.index, 0.5, 0.95, 0.99, 0.999);
    return (
      `${this.count} records sent, ${javaFixed(recsPerSec, 6)} records/sec (${javaFixed(mbPerSec, 2)} MB/sec), ` +
      `${javaFixed(this.totalLatency / this.count, 2)} ms avg latency, ${javaFixed(this.maxLatency, 2)} ms max latency, ` +
      `${p50 ?? 0} ms 50th, ${p95 ?? 0} ms 95th, ${p99 ?? 0} ms 99th, ${p999 ?? 0} ms 99.9th.`
    );
  }

  printTotal(): void {
    this.print(this.totalLine());
  }

  /** Totals for callers that want numbers rather than the line (metrics, tests). */
  totals(): { count: number; bytes: number; totalLatencyMs: number; maxLatencyMs: number } {
    return {
      count: this.count,
      bytes: this.bytes,
      totalLatencyMs: this.totalLatency,
      maxLatencyMs: this.maxLatency,
    };
  }
}
