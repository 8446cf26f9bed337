import { ChangeDetectionStrategy, Component, computed, inject, type OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { ChatRoom } from '@hearth/contracts';
import { Session } from '../identity/session';
import { UnmetList } from '../credentials/unmet-list';
import { ApiError } from '../platform/api-error';
import { ChatApi } from './chat-api';
import { Icon } from '../platform/icon';

/** The chat's rooms: which I may enter, what each is locked to, and for a room I cannot enter, what would open it. */
@Component({
  selector: 'hearth-rooms-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, MatButtonModule, RouterLink, UnmetList],
  templateUrl: './rooms-page.html',
  styleUrl: './chat.scss',
})
export class RoomsPage implements OnInit {
  private readonly api = inject(ChatApi);
  private readonly session = inject(Session);

  protected readonly rooms = signal<ChatRoom[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly isAdmin = computed(() => this.session.me()?.platformRoles.includes('admin') ?? false);
  protected readonly open = computed(() => (this.rooms() ?? []).filter((room) => room.canEnter && !room.archived));
  protected readonly closed = computed(() => (this.rooms() ?? []).filter((room) => !room.canEnter && !room.archived));
  protected readonly archived = computed(() => (this.rooms() ?? []).filter((room) => room.archived));

  async ngOnInit(): Promise<void> {
    try {
      this.rooms.set(await this.api.rooms());
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }
}
