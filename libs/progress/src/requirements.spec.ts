import { describeRequirement } from '@hearth/contracts';
import { type CoursePlan, evaluate, type ItemRecord } from './requirements';

const plan: CoursePlan = {
  courseId: 'c',
  courseSlug: 'rooms',
  title: 'Rooms',
  version: 1,
  items: [
    { itemId: 'l1', type: 'lesson', title: 'Welcome' },
    { itemId: 'd1', type: 'discussion', title: 'A room you like' },
    { itemId: 'd2', type: 'discussion', title: 'A hard moment' },
    { itemId: 'q1', type: 'quiz', title: 'Check' },
  ],
  requirements: [],
};
const item = (itemId: string, fields: Partial<ItemRecord>): [string, ItemRecord] => [
  itemId,
  { itemId, viewedAt: null, passedAt: null, answerReplyId: null, answeredAt: null, acceptedReplyId: null, acceptedAt: null, ...fields },
];
const now = new Date();

describe('evaluate', () => {
  it('says what is missing, in reading order, and links to the first of it', () => {
    const [answered] = evaluate({ ...plan, requirements: [{ kind: 'discussions_answered' }] }, { items: new Map([item('d2', { answerReplyId: 'r2', answeredAt: now })]), sessions: [], signedOff: false, practicum: [] });
    expect(answered).toMatchObject({ met: false, done: 1, needed: 2, detail: '1 of 2 discussions answered', link: '/courses/rooms/items/d1' });
    expect(answered.missing).toEqual([{ itemId: 'd1', title: 'A room you like', type: 'discussion' }]);
  });

  it('counts an acceptance only for the answer that counts now', () => {
    const requirements = [{ kind: 'answers_accepted' as const, atLeast: 1 }];
    const stale = evaluate({ ...plan, requirements }, { items: new Map([item('d1', { answerReplyId: 'new', acceptedReplyId: 'old', acceptedAt: now })]), sessions: [], signedOff: false, practicum: [] });
    const current = evaluate({ ...plan, requirements }, { items: new Map([item('d1', { answerReplyId: 'new', acceptedReplyId: 'new', acceptedAt: now })]), sessions: [], signedOff: false, practicum: [] });
    expect([stale[0].met, current[0].met]).toEqual([false, true]);
    expect(current[0].detail).toBe('1 of 1 answers accepted by a mentor (of 2)');
  });

  it('meets a requirement on items a course does not have', () => {
    const [quizzes] = evaluate({ ...plan, items: plan.items.filter((i) => i.type !== 'quiz'), requirements: [{ kind: 'quizzes_passed' }] }, { items: new Map(), sessions: [], signedOff: false, practicum: [] });
    expect(quizzes).toMatchObject({ met: true, needed: 0, link: null });
  });

  it('counts sessions of the kind, long enough, and a sign-off', () => {
    const statuses = evaluate(
      { ...plan, requirements: [{ kind: 'sessions_attended', sessionKind: 'support-session', atLeast: 2, minutes: 30 }, { kind: 'mentor_signoff' }] },
      {
        items: new Map(),
        sessions: [
          { sessionId: 's1', kind: 'support-session', minutes: 30 },
          { sessionId: 's2', kind: 'support-session', minutes: 29 },
          { sessionId: 's3', kind: 'open-room', minutes: 60 },
        ],
        signedOff: true,
        practicum: [],
      },
    );
    expect(statuses.map((s) => [s.met, s.done, s.needed])).toEqual([
      [false, 1, 2],
      [true, 1, 1],
    ]);
    expect(describeRequirement(statuses[0].requirement)).toBe('2+ support-session sessions of 30+ minutes');
  });
});

describe('evaluate: a practicum', () => {
  const practicum = { kind: 'practicum' as const, atLeast: 2, rubric: { criteria: [{ key: 'opening', label: 'Opening', maxScore: 4 }], passScore: 3 } };
  const record = (reviews: Array<{ sessionId: string; passed: boolean }>) => ({ items: new Map(), sessions: [], signedOff: false, practicum: reviews });

  it('counts only passing reviews toward atLeast', () => {
    const [status] = evaluate({ ...plan, requirements: [practicum] }, record([{ sessionId: 's1', passed: true }, { sessionId: 's2', passed: false }]));
    expect(status).toMatchObject({ met: false, done: 1, needed: 2, detail: '1 of 2 practice sessions led and passed (2 reviewed)', link: '/chat' });
  });

  it('is met with atLeast passing reviews', () => {
    const [status] = evaluate({ ...plan, requirements: [practicum] }, record([{ sessionId: 's1', passed: true }, { sessionId: 's2', passed: true }, { sessionId: 's3', passed: true }]));
    expect(status).toMatchObject({ met: true, done: 2, needed: 2, link: null });
  });
});
