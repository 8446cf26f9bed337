import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { ApiError } from '../platform/api-error';
import { IdentityApi } from './identity-api';
import { Session } from './session';

/** The e-mailed verification link's page: opens it, and says what happened. */
@Component({
  selector: 'hearth-verify-email',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <section class="page page--narrow" aria-labelledby="verify-title">
      <h1 id="verify-title" tabindex="-1">Confirm your e-mail address</h1>
      @switch (state()) {
        @case ('working') {
          <p role="status">Confirming…</p>
        }
        @case ('done') {
          <p class="notice" role="status">Your e-mail address is confirmed. Badges you earned are issued now.</p>
          <p><a routerLink="/account">Go to my account</a></p>
        }
        @default {
          <p class="alert" role="alert">{{ error() }}</p>
          <p><a routerLink="/account">Ask for a new link from my account</a></p>
        }
      }
    </section>
  `,
})
export class VerifyEmailPage implements OnInit {
  private readonly api = inject(IdentityApi);
  private readonly session = inject(Session);
  private readonly token = inject(ActivatedRoute).snapshot.queryParamMap.get('token');
  protected readonly state = signal<'working' | 'done' | 'failed'>('working');
  protected readonly error = signal('');

  async ngOnInit(): Promise<void> {
    if (!this.token) {
      this.error.set('This page needs the link from the e-mail.');
      this.state.set('failed');
      return;
    }
    try {
      await this.api.verifyEmail(this.token);
      this.state.set('done');
      if (this.session.signedIn()) await this.session.reloadMe().catch(() => undefined);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
      this.state.set('failed');
    }
  }
}
