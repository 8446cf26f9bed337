import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { SignInSession } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { IdentityApi } from './identity-api';
import { Session } from './session';
import { BackLink } from '../platform/back-link';

/**
 * Where I am signed in: each browser or device with when it was last used, signing any of
 * them out, or all of them. A session signed out stops working at once, chat included.
 */
@Component({
  selector: 'hearth-sessions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BackLink, WhenPipe, MatButtonModule],
  styleUrl: './account.scss',
  template: `
    <section class="page" aria-labelledby="sessions-title">
      <hearth-back-link to="/account">My account</hearth-back-link>
      <h1 id="sessions-title" tabindex="-1">Where you are signed in</h1>
      <p class="meta">Sign out any browser or device you do not recognise, or no longer use. It is signed out at once, chat included.</p>
      <p class="status" role="status">{{ status() }}</p>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <ul class="sessions">
        @for (session of sessions(); track session.id) {
          <li [attr.data-testid]="session.current ? 'current-session' : 'session'">
            <div>
              <strong>{{ session.device }}</strong>
              @if (session.current) {
                <span class="this-one"> · this browser</span>
              }
              <p class="meta">Signed in {{ session.createdAt | when }} · last used {{ session.lastUsedAt | when }}</p>
            </div>
            <button mat-stroked-button type="button" [disabled]="busy()" (click)="end(session)" [attr.aria-label]="'Sign out ' + session.device + (session.current ? ' (this browser)' : '')">
              Sign out
            </button>
          </li>
        } @empty {
          @if (loaded()) {
            <li class="empty">No sign-in is going.</li>
          }
        }
      </ul>
      @if (sessions().length > 1) {
        @if (confirming()) {
          <div class="confirm" role="group" aria-labelledby="everywhere-question">
            <p id="everywhere-question">Sign out of every browser and device, this one included?</p>
            <button mat-flat-button type="button" [disabled]="busy()" (click)="endAll()">Yes, sign out everywhere</button>
            <button mat-button type="button" (click)="confirming.set(false)">Cancel</button>
          </div>
        } @else {
          <button mat-flat-button type="button" [disabled]="busy()" (click)="confirming.set(true)">Sign out everywhere…</button>
        }
      }
    </section>
  `,
})
export class SessionsPage implements OnInit {
  private readonly api = inject(IdentityApi);
  private readonly session = inject(Session);
  protected readonly sessions = signal<SignInSession[]>([]);
  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly confirming = signal(false);

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected async end(target: SignInSession): Promise<void> {
    await this.act(async () => {
      await this.api.endSession(target.id);
      if (target.current) return this.session.signedOutHere('You signed this browser out.');
      this.status.set(`${target.device} is signed out.`);
      await this.load();
    });
  }

  protected async endAll(): Promise<void> {
    await this.act(async () => {
      await this.api.endAllSessions();
      this.session.signedOutHere('You signed out everywhere.');
    });
  }

  private async act(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      this.sessions.set(await this.api.sessions());
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.loaded.set(true);
    }
  }
}
