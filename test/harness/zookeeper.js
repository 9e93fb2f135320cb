'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: jest loads this file untransformed */
/**
 * The ZooKeeper shared by every integration test: one real server (the local install, started
 * through the compiled dist/zookeeper-server module) on a free 127.0.0.1 port, with its data and
 * logs in a temporary directory that is removed when it stops.
 *
 * Jest loads global-setup.js and global-teardown.js without transforming them, so this file is
 * plain JavaScript and uses the compiled module; it rebuilds dist/ first when dist is missing or
 * older than src/zookeeper-server.
 *
 * The server runs with tickTime=500 and maxSessionTimeout=60000, so sessions may be negotiated
 * anywhere from 1 s (tests that expire a broker quickly) up to 60 s (Kafka's 18 s default).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');
const compiledModule = path.join(repoRoot, 'dist', 'zookeeper-server', 'index.js');
const sourceDir = path.join(repoRoot, 'src', 'zookeeper-server');

function newestSourceTime() {
  let newest = 0;
  for (const name of fs.readdirSync(sourceDir)) {
    if (name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(sourceDir, name)).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  if (fs.existsSync(compiledModule) && fs.statSync(compiledModule).mtimeMs >= newestSourceTime()) return;
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'pipe', timeout: 180000 });
  } catch (error) {
    // tsc still writes JavaScript when some other file has type errors; only a missing module is fatal.
    if (!fs.existsSync(compiledModule)) {
      const output =
        error && error.stdout ? String(error.stdout) + String(error.stderr || '') : String(error);
      throw new Error(`'npm run build' failed and ${compiledModule} is missing:\n${output}`);
    }
  }
}

/** The compiled src/zookeeper-server module. */
function loadZooKeeperModule() {
  ensureBuilt();
  return require(compiledModule);
}

/**
 * Starts the shared server. Resolves with { connectString, clientPort, pid, baseDir, stop() }.
 * A free port can be taken by someone else before ZooKeeper binds it, so up to three are tried.
 */
async function startSharedZooKeeper() {
  const zk = loadZooKeeperModule();
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-ts-it-zookeeper-'));
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const clientPort = await zk.findFreePort('127.0.0.1');
    try {
      const server = await zk.startZooKeeper({
        dataDir: path.join(baseDir, 'data'),
        clientPort,
        logDir: path.join(baseDir, 'logs'),
        startTimeoutMs: 60000,
        properties: { tickTime: '500', maxSessionTimeout: '60000' },
      });
      return {
        connectString: server.connectString,
        clientPort: server.clientPort,
        pid: server.pid,
        baseDir,
        async stop() {
          try {
            await server.stop();
          } finally {
            fs.rmSync(baseDir, { recursive: true, force: true });
          }
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  fs.rmSync(baseDir, { recursive: true, force: true });
  throw lastError;
}

module.exports = { loadZooKeeperModule, startSharedZooKeeper };
