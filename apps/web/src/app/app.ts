import { ChangeDetectionStrategy, Component, computed, DestroyRef, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, skip } from 'rxjs';
import { Session } from './identity/session';
import { Bell } from './notifications/bell';
import { focusWhenShown } from './platform/focus';
import { Icon } from './platform/icon';

@Component({
  selector: 'hearth-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, MatButtonModule, MatToolbarModule, RouterLink, RouterLinkActive, RouterOutlet, Bell],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly me = this.session.me;
  protected readonly isAuthor = computed(() => (this.me()?.platformRoles ?? []).some((role) => role === 'author' || role === 'admin'));
  protected readonly isAdmin = computed(() => (this.me()?.platformRoles ?? []).includes('admin'));
  /** The phone header's menu (links folded behind a button); it closes on every navigation. */
  protected readonly menuOpen = signal(false);
  private readonly menuButton = viewChild.required('menuButton', { read: ElementRef<HTMLButtonElement> });

  constructor() {
    // After each navigation (not the first load), move focus to the new page's heading
    // so keyboard and screen-reader users start at the top of what changed.
    const navigated = this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      takeUntilDestroyed(inject(DestroyRef)),
    );
    navigated.subscribe(() => this.menuOpen.set(false));
    navigated.pipe(skip(1)).subscribe(() => focusWhenShown('main h1'));
  }

  /** Tabbing out of the open menu (past its last link, or back to the button's left) closes it. */
  protected focusLeft(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && !(event.currentTarget as HTMLElement).contains(next) && next !== this.menuButton().nativeElement) this.menuOpen.set(false);
  }

  /** Escape anywhere in the header while the menu is open: close it and give focus back to its button. */
  protected closeMenu(): void {
    if (!this.menuOpen()) return;
    this.menuOpen.set(false);
    this.menuButton().nativeElement.focus();
  }

  protected async signOut(): Promise<void> {
    this.menuOpen.set(false);
    await this.session.signOut();
    await this.router.navigateByUrl('/');
  }
}

