/** The broker's configuration layer: see README.md in this folder. */
export { AbstractConfig } from './abstract-config';
export { ALL_API_VERSIONS, LATEST_API_VERSION, apiVersion, parseApiVersion } from './api-version';
export type { ApiVersion } from './api-version';
export {
  ConfigDef,
  ConfigException,
  LONG_MAX,
  NO_DEFAULT,
  NonEmptyString,
  Password,
  Range,
  ValidList,
  ValidString,
  formatValue,
  key,
  parseType,
  resolveSynonyms,
} from './config-def';
export type { ConfigType, ConfigValue, Importance, KeySpec, Validator } from './config-def';
export { BROKER_CONFIG_DEF, BROKER_KEYS, KafkaConfig, TIME_SYNONYMS } from './kafka-config';
export type { BrokerConfigKey, KafkaConfigLoadResult } from './kafka-config';
export { BROKER_COMPRESSION_OPTIONS } from './kafka-config-validate';
export {
  endPointConnectionString,
  listenerListToEndPoints,
  parseListenerSecurityProtocolMap,
  resolveAdvertisedListeners,
  resolveListeners,
} from './listeners';
export type { EndPoint, ListenerSettings, SecurityProtocol } from './listeners';
