import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { type ChatMessage, SANCTION_REASON_NAMES, SANCTION_REASONS, type SanctionReason } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { ChatApi } from './chat-api';

/**
 * Reporting a message to the room's moderators: what is wrong, and (optionally) more. The
 * reporter is told what came of it; the author never learns who reported them.
 */
@Component({
  selector: 'hearth-report-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatDialogModule],
  styleUrl: './chat.scss',
  template: `
    <h2 mat-dialog-title>Report this message</h2>
    <mat-dialog-content class="moderation-dialog">
      <blockquote class="reported">
        <strong>{{ message.author?.displayName ?? 'Someone' }}:</strong> {{ message.body }}
      </blockquote>
      <form id="report-form" (ngSubmit)="send()" novalidate>
        <label for="report-reason">What is wrong</label>
        <select id="report-reason" name="reasonCode" required [ngModel]="reasonCode()" (ngModelChange)="reasonCode.set($event)">
          <option value="" disabled>Choose one</option>
          @for (code of reasons; track code) {
            <option [value]="code">{{ reasonNames[code] }}</option>
          }
        </select>
        <label for="report-note">Anything the moderators should know {{ reasonCode() === 'other' ? '(required)' : '(optional)' }}</label>
        <textarea id="report-note" name="note" rows="3" maxlength="500" [value]="note()" (input)="note.set($any($event.target).value)"></textarea>
        <p class="meta">The room’s moderators see your report; the author is not told who reported it. You hear what comes of it.</p>
        @if (problem(); as text) {
          <p class="alert" role="alert">{{ text }}</p>
        }
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="submit" form="report-form" [disabled]="busy()">{{ busy() ? 'Sending…' : 'Send the report' }}</button>
    </mat-dialog-actions>
  `,
})
export class ReportDialog {
  protected readonly message = inject<ChatMessage>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ReportDialog, boolean>);
  private readonly api = inject(ChatApi);

  protected readonly reasons = SANCTION_REASONS;
  protected readonly reasonNames = SANCTION_REASON_NAMES;
  protected readonly reasonCode = signal<SanctionReason | ''>('');
  protected readonly note = signal('');
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);

  protected async send(): Promise<void> {
    if (this.busy()) return;
    if (!this.reasonCode()) return this.problem.set('Choose what is wrong.');
    if (this.reasonCode() === 'other' && !this.note().trim()) return this.problem.set('Say in a few words what is wrong.');
    this.busy.set(true);
    this.problem.set(null);
    try {
      await this.api.report(this.message.id, { reasonCode: this.reasonCode() as SanctionReason, ...(this.note().trim() ? { reason: this.note().trim() } : {}) });
      this.ref.close(true);
    } catch (error) {
      this.problem.set(ApiError.from(error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
