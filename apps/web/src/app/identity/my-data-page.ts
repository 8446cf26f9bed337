import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { saveDownload } from '../platform/download';
import { FormSubmission, serverError } from '../platform/form-submission';
import { IdentityApi } from './identity-api';
import { Session } from './session';
import { BackLink } from '../platform/back-link';

/** My data: download all of it, or delete my account (with my password and a confirmation). */
@Component({
  selector: 'hearth-my-data',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BackLink, ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule],
  template: `
    <section class="page page--narrow" aria-labelledby="data-title">
      <hearth-back-link to="/account">My account</hearth-back-link>
      <h1 id="data-title" tabindex="-1">My data</h1>

      <h2>Download my data</h2>
      <p>
        One JSON file with everything Hearth holds about you: your account and sign-ins, your answers and replies (with earlier versions), reactions, course
        progress and quiz attempts, roles and their history, badges as issued, chat messages, reports and appeals, and your notifications.
      </p>
      <button mat-stroked-button type="button" [disabled]="exporting()" (click)="download()">{{ exporting() ? 'Preparing…' : 'Download my data' }}</button>
      <p class="status" role="status">{{ downloaded() }}</p>
      @if (exportError(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }

      <h2 id="delete-title">Delete my account</h2>
      <p>This cannot be undone. When you delete your account:</p>
      <ul>
        <li>your answers, replies and chat messages lose their words; others' replies to them stay, under “Former member”;</li>
        <li>your progress, quiz attempts, reactions and notifications are erased;</li>
        <li>your facilitator roles and badges are revoked, and you are signed out everywhere;</li>
        <li>records others need (moderation steps, the history of grants, the audit log) keep only “Former member”, never your name or address.</li>
      </ul>
      <p>You may want to download your data first.</p>
      @if (deletion.error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <form class="form" [formGroup]="form" (ngSubmit)="delete()" novalidate aria-labelledby="delete-title">
        <mat-form-field appearance="outline">
          <mat-label>Current password</mat-label>
          <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
          @if (serverError(form.controls.currentPassword); as message) {
            <mat-error>{{ message }}</mat-error>
          } @else if (form.controls.currentPassword.invalid) {
            <mat-error>Enter your current password.</mat-error>
          }
        </mat-form-field>
        <mat-checkbox formControlName="understood">I understand that my account and what I wrote are deleted for good.</mat-checkbox>
        @if (form.controls.understood.invalid && form.controls.understood.touched) {
          <p class="field-error" role="alert">Tick the box to confirm.</p>
        }
        <div class="form-actions">
          <button mat-flat-button class="danger" type="submit" [disabled]="deletion.busy()">{{ deletion.busy() ? 'Deleting…' : 'Delete my account' }}</button>
        </div>
      </form>
    </section>
  `,
  styles: `
    .field-error { color: var(--mat-sys-error); margin: 0; font-size: 0.9rem; }
    .danger { background: var(--mat-sys-error); color: var(--mat-sys-on-error); }
  `,
})
export class MyDataPage {
  private readonly api = inject(IdentityApi);
  private readonly session = inject(Session);
  protected readonly form = inject(NonNullableFormBuilder).group({ currentPassword: ['', Validators.required], understood: [false, Validators.requiredTrue] });
  protected readonly deletion = new FormSubmission(this.form);
  protected readonly serverError = serverError;
  protected readonly exporting = signal(false);
  protected readonly downloaded = signal('');
  protected readonly exportError = signal<string | null>(null);

  protected async download(): Promise<void> {
    this.exporting.set(true);
    this.exportError.set(null);
    this.downloaded.set('');
    try {
      const name = saveDownload(await this.api.exportMine(), 'hearth-data.json');
      this.downloaded.set(`Downloaded ${name}.`);
    } catch {
      this.exportError.set('Your data could not be prepared just now. Try again in a moment.');
    } finally {
      this.exporting.set(false);
    }
  }

  protected delete(): Promise<void> {
    return this.deletion.submit(async () => {
      await this.api.deleteMine(this.form.controls.currentPassword.value);
      this.session.signedOutHere('Your account is deleted. Thank you for the time you gave this community.');
    });
  }
}
