import { MockTime } from '../../../src/common/clock';
import { DelayedOperation, Purgatory } from '../../../src/replication/purgatory';

class WaitForValue extends DelayedOperation {
  result: 'done' | 'expired' | undefined;
  private expired = false;
  constructor(
    delayMs: number,
    private readonly source: { value: number },
    private readonly target: number,
  ) {
    super(delayMs);
  }
  tryComplete(): boolean {
    return this.source.value >= this.target ? this.forceComplete() : false;
  }
  protected override onExpiration(): void {
    this.expired = true;
  }
  protected override onComplete(): void {
    this.result = this.expired ? 'expired' : 'done';
  }
}

describe('Purgatory', () => {
  it('completes at once when it can', () => {
    const time = new MockTime(0);
    const p = new Purgatory<WaitForValue>('test', time);
    const op = new WaitForValue(100, { value: 5 }, 5);
    expect(p.tryCompleteElseWatch(op, ['k'])).toBe(true);
    expect(op.result).toBe('done');
    expect(p.watched('k')).toBe(0);
  });

  it('completes a watched operation when its key is checked after a change', () => {
    const time = new MockTime(0);
    const p = new Purgatory<WaitForValue>('test', time);
    const source = { value: 0 };
    const op = new WaitForValue(100, source, 3);
    expect(p.tryCompleteElseWatch(op, ['a', 'b'])).toBe(false);
    source.value = 3;
    expect(p.checkAndComplete('b')).toBe(1);
    expect(op.result).toBe('done');
    time.advance(200);
    expect(op.result).toBe('done');
    expect(p.watched('a')).toBe(0);
  });

  it('expires an operation after its delay, exactly once', () => {
    const time = new MockTime(0);
    const p = new Purgatory<WaitForValue>('test', time);
    const source = { value: 0 };
    const op = new WaitForValue(100, source, 3);
    p.tryCompleteElseWatch(op, ['k']);
    time.advance(99);
    expect(op.result).toBeUndefined();
    time.advance(1);
    expect(op.result).toBe('expired');
    source.value = 10;
    // Expired, it is no longer watched: nothing completes a second time.
    expect(p.checkAndComplete('k')).toBe(0);
    expect(op.result).toBe('expired');
  });

  it('an operation completed through one key leaves the watch lists of all its keys', () => {
    const time = new MockTime(0);
    const p = new Purgatory<WaitForValue>('test', time);
    const source = { value: 0 };
    // A fetch watching 20 partitions, completed by an append to one of them: the other 19 never
    // change again, so nothing else would ever remove it from their lists.
    const keys = Array.from({ length: 20 }, (_, i) => `t-${i}`);
    for (let i = 0; i < 100; i++) {
      const op = new WaitForValue(500, source, i + 1);
      expect(p.tryCompleteElseWatch(op, keys)).toBe(false);
      expect(p.watchEntries()).toBe(20);
      source.value = i + 1;
      expect(p.checkAndComplete('t-0')).toBe(1);
      expect(op.result).toBe('done');
      expect(p.watchEntries()).toBe(0);
      expect(p.watched('t-7')).toBe(0);
    }
    // Expiry and forced completion unwatch too.
    const expiring = new WaitForValue(500, source, 1000);
    p.tryCompleteElseWatch(expiring, keys);
    time.advance(500);
    expect(expiring.result).toBe('expired');
    expect(p.watchEntries()).toBe(0);
    const forced = new WaitForValue(500, source, 1000);
    p.tryCompleteElseWatch(forced, keys);
    forced.forceComplete();
    expect(p.watchEntries()).toBe(0);
  });

  it('shutdown completes everything still waiting', () => {
    const time = new MockTime(0);
    const p = new Purgatory<WaitForValue>('test', time);
    const ops = [1, 2, 3].map((t) => new WaitForValue(1000, { value: 0 }, t));
    ops.forEach((op, i) => p.tryCompleteElseWatch(op, [`k${i}`]));
    p.shutdown();
    expect(ops.map((o) => o.result)).toEqual(['done', 'done', 'done']);
  });
});
