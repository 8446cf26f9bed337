import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { FacilitatorRole, Grant, GrantHistory } from '@hearth/contracts';
import { CredentialsApi } from '../credentials/credentials-api';
import { ApiError } from '../platform/api-error';
import { effectOnChange } from '../platform/effects';
import { FormSubmission, serverError } from '../platform/form-submission';
import { GRANT_EVENT_NAMES, GRANT_SOURCE_NAMES, GRANT_STATUS_NAMES } from './admin-words';
import { AdminPersonData } from './person-data';

/** An open revoke, suspend or reinstate form. */
interface Change {
  grant: Grant;
  action: 'revoke' | 'suspend' | 'reinstate';
}

const ACTION_BUTTONS: Record<Change['action'], string> = { revoke: 'Revoke the role', suspend: 'Suspend the role', reinstate: 'Reinstate the role' };

/** One member's roles as an admin manages them: grants, changes with reasons, the whole history. */
@Component({
  selector: 'hearth-admin-person',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminPersonData, WhenPipe, ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, RouterLink],
  template: `
    <section class="page" aria-labelledby="person-title">
      <p><a routerLink="/admin/people">People</a></p>
      <h1 id="person-title" tabindex="-1">{{ person()?.displayName ?? 'A member' }}</h1>
      <p class="meta">
        @if (person()?.username; as username) {
          <a [routerLink]="['/people', username]">&#64;{{ username }}</a> ·
        }
        <span>id {{ id() }}</span>
      </p>

      <div aria-live="polite">
        @if (notice(); as message) {
          <p class="notice" role="status">{{ message }}</p>
        }
      </div>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }

      @if (history(); as history) {
        @if (history.grants.length === 0 && history.events.length === 0 && history.pending.length === 0) {
          <p class="notice">This person holds no roles yet.</p>
        }

        <h2>Roles</h2>
        <ul class="grants">
          @for (grant of history.grants; track grant.id) {
            <li [attr.aria-label]="grant.roleName + ', ' + statusName[grant.status]">
              <div class="grant-row">
                <span class="role">{{ grant.roleName }} <span class="version">(version {{ grant.roleVersion }})</span></span>
                <span class="chip" [class.chip--active]="grant.status === 'active'">{{ statusName[grant.status] }}</span>
              </div>
              <p class="detail">
                Granted {{ sourceName[grant.source] }} on {{ grant.grantedAt | when: 'day' }} ·
                {{ grant.expiresAt ? endWords[grant.status] + ' ' + (grant.expiresAt | when: 'day') : 'no end date' }}
              </p>
              @if (grant.suspension; as suspension) {
                <p class="detail suspension">
                  Suspended since {{ suspension.since | when }}
                  {{ suspension.until ? 'until ' + (suspension.until | when) : 'until reinstated' }} ·
                  {{ suspension.cause === 'prerequisite' ? 'a role it builds on is not held' : 'by an admin' }}: {{ suspension.reason }}
                </p>
              }
              @if (change()?.grant?.id === grant.id) {
                <form class="change" novalidate (submit)="$event.preventDefault(); confirmChange()">
                  <label [for]="'change-reason-' + grant.id">Why {{ change()!.action }} {{ grant.roleName }}? (required; kept in the history)</label>
                  <textarea [id]="'change-reason-' + grant.id" rows="2" required [value]="changeReason()" (input)="changeReason.set($any($event.target).value)"></textarea>
                  @if (change()!.action === 'suspend') {
                    <label [for]="'change-until-' + grant.id">Until (leave empty to suspend until you reinstate it)</label>
                    <input [id]="'change-until-' + grant.id" type="datetime-local" [value]="changeUntil()" (input)="changeUntil.set($any($event.target).value)" />
                    <p class="detail">Roles built on this one are suspended with it. Its holder is told why and until when.</p>
                  }
                  @if (changeError(); as message) {
                    <p class="alert" role="alert">{{ message }}</p>
                  }
                  <div class="form-actions">
                    <button mat-flat-button type="submit" [disabled]="changing()">{{ actionButton[change()!.action] }}</button>
                    <button mat-button type="button" (click)="closeChange()">Cancel</button>
                  </div>
                </form>
              } @else if (grant.status === 'active') {
                <div class="form-actions">
                  <button mat-stroked-button type="button" (click)="openChange(grant, 'suspend')" [attr.aria-label]="'Suspend ' + grant.roleName">Suspend</button>
                  <button mat-stroked-button type="button" (click)="openChange(grant, 'revoke')" [attr.aria-label]="'Revoke ' + grant.roleName">Revoke</button>
                </div>
              } @else if (grant.status === 'suspended') {
                <div class="form-actions">
                  <button mat-stroked-button type="button" (click)="openChange(grant, 'reinstate')" [attr.aria-label]="'Reinstate ' + grant.roleName">Reinstate</button>
                  <button mat-stroked-button type="button" (click)="openChange(grant, 'revoke')" [attr.aria-label]="'Revoke ' + grant.roleName">Revoke</button>
                </div>
              } @else {
                <button mat-stroked-button type="button" (click)="openChange(grant, 'reinstate')" [attr.aria-label]="'Reinstate ' + grant.roleName">Reinstate</button>
              }
            </li>
          } @empty {
            <li class="empty">No roles, now or before.</li>
          }
        </ul>

        @if (history.pending.length > 0) {
          <h2>Waiting for review</h2>
          <ul>
            @for (request of history.pending; track request.id) {
              <li>
                {{ request.roleName }}, requested {{ request.createdAt | when: 'day' }} ·
                <a routerLink="/admin/grant-requests">Review it in the queue</a>
              </li>
            }
          </ul>
        }

        <h2>Grant a role by hand</h2>
        <form class="form panel" [formGroup]="grantForm" (ngSubmit)="grantByHand()">
          @if (grantSubmission.error(); as message) {
            <p class="alert" role="alert">{{ message }}</p>
          }
          <mat-form-field appearance="outline">
            <mat-label>Role</mat-label>
            <select matNativeControl formControlName="roleKey" required>
              <option value="" disabled>Choose a role</option>
              @for (role of roles(); track role.key) {
                <option [value]="role.key">{{ role.name }}</option>
              }
            </select>
            @if (serverError(grantForm.controls.roleKey); as message) {
              <mat-error>{{ message }}</mat-error>
            } @else if (grantForm.controls.roleKey.hasError('required')) {
              <mat-error>Choose the role to grant.</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Reason (required; kept in the history)</mat-label>
            <textarea matInput rows="2" formControlName="reason"></textarea>
            @if (serverError(grantForm.controls.reason); as message) {
              <mat-error>{{ message }}</mat-error>
            }
          </mat-form-field>
          <div class="form-actions">
            <button mat-flat-button type="submit" [disabled]="grantSubmission.busy()">Grant the role</button>
          </div>
        </form>

        <h2>History</h2>
        <ol class="events">
          @for (event of history.events; track event.id) {
            <li>
              <span class="what"><strong>{{ eventName[event.kind] }}</strong> {{ event.roleName }} <span class="version">(version {{ event.roleVersion }})</span></span>
              <span class="detail">
                by {{ event.actor?.displayName ?? 'Hearth' }} · <time [attr.datetime]="event.at">{{ event.at | when }}</time>
              </span>
              @if (event.reason) {
                <span class="reason">Reason: {{ event.reason }}</span>
              }
            </li>
          } @empty {
            <li class="empty">Nothing yet.</li>
          }
        </ol>

        <hearth-admin-person-data [userId]="id()" [name]="person()?.displayName ?? 'this person'" />
      }
    </section>
  `,
  styles: `
    .meta, .detail, .version, .empty { color: var(--mat-sys-on-surface-variant); }
    .meta { overflow-wrap: anywhere; font-size: 0.9rem; }
    .grants, .events { list-style: none; padding: 0; }
    .grants > li { border: 1px solid var(--mat-sys-outline-variant); border-radius: 10px; padding: 0.6rem 1rem; margin-bottom: 0.75rem; }
    .grant-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
    .role { font-weight: 600; }
    .version { font-weight: 400; }
    .detail { margin: 0.25rem 0 0.5rem; font-size: 0.9rem; }
    .chip { border-radius: 999px; padding: 0.1rem 0.6rem; font-size: 0.85rem; background: var(--mat-sys-surface-container-high); }
    .chip--active { background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
    .change { display: flex; flex-direction: column; gap: 0.35rem; }
    .suspension { color: var(--mat-sys-error); }
    input[type='datetime-local'] { font: inherit; padding: 0.35rem 0.5rem; border-radius: 6px; border: 1px solid var(--mat-sys-outline); background: var(--mat-sys-surface); color: inherit; max-width: 16rem; }
    textarea:not([matInput]) {
      font: inherit; padding: 0.35rem 0.5rem; border-radius: 6px; border: 1px solid var(--mat-sys-outline);
      background: var(--mat-sys-surface); color: inherit; width: 100%; box-sizing: border-box;
    }
    .panel { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 1rem 1.25rem; }
    .events li { display: flex; flex-direction: column; padding: 0.5rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); overflow-wrap: anywhere; }
    .events .detail { margin: 0; }
  `,
})
export class AdminPerson {
  private readonly api = inject(CredentialsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  readonly id = input.required<string>();

  protected readonly statusName = GRANT_STATUS_NAMES;
  protected readonly sourceName = GRANT_SOURCE_NAMES;
  protected readonly eventName = GRANT_EVENT_NAMES;
  protected readonly endWords: Record<Grant['status'], string> = { active: 'runs until', suspended: 'runs until', revoked: 'was to run until', expired: 'ended' };
  protected readonly actionButton = ACTION_BUTTONS;
  protected readonly serverError = serverError;

  protected readonly history = signal<GrantHistory | null>(null);
  protected readonly roles = signal<FacilitatorRole[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly person = computed(() => this.history()?.user ?? null);

  protected readonly change = signal<Change | null>(null);
  protected readonly changeReason = signal('');
  /** A suspension's end, as the datetime-local input has it. */
  protected readonly changeUntil = signal('');
  protected readonly changeError = signal<string | null>(null);
  protected readonly changing = signal(false);

  protected readonly grantForm = this.fb.group({ roleKey: ['', Validators.required], reason: [''] });
  protected readonly grantSubmission = new FormSubmission(this.grantForm);

  constructor() {
    effectOnChange(this.id, () => {
      this.history.set(null);
      this.closeChange();
      void this.load();
    });
    this.api.roles().then(
      (roles) => this.roles.set(roles),
      (error) => this.error.set(ApiError.from(error).message),
    );
  }

  private async load(): Promise<void> {
    const id = this.id();
    try {
      const history = await this.api.history(id);
      // The admin may have moved on to someone else meanwhile.
      if (id === this.id()) this.history.set(history);
    } catch (error) {
      if (id === this.id()) this.error.set(ApiError.from(error).message);
    }
  }

  protected openChange(grant: Grant, action: Change['action']): void {
    this.change.set({ grant, action });
    this.changeReason.set('');
    this.changeUntil.set('');
    this.changeError.set(null);
    setTimeout(() => document.getElementById(`change-reason-${grant.id}`)?.focus());
  }

  protected closeChange(): void {
    this.change.set(null);
    this.changeError.set(null);
  }

  protected async confirmChange(): Promise<void> {
    const change = this.change();
    if (!change || this.changing()) return;
    this.changing.set(true);
    this.changeError.set(null);
    this.notice.set(null);
    try {
      const { grant, action } = change;
      const reason = this.changeReason();
      if (action === 'revoke') await this.api.revoke(grant.id, reason);
      else if (action === 'suspend') await this.api.suspend(grant.id, reason, this.changeUntil() ? new Date(this.changeUntil()).toISOString() : null);
      else await this.api.reinstate(grant.id, reason);
      this.change.set(null);
      await this.load();
      this.notice.set(
        {
          revoke: `Revoked: ${grant.user.displayName} no longer holds ${grant.roleName}.`,
          suspend: `Suspended: ${grant.user.displayName}’s ${grant.roleName} is held back.`,
          reinstate: `Reinstated: ${grant.user.displayName} holds ${grant.roleName} again.`,
        }[action],
      );
    } catch (caught) {
      const error = ApiError.from(caught);
      this.changeError.set(error.messageFor('reason') ?? error.messageFor('until') ?? error.message);
    } finally {
      this.changing.set(false);
    }
  }

  protected grantByHand(): Promise<void> {
    return this.grantSubmission.submit(async () => {
      const { roleKey, reason } = this.grantForm.getRawValue();
      const grant = await this.api.grant(this.id(), roleKey, reason);
      this.grantForm.reset({ roleKey: '', reason: '' });
      await this.load();
      this.notice.set(`Granted: ${grant.user.displayName} now holds ${grant.roleName}.`);
    });
  }
}
