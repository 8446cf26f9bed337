import type { CompletionRequirement, ItemType, RequirementStatus } from '@hearth/contracts';

/** A course as progress keeps it, from its latest `course.published`. */
export interface CoursePlan {
  courseId: string;
  courseSlug: string;
  title: string;
  version: number;
  items: Array<{ itemId: string; type: ItemType; title: string }>;
  requirements: CompletionRequirement[];
}

/** One trainee's record on one item. */
export interface ItemRecord {
  itemId: string;
  viewedAt: Date | null;
  passedAt: Date | null;
  /** The answer that counts now, if any. */
  answerReplyId: string | null;
  answeredAt: Date | null;
  /** The answer a mentor accepted last, if its latest review accepted it. */
  acceptedReplyId: string | null;
  acceptedAt: Date | null;
}

export interface AttendanceRecord {
  sessionId: string;
  kind: string;
  minutes: number;
}

export interface TraineeRecord {
  items: Map<string, ItemRecord>;
  sessions: AttendanceRecord[];
  signedOff: boolean;
  /** Mentors' reviews of practice sessions the trainee led in this course. */
  practicum: Array<{ sessionId: string; passed: boolean }>;
}

/**
 * Each requirement of a plan, met or not, for one trainee. Pure: the same records give the
 * same answer, which is what lets an event re-check one enrollment alone.
 */
export function evaluate(plan: CoursePlan, record: TraineeRecord): RequirementStatus[] {
  const ofType = (type: ItemType) => plan.items.filter((item) => item.type === type);
  const link = (itemId: string) => `/courses/${plan.courseSlug}/items/${itemId}`;
  return plan.requirements.map((requirement): RequirementStatus => {
    const itemsWhere = (type: ItemType, done: (record: ItemRecord | undefined) => boolean, atLeast: number | undefined, words: [string, string]) => {
      const items = ofType(type);
      const missing = items.filter((item) => !done(record.items.get(item.itemId)));
      const needed = Math.min(atLeast ?? items.length, items.length);
      const doneCount = items.length - missing.length;
      const [doneWord, itemWord] = words;
      return {
        kind: requirement.kind,
        requirement,
        met: doneCount >= needed,
        detail: atLeast === undefined ? `${doneCount} of ${items.length} ${itemWord} ${doneWord}` : `${Math.min(doneCount, needed)} of ${needed} ${itemWord} ${doneWord} (of ${items.length})`,
        done: Math.min(doneCount, needed),
        needed,
        missing: doneCount >= needed ? [] : missing.map((item) => ({ itemId: item.itemId, title: item.title, type: item.type })),
        link: doneCount >= needed || missing.length === 0 ? null : link(missing[0].itemId),
      };
    };
    switch (requirement.kind) {
      case 'lessons_viewed':
        return itemsWhere('lesson', (item) => item?.viewedAt != null, undefined, ['opened', 'lessons']);
      case 'discussions_answered':
        return itemsWhere('discussion', (item) => item?.answerReplyId != null, requirement.atLeast, ['answered', 'discussions']);
      case 'answers_accepted':
        return itemsWhere(
          'discussion',
          (item) => item?.answerReplyId != null && item.acceptedReplyId === item.answerReplyId,
          requirement.atLeast,
          ['accepted by a mentor', 'answers'],
        );
      case 'quizzes_passed':
        return itemsWhere('quiz', (item) => item?.passedAt != null, undefined, ['passed', 'quizzes']);
      case 'sessions_attended': {
        const counted = record.sessions.filter((session) => session.kind === requirement.sessionKind && session.minutes >= requirement.minutes).length;
        const done = Math.min(counted, requirement.atLeast);
        return {
          kind: requirement.kind,
          requirement,
          met: counted >= requirement.atLeast,
          detail: `${done} of ${requirement.atLeast} ${requirement.sessionKind} sessions attended for ${requirement.minutes} minutes or more`,
          done,
          needed: requirement.atLeast,
          missing: [],
          link: counted >= requirement.atLeast ? null : '/chat',
        };
      }
      case 'mentor_signoff':
        return {
          kind: requirement.kind,
          requirement,
          met: record.signedOff,
          detail: record.signedOff ? 'Signed off by a mentor' : 'Not signed off by a mentor yet',
          done: record.signedOff ? 1 : 0,
          needed: 1,
          missing: [],
          link: null,
        };
      case 'practicum': {
        const passed = record.practicum.filter((review) => review.passed).length;
        const done = Math.min(passed, requirement.atLeast);
        const met = passed >= requirement.atLeast;
        return {
          kind: requirement.kind,
          requirement,
          met,
          detail: `${done} of ${requirement.atLeast} practice sessions led and passed (${record.practicum.length} reviewed)`,
          done,
          needed: requirement.atLeast,
          missing: [],
          link: met ? null : '/chat',
        };
      }
    }
  });
}

/** Whether a plan has a practicum, so its reviews need reading. */
export function needsPracticum(plan: CoursePlan): boolean {
  return plan.requirements.some((requirement) => requirement.kind === 'practicum');
}

/** Whether a plan uses attendance at all, so other records need not be read for it. */
export function needsSessions(plan: CoursePlan): boolean {
  return plan.requirements.some((requirement) => requirement.kind === 'sessions_attended');
}
