import {
  assignReplicasToBrokers,
  createNewPartitionsAssignment,
  rackAlternatedBrokerList,
  validateReplicaAssignment,
  type BrokerMetadata,
  type RandomInt,
} from '../../../src/admin/replica-assignment';

/** A random source that returns the given draws in order (Kafka draws startIndex, then the shift). */
function draws(...values: number[]): RandomInt {
  let i = 0;
  return (bound) => {
    const v = values[i++];
    if (v === undefined || v >= bound) throw new Error(`unexpected draw ${i} (bound ${bound})`);
    return v;
  };
}

const noRandom: RandomInt = () => {
  throw new Error('no random draw expected');
};

function table(a: Map<number, number[]>): string[] {
  return [...a.entries()].map(([p, r]) => `${p}:${r.join(',')}`);
}

function leaderCounts(a: Map<number, number[]>): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of a.values()) counts[r[0] ?? -1] = (counts[r[0] ?? -1] ?? 0) + 1;
  return counts;
}

const unracked = (ids: number[]): BrokerMetadata[] => ids.map((id) => ({ id, rack: null }));

describe('assignReplicasToBrokers (rack unaware)', () => {
  it('reproduces the worked example: 13 partitions, RF 3, brokers [0,1,2], startIndex 2, shift 0', () => {
    const a = assignReplicasToBrokers([0, 1, 2], 13, 3, -1, -1, draws(2, 0));
    expect(table(a)).toEqual([
      '0:2,0,1',
      '1:0,1,2',
      '2:1,2,0',
      '3:2,1,0',
      '4:0,2,1',
      '5:1,0,2',
      '6:2,0,1',
      '7:0,1,2',
      '8:1,2,0',
      '9:2,1,0',
      '10:0,2,1',
      '11:1,0,2',
      '12:2,0,1',
    ]);
    expect(leaderCounts(a)).toEqual({ 0: 4, 1: 4, 2: 5 });
  });

  it('gives the same table with shift 2 (only the parity of the shift matters for 3 brokers)', () => {
    expect(assignReplicasToBrokers([0, 1, 2], 13, 3, -1, -1, draws(2, 2))).toEqual(
      assignReplicasToBrokers([0, 1, 2], 13, 3, -1, -1, draws(2, 0)),
    );
  });

  it('reproduces the bootstrap-list example: brokers [0,2,1], startIndex 1, odd shift', () => {
    const a = assignReplicasToBrokers([0, 2, 1], 13, 3, -1, -1, draws(1, 1));
    expect(table(a).slice(0, 6)).toEqual(['0:2,0,1', '1:1,2,0', '2:0,1,2', '3:2,1,0', '4:1,0,2', '5:0,2,1']);
    expect(a.get(12)).toEqual([2, 0, 1]);
    expect(leaderCounts(a)).toEqual({ 0: 4, 1: 4, 2: 5 });
  });

  it('spreads preferred leaders 5/4/4 whatever the random start', () => {
    for (let start = 0; start < 3; start++)
      for (let shift = 0; shift < 3; shift++) {
        const counts = Object.values(
          leaderCounts(assignReplicasToBrokers([0, 1, 2], 13, 3, -1, -1, draws(start, shift))),
        );
        expect(counts.sort()).toEqual([4, 4, 5]);
      }
  });

  it.each([
    // brokers, partitions, rf, fixed start, start partition, expected
    [
      [0, 1, 2, 3, 4],
      10,
      3,
      0,
      -1,
      [
        '0:0,1,2',
        '1:1,2,3',
        '2:2,3,4',
        '3:3,4,0',
        '4:4,0,1',
        '5:0,2,3',
        '6:1,3,4',
        '7:2,4,0',
        '8:3,0,1',
        '9:4,1,2',
      ],
    ],
    [[0, 1, 2], 3, 1, 1, -1, ['0:1', '1:2', '2:0']],
    [[0, 1, 2], 2, 2, 0, 3, ['3:0,2', '4:1,0']],
    [[5], 2, 1, 0, -1, ['0:5', '1:5']],
  ] as const)('fixed start %#', (brokers, n, rf, fixed, startPartition, expected) => {
    expect(table(assignReplicasToBrokers([...brokers], n, rf, fixed, startPartition, noRandom))).toEqual(
      expected,
    );
  });

  it.each([
    [[0, 1], 3, 3, 'Replication factor: 3 larger than available brokers: 2.'],
    [[0, 1, 2], 0, 1, 'Number of partitions must be larger than 0.'],
    [[0, 1, 2], -1, 1, 'Number of partitions must be larger than 0.'],
    [[0, 1, 2], 1, 0, 'Replication factor must be larger than 0.'],
    [[], 1, 1, 'Replication factor: 1 larger than available brokers: 0.'],
  ])('rejects %j partitions=%d rf=%d', (brokers, n, rf, message) => {
    expect(() => assignReplicasToBrokers(brokers, n, rf)).toThrow(message);
  });

  it('names the Kafka exception classes', () => {
    expect(() => assignReplicasToBrokers([0], 1, 2)).toThrow(
      expect.objectContaining({
        javaClassName: 'org.apache.kafka.common.errors.InvalidReplicationFactorException',
      }),
    );
    expect(() => assignReplicasToBrokers([0], 0, 1)).toThrow(
      expect.objectContaining({ javaClassName: 'org.apache.kafka.common.errors.InvalidPartitionsException' }),
    );
  });
});

describe('rack-aware assignment', () => {
  const racks: BrokerMetadata[] = [
    { id: 0, rack: 'rack1' },
    { id: 1, rack: 'rack2' },
    { id: 2, rack: 'rack2' },
    { id: 3, rack: 'rack3' },
    { id: 4, rack: 'rack3' },
    { id: 5, rack: 'rack1' },
  ];

  it('alternates brokers by rack', () => {
    const nine = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((id) => ({ id, rack: `rack${Math.floor(id / 3) + 1}` }));
    expect(rackAlternatedBrokerList(nine)).toEqual([0, 3, 6, 1, 4, 7, 2, 5, 8]);
    expect(rackAlternatedBrokerList(racks)).toEqual([0, 1, 3, 5, 2, 4]);
  });

  it('puts every partition on three racks with even leaders and replicas', () => {
    const a = assignReplicasToBrokers(racks, 6, 3, 2, -1, noRandom);
    expect(table(a)).toEqual(['0:3,2,0', '1:5,4,1', '2:2,0,3', '3:4,1,5', '4:0,3,2', '5:1,5,4']);
    const rackOf = new Map(racks.map((b) => [b.id, b.rack]));
    for (const replicas of a.values()) expect(new Set(replicas.map((b) => rackOf.get(b))).size).toBe(3);
    expect(Object.values(leaderCounts(a))).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('refuses a mix of brokers with and without racks', () => {
    expect(() =>
      assignReplicasToBrokers(
        [
          { id: 0, rack: 'r' },
          { id: 1, rack: null },
        ],
        1,
        1,
      ),
    ).toThrow('Not all brokers have rack information for replica rack aware assignment.');
  });
});

describe('createNewPartitionsAssignment', () => {
  const existing = assignReplicasToBrokers([0, 1, 2], 13, 3, -1, -1, draws(2, 0));

  it('continues the layout from where partition 0 starts, keeping the existing partitions', () => {
    const added = createNewPartitionsAssignment('t', existing, unracked([0, 1, 2]), 20);
    expect(table(added)).toEqual([
      '13:0,1,2',
      '14:1,2,0',
      '15:2,1,0',
      '16:0,2,1',
      '17:1,0,2',
      '18:2,0,1',
      '19:0,1,2',
    ]);
    // The same six-partition cycle the original assignment follows.
    for (const [p, r] of added) expect(r).toEqual(existing.get((p % 6) + 6));
  });

  it('refuses anything but an increase, with Kafka message', () => {
    expect(() => createNewPartitionsAssignment('t', existing, unracked([0, 1, 2]), 13)).toThrow(
      'The number of partitions for a topic can only be increased. Topic t currently has 13 partitions, 13 would not be an increase.',
    );
    expect(() =>
      createNewPartitionsAssignment(
        't',
        new Map([
          [0, [1]],
          [1, [2]],
          [2, [0]],
        ]),
        unracked([0, 1, 2]),
        2,
      ),
    ).toThrow('Topic t currently has 3 partitions, 2 would not be an increase.');
  });

  it('uses and validates a manual assignment', () => {
    const manual = new Map([[13, [1, 2, 0]]]);
    expect(createNewPartitionsAssignment('t', existing, unracked([0, 1, 2]), 14, manual)).toEqual(manual);
    expect(() =>
      createNewPartitionsAssignment('t', existing, unracked([0, 1, 2]), 14, new Map([[13, [1, 5, 0]]])),
    ).toThrow(
      'Some brokers specified for partition id 13 are not available. Specified brokers: 1, 5, 0, available brokers: 0, 1, 2.',
    );
  });

  it('needs partition 0', () => {
    expect(() => createNewPartitionsAssignment('t', new Map([[1, [0]]]), unracked([0]), 3)).toThrow(
      "Unexpected existing replica assignment for topic 't', partition id 0 is missing.",
    );
  });
});

describe('validateReplicaAssignment', () => {
  const live = new Set([0, 1, 2]);
  it.each([
    [new Map([[3, []]]), 'Cannot have replication factor of 0 for partition id 3.'],
    [new Map([[3, [1, 1]]]), 'Duplicate brokers not allowed in replica assignment: 1, 1 for partition id 3.'],
    [
      new Map([
        [4, [0]],
        [3, [0, 1, 2]],
      ]),
      'Inconsistent replication factor between partitions, partition 0 has 2 while partitions [3, 4] have replication factors [3, 1], respectively.',
    ],
  ])('case %#', (assignment, message) => {
    expect(() => validateReplicaAssignment(assignment, 2, live)).toThrow(message);
  });
});
