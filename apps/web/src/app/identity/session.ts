import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { AuthResponse, LoginRequest, Me, RegisterRequest } from '@hearth/contracts';
import { finalize, map, type Observable, share } from 'rxjs';
import { IdentityApi } from './identity-api';

/**
 * Who is signed in. The access token lives in memory only (never in storage a script
 * could read); the refresh token lives in an httpOnly cookie the page cannot see. On load,
 * and whenever the access token expires, one refresh call renews it.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly api = inject(IdentityApi);
  private readonly router = inject(Router);
  private refreshing: Observable<string> | null = null;

  readonly accessToken = signal<string | null>(null);
  readonly me = signal<Me | null>(null);
  readonly signedIn = computed(() => this.me() !== null);
  /** Why the user was sent to the sign-in page, shown there once. */
  readonly notice = signal<string | null>(null);

  /** Resumes the session the refresh cookie holds, if any. Never fails. */
  async restore(): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => this.refreshOnce().subscribe({ next: () => resolve(), error: reject }));
      this.me.set(await this.api.me());
    } catch {
      this.clear();
    }
  }

  async signIn(request: LoginRequest): Promise<void> {
    this.accept(await this.api.login(request));
  }

  async register(request: RegisterRequest): Promise<void> {
    this.accept(await this.api.register(request));
  }

  async signOut(): Promise<void> {
    try {
      await this.api.logout();
    } finally {
      this.clear();
    }
  }

  /** This browser's session was signed out from elsewhere (the sessions page): forget it here. */
  signedOutHere(message: string): void {
    this.clear();
    this.notice.set(message);
    void this.router.navigate(['/sign-in']);
  }

  async reloadMe(): Promise<Me> {
    const me = await this.api.me();
    this.me.set(me);
    return me;
  }

  /**
   * A new access token from the refresh cookie. Calls that fail at the same moment share
   * one refresh: the server spends a refresh token once, and a second use of the same one
   * would end the session.
   */
  refreshOnce(): Observable<string> {
    this.refreshing ??= this.api.refresh().pipe(
      map((response) => {
        this.accessToken.set(response.accessToken);
        return response.accessToken;
      }),
      finalize(() => (this.refreshing = null)),
      share(),
    );
    return this.refreshing;
  }

  /** The session ended on the server (expired, revoked): back to the sign-in page. */
  expired(): void {
    const returnUrl = this.router.url;
    this.clear();
    this.notice.set('Your session has ended. Sign in again to continue.');
    void this.router.navigate(['/sign-in'], { queryParams: returnUrl && returnUrl !== '/' ? { returnUrl } : {} });
  }

  private accept(response: AuthResponse): void {
    this.accessToken.set(response.accessToken);
    this.me.set(response.user);
    this.notice.set(null);
  }

  private clear(): void {
    this.accessToken.set(null);
    this.me.set(null);
  }
}
