import {
  directoriesToList,
  findJava,
  findZooKeeperInstall,
  installCandidates,
  javaCandidates,
} from '../../../src/zookeeper-server/locate';

const DEBIAN_JARS = [
  'zookeeper.jar',
  'zookeeper-3.8.0.jar',
  'zookeeper-jute.jar',
  'slf4j-api.jar',
  'slf4j-log4j12.jar',
  'log4j-1.2.jar',
  'netty-handler.jar',
];

describe('installCandidates', () => {
  it('looks at ZOOKEEPER_HOME, then Debian, then both Homebrew prefixes', () => {
    const candidates = installCandidates({ ZOOKEEPER_HOME: '/opt/zk/' });
    expect(candidates.map((c) => [c.source, c.home])).toEqual([
      ['ZOOKEEPER_HOME', '/opt/zk'],
      ['debian', '/usr/share/java'],
      ['homebrew', '/opt/homebrew/opt/zookeeper/libexec'],
      ['homebrew', '/usr/local/opt/zookeeper/libexec'],
    ]);
    expect(directoriesToList({})).toContain('/usr/local/opt/zookeeper/libexec/lib');
    expect(directoriesToList({})).not.toContain('/opt/zk');
  });

  it('ignores an empty ZOOKEEPER_HOME', () => {
    expect(installCandidates({ ZOOKEEPER_HOME: ' ' })[0]?.source).toBe('debian');
  });
});

describe('findZooKeeperInstall', () => {
  it('uses the Debian package with the log4j binding when both jars are there', () => {
    const result = findZooKeeperInstall({}, { '/usr/share/java': DEBIAN_JARS });
    expect(result.install).toEqual({
      source: 'debian',
      home: '/usr/share/java',
      classpath: [
        '/usr/share/java/zookeeper.jar',
        '/usr/share/java/zookeeper-jute.jar',
        '/usr/share/java/slf4j-log4j12.jar',
        '/usr/share/java/log4j-1.2.jar',
      ],
      logging: 'log4j',
    });
    expect(result.warnings).toEqual([]);
  });

  it('still uses the Debian jar without the log4j binding', () => {
    const result = findZooKeeperInstall({}, { '/usr/share/java': ['zookeeper.jar'] });
    expect(result.install?.classpath).toEqual(['/usr/share/java/zookeeper.jar']);
    expect(result.install?.logging).toBe('none');
  });

  it('prefers ZOOKEEPER_HOME (a 3.8 download: logback, conf/logback.xml) over Debian', () => {
    const result = findZooKeeperInstall(
      { ZOOKEEPER_HOME: '/opt/zk' },
      {
        '/opt/zk': ['bin', 'conf', 'lib', 'README.md'],
        '/opt/zk/lib': [
          'zookeeper-jute-3.8.4.jar',
          'zookeeper-3.8.4.jar',
          'logback-classic-1.2.13.jar',
          'slf4j-api-1.7.30.jar',
          'zookeeper-3.8.4-tests.jar',
          'README.txt',
        ],
        '/opt/zk/conf': ['zoo_sample.cfg', 'logback.xml'],
        '/usr/share/java': DEBIAN_JARS,
      },
    );
    expect(result.install).toEqual({
      source: 'ZOOKEEPER_HOME',
      home: '/opt/zk',
      classpath: [
        '/opt/zk/lib/logback-classic-1.2.13.jar',
        '/opt/zk/lib/slf4j-api-1.7.30.jar',
        '/opt/zk/lib/zookeeper-3.8.4.jar',
        '/opt/zk/lib/zookeeper-jute-3.8.4.jar',
      ],
      logging: 'logback',
      logbackConfig: '/opt/zk/conf/logback.xml',
    });
  });

  it('reads an older download with the server jar at the top and log4j in lib/', () => {
    const result = findZooKeeperInstall(
      { ZOOKEEPER_HOME: '/opt/zookeeper-3.4.14' },
      {
        '/opt/zookeeper-3.4.14': ['zookeeper-3.4.14.jar', 'zookeeper-3.4.14.jar.md5', 'lib'],
        '/opt/zookeeper-3.4.14/lib': [
          'log4j-1.2.17.jar',
          'slf4j-log4j12-1.7.25.jar',
          'netty-3.10.6.Final.jar',
        ],
      },
    );
    expect(result.install?.classpath).toEqual([
      '/opt/zookeeper-3.4.14/zookeeper-3.4.14.jar',
      '/opt/zookeeper-3.4.14/lib/log4j-1.2.17.jar',
      '/opt/zookeeper-3.4.14/lib/netty-3.10.6.Final.jar',
      '/opt/zookeeper-3.4.14/lib/slf4j-log4j12-1.7.25.jar',
    ]);
    expect(result.install?.logging).toBe('log4j');
  });

  it('warns about a ZOOKEEPER_HOME without jars and falls back to Debian', () => {
    const result = findZooKeeperInstall(
      { ZOOKEEPER_HOME: '/usr/share/zookeeper' },
      { '/usr/share/zookeeper': ['bin'], '/usr/share/java': DEBIAN_JARS },
    );
    expect(result.install?.source).toBe('debian');
    expect(result.warnings).toEqual([
      'ZOOKEEPER_HOME is set to /usr/share/zookeeper, but no zookeeper jar was found there or in its lib/ directory; ignoring it.',
    ]);
  });

  it('finds Homebrew on Apple silicon, with the logback.xml from etc/zookeeper', () => {
    const result = findZooKeeperInstall(
      {},
      {
        '/usr/share/java': ['commons-io.jar'],
        '/opt/homebrew/opt/zookeeper/libexec': ['bin', 'lib'],
        '/opt/homebrew/opt/zookeeper/libexec/lib': ['zookeeper-3.9.2.jar', 'logback-classic-1.2.13.jar'],
        '/opt/homebrew/etc/zookeeper': ['zoo.cfg', 'logback.xml'],
      },
    );
    expect(result.install).toMatchObject({
      source: 'homebrew',
      home: '/opt/homebrew/opt/zookeeper/libexec',
      logging: 'logback',
      logbackConfig: '/opt/homebrew/etc/zookeeper/logback.xml',
    });
  });

  it('finds Homebrew on Intel Macs', () => {
    const result = findZooKeeperInstall(
      {},
      { '/usr/local/opt/zookeeper/libexec/lib': ['zookeeper-3.9.2.jar', 'zookeeper-jute-3.9.2.jar'] },
    );
    expect(result.install?.home).toBe('/usr/local/opt/zookeeper/libexec');
    expect(result.install?.logging).toBe('none');
  });

  it('reports every place it looked when nothing is installed', () => {
    const result = findZooKeeperInstall({ ZOOKEEPER_HOME: '/nowhere' }, {});
    expect(result.install).toBeUndefined();
    expect(result.searched).toEqual([
      '/nowhere',
      '/usr/share/java/zookeeper.jar',
      '/opt/homebrew/opt/zookeeper/libexec',
      '/usr/local/opt/zookeeper/libexec',
    ]);
  });
});

describe('findJava', () => {
  const env = { JAVA_HOME: '/opt/jdk-17', PATH: '/usr/local/bin::relative/bin:/usr/bin' };

  it('lists JAVA_HOME first, then absolute PATH entries', () => {
    expect(javaCandidates(env)).toEqual(['/opt/jdk-17/bin/java', '/usr/local/bin/java', '/usr/bin/java']);
  });

  it('prefers JAVA_HOME/bin/java', () => {
    expect(findJava(env, new Set(['/opt/jdk-17/bin/java', '/usr/bin/java']))).toEqual({
      java: '/opt/jdk-17/bin/java',
      warnings: [],
    });
  });

  it('falls back to java on PATH, with a warning about a broken JAVA_HOME', () => {
    const result = findJava(env, new Set(['/usr/bin/java']));
    expect(result.java).toBe('/usr/bin/java');
    expect(result.warnings).toEqual([
      'JAVA_HOME is set to /opt/jdk-17, but /opt/jdk-17/bin/java does not exist; looking for java on PATH.',
    ]);
  });

  it('finds nothing when no candidate exists', () => {
    expect(findJava({ PATH: '/usr/bin' }, new Set())).toEqual({ warnings: [] });
  });
});
