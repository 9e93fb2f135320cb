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
    expect(p.checkAndComplete('k')).toBe(1);
    expect(op.result).toBe('expired');
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
