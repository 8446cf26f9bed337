import { decodeCursor, encodeCursor } from './pagination';

const forged = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const ID = '0b7c5f1e-8d0a-4c55-9a51-3f0d6c1b2a90';

describe('keyset cursors', () => {
  it('give back the key they were made from', () => {
    expect(decodeCursor(encodeCursor(['2026-11-21 10:20:55.360123+00', ID]), ['timestamp', 'uuid'])).toEqual(['2026-11-21 10:20:55.360123+00', ID]);
    expect(decodeCursor(encodeCursor([3, '2026-11-21 10:20:55+05:30', ID]), ['int', 'timestamp', 'uuid'])).toEqual([3, '2026-11-21 10:20:55+05:30', ID]);
    expect(decodeCursor(undefined, ['uuid'])).toBeNull();
    expect(decodeCursor('', ['uuid'])).toBeNull();
  });

  const TOP = ['int', 'timestamp', 'uuid'] as const;
  const NEWEST = ['timestamp', 'uuid'] as const;
  it.each([
    ['not base64 JSON', 'bogus', NEWEST],
    ['a key of the wrong length', forged([ID]), NEWEST],
    ['text where a timestamp goes', forged(['x', ID]), NEWEST],
    ['an impossible date', forged(['2026-13-45 25:61:00+00', ID]), NEWEST],
    ['30 February', forged(['2026-02-30 10:00:00+00', ID]), NEWEST],
    ['the 25th hour', forged(['2026-02-03 24:00:00+00', ID]), NEWEST],
    ['an ISO timestamp with a T', forged(['2026-11-21T10:20:55Z', ID]), NEWEST],
    ['a count beyond 32 bits', forged([3_000_000_000, '2026-11-21 10:20:55+00', ID]), TOP],
    ['a fractional count', forged([1.5, '2026-11-21 10:20:55+00', ID]), TOP],
    ['a bigint id that is not digits', forged(['12a']), ['serial'] as const],
    ['a malformed uuid', forged(['2026-11-21 10:20:55+00', 'not-a-uuid']), NEWEST],
    ['a NUL in text', forged(['a\u0000b', ID]), ['string', 'uuid'] as const],
  ])('refuse %s, naming the cursor', (_what, cursor, types) => {
    expect(() => decodeCursor(cursor, [...types])).toThrow(expect.objectContaining({ code: 'validation', fieldErrors: [{ field: 'cursor', message: 'The cursor is not one this list gave out.' }] }));
  });
});
