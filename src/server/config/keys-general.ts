/**
 * Broker keys, part 1: ZooKeeper, general, KRaft (2.8 defines these internally; a ZooKeeper-mode
 * broker ignores them), authorizer, socket server and rack. Names, types, defaults, validators and
 * importance are Kafka 2.8.2's (`KafkaConfig.configDef`).
 */
import { key, Range, ValidList } from './config-def';

const { atLeast } = Range;
const INT_MAX_VALUE = 2147483647;

/** `EndPoint.DefaultSecurityProtocolMap`: each security protocol is also a listener name. */
export const DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP =
  'PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL';

export const ZOOKEEPER_KEYS = [
  // In 2.8 zookeeper.connect has a null default: KafkaConfig itself insists on it in ZooKeeper mode.
  key('zookeeper.connect', 'STRING', null, 'HIGH'),
  key('zookeeper.session.timeout.ms', 'INT', 18000, 'HIGH'),
  key('zookeeper.connection.timeout.ms', 'INT', null, 'HIGH'),
  key('zookeeper.sync.time.ms', 'INT', 2000, 'LOW'),
  key('zookeeper.set.acl', 'BOOLEAN', false, 'HIGH'),
  key('zookeeper.max.in.flight.requests', 'INT', 10, 'HIGH', atLeast(1)),
  key('zookeeper.ssl.client.enable', 'BOOLEAN', false, 'MEDIUM'),
  key('zookeeper.clientCnxnSocket', 'STRING', null, 'MEDIUM'),
  key('zookeeper.ssl.keystore.location', 'STRING', null, 'MEDIUM'),
  key('zookeeper.ssl.keystore.password', 'PASSWORD', null, 'MEDIUM'),
  key('zookeeper.ssl.keystore.type', 'STRING', null, 'MEDIUM'),
  key('zookeeper.ssl.truststore.location', 'STRING', null, 'MEDIUM'),
  key('zookeeper.ssl.truststore.password', 'PASSWORD', null, 'MEDIUM'),
  key('zookeeper.ssl.truststore.type', 'STRING', null, 'MEDIUM'),
  key('zookeeper.ssl.protocol', 'STRING', 'TLSv1.2', 'LOW'),
  key('zookeeper.ssl.enabled.protocols', 'LIST', null, 'LOW'),
  key('zookeeper.ssl.cipher.suites', 'LIST', null, 'LOW'),
  key('zookeeper.ssl.endpoint.identification.algorithm', 'STRING', 'HTTPS', 'LOW'),
  key('zookeeper.ssl.crl.enable', 'BOOLEAN', false, 'LOW'),
  key('zookeeper.ssl.ocsp.enable', 'BOOLEAN', false, 'LOW'),
] as const;

export const GENERAL_KEYS = [
  key('broker.id.generation.enable', 'BOOLEAN', true, 'MEDIUM'),
  key('reserved.broker.max.id', 'INT', 1000, 'MEDIUM', atLeast(0)),
  key('broker.id', 'INT', -1, 'HIGH'),
  // 1 MiB plus the 12-byte log overhead (offset + size) of a record batch.
  key('message.max.bytes', 'INT', 1048588, 'HIGH', atLeast(0)),
  key('num.network.threads', 'INT', 3, 'HIGH', atLeast(1)),
  key('num.io.threads', 'INT', 8, 'HIGH', atLeast(1)),
  key('num.replica.alter.log.dirs.threads', 'INT', null, 'HIGH'),
  key('background.threads', 'INT', 10, 'HIGH', atLeast(1)),
  key('queued.max.requests', 'INT', 500, 'HIGH', atLeast(1)),
  key('queued.max.request.bytes', 'LONG', -1, 'MEDIUM'),
  key('request.timeout.ms', 'INT', 30000, 'HIGH'),
  key('socket.connection.setup.timeout.ms', 'LONG', 10000, 'MEDIUM'),
  key('socket.connection.setup.timeout.max.ms', 'LONG', 30000, 'MEDIUM'),
] as const;

/** KRaft keys that 2.8 defines as internal; they appear in the `KafkaConfig values:` dump. */
export const KRAFT_KEYS = [
  key('process.roles', 'LIST', [], 'HIGH', ValidList.in('broker', 'controller'), true),
  key('node.id', 'INT', -1, 'HIGH', null, true),
  key('initial.broker.registration.timeout.ms', 'INT', 60000, 'MEDIUM', null, true),
  key('broker.heartbeat.interval.ms', 'INT', 2000, 'MEDIUM', null, true),
  key('broker.session.timeout.ms', 'INT', 9000, 'MEDIUM', null, true),
  key('metadata.log.dir', 'STRING', null, 'HIGH', null, true),
  key('controller.listener.names', 'STRING', null, 'HIGH', null, true),
  key('sasl.mechanism.controller.protocol', 'STRING', 'GSSAPI', 'HIGH', null, true),
  key('controller.quorum.voters', 'LIST', [], 'HIGH', null, true),
  key('controller.quorum.election.timeout.ms', 'INT', 1000, 'HIGH', null, true),
  key('controller.quorum.fetch.timeout.ms', 'INT', 2000, 'HIGH', null, true),
  key('controller.quorum.election.backoff.max.ms', 'INT', 1000, 'HIGH', null, true),
  key('controller.quorum.append.linger.ms', 'INT', 25, 'MEDIUM', null, true),
  key('controller.quorum.request.timeout.ms', 'INT', 2000, 'MEDIUM', null, true),
  key('controller.quorum.retry.backoff.ms', 'INT', 20, 'LOW', null, true),
] as const;

export const SOCKET_SERVER_KEYS = [
  key('authorizer.class.name', 'STRING', '', 'LOW'),
  key('port', 'INT', 9092, 'HIGH'),
  key('host.name', 'STRING', '', 'HIGH'),
  key('listeners', 'STRING', null, 'HIGH'),
  key('advertised.host.name', 'STRING', null, 'HIGH'),
  key('advertised.port', 'INT', null, 'HIGH'),
  key('advertised.listeners', 'STRING', null, 'HIGH'),
  key('listener.security.protocol.map', 'STRING', DEFAULT_LISTENER_SECURITY_PROTOCOL_MAP, 'LOW'),
  key('control.plane.listener.name', 'STRING', null, 'HIGH'),
  key('socket.send.buffer.bytes', 'INT', 102400, 'HIGH'),
  key('socket.receive.buffer.bytes', 'INT', 102400, 'HIGH'),
  key('socket.request.max.bytes', 'INT', 104857600, 'HIGH', atLeast(1)),
  key('max.connections.per.ip', 'INT', INT_MAX_VALUE, 'MEDIUM', atLeast(0)),
  key('max.connections.per.ip.overrides', 'STRING', '', 'MEDIUM'),
  key('max.connections', 'INT', INT_MAX_VALUE, 'MEDIUM', atLeast(0)),
  key('max.connection.creation.rate', 'INT', INT_MAX_VALUE, 'MEDIUM', atLeast(0)),
  key('connections.max.idle.ms', 'LONG', 600000, 'MEDIUM'),
  key('connection.failed.authentication.delay.ms', 'INT', 100, 'LOW', atLeast(0)),
  key('broker.rack', 'STRING', null, 'MEDIUM'),
] as const;
