/**
 * ConsumerPerformance's output lines (Kafka 2.8): the header, the final CSV-style line and the
 * `--show-detailed-stats` progress lines. MB is 1024 × 1024 bytes; times use `--date-format`.
 *
 *   start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
 *     rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
 *   2024-01-02 03:04:05:006, 2024-01-02 03:04:07:106, 95.3674, 45.4130, 1000000, 476190.4762, 0, 2100,
 *     45.4130, 476190.4762          (each one line)
 */
import { javaFixed, type SimpleDateFormat } from './java-format';

const MB = 1024 * 1024;
const NEW_FIELDS = ', rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec';

export function headerLine(showDetailedStats: boolean): string {
  return showDetailedStats
    ? `time, threadId, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec${NEW_FIELDS}`
    : `start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec${NEW_FIELDS}`;
}

export interface ConsumeTotals {
  startMs: number;
  endMs: number;
  bytes: number;
  messages: number;
  joinGroupTimeMs: number;
}

/** The one data line printed at the end without --show-detailed-stats. */
export function totalLine(t: ConsumeTotals, dateFormat: SimpleDateFormat): string {
  const elapsedSecs = (t.endMs - t.startMs) / 1000.0;
  const fetchTimeMs = t.endMs - t.startMs - t.joinGroupTimeMs;
  const totalMB = t.bytes / MB;
  return [
    dateFormat.format(t.startMs),
    dateFormat.format(t.endMs),
    javaFixed(totalMB, 4),
    javaFixed(totalMB / elapsedSecs, 4),
    String(t.messages),
    javaFixed(t.messages / elapsedSecs, 4),
    String(t.joinGroupTimeMs),
    String(fetchTimeMs),
    javaFixed(totalMB / (fetchTimeMs / 1000.0), 4),
    javaFixed(t.messages / (fetchTimeMs / 1000.0), 4),
  ].join(', ');
}

export interface Progress {
  bytesRead: number;
  lastBytesRead: number;
  messagesRead: number;
  lastMessagesRead: number;
  startMs: number;
  endMs: number;
  periodicJoinTimeMs: number;
}

/** `printConsumerProgress`: one --show-detailed-stats line (thread id 0). */
export function progressLine(p: Progress, dateFormat: SimpleDateFormat): string {
  const elapsedMs = p.endMs - p.startMs;
  const totalMB = p.bytesRead / MB;
  const intervalMB = (p.bytesRead - p.lastBytesRead) / MB;
  const intervalMessages = p.messagesRead - p.lastMessagesRead;
  const fetchTimeMs = elapsedMs - p.periodicJoinTimeMs;
  const fetchMBPerSec = fetchTimeMs <= 0 ? 0 : (1000.0 * intervalMB) / fetchTimeMs;
  const fetchMessagesPerSec = fetchTimeMs <= 0 ? 0 : (1000.0 * intervalMessages) / fetchTimeMs;
  return [
    dateFormat.format(p.endMs),
    '0',
    javaFixed(totalMB, 4),
    javaFixed((1000.0 * intervalMB) / elapsedMs, 4),
    String(p.messagesRead),
    javaFixed((intervalMessages / elapsedMs) * 1000.0, 4),
    String(p.periodicJoinTimeMs),
    String(fetchTimeMs),
    javaFixed(fetchMBPerSec, 4),
    javaFixed(fetchMessagesPerSec, 4),
  ].join(', ');
}

export function timeoutWarning(timeoutMs: number): string {
  return (
    `WARNING: Exiting before consuming the expected number of messages: timeout (${timeoutMs} ms) exceeded. ` +
    'You can use the --timeout option to increase the timeout.'
  );
}
