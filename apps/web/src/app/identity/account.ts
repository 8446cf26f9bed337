import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { RouterLink } from '@angular/router';
import { ApiError } from '../platform/api-error';
import { Session } from './session';

const ROLE_NAMES: Record<string, string> = { admin: 'Administrator', author: 'Course author' };

@Component({
  selector: 'hearth-account',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatCardModule, MatChipsModule, RouterLink],
  templateUrl: './account.html',
  styleUrl: './account.scss',
})
export class Account implements OnInit {
  private readonly session = inject(Session);

  protected readonly me = this.session.me;
  protected readonly error = signal<string | null>(null);
  protected readonly roleName = (role: string) => ROLE_NAMES[role] ?? role;

  async ngOnInit(): Promise<void> {
    try {
      await this.session.reloadMe();
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }
}
