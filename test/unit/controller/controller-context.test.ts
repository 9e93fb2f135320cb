import { ControllerContext, diffBrokers } from '../../../src/controller/controller-context';

describe('diffBrokers', () => {
  const m = (entries: [number, bigint][]): Map<number, bigint> => new Map(entries);
  it.each([
    ['nothing changed', m([[0, 10n]]), m([[0, 10n]]), [], [], []],
    [
      'a broker joins',
      m([[0, 10n]]),
      m([
        [0, 10n],
        [1, 20n],
      ]),
      [1],
      [],
      [],
    ],
    [
      'a broker dies',
      m([
        [0, 10n],
        [1, 20n],
      ]),
      m([[0, 10n]]),
      [],
      [1],
      [],
    ],
    [
      'a broker bounces (new czxid)',
      m([
        [0, 10n],
        [1, 20n],
      ]),
      m([
        [0, 10n],
        [1, 30n],
      ]),
      [],
      [],
      [1],
    ],
    [
      'all at once, sorted',
      m([
        [2, 5n],
        [1, 6n],
        [0, 7n],
      ]),
      m([
        [4, 9n],
        [3, 9n],
        [0, 8n],
      ]),
      [3, 4],
      [1, 2],
      [0],
    ],
  ])('%s', (_name, cached, current, added, dead, bounced) => {
    expect(diffBrokers(cached, current)).toEqual({
      newBrokerIds: added,
      deadBrokerIds: dead,
      bouncedBrokerIds: bounced,
    });
  });
});

describe('partition state transitions', () => {
  const tp = { topic: 't', partition: 0 };

  it('follow Kafka: NonExistent -> New -> Online -> Offline -> NonExistent', () => {
    const ctx = new ControllerContext();
    expect(ctx.stateOf(tp)).toBe('NonExistentPartition');
    ctx.transition(tp, 'NewPartition');
    ctx.transition(tp, 'OnlinePartition');
    ctx.transition(tp, 'OfflinePartition');
    ctx.transition(tp, 'OnlinePartition');
    ctx.transition(tp, 'OfflinePartition');
    ctx.transition(tp, 'NonExistentPartition');
    expect(ctx.stateOf(tp)).toBe('NonExistentPartition');
  });

  it.each([
    ['NonExistentPartition', 'OnlinePartition'],
    ['OnlinePartition', 'NewPartition'],
    ['OnlinePartition', 'NonExistentPartition'],
  ] as const)('refuses %s -> %s', (from, to) => {
    const ctx = new ControllerContext();
    ctx.initializeState(tp, from);
    expect(() => ctx.transition(tp, to)).toThrow(`Instead it is in ${from} state`);
  });
});
