import { camelCase, camelCaseKeys, camelCaseRows, snakeCase } from './rows';

describe('names between the schema and the code', () => {
  it('turns columns into fields and back', () => {
    expect(camelCase('room_id')).toBe('roomId');
    expect(camelCase('lock_course_ids')).toBe('lockCourseIds');
    expect(camelCase('seq')).toBe('seq');
    for (const field of ['roomId', 'lockCourseIds', 'createdAt', 'minWords']) expect(camelCase(snakeCase(field))).toBe(field);
  });

  it('maps every row of a result by the names of the first, nested JSON left as it is', () => {
    const rows = camelCaseRows([
      { user_id: 'a', display_name: 'Ada', roles: [{ role_key: 'x' }] },
      { user_id: 'b', display_name: 'Bo', roles: [] },
    ]);
    expect(rows).toEqual([
      { userId: 'a', displayName: 'Ada', roles: [{ role_key: 'x' }] },
      { userId: 'b', displayName: 'Bo', roles: [] },
    ]);
    expect(camelCaseKeys({ badge_course_ids: ['c'] })).toEqual({ badgeCourseIds: ['c'] });
  });

  it('hands back rows without a snake_case column as they are', () => {
    const rows = [{ id: 'a', total: 3 }];
    expect(camelCaseRows(rows)[0]).toBe(rows[0]);
    expect(camelCaseRows([])).toEqual([]);
  });
});
