import { JoptError, UsageError } from '../../../../src/cli/console/options';
import { parseProducerArgs, type ProducerSettings } from '../../../../src/cli/console/producer-options';

const noFiles = (file: string): Map<string, string> => {
  throw new Error(`unexpected read of ${file}`);
};

function settings(args: string[], files = noFiles): ProducerSettings {
  const r = parseProducerArgs(args, files);
  if (r.kind !== 'run') throw new Error(`expected run, got ${r.kind}`);
  return r.settings;
}

function usage(args: string[]): string {
  try {
    parseProducerArgs(args, noFiles);
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  return 'no usage error';
}

const BASE = ['--bootstrap-server', 'localhost:9092', '--topic', 't'];

describe('kafka-console-producer options', () => {
  it.each([
    [[], 'Missing required option(s) [bootstrap-server]'],
    [['--topic', 't'], 'Missing required option(s) [bootstrap-server]'],
    [['--bootstrap-server', 'localhost:9092'], 'Missing required argument "[topic]"'],
    [
      ['--bootstrap-server', 'localhost', '--topic', 't'],
      'Please provide valid host:port like host1:9091,host2:9092\n ',
    ],
    [
      ['--bootstrap-server', 'localhost:9092', '--topic', 't', '--topik', 'x'],
      'topik is not a recognized option',
    ],
  ])('%j → usage "%s"', (args, message) => {
    expect(usage(args)).toBe(message);
  });

  it('answers --help and --version before the required-option checks', () => {
    expect(parseProducerArgs(['--help'], noFiles).kind).toBe('help');
    expect(parseProducerArgs(['--version'], noFiles).kind).toBe('version');
  });

  it('accepts the deprecated --broker-list, and ignores it when --bootstrap-server is given', () => {
    expect(
      settings(['--broker-list', 'a:1,b:2', '--topic', 't']).producerProps.get('bootstrap.servers'),
    ).toBe('a:1,b:2');
    const both = settings(['--broker-list', 'bad', '--bootstrap-server', 'c:3', '--topic', 't']);
    expect(both.producerProps.get('bootstrap.servers')).toBe('c:3');
  });

  it("applies Kafka 2.8's defaults to the producer properties", () => {
    const p = settings(BASE).producerProps;
    expect(Object.fromEntries(p)).toEqual({
      'bootstrap.servers': 'localhost:9092',
      'compression.type': 'none',
      'client.id': 'console-producer',
      'linger.ms': '1000',
      acks: '1',
      'request.timeout.ms': '1500',
      retries: '3',
      'retry.backoff.ms': '100',
      'send.buffer.bytes': '102400',
      'buffer.memory': '33554432',
      'batch.size': '16384',
      'metadata.max.age.ms': '300000',
      'max.block.ms': '60000',
    });
  });

  it('lets an explicit option win over a property, and a property over the default', () => {
    const fromProperty = settings([
      ...BASE,
      '--producer-property',
      'acks=all',
      '--producer-property',
      'linger.ms=5',
    ]);
    expect(fromProperty.producerProps.get('acks')).toBe('all');
    expect(fromProperty.producerProps.get('linger.ms')).toBe('5');
    const fromOption = settings([
      ...BASE,
      '--producer-property',
      'acks=all',
      '--request-required-acks',
      '-1',
    ]);
    expect(fromOption.producerProps.get('acks')).toBe('-1');
  });

  it('reads --producer.config first, then --producer-property on top; keeps a configured client.id', () => {
    const files = (f: string): Map<string, string> =>
      new Map([
        ['file', f],
        ['client.id', 'mine'],
        ['acks', '0'],
      ]);
    const p = settings(
      [...BASE, '--producer.config', 'p.properties', '--producer-property', 'acks=all'],
      files,
    );
    expect(p.producerProps.get('file')).toBe('p.properties');
    expect(p.producerProps.get('client.id')).toBe('mine');
    expect(p.producerProps.get('acks')).toBe('all');
  });

  it('takes the codec from --compression-codec only ("gzip" when given without a value)', () => {
    expect(settings([...BASE, '--compression-codec']).producerProps.get('compression.type')).toBe('gzip');
    expect(settings([...BASE, '--compression-codec', 'lz4']).producerProps.get('compression.type')).toBe(
      'lz4',
    );
    const overridden = settings([...BASE, '--producer-property', 'compression.type=gzip']);
    expect(overridden.producerProps.get('compression.type')).toBe('none');
  });

  it('passes the topic and --property values to the line reader', () => {
    const s = settings([...BASE, '--property', 'parse.key=true', '--property', 'key.separator=:', '--sync']);
    expect(Object.fromEntries(s.readerProps)).toEqual({
      topic: 't',
      'parse.key': 'true',
      'key.separator': ':',
    });
    expect(s.sync).toBe(true);
  });

  it('reports bad numbers as jopt-simple conversion errors, and unknown readers as ClassNotFoundException', () => {
    expect(() => settings([...BASE, '--batch-size', 'x'])).toThrow(JoptError);
    expect(() => settings([...BASE, '--timeout', '1.5'])).toThrow(
      "Cannot parse argument '1.5' of option timeout",
    );
    expect(() => settings([...BASE, '--line-reader', 'my.Reader'])).toThrow('my.Reader');
  });
});
