import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, inject, type OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Sanction } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { ChatApi } from './chat-api';
import { appealWords, headlineOf, sanctionReason } from './sanction-words';

/** My moderation record: every step taken against me in the chat, with where to appeal each. */
@Component({
  selector: 'hearth-sanctions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe, RouterLink],
  styleUrl: './chat.scss',
  template: `
    <section class="page" aria-labelledby="sanctions-title">
      <h1 id="sanctions-title" tabindex="-1">My moderation record</h1>
      <p class="meta">Steps moderators took about you in the chat. Each can be appealed to an admin within 14 days.</p>
      @if (error(); as message) {
        <p class="alert" role="alert">{{ message }}</p>
      }
      <ul class="sanctions">
        @for (sanction of sanctions(); track sanction.id) {
          <li>
            <a [routerLink]="['/chat/sanctions', sanction.id]">{{ headline(sanction) }}</a>
            <p class="meta">
              {{ sanction.createdAt | when }} · {{ reason(sanction) }}
              @if (sanction.inForce) {
                · <strong>in force until {{ sanction.endsAt | when }}</strong>
              }
              @if (appeal(sanction); as words) {
                · {{ words }}
              }
            </p>
          </li>
        } @empty {
          <li class="empty">Nothing: no moderator has taken a step about you.</li>
        }
      </ul>
    </section>
  `,
})
export class SanctionsPage implements OnInit {
  private readonly api = inject(ChatApi);
  protected readonly sanctions = signal<Sanction[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly headline = headlineOf;
  protected readonly reason = sanctionReason;
  protected readonly appeal = appealWords;

  async ngOnInit(): Promise<void> {
    try {
      this.sanctions.set(await this.api.mySanctions());
    } catch (error) {
      this.error.set(ApiError.from(error).message);
    }
  }
}
