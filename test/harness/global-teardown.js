'use strict';
/** Stops the ZooKeeper that global-setup.js started (not one given through ZK_CONNECT). */
module.exports = async () => {
  const zk = globalThis.__KAFKA_TS_ZOOKEEPER__;
  if (zk === undefined) return;
  delete globalThis.__KAFKA_TS_ZOOKEEPER__;
  // Forget it too, so a second run in watch mode starts a fresh server.
  delete process.env.ZK_CONNECT;
  await zk.stop();
};
