/**
 * scripts/zookeeper-server-start.sh [-daemon] zookeeper.properties
 * Starts ZooKeeper from a local install (or the official Docker image) the way Kafka's script does.
 */
import { runAsMain, runStartCommand } from '../zookeeper-server/commands';

runAsMain(() => runStartCommand(process.argv.slice(2)));
