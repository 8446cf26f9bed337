import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ChatApi } from './chat-api';
import { RoomStore } from './room-store';

const SLOW_MODE_CHOICES = [0, 10, 30, 60];

/** A moderator's controls for the whole room: slow mode, and locking it to facilitators (not while on probation). */
@Component({
  selector: 'hearth-moderation-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  template: `
    @if (store.room(); as room) {
      <section class="moderation" aria-labelledby="moderation-title">
        <h2 id="moderation-title">Moderation</h2>
        <label for="slow-mode">Slow mode</label>
        <select id="slow-mode" (change)="setSlowMode($event)">
          @for (seconds of slowModeChoices; track seconds) {
            <option [value]="seconds" [selected]="seconds === room.slowModeSeconds">{{ seconds === 0 ? 'Off' : 'One message every ' + seconds + ' s' }}</option>
          }
        </select>
        @if (room.probation && !room.frozen) {
          <p class="meta">Locking the room waits until your probation ends.</p>
        } @else {
          <button mat-stroked-button type="button" (click)="toggleFreeze()">{{ room.frozen ? 'Unlock the room' : 'Lock the room' }}</button>
        }
      </section>
    }
  `,
  styleUrl: './chat.scss',
})
export class ModerationPanel {
  protected readonly store = inject(RoomStore);
  private readonly api = inject(ChatApi);
  protected readonly slowModeChoices = SLOW_MODE_CHOICES;

  protected async setSlowMode(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const roomId = this.store.room()!.id;
    await this.store.act(async () => this.store.room.set(await this.api.slowMode(roomId, Number(select.value))));
    // After a refusal the control shows the room's real setting again.
    select.value = String(this.store.room()?.slowModeSeconds ?? 0);
  }

  protected toggleFreeze(): Promise<void> {
    const room = this.store.room()!;
    return this.store.act(async () => this.store.room.set(await this.api.freeze(room.id, !room.frozen)));
  }
}
