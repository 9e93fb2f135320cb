import {
  describeTopicLines,
  formatPartitionLine,
  formatTopicHeader,
  formatTopicList,
  javaHashMapOrder,
  javaStringHash,
  NO_FILTER,
  type DescribeFilter,
  type PartitionDescriptionData,
  type TopicDescriptionData,
} from '../../../../src/cli/topic-command/format';

const T = 'my-failsafe-topic';

function partitions(states: [number, number | null, number[], number[]][]): PartitionDescriptionData[] {
  return states.map(([partition, leader, replicas, isr]) => ({ partition, leader, replicas, isr }));
}

function topic(overrides: Partial<TopicDescriptionData> = {}): TopicDescriptionData {
  return {
    topic: T,
    topicId: null,
    partitions: partitions([
      [0, 2, [2, 0, 1], [2, 0, 1]],
      [1, 0, [0, 1, 2], [0, 1]],
      [2, null, [1, 2, 0], [1]],
      [3, 2, [2, 1, 0], [2, 1, 0]],
    ]),
    configs: [],
    markedForDeletion: false,
    ...overrides,
  };
}

const filter = (f: Partial<DescribeFilter>): DescribeFilter => ({ ...NO_FILTER, ...f });

describe('describe formatting', () => {
  it('prints the 2.8 header, without TopicId when there is none', () => {
    expect(formatTopicHeader(topic())).toBe(
      'Topic: my-failsafe-topic\tPartitionCount: 4\tReplicationFactor: 3\tConfigs: ',
    );
    expect(formatTopicHeader(topic({ topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }))).toBe(
      'Topic: my-failsafe-topic\tPartitionCount: 4\tReplicationFactor: 3\tConfigs: ',
    );
  });

  it('prints the TopicId, configs and deletion mark', () => {
    const d = topic({
      topicId: 'pS0MSk6dQw2Fg3O5_8Cv9A',
      markedForDeletion: true,
      configs: [
        { name: 'segment.bytes', value: '100000', isDefault: false },
        { name: 'retention.ms', value: '1000', isDefault: false },
        { name: 'min.insync.replicas', value: '2', isDefault: false },
        { name: 'compression.type', value: 'producer', isDefault: true },
      ],
    });
    expect(formatTopicHeader(d)).toBe(
      'Topic: my-failsafe-topic\tTopicId: pS0MSk6dQw2Fg3O5_8Cv9A\tPartitionCount: 4\tReplicationFactor: 3' +
        '\tConfigs: min.insync.replicas=2,segment.bytes=100000,retention.ms=1000\tMarkedForDeletion: true',
    );
  });

  it('prints partition lines starting with a TAB, Leader none for no leader', () => {
    const [p0, , p2] = topic().partitions;
    expect(formatPartitionLine(T, p0!, false)).toBe(
      '\tTopic: my-failsafe-topic\tPartition: 0\tLeader: 2\tReplicas: 2,0,1\tIsr: 2,0,1',
    );
    expect(formatPartitionLine(T, p2!, true)).toBe(
      '\tTopic: my-failsafe-topic\tPartition: 2\tLeader: none\tReplicas: 1,2,0\tIsr: 1\tMarkedForDeletion: true',
    );
    expect(formatPartitionLine(T, { partition: 5, leader: null, replicas: [2, 0, 1], isr: [] }, false)).toBe(
      '\tTopic: my-failsafe-topic\tPartition: 5\tLeader: none\tReplicas: 2,0,1\tIsr: ',
    );
  });

  it('shows a reassignment and counts the replication factor without the adding replicas', () => {
    const p: PartitionDescriptionData = {
      partition: 0,
      leader: 1,
      replicas: [1, 2, 3],
      isr: [1, 2],
      reassignment: { replicas: [1, 2, 3], adding: [3], removing: [] },
    };
    expect(formatPartitionLine(T, p, false)).toBe(
      '\tTopic: my-failsafe-topic\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2\tAdding Replicas: 3\tRemoving Replicas: ',
    );
    expect(formatTopicHeader(topic({ partitions: [p] }))).toContain('\tReplicationFactor: 2\t');
  });

  it('prints the header then every partition without filters', () => {
    expect(describeTopicLines(topic(), NO_FILTER, new Set([0, 1, 2]))).toEqual([
      'Topic: my-failsafe-topic\tPartitionCount: 4\tReplicationFactor: 3\tConfigs: ',
      '\tTopic: my-failsafe-topic\tPartition: 0\tLeader: 2\tReplicas: 2,0,1\tIsr: 2,0,1',
      '\tTopic: my-failsafe-topic\tPartition: 1\tLeader: 0\tReplicas: 0,1,2\tIsr: 0,1',
      '\tTopic: my-failsafe-topic\tPartition: 2\tLeader: none\tReplicas: 1,2,0\tIsr: 1',
      '\tTopic: my-failsafe-topic\tPartition: 3\tLeader: 2\tReplicas: 2,1,0\tIsr: 2,1,0',
    ]);
  });

  it('--under-replicated-partitions: only short-ISR partitions, no header', () => {
    expect(
      describeTopicLines(topic(), filter({ reportUnderReplicatedPartitions: true }), new Set([0, 1, 2])),
    ).toEqual([
      '\tTopic: my-failsafe-topic\tPartition: 1\tLeader: 0\tReplicas: 0,1,2\tIsr: 0,1',
      '\tTopic: my-failsafe-topic\tPartition: 2\tLeader: none\tReplicas: 1,2,0\tIsr: 1',
    ]);
  });

  it('--unavailable-partitions: no leader, or a leader that is not a live broker', () => {
    expect(
      describeTopicLines(topic(), filter({ reportUnavailablePartitions: true }), new Set([0, 1])),
    ).toEqual([
      '\tTopic: my-failsafe-topic\tPartition: 0\tLeader: 2\tReplicas: 2,0,1\tIsr: 2,0,1',
      '\tTopic: my-failsafe-topic\tPartition: 2\tLeader: none\tReplicas: 1,2,0\tIsr: 1',
      '\tTopic: my-failsafe-topic\tPartition: 3\tLeader: 2\tReplicas: 2,1,0\tIsr: 2,1,0',
    ]);
  });

  it('--topics-with-overrides: the header only, and only with overrides', () => {
    const f = filter({ reportOverriddenConfigs: true });
    expect(describeTopicLines(topic(), f, new Set())).toEqual([]);
    const withOverride = topic({ configs: [{ name: 'retention.ms', value: '5', isDefault: false }] });
    expect(describeTopicLines(withOverride, f, new Set())).toEqual([
      'Topic: my-failsafe-topic\tPartitionCount: 4\tReplicationFactor: 3\tConfigs: retention.ms=5',
    ]);
  });

  it('min-ISR filters use the topic min.insync.replicas (bootstrap mode)', () => {
    const d = topic({ minIsr: 2 });
    const live = new Set([0, 1, 2]);
    expect(
      describeTopicLines(d, filter({ reportUnderMinIsrPartitions: true }), live).map((l) => l.split('\t')[2]),
    ).toEqual(['Partition: 2']);
    expect(
      describeTopicLines(d, filter({ reportAtMinIsrPartitions: true }), live).map((l) => l.split('\t')[2]),
    ).toEqual(['Partition: 1']);
  });
});

describe('list formatting', () => {
  const topics = [
    { name: '__consumer_offsets', markedForDeletion: false },
    { name: 'a', markedForDeletion: true },
    { name: 'b', markedForDeletion: false },
  ];
  it('ZooKeeper mode marks topics being deleted', () => {
    expect(formatTopicList(topics, 'zookeeper')).toEqual([
      '__consumer_offsets',
      'a - marked for deletion',
      'b',
    ]);
    expect(formatTopicList([], 'zookeeper')).toEqual([]);
  });
  it('bootstrap mode prints the names in one println', () => {
    expect(formatTopicList(topics, 'bootstrap')).toEqual(['__consumer_offsets\na\nb']);
    expect(formatTopicList([], 'bootstrap')).toEqual(['']);
  });
});

describe('Java HashMap order (checked against a real java.util.HashMap)', () => {
  it('hashes strings as Java does', () => {
    expect(javaStringHash('')).toBe(0);
    expect(javaStringHash('a')).toBe(97);
    expect(javaStringHash('retention.ms')).toBe(javaStringHash('retention.ms'));
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
  });
  it.each([
    [
      [
        'min.insync.replicas',
        'retention.ms',
        'segment.bytes',
        'cleanup.policy',
        'compression.type',
        'max.message.bytes',
      ],
      'compression.type,cleanup.policy,max.message.bytes,min.insync.replicas,retention.ms,segment.bytes',
    ],
    [['segment.bytes', 'retention.ms'], 'segment.bytes,retention.ms'],
    [
      ['segment.bytes', 'retention.ms', 'min.insync.replicas', 'compression.type'],
      'compression.type,min.insync.replicas,segment.bytes,retention.ms',
    ],
    [
      'a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd'.split(' '),
      'bb,dd,aa,cc,a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z',
    ],
  ])('%#', (keys, expected) => {
    expect(javaHashMapOrder(keys, (k) => k).join(',')).toBe(expected);
  });
});
