/**
 * Watches the broker's event loop for stalls: everything a broker does runs on one thread, so a
 * long synchronous step (a GC pause, a slow syscall) delays every connection at once.
 *
 * A `perf_hooks` histogram samples how late a 10 ms timer fires. `report()` returns the delays since
 * the previous report (max, p99, mean, in ms) and starts a new interval. The broker process writes a
 * report as one JSON line to `<LOG_DIR>/event-loop-delay.log` when it receives SIGUSR2 (the
 * benchmark suite does that before and after each run), and once at shutdown.
 *
 * Lifecycle: the constructor does nothing; `start()`/`stop()` are idempotent.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface EventLoopDelayReport {
  /** When the interval ended (ISO 8601). */
  time: string;
  /** Length of the interval. */
  intervalMs: number;
  maxMs: number;
  p99Ms: number;
  meanMs: number;
  /** Timer samples taken in the interval. */
  samples: number;
}

const NS_PER_MS = 1e6;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export class EventLoopMonitor {
  private histogram: IntervalHistogram | undefined;
  private intervalStart = 0;

  constructor(
    private readonly resolutionMs = 10,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(): void {
    if (this.histogram) return;
    this.histogram = monitorEventLoopDelay({ resolution: this.resolutionMs });
    this.histogram.enable();
    this.intervalStart = this.now();
  }

  stop(): void {
    this.histogram?.disable();
    this.histogram = undefined;
  }

  /** The delays since the last report (or start), then starts a new interval. */
  report(): EventLoopDelayReport {
    const h = this.histogram;
    const end = this.now();
    const samples = h ? h.count : 0;
    // The histogram measures how late each timer fired: the timer's own period is not a delay.
    const delay = (ns: number): number =>
      samples === 0 ? 0 : round3(Math.max(0, ns / NS_PER_MS - this.resolutionMs));
    const out: EventLoopDelayReport = {
      time: new Date().toISOString(),
      intervalMs: Math.round(end - this.intervalStart),
      maxMs: delay(h ? h.max : 0),
      p99Ms: delay(h ? h.percentile(99) : 0),
      meanMs: delay(h ? h.mean : 0),
      samples,
    };
    h?.reset();
    this.intervalStart = end;
    return out;
  }

  /** Appends a report as one JSON line to `file`. */
  appendReport(file: string): EventLoopDelayReport {
    const r = this.report();
    fs.appendFileSync(file, `${JSON.stringify(r)}\n`);
    return r;
  }
}
