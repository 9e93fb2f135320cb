import { logLevel } from 'kafkajs';
import { AddressBook, createClientLogBridge } from '../../../../src/cli/console/client-logging';

const NOW = new Date(2021, 9, 5, 10, 0, 0, 123);

function bridge(clock: () => Date = () => NOW): {
  lines: string[];
  log: ReturnType<typeof createClientLogBridge>;
} {
  const lines: string[] = [];
  const addresses = new AddressBook('localhost:9092,127.0.0.1:9093');
  addresses.learn([{ nodeId: 2, host: 'broker2', port: 9094 }]);
  return {
    lines,
    log: createClientLogBridge(
      (l) => lines.push(l),
      '[Producer clientId=console-producer] ',
      addresses,
      clock,
    ),
  };
}

const entry = (namespace: string, level: logLevel, message: string, extra: Record<string, unknown> = {}) => ({
  namespace,
  level,
  label: 'ERROR',
  log: { timestamp: '', message, ...extra },
});

describe('kafkajs logs in Kafka tool form', () => {
  it("turns a failed connection into the Java client's warning", () => {
    const { lines, log } = bridge();
    const handle = log.logCreator(logLevel.WARN);
    handle(
      entry('Connection', logLevel.ERROR, 'Connection error: connect ECONNREFUSED', {
        broker: 'localhost:9092',
      }),
    );
    handle(entry('Connection', logLevel.ERROR, 'Connection error: x', { broker: '127.0.0.1:9093' }));
    handle(entry('Connection', logLevel.ERROR, 'Connection timeout', { broker: 'broker2:9094' }));
    expect(lines).toEqual([
      '[2021-10-05 10:00:00,123] WARN [Producer clientId=console-producer] Connection to node -1 (localhost/127.0.0.1:9092) ' +
        'could not be established. Broker may not be available. (org.apache.kafka.clients.NetworkClient)',
      '[2021-10-05 10:00:00,123] WARN [Producer clientId=console-producer] Connection to node -2 (/127.0.0.1:9093) ' +
        'could not be established. Broker may not be available. (org.apache.kafka.clients.NetworkClient)',
      '[2021-10-05 10:00:00,123] WARN [Producer clientId=console-producer] Connection to node 2 (broker2/broker2:9094) ' +
        'could not be established. Broker may not be available. (org.apache.kafka.clients.NetworkClient)',
    ]);
  });

  it('thins repeated connection warnings to the Java reconnect backoff', () => {
    let t = NOW.getTime();
    const { lines, log } = bridge(() => new Date(t));
    for (let i = 0; i < 20; i++) {
      log.connectionFailed('localhost', 9092);
      t += 10;
    }
    expect(lines.length).toBeLessThan(6);
  });

  it('drops retry chatter and what the tools report themselves, passes the rest as WARN', () => {
    const { lines, log } = bridge();
    const handle = log.logCreator(logLevel.WARN);
    handle(entry('Producer', logLevel.ERROR, 'Failed to send messages: x', { retryCount: 1 }));
    handle(entry('Connection', logLevel.ERROR, 'Response Produce(key: 0, version: 7)', { error: 'x' }));
    handle(entry('Producer', logLevel.ERROR, 'anything', { retryCount: 0 }));
    handle(entry('Consumer', logLevel.INFO, 'Starting'));
    handle(entry('Consumer', logLevel.WARN, 'Something odd', { error: 'detail' }));
    expect(lines).toEqual([
      '[2021-10-05 10:00:00,123] WARN [Producer clientId=console-producer] Something odd: detail (kafkajs.Consumer)',
    ]);
  });
});
