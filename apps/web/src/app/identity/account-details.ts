import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatRadioModule } from '@angular/material/radio';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type EmailPreferences, NOTIFICATION_KIND_GROUPS, type NotificationKind } from '@hearth/contracts';
import { NotificationsApi } from '../notifications/notifications-api';
import { ApiError } from '../platform/api-error';
import { FormSubmission, serverError } from '../platform/form-submission';
import { IdentityApi } from './identity-api';
import { Session } from './session';
import { BackLink } from '../platform/back-link';

/** My name and my address: the name changes at once, the address when the link sent to it is opened. */
@Component({
  selector: 'hearth-account-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BackLink, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <section class="page page--narrow" aria-labelledby="details-title">
      <hearth-back-link to="/account">My account</hearth-back-link>
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

type Delivery = 'each' | 'daily' | 'off';

/** How each kind of notification comes by e-mail (each time, once a day, not at all); all of them still show in the bell. */
@Component({
  selector: 'hearth-email-preferences',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BackLink, MatButtonModule, MatRadioModule],
  template: `
    <section class="page page--narrow" aria-labelledby="prefs-title">
      <hearth-back-link to="/account">My account</hearth-back-link>
      <h1 id="prefs-title" tabindex="-1">E-mail preferences</h1>
      <p>
        Choose what Hearth e-mails you: each one as it happens, once a day (one e-mail at 07:00 UTC with what is still unread then), or nothing. Everything still shows
        under the bell, whatever you choose here.
      </p>
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
                <div class="choice">
                  <span class="kind" [id]="'kind-' + choice.kind">{{ choice.label }}</span>
                  <mat-radio-group [attr.aria-labelledby]="'kind-' + choice.kind" [value]="deliveryOf(choice.kind)" (change)="choose(choice.kind, $event.value)">
                    <mat-radio-button value="each">Each time</mat-radio-button>
                    <mat-radio-button value="daily">Once a day</mat-radio-button>
                    <mat-radio-button value="off">Off</mat-radio-button>
                  </mat-radio-group>
                </div>
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
    .choice {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      column-gap: 1rem;
      padding: 0.25rem 0;
      border-bottom: 1px solid var(--mat-sys-surface-container-high);
    }
    .choice:last-child {
      border-bottom: none;
    }
    mat-radio-group {
      display: flex;
      flex-wrap: wrap;
    }
  `,
})
export class EmailPreferencesPage implements OnInit {
  private readonly api = inject(NotificationsApi);
  protected readonly session = inject(Session);
  protected readonly groups = NOTIFICATION_KIND_GROUPS;
  /** Kinds not e-mailed one by one, and how they are; every other kind is e-mailed each time. */
  protected readonly deliveries = signal(new Map<NotificationKind, Exclude<Delivery, 'each'>>());
  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly saved = signal('');

  async ngOnInit(): Promise<void> {
    try {
      this.show(await this.api.emailPreferences());
      this.loaded.set(true);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }

  private show(preferences: EmailPreferences): void {
    this.deliveries.set(new Map([...preferences.emailOff.map((kind) => [kind, 'off'] as const), ...preferences.daily.map((kind) => [kind, 'daily'] as const)]));
  }

  protected deliveryOf(kind: NotificationKind): Delivery {
    return this.deliveries().get(kind) ?? 'each';
  }

  protected choose(kind: NotificationKind, delivery: Delivery): void {
    const next = new Map(this.deliveries());
    if (delivery === 'each') next.delete(kind);
    else next.set(kind, delivery);
    this.deliveries.set(next);
    this.saved.set('');
  }

  protected async save(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const chosen = [...this.deliveries()];
      const saved = await this.api.saveEmailPreferences({ emailOff: chosen.filter(([, delivery]) => delivery === 'off').map(([kind]) => kind), daily: chosen.filter(([, delivery]) => delivery === 'daily').map(([kind]) => kind) });
      this.show(saved);
      this.saved.set(savedInWords(saved));
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.busy.set(false);
    }
  }
}

function savedInWords({ emailOff, daily }: EmailPreferences): string {
  const kinds = (n: number) => `${n} kind${n === 1 ? '' : 's'}`;
  if (emailOff.length === 0 && daily.length === 0) return 'Saved: everything is e-mailed to you as it happens.';
  return `Saved: ${[daily.length > 0 ? `${kinds(daily.length)} once a day` : '', emailOff.length > 0 ? `${kinds(emailOff.length)} no longer e-mailed` : ''].filter(Boolean).join(', ')}.`;
}
