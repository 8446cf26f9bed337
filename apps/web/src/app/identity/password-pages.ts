import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { PASSWORD_MIN_LENGTH } from '@hearth/contracts';
import { FormSubmission, serverError } from '../platform/form-submission';
import { IdentityApi } from './identity-api';
import { Session } from './session';
import { BackLink } from '../platform/back-link';

/** "Forgot your password?": asks for the address and says the same whatever it is. */
@Component({
  selector: 'hearth-forgot-password',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, RouterLink],
  template: `
    <section class="page page--narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title" tabindex="-1">Forgot your password?</h1>
      @if (sent(); as message) {
        <p class="notice" role="status">{{ message }}</p>
        <p>Nothing after a few minutes? Look in your spam folder, or <button mat-button type="button" (click)="sent.set(null)">try another address</button>.</p>
      } @else {
        <p>Enter the e-mail address of your account: we will send it a link to choose a new password.</p>
        @if (submission.error(); as message) {
          <p class="alert" role="alert">{{ message }}</p>
        }
        <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>E-mail address</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="email" required />
            @if (serverError(form.controls.email); as message) {
              <mat-error>{{ message }}</mat-error>
            } @else if (form.controls.email.hasError('required')) {
              <mat-error>Enter your e-mail address.</mat-error>
            } @else if (form.controls.email.hasError('email')) {
              <mat-error>This does not look like an e-mail address.</mat-error>
            }
          </mat-form-field>
          <div class="form-actions">
            <button mat-flat-button type="submit" [disabled]="submission.busy()">{{ submission.busy() ? 'Sending…' : 'Send me a link' }}</button>
            <a routerLink="/sign-in">Back to sign in</a>
          </div>
        </form>
      }
    </section>
  `,
})
export class ForgotPassword {
  private readonly api = inject(IdentityApi);
  protected readonly form = inject(NonNullableFormBuilder).group({ email: ['', [Validators.required, Validators.email]] });
  protected readonly submission = new FormSubmission(this.form);
  protected readonly sent = signal<string | null>(null);
  protected readonly serverError = serverError;

  protected submit(): Promise<void> {
    return this.submission.submit(async () => {
      this.sent.set((await this.api.requestPasswordReset(this.form.getRawValue())).message);
    });
  }
}

/** The e-mailed link's page: a new password, then back to sign in (every session has ended). */
@Component({
  selector: 'hearth-reset-password',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, RouterLink],
  template: `
    <section class="page page--narrow" aria-labelledby="reset-title">
      <h1 id="reset-title" tabindex="-1">Choose a new password</h1>
      @if (!token) {
        <p class="alert" role="alert">This page needs the link from the e-mail. <a routerLink="/forgot-password">Ask for a new link</a>.</p>
      } @else {
        <p>Setting it signs you out everywhere; then sign in with the new password.</p>
        @if (submission.error(); as message) {
          <p class="alert" role="alert">
            {{ message }}
            @if (linkFailed()) {
              <a routerLink="/forgot-password">Ask for a new link</a>
            }
          </p>
        }
        <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="new-password" required />
            <mat-hint>At least {{ minLength }} characters; a few words make a good one.</mat-hint>
            @if (serverError(form.controls.password); as message) {
              <mat-error>{{ message }}</mat-error>
            } @else if (form.controls.password.invalid) {
              <mat-error>Use at least {{ minLength }} characters.</mat-error>
            }
          </mat-form-field>
          <div class="form-actions">
            <button mat-flat-button type="submit" [disabled]="submission.busy()">{{ submission.busy() ? 'Saving…' : 'Set the new password' }}</button>
          </div>
        </form>
      }
    </section>
  `,
})
export class ResetPassword {
  private readonly api = inject(IdentityApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly token = inject(ActivatedRoute).snapshot.queryParamMap.get('token');
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({ password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]] });
  protected readonly submission = new FormSubmission(this.form);
  protected readonly linkFailed = signal(false);
  protected readonly serverError = serverError;

  protected submit(): Promise<void> {
    return this.submission.submit(async () => {
      try {
        await this.api.resetPassword({ token: this.token ?? '', password: this.form.getRawValue().password });
      } catch (error) {
        this.linkFailed.set(this.form.controls.password.valid);
        throw error;
      }
      this.session.signedOutHere('Your password is set. Sign in with the new one.');
    });
  }
}

/** Changing my password: the current one, then the new one; my other sessions end. */
@Component({
  selector: 'hearth-change-password',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BackLink, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <section class="page page--narrow" aria-labelledby="password-title">
      <hearth-back-link to="/account">My account</hearth-back-link>
      <h1 id="password-title" tabindex="-1">Change your password</h1>
      <p>Every other browser or device signed in to your account is signed out; this one stays signed in.</p>
      <p class="status" role="status">{{ done() }}</p>
      @if (submission.error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field appearance="outline">
          <mat-label>Current password</mat-label>
          <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
          @if (serverError(form.controls.currentPassword); as message) {
            <mat-error>{{ message }}</mat-error>
          } @else if (form.controls.currentPassword.invalid) {
            <mat-error>Enter your current password.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>New password</mat-label>
          <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
          <mat-hint>At least {{ minLength }} characters.</mat-hint>
          @if (serverError(form.controls.newPassword); as message) {
            <mat-error>{{ message }}</mat-error>
          } @else if (form.controls.newPassword.invalid) {
            <mat-error>Use at least {{ minLength }} characters.</mat-error>
          }
        </mat-form-field>
        <div class="form-actions">
          <button mat-flat-button type="submit" [disabled]="submission.busy()">{{ submission.busy() ? 'Saving…' : 'Change password' }}</button>
        </div>
      </form>
    </section>
  `,
})
export class ChangePassword {
  private readonly api = inject(IdentityApi);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });
  protected readonly submission = new FormSubmission(this.form);
  protected readonly done = signal('');
  protected readonly serverError = serverError;

  protected submit(): Promise<void> {
    return this.submission.submit(async () => {
      this.done.set('');
      await this.api.changePassword(this.form.getRawValue());
      this.form.reset();
      this.done.set('Your password is changed. Other browsers and devices are signed out.');
    });
  }
}
