import {
  parseShellArgs,
  parseStartArgs,
  shellUsage,
  startUsage,
} from '../../../src/zookeeper-server/cli-args';

describe('parseStartArgs', () => {
  it.each([
    [
      ['config/zookeeper.properties'],
      { kind: 'run', daemon: false, propertiesFile: 'config/zookeeper.properties' },
    ],
    [['-daemon', 'zk.properties'], { kind: 'run', daemon: true, propertiesFile: 'zk.properties' }],
    [[], { kind: 'usage' }],
    [['-daemon'], { kind: 'usage' }],
    [['--help'], { kind: 'usage' }],
    [['-foreground', 'zk.properties'], { kind: 'usage', error: 'Unknown option: -foreground' }],
    [['a.properties', 'b'], { kind: 'usage', error: 'Unexpected arguments: b' }],
  ])('%j', (argv, expected) => {
    expect(parseStartArgs(argv)).toEqual(expected);
  });

  it("prints Kafka's usage line", () => {
    expect(startUsage('bin/zookeeper-server-start.sh')).toBe(
      'USAGE: bin/zookeeper-server-start.sh [-daemon] zookeeper.properties',
    );
  });
});

describe('parseShellArgs', () => {
  it('takes the server then an optional command', () => {
    expect(parseShellArgs(['localhost:2181', 'get', '/controller'])).toEqual({
      kind: 'run',
      server: 'localhost:2181',
      command: ['get', '/controller'],
    });
    expect(parseShellArgs(['localhost:2181'])).toEqual({
      kind: 'run',
      server: 'localhost:2181',
      command: [],
    });
    expect(parseShellArgs([])).toEqual({ kind: 'usage' });
    expect(parseShellArgs(['-h'])).toEqual({ kind: 'usage' });
    expect(shellUsage('zookeeper-shell.sh')).toBe(
      'USAGE: zookeeper-shell.sh zookeeper_host:port[/path] [args...]',
    );
  });
});
