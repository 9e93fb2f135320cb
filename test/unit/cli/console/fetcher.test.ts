import { dropAborted, toConsumedRecord } from '../../../../src/cli/console/fetcher';
import { toJavaException, exceptionLine, kafkaErrorName } from '../../../../src/cli/console/java-errors';

describe('fetched records', () => {
  it('become ConsumedRecords with the timestamp type of their batch and flattened headers', () => {
    const r = toConsumedRecord('t', 1, {
      offset: '7',
      timestamp: '100',
      key: null,
      value: Buffer.from('v'),
      headers: { a: Buffer.from('1'), b: [Buffer.from('2'), Buffer.from('3')] },
      magicByte: 2,
      batchContext: { timestampType: 1 },
    });
    expect(r.timestampType).toBe('LogAppendTime');
    expect(r.headers.map((h) => `${h.key}=${h.value?.toString() ?? 'null'}`)).toEqual(['a=1', 'b=2', 'b=3']);
    const old = toConsumedRecord('t', 0, {
      offset: '0',
      timestamp: '-1',
      key: null,
      value: null,
      magicByte: 0,
    });
    expect(old.timestampType).toBe('NO_TIMESTAMP_TYPE');
  });

  it('drop aborted transactions and control records under read_committed', () => {
    const msg = (offset: string, producerId: string, inTransaction: boolean, control = false) => ({
      offset,
      timestamp: '0',
      key: control ? Buffer.from([0, 0, 0, 0]) : null,
      value: Buffer.from(offset),
      isControlRecord: control,
      batchContext: { producerId, inTransaction },
    });
    const messages = [
      msg('0', '1', true),
      msg('1', '2', false),
      msg('2', '1', true, true),
      msg('3', '1', true),
    ];
    const kept = dropAborted(messages, [{ producerId: '1', firstOffset: '0' }]).map((m) => m.offset);
    expect(kept).toEqual(['1', '3']);
  });
});

describe('Java exceptions for kafkajs errors', () => {
  it('uses Kafka class names and messages', () => {
    expect(
      exceptionLine(
        toJavaException({ name: 'KafkaJSProtocolError', type: 'NOT_ENOUGH_REPLICAS', message: 'x' }),
      ),
    ).toBe(
      'org.apache.kafka.common.errors.NotEnoughReplicasException: Messages are rejected since there are fewer in-sync replicas than required.',
    );
    expect(
      toJavaException({ name: 'KafkaJSProtocolError', type: 'POLICY_VIOLATION', message: 'no' })
        .javaClassName,
    ).toBe('org.apache.kafka.common.errors.PolicyViolationException');
    expect(kafkaErrorName('NOT_LEADER_FOR_PARTITION')).toBe('NOT_LEADER_OR_FOLLOWER');
  });
});
