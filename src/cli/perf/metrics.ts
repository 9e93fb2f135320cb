/**
 * `--print-metrics` for the perf tools: Kafka's `ToolsUtils.printMetrics` table
 *
 *   Metric Name                                                     Value
 *   producer-metrics:record-send-total:{client-id=producer-1}     : 500000.000
 *
 * (sorted by `group:name:{tags}`, doubles as `%.3f`). kafkajs keeps no metrics registry, so the
 * tools measure a subset of the Java client's metrics themselves: request counts, sizes and
 * latencies from kafkajs' request instrumentation events, records and bytes from the tools' own
 * counting. Rates are over the whole run (Kafka's are over its last 30-second sample window).
 */
import type { RequestEvent } from 'kafkajs';
import { javaFixed } from './java-format';

export interface Metric {
  group: string;
  name: string;
  /** In insertion order, printed as Java's `Map.toString()`: `{client-id=x, topic=t}`. */
  tags: readonly (readonly [string, string])[];
  value: number | string;
}

function tagText(tags: Metric['tags']): string {
  return `{${tags.map(([k, v]) => `${k}=${v}`).join(', ')}}`;
}

/** The table's lines (the first one is empty, as Kafka prints `\nMetric Name ...`). */
export function metricsTable(metrics: readonly Metric[]): string[] {
  const rows = metrics
    .map((m) => ({ key: `${m.group}:${m.name}:${tagText(m.tags)}`, value: m.value }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const width = Math.max(0, ...rows.map((r) => r.key.length));
  return [
    '',
    `${'Metric Name'.padEnd(width)}   Value`,
    ...rows.map(
      (r) => `${r.key.padEnd(width)} : ${typeof r.value === 'number' ? javaFixed(r.value, 3) : r.value}`,
    ),
  ];
}

/** Count, sum and max of a stream of values (Kafka's Avg/Max/CumulativeCount sensors in one). */
export class Summary {
  count = 0;
  sum = 0;
  max = Number.NaN;

  add(value: number): void {
    this.count += 1;
    this.sum += value;
    this.max = Number.isNaN(this.max) ? value : Math.max(this.max, value);
  }

  /** Kafka's Avg of no samples is NaN. */
  get avg(): number {
    return this.count === 0 ? Number.NaN : this.sum / this.count;
  }
}

/**
 * Request statistics for one API, from kafkajs' `*.network.request` events: latency (ms, request
 * queued to response) and response size (the event's `size` is the response's byte count).
 */
export class RequestMetrics {
  readonly latency = new Summary();
  readonly size = new Summary();

  constructor(private readonly apiName: string) {}

  readonly listener = (event: RequestEvent): void => {
    if (event.payload.apiName !== this.apiName) return;
    this.latency.add(event.payload.duration);
    this.size.add(event.payload.size);
  };
}

/** `value / seconds`, 0 for an empty run rather than NaN. */
export function rate(value: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (1000 * value) / elapsedMs : 0;
}
