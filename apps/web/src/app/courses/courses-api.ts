import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  CompletionFunnel,
  CompletionRequirement,
  CourseDraft,
  CourseOutline,
  CourseProgress,
  CourseStaffMember,
  CourseRole,
  CourseSummary,
  CourseVersionSummary,
  CreateCourseRequest,
  CreateItemRequest,
  CreateModuleRequest,
  DraftItem,
  DraftModule,
  Enrollment,
  ImportResult,
  ItemView,
  Page,
  QuizAnswer,
  QuizAttemptResult,
  RequirementsRequest,
  TraineeProgress,
  UpdateCourseRequest,
  UpdateItemRequest,
  UpdateModuleRequest,
  UserSummary, MyLearning } from '@hearth/contracts';
import { firstValueFrom } from 'rxjs';

/** The courses routes of the API, for reading and for authoring. */
@Injectable({ providedIn: 'root' })
export class CoursesApi {
  private readonly http = inject(HttpClient);

  private get<T>(url: string, params?: Record<string, string | number | boolean | null | undefined>): Promise<T> {
    let httpParams = new HttpParams();
    for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined && value !== null) httpParams = httpParams.set(key, String(value));
    return firstValueFrom(this.http.get<T>(url, { params: httpParams }));
  }

  private send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
    return firstValueFrom(this.http.request<T>(method, url, { body: body ?? null }));
  }

  catalog(cursor?: string | null, mine = false): Promise<Page<CourseSummary>> {
    return this.get('/api/v1/courses', { cursor, mine: mine || undefined });
  }

  /** My courses, how far I am in each and the next step. */
  learning(): Promise<MyLearning> {
    return this.get('/api/v1/me/learning');
  }

  outline(course: string): Promise<CourseOutline> {
    return this.get(`/api/v1/courses/${encodeURIComponent(course)}`);
  }

  enroll(course: string): Promise<Enrollment> {
    return this.send('POST', `/api/v1/courses/${encodeURIComponent(course)}/enroll`);
  }

  item(id: string): Promise<ItemView> {
    return this.get(`/api/v1/items/${id}`);
  }

  markViewed(id: string): Promise<void> {
    return this.send('POST', `/api/v1/items/${id}/view`);
  }

  attempt(id: string, answers: QuizAnswer[]): Promise<QuizAttemptResult> {
    return this.send('POST', `/api/v1/items/${id}/attempts`, { answers });
  }

  attempts(id: string): Promise<QuizAttemptResult[]> {
    return this.get(`/api/v1/items/${id}/attempts`);
  }

  // Authoring

  create(request: CreateCourseRequest): Promise<CourseSummary> {
    return this.send('POST', '/api/v1/courses', request);
  }

  update(course: string, request: UpdateCourseRequest): Promise<CourseSummary> {
    return this.send('PATCH', `/api/v1/courses/${encodeURIComponent(course)}`, request);
  }

  draft(course: string): Promise<CourseDraft> {
    return this.get(`/api/v1/courses/${encodeURIComponent(course)}/draft`);
  }

  addModule(course: string, request: CreateModuleRequest): Promise<DraftModule> {
    return this.send('POST', `/api/v1/courses/${encodeURIComponent(course)}/modules`, request);
  }

  updateModule(id: string, request: UpdateModuleRequest): Promise<DraftModule> {
    return this.send('PATCH', `/api/v1/modules/${id}`, request);
  }

  removeModule(id: string): Promise<void> {
    return this.send('DELETE', `/api/v1/modules/${id}`);
  }

  addItem(moduleId: string, request: CreateItemRequest): Promise<DraftItem> {
    return this.send('POST', `/api/v1/modules/${moduleId}/items`, request);
  }

  updateItem(id: string, request: UpdateItemRequest): Promise<DraftItem> {
    return this.send('PATCH', `/api/v1/items/${id}`, request);
  }

  removeItem(id: string): Promise<void> {
    return this.send('DELETE', `/api/v1/items/${id}`);
  }

  publish(course: string, note: string, recertify?: { days: number }): Promise<{ version: number; publishedAt: string }> {
    return this.send('POST', `/api/v1/courses/${encodeURIComponent(course)}/publish`, { note: note || undefined, recertify });
  }

  versions(course: string): Promise<CourseVersionSummary[]> {
    return this.get(`/api/v1/courses/${encodeURIComponent(course)}/versions`);
  }

  archive(course: string, archived: boolean): Promise<CourseSummary> {
    return this.send('POST', `/api/v1/courses/${encodeURIComponent(course)}/${archived ? 'archive' : 'unarchive'}`);
  }

  addStaff(course: string, username: string, role: CourseRole): Promise<CourseStaffMember[]> {
    return this.send('POST', `/api/v1/courses/${encodeURIComponent(course)}/staff`, { username, role });
  }

  removeStaff(course: string, userId: string): Promise<CourseStaffMember[]> {
    return this.send('DELETE', `/api/v1/courses/${encodeURIComponent(course)}/staff/${userId}`);
  }

  importArchive(file: File, publish: boolean): Promise<ImportResult> {
    const type = file.name.endsWith('.zip') ? 'application/zip' : 'application/gzip';
    return firstValueFrom(this.http.post<ImportResult>('/api/v1/courses/import', file, { headers: { 'content-type': type }, params: publish ? { publish: 'true' } : {} }));
  }

  exportArchive(course: string, format: 'tar.gz' | 'zip'): Promise<Blob> {
    return firstValueFrom(this.http.get(`/api/v1/courses/${encodeURIComponent(course)}/export`, { params: { format }, responseType: 'blob' }));
  }

  /** Members of a course whose name starts with `prefix`, for @mentions. */
  /** My checklist in a course. */
  progress(course: string): Promise<CourseProgress> {
    return this.get(`/api/v1/courses/${encodeURIComponent(course)}/progress`);
  }

  setRequirements(course: string, requirements: CompletionRequirement[]): Promise<RequirementsRequest> {
    return this.send('PUT', `/api/v1/courses/${encodeURIComponent(course)}/requirements`, { requirements });
  }

  trainees(course: string, cursor: string | null): Promise<Page<TraineeProgress>> {
    return this.get(`/api/v1/courses/${encodeURIComponent(course)}/trainees`, { cursor });
  }

  signOff(course: string, userId: string, note: string): Promise<void> {
    return this.send('POST', `/api/v1/courses/${encodeURIComponent(course)}/trainees/${userId}/sign-off`, note ? { note } : {});
  }

  funnel(course: string): Promise<CompletionFunnel> {
    return this.get(`/api/v1/courses/${encodeURIComponent(course)}/funnel`);
  }

  participants(course: string, prefix: string): Promise<UserSummary[]> {
    return this.get(`/api/v1/courses/${encodeURIComponent(course)}/participants`, { q: prefix });
  }
}

export const ITEM_TYPE_NAMES: Record<string, string> = { lesson: 'Lesson', discussion: 'Discussion', quiz: 'Quiz', script: 'Session script' };
export const ITEM_STATE_NAMES: Record<string, string> = { not_started: 'Not started', viewed: 'Read', answered: 'Answered', passed: 'Passed' };
