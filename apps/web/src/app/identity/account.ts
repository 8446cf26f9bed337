import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { RouterLink } from '@angular/router';
import { ApiError } from '../platform/api-error';
import { IdentityApi } from './identity-api';
import { Session } from './session';

const ROLE_NAMES: Record<string, string> = { admin: 'Administrator', author: 'Course author' };

@Component({
  selector: 'hearth-account',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, MatButtonModule, MatCardModule, MatChipsModule, RouterLink],
  templateUrl: './account.html',
  styleUrl: './account.scss',
})
export class Account implements OnInit {
  private readonly session = inject(Session);
  private readonly api = inject(IdentityApi);
  protected readonly resending = signal(false);
  protected readonly resendStatus = signal('');

  protected readonly me = this.session.me;
  protected readonly error = signal<string | null>(null);
  protected readonly roleName = (role: string) => ROLE_NAMES[role] ?? role;

  protected async resend(): Promise<void> {
    this.resending.set(true);
    try {
      await this.api.resendVerification();
      this.resendStatus.set('Sent. Look in your inbox (and the spam folder).');
    } catch (error) {
      this.resendStatus.set(ApiError.from(error).message);
    } finally {
      this.resending.set(false);
    }
  }

  async ngOnInit(): Promise<void> {
    try {
      await this.session.reloadMe();
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }
}
