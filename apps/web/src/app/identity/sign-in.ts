import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { FormSubmission } from '../platform/form-submission';
import { IdentityApi } from './identity-api';
import { Session } from './session';

/** Where to go after signing in: only a path inside Hearth, never another site; by default my learning. */
export function safeReturnUrl(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/learning';
}

/** Why a sign-in through the community's provider came back without signing in (the API's `?sso=`). */
const SSO_FAILURES: Record<string, string> = {
  cancelled: 'You did not let the sign-in go ahead, so you are not signed in.',
  expired: 'That sign-in took too long or was started elsewhere. Try again.',
  'no-email': 'Your community account gave no e-mail address, which Hearth needs. Ask its admins, or sign in with a password.',
  unavailable: 'Your community’s sign-in service cannot be reached just now. Try again in a minute.',
  off: 'Signing in with another account is not set up here.',
  failed: 'Signing in with your community account did not work. Try again, or sign in with a password.',
};

@Component({
  selector: 'hearth-sign-in',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, RouterLink],
  templateUrl: './sign-in.html',
})
export class SignIn {
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly form = inject(NonNullableFormBuilder).group({
    login: ['', Validators.required],
    password: ['', Validators.required],
  });
  protected readonly submission = new FormSubmission(this.form);
  protected readonly notice = this.session.notice;
  protected readonly singleSignOn = signal<{ name: string; href: string } | null>(null);
  protected readonly ssoFailure = SSO_FAILURES[this.route.snapshot.queryParamMap.get('sso') ?? ''] ?? null;

  constructor() {
    const returnUrl = safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl'));
    inject(IdentityApi)
      .singleSignOn()
      .then(({ enabled, name }) => {
        if (enabled) this.singleSignOn.set({ name: name ?? 'your community account', href: `/api/v1/auth/oidc/start?returnUrl=${encodeURIComponent(returnUrl)}` });
      })
      // Without it the password form is all there is, as on an instance without a provider.
      .catch(() => undefined);
  }

  protected submit(): Promise<void> {
    return this.submission.submit(async () => {
      await this.session.signIn(this.form.getRawValue());
      await this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
    });
  }
}
