import { slugify } from '@hearth/contracts';
import { slugOf, uniqueSlug } from './slugs';

describe('slugs', () => {
  it('makes a slug from a title, the same in the page and on the server', () => {
    expect(slugify('Group Support Foundations')).toBe('group-support-foundations');
    expect(slugify('  Café & Crèche: 101!  ')).toBe('cafe-creche-101');
    expect(slugOf('---', 'lesson')).toBe('lesson');
  });

  it('numbers a slug that is taken', () => {
    expect(uniqueSlug('welcome', new Set(['welcome', 'welcome-2']))).toBe('welcome-3');
    expect(uniqueSlug('fresh', new Set(['welcome']))).toBe('fresh');
  });
});
