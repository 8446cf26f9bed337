import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, computed, inject, type OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import type { AttendanceRecord, Eligibility, FacilitatorRole, MyCredentials, UnmetCondition } from '@hearth/contracts';
import { ChatApi } from '../chat/chat-api';
import { ApiError } from '../platform/api-error';
import { CredentialsApi } from './credentials-api';
import { UnmetList } from './unmet-list';

/** My facilitator roles and badges, and for every other role what it takes and what I still need. */
@Component({
  selector: 'hearth-roles-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, MatButtonModule, RouterLink, UnmetList],
  templateUrl: './roles-page.html',
  styleUrl: './roles-page.scss',
})
export class RolesPage implements OnInit {
  private readonly api = inject(CredentialsApi);
  private readonly chat = inject(ChatApi);

  protected readonly mine = signal<MyCredentials | null>(null);
  protected readonly roles = signal<Map<string, FacilitatorRole>>(new Map());
  protected readonly error = signal<string | null>(null);
  protected readonly badges = computed(() => this.mine()?.badges.filter((badge) => !badge.revoked) ?? []);
  protected readonly asking = signal<string | null>(null);
  protected readonly askError = signal<{ key: string; message: string } | null>(null);
  protected readonly notice = signal('');
  /** My time in live chat sessions, which counts toward courses that ask for it. */
  protected readonly attendance = signal<AttendanceRecord[]>([]);

  async ngOnInit(): Promise<void> {
    try {
      const [mine, roles, attendance] = await Promise.all([this.api.mine(), this.api.roles(), this.chat.attendance()]);
      this.mine.set(mine);
      this.attendance.set(attendance);
      this.roles.set(new Map(roles.map((role) => [role.key, role])));
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }

  /** After a refusal, an expiry or a changed rule: a request for an admin, with my record as evidence. */
  protected async ask(role: Eligibility): Promise<void> {
    this.asking.set(role.roleKey);
    this.askError.set(null);
    try {
      const updated = await this.api.ask(role.roleKey);
      this.mine.update((mine) => (mine ? { ...mine, next: mine.next.map((e) => (e.roleKey === role.roleKey ? updated : e)) } : mine));
      this.notice.set(`Your request for ${role.roleName} is with an admin.`);
    } catch (error) {
      this.askError.set({ key: role.roleKey, message: ApiError.from(error).message });
    } finally {
      this.asking.set(null);
    }
  }

  protected steps(unmet: UnmetCondition[]): UnmetCondition[] {
    return unmet.filter((condition) => condition.kind !== 'manual');
  }
}
