import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { NOTIFICATION_KIND_GROUPS, type NotificationKind } from '@hearth/contracts';
import { NotificationsApi } from '../notifications/notifications-api';
import { ApiError } from '../platform/api-error';
import { FormSubmission, serverError } from '../platform/form-submission';
import { IdentityApi } from './identity-api';
import { Session } from './session';
import { Icon } from '../platform/icon';

/** My name and my address: the name changes at once, the address when the link sent to it is opened. */
@Component({
  selector: 'hearth-account-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, RouterLink],
  template: `
    <section class="page page--narrow" aria-labelledby="details-title">
      <p><a routerLink="/account"><hearth-icon name="back" /> My account</a></p>
      <h1 id="details-title" tabindex="-1">Your name and e-mail address</h1>

      <h2 id="name-title">Display name</h2>
      <p>The name people see next to your posts and in the chat. Your username, &#64;{{ session.me()?.username }}, stays: mentions point to it.</p>
      <p class="status" role="status">{{ renamed() }}</p>
      @if (rename.error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <form class="form" [formGroup]="nameForm" (ngSubmit)="saveName()" novalidate aria-labelledby="name-title">
        <mat-form-field appearance="outline">
          <mat-label>Display name</mat-label>
          <input matInput formControlName="displayName" autocomplete="name" required maxlength="80" />
          @if (serverError(nameForm.controls.displayName); as message) {
            <mat-error>{{ message }}</mat-error>
          } @else if (nameForm.controls.displayName.invalid) {
            <mat-error>Enter the name people should see (up to 80 characters).</mat-error>
          }
        </mat-form-field>
        <div class="form-actions">
          <button mat-flat-button type="submit" [disabled]="rename.busy()">{{ rename.busy() ? 'Saving…' : 'Save name' }}</button>
        </div>
      </form>

      <h2 id="email-title">E-mail address</h2>
      <p>
        Now <strong data-testid="current-email">{{ session.me()?.email }}</strong>. We send a link to the new address; your account moves there when you open it, and the old
        address is told.
      </p>
      <p class="status" role="status">{{ emailSent() }}</p>
      @if (move.error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <form class="form" [formGroup]="emailForm" (ngSubmit)="changeEmail()" novalidate aria-labelledby="email-title">
        <mat-form-field appearance="outline">
          <mat-label>New e-mail address</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="email" required />
          @if (serverError(emailForm.controls.email); as message) {
            <mat-error>{{ message }}</mat-error>
          } @else if (emailForm.controls.email.invalid) {
            <mat-error>Enter an e-mail address.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Current password</mat-label>
          <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
          @if (serverError(emailForm.controls.currentPassword); as message) {
            <mat-error>{{ message }}</mat-error>
          } @else if (emailForm.controls.currentPassword.invalid) {
            <mat-error>Enter your current password.</mat-error>
          }
        </mat-form-field>
        <div class="form-actions">
          <button mat-flat-button type="submit" [disabled]="move.busy()">{{ move.busy() ? 'Sending…' : 'Send the link' }}</button>
        </div>
      </form>
    </section>
  `,
})
export class AccountDetails {
  private readonly api = inject(IdentityApi);
  protected readonly session = inject(Session);
  private readonly forms = inject(NonNullableFormBuilder);
  protected readonly nameForm = this.forms.group({ displayName: [this.session.me()?.displayName ?? '', [Validators.required, Validators.maxLength(80)]] });
  protected readonly emailForm = this.forms.group({ email: ['', [Validators.required, Validators.email]], currentPassword: ['', Validators.required] });
  protected readonly rename = new FormSubmission(this.nameForm);
  protected readonly move = new FormSubmission(this.emailForm);
  protected readonly renamed = signal('');
  protected readonly emailSent = signal('');
  protected readonly serverError = serverError;

  protected saveName(): Promise<void> {
    return this.rename.submit(async () => {
      this.renamed.set('');
      const me = await this.api.updateProfile({ displayName: this.nameForm.controls.displayName.value.trim() });
      this.session.me.set(me);
      this.nameForm.reset({ displayName: me.displayName });
      this.renamed.set(`Saved: people now see you as ${me.displayName}.`);
    });
  }

  protected changeEmail(): Promise<void> {
    return this.move.submit(async () => {
      this.emailSent.set('');
      const { message } = await this.api.changeEmail(this.emailForm.getRawValue());
      this.emailForm.reset();
      this.emailSent.set(message);
    });
  }
}

/** Which notifications come by e-mail, kind by kind; all of them still show in the bell. */
@Component({
  selector: 'hearth-email-preferences',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, MatButtonModule, MatCheckboxModule, RouterLink],
  template: `
    <section class="page page--narrow" aria-labelledby="prefs-title">
      <p><a routerLink="/account"><hearth-icon name="back" /> My account</a></p>
      <h1 id="prefs-title" tabindex="-1">E-mail preferences</h1>
      <p>Choose what Hearth e-mails you. Everything still shows under the bell, whatever you choose here.</p>
      @if (!session.me()?.emailVerified) {
        <p class="notice">Until you confirm your e-mail address, Hearth sends you no e-mail but the link to confirm it.</p>
      }
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      @if (loaded()) {
        <form class="form" (submit)="$event.preventDefault(); save()">
          @for (group of groups; track group.title) {
            <fieldset class="choices">
              <legend>{{ group.title }}</legend>
              @for (choice of group.kinds; track choice.kind) {
                <mat-checkbox [checked]="!off().has(choice.kind)" (change)="toggle(choice.kind, $event.checked)">{{ choice.label }}</mat-checkbox>
              }
            </fieldset>
          }
          <div class="form-actions">
            <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Save preferences' }}</button>
          </div>
        </form>
      } @else if (!error()) {
        <p role="status">Loading…</p>
      }
      <p class="status" role="status">{{ saved() }}</p>
    </section>
  `,
  styles: `
    .choices {
      display: flex;
      flex-direction: column;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      margin: 0 0 1rem;
      padding: 0.5rem 1rem;
    }
    legend {
      font-weight: 600;
      padding: 0 0.25rem;
    }
  `,
})
export class EmailPreferencesPage implements OnInit {
  private readonly api = inject(NotificationsApi);
  protected readonly session = inject(Session);
  protected readonly groups = NOTIFICATION_KIND_GROUPS;
  protected readonly off = signal(new Set<NotificationKind>());
  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly saved = signal('');

  async ngOnInit(): Promise<void> {
    try {
      this.off.set(new Set((await this.api.emailPreferences()).emailOff));
      this.loaded.set(true);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }

  protected toggle(kind: NotificationKind, wanted: boolean): void {
    const next = new Set(this.off());
    if (wanted) next.delete(kind);
    else next.add(kind);
    this.off.set(next);
    this.saved.set('');
  }

  protected async save(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const { emailOff } = await this.api.saveEmailPreferences({ emailOff: [...this.off()] });
      this.off.set(new Set(emailOff));
      this.saved.set(emailOff.length === 0 ? 'Saved: everything is e-mailed to you.' : `Saved: ${emailOff.length} kind${emailOff.length === 1 ? '' : 's'} no longer e-mailed.`);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
