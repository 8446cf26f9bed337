import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { type ChatReport, type ChatRoom, type ReportStatus, SANCTION_REASON_NAMES } from '@hearth/contracts';
import { Session } from '../identity/session';
import { ApiError } from '../platform/api-error';
import { ChatApi } from './chat-api';
import { ModerationDialog, type ModerationDialogData } from './moderation-dialog';

const STATUS_NAMES: Record<ReportStatus, string> = { open: 'Waiting', actioned: 'Acted on', dismissed: 'Dismissed' };

/**
 * A room's report queue, for its moderators: each reported message with who reported it
 * and why, oldest first. Acting on one opens the moderation step (with its reason and
 * confirmation) for the message's author; dismissing asks what to tell the reporter.
 */
@Component({
  selector: 'hearth-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, FormsModule, MatButtonModule, RouterLink],
  styleUrl: './chat.scss',
  template: `
    <section class="page page--wide" aria-labelledby="reports-title">
      <p class="back"><a [routerLink]="['/chat', roomId]">Back to {{ room()?.name ?? 'the room' }}</a></p>
      <h1 id="reports-title" tabindex="-1">Reports in {{ room()?.name ?? 'this room' }}</h1>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <p class="visually-hidden" role="status">{{ status() }}</p>

      <div class="filters" role="group" aria-label="Which reports">
        @for (choice of statuses; track choice) {
          <button mat-button type="button" [attr.aria-pressed]="filter() === choice" (click)="show(choice)">{{ statusNames[choice] }}</button>
        }
      </div>

      <ol class="reports">
        @for (report of reports(); track report.id) {
          <li class="report" [attr.aria-label]="'Report by ' + report.reporter.displayName">
            <blockquote class="reported">
              <strong>{{ report.message.author?.displayName ?? 'Someone' }}</strong>&ngsp;<time [attr.datetime]="report.message.createdAt">{{ report.message.createdAt | when }}</time>:
              {{ report.message.body }}
              @if (report.message.removed) {
                <span class="chip">removed</span>
              }
            </blockquote>
            <p>
              Reported by {{ report.reporter.displayName }} · {{ report.createdAt | when }} · <strong>{{ reasonNames[report.reasonCode] }}</strong>
              @if (report.reason) {
                — “{{ report.reason }}”
              }
              @if (report.escalatedAt) {
                <span class="chip lock">sent to the admins</span>
              }
            </p>
            @if (report.status === 'open') {
              @if (dismissing() === report.id) {
                <form class="dismiss" (ngSubmit)="dismiss(report)">
                  <label [for]="'dismiss-' + report.id">What to tell {{ report.reporter.displayName }} (required)</label>
                  <textarea [id]="'dismiss-' + report.id" name="note" rows="2" maxlength="500" [value]="notes()[report.id] ?? ''" (input)="setNote(report.id, $any($event.target).value)"></textarea>
                  <div class="form-actions">
                    <button mat-flat-button type="submit" [disabled]="busy()">Dismiss the report</button>
                    <button mat-button type="button" (click)="dismissing.set(null)">Cancel</button>
                  </div>
                </form>
              } @else {
                <div class="form-actions">
                  @if (report.message.author) {
                    <button mat-flat-button type="button" (click)="act(report)">Act on it…</button>
                  }
                  <button mat-stroked-button type="button" (click)="openDismiss(report)">Dismiss…</button>
                </div>
              }
            } @else {
              <p class="meta">{{ statusNames[report.status] }} by {{ report.resolvedBy?.displayName ?? 'a moderator' }} · {{ report.resolvedAt | when }}{{ report.outcomeNote ? ' — ' + report.outcomeNote : '' }}</p>
            }
          </li>
        } @empty {
          <li class="empty">{{ filter() === 'open' ? 'No reports are waiting.' : 'None.' }}</li>
        }
      </ol>
      @if (cursor()) {
        <button mat-stroked-button type="button" (click)="more()">More reports</button>
      }
    </section>
  `,
})
export class ReportsPage implements OnInit {
  private readonly api = inject(ChatApi);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(Session);
  protected readonly roomId = inject(ActivatedRoute).snapshot.paramMap.get('room') ?? '';

  protected readonly statuses: ReportStatus[] = ['open', 'actioned', 'dismissed'];
  protected readonly statusNames = STATUS_NAMES;
  protected readonly reasonNames = SANCTION_REASON_NAMES;
  protected readonly room = signal<ChatRoom | null>(null);
  protected readonly reports = signal<ChatReport[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly filter = signal<ReportStatus>('open');
  protected readonly error = signal<string | null>(null);
  protected readonly status = signal('');
  protected readonly dismissing = signal<string | null>(null);
  /** What is typed to each reporter, kept while moving between reports. */
  protected readonly notes = signal<Partial<Record<string, string>>>({});
  protected readonly busy = signal(false);

  async ngOnInit(): Promise<void> {
    try {
      this.room.set(await this.api.room(this.roomId));
    } catch (error) {
      this.error.set(ApiError.from(error).message);
      return;
    }
    await this.load();
  }

  protected async show(status: ReportStatus): Promise<void> {
    this.filter.set(status);
    await this.load();
  }

  protected async more(): Promise<void> {
    try {
      const page = await this.api.reports(this.roomId, this.filter(), this.cursor());
      this.reports.update((shown) => [...shown, ...page.items]);
      this.cursor.set(page.nextCursor);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }

  protected act(report: ChatReport): void {
    const room = this.room();
    const data: ModerationDialogData = {
      roomId: this.roomId,
      user: report.message.author!,
      message: report.message.removed ? null : report.message,
      step: report.message.removed ? undefined : 'message_removed',
      probation: room?.probation ?? null,
      admin: this.session.me()?.platformRoles.includes('admin') ?? false,
      reportId: report.id,
    };
    this.dialog
      .open(ModerationDialog, { data, width: '36rem', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((summary?: string) => {
        if (!summary) return;
        this.status.set(`${summary} The reporter is told.`);
        void this.load();
      });
  }

  protected openDismiss(report: ChatReport): void {
    this.dismissing.set(report.id);
    setTimeout(() => document.getElementById(`dismiss-${report.id}`)?.focus());
  }

  protected async dismiss(report: ChatReport): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.dismissReport(report.id, this.notes()[report.id] ?? '');
      this.dismissing.set(null);
      this.status.set(`Dismissed; ${report.reporter.displayName} is told why.`);
      await this.load();
    } catch (error) {
      // The note stays, to correct and send again.
      this.error.set(ApiError.from(error).messageFor('note') ?? ApiError.from(error).message);
    } finally {
      this.busy.set(false);
    }
  }

  protected setNote(id: string, note: string): void {
    this.notes.update((notes) => ({ ...notes, [id]: note }));
  }

  private async load(): Promise<void> {
    try {
      const page = await this.api.reports(this.roomId, this.filter(), null);
      this.reports.set(page.items);
      this.cursor.set(page.nextCursor);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }
}
