import { TestClock } from './test-clock';

describe('TestClock', () => {
  it('runs on with the system’s time, shifted by however far it was advanced or set', () => {
    const clock = new TestClock();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(50);
    const before = Date.now();
    const advanced = clock.advance({ days: 1, hours: 2, minutes: 3, seconds: 4, ms: 5 });
    expect(advanced.getTime() - before).toBeGreaterThanOrEqual(93_784_005);
    expect(advanced.getTime() - Date.now()).toBeLessThan(93_784_005 + 50);
    const at = new Date('2031-06-01T00:30:00Z');
    expect(Math.abs(clock.set(at).getTime() - at.getTime())).toBeLessThan(50);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(at.getTime());
  });

  it('moves only forward when advanced', () => {
    expect(() => new TestClock().advance({ minutes: -1 })).toThrow('only moves forward');
  });
});
