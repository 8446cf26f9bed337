import { changedItemIds } from './recertify';

const item = (itemId: string, bodyMd: string, extra: object = {}) => ({
  itemId,
  type: 'lesson' as const,
  bodyMd,
  reflectionQuestion: null,
  minWords: null,
  passPercent: null,
  questions: null,
  ...extra,
});

describe('what holders redo to recertify', () => {
  it('is the items new or changed, in the new order; a retitled or moved item is not changed', () => {
    const before = [item('a', 'One'), item('b', 'Two'), item('c', 'Three')];
    const after = [item('c', 'Three', { title: 'Renamed' }), item('b', 'Two, better'), item('a', 'One'), item('d', 'Four')];
    expect(changedItemIds(before, after)).toEqual(['b', 'd']);
  });

  it('compares questions by what they say, whatever order their keys came back in', () => {
    const written = item('q', 'Quiz', { type: 'quiz', passPercent: 100, questions: [{ id: 'q1', text: 'Why?', options: [{ id: 'o1', text: 'So', correct: true }] }] });
    const readBack = item('q', 'Quiz', { type: 'quiz', passPercent: 100, questions: [{ options: [{ correct: true, text: 'So', id: 'o1' }], text: 'Why?', id: 'q1' }] });
    expect(changedItemIds([written], [readBack])).toEqual([]);
    const changed = item('q', 'Quiz', { type: 'quiz', passPercent: 80, questions: written.questions });
    expect(changedItemIds([written], [changed])).toEqual(['q']);
  });
});
