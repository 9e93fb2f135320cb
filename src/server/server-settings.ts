/**
 * The settings the broker's composition root reads, resolved from KafkaConfig (see from-config.ts).
 * Kept narrow so that each component depends on what it uses.
 */
import type { EndPoint } from '../zk/zk-data';
import type { KafkaConfig } from './config';

export interface ServerSettings {
  brokerId: number;
  brokerIdGenerationEnable: boolean;
  reservedBrokerMaxId: number;
  rack: string | null;
  zookeeperConnect: string;
  zkSessionTimeoutMs: number;
  zkConnectionTimeoutMs: number;
  logDirs: string[];
  /** What the broker binds. */
  listeners: EndPoint[];
  /** What the broker registers in ZooKeeper (an empty host becomes the canonical host name). */
  advertisedListeners: EndPoint[];
  socketRequestMaxBytes: number;
  controlledShutdownEnable: boolean;
  interBrokerListenerName: string;
  deleteTopicEnable: boolean;
  uncleanLeaderElectionEnable: boolean;
  controllerSocketTimeoutMs: number;
  /** Everything else, for components that read broker defaults (topic configs, auto-creation...). */
  kafkaConfig: KafkaConfig;
  /** The full config dump logged at startup (`KafkaConfig values: ...`). */
  configLogString: string;
}

/** Splits `host:port,host:port/chroot` into the servers and the chroot ('' when none). */
export function splitZkConnect(connect: string): { servers: string; chroot: string } {
  const slash = connect.indexOf('/');
  if (slash < 0) return { servers: connect, chroot: '' };
  const chroot = connect.slice(slash).replace(/\/+$/, '');
  return { servers: connect.slice(0, slash), chroot };
}
