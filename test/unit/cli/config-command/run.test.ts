import { InvalidConfigurationError } from '../../../../src/admin/errors';
import { javaExceptionForCode } from '../../../../src/cli/config-command/admin-client';
import {
  ExecutionError,
  type ConfigEntity,
  type ConfigService,
} from '../../../../src/cli/config-command/config-service';
import { runConfigCommand, type ConfigServiceFactories } from '../../../../src/cli/config-command/run';
import { silentLogger } from '../../server/handlers/admin/fake-zk';

class Capture {
  stdout: string[] = [];
  stderr: string[] = [];
  out = (line: string): void => void this.stdout.push(line);
  err = (line: string): void => void this.stderr.push(line);
}

class FakeService implements ConfigService {
  calls: string[] = [];
  failWith: Error | null = null;
  closed = false;
  async describe(entity: ConfigEntity, all: boolean): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.calls.push(`describe ${entity.type} ${entity.name ?? '*'} ${String(all)}`);
  }
  async alter(entity: ConfigEntity): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.calls.push(`alter ${entity.type} ${entity.name ?? '*'}`);
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

function setup(): { io: Capture; service: FakeService; factories: ConfigServiceFactories; modes: string[] } {
  const service = new FakeService();
  const modes: string[] = [];
  return {
    io: new Capture(),
    service,
    modes,
    factories: {
      zookeeper: async (zk) => {
        modes.push(`zk ${zk}`);
        return service;
      },
      bootstrap: async (bs) => {
        modes.push(`bootstrap ${bs}`);
        return service;
      },
    },
  };
}

describe('runConfigCommand', () => {
  it('describes through the chosen mode and closes it', async () => {
    const { io, service, factories, modes } = setup();
    const code = await runConfigCommand(
      ['--bootstrap-server', 'b:9092', '--describe', '--topic', 't', '--all'],
      io,
      factories,
      silentLogger,
    );
    expect(code).toBe(0);
    expect(modes).toEqual(['bootstrap b:9092']);
    expect(service.calls).toEqual(['describe topics t true']);
    expect(service.closed).toBe(true);
  });

  it('prints the ZooKeeper deprecation warning first', async () => {
    const { io, service, factories } = setup();
    await runConfigCommand(
      ['--zookeeper', 'zk:2181', '--alter', '--topic', 't', '--delete-config', 'a'],
      io,
      factories,
      silentLogger,
    );
    expect(io.stdout).toEqual([
      'Warning: --zookeeper is deprecated and will be removed in a future version of Kafka.',
      'Use --bootstrap-server instead to specify a broker to connect to.',
    ]);
    expect(service.calls).toEqual(['alter topics t']);
  });

  it('prints usage with the option table, argument errors alone, other failures with the args', async () => {
    const usage = setup();
    expect(await runConfigCommand([], usage.io, usage.factories, silentLogger)).toBe(1);
    expect(usage.io.stderr[0]).toBe(
      'This tool helps to manipulate and describe entity config for a topic, client, user, broker or ip',
    );
    expect(usage.io.stderr[1]).toMatch(/^Option/);

    const invalid = setup();
    invalid.service.failWith = new InvalidConfigurationError('Invalid config(s): a');
    const args = ['--bootstrap-server', 'b', '--alter', '--topic', 't', '--delete-config', 'a'];
    expect(await runConfigCommand(args, invalid.io, invalid.factories, silentLogger)).toBe(1);
    expect(invalid.io.stderr).toEqual(['Invalid config(s): a']);

    const failed = setup();
    failed.service.failWith = new ExecutionError(javaExceptionForCode(40, 'Unknown topic config name: x'));
    expect(await runConfigCommand(args, failed.io, failed.factories, silentLogger)).toBe(1);
    expect(failed.io.stderr).toEqual([
      "Error while executing config command with args '--bootstrap-server b --alter --topic t --delete-config a'",
      'java.util.concurrent.ExecutionException: org.apache.kafka.common.errors.InvalidConfigurationException: Unknown topic config name: x',
      'Caused by: org.apache.kafka.common.errors.InvalidConfigurationException: Unknown topic config name: x',
    ]);
    expect(failed.service.closed).toBe(true);
  });
});
