import { AdminError } from '../../../../src/admin/errors';
import { JoptError, UsageError } from '../../../../src/cli/console/options';
import {
  parseConsumerPerfArgs,
  randomPerfGroup,
  type ConsumerPerfConfig,
} from '../../../../src/cli/perf/consumer-perf-options';
import { PollLoop } from '../../../../src/cli/perf/consumer-perf-sources';
import { headerLine, progressLine, timeoutWarning, totalLine } from '../../../../src/cli/perf/consumer-stats';
import { SimpleDateFormat } from '../../../../src/cli/perf/java-format';

const noFiles = (file: string): Map<string, string> => {
  throw new Error(`unexpected read of ${file}`);
};

function run(args: string[], files = noFiles): ConsumerPerfConfig {
  const r = parseConsumerPerfArgs(args, files, 'perf-consumer-4242');
  if (r.kind !== 'run') throw new Error(`expected run, got ${r.kind}`);
  return r.config;
}

function thrown(args: string[]): unknown {
  try {
    parseConsumerPerfArgs(args, noFiles, 'perf-consumer-4242');
  } catch (err) {
    return err;
  }
  return undefined;
}

const BASE = ['--bootstrap-server', 'localhost:9092', '--topic', 't', '--messages', '100'];
const FORMAT = new SimpleDateFormat('yyyy-MM-dd HH:mm:ss:SSS');

describe('kafka-consumer-perf-test options', () => {
  it("sets the consumer properties as Kafka's ConsumerPerfConfig does", () => {
    const c = run(
      BASE,
      () =>
        new Map([
          ['group.id', 'from-file'],
          ['fetch.min.bytes', '10'],
        ]),
    );
    expect(Object.fromEntries(c.props)).toEqual({
      'bootstrap.servers': 'localhost:9092',
      'group.id': 'perf-consumer-4242',
      'receive.buffer.bytes': '2097152',
      'max.partition.fetch.bytes': '1048576',
      'auto.offset.reset': 'earliest',
      'check.crcs': 'false',
    });
    expect([c.numMessages, c.reportingIntervalMs, c.recordFetchTimeoutMs]).toEqual([100, 5000, 10000]);
    expect([c.showDetailedStats, c.hideHeader, c.printMetrics]).toEqual([false, false, false]);
  });

  it('reads the config file, then --group, --fetch-size, --from-latest and --timeout over it', () => {
    const c = run(
      [
        ...BASE,
        '--consumer.config',
        'c.properties',
        '--group',
        'g',
        '--fetch-size',
        '10',
        '--from-latest',
        '--timeout',
        '5',
      ],
      () => new Map([['fetch.min.bytes', '10']]),
    );
    expect(c.props.get('fetch.min.bytes')).toBe('10');
    expect(c.props.get('group.id')).toBe('g');
    expect(c.props.get('max.partition.fetch.bytes')).toBe('10');
    expect(c.props.get('auto.offset.reset')).toBe('latest');
    expect(c.recordFetchTimeoutMs).toBe(5);
    expect(run([...BASE, '--timeout']).recordFetchTimeoutMs).toBe(10000);
    expect(
      run(['--broker-list', 'b:1', '--topic', 't', '--messages', '1']).props.get('bootstrap.servers'),
    ).toBe('b:1');
  });

  it('shows the help for --help and for no arguments... after jopt-simple checked the required option', () => {
    expect(parseConsumerPerfArgs(['--help'], noFiles).kind).toBe('help');
    expect(parseConsumerPerfArgs([...BASE, '--version'], noFiles).kind).toBe('version');
    const none = thrown([]);
    expect(none).toBeInstanceOf(JoptError);
    expect((none as JoptError).javaClassName).toBe('joptsimple.MissingRequiredOptionsException');
  });

  it.each([
    [
      ['--topic', 't', '--messages', '1'],
      'joptsimple.MissingRequiredOptionsException',
      'Missing required option(s) [bootstrap-server]',
    ],
    [[...BASE, '--bogus'], 'joptsimple.UnrecognizedOptionException', 'bogus is not a recognized option'],
    [
      [...BASE, '--group'],
      'joptsimple.OptionMissingRequiredArgumentException',
      'Option group requires an argument',
    ],
    [
      ['--bootstrap-server', 'h:1', '--topic', 't', '--messages', 'many'],
      'joptsimple.OptionArgumentConversionException',
      "Cannot parse argument 'many' of option messages",
    ],
    [
      [...BASE, '--reporting-interval', '0'],
      'java.lang.IllegalArgumentException',
      'Reporting interval must be greater than 0.',
    ],
    [
      [...BASE, '--date-format', 'yyyy-ww'],
      'java.lang.IllegalArgumentException',
      "Illegal pattern character 'w'",
    ],
  ])('%j fails uncaught with %s', (args, cls, message) => {
    const err = thrown(args);
    expect(err).toBeInstanceOf(AdminError);
    expect((err as AdminError).javaClassName).toBe(cls);
    expect((err as AdminError).message).toBe(message);
  });

  it.each([
    [['--bootstrap-server', 'h:1', '--messages', '1'], 'Missing required argument "[topic]"'],
    [['--bootstrap-server', 'h:1', '--topic', 't'], 'Missing required argument "[messages]"'],
  ])('%j is a usage error', (args, message) => {
    const err = thrown(args);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe(message);
  });

  it("draws Kafka's default group", () => {
    expect(randomPerfGroup(() => 0.123456)).toBe('perf-consumer-12345');
  });
});

describe('kafka-consumer-perf-test output', () => {
  it("prints Kafka 2.8's headers", () => {
    expect(headerLine(false)).toBe(
      'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec',
    );
    expect(headerLine(true)).toBe(
      'time, threadId, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec',
    );
  });

  it('prints the data line with 4-decimal rates', () => {
    const start = new Date(2024, 0, 2, 3, 4, 5, 6).getTime();
    expect(
      totalLine(
        {
          startMs: start,
          endMs: start + 2100,
          bytes: 100 * 1024 * 1024,
          messages: 1_000_000,
          joinGroupTimeMs: 100,
        },
        FORMAT,
      ),
    ).toBe(
      '2024-01-02 03:04:05:006, 2024-01-02 03:04:07:106, 100.0000, 47.6190, 1000000, 476190.4762, 100, 2000, 50.0000, 500000.0000',
    );
  });

  it('prints a detailed progress line (thread 0, interval rates)', () => {
    const start = new Date(2024, 0, 2, 3, 4, 5, 0).getTime();
    const line = progressLine(
      {
        bytesRead: 2 * 1024 * 1024,
        lastBytesRead: 1024 * 1024,
        messagesRead: 2000,
        lastMessagesRead: 1000,
        startMs: start,
        endMs: start + 500,
        periodicJoinTimeMs: 0,
      },
      FORMAT,
    );
    expect(line).toBe(
      '2024-01-02 03:04:05:500, 0, 2.0000, 2.0000, 2000, 2000.0000, 0, 500, 2.0000, 2000.0000',
    );
  });

  it("prints Kafka's timeout warning", () => {
    expect(timeoutWarning(10000)).toBe(
      'WARNING: Exiting before consuming the expected number of messages: timeout (10000 ms) exceeded. You can use the --timeout option to increase the timeout.',
    );
  });
});

describe('PollLoop', () => {
  const config = {
    numMessages: 1000,
    reportingIntervalMs: 1000,
    showDetailedStats: true,
    dateFormat: FORMAT,
    recordFetchTimeoutMs: 3000,
  };
  const rec = (n: number): { key: Buffer | null; value: Buffer | null }[] =>
    Array.from({ length: n }, () => ({ key: Buffer.from('k'), value: Buffer.alloc(9) }));

  it('counts key and value bytes, in polls of max.poll.records, overshooting by less than a poll', () => {
    const clock = { t: 0 };
    const loop = new PollLoop(
      config,
      () => undefined,
      () => clock.t,
    );
    expect(loop.feed(rec(800), 500)).toBe(800);
    expect(loop.feed(rec(800), 500)).toBe(500); // done after this poll
    expect(loop.done).toBe(true);
    expect(loop.messagesRead).toBe(1300);
    expect(loop.bytesRead).toBe(13000);
  });

  it('prints progress once per poll that crosses the interval, and times out between records', () => {
    const clock = { t: 0 };
    const lines: string[] = [];
    const loop = new PollLoop(
      config,
      (l) => lines.push(l),
      () => clock.t,
    );
    loop.poll(rec(10));
    clock.t = 1000;
    loop.poll(rec(10));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/, 0, 0\.0001, 0\.0001, 11, 11\.0000, 0, 1000, 0\.0001, 11\.0000$/);
    expect(loop.timedOut(4000)).toBe(false);
    expect(loop.timedOut(4001)).toBe(true);
  });
});
