import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { IdentityApi } from '../identity/identity-api';
import { ApiError } from '../platform/api-error';
import { saveDownload } from '../platform/download';

/** An admin acting on a person's data for them: the export, and the deletion with a reason; both in the audit log. */
@Component({
  selector: 'hearth-admin-person-data',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <h2 id="person-data-title">Their data</h2>
    <p>For a person who asks by other means than their own account. Both are recorded in the audit log under your name.</p>
    <button mat-stroked-button type="button" [disabled]="busy()" (click)="download()">Download their data</button>
    <p class="status" role="status">{{ status() }}</p>
    @if (error(); as message) {
      <p class="alert" role="alert">{{ message }}</p>
    }
    @if (!confirming()) {
      <p><button mat-stroked-button type="button" (click)="confirming.set(true)">Delete this account…</button></p>
    } @else {
      <form class="panel form" (submit)="$event.preventDefault(); delete()" aria-labelledby="person-delete-title">
        <h3 id="person-delete-title">Delete {{ name() }}’s account?</h3>
        <p>Their words are erased, their roles and badges revoked, and they are signed out everywhere. This cannot be undone.</p>
        <mat-form-field appearance="outline">
          <mat-label>Why (for the audit log)</mat-label>
          <textarea matInput name="reason" [(ngModel)]="reason" rows="2" maxlength="500" required></textarea>
        </mat-form-field>
        <div class="form-actions">
          <button mat-flat-button class="danger" type="submit" [disabled]="busy()">Delete the account</button>
          <button mat-button type="button" (click)="confirming.set(false)">Cancel</button>
        </div>
      </form>
    }
  `,
  styles: `
    .panel { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; padding: 1rem 1.25rem; }
    .danger { background: var(--mat-sys-error); color: var(--mat-sys-on-error); }
  `,
})
export class AdminPersonData {
  private readonly api = inject(IdentityApi);
  private readonly router = inject(Router);
  readonly userId = input.required<string>();
  readonly name = input('this person');

  protected reason = '';
  protected readonly busy = signal(false);
  protected readonly confirming = signal(false);
  protected readonly status = signal('');
  protected readonly error = signal<string | null>(null);

  protected async download(): Promise<void> {
    await this.run(async () => this.status.set(`Downloaded ${saveDownload(await this.api.exportFor(this.userId()), 'hearth-data.json')}.`));
  }

  protected async delete(): Promise<void> {
    if (!this.reason.trim()) {
      this.error.set('Say why: the reason goes in the audit log.');
      return;
    }
    await this.run(async () => {
      await this.api.deleteFor(this.userId(), this.reason.trim());
      await this.router.navigate(['/admin/people']);
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    if (this.busy()) return;
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
}
