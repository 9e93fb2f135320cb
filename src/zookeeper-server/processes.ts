/**
 * Pure helpers for zookeeper-server-stop.sh: read `ps` output, pick the ZooKeeper servers in it,
 * and understand the SIGNAL variable, so the selection rules are unit-tested without processes.
 */
import { constants } from 'node:os';
import { QUORUM_PEER_MAIN } from './plan';

export interface ProcessEntry {
  readonly pid: number;
  readonly command: string;
}

/** Parses `ps ax -ww -o pid= -o args=`: one process per line, the pid then its full command line. */
export function parsePsOutput(text: string): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*(\d+)\s+(.*\S)\s*$/.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) continue;
    entries.push({ pid: Number(match[1]), command: match[2] });
  }
  return entries;
}

export interface SelectOptions {
  /** Never select this process (the stop script itself). */
  readonly selfPid: number;
  /**
   * Not in Kafka: when set, only processes whose command line contains this text are selected
   * (ZOOKEEPER_STOP_MATCH). Lets tests stop their own server without touching anyone else's.
   */
  readonly match?: string;
}

/**
 * Like Kafka's script: every Java process running ZooKeeper's server main class, whoever started
 * it. Matching on the class name rather than the script means servers started with zkServer.sh
 * or by hand are stopped too, exactly as Kafka's script would.
 */
export function selectZooKeeperProcesses(
  entries: readonly ProcessEntry[],
  options: SelectOptions,
): ProcessEntry[] {
  return entries.filter((entry) => {
    if (entry.pid === options.selfPid) return false;
    const words = entry.command.split(/\s+/);
    const program = words[0] ?? '';
    const isJava = /(^|\/)java$/.test(program);
    if (!isJava || !words.includes(QUORUM_PEER_MAIN)) return false;
    return options.match === undefined || options.match === '' || entry.command.includes(options.match);
  });
}

/** Reads SIGNAL as Kafka does (default TERM); accepts TERM, SIGTERM, term or a number such as 9. */
export function parseSignal(value: string | undefined): NodeJS.Signals | { error: string } {
  const raw = (value ?? '').trim();
  if (raw === '') return 'SIGTERM';
  const signals = constants.signals as Readonly<Record<string, number>>;
  if (/^\d+$/.test(raw)) {
    const found = Object.entries(signals).find(([, n]) => n === Number(raw));
    if (found !== undefined) return found[0] as NodeJS.Signals;
  } else {
    const name = raw.toUpperCase().startsWith('SIG') ? raw.toUpperCase() : `SIG${raw.toUpperCase()}`;
    if (signals[name] !== undefined) return name as NodeJS.Signals;
  }
  return { error: `Unknown signal in SIGNAL: ${raw}` };
}
