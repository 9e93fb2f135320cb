import {
  parsePsOutput,
  parseSignal,
  selectZooKeeperProcesses,
} from '../../../src/zookeeper-server/processes';

const PS = [
  '    1 /sbin/init',
  ' 4242 /usr/lib/jvm/java-17-openjdk-amd64/bin/java -Xmx512M -cp /usr/share/java/zookeeper.jar org.apache.zookeeper.server.quorum.QuorumPeerMain /repo/config/zookeeper.properties',
  ' 4300 java -cp zk.jar org.apache.zookeeper.server.quorum.QuorumPeerMain /tmp/test-1/zookeeper.properties',
  ' 4301 /opt/java/openjdk/bin/java -Dzookeeper.log.dir=/logs -cp /apache-zookeeper-3.8.4-bin/lib/* org.apache.zookeeper.server.quorum.QuorumPeerMain /conf/zoo.cfg',
  ' 4400 /usr/bin/java -cp /usr/share/java/zookeeper.jar org.apache.zookeeper.ZooKeeperMain -server localhost:2181',
  ' 4500 grep org.apache.zookeeper.server.quorum.QuorumPeerMain',
  ' 4600 bash -c java org.apache.zookeeper.server.quorum.QuorumPeerMain x',
  ' 4700 /usr/bin/java kafka.Kafka config/server.properties',
  '',
].join('\n');

describe('parsePsOutput', () => {
  it('reads the pid and the whole command line', () => {
    const entries = parsePsOutput(PS);
    expect(entries).toHaveLength(8);
    expect(entries[0]).toEqual({ pid: 1, command: '/sbin/init' });
    expect(entries[2]?.command).toBe(
      'java -cp zk.jar org.apache.zookeeper.server.quorum.QuorumPeerMain /tmp/test-1/zookeeper.properties',
    );
  });
});

describe('selectZooKeeperProcesses', () => {
  const entries = parsePsOutput(PS);

  it('selects every ZooKeeper server JVM, like Kafka, and nothing else', () => {
    expect(selectZooKeeperProcesses(entries, { selfPid: 1 }).map((e) => e.pid)).toEqual([4242, 4300, 4301]);
  });

  it('never selects itself', () => {
    expect(selectZooKeeperProcesses(entries, { selfPid: 4300 }).map((e) => e.pid)).toEqual([4242, 4301]);
  });

  it('narrows to command lines containing ZOOKEEPER_STOP_MATCH', () => {
    expect(
      selectZooKeeperProcesses(entries, { selfPid: 1, match: '/tmp/test-1/zookeeper.properties' }).map(
        (e) => e.pid,
      ),
    ).toEqual([4300]);
    expect(selectZooKeeperProcesses(entries, { selfPid: 1, match: '' })).toHaveLength(3);
  });
});

describe('parseSignal', () => {
  it.each([
    [undefined, 'SIGTERM'],
    ['', 'SIGTERM'],
    ['TERM', 'SIGTERM'],
    ['kill', 'SIGKILL'],
    ['SIGINT', 'SIGINT'],
    ['9', 'SIGKILL'],
  ])('%j → %s', (value, expected) => {
    expect(parseSignal(value)).toBe(expected);
  });

  it('rejects unknown signals', () => {
    expect(parseSignal('BOGUS')).toEqual({ error: 'Unknown signal in SIGNAL: BOGUS' });
  });
});
