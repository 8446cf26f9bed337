import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AdminUser,
  AuditEntry,
  AuditKind,
  BadgeSummary,
  BadgeVerification,
  Eligibility,
  FacilitatorRole,
  Grant,
  GrantHistory,
  GrantRequest,
  MyCredentials,
  Page,
  RequestStatus,
  RoleChangePreview,
  RoleDefinitionRequest,
  UpdateRoleDefinitionRequest,
} from '@hearth/contracts';
import { firstValueFrom } from 'rxjs';

export interface AuditFilters {
  actor?: string;
  subject?: string;
  kind?: AuditKind | '';
}

/** Facilitator roles, grants, badges and the audit log: for members and for admins. */
@Injectable({ providedIn: 'root' })
export class CredentialsApi {
  private readonly http = inject(HttpClient);

  private get<T>(url: string, params: Record<string, string | number | null | undefined> = {}): Promise<T> {
    let httpParams = new HttpParams();
    for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') httpParams = httpParams.set(key, String(value));
    return firstValueFrom(this.http.get<T>(url, { params: httpParams }));
  }

  private post<T>(url: string, body: unknown = {}): Promise<T> {
    return firstValueFrom(this.http.post<T>(url, body));
  }

  // Members

  roles(): Promise<FacilitatorRole[]> {
    return this.get('/api/v1/facilitator-roles');
  }

  eligibility(key: string): Promise<Eligibility> {
    return this.get(`/api/v1/facilitator-roles/${encodeURIComponent(key)}/eligibility`);
  }

  /** I meet a role's rule: ask an admin to look at my record. */
  ask(key: string): Promise<Eligibility> {
    return this.post(`/api/v1/facilitator-roles/${encodeURIComponent(key)}/requests`);
  }

  mine(): Promise<MyCredentials> {
    return this.get('/api/v1/me/credentials');
  }

  /** The signed Open Badges credential, as issued. */
  credential<T>(assertionId: string): Promise<T> {
    return this.get(`/api/v1/badges/${encodeURIComponent(assertionId)}`);
  }

  verification(assertionId: string): Promise<BadgeVerification> {
    return this.get(`/api/v1/badges/${assertionId}/verification`);
  }

  // Admins

  createRole(request: RoleDefinitionRequest): Promise<FacilitatorRole> {
    return this.post('/api/v1/facilitator-roles', request);
  }

  /** What saving these changes would do, saving nothing. */
  previewRole(key: string, request: UpdateRoleDefinitionRequest): Promise<RoleChangePreview> {
    return this.post(`/api/v1/facilitator-roles/${encodeURIComponent(key)}/preview`, request);
  }

  updateRole(key: string, request: UpdateRoleDefinitionRequest): Promise<FacilitatorRole> {
    return firstValueFrom(this.http.patch<FacilitatorRole>(`/api/v1/facilitator-roles/${encodeURIComponent(key)}`, request));
  }

  requests(status: RequestStatus, cursor: string | null): Promise<Page<GrantRequest>> {
    return this.get('/api/v1/admin/grant-requests', { status, cursor });
  }

  approve(requestId: string, reason: string): Promise<GrantRequest> {
    return this.post(`/api/v1/admin/grant-requests/${requestId}/approve`, reason ? { reason } : {});
  }

  deny(requestId: string, reason: string): Promise<GrantRequest> {
    return this.post(`/api/v1/admin/grant-requests/${requestId}/deny`, reason ? { reason } : {});
  }

  people(query: string, cursor: string | null): Promise<Page<AdminUser>> {
    return this.get('/api/v1/admin/users', { q: query, cursor });
  }

  history(userId: string): Promise<GrantHistory> {
    return this.get(`/api/v1/admin/users/${userId}/grants`);
  }

  grant(userId: string, roleKey: string, reason: string): Promise<Grant> {
    return this.post(`/api/v1/admin/users/${userId}/grants`, { roleKey, reason });
  }

  revoke(grantId: string, reason: string): Promise<Grant> {
    return this.post(`/api/v1/admin/grants/${grantId}/revoke`, { reason });
  }

  /** Held back until `until` (ISO), or until reinstated when it is left out. */
  suspend(grantId: string, reason: string, until: string | null): Promise<Grant> {
    return this.post(`/api/v1/admin/grants/${grantId}/suspend`, { reason, ...(until ? { until } : {}) });
  }

  reinstate(grantId: string, reason: string): Promise<Grant> {
    return this.post(`/api/v1/admin/grants/${grantId}/reinstate`, { reason });
  }

  revokeBadge(assertionId: string, reason: string): Promise<BadgeSummary> {
    return this.post(`/api/v1/admin/badges/${assertionId}/revoke`, { reason });
  }

  audit(filters: AuditFilters, cursor: string | null): Promise<Page<AuditEntry>> {
    return this.get('/api/v1/admin/audit', { ...filters, cursor });
  }
}
