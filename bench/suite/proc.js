'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node directly */
/**
 * Process measurements for the benchmark suite, from /proc (Linux only):
 *
 * - cpuSeconds(pid): user + system CPU of a live process;
 * - memory(pid): current and peak resident set (VmRSS, VmHWM) in KiB; resetPeak(pid) restarts
 *   VmHWM (writing 5 to /proc/<pid>/clear_refs, Linux 4.0+), so each run gets its own peak;
 * - RssSampler: the largest VmRSS seen every 100 ms, a second opinion on the peak;
 * - runMeasured(cmd, args): runs a client under `sh`, which reports its waited-for children's CPU
 *   (cutime + cstime of /proc/<sh>/stat) on fd 3 once the client exits: exact client CPU.
 */
const fs = require('node:fs');
const os = require('node:os');
const { spawn, execFileSync } = require('node:child_process');
const { setTimeout: sleep } = require('node:timers/promises');
const { setInterval, clearInterval, setTimeout, clearTimeout } = require('node:timers');

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // keep Linux's usual 100
}

/** The fields after the command name of /proc/<pid>/stat (index 0 is field 3, the state). */
function statFields(text) {
  return text
    .slice(text.lastIndexOf(')') + 2)
    .trim()
    .split(/\s+/);
}

function cpuSeconds(pid) {
  try {
    const f = statFields(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return (Number(f[11]) + Number(f[12])) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

function memory(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key) => Number((new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status) || [])[1] || NaN);
    return { rssKiB: kib('VmRSS'), peakKiB: kib('VmHWM') };
  } catch {
    return { rssKiB: Number.NaN, peakKiB: Number.NaN };
  }
}

function resetPeak(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

class RssSampler {
  constructor(pids, everyMs = 100) {
    this.max = new Map(pids.map((p) => [p, 0]));
    this.timer = setInterval(() => this.sample(), everyMs);
    this.sample();
  }

  sample() {
    for (const pid of this.max.keys()) {
      const { rssKiB } = memory(pid);
      if (rssKiB > (this.max.get(pid) || 0)) this.max.set(pid, rssKiB);
    }
  }

  stop() {
    clearInterval(this.timer);
    this.sample();
    return this.max;
  }
}

/** Process groups of clients still running (killed by killClients on the way out). */
const liveGroups = new Set();

function killGroup(pgid) {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function killClients() {
  for (const pgid of liveGroups) killGroup(pgid);
  liveGroups.clear();
}

const WRAPPER = '"$@"; rc=$?; read -r s < /proc/$$/stat; echo "$s" >&3; exit $rc';

/**
 * Runs `cmd args` and resolves { code, signal, stdout, stderr, wallMs, cpuSeconds }. `stdoutBytes`
 * counts stdout without keeping it when `keepStdout` is false. Rejects on timeoutMs (killing it).
 */
function runMeasured(cmd, args, { env, cwd, timeoutMs = 600000, keepStdout = true, input } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // Its own process group, so a timeout (or the suite's cleanup) can stop the client with the shell.
    const child = spawn('sh', ['-c', WRAPPER, 'sh', cmd, ...args], {
      env: env || process.env,
      cwd,
      detached: true,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe', 'pipe'],
    });
    liveGroups.add(child.pid);
    let stdout = '';
    let stdoutBytes = 0;
    let stderr = '';
    let stat = '';
    child.stdout.on('data', (d) => {
      stdoutBytes += d.length;
      if (keepStdout) stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d) => (stderr += d.toString('utf8')));
    child.stdio[3].on('data', (d) => (stat += d.toString('utf8')));
    if (input !== undefined) child.stdin.end(input);
    const timer = setTimeout(() => {
      killGroup(child.pid);
      reject(new Error(`${cmd} timed out after ${timeoutMs} ms\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      liveGroups.delete(child.pid);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const f = stat === '' ? [] : statFields(stat);
      const cpu = f.length > 14 ? (Number(f[13]) + Number(f[14])) / clockTicks : Number.NaN;
      resolve({ code, signal, stdout, stdoutBytes, stderr, wallMs, cpuSeconds: cpu, pid: child.pid });
    });
  });
}

/** Waits until fn() is truthy (polling every 100 ms) or throws after timeoutMs. */
async function waitFor(what, timeoutMs, fn) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let last;
    try {
      if (await fn()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last}` : ''}`);
    await sleep(100);
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    nproc: cpus.length,
    cpuModel: (cpus[0] && cpus[0].model) || 'unknown',
    memTotalGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: os.release(),
  };
}

/** The 1-minute load average. */
function load() {
  return { loadavg1: os.loadavg()[0] };
}

/** CPU-seconds the whole machine has spent busy (all CPUs; /proc/stat minus idle and iowait). */
function machineBusySeconds() {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return (total - (f[3] || 0) - (f[4] || 0)) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

module.exports = {
  machineBusySeconds,
  killClients,
  cpuSeconds,
  memory,
  resetPeak,
  RssSampler,
  runMeasured,
  waitFor,
  machine,
  load,
  clockTicks,
};
