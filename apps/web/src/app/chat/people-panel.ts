import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import type { UserSummary } from '@hearth/contracts';
import { WhenPipe } from '../platform/when';
import { ChatApi } from './chat-api';
import { RoomStore } from './room-store';

/** Who is in the room now, and what my powers let me do for or about each: welcome, co-host, moderate. */
@Component({
  selector: 'hearth-people-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, MatButtonModule, MatMenuModule],
  template: `
    <section aria-labelledby="people-title">
      <h2 id="people-title">Here now ({{ store.people().length }})</h2>
      <ul class="people">
        @for (member of store.people(); track member.user.id) {
          <li>
            <span>{{ member.user.displayName }}</span>
            @if (member.mutedUntil) {
              <span class="chip">muted until {{ member.mutedUntil | when: 'time' }}</span>
            }
            @if (!store.isMe(member.user) && (store.canModerate() || store.canHost() || (store.canLead() && store.running()))) {
              <button mat-button type="button" [matMenuTriggerFor]="memberMenu" [attr.aria-label]="'Actions for ' + member.user.displayName">Actions</button>
              <mat-menu #memberMenu="matMenu">
                @if (store.canHost()) {
                  <button mat-menu-item type="button" (click)="welcome(member.user)">Welcome {{ member.user.displayName }}</button>
                }
                @if (store.canLead() && store.running()) {
                  <button mat-menu-item type="button" (click)="coHost(member.user)">Invite to co-host</button>
                }
                @if (store.canModerate()) {
                  <button mat-menu-item type="button" (click)="moderate.emit(member.user)">Moderate {{ member.user.displayName }}…</button>
                }
              </mat-menu>
            }
          </li>
        }
      </ul>
    </section>
  `,
  styleUrl: './chat.scss',
})
export class PeoplePanel {
  protected readonly store = inject(RoomStore);
  private readonly api = inject(ChatApi);

  /** A moderator's step against this person (not from a message). */
  readonly moderate = output<UserSummary>();

  protected welcome(user: UserSummary): Promise<void> {
    const room = this.store.room();
    return room ? this.store.act(() => this.api.welcome(room.id, user.id)) : Promise.resolve();
  }

  protected coHost(user: UserSummary): Promise<void> {
    const session = this.store.running();
    return session ? this.store.act(() => this.api.coHost(session.id, user.id)) : Promise.resolve();
  }
}
