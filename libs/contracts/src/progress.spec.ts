import { describeRequirement, type PracticumRubric, scoreRubric } from './progress';

const rubric: PracticumRubric = {
  criteria: [
    { key: 'opening', label: 'Opening the circle', maxScore: 4 },
    { key: 'pacing', label: 'Pacing', maxScore: 3 },
  ],
  passScore: 5,
};

describe('scoreRubric', () => {
  it('adds the scores up and passes at the pass score', () => {
    expect(scoreRubric(rubric, { opening: 3, pacing: 2 })).toEqual({
      scores: [
        { key: 'opening', label: 'Opening the circle', score: 3, maxScore: 4 },
        { key: 'pacing', label: 'Pacing', score: 2, maxScore: 3 },
      ],
      total: 5,
      passed: true,
      problems: [],
    });
    expect(scoreRubric(rubric, { opening: 4, pacing: 0 })).toMatchObject({ total: 4, passed: false, problems: [] });
  });

  it('names a missing, unknown, fractional or out-of-range score and never passes with one', () => {
    const scored = scoreRubric(rubric, { opening: 5, tone: 2 });
    expect(scored.passed).toBe(false);
    expect(scored.problems).toEqual([
      { field: 'scores.tone', message: 'tone is not a criterion of this rubric.' },
      { field: 'scores.opening', message: 'Opening the circle takes a whole score from 0 to 4.' },
      { field: 'scores.pacing', message: 'Pacing takes a whole score from 0 to 3.' },
    ]);
    expect(scoreRubric(rubric, { opening: 2.5, pacing: -1 }).problems.map((p) => p.field)).toEqual(['scores.opening', 'scores.pacing']);
    expect(scoreRubric(rubric, { opening: '4', pacing: 3 }).problems.map((p) => p.field)).toEqual(['scores.opening']);
  });
});

it('describes a practicum in a few words', () => {
  expect(describeRequirement({ kind: 'practicum', atLeast: 2, rubric })).toBe('2+ practice sessions led and passed');
});
