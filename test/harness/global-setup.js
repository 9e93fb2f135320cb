'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: jest loads this file untransformed */
/**
 * Integration runs share one real ZooKeeper, started here and stopped in global-teardown.js.
 * Tests find it in process.env.ZK_CONNECT (e.g. 127.0.0.1:34567) and keep to a chroot of their
 * own (127.0.0.1:34567/test-<random>). If ZK_CONNECT is already set, that server is used instead
 * and none is started.
 */
const { startSharedZooKeeper } = require('./zookeeper');

module.exports = async () => {
  if (process.env.ZK_CONNECT) return;
  const zk = await startSharedZooKeeper();
  globalThis.__KAFKA_TS_ZOOKEEPER__ = zk;
  // Set before jest starts its workers, which inherit this environment.
  process.env.ZK_CONNECT = zk.connectString;
};
