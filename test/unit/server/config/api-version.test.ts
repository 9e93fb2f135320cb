import { ALL_API_VERSIONS, LATEST_API_VERSION, parseApiVersion } from '../../../../src/server/config';
import { minSupportedFor } from '../../../../src/server/config/api-version';

describe('inter.broker.protocol.version values', () => {
  it.each([
    ['2.8-IV1', '2.8-IV1'],
    ['2.8', '2.8-IV1'],
    ['2.8.2', '2.8-IV1'],
    ['2.7', '2.7-IV2'],
    ['1.0', '1.0-IV0'],
    ['0.10.0', '0.10.0-IV1'],
    ['0.10.2.1', '0.10.2-IV0'],
    ['0.9.0.1', '0.9.0'],
  ])('%s resolves to %s', (input, full) => {
    expect(parseApiVersion(input).version).toBe(full);
  });

  it('rejects unknown versions with Kafka wording', () => {
    expect(() => parseApiVersion('3.0')).toThrow('Version `3.0` is not a valid version');
    expect(() => parseApiVersion('banana')).toThrow('Version `banana` is not a valid version');
  });

  it('knows message formats and the newest version', () => {
    expect(LATEST_API_VERSION).toBe(ALL_API_VERSIONS[ALL_API_VERSIONS.length - 1]?.version);
    expect(parseApiVersion('0.9.0').recordVersion).toBe(0);
    expect(parseApiVersion('0.10.2').recordVersion).toBe(1);
    expect(parseApiVersion('0.11.0').recordVersion).toBe(2);
    expect(minSupportedFor(1).version).toBe('0.10.0-IV0');
  });
});
