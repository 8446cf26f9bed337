import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable, signal } from '@angular/core';
import type { EmailPreferences, EmailPreferencesRequest, NotificationView, Page, UnreadCount } from '@hearth/contracts';
import { firstValueFrom } from 'rxjs';

/** Notifications, and the unread count the header's bell shows. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  readonly unread = signal(0);

  async refreshUnread(): Promise<void> {
    try {
      this.unread.set((await firstValueFrom(this.http.get<UnreadCount>('/api/v1/notifications/unread-count'))).unread);
    } catch {
      // The bell keeps its last count; the next refresh tries again.
    }
  }

  list(cursor: string | null): Promise<Page<NotificationView>> {
    return firstValueFrom(this.http.get<Page<NotificationView>>('/api/v1/notifications', { params: cursor ? new HttpParams().set('cursor', cursor) : undefined }));
  }

  emailPreferences(): Promise<EmailPreferences> {
    return firstValueFrom(this.http.get<EmailPreferences>('/api/v1/notifications/email-preferences'));
  }

  saveEmailPreferences(preferences: EmailPreferencesRequest): Promise<EmailPreferences> {
    return firstValueFrom(this.http.put<EmailPreferences>('/api/v1/notifications/email-preferences', preferences));
  }

  async markRead(ids?: string[]): Promise<void> {
    const { unread } = await firstValueFrom(this.http.post<UnreadCount>('/api/v1/notifications/read', ids ? { ids } : {}));
    this.unread.set(unread);
  }
}
