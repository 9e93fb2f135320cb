import { MockTime } from '../../../src/common/clock';

describe('MockTime', () => {
  it('runs one-shot and periodic tasks in time order as time advances', () => {
    const time = new MockTime(0);
    const seen: string[] = [];
    time.schedule(50, () => seen.push(`once@${time.now()}`));
    const periodic = time.schedulePeriodic(10, 30, () => seen.push(`tick@${time.now()}`));
    time.advance(75);
    expect(seen).toEqual(['tick@10', 'tick@40', 'once@50', 'tick@70']);
    periodic.cancel();
    time.advance(100);
    expect(seen).toHaveLength(4);
    expect(time.now()).toBe(175);
  });
});
