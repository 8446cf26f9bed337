import { ChangeDetectionStrategy, Component, inject, input, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { Router, RouterLink } from '@angular/router';
import { type ChatRoom, PRACTICE_ROOM_TAG } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { ChatApi } from './chat-api';

/** On a script item: the trainee starts a practice session from it in a practice room, and goes to it. */
@Component({
  selector: 'hearth-practice-start',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, RouterLink],
  styleUrls: ['./chat.scss', './practice.scss'],
  template: `
    <section class="practice-start" aria-labelledby="practice-start-title">
      <h2 id="practice-start-title">Lead a practice session</h2>
      @if (rooms().length === 0) {
        <p class="meta">There is no practice room open to you yet; ask an admin for one, or look in <a routerLink="/chat">the chat</a>.</p>
      } @else {
        <p class="meta">Start it in a practice room; a mentor of the course joins to observe, then scores it and writes you feedback.</p>
        <form (ngSubmit)="start()" novalidate>
          <label for="practice-room">Practice room</label>
          <select id="practice-room" name="room" [value]="roomId()" (change)="roomId.set($any($event.target).value)">
            @for (room of rooms(); track room.id) {
              <option [value]="room.id">{{ room.name }}</option>
            }
          </select>
          <label for="practice-topic">Topic</label>
          <input id="practice-topic" name="topic" maxlength="200" [value]="topic()" (input)="topic.set($any($event.target).value)" />
          @if (error(); as message) {
            <p class="alert" role="alert">{{ message }}</p>
          }
          <button mat-flat-button type="submit" [disabled]="busy() || !topic().trim()">{{ busy() ? 'Starting…' : 'Start the practice session' }}</button>
        </form>
      }
    </section>
  `,
})
export class PracticeStart implements OnInit {
  private readonly api = inject(ChatApi);
  private readonly router = inject(Router);

  readonly courseId = input.required<string>();
  readonly scriptItemId = input.required<string>();
  readonly scriptTitle = input.required<string>();

  protected readonly rooms = signal<ChatRoom[]>([]);
  protected readonly roomId = signal('');
  protected readonly topic = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    this.topic.set(`Practice: ${this.scriptTitle()}`);
    const rooms = (await this.api.rooms().catch(() => [])).filter((room) => room.canEnter && room.tags.includes(PRACTICE_ROOM_TAG));
    this.rooms.set(rooms);
    this.roomId.set(rooms[0]?.id ?? '');
  }

  protected async start(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const session = await this.api.createSession(this.roomId(), {
        topic: this.topic().trim(),
        startNow: true,
        practice: { courseId: this.courseId(), scriptItemId: this.scriptItemId() },
      });
      await this.router.navigate(['/chat/sessions', session.id, 'practice']);
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
