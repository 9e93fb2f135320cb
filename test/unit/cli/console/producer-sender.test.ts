import type { LineRecord } from '../../../../src/cli/console/line-reader';
import {
  RecordAccumulator,
  sendErrorMessage,
  sendWithWaits,
  waitableError,
} from '../../../../src/cli/console/producer-sender';

const rec = (value: string, key: string | null = null): LineRecord => ({
  topic: 't',
  key: key === null ? null : Buffer.from(key),
  value: Buffer.from(value),
});

describe('RecordAccumulator', () => {
  afterEach(() => jest.useRealTimers());

  it('holds records for linger.ms, then sends them together, in order', async () => {
    jest.useFakeTimers();
    const sent: string[][] = [];
    const acc = new RecordAccumulator(
      { lingerMs: 1000, batchSize: 16384, bufferMemory: 1 << 20 },
      (batch) => {
        sent.push(batch.map((r) => r.value.toString()));
        return Promise.resolve();
      },
    );
    await acc.append(rec('a'));
    await acc.append(rec('b'));
    jest.advanceTimersByTime(999);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(1);
    await Promise.resolve();
    expect(sent).toEqual([['a', 'b']]);
  });

  it('sends at once when batch.size bytes are waiting, and everything on flush', async () => {
    const sent: string[][] = [];
    const acc = new RecordAccumulator({ lingerMs: 60_000, batchSize: 3, bufferMemory: 1 << 20 }, (batch) => {
      sent.push(batch.map((r) => r.value.toString()));
      return Promise.resolve();
    });
    await acc.append(rec('abc'));
    await acc.append(rec('d'));
    await acc.flush();
    expect(sent).toEqual([['abc'], ['d']]);
  });

  it('keeps one send in flight; what arrives meanwhile goes in the next one', async () => {
    const sent: string[][] = [];
    let release: () => void = () => undefined;
    const acc = new RecordAccumulator({ lingerMs: 0, batchSize: 1 << 20, bufferMemory: 1 << 20 }, (batch) => {
      sent.push(batch.map((r) => r.value.toString()));
      return sent.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
    });
    await acc.append(rec('1'));
    await acc.append(rec('2'));
    await acc.append(rec('3'));
    expect(sent).toEqual([['1']]);
    release();
    await acc.flush();
    expect(sent).toEqual([['1'], ['2', '3']]);
  });
});

describe('send errors', () => {
  it("reads like Kafka's ErrorLoggingCallback", () => {
    expect(sendErrorMessage(rec('hello'))).toBe(
      'Error when sending message to topic t with key: null, value: 5 bytes with error:',
    );
    expect(sendErrorMessage(rec('hello', 'k1'))).toBe(
      'Error when sending message to topic t with key: 2 bytes, value: 5 bytes with error:',
    );
  });

  it('waits out missing metadata and unreachable brokers only', () => {
    expect(waitableError({ name: 'KafkaJSProtocolError', type: 'LEADER_NOT_AVAILABLE' })).toBe('metadata');
    expect(
      waitableError({ name: 'KafkaJSNumberOfRetriesExceeded', cause: { name: 'KafkaJSConnectionError' } }),
    ).toBe('connection');
    expect(waitableError({ name: 'KafkaJSProtocolError', type: 'NOT_ENOUGH_REPLICAS' })).toBeUndefined();
  });

  it("gives up on metadata after max.block.ms with Java's TimeoutException, warning as Kafka does", async () => {
    const warnings: string[] = [];
    const failing = (): Promise<void> =>
      Promise.reject(
        Object.assign(new Error('x'), { name: 'KafkaJSProtocolError', type: 'UNKNOWN_TOPIC_OR_PARTITION' }),
      );
    await expect(
      sendWithWaits(
        failing,
        { topic: 't', maxBlockMs: 120, deliveryTimeoutMs: 1000, retryBackoffMs: 50 },
        1,
        (w) => warnings.push(w),
      ),
    ).rejects.toThrow('Topic t not present in metadata after 120 ms.');
    expect(warnings[0]).toMatch(
      /^Error while fetching metadata with correlation id \d+ : \{t=UNKNOWN_TOPIC_OR_PARTITION\}$/,
    );
  });

  it('passes other errors straight through', async () => {
    const err = Object.assign(new Error('no'), { name: 'KafkaJSProtocolError', type: 'NOT_ENOUGH_REPLICAS' });
    await expect(
      sendWithWaits(
        () => Promise.reject(err),
        { topic: 't', maxBlockMs: 1, deliveryTimeoutMs: 1, retryBackoffMs: 1 },
        1,
        () => {},
      ),
    ).rejects.toBe(err);
  });
});
