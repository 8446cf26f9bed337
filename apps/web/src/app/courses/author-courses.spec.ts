import { slugFromTitle } from './author-courses';

describe('slugFromTitle', () => {
  it('makes the slug the server expects from a title', () => {
    expect(slugFromTitle('Group Support Foundations')).toBe('group-support-foundations');
    expect(slugFromTitle('  Café & Crèche: 101!  ')).toBe('cafe-creche-101');
    expect(slugFromTitle('---')).toBe('');
  });
});
