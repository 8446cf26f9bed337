import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, type OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import type { AdminUser } from '@hearth/contracts';
import { CredentialsApi } from '../credentials/credentials-api';
import { ApiError } from '../platform/api-error';

const PLATFORM_ROLE_NAMES: Record<string, string> = { admin: 'Administrator', author: 'Course author' };
const SEARCH_DELAY_MS = 300;

/** Finding a member by the start of their username, name or e-mail address. */
@Component({
  selector: 'hearth-admin-people',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, MatButtonModule, MatFormFieldModule, MatInputModule, RouterLink],
  template: `
    <section class="page" aria-labelledby="people-title">
      <p><a routerLink="/admin">Admin</a></p>
      <h1 id="people-title" tabindex="-1">People</h1>
      <form class="search" role="search" (submit)="$event.preventDefault(); search(query.value)">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Username, name or e-mail</mat-label>
          <input matInput #query type="search" autocomplete="off" [value]="initial" (input)="typed(query.value)" />
          <mat-hint>The start is enough: “sa” finds &#64;sam.</mat-hint>
        </mat-form-field>
        <button mat-flat-button type="submit">Search</button>
      </form>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <p class="visually-hidden" role="status">{{ loading() ? '' : summary() }}</p>
      <ul class="people">
        @for (person of people(); track person.id) {
          <li>
            <a [routerLink]="['/admin/people', person.id]">{{ person.displayName }}</a>
            <span class="detail">&#64;{{ person.username }} · {{ person.email }}</span>
            <span class="detail">
              @for (role of person.platformRoles; track role) {
                {{ roleName(role) }} ·
              }
              joined {{ person.createdAt | when: 'day' }}
            </span>
          </li>
        } @empty {
          @if (!loading()) {
            <li class="empty">Nobody’s username, name or e-mail starts with that.</li>
          }
        }
      </ul>
      @if (cursor()) {
        <button mat-button type="button" (click)="more()" [disabled]="loading()">{{ loading() ? 'Loading…' : 'Show more' }}</button>
      }
    </section>
  `,
  styles: `
    .search { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.75rem; }
    .search mat-form-field { flex: 1 1 14rem; }
    .people { list-style: none; padding: 0; }
    li { display: flex; flex-direction: column; padding: 0.6rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); overflow-wrap: anywhere; }
    li a { font-weight: 600; }
    .detail, .empty { color: var(--mat-sys-on-surface-variant); font-size: 0.9rem; }
  `,
})
export class AdminPeople implements OnInit {
  private readonly api = inject(CredentialsApi);
  private readonly router = inject(Router);
  /** The search, kept in the address so going back returns to it. */
  readonly q = input<string>();

  protected readonly people = signal<AdminUser[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly summary = signal('');
  protected initial = '';
  private current = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  ngOnInit(): Promise<void> {
    this.current = this.initial = (this.q() ?? '').trim();
    return this.load(true);
  }

  /** Searches as the admin types, once they pause. */
  protected typed(query: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(query), SEARCH_DELAY_MS);
  }

  protected async search(query: string): Promise<void> {
    clearTimeout(this.timer);
    const trimmed = query.trim();
    if (trimmed === this.current && !this.error()) return;
    this.current = trimmed;
    await this.router.navigate([], { queryParams: { q: trimmed || null }, replaceUrl: true });
    await this.load(true);
  }

  protected more(): Promise<void> {
    return this.load(false);
  }

  private async load(fresh: boolean): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.people(this.current, fresh ? null : this.cursor());
      if (generation !== this.generation) return;
      this.people.update((shown) => (fresh ? page.items : [...shown, ...page.items]));
      this.cursor.set(page.nextCursor);
      const count = this.people().length;
      this.summary.set(count === 0 ? 'Nobody found.' : `${count}${page.nextCursor ? ' or more' : ''} ${count === 1 ? 'person' : 'people'} found.`);
    } catch (error) {
      if (generation === this.generation) this.error.set(ApiError.from(error).message);
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  protected roleName(role: string): string {
    return PLATFORM_ROLE_NAMES[role] ?? role;
  }
}
