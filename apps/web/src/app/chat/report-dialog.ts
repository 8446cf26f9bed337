import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { ChatMessage, SanctionReason } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { ChatApi } from './chat-api';
import { ReasonFields, reasonProblem } from './reason-fields';

/**
 * Reporting a message to the room's moderators: what is wrong, and (optionally) more. The
 * reporter is told what came of it; the author never learns who reported them.
 */
@Component({
  selector: 'hearth-report-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatDialogModule, ReasonFields],
  styleUrl: './chat.scss',
  template: `
    <h2 mat-dialog-title>Report this message</h2>
    <mat-dialog-content class="moderation-dialog">
      <blockquote class="reported">
        <strong>{{ message.author?.displayName ?? 'Someone' }}:</strong> {{ message.body }}
      </blockquote>
      <form id="report-form" (ngSubmit)="send()" novalidate>
        <hearth-reason-fields prefix="report" codeLabel="What is wrong" noteLabel="Anything the moderators should know" placeholder="Choose one" [(code)]="reasonCode" [(note)]="note" />
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

  protected readonly reasonCode = signal<SanctionReason | ''>('');
  protected readonly note = signal('');
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);

  protected async send(): Promise<void> {
    if (this.busy()) return;
    const problem = reasonProblem(this.reasonCode(), this.note(), { none: 'Choose what is wrong.', words: 'Say in a few words what is wrong.' });
    if (problem) return this.problem.set(problem);
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
