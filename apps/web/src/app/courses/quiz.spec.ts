import { TestBed } from '@angular/core/testing';
import type { ItemView } from '@hearth/contracts';
import { CoursesApi } from './courses-api';
import { Quiz } from './quiz';

const QUIZ = {
  id: 'quiz-1',
  enrolled: true,
  state: 'not_started',
  questions: [{ id: 'q-1', kind: 'single', options: [{ id: 'o-1' }, { id: 'o-2' }] }],
} as unknown as ItemView;

/** The quiz's logic with its template left out. */
function setUp() {
  TestBed.configureTestingModule({ providers: [{ provide: CoursesApi, useValue: { attempts: async () => [] } }] });
  TestBed.overrideComponent(Quiz, { set: { template: '', imports: [] } });
  const fixture = TestBed.createComponent(Quiz);
  fixture.componentRef.setInput('item', QUIZ);
  fixture.detectChanges();
  const quiz = fixture.componentInstance as unknown as { choose(q: string, o: string, single: boolean): void; unanswered(): number };
  return { fixture, quiz };
}

describe('Quiz answers', () => {
  it('keeps what was ticked when the page hands the same quiz over again (marked viewed)', () => {
    const { fixture, quiz } = setUp();
    quiz.choose('q-1', 'o-2', true);
    expect(quiz.unanswered()).toBe(0);
    fixture.componentRef.setInput('item', { ...QUIZ, state: 'viewed' });
    fixture.detectChanges();
    expect(quiz.unanswered()).toBe(0);
  });

  it('starts afresh on another quiz', () => {
    const { fixture, quiz } = setUp();
    quiz.choose('q-1', 'o-2', true);
    fixture.componentRef.setInput('item', { ...QUIZ, id: 'quiz-2' });
    fixture.detectChanges();
    expect(quiz.unanswered()).toBe(1);
  });
});
