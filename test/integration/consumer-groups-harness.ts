/**
 * Helpers for the consumer-group integration tests: group members in child processes (so a test
 * can SIGKILL one), the group as DescribeGroups shows it, and topic creation through the real
 * kafka-topics CLI.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Admin } from 'kafkajs';
import { decodeAssignment } from '../../src/coordinator/group/consumer-protocol';
import { REPO_ROOT } from '../harness/brokers';

export interface SeenRecord {
  p: number;
  o: string;
  v: string;
}

const MEMBER_SCRIPT = path.join(__dirname, 'consumer-groups-member.mjs');
const members = new Set<MemberProcess>();

/** A group member in its own process (see consumer-groups-member.mjs); or any command printing lines. */
export class MemberProcess {
  readonly records: SeenRecord[] = [];
  readonly lines: string[] = [];
  stderr = '';
  private buffer = '';
  private readonly exited: Promise<void>;

  constructor(
    readonly proc: ChildProcess,
    parse: (line: string) => SeenRecord | null,
  ) {
    members.add(this);
    proc.stdout?.on('data', (d: Buffer) => {
      this.buffer += d.toString('utf8');
      let i;
      while ((i = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, i);
        this.buffer = this.buffer.slice(i + 1);
        this.lines.push(line);
        const r = parse(line);
        if (r) this.records.push(r);
      }
    });
    proc.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Stops the process (SIGKILL after 10 s) and waits for it. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.running) this.proc.kill(signal);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
    members.delete(this);
  }
}

function jsonRecord(line: string): SeenRecord | null {
  try {
    const o = JSON.parse(line) as Partial<SeenRecord>;
    return typeof o.p === 'number' && o.o !== undefined && o.v !== undefined ? (o as SeenRecord) : null;
  } catch {
    return null;
  }
}

export function startMember(
  client: 'kafkajs' | 'platformatic',
  bootstrap: string,
  group: string,
  topic: string,
  clientId?: string,
): MemberProcess {
  const args = [MEMBER_SCRIPT, client, bootstrap, group, topic, ...(clientId ? [clientId] : [])];
  return new MemberProcess(spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] }), jsonRecord);
}

/** A kcat `-G` member printing `partition offset value` per record. */
export function startKcat(bootstrap: string, group: string, topic: string): MemberProcess {
  const args = [
    '-b',
    bootstrap,
    '-G',
    group,
    '-q',
    '-u',
    '-f',
    '%p %o %s\\n',
    '-X',
    'auto.offset.reset=earliest',
    '-X',
    'session.timeout.ms=6000',
    '-X',
    'heartbeat.interval.ms=300',
    topic,
  ];
  const parse = (line: string): SeenRecord | null => {
    const m = /^(\d+) (\d+) (.*)$/.exec(line);
    return m ? { p: Number(m[1]), o: m[2] ?? '', v: m[3] ?? '' } : null;
  };
  return new MemberProcess(spawn('kcat', args, { stdio: ['ignore', 'pipe', 'pipe'] }), parse);
}

const PYTHON_CONSUMER = `
import json, sys
from kafka import KafkaConsumer
c = KafkaConsumer(sys.argv[3], bootstrap_servers=sys.argv[1].split(','), group_id=sys.argv[2], client_id='kafka-python-member',
    auto_offset_reset='earliest', session_timeout_ms=6000, heartbeat_interval_ms=300, auto_commit_interval_ms=200,
    fetch_max_wait_ms=300)
for m in c:
    print(json.dumps({'p': m.partition, 'o': str(m.offset), 'v': m.value.decode()}), flush=True)
`;

/** kafka-python 2.0.2 (Debian's, under /usr/bin/python3): JoinGroup v2, OffsetCommit v2, OffsetFetch v1. */
export function startKafkaPython(bootstrap: string, group: string, topic: string): MemberProcess {
  const proc = spawn('/usr/bin/python3', ['-c', PYTHON_CONSUMER, bootstrap, group, topic], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new MemberProcess(proc, jsonRecord);
}

export async function stopAllMembers(): Promise<void> {
  await Promise.all([...members].map((m) => m.stop('SIGKILL')));
}

export interface GroupView {
  state: string;
  protocol: string;
  members: { memberId: string; clientId: string; clientHost: string; partitions: string[] }[];
}

export async function describeGroup(admin: Admin, groupId: string): Promise<GroupView> {
  const { groups } = await admin.describeGroups([groupId]);
  const g = groups[0];
  if (!g) throw new Error(`no description of ${groupId}`);
  return {
    state: g.state,
    protocol: g.protocol,
    members: g.members.map((m) => ({
      memberId: m.memberId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      partitions: decodeAssignment(m.memberAssignment).flatMap((t) =>
        t.partitions.map((p) => `${t.topic}-${p}`),
      ),
    })),
  };
}

/** True when the group is Stable with `sizes` members' partition counts and no partition assigned twice. */
export function isSplit(view: GroupView, partitions: number, sizes: number[]): boolean {
  const all = view.members.flatMap((m) => m.partitions);
  const counts = view.members.map((m) => m.partitions.length).sort((a, b) => b - a);
  return (
    view.state === 'Stable' &&
    JSON.stringify(counts) === JSON.stringify(sizes) &&
    new Set(all).size === all.length &&
    all.length === partitions
  );
}

export function createTopic(
  zkConnect: string,
  topic: string,
  partitions: number,
  rf: number,
): Promise<string> {
  const cli = path.join(REPO_ROOT, 'dist', 'cli', 'kafka-topics.js');
  const args = [
    cli,
    '--zookeeper',
    zkConnect,
    '--create',
    '--topic',
    topic,
    '--partitions',
    String(partitions),
    '--replication-factor',
    String(rf),
  ];
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { timeout: 30_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stdout}${stderr}`)) : resolve(stdout),
    ),
  );
}
