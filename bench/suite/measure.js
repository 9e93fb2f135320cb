'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node directly */
/**
 * Repetition and reporting for the suite: each variant runs once as a warm-up (not reported), then
 * `runs` times; every run is one JSON line (`"type":"run"`), and the variant ends with one summary
 * line (`"type":"summary"`) holding {min, median, max} of every numeric field of its runs. Broker CPU
 * (CPU-seconds per second of the run) and peak RSS come from /proc, around the client's run only;
 * so does the machine's total busy CPU, from which othersCpuPerSec (other users' load) is derived.
 */
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { setTimeout: sleep } = require('node:timers/promises');
const { cpuSeconds, memory, resetPeak, RssSampler, load, machineBusySeconds } = require('./proc');

/**
 * Asks each broker for its event-loop delays (SIGUSR2: the broker appends a JSON line to
 * <LOG_DIR>/event-loop-delay.log, see src/server/event-loop-monitor.ts) and returns the new lines.
 */
async function eventLoopReports(brokers) {
  const files = brokers.map((b) => path.join(b.logDir, 'event-loop-delay.log'));
  const before = files.map((f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8').length : 0));
  for (const b of brokers) {
    try {
      process.kill(b.pid, 'SIGUSR2');
    } catch {
      // a broker that is gone reports nothing
    }
  }
  const read = () =>
    files.map((f, i) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8').slice(before[i]) : ''));
  for (let i = 0; i < 50 && read().some((text) => !text.endsWith('\n')); i++) await sleep(20);
  return read().map((text) => (text.trim() === '' ? undefined : JSON.parse(text.trim().split('\n').pop())));
}

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function round(x, digits = 3) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** {min, median, max} of every numeric field present in all runs. */
function spread(runs) {
  const out = {};
  const keys = Object.keys(runs[0] || {}).filter((k) => runs.every((r) => typeof r[k] === 'number'));
  for (const k of keys) {
    const values = runs.map((r) => r[k]).filter((x) => Number.isFinite(x));
    if (values.length === 0) continue;
    out[k] = {
      min: round(Math.min(...values)),
      median: round(median(values)),
      max: round(Math.max(...values)),
    };
  }
  return out;
}

/** Runs fn() while watching the brokers; adds broker CPU/s and peak RSS (MiB) to its result. */
async function withBrokerStats(brokers, fn) {
  // Every run starts with no dirty page cache left by the one before (or by the disk anchor): the
  // kernel would otherwise throttle this run's writes for the previous run's data.
  execFileSync('sync');
  const pids = brokers.map((b) => b.pid);
  for (const pid of pids) resetPeak(pid);
  const cpu0 = pids.map(cpuSeconds);
  const sampler = new RssSampler(pids);
  const t0 = process.hrtime.bigint();
  const busy0 = machineBusySeconds();
  const loadBefore = load().loadavg1;
  await eventLoopReports(brokers); // starts a new interval in every broker
  let result;
  try {
    result = await fn();
  } finally {
    sampler.stop();
  }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const machineCpu = (machineBusySeconds() - busy0) / wall;
  const sampled = sampler.stop();
  const cpu = pids.map((pid, i) => (cpuSeconds(pid) - cpu0[i]) / wall);
  const peak = pids.map((pid) => Math.max(memory(pid).peakKiB || 0, sampled.get(pid) || 0) / 1024);
  const loops = await eventLoopReports(brokers);
  const loopMax = loops.map((r) => (r ? r.maxMs : NaN));
  return {
    ...result,
    brokerCpuPerSec: round(cpu.reduce((a, b) => a + b, 0)),
    brokerCpuPerSecEach: cpu.map((c) => round(c)),
    brokerPeakRssMiB: round(Math.max(...peak), 1),
    brokerPeakRssMiBEach: peak.map((p) => round(p, 1)),
    // The longest the broker's event loop was blocked during the run (a 10 ms timer's lateness).
    brokerMaxEventLoopDelayMs: round(Math.max(...loopMax.filter(Number.isFinite), 0), 1),
    brokerEventLoopP99MsEach: loops.map((r) => (r ? round(r.p99Ms, 1) : null)),
    // The whole machine's busy CPUs during the run: minus the broker and client CPU, what others used.
    machineCpuPerSec: round(machineCpu),
    loadavg1: round(Math.max(loadBefore, load().loadavg1), 2),
  };
}

/** Adds othersCpuPerSec: the machine's busy CPU/s minus the brokers' and the clients' (other users). */
function withOthers(r) {
  if (![r.machineCpuPerSec, r.brokerCpuPerSec, r.clientCpuPerSec].every(Number.isFinite)) return r;
  return { ...r, othersCpuPerSec: Math.max(0, r.machineCpuPerSec - r.brokerCpuPerSec - r.clientCpuPerSec) };
}

class Reporter {
  constructor(emit) {
    this.emit = emit;
    this.summaries = [];
  }

  /**
   * Warm-up + `runs` repetitions of `once(run)`; `once` returns the run's numbers (or throws: the
   * variant is reported as failed and the suite goes on).
   */
  async variant(workload, variant, runs, once, extra = {}) {
    const results = [];
    try {
      if (runs > 1) await once(0);
      for (let run = 1; run <= runs; run++) {
        const r = withOthers(await once(run));
        const line = { type: 'run', workload, variant, run, ...extra, ...roundAll(r) };
        this.emit(line);
        results.push(r);
      }
    } catch (err) {
      const line = {
        type: 'summary',
        workload,
        variant,
        ...extra,
        error: String(err && err.message ? err.message : err).slice(0, 2000),
      };
      this.emit(line);
      this.summaries.push(line);
      return line;
    }
    const line = { type: 'summary', workload, variant, runs: results.length, ...extra, ...spread(results) };
    this.emit(line);
    this.summaries.push(line);
    return line;
  }

  skipped(workload, variant, reason) {
    const line = { type: 'summary', workload, variant, skipped: reason };
    this.emit(line);
    this.summaries.push(line);
  }
}

function roundAll(r) {
  const out = {};
  for (const [k, v] of Object.entries(r)) out[k] = typeof v === 'number' ? round(v) : v;
  return out;
}

module.exports = { median, spread, withBrokerStats, Reporter, round };
