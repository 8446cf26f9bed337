import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, skip } from 'rxjs';
import { Session } from './identity/session';
import { Bell } from './notifications/bell';
import { focusWhenShown } from './platform/focus';

@Component({
  selector: 'hearth-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatToolbarModule, RouterLink, RouterLinkActive, RouterOutlet, Bell],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly me = this.session.me;
  protected readonly isAuthor = computed(() => (this.me()?.platformRoles ?? []).some((role) => role === 'author' || role === 'admin'));
  protected readonly isAdmin = computed(() => (this.me()?.platformRoles ?? []).includes('admin'));

  constructor() {
    // After each navigation (not the first load), move focus to the new page's heading
    // so keyboard and screen-reader users start at the top of what changed.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(() => focusWhenShown('main h1'));
  }

  protected async signOut(): Promise<void> {
    await this.session.signOut();
    await this.router.navigateByUrl('/');
  }
}

