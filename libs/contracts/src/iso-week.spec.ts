import { isoWeekOf, weekAfter, weekStart } from './iso-week';

describe('ISO weeks', () => {
  it('starts a week on its Monday, in UTC, across a year’s turn', () => {
    expect(weekStart('2026-W49')?.toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(weekStart('2026-W01')?.toISOString()).toBe('2025-12-29T00:00:00.000Z');
    expect(weekStart('2026-W53')?.toISOString()).toBe('2026-12-28T00:00:00.000Z');
    expect(weekStart('2021-W01')?.toISOString()).toBe('2021-01-04T00:00:00.000Z');
  });

  it('knows which years have no week 53, and refuses what is not a week', () => {
    expect(weekStart('2025-W53')).toBeNull();
    expect(weekStart('2026-W00')).toBeNull();
    expect(weekStart('2026-49')).toBeNull();
  });

  it('names the week of any moment, its Thursday deciding the year', () => {
    expect(isoWeekOf(new Date('2026-12-03T17:00:00Z'))).toBe('2026-W49');
    expect(isoWeekOf(new Date('2025-12-29T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(new Date('2021-01-03T23:59:00Z'))).toBe('2020-W53');
    expect(isoWeekOf(new Date('2026-11-30T00:00:00Z'))).toBe('2026-W49');
  });
});

describe('weeks after weeks', () => {
  it('steps across a year’s turn either way', () => {
    expect(weekAfter('2026-W53', 1)).toBe('2027-W01');
    expect(weekAfter('2027-W01', -1)).toBe('2026-W53');
  });
});
