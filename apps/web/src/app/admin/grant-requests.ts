import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, ElementRef, inject, type OnInit, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { type AnswerEvidence, type GrantRequest, REQUEST_STATUSES, type RequestStatus } from '@hearth/contracts';
import { ITEM_TYPE_NAMES } from '../courses/courses-api';
import { CredentialsApi } from '../credentials/credentials-api';
import { ApiError } from '../platform/api-error';
import { REQUEST_STATUS_NAMES } from './admin-words';

/** Requests for roles whose rule asks for review: the evidence behind each, and the decision. */
@Component({
  selector: 'hearth-grant-requests',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, MatButtonModule, RouterLink],
  template: `
    <section class="page page--wide" aria-labelledby="requests-title">
      <p><a routerLink="/admin">Admin</a></p>
      <h1 id="requests-title" tabindex="-1" #title>Grant requests</h1>

      <div class="filter">
        <label for="request-status">Show</label>
        <select id="request-status" [value]="status()" (change)="show($any($event.target).value)">
          @for (option of statuses; track option) {
            <option [value]="option">{{ statusName[option] }}</option>
          }
        </select>
      </div>

      <div aria-live="polite">
        @if (notice(); as message) {
          <p class="notice" role="status">{{ message }}</p>
        }
      </div>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }

      @for (request of requests(); track request.id) {
        <article class="request" [attr.aria-labelledby]="'request-' + request.id">
          <h2 [id]="'request-' + request.id">
            <a [routerLink]="['/admin/people', request.user.id]">{{ request.user.displayName }}</a>&ngsp;<span class="username">&#64;{{ request.user.username }}</span>
            {{ request.kind === 'reinstatement' ? 'to have back' : 'for' }} {{ request.roleName }} <span class="version">(version {{ request.roleVersion }})</span>
          </h2>
          @if (request.kind === 'reinstatement') {
            <p class="reinstatement" data-testid="reinstatement">
              <strong>Reinstatement.</strong> Their role was suspended after an upheld complaint until they redid
              @if (request.refresher; as refresher) {
                <a [routerLink]="['/courses', refresher.courseSlug]">{{ refresher.courseTitle }}</a>; asked on {{ refresher.assignedAt | when: 'day' }}, redone
                {{ refresher.closedAt | when: 'day' }}.
              } @else {
                a refresher course.
              }
              Approving gives the role its powers back; denying leaves it suspended.
            </p>
          }
          <p class="meta">
            Requested <time [attr.datetime]="request.createdAt">{{ request.createdAt | when }}</time>
            @if (request.decidedAt) {
              · {{ statusName[request.status] }} by {{ request.decidedBy?.displayName ?? 'Hearth' }}
              <time [attr.datetime]="request.decidedAt">{{ request.decidedAt | when }}</time>
              @if (request.reason) {
                : <em>{{ request.reason }}</em>
              }
            }
          </p>

          <h3 class="evidence-title">Evidence</h3>
          @for (completion of request.evidence.completions; track completion.courseId) {
            <div class="completion">
              <p>
                <strong>{{ completion.courseTitle || 'A course no longer offered' }}</strong>, completed
                <time [attr.datetime]="completion.completedAt">{{ completion.completedAt | when: 'day' }}</time>
                (course version {{ completion.evidence.version }})
              </p>
              <ul class="items">
                @for (item of completion.evidence.items; track item.itemId) {
                  <li>
                    <span class="type">{{ typeName[item.type] ?? item.type }}</span>
                    <span class="item-title">{{ item.title }}</span>
                    @switch (item.type) {
                      @case ('lesson') {
                        <span class="when">{{ item.viewedAt ? 'opened ' + (item.viewedAt | when: 'day') : 'not opened' }}</span>
                      }
                      @case ('quiz') {
                        <span class="when">
                          @if (item.scorePercent !== null) {
                            passed with {{ item.scorePercent }}%{{ item.passedAt ? ' on ' + (item.passedAt | when: 'day') : '' }}
                          } @else {
                            no passing attempt
                          }
                        </span>
                      }
                      @case ('discussion') {
                        <span class="when">
                          {{ item.answeredAt ? 'answered ' + (item.answeredAt | when: 'day') : 'not answered' }}{{ item.acceptedAt ? ', accepted ' + (item.acceptedAt | when: 'day') : '' }}
                        </span>
                        @if (answerOf(request, item.replyId); as answer) {
                          <blockquote [attr.aria-label]="'Answer to ' + item.title">
                            @if (answer.excerptHtml) {
                              <div class="prose excerpt" [innerHTML]="answer.excerptHtml"></div>
                            } @else {
                              <p>{{ answer.excerpt }}</p>
                            }
                            <p class="by">{{ answer.wordCount }} words</p>
                          </blockquote>
                          @if (answer.review; as review) {
                            <p class="review">
                              {{ review.status === 'accepted' ? 'Accepted' : 'Needs revision' }}, said {{ review.reviewer?.displayName ?? 'a mentor' }}{{ review.comment ? ': ' : '.' }}
                              @if (review.comment) {
                                <em>{{ review.comment }}</em>
                              }
                            </p>
                          } @else {
                            <p class="review">No mentor review.</p>
                          }
                          <p>
                            <a [routerLink]="['/courses', answer.courseSlug, 'items', answer.itemId]" [fragment]="'reply-' + answer.replyId">Read the answer to “{{ item.title }}” in its thread</a>
                          </p>
                        }
                      }
                    }
                  </li>
                }
              </ul>
              <p>
                Sessions attended:
                @for (session of completion.evidence.sessions; track session.sessionId; let last = $last) {
                  {{ session.kind }}, {{ session.minutes }} minutes, {{ session.attendedAt | when: 'day' }}{{ last ? '' : '; ' }}
                } @empty {
                  none
                }
              </p>
              @if (completion.evidence.practicum?.length) {
                <p>
                  Practice sessions passed:
                  @for (review of completion.evidence.practicum; track review.sessionId; let last = $last) {
                    scored {{ review.total }}, {{ review.reviewedAt | when: 'day' }}{{ last ? '' : '; ' }}
                  }
                </p>
              }
              <p>
                Mentor sign-off:
                @if (completion.evidence.signoff; as signoff) {
                  signed off{{ completion.signedOffBy ? ' by ' + completion.signedOffBy.displayName : '' }} {{ signoff.at | when: 'day' }}{{ signoff.note ? ': ' + signoff.note : '' }}
                } @else {
                  none
                }
              </p>
            </div>
          } @empty {
            <p>No course completions: the rule asks for none.</p>
          }
          @if (request.evidence.shadowing?.length) {
            <div class="completion">
              <p><strong>Sessions co-hosted with a holder</strong> (shadowing)</p>
              <ul>
                @for (session of request.evidence.shadowing; track session.sessionId) {
                  <li>
                    “{{ session.topic }}” in {{ session.roomName }}, led by {{ session.leader?.displayName ?? 'a former member' }}: {{ session.minutes }} minutes, confirmed
                    <time [attr.datetime]="session.confirmedAt">{{ session.confirmedAt | when: 'day' }}</time>
                  </li>
                }
              </ul>
            </div>
          }
          <p>
            Roles held then:
            @for (role of request.evidence.rolesHeld; track role.key; let last = $last) {
              {{ role.name }}{{ last ? '' : ', ' }}
            } @empty {
              none
            }
          </p>

          @if (request.status === 'pending') {
            <div class="decision">
              <label [for]="'reason-' + request.id">Reason (optional; {{ request.user.displayName }} is told, and it is kept in the history)</label>
              <textarea [id]="'reason-' + request.id" rows="2" [value]="reasons()[request.id] ?? ''" (input)="setReason(request.id, $any($event.target).value)"></textarea>
              @if (decisionError()?.id === request.id) {
                <p class="alert" role="alert">{{ decisionError()!.message }}</p>
              }
              <div class="form-actions">
                <button mat-flat-button type="button" [disabled]="busy() === request.id" (click)="decide(request, 'approve')">{{ request.kind === 'reinstatement' ? 'Reinstate' : 'Approve' }}</button>
                <button mat-stroked-button type="button" [disabled]="busy() === request.id" (click)="decide(request, 'deny')">Deny</button>
              </div>
            </div>
          }
        </article>
      } @empty {
        @if (!loading()) {
          <p>{{ status() === 'pending' ? 'No requests wait for review.' : 'No ' + statusName[status()].toLowerCase() + ' requests.' }}</p>
        }
      }
      @if (cursor()) {
        <button mat-button type="button" (click)="load()" [disabled]="loading()">{{ loading() ? 'Loading…' : 'Show more' }}</button>
      }
    </section>
  `,
  styles: `
    .filter { display: flex; align-items: center; gap: 0.5rem; margin-bottom: 1rem; }
    select, textarea {
      font: inherit; padding: 0.35rem 0.5rem; border-radius: 6px; border: 1px solid var(--mat-sys-outline);
      background: var(--mat-sys-surface); color: inherit;
    }
    .request { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 0.75rem 1rem; margin-bottom: 1.25rem; overflow-wrap: anywhere; }
    h2 { font-size: 1.2rem; margin: 0.25rem 0; }
    .username, .version, .meta, .by, .when, .type { color: var(--mat-sys-on-surface-variant); }
    .username, .version { font-weight: 400; font-size: 1rem; }
    .meta, .by { font-size: 0.9rem; }
    .evidence-title { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
    .completion { border-top: 1px solid var(--mat-sys-outline-variant); }
    .items { padding-left: 1.25rem; }
    .items li { margin-bottom: 0.35rem; }
    .type { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.05em; margin-right: 0.4rem; }
    .item-title { font-weight: 500; margin-right: 0.4rem; }
    blockquote { margin: 0.35rem 0; padding: 0.1rem 0.75rem; border-left: 4px solid var(--mat-sys-outline-variant); }
    blockquote p { margin: 0.25rem 0; }
    .review { margin: 0.25rem 0; }
    .decision { display: flex; flex-direction: column; gap: 0.35rem; margin-top: 0.75rem; }
    .decision textarea { width: 100%; box-sizing: border-box; }
  `,
})
export class GrantRequests implements OnInit {
  private readonly api = inject(CredentialsApi);
  private readonly title = viewChild.required<ElementRef<HTMLElement>>('title');

  protected readonly statuses = REQUEST_STATUSES;
  protected readonly statusName = REQUEST_STATUS_NAMES;
  protected readonly typeName: Partial<Record<string, string>> = ITEM_TYPE_NAMES;

  protected readonly status = signal<RequestStatus>('pending');
  protected readonly requests = signal<GrantRequest[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  /** The reason typed for each request, kept through a failed decision. */
  protected readonly reasons = signal<Partial<Record<string, string>>>({});
  /** Why the last decision failed, shown beside the request it was about. */
  protected readonly decisionError = signal<{ id: string; message: string } | null>(null);
  /** The request being decided, if any. */
  protected readonly busy = signal<string | null>(null);
  /** Counts the loads, so the answer to a filter changed since is dropped. */
  private generation = 0;

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected async show(status: RequestStatus): Promise<void> {
    this.status.set(status);
    this.requests.set([]);
    this.cursor.set(null);
    this.notice.set(null);
    this.decisionError.set(null);
    await this.load(true);
  }

  protected async load(fresh = false): Promise<void> {
    if (!fresh && this.loading() && this.requests().length > 0) return;
    const generation = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.requests(this.status(), fresh ? null : this.cursor());
      if (generation !== this.generation) return;
      this.requests.update((shown) => [...shown, ...page.items.filter((item) => !shown.some((s) => s.id === item.id))]);
      this.cursor.set(page.nextCursor);
    } catch (error) {
      if (generation === this.generation) this.error.set(ApiError.from(error).message);
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  protected answerOf(request: GrantRequest, replyId: string | null): AnswerEvidence | undefined {
    return replyId ? request.evidence.answers.find((answer) => answer.replyId === replyId) : undefined;
  }

  protected setReason(requestId: string, reason: string): void {
    this.reasons.update((reasons) => ({ ...reasons, [requestId]: reason }));
  }

  protected async decide(request: GrantRequest, decision: 'approve' | 'deny'): Promise<void> {
    if (this.busy()) return;
    this.busy.set(request.id);
    this.decisionError.set(null);
    this.notice.set(null);
    const reason = (this.reasons()[request.id] ?? '').trim();
    try {
      if (decision === 'approve') await this.api.approve(request.id, reason);
      else await this.api.deny(request.id, reason);
      const who = request.user.displayName;
      this.notice.set(
        request.kind === 'reinstatement'
          ? decision === 'approve'
            ? `Reinstated: ${who}’s role ${request.roleName} has its powers back.`
            : `Denied: ${who}’s role ${request.roleName} stays suspended.`
          : decision === 'approve'
            ? `Approved: ${who} is now ${article(request.roleName)} ${request.roleName}.`
            : `Denied: ${who} does not get the role ${request.roleName}.`,
      );
      this.requests.update((requests) => requests.filter((r) => r.id !== request.id));
      this.reasons.update(({ [request.id]: _, ...rest }) => rest);
      // The buttons are gone with the request: start again from the top of the page.
      this.title().nativeElement.focus();
    } catch (error) {
      this.decisionError.set({ id: request.id, message: ApiError.from(error).message });
    } finally {
      this.busy.set(null);
    }
  }
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}
