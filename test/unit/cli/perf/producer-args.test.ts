import {
  ArgumentParserError,
  DEFAULT_TRANSACTIONAL_ID,
  helpText,
  parseProducerPerfArgs,
  usageText,
} from '../../../../src/cli/perf/producer-args';

const BASE = ['--topic', 't', '--num-records', '10', '--throughput', '-1'];

function error(args: string[]): string {
  try {
    parseProducerPerfArgs(args);
  } catch (err) {
    if (err instanceof ArgumentParserError) return err.message;
    throw err;
  }
  return 'no error';
}

describe('kafka-producer-perf-test arguments (argparse4j rules)', () => {
  it('parses a full command line with defaults', () => {
    const a = parseProducerPerfArgs([
      ...BASE,
      '--record-size',
      '100',
      '--producer-props',
      'bootstrap.servers=h:1',
      'acks=all',
      '--print-metrics',
    ]);
    expect(a).toEqual({
      help: false,
      topic: 't',
      numRecords: 10,
      throughput: -1,
      recordSize: 100,
      producerConfig: ['bootstrap.servers=h:1', 'acks=all'],
      payloadDelimiter: '\\n',
      printMetrics: true,
      transactionalId: DEFAULT_TRANSACTIONAL_ID,
      transactionDurationMs: 0,
    });
  });

  it('accepts --name=value and unambiguous prefixes', () => {
    const a = parseProducerPerfArgs(['--top=t', '--num-rec', '5', '--thr', '100', '--payload-file=f']);
    expect([a.topic, a.numRecords, a.throughput, a.payloadFile]).toEqual(['t', 5, 100, 'f']);
  });

  it('stops --producer-props at the next option', () => {
    const a = parseProducerPerfArgs(['--producer-props', 'a=1', 'b=2', ...BASE, '--record-size', '1']);
    expect(a.producerConfig).toEqual(['a=1', 'b=2']);
  });

  it('flags -h/--help', () => {
    expect(parseProducerPerfArgs(['--help']).help).toBe(true);
    expect(parseProducerPerfArgs(['-h', '--nonsense']).help).toBe(true);
  });

  it.each([
    [['--num-records', '1', '--throughput', '1', '--record-size', '1'], 'argument --topic is required'],
    [['--topic', 't', '--throughput', '1', '--record-size', '1'], 'argument --num-records is required'],
    [BASE, 'one of the arguments --record-size --payload-file is required'],
    [
      [...BASE, '--record-size', '1', '--payload-file', 'f'],
      'argument --payload-file: not allowed with argument --record-size',
    ],
    [[...BASE, '--record-size'], 'argument --record-size: expected one argument'],
    [
      [...BASE, '--record-size', '1', '--producer-props'],
      'argument --producer-props: expected at least one argument',
    ],
    [
      [...BASE, '--record-size', 'big'],
      'argument --record-size: could not convert \'big\' to Integer (For input string: "big")',
    ],
    [
      ['--topic', 't', '--num-records', '1', '--throughput', '1.5', '--record-size', '1'],
      'argument --throughput: could not convert \'1.5\' to Integer (For input string: "1.5")',
    ],
    [[...BASE, '--record-size', '1', 'extra', '--bogus'], "unrecognized arguments: 'extra --bogus'"],
    [
      [...BASE, '--pr', 'x'],
      'ambiguous option: --pr could match --producer-props, --producer.config, --print-metrics',
    ],
  ])('%j → %s', (args, message) => {
    expect(error(args)).toBe(message);
  });

  it('wraps the usage at 75 columns as argparse4j does off a terminal', () => {
    expect(usageText(75)).toBe(
      [
        'usage: producer-performance [-h] --topic TOPIC --num-records NUM-RECORDS',
        '                            [--payload-delimiter PAYLOAD-DELIMITER]',
        '                            --throughput THROUGHPUT',
        '                            [--producer-props PROP-NAME=PROP-VALUE [PROP-NAME=PROP-VALUE ...]]',
        '                            [--producer.config CONFIG-FILE]',
        '                            [--print-metrics]',
        '                            [--transactional-id TRANSACTIONAL-ID]',
        '                            [--transaction-duration-ms TRANSACTION-DURATION]',
        '                            (--record-size RECORD-SIZE |',
        '                            --payload-file PAYLOAD-FILE)',
      ].join('\n'),
    );
  });

  it('fills wider terminals', () => {
    expect(usageText(100).split('\n')).toEqual([
      'usage: producer-performance [-h] --topic TOPIC --num-records NUM-RECORDS',
      '                            [--payload-delimiter PAYLOAD-DELIMITER] --throughput THROUGHPUT',
      '                            [--producer-props PROP-NAME=PROP-VALUE [PROP-NAME=PROP-VALUE ...]]',
      '                            [--producer.config CONFIG-FILE] [--print-metrics]',
      '                            [--transactional-id TRANSACTIONAL-ID]',
      '                            [--transaction-duration-ms TRANSACTION-DURATION]',
      '                            (--record-size RECORD-SIZE | --payload-file PAYLOAD-FILE)',
    ]);
  });

  it('lays out the help: description, named options, then the either/or group', () => {
    const lines = helpText(75).split('\n');
    const start = lines.indexOf('This tool is used to verify the producer performance.');
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 2]).toBe('optional arguments:');
    expect(lines[start + 3]).toBe('  -h, --help             show this help message and exit');
    expect(lines).toContain('  --num-records NUM-RECORDS');
    expect(lines).toContain('  either --record-size or --payload-file must be specified but not both.');
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain(
      'print the producer metrics at the end. (default: false)',
    );
    for (const l of lines.slice(start)) expect(l.length).toBeLessThanOrEqual(75);
  });
});
