import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AdminError } from '../../../../src/admin/errors';
import { ArgumentParserError, parseProducerPerfArgs } from '../../../../src/cli/perf/producer-args';
import { javaSplit, producerPerfConfig, producerProps } from '../../../../src/cli/perf/producer-config';

const noFiles = (file: string): Map<string, string> => {
  throw new Error(`unexpected read of ${file}`);
};

function config(args: string[], files = noFiles, out: string[] = []): ReturnType<typeof producerPerfConfig> {
  return producerPerfConfig(parseProducerPerfArgs(args), files, (l) => out.push(l));
}

const BASE = ['--topic', 't', '--num-records', '10', '--throughput', '-1'];

describe('javaSplit (String.split with a regex)', () => {
  it.each([
    ['a\nb\n\n', '\n', ['a', 'b']],
    ['\na', '\n', ['', 'a']],
    ['\n\n', '\n', []],
    ['a=b=c', '=', ['a', 'b', 'c']],
    ['k=', '=', ['k']],
    ['x1y22z', '\\d+', ['x', 'y', 'z']],
  ])('%j split at %j', (text, re, pieces) => {
    expect(javaSplit(text, re)).toEqual(pieces);
  });
});

describe('producer properties', () => {
  it('puts --producer-props over the config file', () => {
    const props = producerProps(
      { producerConfigFile: 'p.properties', producerConfig: ['acks=all', 'x=1'] },
      () =>
        new Map([
          ['acks', '1'],
          ['linger.ms', '5'],
        ]),
    );
    expect([...props]).toEqual([
      ['acks', 'all'],
      ['linger.ms', '5'],
      ['x', '1'],
    ]);
  });

  it.each(['acks', 'acks=', 'a=b=c'])('refuses %p as Java does (exactly one "=")', (prop) => {
    expect(() => producerProps({ producerConfig: [prop] }, noFiles)).toThrow(`Invalid property: ${prop}`);
  });
});

describe('producerPerfConfig', () => {
  it('needs --producer-props or --producer.config (a usage error)', () => {
    expect(() => config([...BASE, '--record-size', '1'])).toThrow(ArgumentParserError);
    expect(() => config([...BASE, '--record-size', '1'])).toThrow(
      'Either --producer-props or --producer.config must be specified.',
    );
  });

  it('needs bootstrap.servers (the producer constructor ConfigException)', () => {
    expect(() => config([...BASE, '--record-size', '1', '--producer-props', 'acks=1'])).toThrow(
      'Missing required configuration "bootstrap.servers" which has no default value.',
    );
  });

  it("makes Kafka's random uppercase payload for --record-size", () => {
    const c = config([...BASE, '--record-size', '10', '--producer-props', 'bootstrap.servers=h:1']);
    expect(c.payload?.toString('ascii')).toBe('SSXVNJHPDQ');
    expect(c.transactionsEnabled).toBe(false);
  });

  it('reads a payload file, announcing it as Kafka does', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perf-payloads-'));
    const file = path.join(dir, 'payloads.txt');
    fs.writeFileSync(file, 'one|two||three|');
    const out: string[] = [];
    const c = config(
      [
        ...BASE,
        '--payload-file',
        file,
        '--payload-delimiter',
        '\\|+',
        '--producer-props',
        'bootstrap.servers=h:1',
      ],
      noFiles,
      out,
    );
    expect(c.payloads.map((b) => b.toString())).toEqual(['one', 'two', 'three']);
    expect(out).toEqual([`Reading payloads from: ${file}`, 'Number of messages read: 3']);
    fs.writeFileSync(file, '');
    expect(() =>
      config([...BASE, '--payload-file', file, '--producer-props', 'bootstrap.servers=h:1'], noFiles, []),
    ).toThrow('File does not exist or empty file provided.');
    fs.rmSync(dir, { recursive: true });
  });

  it.each([
    ['0', 'java.lang.ArithmeticException', '/ by zero'],
    ['-5', 'java.lang.NegativeArraySizeException', '-4'],
  ])('fails like Kafka 2.8 for --num-records %s', (n, cls, message) => {
    let thrown: unknown;
    try {
      config([
        '--topic',
        't',
        '--num-records',
        n,
        '--throughput',
        '-1',
        '--record-size',
        '1',
        '--producer-props',
        'bootstrap.servers=h:1',
      ]);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AdminError);
    expect((thrown as AdminError).javaClassName).toBe(cls);
    expect((thrown as AdminError).message).toBe(message);
  });

  it('turns transactions on for a positive --transaction-duration-ms', () => {
    const c = config([
      ...BASE,
      '--record-size',
      '1',
      '--transaction-duration-ms',
      '100',
      '--producer-props',
      'bootstrap.servers=h:1',
    ]);
    expect(c.transactionsEnabled).toBe(true);
    expect(c.props.get('transactional.id')).toBe('performance-producer-default-transactional-id');
  });
});
