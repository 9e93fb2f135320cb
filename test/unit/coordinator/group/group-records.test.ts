/**
 * `__consumer_offsets` records against bytes written out by hand from Kafka 2.8's
 * OffsetCommitKey/OffsetCommitValue/GroupMetadataKey/GroupMetadataValue schemas.
 */
import {
  encodeGroupMetadataKey,
  encodeGroupMetadataValue,
  encodeOffsetCommitKey,
  encodeOffsetCommitValue,
  readGroupMetadataValue,
  readMessageKey,
  readOffsetCommitValue,
} from '../../../../src/coordinator/group/group-records';
import {
  decodeAssignment,
  decodeSubscriptionTopics,
} from '../../../../src/coordinator/group/consumer-protocol';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('offset commit records', () => {
  test('key v1: [version=1][group][topic][partition]', () => {
    const key = encodeOffsetCommitKey('g1', 'topic', 3);
    expect(key).toEqual(hex('0001 0002 6731 0005 746f706963 00000003'));
    expect(readMessageKey(key)).toEqual({
      kind: 'offset',
      version: 1,
      group: 'g1',
      topic: 'topic',
      partition: 3,
    });
  });

  test('key v0 reads the same way', () => {
    expect(readMessageKey(hex('0000 0001 67 0001 74 00000000'))).toEqual({
      kind: 'offset',
      version: 0,
      group: 'g',
      topic: 't',
      partition: 0,
    });
  });

  test('value v3: offset, leader epoch, metadata, commit timestamp', () => {
    const value = encodeOffsetCommitValue({
      offset: 42n,
      leaderEpoch: 7,
      metadata: 'm',
      commitTimestamp: 1000n,
      expireTimestamp: null,
    });
    expect(value).toEqual(hex('0003 000000000000002a 00000007 0001 6d 00000000000003e8'));
    expect(readOffsetCommitValue(value)).toEqual({
      offset: 42n,
      leaderEpoch: 7,
      metadata: 'm',
      commitTimestamp: 1000n,
      expireTimestamp: null,
    });
  });

  test('value v1 (explicit retention): offset, metadata, commit and expire timestamps', () => {
    const o = { offset: 5n, leaderEpoch: -1, metadata: '', commitTimestamp: 1000n, expireTimestamp: 2000n };
    const value = encodeOffsetCommitValue(o);
    expect(value).toEqual(hex('0001 0000000000000005 0000 00000000000003e8 00000000000007d0'));
    expect(readOffsetCommitValue(value)).toEqual(o);
  });

  test('values v0 and v2 (no epoch, no expiry) and tombstones', () => {
    const v0 = readOffsetCommitValue(hex('0000 0000000000000009 0000 0000000000000001'));
    expect(v0).toEqual({
      offset: 9n,
      leaderEpoch: -1,
      metadata: '',
      commitTimestamp: 1n,
      expireTimestamp: null,
    });
    expect(readOffsetCommitValue(hex('0002 0000000000000009 0000 0000000000000001'))).toEqual(v0);
    expect(readOffsetCommitValue(null)).toBeNull();
  });

  test('unknown versions are refused', () => {
    expect(() => readMessageKey(hex('0003 0001 67'))).toThrow('Unknown group metadata message version: 3');
    expect(() => readOffsetCommitValue(hex('0004'))).toThrow('Unknown offset message version: 4');
  });
});

describe('group metadata records', () => {
  test('key v2: [version=2][group]', () => {
    expect(encodeGroupMetadataKey('g')).toEqual(hex('0002 0001 67'));
    expect(readMessageKey(hex('0002 0001 67'))).toEqual({ kind: 'group', version: 2, group: 'g' });
  });

  test('value v3 with one member', () => {
    const record = {
      protocolType: 'consumer',
      generation: 1,
      protocol: 'range',
      leader: 'm',
      currentStateTimestamp: 256n,
      members: [
        {
          memberId: 'm',
          groupInstanceId: null,
          clientId: 'c',
          clientHost: '/h',
          rebalanceTimeout: 300000,
          sessionTimeout: 10000,
          subscription: hex('aa'),
          assignment: hex('bbcc'),
        },
      ],
    };
    const bytes = encodeGroupMetadataValue(record);
    expect(bytes).toEqual(
      hex(
        '0003 0008 636f6e73756d6572 00000001 0005 72616e6765 0001 6d 0000000000000100 00000001' +
          ' 0001 6d ffff 0001 63 0002 2f68 000493e0 00002710 00000001 aa 00000002 bbcc',
      ),
    );
    expect(readGroupMetadataValue(bytes)).toEqual(record);
  });

  test('an Empty group: null protocol and leader, no members', () => {
    const bytes = encodeGroupMetadataValue({
      protocolType: 'consumer',
      generation: 2,
      protocol: null,
      leader: null,
      currentStateTimestamp: -1n,
      members: [],
    });
    expect(bytes).toEqual(hex('0003 0008 636f6e73756d6572 00000002 ffff ffff ffffffffffffffff 00000000'));
  });

  test('value v0 (no rebalance timeout: the session timeout is used) and v2 (no instance id)', () => {
    const v0 = hex(
      '0000 0000 00000003 ffff ffff 00000001 0001 6d 0001 63 0001 68 00001388 00000000 00000000',
    );
    expect(readGroupMetadataValue(v0)?.members[0]).toMatchObject({
      rebalanceTimeout: 5000,
      sessionTimeout: 5000,
      groupInstanceId: null,
    });
    const v2 = hex(
      '0002 0000 00000003 ffff ffff 0000000000000007 00000001 0001 6d 0001 63 0001 68 00000064 00001388 00000000 00000000',
    );
    expect(readGroupMetadataValue(v2)).toMatchObject({
      currentStateTimestamp: 7n,
      members: [{ rebalanceTimeout: 100 }],
    });
    expect(readGroupMetadataValue(null)).toBeNull();
  });
});

describe('consumer protocol', () => {
  test('subscription topics from any version (the v0 prefix)', () => {
    // version 1, topics [a, bc], user data null, then v1's owned partitions (ignored).
    expect(decodeSubscriptionTopics(hex('0001 00000002 0001 61 0002 6263 ffffffff 00000000'))).toEqual([
      'a',
      'bc',
    ]);
  });

  test('assignment partitions; an empty buffer is no assignment', () => {
    expect(decodeAssignment(hex('0000 00000001 0001 74 00000002 00000000 00000005 ffffffff'))).toEqual([
      { topic: 't', partitions: [0, 5] },
    ]);
    expect(decodeAssignment(Buffer.alloc(0))).toEqual([]);
  });
});
