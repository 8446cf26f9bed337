import { WhenPipe } from '../platform/when';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import type { BadgeVerification } from '@hearth/contracts';
import { ApiError } from '../platform/api-error';
import { effectOnChange } from '../platform/effects';
import { CredentialsApi } from './credentials-api';

interface BadgeDocument {
  name: string;
  validFrom: string;
  issuer: { name: string; url: string };
  /** Bitstring Status List entries; badges issued before them have one 1EdTech revocation list instead. */
  credentialStatus?: Array<{ statusPurpose: string; statusListCredential: string }> | { type: string };
  credentialSubject: { achievement: { name: string; description: string; criteria: { narrative: string }; image?: { id: string } } };
}

/**
 * A badge as anyone can check it: what it was awarded for (a course, or a role, which has
 * no image), by whom, and whether its signature holds and it still stands: not revoked,
 * and for a role's badge not suspended. The signed credential itself is a link away.
 */
@Component({
  selector: 'hearth-badge-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [WhenPipe],
  template: `
    <section class="page" aria-labelledby="badge-title">
      @if (error(); as message) {
        <h1 id="badge-title" tabindex="-1">Badge not found</h1>
        <p class="alert" role="alert">{{ message }}</p>
      }
      @if (badge(); as badge) {
        <div class="badge">
          @if (imageOf(badge); as image) {
            <img [src]="image" alt="" width="120" height="120" />
          }
          <div>
            <h1 id="badge-title" tabindex="-1">{{ badge.name }}</h1>
            <p>Awarded on {{ badge.validFrom | when: 'day' }} by {{ badge.issuer.name }}.</p>
          </div>
        </div>
        <p>{{ badge.credentialSubject.achievement.description }}</p>
        <h2>Criteria</h2>
        <p>{{ badge.credentialSubject.achievement.criteria.narrative }}</p>
        <h2>Verification</h2>
        @if (verification(); as check) {
          <p class="verdict" [class.valid]="check.valid" role="status">
            @if (check.valid) {
              <strong>Valid.</strong> The signature matches {{ badge.issuer.name }}’s key and the badge is neither revoked nor suspended.
            } @else if (check.revoked) {
              <strong>Revoked</strong> on {{ check.revokedAt | when: 'day' }}@if (check.revocationReason) {: {{ check.revocationReason }}}.
            } @else if (check.suspended) {
              <strong>Suspended</strong> {{ check.suspendedUntil ? 'until ' + (check.suspendedUntil | when) : 'until an admin reinstates the role' }}: the role it stands for is held back for now.
            } @else {
              <strong>Not valid.</strong> The signature does not match: this badge has been changed since it was issued.
            }
          </p>
        }
        <p class="links">
          <a [href]="credentialUrl()">The signed credential (Open Badges 3.0, JSON-LD)</a> ·
          <a href="/api/v1/badges/issuer">The issuer and its public key</a>
          @if (statusLists(); as lists) {
            · <a [href]="lists.revocation">Revocation list</a> · <a [href]="lists.suspension">Suspension list</a>
          }
        </p>
      }
    </section>
  `,
  styles: `
    .badge { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem 1.5rem; }
    .verdict { padding: 0.5rem 0.75rem; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .verdict.valid { background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
    .links { font-size: 0.9rem; }
  `,
})
export class BadgePage {
  private readonly api = inject(CredentialsApi);

  readonly assertion = input.required<string>();

  protected readonly badge = signal<BadgeDocument | null>(null);
  protected readonly verification = signal<BadgeVerification | null>(null);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effectOnChange(this.assertion, (id) => this.load(id));
  }

  protected credentialUrl(): string {
    return `/api/v1/badges/${this.assertion()}`;
  }

  /** Hearth's own badge images by path, so they load whatever address the page was opened at. */
  protected imageOf(badge: BadgeDocument): string | null {
    const image = badge.credentialSubject.achievement.image?.id;
    if (!image) return null;
    return image.startsWith(badge.issuer.url) ? image.slice(badge.issuer.url.length) : image;
  }

  /** The W3C status lists the badge names (badges from before them name none), by path like the images. */
  protected readonly statusLists = computed(() => {
    const badge = this.badge();
    const entries = badge && Array.isArray(badge.credentialStatus) ? badge.credentialStatus : [];
    const list = (purpose: string) => entries.find((entry) => entry.statusPurpose === purpose)?.statusListCredential.replace(badge!.issuer.url, '');
    const [revocation, suspension] = [list('revocation'), list('suspension')];
    return revocation && suspension ? { revocation, suspension } : null;
  });

  private async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      const [badge, verification] = await Promise.all([this.api.credential<BadgeDocument>(id), this.api.verification(id)]);
      if (id !== this.assertion()) return;
      this.badge.set(badge);
      this.verification.set(verification);
    } catch (error) {
      if (id !== this.assertion()) return;
      this.badge.set(null);
      this.error.set(ApiError.from(error).message);
    }
  }
}
