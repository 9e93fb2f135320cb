import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventLoopMonitor } from '../../../src/server/event-loop-monitor';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // a synchronous stall, as a long GC pause or syscall would be
  }
}

describe('EventLoopMonitor', () => {
  it('reports a synchronous stall as the max delay, then starts a new interval', async () => {
    const monitor = new EventLoopMonitor(10);
    monitor.start();
    await pause(50);
    blockFor(80);
    await pause(50);
    const stalled = monitor.report();
    expect(stalled.maxMs).toBeGreaterThanOrEqual(60);
    expect(stalled.samples).toBeGreaterThan(0);
    expect(stalled.intervalMs).toBeGreaterThanOrEqual(150);

    await pause(60);
    const quiet = monitor.report();
    expect(quiet.maxMs).toBeLessThan(stalled.maxMs);
    monitor.stop();
    monitor.stop();
  });

  it('appends each report to a file as a JSON line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elm-'));
    const file = path.join(dir, 'event-loop-delay.log');
    const monitor = new EventLoopMonitor(10);
    monitor.start();
    await pause(30);
    monitor.appendReport(file);
    monitor.appendReport(file);
    monitor.stop();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(JSON.parse(line) as object).sort()).toEqual(
        ['intervalMs', 'maxMs', 'meanMs', 'p99Ms', 'samples', 'time'].sort(),
      );
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
