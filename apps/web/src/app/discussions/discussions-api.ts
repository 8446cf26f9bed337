import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { FlagResult, FlagView, Page, ReactionKind, ReplyEditView, ReplySort, ReplyView, ReviewQueue, ReviewStatus, ThreadActivity, ThreadView } from '@hearth/contracts';
import { firstValueFrom } from 'rxjs';
import type { IconName } from '../platform/icon';

/** The discussions routes of the API. */
@Injectable({ providedIn: 'root' })
export class DiscussionsApi {
  private readonly http = inject(HttpClient);

  private params(values: Record<string, string | number | null | undefined>): HttpParams {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(values)) if (value !== null && value !== undefined) params = params.set(key, String(value));
    return params;
  }

  thread(itemId: string): Promise<ThreadView> {
    return firstValueFrom(this.http.get<ThreadView>(`/api/v1/items/${itemId}/thread`));
  }

  answers(itemId: string, sort: ReplySort, cursor: string | null): Promise<Page<ReplyView>> {
    return firstValueFrom(this.http.get<Page<ReplyView>>(`/api/v1/items/${itemId}/replies`, { params: this.params({ sort, cursor }) }));
  }

  reply(replyId: string): Promise<ReplyView> {
    return firstValueFrom(this.http.get<ReplyView>(`/api/v1/replies/${replyId}`));
  }

  children(replyId: string, cursor: string | null): Promise<Page<ReplyView>> {
    return firstValueFrom(this.http.get<Page<ReplyView>>(`/api/v1/replies/${replyId}/children`, { params: this.params({ cursor }) }));
  }

  /** The key makes a repeated send (a double click, a retry) post once. */
  post(itemId: string, body: string, parentId: string | null, idempotencyKey: string): Promise<ReplyView> {
    return firstValueFrom(
      this.http.post<ReplyView>(`/api/v1/items/${itemId}/replies`, parentId ? { body, parentId } : { body }, { headers: { 'Idempotency-Key': idempotencyKey } }),
    );
  }

  edit(replyId: string, body: string): Promise<ReplyView> {
    return firstValueFrom(this.http.patch<ReplyView>(`/api/v1/replies/${replyId}`, { body }));
  }

  remove(replyId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`/api/v1/replies/${replyId}`));
  }

  react(replyId: string, kind: ReactionKind, on: boolean): Promise<ReplyView> {
    const url = `/api/v1/replies/${replyId}/reactions/${kind}`;
    return firstValueFrom(on ? this.http.put<ReplyView>(url, null) : this.http.delete<ReplyView>(url));
  }

  flag(replyId: string, reason: string): Promise<FlagResult> {
    return firstValueFrom(this.http.post<FlagResult>(`/api/v1/replies/${replyId}/flags`, { reason }));
  }

  setHidden(replyId: string, hidden: boolean): Promise<ReplyView> {
    return firstValueFrom(this.http.post<ReplyView>(`/api/v1/replies/${replyId}/${hidden ? 'hide' : 'restore'}`, null));
  }

  review(replyId: string, status: ReviewStatus, comment: string): Promise<ReplyView> {
    return firstValueFrom(this.http.post<ReplyView>(`/api/v1/replies/${replyId}/review`, comment ? { status, comment } : { status }));
  }

  history(replyId: string): Promise<ReplyEditView[]> {
    return firstValueFrom(this.http.get<ReplyEditView[]>(`/api/v1/replies/${replyId}/history`));
  }

  markRead(itemId: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/v1/items/${itemId}/thread/read`, null));
  }

  activity(course: string): Promise<ThreadActivity[]> {
    return firstValueFrom(this.http.get<ThreadActivity[]>(`/api/v1/courses/${encodeURIComponent(course)}/threads`));
  }

  /** What waits for me in the courses I help run. */
  reviewQueue(): Promise<ReviewQueue[]> {
    return firstValueFrom(this.http.get<ReviewQueue[]>('/api/v1/me/review-queue'));
  }

  flags(course: string): Promise<FlagView[]> {
    return firstValueFrom(this.http.get<FlagView[]>(`/api/v1/courses/${encodeURIComponent(course)}/flags`));
  }

  dismiss(flagId: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(`/api/v1/flags/${flagId}/dismiss`, null));
  }
}

export const REACTION_LABELS: Record<ReactionKind, { icon: IconName; name: string }> = {
  like: { icon: 'thumb-up', name: 'Like' },
  heart: { icon: 'heart', name: 'Heart' },
  insightful: { icon: 'lightbulb', name: 'Insightful' },
  support: { icon: 'handshake', name: 'Support' },
};
