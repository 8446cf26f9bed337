import { formatWhen } from './when';

describe('formatWhen', () => {
  const at = new Date(2026, 11, 3, 8, 7);

  it('writes hours with two digits, in every style that shows the time', () => {
    expect(formatWhen(at, 'time')).toMatch(/08[:.]07/);
    expect(formatWhen(at, 'moment')).toMatch(/08[:.]07/);
    expect(formatWhen(at, 'day')).not.toMatch(/08[:.]07/);
    expect(formatWhen(at.toISOString(), 'day')).toContain('2026');
  });

  it('writes nothing for nothing, or for what is not a date', () => {
    expect(formatWhen(null)).toBe('');
    expect(formatWhen(undefined)).toBe('');
    expect(formatWhen('not a date')).toBe('');
  });
});
