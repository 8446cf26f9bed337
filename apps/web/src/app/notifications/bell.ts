import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { filter, fromEvent, interval, merge } from 'rxjs';
import { NotificationsApi } from './notifications-api';
import { Icon } from '../platform/icon';

const REFRESH_MS = 30_000;

/** The header's link to my notifications, with how many are unread. */
@Component({
  selector: 'hearth-bell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, MatButtonModule, RouterLink],
  template: `
    <a mat-button routerLink="/notifications" class="bell" [attr.aria-label]="unread() ? 'Notifications, ' + unread() + ' unread' : 'Notifications'">
      <hearth-icon name="bell" />
      @if (unread()) {
        <span class="count" aria-hidden="true">{{ unread() > 99 ? '99+' : unread() }}</span>
      }
    </a>
  `,
  styles: `
    .bell { min-width: 0; position: relative; }
    .count { margin-left: 0.2rem; border-radius: 999px; padding: 0 0.4rem; font-size: 0.75rem; background: var(--mat-sys-error); color: var(--mat-sys-on-error); }
  `,
})
export class Bell {
  private readonly api = inject(NotificationsApi);
  protected readonly unread = this.api.unread;

  constructor() {
    const document = inject(DOCUMENT);
    void this.api.refreshUnread();
    // Every half minute while the tab is in view, and at once when it comes back into view.
    merge(interval(REFRESH_MS), fromEvent(document, 'visibilitychange'))
      .pipe(
        filter(() => document.visibilityState === 'visible'),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => void this.api.refreshUnread());
  }
}
