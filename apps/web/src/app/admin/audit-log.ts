import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AUDIT_KINDS, type AuditEntry, type AuditKind } from '@hearth/contracts';
import { type AuditFilters, CredentialsApi } from '../credentials/credentials-api';
import { ApiError } from '../platform/api-error';
import { effectOnChange } from '../platform/effects';
import { AUDIT_KIND_NAMES } from './admin-words';

/** Who changed what and why, newest first; the filters live in the address, so a view can be shared. */
@Component({
  selector: 'hearth-audit-log',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, MatButtonModule, MatFormFieldModule, MatInputModule, RouterLink],
  template: `
    <section class="page page--wide" aria-labelledby="audit-title">
      <p><a routerLink="/admin">Admin</a></p>
      <h1 id="audit-title" tabindex="-1">Audit log</h1>

      <form class="filters" aria-label="Filter the audit log" novalidate (submit)="$event.preventDefault(); apply(actorBox.value, subjectBox.value, kindBox.value)">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Who did it</mat-label>
          <input matInput #actorBox autocomplete="off" [value]="actor() ?? ''" />
          <mat-hint>A username or id</mat-hint>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Whom or what it concerns</mat-label>
          <input matInput #subjectBox autocomplete="off" [value]="subject() ?? ''" />
          <mat-hint>A username or id, a course id or a role key</mat-hint>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>What happened</mat-label>
          <select matNativeControl #kindBox [value]="kind() ?? ''">
            <option value="">Anything</option>
            @for (option of kinds; track option) {
              <option [value]="option" [selected]="option === kind()">{{ kindName[option] }}</option>
            }
          </select>
        </mat-form-field>
        <div class="form-actions">
          <button mat-flat-button type="submit">Filter</button>
          @if (filtered()) {
            <button mat-button type="button" (click)="apply('', '', '')">Show everything</button>
          }
        </div>
      </form>

      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <p class="visually-hidden" role="status">{{ loading() ? '' : entries().length === 0 ? 'Nothing found.' : entries().length + (cursor() ? ' or more' : '') + ' entries.' }}</p>

      <ol class="entries">
        @for (entry of entries(); track entry.id) {
          <li>
            <div class="head">
              <strong>{{ kindName[entry.kind] ?? entry.kind }}</strong>
              <time [attr.datetime]="entry.at">{{ entry.at | when }}</time>
            </div>
            <p class="summary">{{ entry.summary }}</p>
            <p class="detail">
              By
              @if (entry.actor; as actor) {
                <a [routerLink]="['/admin/people', actor.id]">{{ actor.displayName }}</a>
              } @else {
                Hearth
              }
              @if (entry.subjectUser; as person) {
                · concerning
                <a [routerLink]="['/admin/people', person.id]">{{ person.displayName }}</a>
              }
            </p>
            @if (reasonOf(entry); as reason) {
              <p class="reason">Reason: {{ reason }}</p>
            }
          </li>
        } @empty {
          @if (!loading()) {
            <li class="empty">Nothing recorded{{ filtered() ? ' that matches these filters' : ' yet' }}.</li>
          }
        }
      </ol>
      @if (cursor()) {
        <button mat-button type="button" (click)="load(false)" [disabled]="loading()">{{ loading() ? 'Loading…' : 'Show more' }}</button>
      }
    </section>
  `,
  styles: `
    .filters { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0.75rem; margin-bottom: 1rem; }
    .filters mat-form-field { flex: 1 1 14rem; }
    .filters .form-actions { margin-top: 0.5rem; }
    .entries { list-style: none; padding: 0; }
    li { padding: 0.6rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); overflow-wrap: anywhere; }
    .head { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: baseline; }
    time, .detail, .empty { color: var(--mat-sys-on-surface-variant); }
    time, .detail { font-size: 0.9rem; }
    p { margin: 0.2rem 0; }
  `,
})
export class AuditLog {
  private readonly api = inject(CredentialsApi);
  private readonly router = inject(Router);

  readonly actor = input<string>();
  readonly subject = input<string>();
  readonly kind = input<string>();

  protected readonly kinds = AUDIT_KINDS;
  protected readonly kindName: Partial<Record<string, string>> = AUDIT_KIND_NAMES;

  private readonly filters = computed<AuditFilters>(
    () => ({
      actor: this.actor()?.trim() || undefined,
      subject: this.subject()?.trim() || undefined,
      kind: (AUDIT_KINDS as readonly string[]).includes(this.kind() ?? '') ? (this.kind() as AuditKind) : undefined,
    }),
    { equal: (a, b) => a.actor === b.actor && a.subject === b.subject && a.kind === b.kind },
  );
  protected readonly filtered = computed(() => Object.values(this.filters()).some(Boolean));

  protected readonly entries = signal<AuditEntry[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  private generation = 0;

  constructor() {
    effectOnChange(this.filters, () => this.load(true));
  }

  protected apply(actor: string, subject: string, kind: string): Promise<boolean> {
    return this.router.navigate([], { queryParams: { actor: actor.trim() || null, subject: subject.trim() || null, kind: kind || null } });
  }

  protected async load(fresh: boolean): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    if (fresh) this.entries.set([]);
    try {
      const page = await this.api.audit(this.filters(), fresh ? null : this.cursor());
      if (generation !== this.generation) return;
      this.entries.update((shown) => [...shown, ...page.items]);
      this.cursor.set(page.nextCursor);
    } catch (error) {
      if (generation === this.generation) this.error.set(ApiError.from(error).message);
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  protected reasonOf(entry: AuditEntry): string | null {
    const reason = entry.data['reason'];
    return typeof reason === 'string' && reason ? reason : null;
  }
}
