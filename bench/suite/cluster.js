'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node directly */
/**
 * ZooKeeper and brokers for the benchmark suite, started the way a user starts them: through
 * scripts/zookeeper-server-start.sh -daemon and scripts/kafka-server-start.sh -daemon, each with a
 * generated properties file (free ports) under the suite's work directory and LOG_DIR set there.
 * The daemons' process ids come from ZooKeeper's pid file and, for brokers, from /proc (the
 * process whose command line names the broker's properties file); stop() signals those ids only.
 */
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { setTimeout: sleep } = require('node:timers/promises');
const { waitFor } = require('./proc');

const REPO = path.resolve(__dirname, '..', '..');
const SCRIPTS = path.join(REPO, 'scripts');
const KCAT = process.env.KCAT || 'kcat';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

function run(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { env: { ...process.env, KAFKA_TS_SKIP_BUILD: '1', ...env }, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

/** The pid of the process whose command line contains `needle` (a unique properties path). */
function findPid(needle) {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(needle) && !cmdline.startsWith('bash') && !cmdline.startsWith('/bin/bash'))
        return Number(entry);
    } catch {
      // the process went away
    }
  }
  return undefined;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after timeoutMs. */
async function stopPid(pid, timeoutMs = 20000) {
  if (pid === undefined || !alive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  if (alive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

class Cluster {
  constructor(workDir) {
    this.workDir = workDir;
    this.zk = undefined;
    this.brokers = [];
  }

  async startZooKeeper() {
    const port = await freePort();
    const dir = path.join(this.workDir, 'zookeeper');
    fs.mkdirSync(dir, { recursive: true });
    const props = path.join(dir, 'zookeeper.properties');
    fs.writeFileSync(
      props,
      [
        `dataDir=${path.join(dir, 'data')}`,
        `clientPort=${port}`,
        'maxClientCnxns=0',
        'admin.enableServer=false',
        '',
      ].join('\n'),
    );
    const logDir = path.join(dir, 'logs');
    await run(path.join(SCRIPTS, 'zookeeper-server-start.sh'), ['-daemon', props], { LOG_DIR: logDir });
    const pidFile = path.join(logDir, 'zookeeper.pid');
    await waitFor(
      'ZooKeeper pid file',
      60000,
      () => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').trim() !== '',
    );
    this.zk = { pid: Number(fs.readFileSync(pidFile, 'utf8').trim()), port, connect: `127.0.0.1:${port}` };
    await waitFor(`ZooKeeper on port ${port}`, 60000, () => portOpen(port));
    return this.zk;
  }

  /** Starts broker `id` with extra server.properties; resolves once it logged "started". */
  async startBroker(id, extra = {}) {
    const port = await freePort();
    const dir = path.join(this.workDir, `broker-${id}`);
    fs.mkdirSync(dir, { recursive: true });
    const props = path.join(dir, 'server.properties');
    const lines = {
      'broker.id': id,
      listeners: `PLAINTEXT://localhost:${port}`,
      'log.dirs': path.join(dir, 'data'),
      'zookeeper.connect': `${this.zk.connect}/bench`,
      'offsets.topic.replication.factor': 1,
      'group.initial.rebalance.delay.ms': 0,
      ...extra,
    };
    fs.writeFileSync(
      props,
      Object.entries(lines)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n') + '\n',
    );
    const logDir = path.join(dir, 'logs');
    await run(path.join(SCRIPTS, 'kafka-server-start.sh'), ['-daemon', props], { LOG_DIR: logDir });
    const out = path.join(logDir, 'kafkaServer.out');
    const broker = { id, port, props, logDir, pid: undefined };
    this.brokers.push(broker);
    await waitFor(`broker ${id} to start`, 60000, () => {
      broker.pid = broker.pid || findPid(props);
      if (fs.existsSync(out) && /\[KafkaServer id=\d+\] started/.test(fs.readFileSync(out, 'utf8')))
        return true;
      if (broker.pid !== undefined && !alive(broker.pid))
        throw new Error(
          `broker ${id} exited:\n${fs.existsSync(out) ? fs.readFileSync(out, 'utf8').slice(-3000) : ''}`,
        );
      return false;
    });
    broker.pid = broker.pid || findPid(props);
    return broker;
  }

  get bootstrap() {
    return this.brokers.map((b) => `localhost:${b.port}`).join(',');
  }

  get zkConnect() {
    return `${this.zk.connect}/bench`;
  }

  /** kafka-topics.sh --zookeeper ... --create, then waits until kcat sees a leader for every partition. */
  async createTopic(name, partitions, replicationFactor, configs = {}) {
    const args = [
      path.join(REPO, 'dist', 'cli', 'kafka-topics.js'),
      '--zookeeper',
      this.zkConnect,
      '--create',
      '--topic',
      name,
      '--partitions',
      String(partitions),
      '--replication-factor',
      String(replicationFactor),
    ];
    for (const [k, v] of Object.entries(configs)) args.push('--config', `${k}=${v}`);
    await run(process.execPath, args);
    await waitFor(`leaders of ${name}`, 60000, async () => {
      const meta = await run(KCAT, ['-b', this.bootstrap, '-L', '-t', name, '-m', '5']);
      const leaders = (meta.match(/partition \d+, leader \d+,/g) || []).length;
      const isrFull = (meta.match(/isrs: ([\d,]+)/g) || []).every(
        (m) => m.split(',').length === replicationFactor,
      );
      return leaders === partitions && isrFull;
    });
  }

  /** Sum of the topic's end offsets (records written, for topics never truncated). */
  async endOffsets(topic, partitions) {
    let sum = 0;
    for (let p = 0; p < partitions; p++) {
      const line = await run(KCAT, ['-b', this.bootstrap, '-Q', '-t', `${topic}:${p}:-1`]);
      sum += Number(line.trim().split(/\s+/).pop());
    }
    return sum;
  }

  async stop() {
    await Promise.all(this.brokers.map((b) => stopPid(b.pid)));
    this.brokers = [];
    if (this.zk) await stopPid(this.zk.pid);
    this.zk = undefined;
  }
}

module.exports = { Cluster, REPO, KCAT, freePort, stopPid, findPid, run };
