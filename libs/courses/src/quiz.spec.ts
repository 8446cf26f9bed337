import { ValidationFailedError } from '@hearth/platform';
import { normaliseQuestions, publishQuestions, questionViews, quizProblems, scoreAnswers } from './quiz';

const quiz = publishQuestions(
  normaliseQuestions([
    {
      id: 'q1',
      text: 'First *step*?',
      kind: 'single',
      options: [
        { id: 'a', text: 'Shout', correct: false },
        { id: 'b', text: 'Slow down', correct: true },
      ],
      explanation: 'Slowing down gives everyone room.',
    },
    {
      id: 'q2',
      text: 'Which help?',
      kind: 'multiple',
      options: [
        { id: 'a', text: 'Naming feelings', correct: true },
        { id: 'b', text: 'Ignoring', correct: false },
        { id: 'c', text: 'Asking', correct: true },
      ],
    },
  ]),
);

describe('scoreAnswers', () => {
  it('scores a question right only when exactly its correct options are chosen', () => {
    const score = scoreAnswers(quiz, [
      { questionId: 'q1', optionIds: ['b'] },
      { questionId: 'q2', optionIds: ['a'] },
    ]);
    expect(score).toMatchObject({ correctCount: 1, questionCount: 2, scorePercent: 50 });
    expect(score.review[1]).toMatchObject({ correct: false, correctOptionIds: ['a', 'c'], chosenOptionIds: ['a'] });
    expect(scoreAnswers(quiz, [{ questionId: 'q1', optionIds: ['b'] }, { questionId: 'q2', optionIds: ['c', 'a'] }]).scorePercent).toBe(100);
  });

  it('refuses answers that do not fit the quiz, naming each', () => {
    const error = (() => {
      try {
        scoreAnswers(quiz, [
          { questionId: 'q1', optionIds: ['a', 'b'] },
          { questionId: 'q9', optionIds: ['a'] },
          { questionId: 'q1', optionIds: ['b'] },
        ]);
      } catch (caught) {
        return caught as ValidationFailedError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(ValidationFailedError);
    const messages = error.fieldErrors.map((e) => `${e.field}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'answers.0: This question takes one answer.',
        'answers.1: This question is not in the quiz.',
        'answers.2: This question is answered twice.',
        'answers: Question 2 is not answered.',
      ]),
    );
  });

  it('refuses options from another question', () => {
    expect(() => scoreAnswers(quiz, [{ questionId: 'q1', optionIds: ['c'] }, { questionId: 'q2', optionIds: ['a'] }])).toThrow(ValidationFailedError);
  });
});

describe('questionViews', () => {
  it('never carries the answer key', () => {
    const text = JSON.stringify(questionViews(quiz));
    expect(text).not.toContain('correct');
    expect(text).not.toContain('Slowing down');
    expect(text).toContain('First <em>step</em>?');
  });
});

describe('quizProblems', () => {
  it('lists what an author must fix before publishing', () => {
    const problems = quizProblems(
      normaliseQuestions([
        { text: '', kind: 'single', options: [{ text: 'x', correct: false }] },
        { text: 'Q', kind: 'single', options: [{ text: 'a', correct: true }, { text: 'b', correct: true }] },
        { text: 'Q', kind: 'multiple', options: [{ text: 'a', correct: false }, { text: '', correct: false }] },
      ]),
    );
    expect(problems).toEqual([
      'Question 1 has no text.',
      'Question 1 needs at least two options.',
      'Question 1 (one answer) must have exactly one correct option, not 0.',
      'Question 2 (one answer) must have exactly one correct option, not 2.',
      'Question 3 has an empty option.',
      'Question 3 (several answers) needs at least one correct option.',
    ]);
    expect(quizProblems([])).toEqual(['The quiz has no questions.']);
  });
});

describe('normaliseQuestions', () => {
  it('keeps valid ids and replaces missing or duplicate ones', () => {
    const [first, second] = normaliseQuestions([
      { id: 'keep', text: ' a ', kind: 'single', options: [{ id: 'x', text: 'o', correct: true }, { id: 'x', text: 'p', correct: false }] },
      { id: 'keep', text: 'b', kind: 'single', options: [] },
    ]);
    expect(first.id).toBe('keep');
    expect(first.text).toBe('a');
    expect(first.options[0].id).toBe('x');
    expect(first.options[1].id).not.toBe('x');
    expect(second.id).not.toBe('keep');
  });
});
