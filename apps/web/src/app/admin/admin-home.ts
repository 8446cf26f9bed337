import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ChatApi } from '../chat/chat-api';
import { CredentialsApi } from '../credentials/credentials-api';
import { ApiError } from '../platform/api-error';

/** The admin area's start: where to go, and how much waits for review. */
@Component({
  selector: 'hearth-admin-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <section class="page" aria-labelledby="admin-title">
      <h1 id="admin-title" tabindex="-1">Admin</h1>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <ul class="areas">
        <li>
          <a routerLink="/admin/grant-requests">Grant requests</a>
          <span class="detail" aria-live="polite">
            @if (pending(); as count) {
              {{ count === '0' ? 'Nothing waiting for review' : count + ' waiting for review' }}
            }
          </span>
        </li>
        <li>
          <a routerLink="/admin/appeals">Chat appeals</a>
          <span class="detail" aria-live="polite">
            @if (appeals(); as count) {
              {{ count === '0' ? 'No appeal waiting' : count + ' waiting for a decision' }}
            }
          </span>
        </li>
        <li>
          <a routerLink="/admin/coverage">Coverage</a>
          <span class="detail">The rota of shifts per room, and the week's uncovered hours</span>
        </li>
        <li>
          <a routerLink="/admin/people">People</a>
          <span class="detail">Find a member, see their roles and history, grant, revoke or reinstate a role</span>
        </li>
        <li>
          <a routerLink="/admin/roles">Roles</a>
          <span class="detail">Define facilitator roles and what unlocks them</span>
        </li>
        <li>
          <a routerLink="/admin/audit">Audit log</a>
          <span class="detail">Who changed what, and why</span>
        </li>
      </ul>
    </section>
  `,
  styles: `
    .areas { list-style: none; padding: 0; }
    li { display: flex; flex-direction: column; padding: 0.75rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    li a { font-size: 1.15rem; font-weight: 600; }
    .detail { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class AdminHome implements OnInit {
  private readonly api = inject(CredentialsApi);
  private readonly chat = inject(ChatApi);
  /** The pending count as shown: "3", or "20+" when there is more than the first page. */
  protected readonly pending = signal<string | null>(null);
  protected readonly appeals = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    try {
      const [requests, appeals] = await Promise.all([this.api.requests('pending', null), this.chat.appeals('pending', null)]);
      this.pending.set(`${requests.items.length}${requests.nextCursor ? '+' : ''}`);
      this.appeals.set(`${appeals.items.length}${appeals.nextCursor ? '+' : ''}`);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }
}
