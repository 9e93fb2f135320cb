import {
  BrokerIdZNode,
  ClusterIdZNode,
  ConfigEntityZNode,
  ControllerEpochZNode,
  ControllerZNode,
  TopicPartitionStateZNode,
  TopicZNode,
  parseEndpointString,
} from '../../../src/zk/zk-data';

const json = (b: Buffer): unknown => JSON.parse(b.toString('utf8'));

describe('zk-data codecs write what Kafka 2.8 writes', () => {
  it('broker registration v5 has every key with Kafka types', () => {
    const data = BrokerIdZNode.encode({
      id: 0,
      endpoints: [
        { listenerName: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', host: 'localhost', port: 9092 },
      ],
      rack: null,
      jmxPort: -1,
      timestampMs: 1633000000000,
      features: {},
    });
    expect(json(data)).toEqual({
      features: {},
      listener_security_protocol_map: { PLAINTEXT: 'PLAINTEXT' },
      endpoints: ['PLAINTEXT://localhost:9092'],
      jmx_port: -1,
      host: 'localhost',
      timestamp: '1633000000000',
      port: 9092,
      version: 5,
    });
    const decoded = BrokerIdZNode.decode(0, data);
    expect(decoded.endpoints).toEqual([
      { listenerName: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', host: 'localhost', port: 9092 },
    ]);
    expect(decoded.version).toBe(5);
  });

  it('registration without a PLAINTEXT listener has null host and port -1, and a rack when set', () => {
    const data = BrokerIdZNode.encode({
      id: 3,
      endpoints: [{ listenerName: 'INTERNAL', securityProtocol: 'SSL', host: 'h', port: 9093 }],
      rack: 'r1',
      jmxPort: -1,
      timestampMs: 1,
      features: {},
    });
    const obj = json(data) as Record<string, unknown>;
    expect(obj['host']).toBeNull();
    expect(obj['port']).toBe(-1);
    expect(obj['rack']).toBe('r1');
    expect(obj['listener_security_protocol_map']).toEqual({ INTERNAL: 'SSL' });
  });

  it('decodes an old v1 registration with only host and port', () => {
    const info = BrokerIdZNode.decode(7, Buffer.from('{"version":1,"host":"old","port":9092,"jmx_port":-1}'));
    expect(info.endpoints).toEqual([
      { listenerName: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', host: 'old', port: 9092 },
    ]);
  });

  it('cluster id uses a string version; controller uses a string timestamp; epoch is bare ASCII', () => {
    expect(json(ClusterIdZNode.encode('abc'))).toEqual({ version: '1', id: 'abc' });
    expect(json(ControllerZNode.encode(2, 1633000000000))).toEqual({
      version: 1,
      brokerid: 2,
      timestamp: '1633000000000',
    });
    expect(ControllerZNode.decode(Buffer.from('3'))).toBe(3);
    expect(ControllerEpochZNode.encode(7).toString()).toBe('7');
    expect(ControllerEpochZNode.decode(Buffer.from('12'))).toBe(12);
  });

  it('topic assignment v3 with string partition keys and optional topic_id', () => {
    const data = TopicZNode.encode({
      partitions: new Map([
        [1, [0, 1, 2]],
        [0, [2, 0, 1]],
      ]),
      addingReplicas: new Map(),
      removingReplicas: new Map(),
      topicId: null,
    });
    expect(data.toString()).toBe(
      '{"version":3,"partitions":{"0":[2,0,1],"1":[0,1,2]},"adding_replicas":{},"removing_replicas":{}}',
    );
    const decoded = TopicZNode.decode('t', data);
    expect(decoded.partitions.get(0)).toEqual([2, 0, 1]);
    expect(decoded.topicId).toBeNull();
  });

  it('partition state and topic config', () => {
    const state = { leader: 2, leaderEpoch: 0, isr: [2, 0, 1], controllerEpoch: 1 };
    const data = TopicPartitionStateZNode.encode(state);
    expect(json(data)).toEqual({
      controller_epoch: 1,
      leader: 2,
      version: 1,
      leader_epoch: 0,
      isr: [2, 0, 1],
    });
    expect(TopicPartitionStateZNode.decode(data)).toEqual(state);
    expect(ConfigEntityZNode.encode(new Map()).toString()).toBe('{"version":1,"config":{}}');
    expect(ConfigEntityZNode.decode(Buffer.from('{"version":1,"config":{"retention.ms":"1000"}}'))).toEqual(
      new Map([['retention.ms', '1000']]),
    );
  });

  it('parses endpoint strings including empty and IPv6 hosts', () => {
    expect(parseEndpointString('PLAINTEXT://:9092')).toEqual({
      listenerName: 'PLAINTEXT',
      host: '',
      port: 9092,
    });
    expect(parseEndpointString('INTERNAL://[::1]:9093')).toEqual({
      listenerName: 'INTERNAL',
      host: '::1',
      port: 9093,
    });
    expect(() => parseEndpointString('nonsense')).toThrow('Unable to parse nonsense to a broker endpoint');
  });
});
