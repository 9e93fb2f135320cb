import {
  ConfigException,
  KafkaConfig,
  endPointConnectionString,
  listenerListToEndPoints,
  parseListenerSecurityProtocolMap,
} from '../../../../src/server/config';
import type { EndPoint } from '../../../../src/server/config';

const DEFAULT_MAP = parseListenerSecurityProtocolMap(
  'PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL',
);

const config = (extra: Record<string, string>): KafkaConfig =>
  KafkaConfig.fromProperties(new Map(Object.entries({ 'zookeeper.connect': 'localhost:2181', ...extra })))
    .config;

const ep = (
  listenerName: string,
  host: string | null,
  port: number,
  securityProtocol = 'PLAINTEXT',
): EndPoint => ({ listenerName, securityProtocol, host, port }) as EndPoint;

function configError(fn: () => unknown): ConfigException {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigException) return e;
    throw e;
  }
  throw new Error('expected a ConfigException');
}

describe('listenerListToEndPoints', () => {
  it('parses names (upper-cased), hosts, empty hosts, IPv6 and blanks around commas', () => {
    const eps = listenerListToEndPoints(
      'plaintext://:9092 , SSL://[::1]:9093,SASL_SSL://kafka-1.lab:9094',
      DEFAULT_MAP,
    );
    expect(eps).toEqual([
      ep('PLAINTEXT', null, 9092),
      ep('SSL', '::1', 9093, 'SSL'),
      ep('SASL_SSL', 'kafka-1.lab', 9094, 'SASL_SSL'),
    ]);
    expect(eps.map(endPointConnectionString)).toEqual([
      'PLAINTEXT://:9092',
      'SSL://[::1]:9093',
      'SASL_SSL://kafka-1.lab:9094',
    ]);
  });

  it('maps custom listener names through the security protocol map', () => {
    const map = parseListenerSecurityProtocolMap('INTERNAL:PLAINTEXT, external : sasl_ssl');
    expect(listenerListToEndPoints('INTERNAL://0.0.0.0:9092,EXTERNAL://h:9093', map)).toEqual([
      ep('INTERNAL', '0.0.0.0', 9092),
      ep('EXTERNAL', 'h', 9093, 'SASL_SSL'),
    ]);
  });

  it('rejects a listener name missing from the security protocol map', () => {
    const e = configError(() => listenerListToEndPoints('CLIENT://:9092', DEFAULT_MAP));
    expect(e.message).toBe(
      "Error creating broker listeners from 'CLIENT://:9092': No security protocol defined for listener CLIENT",
    );
    expect(e.key).toBe('listener.security.protocol.map');
  });

  it('rejects malformed entries, duplicate names and duplicate ports', () => {
    expect(configError(() => listenerListToEndPoints('localhost:9092', DEFAULT_MAP)).message).toBe(
      "Error creating broker listeners from 'localhost:9092': Unable to parse localhost:9092 to a broker endpoint",
    );
    expect(
      configError(() => listenerListToEndPoints('PLAINTEXT://:9092,PLAINTEXT://:9093', DEFAULT_MAP)).message,
    ).toBe(
      'requirement failed: Each listener must have a different name, listeners: PLAINTEXT://:9092,PLAINTEXT://:9093',
    );
    expect(
      configError(() => listenerListToEndPoints('PLAINTEXT://:9092,SSL://:9092', DEFAULT_MAP)).message,
    ).toBe(
      'requirement failed: Each listener must have a different port, listeners: PLAINTEXT://:9092,SSL://:9092',
    );
    expect(listenerListToEndPoints('PLAINTEXT://:0,SSL://:0', DEFAULT_MAP)).toHaveLength(2);
    expect(listenerListToEndPoints('PLAINTEXT://a:9092,SSL://b:9092', DEFAULT_MAP, false)).toHaveLength(2);
  });
});

describe('listener.security.protocol.map', () => {
  it('rejects unknown protocols and entries without a colon, naming the key', () => {
    const bad = configError(() =>
      config({ 'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CLIENT:TLS' }),
    );
    expect(bad.message).toBe('Invalid security protocol `TLS` defined in listener.security.protocol.map');
    expect(bad.key).toBe('listener.security.protocol.map');
    const noColon = configError(() => config({ 'listener.security.protocol.map': 'PLAINTEXT' }));
    expect(noColon.message).toMatch(
      /^Error parsing configuration property 'listener.security.protocol.map': /,
    );
  });

  it('rejects a listener that the configured map does not cover', () => {
    const e = configError(() =>
      config({ listeners: 'CLIENT://:9092', 'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT' }),
    );
    expect(e.message).toContain('No security protocol defined for listener CLIENT');
    expect(e.key).toBe('listener.security.protocol.map');
  });
});

describe('KafkaConfig listener defaulting', () => {
  it('uses PLAINTEXT://:9092 when nothing is set', () => {
    const c = config({});
    expect(c.listeners).toEqual([ep('PLAINTEXT', null, 9092)]);
    expect(c.advertisedListeners).toEqual([ep('PLAINTEXT', null, 9092)]);
  });

  it('builds the listener from the legacy host.name and port', () => {
    const c = config({ 'host.name': '127.0.0.1', port: '9093' });
    expect(c.listeners).toEqual([ep('PLAINTEXT', '127.0.0.1', 9093)]);
    expect(c.advertisedListeners).toEqual([ep('PLAINTEXT', '127.0.0.1', 9093)]);
  });

  it('ignores host.name and port once listeners is set', () => {
    const c = config({ listeners: 'PLAINTEXT://localhost:9095', 'host.name': 'ignored', port: '1' });
    expect(c.listeners).toEqual([ep('PLAINTEXT', 'localhost', 9095)]);
  });

  it('advertises advertised.host.name / advertised.port, each falling back to host.name / port', () => {
    expect(config({ 'advertised.host.name': 'broker1.lab' }).advertisedListeners).toEqual([
      ep('PLAINTEXT', 'broker1.lab', 9092),
    ]);
    expect(config({ port: '9093', 'advertised.port': '19093' }).advertisedListeners).toEqual([
      ep('PLAINTEXT', null, 19093),
    ]);
    const c = config({ 'advertised.host.name': 'a', 'advertised.port': '1' });
    expect(c.advertisedHostName).toBe('a');
    expect(c.advertisedPort).toBe(1);
  });

  it('prefers advertised.listeners over everything else', () => {
    const c = config({
      listeners: 'PLAINTEXT://:9092',
      'advertised.listeners': 'PLAINTEXT://kafka.example.com:9092',
      'advertised.host.name': 'ignored',
    });
    expect(c.advertisedListeners).toEqual([ep('PLAINTEXT', 'kafka.example.com', 9092)]);
  });

  it('supports several named listeners with an inter-broker listener name', () => {
    const c = config({
      listeners: 'INTERNAL://:9092,EXTERNAL://:9093',
      'advertised.listeners': 'INTERNAL://broker0:9092,EXTERNAL://localhost:9093',
      'listener.security.protocol.map': 'INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT',
      'inter.broker.listener.name': 'internal',
    });
    expect(c.interBrokerListenerName).toBe('INTERNAL');
    expect(c.interBrokerSecurityProtocol).toBe('PLAINTEXT');
    expect(c.advertisedListeners.map(endPointConnectionString)).toEqual([
      'INTERNAL://broker0:9092',
      'EXTERNAL://localhost:9093',
    ]);
    expect(c.dataPlaneListeners).toHaveLength(2);
  });
});

describe('KafkaConfig listener checks', () => {
  const named = {
    listeners: 'INTERNAL://:9092,EXTERNAL://:9093',
    'listener.security.protocol.map': 'INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT',
  };

  it('requires the inter-broker listener to be advertised', () => {
    expect(configError(() => config(named)).message).toBe(
      'requirement failed: inter.broker.listener.name must be a listener name defined in advertised.listeners. ' +
        'The valid options based on currently configured listeners are INTERNAL,EXTERNAL',
    );
  });

  it('rejects inter.broker.listener.name together with security.inter.broker.protocol, or unmapped', () => {
    expect(
      configError(() =>
        config({
          ...named,
          'inter.broker.listener.name': 'INTERNAL',
          'security.inter.broker.protocol': 'PLAINTEXT',
        }),
      ).message,
    ).toBe('Only one of inter.broker.listener.name and security.inter.broker.protocol should be set.');
    expect(configError(() => config({ ...named, 'inter.broker.listener.name': 'REPLICATION' })).message).toBe(
      'Listener with name REPLICATION defined in inter.broker.listener.name not found in listener.security.protocol.map.',
    );
  });

  it('requires advertised names to be a subset of the listeners and forbids advertising 0.0.0.0', () => {
    expect(
      configError(() =>
        config({ listeners: 'PLAINTEXT://:9092', 'advertised.listeners': 'PLAINTEXT://h:9092,SSL://h:9093' }),
      ).message,
    ).toBe(
      'requirement failed: advertised.listeners listener names must be equal to or a subset of the ones defined in listeners. ' +
        'Found PLAINTEXT,SSL. The valid options based on the current configuration are PLAINTEXT',
    );
    expect(configError(() => config({ 'advertised.listeners': 'PLAINTEXT://0.0.0.0:9092' })).message).toBe(
      'requirement failed: advertised.listeners cannot use the nonroutable meta-address 0.0.0.0. Use a routable IP address.',
    );
  });

  it('validates the control-plane listener', () => {
    const cp = {
      listeners: 'PLAINTEXT://:9092,CONTROLLER://:9091',
      'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'control.plane.listener.name': 'CONTROLLER',
    };
    const c = config(cp);
    expect(c.controlPlaneListenerName).toBe('CONTROLLER');
    expect(c.dataPlaneListeners.map((e) => e.listenerName)).toEqual(['PLAINTEXT']);
    expect(configError(() => config({ ...cp, 'control.plane.listener.name': 'OTHER' })).message).toBe(
      'Listener with OTHER defined in control.plane.listener.name not found in listener.security.protocol.map.',
    );
  });
});
