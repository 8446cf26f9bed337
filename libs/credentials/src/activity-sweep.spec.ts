import { ACTIVITY_GRACE_DAYS, activityStep } from './activity-sweep';

const DAY = 86_400_000;

describe('what a holder’s hosting calls for', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

  it('asks nothing of a holder who hosts enough, and forgets an earlier warning', () => {
    expect(activityStep(60, 60, null, now)).toBeNull();
    expect(activityStep(75, 60, daysAgo(2), now)).toBe('cleared');
  });

  it('warns a holder short of it once, then suspends after the grace', () => {
    expect(activityStep(20, 60, null, now)).toBe('warned');
    expect(activityStep(20, 60, daysAgo(ACTIVITY_GRACE_DAYS - 1), now)).toBeNull();
    expect(activityStep(20, 60, daysAgo(ACTIVITY_GRACE_DAYS), now)).toBe('suspended');
  });
});
