import { WhenPipe } from '../platform/when';
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import type { Profile } from '@hearth/contracts';
import { firstValueFrom } from 'rxjs';
import { effectOnChange } from '../platform/effects';
import { ApiError } from '../platform/api-error';

/** A member's public page: where @mentions lead. */
@Component({
  selector: 'hearth-profile',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe],
  template: `
    @if (profile(); as person) {
      <section class="page" aria-labelledby="profile-title">
        <h1 id="profile-title" tabindex="-1">{{ person.displayName }}</h1>
        <p class="handle">&#64;{{ person.username }} · member since {{ person.memberSince | when: 'day' }}</p>
        <h2>Facilitator roles</h2>
        @if (person.facilitatorRoles.length === 0) {
          <p>No facilitator role yet.</p>
        } @else {
          <ul>
            @for (role of person.facilitatorRoles; track role.key) {
              <li>{{ role.name }}</li>
            }
          </ul>
        }
      </section>
    } @else if (error(); as message) {
      <section class="page">
        <h1 tabindex="-1">Member not found</h1>
        <p class="alert" role="alert">{{ message }}</p>
      </section>
    }
  `,
  styles: `.handle { color: var(--mat-sys-on-surface-variant); }`,
})
export class ProfilePage {
  private readonly http = inject(HttpClient);
  readonly username = input.required<string>();
  protected readonly profile = signal<Profile | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effectOnChange(this.username, async (username) => {
      try {
        this.profile.set(await firstValueFrom(this.http.get<Profile>(`/api/v1/users/${encodeURIComponent(username)}`)));
      } catch (error) {
        this.profile.set(null);
        this.error.set(ApiError.from(error).message);
      }
    });
  }
}
