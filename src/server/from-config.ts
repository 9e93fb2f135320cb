/**
 * Reads server.properties (plus `--override`s) into KafkaConfig and resolves the ServerSettings the
 * broker's components use. Invalid values throw ConfigException naming the key.
 */
import { loadPropertiesFile } from '../common/java-properties';
import type { EndPoint as ConfigEndPoint } from './config';
import { KafkaConfig } from './config';
import type { EndPoint } from '../zk/zk-data';
import type { ServerSettings } from './server-settings';

function toEndPoint(e: ConfigEndPoint): EndPoint {
  return {
    listenerName: e.listenerName,
    securityProtocol: e.securityProtocol,
    host: e.host ?? '',
    port: e.port,
  };
}

export function settingsFromConfig(config: KafkaConfig): ServerSettings {
  return {
    brokerId: config.brokerId,
    brokerIdGenerationEnable: config.brokerIdGenerationEnable,
    reservedBrokerMaxId: config.maxReservedBrokerId,
    rack: config.rack,
    zookeeperConnect: config.zookeeperConnect,
    zkSessionTimeoutMs: config.zkSessionTimeoutMs,
    zkConnectionTimeoutMs: config.zkConnectionTimeoutMs,
    logDirs: config.logDirs,
    listeners: config.listeners.map(toEndPoint),
    advertisedListeners: config.advertisedListeners.map(toEndPoint),
    socketRequestMaxBytes: config.socketRequestMaxBytes,
    controlledShutdownEnable: config.controlledShutdownEnable,
    interBrokerListenerName: config.interBrokerListenerName,
    deleteTopicEnable: config.deleteTopicEnable,
    uncleanLeaderElectionEnable: config.uncleanLeaderElectionEnable,
    controllerSocketTimeoutMs: config.controllerSocketTimeoutMs,
    kafkaConfig: config,
    configLogString: config.toLogString(),
  };
}

export function loadServerSettings(
  propertiesFile: string,
  overrides: Map<string, string>,
): { config: KafkaConfig; settings: ServerSettings; unknownKeys: string[] } {
  const props = loadPropertiesFile(propertiesFile);
  const { config, unknownKeys } = KafkaConfig.fromProperties(props, overrides);
  return { config, settings: settingsFromConfig(config), unknownKeys };
}
