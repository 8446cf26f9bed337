import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, computed, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import {
  type ChatMessage,
  type CourseSummary,
  durationInWords,
  type ModerationHistory,
  type ModerationReason,
  type ProbationStanding,
  SANCTION_REASON_NAMES,
  type SanctionKind,
  type SanctionReason,
  type UserSummary,
} from '@hearth/contracts';
import { CoursesApi } from '../courses/courses-api';
import { ApiError } from '../platform/api-error';
import { ChatApi } from './chat-api';
import { ReasonFields, reasonProblem } from './reason-fields';
import { SANCTION_NAMES, sanctionDone, sanctionSummary } from './sanction-words';

export interface ModerationDialogData {
  roomId: string;
  user: UserSummary;
  /** Acting on a message: removing it is one of the steps. */
  message: ChatMessage | null;
  /** The step to start from (the ladder's next one when left out). */
  step?: Step;
  probation: ProbationStanding | null;
  admin: boolean;
  /** Acting from the report queue: the report's reporters are told. */
  reportId?: string;
}

type Step = SanctionKind;

const MUTES = [10, 60, 24 * 60];
const BANS = [60, 24 * 60, 7 * 24 * 60];
const SUSPENSION_DAYS = [7, 14, 30];

/**
 * A moderation step against one person, with a reason and a confirmation: their history
 * and the ladder's next step first, then what to do, for how long and why, then a summary
 * to confirm. The person is told what, for how long and why; the room sees a neutral line.
 */
@Component({
  selector: 'hearth-moderation-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, FormsModule, MatButtonModule, MatDialogModule, ReasonFields],
  styleUrl: './chat.scss',
  template: `
    <h2 mat-dialog-title>Moderate {{ data.user.displayName }}</h2>
    <mat-dialog-content class="moderation-dialog">
      <section aria-labelledby="history-title">
        <h3 id="history-title">Their moderation history</h3>
        @if (history(); as history) {
          @if (history.sanctions.length === 0) {
            <p class="meta">Nothing yet: this would be their first step.</p>
          } @else {
            <ul class="history">
              @for (sanction of history.sanctions; track sanction.id) {
                <li>
                  <strong>{{ names[sanction.kind] }}</strong>
                  @if (sanction.minutes && sanction.kind !== 'warning') {
                    ({{ words(sanction.minutes) }})
                  }
                  in {{ sanction.room.name }} · {{ sanction.createdAt | when: 'day' }} · {{ reasonNames[sanction.reasonCode] }}
                  @if (sanction.liftedAt) {
                    <span class="chip">lifted on appeal</span>
                  } @else if (sanction.inForce) {
                    <span class="chip lock">in force</span>
                  }
                  @if (sanction.appeal?.status === 'pending') {
                    <span class="chip">appeal pending</span>
                  }
                </li>
              }
            </ul>
          }
          <p class="next-step">Next step on the ladder: <strong>{{ names[history.nextStep] }}</strong></p>
        } @else if (historyError(); as message) {
          <p class="alert" role="alert">{{ message }}</p>
        } @else {
          <p class="meta">Loading their history…</p>
        }
      </section>

      @if (!reviewing()) {
        <form id="moderation-form" (ngSubmit)="review()" novalidate>
          <fieldset>
            <legend>What to do</legend>
            @for (choice of steps(); track choice) {
              <label class="choice">
                <input type="radio" name="step" [value]="choice" [ngModel]="step()" (ngModelChange)="pick($event)" />
                {{ names[choice] }}
              </label>
            }
          </fieldset>

          @if (step() === 'mute' || step() === 'ban') {
            <label for="moderation-minutes">For how long</label>
            <select id="moderation-minutes" name="minutes" [ngModel]="minutes()" (ngModelChange)="minutes.set(+$event)">
              @for (choice of lengths(); track choice) {
                <option [value]="choice">{{ words(choice) }}</option>
              }
            </select>
            @if (data.probation; as probation) {
              <p class="meta probation">
                On probation you give mutes and removals of at most {{ words(probation.maxMinutes) }}
                ({{ probation.confirmed }} of {{ probation.needed }} co-hosted sessions confirmed).
              </p>
            }
          }
          @if (step() === 'role_suspended') {
            <label for="moderation-role">Which role</label>
            <select id="moderation-role" name="role" [ngModel]="roleKey()" (ngModelChange)="roleKey.set($event)">
              @for (role of history()?.roles ?? []; track role.key) {
                <option [value]="role.key">{{ role.name }}</option>
              }
            </select>
            <label for="moderation-days">For how long</label>
            <select id="moderation-days" name="days" [ngModel]="days()" (ngModelChange)="days.set(+$event)">
              @for (choice of suspensionDays; track choice) {
                <option [value]="choice">{{ choice }} days</option>
              }
              <option [value]="0">Until they redo a course</option>
            </select>
            @if (days() === 0) {
              <label for="moderation-refresher">The course to redo</label>
              <select id="moderation-refresher" name="refresher" [ngModel]="refresherCourseId()" (ngModelChange)="refresherCourseId.set($event)" aria-describedby="moderation-refresher-help">
                <option value="">Choose a course…</option>
                @for (course of courses(); track course.id) {
                  <option [value]="course.id">{{ course.title }}</option>
                }
              </select>
              <p class="meta" id="moderation-refresher-help">
                They open each lesson again, pass each quiz again and write each discussion answer again; then an admin decides whether to give the role back.
              </p>
            }
          }

          <hearth-reason-fields prefix="moderation" codeLabel="Why (they are told; the room is not)" noteLabel="In your words" [(code)]="reasonCode" [(note)]="note" />
          @if (problem(); as message) {
            <p class="alert" role="alert">{{ message }}</p>
          }
        </form>
      } @else {
        <section class="review" aria-labelledby="review-title">
          <h3 id="review-title" tabindex="-1">Confirm</h3>
          <p>{{ summary() }}</p>
          <p class="meta">They are told this privately, with your reason, and how to appeal. The room sees only that a moderator acted.</p>
          @if (problem(); as message) {
            <p class="alert" role="alert">{{ message }}</p>
          }
        </section>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      @if (!reviewing()) {
        <button mat-flat-button type="submit" form="moderation-form">Continue</button>
      } @else {
        <button mat-button type="button" (click)="back()">Back</button>
        <button mat-flat-button type="button" (click)="confirm()" [disabled]="busy()">{{ busy() ? 'Working…' : 'Confirm' }}</button>
      }
    </mat-dialog-actions>
  `,
})
export class ModerationDialog implements OnInit {
  protected readonly data = inject<ModerationDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ModerationDialog, string>);
  private readonly api = inject(ChatApi);
  private readonly coursesApi = inject(CoursesApi);

  protected readonly names = SANCTION_NAMES;
  protected readonly reasonNames = SANCTION_REASON_NAMES;
  protected readonly suspensionDays = SUSPENSION_DAYS;
  protected readonly words = durationInWords;

  protected readonly history = signal<ModerationHistory | null>(null);
  protected readonly historyError = signal<string | null>(null);
  protected readonly step = signal<Step>(this.data.step ?? 'warning');
  protected readonly minutes = signal(MUTES[0]);
  protected readonly roleKey = signal('');
  /** 0: until a refresher course is redone. */
  protected readonly days = signal(SUSPENSION_DAYS[0]);
  protected readonly refresherCourseId = signal('');
  /** The published courses a refresher may be (loaded once an admin may suspend a role). */
  protected readonly courses = signal<CourseSummary[]>([]);
  protected readonly reasonCode = signal<SanctionReason | ''>('');
  protected readonly note = signal('');
  protected readonly reviewing = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);

  /** The steps on offer: removing a message when acting on one, a role's suspension for admins acting on a facilitator. */
  protected readonly steps = computed<Step[]>(() => {
    const steps: Step[] = ['warning'];
    if (this.data.message) steps.push('message_removed');
    steps.push('mute', 'ban');
    if (this.data.admin && (this.history()?.roles.length ?? 0) > 0) steps.push('role_suspended');
    return steps;
  });

  /** Lengths within the probation limit, if any. */
  protected readonly lengths = computed(() => {
    const all = this.step() === 'ban' ? BANS : MUTES;
    const cap = this.data.probation?.maxMinutes;
    const allowed = cap ? all.filter((minutes) => minutes <= cap) : all;
    return allowed.length > 0 ? allowed : [cap!];
  });

  protected readonly summary = computed(() => {
    const roleName = this.history()?.roles.find((role) => role.key === this.roleKey())?.name ?? 'their role';
    return sanctionSummary(this.step(), this.data.user.displayName, {
      minutes: this.minutes(),
      days: this.days(),
      refresher: this.refresherTitle(),
      roleName,
      reason: this.reasonCode() ? SANCTION_REASON_NAMES[this.reasonCode() as SanctionReason] : '',
    });
  });

  /** The refresher course's title, when the suspension lasts until one is redone. */
  private readonly refresherTitle = computed(() => (this.days() === 0 ? (this.courses().find((course) => course.id === this.refresherCourseId())?.title ?? null) : null));

  async ngOnInit(): Promise<void> {
    try {
      const history = await this.api.moderationHistory(this.data.roomId, this.data.user.id);
      this.history.set(history);
      this.roleKey.set(history.roles[0]?.key ?? '');
      // Start from the ladder's next step unless the moderator chose one (before or while it loaded).
      if (!this.data.step && !this.chosen && this.steps().includes(history.nextStep)) this.choose(history.nextStep);
      if (this.data.admin && history.roles.length > 0) await this.loadCourses();
    } catch (error) {
      this.historyError.set(ApiError.from(error).message);
    }
  }

  /** Every published course, page by page: any of them may be the refresher. Without them the step offers days only, and says why. */
  private async loadCourses(): Promise<void> {
    try {
      const courses: CourseSummary[] = [];
      let cursor: string | null = null;
      do {
        const page = await this.coursesApi.catalog(cursor);
        courses.push(...page.items.filter((course) => course.status === 'published'));
        cursor = page.nextCursor;
      } while (cursor);
      this.courses.set(courses);
    } catch (error) {
      this.problem.set(`The courses to choose a refresher from could not be loaded: ${ApiError.from(error).message}`);
    }
  }

  /** The moderator picked a step themselves: the ladder's suggestion no longer replaces it. */
  private chosen = false;

  protected pick(step: Step): void {
    this.chosen = true;
    this.choose(step);
  }

  /** Back to the choices, focus on the first of them (the Back button itself is gone). */
  protected back(): void {
    this.reviewing.set(false);
    setTimeout(() => (document.querySelector('#moderation-form input[type=radio]:checked') as HTMLElement | null)?.focus());
  }

  protected choose(step: Step): void {
    this.step.set(step);
    if (step === 'mute' || step === 'ban') this.minutes.set(this.lengths()[0]);
  }

  protected review(): void {
    this.problem.set(null);
    const problem = reasonProblem(this.reasonCode(), this.note(), { none: 'Choose a reason; they are told it.', words: 'Say in a few words why; they are told it.' });
    if (problem) return this.problem.set(problem);
    if (this.step() === 'role_suspended' && !this.roleKey()) return this.problem.set('Choose the role to suspend.');
    if (this.step() === 'role_suspended' && this.days() === 0 && !this.refresherCourseId()) return this.problem.set('Choose the course they redo.');
    this.reviewing.set(true);
    setTimeout(() => document.getElementById('review-title')?.focus());
  }

  protected async confirm(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    const reason: ModerationReason = { reasonCode: this.reasonCode() as SanctionReason, ...(this.note().trim() ? { reason: this.note().trim() } : {}), ...(this.data.reportId ? { reportId: this.data.reportId } : {}) };
    const { roomId, user, message } = this.data;
    try {
      switch (this.step()) {
        case 'warning':
          await this.api.warn(roomId, user.id, reason);
          break;
        case 'message_removed':
          await this.api.removeMessage(message!.id, reason);
          break;
        case 'mute':
          await this.api.mute(roomId, user.id, this.minutes(), reason);
          break;
        case 'ban':
          await this.api.ban(roomId, user.id, this.minutes(), reason);
          break;
        case 'role_suspended':
          await this.api.suspendRole(roomId, user.id, this.roleKey(), this.days() === 0 ? { refresherCourseId: this.refresherCourseId() } : { days: this.days() }, reason);
          break;
      }
      const roleName = this.history()?.roles.find((role) => role.key === this.roleKey())?.name ?? 'their role';
      this.ref.close(sanctionDone(this.step(), this.data.user.displayName, { minutes: this.minutes(), days: this.days(), refresher: this.refresherTitle(), roleName }));
    } catch (error) {
      // The choices stay as they were, to correct and confirm again.
      this.problem.set(ApiError.from(error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
