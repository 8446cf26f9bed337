import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { Eligibility, LearningCourse, UpcomingSession } from '@hearth/contracts';
import { ChatApi } from '../chat/chat-api';
import { CredentialsApi } from '../credentials/credentials-api';
import { UnmetList } from '../credentials/unmet-list';
import { DiscussionsApi } from '../discussions/discussions-api';
import { Session } from '../identity/session';
import { ApiError } from '../platform/api-error';
import { CoursesApi, ITEM_TYPE_NAMES } from './courses-api';

/** A learner's home after signing in: my courses with the next step, what waits for me as staff, upcoming sessions in my rooms, and the roles I am working toward with what each still asks. */
@Component({
  selector: 'hearth-learning-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, MatButtonModule, MatProgressBarModule, RouterLink, UnmetList],
  template: `
    <section class="page" aria-labelledby="learning-title">
      <h1 id="learning-title" tabindex="-1">My learning</h1>
      @if (session.me(); as me) {
        @if (!me.emailVerified) {
          <p class="notice">Confirm your e-mail address to receive the badges you earn: <a routerLink="/account">see my account</a>.</p>
        }
      }
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }

      <!-- Mentors and authors: what waits for them in the courses they help run. -->
      @if (waiting(); as waiting) {
        <section class="waiting" aria-labelledby="waiting-title">
          <h2 id="waiting-title">Waiting for you</h2>
          <p>
            In the courses you help run:
            @if (waiting.answers > 0) {
              {{ waiting.answers }} {{ waiting.answers === 1 ? 'answer waits' : 'answers wait' }} for review{{ waiting.flags > 0 ? ', and ' : '.' }}
            }
            @if (waiting.flags > 0) {
              {{ waiting.flags }} {{ waiting.flags === 1 ? 'flag is' : 'flags are' }} open.
            }
            <a routerLink="/author">Go to your courses</a>
          </p>
        </section>
      }

      <h2 id="my-courses">My courses</h2>
      @if (courses(); as courses) {
        <ul class="courses" aria-labelledby="my-courses">
          @for (course of courses; track course.courseId) {
            <li [attr.aria-label]="course.title">
              <a class="title" [routerLink]="['/courses', course.slug]">{{ course.title }}</a>
              <mat-progress-bar mode="determinate" [value]="percent(course)" aria-hidden="true" />
              <p class="meta">{{ course.done }} of {{ course.total }} done</p>
              @if (course.completedAt) {
                <p class="done">Completed on {{ course.completedAt | when: 'day' }}.</p>
              } @else if (course.next; as next) {
                <a mat-flat-button [routerLink]="['/courses', course.slug, 'items', next.id]">{{ course.done === 0 ? 'Start' : 'Next' }}: {{ next.title }}</a>
                <span class="meta"> ({{ typeName[next.type] }})</span>
              } @else {
                <p>Every item is done; see on <a [routerLink]="['/courses', course.slug]">the course page</a> what completion still asks for.</p>
              }
            </li>
          } @empty {
            <li class="empty">You are not enrolled in a course yet. <a routerLink="/courses">Browse the courses</a> to start one.</li>
          }
        </ul>
      } @else if (!error()) {
        <p role="status">Loading your courses…</p>
      }

      <h2 id="my-sessions">Upcoming sessions in my rooms</h2>
      @if (sessions(); as sessions) {
        <ul class="sessions" aria-labelledby="my-sessions">
          @for (session of sessions; track session.id) {
            <li>
              <a [routerLink]="['/chat', session.roomId]">{{ session.topic }}</a>
              <span class="meta">
                in {{ session.roomName }}{{ session.scheduledFor ? ', ' : '' }}{{ session.scheduledFor ? (session.scheduledFor | when) : '' }}{{ session.leader ? ', led by ' + session.leader.displayName : '' }}
              </span>
            </li>
          } @empty {
            <li class="empty">None scheduled. <a routerLink="/chat">See the rooms</a>.</li>
          }
        </ul>
      }

      <h2 id="my-roles">Roles I am working toward</h2>
      @if (roles(); as roles) {
        <ul class="roles" aria-labelledby="my-roles">
          @for (role of roles; track role.roleKey) {
            <li>
              <a [routerLink]="['/roles']" [fragment]="role.roleKey">{{ role.roleName }}</a>
              @if (role.pending) {
                <span class="meta"> — requested; the admins have been told.</span>
              } @else if (role.eligible) {
                <span class="meta"> — you meet what it asks for: ask for it on the roles page.</span>
              } @else {
                <span class="meta"> — still to do:</span>
                <hearth-unmet-list [conditions]="role.unmet" />
              }
            </li>
          } @empty {
            <li class="empty">None in progress. <a routerLink="/roles">See what each role takes</a>.</li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    .courses, .roles { list-style: none; padding: 0; }
    .courses > li { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 0.75rem 1rem; margin-bottom: 0.75rem; }
    .title { font-size: 1.15rem; font-weight: 600; display: inline-block; margin-bottom: 0.5rem; }
    .meta, .empty { color: var(--mat-sys-on-surface-variant); }
    .roles > li, .sessions > li { padding: 0.4rem 0; }
    .sessions { list-style: none; padding: 0; }

    .done { font-weight: 600; }
    .waiting { border-left: 4px solid var(--mat-sys-primary); padding-left: 0.75rem; }
  `,
})
export class LearningPage implements OnInit {
  private readonly courses$ = inject(CoursesApi);
  private readonly credentials = inject(CredentialsApi);
  private readonly discussions = inject(DiscussionsApi);
  private readonly chat = inject(ChatApi);
  protected readonly session = inject(Session);
  protected readonly typeName = ITEM_TYPE_NAMES;
  protected readonly courses = signal<LearningCourse[] | null>(null);
  /** Every role not held yet, with where it stands: asked for, within reach, or how much is left. */
  protected readonly roles = signal<Eligibility[] | null>(null);
  protected readonly error = signal<string | null>(null);
  /** The next sessions in the chat rooms I may enter. */
  protected readonly sessions = signal<UpcomingSession[] | null>(null);
  /** Answers to review and open flags in the courses I help run, when there are any. */
  protected readonly waiting = signal<{ answers: number; flags: number } | null>(null);

  async ngOnInit(): Promise<void> {
    // Beside the rest, and never in its way: a learner with no course to help run has nothing here.
    void this.discussions.reviewQueue().then((queues) => {
      const answers = queues.reduce((sum, queue) => sum + queue.answersToReview, 0);
      const flags = queues.reduce((sum, queue) => sum + queue.openFlags, 0);
      this.waiting.set(answers + flags > 0 ? { answers, flags } : null);
    }, () => undefined);
    try {
      const [learning, mine, sessions] = await Promise.all([this.courses$.learning(), this.credentials.mine(), this.chat.upcomingForMe()]);
      this.courses.set(learning.courses);
      this.roles.set(mine.next.filter((role) => !role.held));
      this.sessions.set(sessions);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }

  protected percent(course: LearningCourse): number {
    return course.total > 0 ? Math.round((course.done / course.total) * 100) : 0;
  }
}
