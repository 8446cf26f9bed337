import type { ChatRoom, CourseOutline, CourseSummary, CreateItemRequest, DraftItem, DraftModule, ItemView, QuizAttemptResult } from '@hearth/contracts';
import type { Http } from './http';

let sequence = 0;

export interface BuiltCourse {
  course: CourseSummary;
  modules: DraftModule[];
  items: DraftItem[];
  lesson: DraftItem;
  discussion: DraftItem;
  quiz: DraftItem;
}

/** The quiz every built course carries: question 1 one answer (b), question 2 several (a and c). */
export const QUIZ: Pick<CreateItemRequest, 'questions' | 'passPercent'> = {
  passPercent: 100,
  questions: [
    {
      text: 'When a room heats up, what comes first?',
      kind: 'single',
      options: [
        { text: 'Remove whoever is loudest', correct: false },
        { text: 'Slow things down and name what is happening', correct: true },
      ],
      explanation: 'Naming it gives everyone a moment to step back.',
    },
    {
      text: 'Which of these help a newcomer?',
      kind: 'multiple',
      options: [
        { text: 'A personal welcome', correct: true },
        { text: 'Silence', correct: false },
        { text: 'Pointing to the room guide', correct: true },
      ],
    },
  ],
};

/** A course with one lesson, one discussion and one quiz, built through the API. */
export async function buildCourse(http: Http, token: string, options: { publish?: boolean } = {}): Promise<BuiltCourse> {
  sequence += 1;
  const slug = `course-${sequence}-${process.pid}`;
  const course = await expectStatus(http.post('/api/v1/courses', { slug, title: `Course ${sequence}`, summary: 'A course for tests.' }, { token }), 201);
  const module = await expectStatus(http.post(`/api/v1/courses/${slug}/modules`, { title: 'Getting started' }, { token }), 201);
  const add = (item: CreateItemRequest) => expectStatus(http.post(`/api/v1/modules/${module.id}/items`, item, { token }), 201);
  const lesson = await add({ type: 'lesson', title: 'Welcome', body: '# Welcome\n\nRooms are **shared** spaces.' });
  const discussion = await add({ type: 'discussion', title: 'Your room', body: 'Think of a room you like.', reflectionQuestion: 'Which room do you like, and why?' });
  const quiz = await add({ type: 'quiz', title: 'Check', body: 'Two questions.', ...QUIZ });
  if (options.publish) await expectStatus(http.post(`/api/v1/courses/${slug}/publish`, { note: 'First version' }, { token }), 200);
  const draft = await expectStatus(http.get(`/api/v1/courses/${slug}/draft`, { token }), 200);
  return { course, modules: draft.modules, items: [lesson, discussion, quiz], lesson, discussion, quiz };
}

/** A trainee passes a built course's quiz, answering as QUIZ says is right. */
export async function passQuiz(http: Http, built: BuiltCourse, token: string): Promise<QuizAttemptResult> {
  const quiz: ItemView = await expectStatus(http.get(`/api/v1/items/${built.quiz.id}`, { token }), 200);
  const answers = quiz.questions!.map((question, i) => ({ questionId: question.id, optionIds: i === 0 ? [question.options[1].id] : [question.options[0].id, question.options[2].id] }));
  return expectStatus(http.post(`/api/v1/items/${built.quiz.id}/attempts`, { answers }, { token }), 201);
}

/** An enrolled trainee does what a built course asks by default: opens its lesson, answers its discussion, passes its quiz. */
export async function completeCourse(http: Http, built: BuiltCourse, token: string, answer = 'The quiet room where people take turns.'): Promise<void> {
  await expectStatus(http.post(`/api/v1/items/${built.lesson.id}/view`, undefined, { token }), 204);
  await expectStatus(http.post(`/api/v1/items/${built.discussion.id}/replies`, { body: answer }, { token }), 201);
  await passQuiz(http, built, token);
}

/** Where a course's practice sessions run: the course, its first script item, and the first practice room the person may enter. */
export async function practiceOf(http: Http, course: string, token: string): Promise<{ courseId: string; scriptItemId: string; roomId: string }> {
  const outline: CourseOutline = await expectStatus(http.get(`/api/v1/courses/${course}`, { token }), 200);
  const script = outline.modules.flatMap((module) => module.items).find((item) => item.type === 'script');
  const rooms: ChatRoom[] = await expectStatus(http.get('/api/v1/chat/rooms', { token }), 200);
  const room = rooms.find((r) => r.canEnter && r.tags.includes('practice'));
  if (!script || !room) throw new Error(`${course} has no script item, or there is no practice room`);
  return { courseId: outline.id, scriptItemId: script.id, roomId: room.id };
}

/**
 * A trainee leads a practice session from a script, a mentor of the course observes it, the
 * trainee ends it and the mentor scores it: one review toward the course's practicum.
 */
export async function practiseOnce(
  http: Http,
  practice: { courseId: string; scriptItemId: string; roomId: string },
  traineeToken: string,
  mentorToken: string,
  scores: Record<string, number>,
  feedback = 'A calm, warm circle.',
): Promise<void> {
  const session = await expectStatus(
    http.post(`/api/v1/chat/rooms/${practice.roomId}/sessions`, { topic: 'Practice circle', practice: { courseId: practice.courseId, scriptItemId: practice.scriptItemId } }, { token: traineeToken }),
    201,
  );
  await expectStatus(http.post(`/api/v1/chat/sessions/${session.id}/observe`, undefined, { token: mentorToken }), 200);
  await expectStatus(http.post(`/api/v1/chat/sessions/${session.id}/end`, undefined, { token: traineeToken }), 200);
  await expectStatus(http.post(`/api/v1/chat/sessions/${session.id}/practicum-review`, { scores, feedback }, { token: mentorToken }), 201);
}

/** A passing score on the demo course's practicum rubric (8 needed of 12). */
export const DEMO_PRACTICUM_SCORES = { opening: 3, listening: 3, pacing: 2, closing: 3 };

export async function expectStatus(request: Promise<{ status: number; body: any }>, status: number): Promise<any> {
  const response = await request;
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}
