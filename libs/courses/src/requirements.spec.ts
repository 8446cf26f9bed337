import { readRequirements, requirementProblems } from './requirements';

describe('readRequirements', () => {
  it('accepts each kind with its settings', () => {
    const requirements = [
      { kind: 'lessons_viewed' },
      { kind: 'discussions_answered', atLeast: 2 },
      { kind: 'answers_accepted' },
      { kind: 'quizzes_passed' },
      { kind: 'sessions_attended', sessionKind: 'support-session', atLeast: 3, minutes: 45 },
      { kind: 'mentor_signoff' },
    ];
    expect(readRequirements(requirements)).toEqual({ requirements, problems: [] });
  });

  it('names each problem by its place', () => {
    const { problems } = readRequirements([
      { kind: 'lessons_read' },
      { kind: 'discussions_answered', atLeast: 0 },
      { kind: 'sessions_attended', sessionKind: 'Support Session', minutes: 2000 },
      { kind: 'quizzes_passed', atLeast: 1 },
      'mentor_signoff',
      { kind: 'discussions_answered' },
    ]);
    expect(problems).toEqual([
      { field: 'requirements.0.kind', message: expect.stringContaining('kind must be one of lessons_viewed') },
      { field: 'requirements.1.atLeast', message: 'atLeast must be a whole number from 1 to 1000.' },
      { field: 'requirements.2.sessionKind', message: expect.stringContaining('lower-case words joined by hyphens') },
      { field: 'requirements.2.atLeast', message: 'sessions_attended needs atLeast.' },
      { field: 'requirements.2.minutes', message: 'minutes must be a whole number from 1 to 1440.' },
      { field: 'requirements.3.atLeast', message: 'atLeast is not a setting of quizzes_passed.' },
      { field: 'requirements.4', message: 'Each requirement is an object with a kind.' },
      { field: 'requirements.5.kind', message: 'discussions_answered is listed twice.' },
    ]);
    expect(readRequirements('all').problems).toEqual([{ field: 'requirements', message: expect.stringContaining('are a list') }]);
  });

  it('finds, when publishing, requirements the course cannot meet', () => {
    const items = [{ type: 'discussion' as const }, { type: 'lesson' as const }];
    expect(requirementProblems([{ kind: 'discussions_answered', atLeast: 2 }], items)).toEqual([
      { field: 'requirements.0.atLeast', message: 'discussions_answered asks for 2 discussions, but the course has 1.' },
    ]);
    expect(requirementProblems([], items)).toEqual([{ field: 'requirements', message: expect.stringContaining('nobody could complete it') }]);
    expect(requirementProblems([{ kind: 'answers_accepted', atLeast: 1 }], items)).toEqual([]);
  });
});
