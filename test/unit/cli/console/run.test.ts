import { runConsoleConsumer } from '../../../../src/cli/console/run-consumer';
import { runConsoleProducer } from '../../../../src/cli/console/run-producer';
import type { ToolIO } from '../../../../src/cli/console/tool-io';

interface FakeIO extends ToolIO {
  out: string;
  err: string[];
}

function fakeIO(input: string[] = []): FakeIO {
  const io: FakeIO = {
    out: '',
    err: [],
    stdin: (async function* () {
      for (const chunk of input) yield Buffer.from(chunk);
    })(),
    writeOut: (chunk) => {
      io.out += chunk.toString();
      return Promise.resolve();
    },
    onStdoutError: () => undefined,
    writeErr: (line) => void io.err.push(line),
    stdinIsTty: false,
    stdoutIsTty: false,
    onSignal: () => () => undefined,
    now: () => new Date(2021, 9, 5, 10, 0, 0, 0),
    loadProperties: (file) => {
      throw Object.assign(new Error(file), { javaClassName: 'java.io.FileNotFoundException' });
    },
  };
  return io;
}

describe('kafka-console-producer (no broker needed)', () => {
  it('prints the message and the option table for a typo, exit 1', async () => {
    const io = fakeIO();
    expect(await runConsoleProducer(['--bootstrap-server', 'localhost:9092', '--topik', 't'], io)).toBe(1);
    expect(io.err[0]).toBe('topik is not a recognized option');
    expect(io.err[1]).toMatch(/^Option +Description/);
    expect(io.err.some((l) => l.startsWith('--bootstrap-server <String: server to'))).toBe(true);
    expect(io.out).toBe('');
  });

  it('prints the help with its one-line summary, exit 1 (as Kafka)', async () => {
    const io = fakeIO();
    expect(await runConsoleProducer(['--help'], io)).toBe(1);
    expect(io.err[0]).toBe('This tool helps to read data from standard input and publish it to Kafka.');
  });

  it('prints only the message for a bad option value', async () => {
    const io = fakeIO();
    expect(
      await runConsoleProducer(['--bootstrap-server', 'h:1', '--topic', 't', '--timeout', 'x'], io),
    ).toBe(1);
    expect(io.err).toEqual(["Cannot parse argument 'x' of option timeout"]);
  });

  it('refuses a codec kafkajs cannot produce, naming it', async () => {
    const io = fakeIO(['a\n']);
    expect(
      await runConsoleProducer(
        ['--bootstrap-server', 'h:1', '--topic', 't', '--compression-codec', 'zstd'],
        io,
      ),
    ).toBe(1);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(
      /^\[2021-10-05 10:00:00,000\] ERROR Compression codec 'zstd' is not available.*\(kafka\.tools\.ConsoleProducer\$\)$/,
    );
  });

  it('stops at a line without key under parse.key, exit 1', async () => {
    const io = fakeIO(['nokey\n', 'k\tv\n']);
    const args = ['--bootstrap-server', 'localhost:1', '--topic', 't', '--property', 'parse.key=true'];
    expect(await runConsoleProducer(args, io)).toBe(1);
    expect(io.err).toEqual(['org.apache.kafka.common.KafkaException: No key found on line 1: nokey']);
  });

  it('prints the version', async () => {
    const io = fakeIO();
    expect(await runConsoleProducer(['--version'], io)).toBe(0);
    expect(io.out).toBe('2.8.2 (Commit:kafka-ts)\n');
  });
});

describe('kafka-console-consumer (no broker needed)', () => {
  it('prints the help for no arguments, exit 1', async () => {
    const io = fakeIO();
    expect(await runConsoleConsumer([], io)).toBe(1);
    expect(io.err[0]).toBe(
      'This tool helps to read data from Kafka topics and outputs it to standard output.',
    );
    expect(io.err.some((l) => l.startsWith('--from-beginning'))).toBe(true);
  });

  it('prints the message and the table for a typo, exit 1', async () => {
    const io = fakeIO();
    expect(
      await runConsoleConsumer(['--bootstrap-server', 'h:1', '--topic', 't', '--max-mesages', '1'], io),
    ).toBe(1);
    expect(io.err[0]).toBe('max-mesages is not a recognized option');
  });

  it('reports errors Kafka leaves uncaught while parsing as "Exception in thread main"', async () => {
    const io = fakeIO();
    expect(
      await runConsoleConsumer(['--bootstrap-server', 'h:1', '--topic', 't', '--partition', 'one'], io),
    ).toBe(1);
    expect(io.err).toEqual([
      'Exception in thread "main" joptsimple.OptionArgumentConversionException: Cannot parse argument \'one\' of option partition',
    ]);
  });

  it('refuses --from-beginning with another auto.offset.reset', async () => {
    const io = fakeIO();
    const args = [
      '--bootstrap-server',
      'h:1',
      '--topic',
      't',
      '--from-beginning',
      '--consumer-property',
      'auto.offset.reset=none',
    ];
    expect(await runConsoleConsumer(args, io)).toBe(1);
    expect(io.err).toEqual([
      "Can't simultaneously specify --from-beginning and 'auto.offset.reset=none', please remove one option",
    ]);
  });

  it('reports a bad consumer config as Kafka does, exit 1', async () => {
    const io = fakeIO();
    const args = ['--bootstrap-server', 'h:1', '--topic', 't', '--consumer-property', 'fetch.min.bytes=lots'];
    expect(await runConsoleConsumer(args, io)).toBe(1);
    expect(io.err).toEqual([
      '[2021-10-05 10:00:00,000] ERROR Unknown error when running consumer:  (kafka.tools.ConsoleConsumer$)',
      'org.apache.kafka.common.config.ConfigException: Invalid value lots for configuration fetch.min.bytes: Not a number of type INT',
    ]);
  });

  it('exits at once with --max-messages 0', async () => {
    const io = fakeIO();
    expect(
      await runConsoleConsumer(
        ['--bootstrap-server', 'localhost:1', '--topic', 't', '--max-messages', '0'],
        io,
      ),
    ).toBe(0);
    expect(io.err).toEqual(['Processed a total of 0 messages']);
  });
});
