/**
 * Listener resolution as in Kafka 2.8 (`KafkaConfig.listeners` / `advertisedListeners`,
 * `CoreUtils.listenerListToEndPoints`, `EndPoint.createEndPoint`).
 *
 * - `listeners` unset → `PLAINTEXT://<host.name>:<port>` (so `PLAINTEXT://:9092` by default);
 * - `advertised.listeners` unset → `PLAINTEXT://<advertised.host.name or host.name>:<advertised.port
 *   or port>` if either advertised key is set, else the listeners (minus KRaft controller listeners);
 * - each entry is `NAME://host:port`; the name is upper-cased and must be a key of
 *   `listener.security.protocol.map`; an empty host (`PLAINTEXT://:9092`) means "all interfaces"
 *   (null here) and is advertised as the machine's canonical host name; IPv6 hosts go in brackets.
 *
 * Error messages are Kafka's.
 */
import { ConfigException } from './config-def';

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL';
const SECURITY_PROTOCOLS: readonly string[] = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'];

/** One listener of the broker (Kafka's `EndPoint`). */
export interface EndPoint {
  /** Upper-cased listener name, e.g. `PLAINTEXT` or `INTERNAL`. */
  readonly listenerName: string;
  readonly securityProtocol: SecurityProtocol;
  /** Null when the URI had no host: bind all interfaces, advertise the canonical host name. */
  readonly host: string | null;
  readonly port: number;
}

/** `NAME://host:port`, with IPv6 hosts in brackets and an empty host as `NAME://:port`. */
export function endPointConnectionString(ep: EndPoint): string {
  if (ep.host === null) return `${ep.listenerName}://:${ep.port}`;
  const host = ep.host.includes(':') ? `[${ep.host}]` : ep.host;
  return `${ep.listenerName}://${host}:${ep.port}`;
}

/** `SecurityProtocol.forName`, with KafkaConfig's message on failure. */
export function parseSecurityProtocol(name: string, configName: string): SecurityProtocol {
  const upper = name.toUpperCase();
  if (!SECURITY_PROTOCOLS.includes(upper))
    throw new ConfigException(`Invalid security protocol \`${name}\` defined in ${configName}`, configName);
  return upper as SecurityProtocol;
}

/** Java's `String.split(regex)`: trailing empty strings are dropped. */
function javaSplit(s: string, re: RegExp): string[] {
  const parts = s.split(re);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** `CoreUtils.parseCsvMap`: `k1:v1,k2:v2` (split at the last colon of each entry). */
export function parseCsvMap(configName: string, value: string): Map<string, string> {
  const map = new Map<string, string>();
  if (value === '') return map;
  for (const entry of javaSplit(value, /\s*,\s*/)) {
    const colon = entry.lastIndexOf(':');
    if (colon < 0)
      throw new ConfigException(
        `Error parsing configuration property '${configName}': begin 0, end -1, length ${entry.length}`,
        configName,
      );
    map.set(entry.slice(0, colon).trim(), entry.slice(colon + 1).trim());
  }
  return map;
}

/** Parses `listener.security.protocol.map` into upper-cased listener name → protocol. */
export function parseListenerSecurityProtocolMap(value: string): Map<string, SecurityProtocol> {
  const out = new Map<string, SecurityProtocol>();
  for (const [name, protocol] of parseCsvMap('listener.security.protocol.map', value))
    out.set(name.toUpperCase(), parseSecurityProtocol(protocol, 'listener.security.protocol.map'));
  return out;
}

const ENDPOINT = /^(.*):\/\/\[?([0-9a-zA-Z\-%._:]*)\]?:(-?[0-9]+)$/;

function createEndPoint(uri: string, protocolMap: ReadonlyMap<string, SecurityProtocol>): EndPoint {
  const m = ENDPOINT.exec(uri);
  if (!m) throw new Error(`Unable to parse ${uri} to a broker endpoint`);
  const [, name = '', host = '', portText = ''] = m;
  const port = Number(portText);
  if (!Number.isSafeInteger(port) || port > 2147483647 || port < -2147483648)
    throw new Error(`For input string: "${portText}"`);
  const listenerName = name.toUpperCase();
  const securityProtocol = protocolMap.get(listenerName);
  if (securityProtocol === undefined)
    throw new Error(`No security protocol defined for listener ${listenerName}`);
  return { listenerName, securityProtocol, host: host === '' ? null : host, port };
}

/**
 * `CoreUtils.listenerListToEndPoints`: parses a comma-separated listener list. Names must be
 * distinct; ports too (0 excepted) unless `requireDistinctPorts` is false (advertised listeners).
 */
export function listenerListToEndPoints(
  listeners: string,
  protocolMap: ReadonlyMap<string, SecurityProtocol>,
  requireDistinctPorts = true,
  configName = 'listeners',
): EndPoint[] {
  let endPoints: EndPoint[];
  try {
    const entries = listeners === '' ? [] : listeners.split(/\s*,\s*/).filter((s) => s !== '');
    endPoints = entries.map((entry) => createEndPoint(entry, protocolMap));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const key = reason.startsWith('No security protocol') ? 'listener.security.protocol.map' : configName;
    throw new ConfigException(`Error creating broker listeners from '${listeners}': ${reason}`, key);
  }
  const names = new Set(endPoints.map((ep) => ep.listenerName));
  if (names.size !== endPoints.length)
    throw new ConfigException(
      `requirement failed: Each listener must have a different name, listeners: ${listeners}`,
      configName,
    );
  if (requireDistinctPorts) {
    const ports = endPoints.map((ep) => ep.port).filter((p) => p !== 0);
    if (new Set(ports).size !== ports.length)
      throw new ConfigException(
        `requirement failed: Each listener must have a different port, listeners: ${listeners}`,
        configName,
      );
  }
  return endPoints;
}

/** The raw settings listener resolution depends on. */
export interface ListenerSettings {
  readonly listeners: string | null;
  readonly advertisedListeners: string | null;
  readonly hostName: string;
  readonly port: number;
  readonly advertisedHostName: string | null;
  readonly advertisedPort: number | null;
  readonly listenerSecurityProtocolMap: string;
  /** KRaft controller listener names (never advertised); empty in ZooKeeper mode. */
  readonly controllerListenerNames?: readonly string[];
}

/** The listeners the broker binds (`listeners`, else the legacy `host.name`/`port`). */
export function resolveListeners(s: ListenerSettings): EndPoint[] {
  const map = parseListenerSecurityProtocolMap(s.listenerSecurityProtocolMap);
  if (s.listeners !== null) return listenerListToEndPoints(s.listeners, map);
  return listenerListToEndPoints(`PLAINTEXT://${s.hostName}:${s.port}`, map);
}

/** The listeners registered in ZooKeeper for clients and other brokers to connect to. */
export function resolveAdvertisedListeners(s: ListenerSettings): EndPoint[] {
  const map = parseListenerSecurityProtocolMap(s.listenerSecurityProtocolMap);
  if (s.advertisedListeners !== null)
    return listenerListToEndPoints(s.advertisedListeners, map, false, 'advertised.listeners');
  if (s.advertisedHostName !== null || s.advertisedPort !== null) {
    const host = s.advertisedHostName ?? s.hostName;
    const port = s.advertisedPort ?? s.port;
    return listenerListToEndPoints(`PLAINTEXT://${host}:${port}`, map, false, 'advertised.listeners');
  }
  const controllers = s.controllerListenerNames ?? [];
  return resolveListeners(s).filter((ep) => !controllers.includes(ep.listenerName));
}
