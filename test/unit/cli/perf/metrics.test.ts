import { metricsTable, rate, Summary } from '../../../../src/cli/perf/metrics';
import { countRecords } from '../../../../src/cli/perf/null-sink-broker';
import { buildRecordBatch } from '../../../../src/protocol';

describe('metricsTable (ToolsUtils.printMetrics)', () => {
  it('sorts by group:name:tags, pads the names and prints doubles with 3 decimals', () => {
    const tags = [['client-id', 'producer-1']] as const;
    expect(
      metricsTable([
        { group: 'producer-metrics', name: 'record-send-total', tags, value: 10 },
        { group: 'producer-metrics', name: 'batch-size-avg', tags, value: Number.NaN },
        { group: 'app-info', name: 'version', tags, value: '2.8.2' },
        {
          group: 'producer-topic-metrics',
          name: 'byte-total',
          tags: [...tags, ['topic', 't']],
          value: 1.23456,
        },
      ]),
    ).toEqual([
      '',
      'Metric Name                                                         Value',
      'app-info:version:{client-id=producer-1}                           : 2.8.2',
      'producer-metrics:batch-size-avg:{client-id=producer-1}            : NaN',
      'producer-metrics:record-send-total:{client-id=producer-1}         : 10.000',
      'producer-topic-metrics:byte-total:{client-id=producer-1, topic=t} : 1.235',
    ]);
  });

  it('keeps count, sum, max and avg, and rates per second', () => {
    const s = new Summary();
    expect(s.avg).toBeNaN();
    s.add(2);
    s.add(4);
    expect([s.count, s.sum, s.max, s.avg]).toEqual([2, 6, 4, 3]);
    expect(rate(500, 2000)).toBe(250);
    expect(rate(500, 0)).toBe(0);
  });
});

describe('null sink record counting', () => {
  it('counts the records of every v2 batch in a produce payload', () => {
    const batch = (n: number): Buffer =>
      buildRecordBatch({ records: Array.from({ length: n }, () => ({ key: null, value: 'v' })) });
    expect(countRecords(Buffer.concat([batch(3), batch(5)]))).toEqual({ batches: 2, records: 8 });
    expect(countRecords(null)).toEqual({ batches: 0, records: 0 });
  });
});
