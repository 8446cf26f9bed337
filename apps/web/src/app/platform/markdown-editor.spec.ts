import { mentionAt } from './markdown-editor';

describe('mentionAt', () => {
  it('finds the @name being typed at the caret', () => {
    expect(mentionAt('Thanks @ri', 10)).toEqual({ start: 7, query: 'ri' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('(@sam_o', 7)).toEqual({ start: 1, query: 'sam_o' });
  });

  it('looks only at the text before the caret', () => {
    expect(mentionAt('Thanks @riley and more', 13)).toEqual({ start: 7, query: 'riley' });
    expect(mentionAt('Thanks @riley and more', 22)).toBeNull();
  });

  it('ignores e-mail addresses and finished mentions', () => {
    expect(mentionAt('write to ada@example', 20)).toBeNull();
    expect(mentionAt('Thanks @riley ', 14)).toBeNull();
  });
});
