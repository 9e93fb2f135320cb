/**
 * scripts/zookeeper-server-stop.sh
 * Sends SIGTERM (or $SIGNAL) to every ZooKeeper server on this host and stops our Docker containers.
 */
import { runAsMain, runStopCommand } from '../zookeeper-server/commands';

runAsMain(() => runStopCommand());
