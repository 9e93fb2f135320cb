/**
 * kafkajs' logging, routed into the tools' log form (`[date] WARN message (logger)` on stderr, WARN
 * and above only) so that stdout carries nothing but records. kafkajs' wording is not Kafka's, so:
 *
 * - a failed connection becomes the Java client's
 *   `[Producer clientId=console-producer] Connection to node 1 (localhost/127.0.0.1:9093) could not be
 *   established. Broker may not be available. (org.apache.kafka.clients.NetworkClient)`;
 * - kafkajs' reports of errors the tools report themselves (a failed send, a failed response, retries,
 *   broker-pool reconnects) are dropped;
 * - anything else is passed on as a WARN line under `kafkajs.<namespace>`.
 */
import dns from 'node:dns';
import net from 'node:net';
import { logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { Logger } from '../../common/logger';
import { createToolLogger } from '../topic-command/tool-logger';
import { bootstrapList, parseHostPort } from './options';

const NETWORK_CLIENT = 'org.apache.kafka.clients.NetworkClient';

/** Host names resolved ahead of time, for Java's `host/ip:port` socket-address form. */
export class AddressBook {
  private readonly ips = new Map<string, string>();
  private readonly nodeIds = new Map<string, number>();

  /** Bootstrap entries get Java's provisional node ids -1, -2, ... until metadata names them. */
  constructor(bootstrapServers: string) {
    bootstrapList(bootstrapServers).forEach((entry, i) => {
      const hp = parseHostPort(entry);
      if (hp !== null) this.nodeIds.set(`${hp.host}:${hp.port}`, -(i + 1));
    });
  }

  /** Resolves every bootstrap host (best effort, bounded wait). */
  async resolve(hosts: readonly string[], timeoutMs = 2000): Promise<void> {
    const lookups = hosts
      .filter((h) => !net.isIP(h) && !this.ips.has(h))
      .map((h) =>
        dns.promises.lookup(h).then(
          (r) => void this.ips.set(h, r.address),
          () => undefined,
        ),
      );
    await Promise.race([Promise.all(lookups), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  /** Records the real node ids once metadata has been seen. */
  learn(brokers: readonly { nodeId: number; host: string; port: number }[]): void {
    for (const b of brokers) this.nodeIds.set(`${b.host}:${b.port}`, b.nodeId);
  }

  nodeId(host: string, port: number): number {
    return this.nodeIds.get(`${host}:${port}`) ?? -1;
  }

  /** `InetSocketAddress.toString()`: `localhost/127.0.0.1:9092`, or `/127.0.0.1:9092` for an IP. */
  socketAddress(host: string, port: number): string {
    if (net.isIP(host)) return `/${host}:${port}`;
    return `${host}/${this.ips.get(host) ?? (host === 'localhost' ? '127.0.0.1' : host)}:${port}`;
  }
}

/** kafkajs messages the tools replace by their own reporting. */
const DROPPED: readonly RegExp[] = [
  /^Response /, // a failed response: the caller reports or retries it
  /^Failed to send messages/, // the producer's retries; the final failure is logged per record
  /^Failed to connect to (seed )?broker/, // the broker pool retrying; each attempt already logged
  /^Connection (error|timeout)/, // handled below
  /^Closed connection/,
  /^KafkaJS v2\.0\.0 switched default partitioner/,
  /^Limiting retries for the idempotent producer/, // kafkajs' advice, not a Kafka warning
  /^Restarting the consumer in/,
  /^Crash: /, // the consumer restarts, or the tool reports the error that stopped it
  /^Caught error when (disconnecting|stopping)/,
];

export interface ClientLogBridge {
  /** For the kafkajs client's `logCreator` option (with `logLevel: logLevel.WARN`). */
  logCreator: logCreator;
  /** Logs Java's connection warning for a broker address. */
  connectionFailed(host: string, port: number): void;
  /** The tool's own loggers share the prefix (e.g. `[Consumer clientId=..., groupId=...] `). */
  logger(name: string): Logger;
}

export function createClientLogBridge(
  writeErr: (line: string) => void,
  prefix: string,
  addresses: AddressBook,
  now: () => Date = () => new Date(),
): ClientLogBridge {
  const loggers = new Map<string, Logger>();
  const logger = (name: string): Logger => {
    let l = loggers.get(name);
    if (l === undefined) {
      l = createToolLogger(name, writeErr, now, prefix);
      loggers.set(name, l);
    }
    return l;
  };
  // The Java client reconnects with a backoff of 50 ms doubling to 1 s, one warning per attempt;
  // kafkajs retries at its own pace, so its failures are thinned out to that rhythm.
  const lastWarned = new Map<string, { at: number; gap: number }>();
  const connectionFailed = (host: string, port: number): void => {
    const key = `${host}:${port}`;
    const at = now().getTime();
    const last = lastWarned.get(key);
    if (last !== undefined && at - last.at < last.gap) return;
    const quiet = last === undefined || at - last.at > 10_000;
    lastWarned.set(key, { at, gap: quiet ? 50 : Math.min(1000, last.gap * 2) });
    logger(NETWORK_CLIENT).warn(
      `Connection to node ${addresses.nodeId(host, port)} (${addresses.socketAddress(host, port)}) ` +
        'could not be established. Broker may not be available.',
    );
  };
  const handle = (entry: LogEntry): void => {
    if (entry.level > logLevel.WARN || entry.level === logLevel.NOTHING) return;
    const { message } = entry.log;
    const broker: unknown = entry.log['broker'];
    if (/^Connection (error|timeout)/.test(message) && typeof broker === 'string') {
      const hp = parseHostPort(broker);
      if (hp !== null) connectionFailed(hp.host, hp.port);
      return;
    }
    if (DROPPED.some((re) => re.test(message)) || 'retryCount' in entry.log) return; // retries: chatter
    const error: unknown = entry.log['error'];
    const detail = typeof error === 'string' && error !== '' ? `: ${error}` : '';
    logger(`kafkajs.${entry.namespace}`).warn(`${message}${detail}`);
  };
  return { logCreator: () => handle, connectionFailed, logger };
}
