/**
 * Every znode Kafka 2.8 uses in ZooKeeper mode: its path and the JSON it holds, in one place.
 * Encoders write what Kafka writes (the same keys and value types); decoders accept every version
 * Kafka's own decoders accept. No I/O here.
 */

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

function parseJson(data: Buffer | null, what: string): Record<string, unknown> {
  if (!data || data.length === 0) throw new Error(`${what}: empty znode data`);
  const parsed: unknown = JSON.parse(data.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${what}: expected a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

function asInt(v: unknown, what: string): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`${what}: expected an integer`);
  return n;
}

function asIntArray(v: unknown, what: string): number[] {
  if (!Array.isArray(v)) throw new Error(`${what}: expected an array`);
  return v.map((x) => asInt(x, what));
}

/** Persistent paths every broker creates at startup if missing (Kafka's `PersistentZkPaths`). */
export const PERSISTENT_ZK_PATHS = [
  '/consumers',
  '/brokers/ids',
  '/brokers/topics',
  '/config/changes',
  '/admin/delete_topics',
  '/brokers/seqid',
  '/isr_change_notification',
  '/latest_producer_id_block',
  '/log_dir_event_notification',
  '/config/topics',
  '/config/clients',
  '/config/users',
  '/config/brokers',
  '/config/ips',
] as const;

export const ClusterIdZNode = {
  path: '/cluster/id',
  encode(id: string): Buffer {
    return utf8(JSON.stringify({ version: '1', id }));
  },
  decode(data: Buffer | null): string {
    const json = parseJson(data, ClusterIdZNode.path);
    if (typeof json['id'] !== 'string') throw new Error(`${ClusterIdZNode.path}: missing id`);
    return json['id'];
  },
};

export const ControllerZNode = {
  path: '/controller',
  encode(brokerId: number, timestampMs: number): Buffer {
    return utf8(JSON.stringify({ version: 1, brokerid: brokerId, timestamp: String(timestampMs) }));
  },
  /** The controller's broker id; older Kafka wrote a bare integer, which is accepted too. */
  decode(data: Buffer | null): number {
    const text = data?.toString('utf8').trim() ?? '';
    if (/^-?\d+$/.test(text)) return Number(text);
    return asInt(parseJson(data, ControllerZNode.path)['brokerid'], 'brokerid');
  },
};

export const ControllerEpochZNode = {
  path: '/controller_epoch',
  encode(epoch: number): Buffer {
    return utf8(String(epoch));
  },
  decode(data: Buffer | null): number {
    return asInt(data?.toString('utf8').trim(), ControllerEpochZNode.path);
  },
};

export interface EndPoint {
  listenerName: string;
  securityProtocol: string;
  host: string;
  port: number;
}

export interface BrokerInfo {
  id: number;
  endpoints: EndPoint[];
  rack: string | null;
  jmxPort: number;
  timestampMs: number;
  version: number;
  features: Record<string, unknown>;
}

export const BrokerIdsZNode = {
  path: '/brokers/ids',
};

export const BrokerIdZNode = {
  path(id: number): string {
    return `/brokers/ids/${id}`;
  },
  /** Registration JSON v5 (IBP >= 2.7-IV0), the same keys and types Kafka 2.8 writes. */
  encode(info: Omit<BrokerInfo, 'version'>): Buffer {
    const plaintext = info.endpoints.find((e) => e.securityProtocol === 'PLAINTEXT');
    const protocolMap: Record<string, string> = {};
    for (const e of info.endpoints) protocolMap[e.listenerName] = e.securityProtocol;
    const json: Record<string, unknown> = {
      features: info.features,
      listener_security_protocol_map: protocolMap,
      endpoints: info.endpoints.map((e) => `${e.listenerName}://${formatHost(e.host)}:${e.port}`),
      jmx_port: info.jmxPort,
      host: plaintext ? plaintext.host : null,
      timestamp: String(info.timestampMs),
      port: plaintext ? plaintext.port : -1,
      version: 5,
    };
    if (info.rack !== null) json['rack'] = info.rack;
    return utf8(JSON.stringify(json));
  },
  /** Accepts registration versions 1 to 5. */
  decode(id: number, data: Buffer | null): BrokerInfo {
    const json = parseJson(data, BrokerIdZNode.path(id));
    const version = asInt(json['version'], 'version');
    const protocolMap = (json['listener_security_protocol_map'] ?? {}) as Record<string, string>;
    let endpoints: EndPoint[];
    if (version >= 2 && Array.isArray(json['endpoints'])) {
      endpoints = (json['endpoints'] as unknown[]).map((e) => {
        const parsed = parseEndpointString(String(e));
        return { ...parsed, securityProtocol: protocolMap[parsed.listenerName] ?? parsed.listenerName };
      });
    } else {
      endpoints = [
        {
          listenerName: 'PLAINTEXT',
          securityProtocol: 'PLAINTEXT',
          host: String(json['host']),
          port: asInt(json['port'], 'port'),
        },
      ];
    }
    return {
      id,
      endpoints,
      rack: typeof json['rack'] === 'string' ? json['rack'] : null,
      jmxPort: json['jmx_port'] === undefined ? -1 : asInt(json['jmx_port'], 'jmx_port'),
      timestampMs: json['timestamp'] === undefined ? 0 : asInt(json['timestamp'], 'timestamp'),
      version,
      features: (json['features'] ?? {}) as Record<string, unknown>,
    };
  },
};

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Parses `NAME://host:port`, with `[v6]` hosts and an empty host allowed. */
export function parseEndpointString(s: string): { listenerName: string; host: string; port: number } {
  const m = /^([A-Za-z0-9_.-]+):\/\/(\[[^\]]*\]|[^:]*):(-?\d+)$/.exec(s.trim());
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) {
    throw new Error(`Unable to parse ${s} to a broker endpoint`);
  }
  const host = m[2].startsWith('[') ? m[2].slice(1, -1) : m[2];
  return { listenerName: m[1].toUpperCase(), host, port: Number(m[3]) };
}

export const BrokerSequenceIdZNode = {
  path: '/brokers/seqid',
};

export const TopicsZNode = {
  path: '/brokers/topics',
};

export interface TopicAssignment {
  /** partition id -> replica broker ids, in preference order */
  partitions: Map<number, number[]>;
  addingReplicas: Map<number, number[]>;
  removingReplicas: Map<number, number[]>;
  topicId: string | null;
}

function mapToJson(m: Map<number, number[]>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [k, v] of [...m.entries()].sort((a, b) => a[0] - b[0])) out[String(k)] = v;
  return out;
}

function jsonToMap(v: unknown, what: string): Map<number, number[]> {
  const out = new Map<number, number[]>();
  if (v === undefined || v === null) return out;
  if (typeof v !== 'object') throw new Error(`${what}: expected an object`);
  for (const [k, reps] of Object.entries(v as Record<string, unknown>))
    out.set(asInt(k, what), asIntArray(reps, what));
  return out;
}

export const TopicZNode = {
  path(topic: string): string {
    return `/brokers/topics/${topic}`;
  },
  /** Kafka 2.8 always writes version 3, with `topic_id` only when one is known. */
  encode(a: TopicAssignment): Buffer {
    const json: Record<string, unknown> = {
      version: 3,
      partitions: mapToJson(a.partitions),
      adding_replicas: mapToJson(a.addingReplicas),
      removing_replicas: mapToJson(a.removingReplicas),
    };
    if (a.topicId !== null) json['topic_id'] = a.topicId;
    return utf8(JSON.stringify(json));
  },
  decode(topic: string, data: Buffer | null): TopicAssignment {
    const json = parseJson(data, TopicZNode.path(topic));
    return {
      partitions: jsonToMap(json['partitions'], 'partitions'),
      addingReplicas: jsonToMap(json['adding_replicas'], 'adding_replicas'),
      removingReplicas: jsonToMap(json['removing_replicas'], 'removing_replicas'),
      topicId: typeof json['topic_id'] === 'string' ? json['topic_id'] : null,
    };
  },
};

export const TopicPartitionsZNode = {
  path: (topic: string): string => `/brokers/topics/${topic}/partitions`,
};

export const TopicPartitionZNode = {
  path: (topic: string, partition: number): string => `/brokers/topics/${topic}/partitions/${partition}`,
};

export interface LeaderIsrAndControllerEpoch {
  leader: number;
  leaderEpoch: number;
  isr: number[];
  controllerEpoch: number;
}

export const TopicPartitionStateZNode = {
  path: (topic: string, partition: number): string =>
    `/brokers/topics/${topic}/partitions/${partition}/state`,
  encode(s: LeaderIsrAndControllerEpoch): Buffer {
    return utf8(
      JSON.stringify({
        controller_epoch: s.controllerEpoch,
        leader: s.leader,
        version: 1,
        leader_epoch: s.leaderEpoch,
        isr: s.isr,
      }),
    );
  },
  decode(data: Buffer | null): LeaderIsrAndControllerEpoch {
    const json = parseJson(data, 'partition state');
    return {
      leader: asInt(json['leader'], 'leader'),
      leaderEpoch: asInt(json['leader_epoch'], 'leader_epoch'),
      isr: asIntArray(json['isr'], 'isr'),
      controllerEpoch: asInt(json['controller_epoch'], 'controller_epoch'),
    };
  },
};

export type ConfigEntityType = 'topics' | 'clients' | 'users' | 'brokers' | 'ips';

export const ConfigEntityZNode = {
  path: (entityType: ConfigEntityType, entityName: string): string => `/config/${entityType}/${entityName}`,
  encode(config: Map<string, string> | Record<string, string>): Buffer {
    const obj = config instanceof Map ? Object.fromEntries(config) : config;
    return utf8(JSON.stringify({ version: 1, config: obj }));
  },
  decode(data: Buffer | null): Map<string, string> {
    if (!data || data.length === 0) return new Map();
    const json = parseJson(data, 'config');
    const config = (json['config'] ?? {}) as Record<string, unknown>;
    return new Map(Object.entries(config).map(([k, v]) => [k, String(v)]));
  },
};

export const ConfigEntityChangeNotificationZNode = {
  path: '/config/changes',
  sequencePrefix: '/config/changes/config_change_',
  encode(entityPath: string): Buffer {
    return utf8(JSON.stringify({ version: 2, entity_path: entityPath }));
  },
  decode(data: Buffer | null): string {
    return String(parseJson(data, 'config change')['entity_path']);
  },
};

export const DeleteTopicsZNode = {
  path: '/admin/delete_topics',
};

export const DeleteTopicsTopicZNode = {
  path: (topic: string): string => `/admin/delete_topics/${topic}`,
};

export interface TopicPartitionRef {
  topic: string;
  partition: number;
}

function encodePartitionList(partitions: TopicPartitionRef[]): Buffer {
  return utf8(JSON.stringify({ version: 1, partitions }));
}

function decodePartitionList(data: Buffer | null): TopicPartitionRef[] {
  const json = parseJson(data, 'partition list');
  const list = json['partitions'];
  if (!Array.isArray(list)) return [];
  return list.map((p: { topic?: unknown; partition?: unknown }) => ({
    topic: String(p.topic),
    partition: asInt(p.partition, 'partition'),
  }));
}

export const IsrChangeNotificationZNode = {
  path: '/isr_change_notification',
  sequencePrefix: '/isr_change_notification/isr_change_',
  encode: encodePartitionList,
  decode: decodePartitionList,
};

export const PreferredReplicaElectionZNode = {
  path: '/admin/preferred_replica_election',
  encode: encodePartitionList,
  decode: decodePartitionList,
};

export const ReassignPartitionsZNode = {
  path: '/admin/reassign_partitions',
};

export const LogDirEventNotificationZNode = {
  path: '/log_dir_event_notification',
};

export interface ProducerIdBlock {
  brokerId: number;
  blockStartProducerId: bigint;
  blockEndProducerId: bigint;
}

export const ProducerIdBlockZNode = {
  path: '/latest_producer_id_block',
  blockSize: 1000n,
  encode(b: ProducerIdBlock): Buffer {
    return utf8(
      JSON.stringify({
        version: 1,
        broker: b.brokerId,
        block_start: b.blockStartProducerId.toString(),
        block_end: b.blockEndProducerId.toString(),
      }),
    );
  },
  decode(data: Buffer | null): ProducerIdBlock | null {
    if (!data || data.length === 0) return null;
    const json = parseJson(data, ProducerIdBlockZNode.path);
    return {
      brokerId: asInt(json['broker'], 'broker'),
      blockStartProducerId: BigInt(String(json['block_start'])),
      blockEndProducerId: BigInt(String(json['block_end'])),
    };
  },
};

export const FeatureZNode = {
  path: '/feature',
  /** 2.8 defines no features; status 1 means Enabled. */
  encode(status: 0 | 1 = 1): Buffer {
    return utf8(JSON.stringify({ features: {}, version: 1, status }));
  },
};
