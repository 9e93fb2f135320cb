import type { ZooKeeperInstall } from '../../../src/zookeeper-server/locate';
import type { HostFacts, StartRequest } from '../../../src/zookeeper-server/plan';
import {
  endpointFromProperties,
  needsDocker,
  optsFromEnv,
  planZooKeeperShell,
  planZooKeeperStart,
} from '../../../src/zookeeper-server/plan';
import { readJavaProperties } from '../../../src/zookeeper-server/properties';

const STOCK = readJavaProperties(
  'dataDir=/tmp/zookeeper\nclientPort=2181\nmaxClientCnxns=0\nadmin.enableServer=false\n',
);

const DEBIAN: ZooKeeperInstall = {
  source: 'debian',
  home: '/usr/share/java',
  classpath: [
    '/usr/share/java/zookeeper.jar',
    '/usr/share/java/slf4j-log4j12.jar',
    '/usr/share/java/log4j-1.2.jar',
  ],
  logging: 'log4j',
};

function request(overrides: Partial<StartRequest> = {}): StartRequest {
  return {
    propertiesFile: '/repo/config/zookeeper.properties',
    properties: STOCK,
    daemon: false,
    logDir: '/repo/logs',
    log4jConfig: '/repo/config/zookeeper-log4j.properties',
    cwd: '/home/learner',
    env: {},
    ...overrides,
  };
}

const NOTHING: HostFacts = {
  searched: ['/usr/share/java/zookeeper.jar', '/opt/homebrew/opt/zookeeper/libexec'],
  warnings: [],
};

describe('planZooKeeperStart: local install', () => {
  const facts: HostFacts = { install: DEBIAN, java: '/usr/bin/java', searched: [], warnings: ['w'] };

  it('builds the QuorumPeerMain command line for the Debian package', () => {
    const plan = planZooKeeperStart(request(), facts);
    expect(plan).toEqual({
      kind: 'local',
      source: 'debian',
      home: '/usr/share/java',
      daemon: false,
      logDir: '/repo/logs',
      consoleOutputFile: '/repo/logs/zookeeper.out',
      pidFile: '/repo/logs/zookeeper.pid',
      warnings: ['w'],
      command: {
        java: '/usr/bin/java',
        args: [
          '-Xmx512M',
          '-Xms512M',
          '-server',
          '-XX:+UseG1GC',
          '-XX:MaxGCPauseMillis=20',
          '-XX:+ExplicitGCInvokesConcurrent',
          '-Djava.awt.headless=true',
          '-Dkafka.logs.dir=/repo/logs',
          '-Dlog4j.configuration=file:/repo/config/zookeeper-log4j.properties',
          '-cp',
          '/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-log4j12.jar:/usr/share/java/log4j-1.2.jar',
          'org.apache.zookeeper.server.quorum.QuorumPeerMain',
          '/repo/config/zookeeper.properties',
        ],
      },
    });
  });

  it('keeps the local install even when Docker is also available', () => {
    expect(planZooKeeperStart(request(), { ...facts, dockerAvailable: true }).kind).toBe('local');
    expect(needsDocker(facts)).toBe(false);
  });

  it('marks -daemon and lets the KAFKA_* variables replace their groups', () => {
    const plan = planZooKeeperStart(
      request({
        daemon: true,
        env: {
          KAFKA_HEAP_OPTS: ' -Xmx1G ',
          KAFKA_JVM_PERFORMANCE_OPTS: '-XX:+UseSerialGC',
          KAFKA_LOG4J_OPTS: '-Dlog4j.configuration=file:/etc/my-log4j.properties',
          KAFKA_OPTS: '-Da=1  -Db=2',
        },
      }),
      facts,
    );
    if (plan.kind !== 'local') throw new Error(`expected a local plan, got ${plan.kind}`);
    expect(plan.daemon).toBe(true);
    expect(plan.command.args).toEqual([
      '-Xmx1G',
      '-XX:+UseSerialGC',
      '-Dkafka.logs.dir=/repo/logs',
      '-Dlog4j.configuration=file:/etc/my-log4j.properties',
      '-cp',
      DEBIAN.classpath.join(':'),
      '-Da=1',
      '-Db=2',
      'org.apache.zookeeper.server.quorum.QuorumPeerMain',
      '/repo/config/zookeeper.properties',
    ]);
  });

  it('points a logback install (ZooKeeper 3.8+ download) at its own logback.xml', () => {
    const install: ZooKeeperInstall = {
      source: 'ZOOKEEPER_HOME',
      home: '/opt/zk',
      classpath: ['/opt/zk/lib/zookeeper-3.8.4.jar', '/opt/zk/lib/logback-classic-1.2.13.jar'],
      logging: 'logback',
      logbackConfig: '/opt/zk/conf/logback.xml',
    };
    const plan = planZooKeeperStart(request(), {
      install,
      java: '/opt/jdk/bin/java',
      searched: [],
      warnings: [],
    });
    if (plan.kind !== 'local') throw new Error(`expected a local plan, got ${plan.kind}`);
    expect(plan.source).toBe('ZOOKEEPER_HOME');
    expect(plan.command.java).toBe('/opt/jdk/bin/java');
    expect(plan.command.args).toEqual(
      expect.arrayContaining([
        '-Dlogback.configurationFile=/opt/zk/conf/logback.xml',
        '-Dzookeeper.log.dir=/repo/logs',
        '/opt/zk/lib/zookeeper-3.8.4.jar:/opt/zk/lib/logback-classic-1.2.13.jar',
      ]),
    );
    expect(plan.command.args.some((a) => a.startsWith('-Dlog4j.configuration'))).toBe(false);
  });
});

describe('planZooKeeperStart: Docker fallback', () => {
  it('runs the official image with the port on 127.0.0.1 and dataDir bind-mounted', () => {
    const plan = planZooKeeperStart(request({ daemon: true }), { ...NOTHING, dockerAvailable: true });
    expect(plan).toEqual({
      kind: 'docker',
      daemon: true,
      warnings: [],
      container: {
        image: 'zookeeper:3.8',
        name: 'kafka-ts-zookeeper-2181',
        clientPort: 2181,
        hostDataDir: '/tmp/zookeeper',
        createOptions: {
          name: 'kafka-ts-zookeeper-2181',
          Image: 'zookeeper:3.8',
          Env: [
            'ZOO_DATA_DIR=/data',
            'ZOO_DATA_LOG_DIR=/data',
            'ZOO_MAX_CLIENT_CNXNS=0',
            'ZOO_ADMINSERVER_ENABLED=false',
          ],
          Labels: {
            'kafka-ts.role': 'zookeeper',
            'kafka-ts.client-port': '2181',
            'kafka-ts.properties': '/repo/config/zookeeper.properties',
          },
          ExposedPorts: { '2181/tcp': {} },
          HostConfig: {
            PortBindings: { '2181/tcp': [{ HostIp: '127.0.0.1', HostPort: '2181' }] },
            Binds: ['/tmp/zookeeper:/data'],
          },
        },
      },
    });
  });

  it('is also used when ZooKeeper is installed but Java is not', () => {
    const facts: HostFacts = { install: DEBIAN, searched: [], warnings: [], dockerAvailable: true };
    expect(needsDocker(facts)).toBe(true);
    expect(planZooKeeperStart(request(), facts).kind).toBe('docker');
  });

  it('resolves a relative dataDir against the cwd, passes other keys through, honours the image override', () => {
    const plan = planZooKeeperStart(
      request({
        properties: readJavaProperties(
          'dataDir=data/zk\nclientPort=2182\ntickTime=500\ndataLogDir=/x\nsnapCount=1000\nclientPortAddress=0.0.0.0\n',
        ),
        env: { ZOOKEEPER_DOCKER_IMAGE: 'zookeeper:3.9' },
      }),
      { ...NOTHING, dockerAvailable: true },
    );
    if (plan.kind !== 'docker') throw new Error(`expected a docker plan, got ${plan.kind}`);
    expect(plan.container.image).toBe('zookeeper:3.9');
    expect(plan.container.name).toBe('kafka-ts-zookeeper-2182');
    expect(plan.container.hostDataDir).toBe('/home/learner/data/zk');
    expect(plan.container.createOptions.Env).toEqual([
      'ZOO_DATA_DIR=/data',
      'ZOO_DATA_LOG_DIR=/data',
      'ZOO_TICK_TIME=500',
      'ZOO_CFG_EXTRA=snapCount=1000',
    ]);
    expect(plan.warnings).toEqual(['Docker: dataLogDir is ignored; transaction logs are kept in dataDir.']);
  });

  it('explains a properties file without clientPort', () => {
    const plan = planZooKeeperStart(request({ properties: readJavaProperties('dataDir=/tmp/zk\n') }), {
      ...NOTHING,
      dockerAvailable: true,
    });
    expect(plan).toMatchObject({
      kind: 'unavailable',
      message: 'clientPort is not set in /repo/config/zookeeper.properties',
    });
  });
});

describe('planZooKeeperStart: nothing available', () => {
  it('tells the learner every way to get a ZooKeeper', () => {
    const plan = planZooKeeperStart(request(), { ...NOTHING, dockerAvailable: false });
    if (plan.kind !== 'unavailable') throw new Error(`expected unavailable, got ${plan.kind}`);
    expect(plan.message).toContain(
      'no local ZooKeeper installation was found and no Docker engine is answering',
    );
    expect(plan.message).toContain(
      'Looked in: /usr/share/java/zookeeper.jar, /opt/homebrew/opt/zookeeper/libexec',
    );
    expect(plan.message).toContain('apt-get install zookeeper');
    expect(plan.message).toContain('scripts/setup.sh');
    expect(plan.message).toContain('ZOOKEEPER_HOME');
    expect(plan.message).toContain('brew install zookeeper');
    expect(plan.message).toContain('start Docker');
    expect(plan.message).toContain('No Java runtime was found either');
  });

  it('asks for Java when only Java is missing', () => {
    const plan = planZooKeeperStart(request(), {
      install: DEBIAN,
      searched: [],
      warnings: [],
      dockerAvailable: false,
    });
    if (plan.kind !== 'unavailable') throw new Error(`expected unavailable, got ${plan.kind}`);
    expect(plan.message).toContain('Found ZooKeeper (debian: /usr/share/java) but no Java runtime');
    expect(plan.message).toContain('default-jre-headless');
    expect(plan.message).toContain('JAVA_HOME');
    expect(plan.message).toContain('start Docker');
    expect(plan.message).not.toContain('Looked in');
  });
});

describe('endpointFromProperties', () => {
  it.each([
    ['clientPort=2181\n', 'dataDir is not set in f'],
    ['dataDir=/d\n', 'clientPort is not set in f'],
    ['dataDir=/d\nclientPort=70000\n', "clientPort in f must be a TCP port (1-65535), not '70000'"],
    ['dataDir=/d\nclientPort=abc\n', "clientPort in f must be a TCP port (1-65535), not 'abc'"],
  ])('rejects %j', (text, message) => {
    expect(endpointFromProperties(readJavaProperties(text), '/cwd', 'f')).toBe(message);
  });
});

describe('optsFromEnv', () => {
  it('splits on blanks and treats blank as unset', () => {
    expect(optsFromEnv(undefined)).toBeUndefined();
    expect(optsFromEnv('  ')).toBeUndefined();
    expect(optsFromEnv('-Xmx1G\t-Xms1G')).toEqual(['-Xmx1G', '-Xms1G']);
  });
});

describe('planZooKeeperShell', () => {
  it('runs ZooKeeperMain with warnings only, on stderr', () => {
    const plan = planZooKeeperShell(
      ['localhost:2181/chroot', 'ls', '/brokers/ids'],
      { install: DEBIAN, java: '/usr/bin/java', searched: [], warnings: [] },
      { env: {}, logDir: '/repo/logs', log4jConfig: '/repo/config/zookeeper-log4j.properties' },
    );
    if (plan.kind !== 'local') throw new Error(`expected local, got ${plan.kind}`);
    expect(plan.command.args).toEqual([
      '-Xmx256M',
      '-server',
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-XX:+ExplicitGCInvokesConcurrent',
      '-Djava.awt.headless=true',
      '-Dkafka.logs.dir=/repo/logs',
      '-Dlog4j.configuration=file:/repo/config/zookeeper-log4j.properties',
      '-Dkafka.ts.zookeeper.root.logger=WARN, stderr',
      '-Dkafka.ts.zookeeper.exit.logger=OFF',
      '-cp',
      DEBIAN.classpath.join(':'),
      'org.apache.zookeeper.ZooKeeperMain',
      '-server',
      'localhost:2181/chroot',
      'ls',
      '/brokers/ids',
    ]);
  });

  it('explains what to install when there is no local ZooKeeper', () => {
    const plan = planZooKeeperShell(['localhost:2181'], NOTHING, {
      env: {},
      logDir: '/l',
      log4jConfig: '/c',
    });
    expect(plan.kind).toBe('unavailable');
    if (plan.kind === 'unavailable') {
      expect(plan.message).toContain('Cannot run the ZooKeeper shell');
      expect(plan.message).not.toContain('Docker');
    }
  });
});
