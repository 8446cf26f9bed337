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

describe('a practicum requirement and its rubric', () => {
  const rubric = {
    criteria: [
      { key: 'opening', label: 'Opening the circle', description: 'Welcomes, sets the frame', maxScore: 4 },
      { key: 'pacing', label: 'Pacing', maxScore: 3 },
    ],
    passScore: 5,
  };

  it('accepts a practicum with atLeast and a rubric the criteria can pass', () => {
    expect(readRequirements([{ kind: 'practicum', atLeast: 2, rubric }])).toEqual({ requirements: [{ kind: 'practicum', atLeast: 2, rubric }], problems: [] });
  });

  it('names each problem of a rubric by its place', () => {
    const { requirements, problems } = readRequirements([
      {
        kind: 'practicum',
        atLeast: 0,
        rubric: {
          criteria: [
            { key: 'Opening Circle', label: '', maxScore: 0 },
            { key: 'pacing', label: 'Pacing', maxScore: 3, weight: 2 },
            { key: 'pacing', label: 'Pacing again', maxScore: 101 },
          ],
          passScore: 0,
        },
      },
    ]);
    expect(requirements).toEqual([]);
    expect(problems).toEqual([
      { field: 'requirements.0.atLeast', message: 'atLeast must be a whole number from 1 to 100.' },
      { field: 'requirements.0.rubric.criteria.0.key', message: expect.stringContaining('lower-case words joined by hyphens') },
      { field: 'requirements.0.rubric.criteria.0.label', message: 'A criterion has a label of 1 to 120 characters.' },
      { field: 'requirements.0.rubric.criteria.0.maxScore', message: 'maxScore must be a whole number from 1 to 100.' },
      { field: 'requirements.0.rubric.criteria.1.weight', message: expect.stringContaining('weight is not part of a criterion') },
      { field: 'requirements.0.rubric.criteria.2.key', message: 'The key pacing is used twice.' },
      { field: 'requirements.0.rubric.criteria.2.maxScore', message: 'maxScore must be a whole number from 1 to 100.' },
      { field: 'requirements.0.rubric.passScore', message: expect.stringContaining('passScore is a whole number of at least 1') },
    ]);
  });

  it('refuses a rubric that is missing, empty, or cannot be passed', () => {
    expect(readRequirements([{ kind: 'practicum', atLeast: 1 }]).problems).toEqual([{ field: 'requirements.0.rubric', message: expect.stringContaining('practicum needs a rubric') }]);
    expect(readRequirements([{ kind: 'practicum', atLeast: 1, rubric: { criteria: [], passScore: 1 } }]).problems).toEqual([
      { field: 'requirements.0.rubric.criteria', message: 'A rubric has 1 to 12 criteria.' },
    ]);
    expect(readRequirements([{ kind: 'practicum', atLeast: 1, rubric: { ...rubric, passScore: 8 } }]).problems).toEqual([
      { field: 'requirements.0.rubric.passScore', message: 'passScore is 8, but the criteria add up to 7.' },
    ]);
    expect(readRequirements([{ kind: 'practicum', rubric }]).problems).toEqual([{ field: 'requirements.0.atLeast', message: 'practicum needs atLeast.' }]);
  });

  it('cannot be published without a script item to practise from', () => {
    const practicum = [{ kind: 'practicum' as const, atLeast: 1, rubric }];
    expect(requirementProblems(practicum, [{ type: 'lesson' }])).toEqual([{ field: 'requirements.0.kind', message: expect.stringContaining('needs a script item') }]);
    expect(requirementProblems(practicum, [{ type: 'lesson' }, { type: 'script' }])).toEqual([]);
  });
});
