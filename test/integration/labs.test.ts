/**
 * The course's labs 1 and 2, run through the lab scripts themselves (labs/...), as a learner would:
 * ZooKeeper, three brokers, the replicated topic, describe, list, lab 1's topic, then stopping the
 * broker that leads partition 0 and watching leadership move.
 *
 * The lab scripts use the course's fixed ports (2181, 9092-9094), so this test refuses to start when
 * any of them is taken, and it only ever stops the processes it started. It runs in a fresh clone of
 * the repository (with this working tree's labs/ and scripts/ and its dist/ build laid over it), so
 * brokers write their logs/ and data there, never into the developer's tree, and ZooKeeper keeps its
 * data in a temporary directory instead of config/zookeeper.properties' shared /tmp/zookeeper.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT, eventually, tempDir, zkInspector, waitForPortsFree } from '../harness/brokers';

jest.setTimeout(120_000);

const PORTS = [2181, 9092, 9093, 9094];
const TOPIC = 'my-failsafe-topic';
const SERVER_SCRIPTS = ['start-1st-server.sh', 'start-2nd-server.sh', 'start-3rd-server.sh'];

interface PartitionLine {
  partition: number;
  leader: number | null;
  replicas: number[];
  isr: number[];
}

interface Describe {
  header: string;
  partitions: PartitionLine[];
}

interface Started {
  what: string;
  child: ChildProcess;
  outFile: string;
  exited: Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const ids = (list: string): number[] => (list === '' ? [] : list.split(',').map(Number));

function parseDescribe(out: string): Describe {
  const lines = out.split('\n').filter((l) => l !== '');
  const partitions = lines.slice(1).map((line) => {
    const m =
      /^\tTopic: (\S+)\tPartition: (\d+)\tLeader: (\d+|none)\tReplicas: ([\d,]*)\tIsr: ([\d,]*)$/.exec(line);
    if (m === null || m[1] !== TOPIC) throw new Error(`unexpected describe line: ${JSON.stringify(line)}`);
    return {
      partition: Number(m[2]),
      leader: m[3] === 'none' ? null : Number(m[3]),
      replicas: ids(m[4] ?? ''),
      isr: ids(m[5] ?? ''),
    };
  });
  return { header: lines[0] ?? '', partitions };
}

/**
 * The replica lists `kafka-topics --zookeeper --create` writes for brokers [0,1,2] (Kafka's rack-unaware
 * assignReplicasToBrokers), given the two numbers it draws at random.
 */
function zkModeAssignment(
  startIndex: number,
  firstShift: number,
  partitions: number,
  rf: number,
): number[][] {
  const brokers = [0, 1, 2];
  const n = brokers.length;
  let shift = firstShift;
  const out: number[][] = [];
  for (let p = 0; p < partitions; p++) {
    if (p > 0 && p % n === 0) shift += 1;
    const first = (p + startIndex) % n;
    const replicas = [brokers[first] ?? -1];
    for (let j = 0; j < rf - 1; j++) replicas.push(brokers[(first + 1 + ((shift + j) % (n - 1))) % n] ?? -1);
    out.push(replicas);
  }
  return out;
}

describe('labs 1 and 2 through the lab scripts (fixed ports 2181, 9092-9094)', () => {
  let clone = '';
  let scratch = '';
  let env: NodeJS.ProcessEnv = {};
  const started: Started[] = [];
  const brokers = new Map<number, Started>();

  /** Runs a lab script (path relative to the clone) from a directory outside the repository. */
  function run(
    script: string,
    args: string[] = [],
    input?: string,
  ): { stdout: string; stderr: string; status: number | null } {
    const result = spawnSync('bash', [path.join(clone, script), ...args], {
      cwd: scratch,
      env,
      encoding: 'utf8',
      timeout: 30_000,
      ...(input === undefined ? {} : { input }),
    });
    return { stdout: result.stdout, stderr: result.stderr, status: result.status };
  }

  function describeTopic(): Describe {
    const { stdout, stderr, status } = run('labs/lab2/describe-topics.sh');
    if (status !== 0) throw new Error(`describe-topics.sh exited with ${String(status)}: ${stderr}`);
    return parseDescribe(stdout);
  }

  /** Starts a long-running lab script in the background, its output going to a file in scratch. */
  function startInBackground(what: string, script: string, cwd: string): Started {
    const outFile = path.join(scratch, `${what.replace(/\W+/g, '-')}.out`);
    const fd = fs.openSync(outFile, 'w');
    // Its own process group, so that a last-resort cleanup can reach the JVM ZooKeeper runs as a child.
    const child = spawn('bash', [path.join(clone, script)], {
      cwd,
      env,
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    fs.closeSync(fd);
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    const s = { what, child, outFile, exited };
    started.push(s);
    return s;
  }

  function tail(s: Started): string {
    const text = fs.existsSync(s.outFile) ? fs.readFileSync(s.outFile, 'utf8') : '';
    return text.split('\n').slice(-15).join('\n');
  }

  function alive(s: Started): boolean {
    return s.child.exitCode === null && s.child.signalCode === null;
  }

  async function waitExit(s: Started, ms: number): Promise<boolean> {
    if (!alive(s)) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    try {
      return await Promise.race([s.exited.then(() => true), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  beforeAll(async () => {
    const busy = await waitForPortsFree(PORTS);
    if (busy.length > 0) {
      throw new Error(
        `the lab scripts need ports 2181 and 9092-9094, but ${busy.join(', ')} ${busy.length > 1 ? 'are' : 'is'} ` +
          'already in use (another ZooKeeper or broker, e.g. scripts/start-cluster.sh): stop it first; ' +
          'this test never stops processes it did not start',
      );
    }
    const base = tempDir('labs-test');
    clone = path.join(base, 'kafka-training');
    scratch = path.join(base, 'elsewhere');
    fs.mkdirSync(scratch);
    const git = spawnSync('git', ['clone', '-q', REPO_ROOT, clone], { encoding: 'utf8' });
    if (git.status !== 0) throw new Error(`git clone failed: ${git.stderr}`);
    // Test what is in the working tree (the scripts may not be committed yet) and the current build,
    // without reinstalling: dependencies are shared through a symlink.
    for (const dir of ['labs', 'scripts']) {
      fs.cpSync(path.join(REPO_ROOT, dir), path.join(clone, dir), { recursive: true });
    }
    fs.cpSync(path.join(REPO_ROOT, 'dist'), path.join(clone, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(clone, 'dist', '.build-stamp'), '');
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(clone, 'node_modules'));
    // A ZooKeeper of our own data: no topics left over from earlier runs in /tmp/zookeeper.
    const zkData = path.join(base, 'zookeeper-data');
    fs.mkdirSync(zkData);
    const zkProps = path.join(clone, 'config', 'zookeeper.properties');
    fs.writeFileSync(zkProps, fs.readFileSync(zkProps, 'utf8').replace(/^dataDir=.*$/m, `dataDir=${zkData}`));
    env = { ...process.env, KAFKA_TS_SKIP_BUILD: '1' };
    delete env['LOG_DIR'];
  });

  afterAll(async () => {
    if (clone === '') return;
    // Brokers first, each with the filtered lab stop script (only this clone's server-N.properties).
    for (const [n, broker] of brokers) {
      if (alive(broker)) run('labs/lab2/stop-server.sh', [String(n)]);
    }
    for (const broker of brokers.values()) await waitExit(broker, 15_000);
    // ZooKeeper: only the server started from this clone's config.
    const zk = started.find((s) => s.what === 'zookeeper');
    if (zk !== undefined && alive(zk)) {
      spawnSync('bash', [path.join(clone, 'scripts/zookeeper-server-stop.sh')], {
        cwd: clone,
        env: { ...env, ZOOKEEPER_STOP_MATCH: clone },
      });
      await waitExit(zk, 15_000);
    }
    // Last resort, still only our own process groups.
    for (const s of started) {
      if (alive(s) && s.child.pid !== undefined) {
        try {
          process.kill(-s.child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        await waitExit(s, 5_000);
      }
    }
    fs.rmSync(path.dirname(clone), { recursive: true, force: true });
  });

  it('runs ZooKeeper and three brokers with run-zookeeper.sh and start-{1st,2nd,3rd}-server.sh', async () => {
    const zk = startInBackground('zookeeper', 'labs/run-zookeeper.sh', scratch);
    await eventually(
      async () => {
        if (!alive(zk)) throw new Error(`run-zookeeper.sh exited:\n${tail(zk)}`);
        return portOpen(2181);
      },
      30_000,
      'ZooKeeper on port 2181',
    );
    SERVER_SCRIPTS.forEach((script, n) => {
      // The course runs them from the lab directory; any directory works.
      const cwd = n === 0 ? path.join(clone, 'labs', 'lab2') : scratch;
      brokers.set(n, startInBackground(`broker-${n}`, `labs/lab2/${script}`, cwd));
    });
    const serverLog = path.join(clone, 'logs', 'server.log');
    await eventually(
      async () => {
        for (const [n, b] of brokers) if (!alive(b)) throw new Error(`broker ${n} exited:\n${tail(b)}`);
        const log = fs.existsSync(serverLog) ? fs.readFileSync(serverLog, 'utf8') : '';
        return [0, 1, 2].every((n) =>
          log.includes(`INFO [KafkaServer id=${n}] started (kafka.server.KafkaServer)`),
        );
      },
      30_000,
      'three brokers to log "[KafkaServer id=N] started" in logs/server.log',
    );
    for (const port of [9092, 9093, 9094]) expect(await portOpen(port)).toBe(true);
    // log.dirs=./logs/kafka-N resolved against the repository root, whatever the working directory.
    for (const n of [0, 1, 2]) {
      expect(fs.existsSync(path.join(clone, 'logs', `kafka-${n}`, 'meta.properties'))).toBe(true);
    }
    expect(fs.existsSync(path.join(scratch, 'logs'))).toBe(false);
  });

  let before: Describe = { header: '', partitions: [] };

  it('create-replicated-topic.sh creates my-failsafe-topic and describe-topics.sh shows its layout', async () => {
    const created = run('labs/lab2/create-replicated-topic.sh');
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe('Created topic my-failsafe-topic.\n');
    expect(created.status).toBe(0);

    // --zookeeper --create only writes the assignment; the controller adds leaders moments later.
    before = await eventually(
      async () => {
        const d = describeTopic();
        return d.partitions.length === 13 &&
          d.partitions.every((p) => p.leader !== null && p.isr.length === 3)
          ? d
          : null;
      },
      15_000,
      'a leader and a full ISR for all 13 partitions',
    );
    expect(before.header).toMatch(
      /^Topic: my-failsafe-topic\tTopicId: [\w-]{22}\tPartitionCount: 13\tReplicationFactor: 3\tConfigs: $/,
    );
    expect(before.partitions.map((p) => p.partition)).toEqual([...Array(13).keys()]);
    for (const p of before.partitions) {
      expect([...p.replicas].sort()).toEqual([0, 1, 2]);
      expect(p.leader).toBe(p.replicas[0]);
      expect(p.isr).toEqual(p.replicas);
    }
    // Kafka's assignment from a random start and shift: preferred leaders spread 5/4/4.
    const layout = before.partitions.map((p) => p.replicas);
    const candidates = [0, 1, 2].flatMap((start) =>
      [0, 1, 2].map((shift) => zkModeAssignment(start, shift, 13, 3)),
    );
    expect(candidates).toContainEqual(layout);
    const preferred = [0, 1, 2].map((b) => layout.filter((r) => r[0] === b).length).sort();
    expect(preferred).toEqual([4, 4, 5]);

    // The same, read straight from ZooKeeper.
    const zk = await zkInspector('127.0.0.1:2181');
    try {
      const topic = JSON.parse((await zk.getData(`/brokers/topics/${TOPIC}`))?.data?.toString() ?? '{}') as {
        partitions?: Record<string, number[]>;
      };
      expect(topic.partitions).toEqual(Object.fromEntries(layout.map((r, p) => [String(p), r])));
      for (const p of before.partitions) {
        const state = JSON.parse(
          (await zk.getData(`/brokers/topics/${TOPIC}/partitions/${p.partition}/state`))?.data?.toString() ??
            '{}',
        ) as { leader?: number; isr?: number[]; leader_epoch?: number };
        expect(state).toMatchObject({ leader: p.leader, isr: p.isr, leader_epoch: 0 });
      }
      expect(((await zk.getChildren('/brokers/ids')) ?? []).map(Number).sort()).toEqual([0, 1, 2]);
    } finally {
      await zk.close();
    }
  });

  it('list-topics.sh lists it, and lab 1 create-topic.sh adds my-topic to the sorted list', () => {
    const listed = run('labs/lab2/list-topics.sh');
    expect(listed.status).toBe(0);
    expect(listed.stdout.split('\n')).toContain(TOPIC);

    const created = run('labs/lab1/create-topic.sh');
    expect(created.stdout).toBe('Created topic my-topic.\n');
    expect(created.status).toBe(0);

    const names = run('labs/lab1/list-topics.sh')
      .stdout.split('\n')
      .filter((l) => l !== '');
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['my-failsafe-topic', 'my-topic']));

    const again = run('labs/lab1/create-topic.sh');
    expect(again.status).toBe(1);
    expect(again.stdout).toContain("Topic 'my-topic' already exists.");
  });

  it('lab 1: 100 lines piped into start-producer-console.sh come back from start-consumer-console.sh', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `This is message ${i + 1}`);
    const produced = run('labs/lab1/start-producer-console.sh', [], lines.join('\n') + '\n');
    expect(produced.stderr).toBe('');
    expect(produced.status).toBe(0);
    const consumed = run('labs/lab1/start-consumer-console.sh', ['--max-messages', '100']);
    expect(consumed.status).toBe(0);
    expect(consumed.stderr).toContain('Processed a total of 100 messages');
    const got = consumed.stdout.split('\n').filter((l) => l !== '');
    // 13 partitions: the order across partitions is not kept (the course's review question), the set is.
    expect([...got].sort()).toEqual([...lines].sort());
  });

  it('stop-server.sh stops the leader of partition 0; the controller moves its leadership at once', async () => {
    const victim = before.partitions[0]?.leader ?? -1;
    const broker = brokers.get(victim);
    if (broker === undefined) throw new Error(`no broker ${victim} was started`);

    const stopped = run('labs/lab2/stop-server.sh', [String(victim)]);
    expect(stopped.status).toBe(0);
    // It found exactly our broker: the start script exec'd down to the broker, keeping its pid.
    expect(stopped.stdout).toBe(`Stopping broker ${victim} (pid ${String(broker.child.pid)}) with SIGTERM\n`);
    expect(await waitExit(broker, 15_000)).toBe(true);
    const others = brokers.get((victim + 1) % 3);
    expect(others !== undefined && alive(others)).toBe(true);

    // A clean stop (controlled shutdown) moves leaders at once, not after the 18 s session timeout.
    const after = await eventually(
      async () => {
        const d = describeTopic();
        return d.partitions.length === 13 &&
          d.partitions.every((p) => p.leader !== victim && p.leader !== null && !p.isr.includes(victim))
          ? d
          : null;
      },
      10_000,
      `no partition led by broker ${victim} and broker ${victim} in no ISR`,
    );
    for (const [i, p] of after.partitions.entries()) {
      const old = before.partitions[i];
      if (old === undefined) throw new Error(`partition ${i} missing before`);
      expect(p.replicas).toEqual(old.replicas);
      const survivors = old.isr.filter((b) => b !== victim);
      expect(p.isr).toEqual(survivors);
      expect(p.leader).toBe(survivors[0]);
    }
    expect(after.partitions[0]?.leader).toBe(before.partitions[0]?.replicas[1]);

    const zk = await zkInspector('127.0.0.1:2181');
    try {
      expect(((await zk.getChildren('/brokers/ids')) ?? []).map(Number).sort()).toEqual(
        [0, 1, 2].filter((b) => b !== victim),
      );
    } finally {
      await zk.close();
    }

    const again = run('labs/lab2/stop-server.sh', [String(victim)]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('No broker started with');
  });
});
