import { withoutNameOf } from './personal-data';

describe('withoutNameOf', () => {
  const former = { id: 'u-1', username: 'former-abc', displayName: 'Former member' };

  it('pseudonymises every summary of the person, however deep, and leaves the rest', () => {
    const evidence = {
      completions: [{ courseId: 'c', signedOffBy: { id: 'u-1', username: 'mentor_ann', displayName: 'Ann Mentor' } }],
      answers: [{ replyId: 'r', review: { status: 'accepted', reviewer: { id: 'u-2', username: 'ben', displayName: 'Ben' } } }],
    };
    expect(withoutNameOf(evidence, former)).toEqual({
      completions: [{ courseId: 'c', signedOffBy: { id: 'u-1', username: 'former-abc', displayName: 'Former member' } }],
      answers: [{ replyId: 'r', review: { status: 'accepted', reviewer: { id: 'u-2', username: 'ben', displayName: 'Ben' } } }],
    });
  });

  it('is null when the snapshot never named them (an id elsewhere is not a name)', () => {
    expect(withoutNameOf({ replyId: 'u-1', answers: [], who: { id: 'u-2', displayName: 'Ben' } }, former)).toBeNull();
    expect(withoutNameOf(null, former)).toBeNull();
  });
});
