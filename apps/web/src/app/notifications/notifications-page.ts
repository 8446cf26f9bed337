import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { NotificationView } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { NotificationsApi } from './notifications-api';

@Component({
  selector: 'hearth-notifications-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, MatButtonModule, RouterLink],
  template: `
    <section class="page" aria-labelledby="notifications-title">
      <h1 id="notifications-title" tabindex="-1">Notifications</h1>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      @if (items().length > 0) {
        <button mat-stroked-button type="button" (click)="markAll()">Mark all as read</button>
      }
      <ul class="notifications">
        @for (item of items(); track item.id) {
          <li [class.unread]="!item.readAt">
            <a [routerLink]="pathOf(item)" [fragment]="fragmentOf(item)" (click)="open(item)">{{ item.text }}</a>
            <time [attr.datetime]="item.createdAt">{{ item.createdAt | when }}</time>
            @if (!item.readAt) {
              <span class="visually-hidden">(unread)</span>
            }
          </li>
        } @empty {
          @if (!loading()) {
            <li class="empty">Nothing yet. You will hear here when someone mentions you, replies to your answer or reviews it, and when your roles change.</li>
          }
        }
      </ul>
      @if (cursor()) {
        <button mat-button type="button" (click)="load()" [disabled]="loading()">{{ loading() ? 'Loading…' : 'Show older' }}</button>
      }
    </section>
  `,
  styles: `
    .notifications { list-style: none; padding: 0; }
    li { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; padding: 0.6rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    li.unread a { font-weight: 700; }
    time { color: var(--mat-sys-on-surface-variant); font-size: 0.85rem; }
    .empty { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class NotificationsPage implements OnInit {
  private readonly api = inject(NotificationsApi);
  protected readonly items = signal<NotificationView[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);

  ngOnInit(): Promise<void> {
    return this.load();
  }

  protected async load(): Promise<void> {
    if (this.loading() && this.items().length > 0) return;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.list(this.cursor());
      this.items.update((shown) => [...shown, ...page.items]);
      this.cursor.set(page.nextCursor);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.loading.set(false);
    }
  }

  protected pathOf(item: NotificationView): string {
    return item.link.split('#')[0];
  }

  protected fragmentOf(item: NotificationView): string | undefined {
    return item.link.split('#')[1];
  }

  protected open(item: NotificationView): void {
    // Best effort: the page it leads to opens either way, and the next visit shows it unread.
    if (!item.readAt) this.api.markRead([item.id]).catch(() => undefined);
  }

  protected async markAll(): Promise<void> {
    this.error.set(null);
    try {
      await this.api.markRead();
      this.items.update((items) => items.map((item) => ({ ...item, readAt: item.readAt ?? new Date().toISOString() })));
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }
}
