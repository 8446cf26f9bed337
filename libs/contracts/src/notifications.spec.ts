import { NOTIFICATION_KIND_GROUPS, NOTIFICATION_KINDS } from './notifications';

describe('the e-mail preferences list', () => {
  it('names every kind of notification exactly once', () => {
    const listed = NOTIFICATION_KIND_GROUPS.flatMap((group) => group.kinds.map((choice) => choice.kind));
    expect([...listed].sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });
});
