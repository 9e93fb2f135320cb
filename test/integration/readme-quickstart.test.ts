/**
 * The README's first command, run as a newcomer would: in a fresh clone of this repository, set up and
 * start a cluster, then look at it through ZooKeeper. It uses the real ports (2181, 9092-9094), so it
 * refuses to run over a cluster that is already there rather than disturb it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, eventually, tempDir, waitForPortsFree, zkInspector } from '../harness/brokers';

const PORTS = [2181, 9092, 9093, 9094];

jest.setTimeout(300_000);

function readmeCommands(): string[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```bash\n([^\n]+)\n```/g)].map((m) => m[1] ?? '');
}

describe('the README', () => {
  it('opens with a setup-and-start command and a test command', () => {
    const [start, test] = readmeCommands();
    expect(start).toBe('bash scripts/setup.sh && bash scripts/start-cluster.sh');
    expect(test).toBe('bash scripts/setup.sh && npm test');
    expect(fs.readFileSync(path.join(REPO_ROOT, '.ci', 'run'), 'utf8')).toContain(test);
  });

  it('first command gives a fresh clone a running ZooKeeper and three brokers', async () => {
    const busy = await waitForPortsFree(PORTS);
    if (busy.length > 0) {
      throw new Error(
        `ports ${busy.join(', ')} are already in use: stop the cluster running on this machine first`,
      );
    }
    const clone = path.join(tempDir('readme-clone'), 'kafka-ts');
    execFileSync('git', ['clone', '--quiet', REPO_ROOT, clone]);
    // ZooKeeper keeps live sessions (and so brokers' ephemeral registrations) across restarts in its
    // dataDir; the stock /tmp/zookeeper may hold some from an earlier cluster. Use a fresh one.
    const zkProps = path.join(clone, 'config', 'zookeeper.properties');
    fs.writeFileSync(
      zkProps,
      fs.readFileSync(zkProps, 'utf8').replace(/^dataDir=.*$/m, `dataDir=${tempDir('readme-zk')}`),
    );
    const [start] = readmeCommands();
    const stop = async (): Promise<void> => {
      for (const n of [0, 1, 2]) {
        spawnSync(
          'bash',
          [path.join(clone, 'scripts/kafka-server-stop.sh'), `labs/lab2/config/server-${n}.properties`],
          {
            cwd: clone,
          },
        );
      }
      // Brokers close their ZooKeeper sessions as they exit: wait for them before stopping ZooKeeper.
      await eventually(
        async () => spawnSync('pgrep', ['-f', `^java kafka\\.Kafka ${clone}/`]).status === 1,
        60_000,
        'the brokers to exit',
      ).catch(() => undefined);
      spawnSync('bash', [path.join(clone, 'scripts/zookeeper-server-stop.sh')], {
        cwd: clone,
        env: { ...process.env, ZOOKEEPER_STOP_MATCH: clone },
      });
    };
    try {
      const result = spawnSync('bash', ['-c', start ?? ''], {
        cwd: clone,
        encoding: 'utf8',
        timeout: 240_000,
      });
      const shown = { status: result.status, stdout: result.stdout, stderr: result.stderr };
      expect(shown).toEqual({
        status: 0,
        stdout: expect.any(String),
        stderr: expect.not.stringMatching(/ERROR/),
      });
      expect(result.stdout).toContain('Started broker 2 on localhost:9094');
      const zk = await zkInspector('127.0.0.1:2181');
      try {
        const ids = await eventually(
          async () => {
            const children = ((await zk.getChildren('/brokers/ids')) ?? []).map(Number).sort();
            return children.length === 3 ? children : null;
          },
          20_000,
          'three registered brokers',
        );
        expect(ids).toEqual([0, 1, 2]);
        expect(await zk.exists('/controller')).not.toBeNull();
      } finally {
        await zk.close();
      }
      expect(fs.existsSync(path.join(clone, 'logs', 'kafka-0', 'meta.properties'))).toBe(true);
      // Three brokers append to one server.log, as Kafka's do; the line may land a moment after the port opens.
      await eventually(
        async () =>
          fs
            .readFileSync(path.join(clone, 'logs', 'server.log'), 'utf8')
            .includes('[KafkaServer id=2] started'),
        20_000,
        'the started line of broker 2 in logs/server.log',
      );
    } finally {
      await stop();
      // Leave the ports free for whatever runs next (the stop scripts do not wait).
      await waitForPortsFree(PORTS);
    }
  });
});
