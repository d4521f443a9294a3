import { HttpClient, HttpErrorResponse, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';
import type {
  ApiError,
  ChangePasswordRequest,
  CreateUserRequest,
  CreateUserResponse,
  PasswordLinkView,
  RevokeSessionsResponse,
  SetPasswordResponse,
  SiteListResponse,
  TenantListResponse,
  UpdateUserRequest,
  UserAdminListQuery,
  UserAdminListResponse,
  UserAdminView,
  UserLanguage,
} from '@leitstand/api-contracts';
import { API_BASE_URL } from '@leitstand/frontend/data-access';
import type { I18nService } from '@leitstand/frontend/i18n';

/** HTTP client of the own account, the set-password link and user administration. */
@Injectable({ providedIn: 'root' })
export class AccountApiService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  setPassword(token: string, password: string): Observable<SetPasswordResponse> {
    return this.http.post<SetPasswordResponse>(`${this.baseUrl}/auth/set-password`, { token, password });
  }

  setLanguage(language: UserLanguage): Observable<void> {
    return this.http.patch<void>(`${this.baseUrl}/account`, { language });
  }

  changePassword(request: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>(`${this.baseUrl}/account/password`, request);
  }

  /** Ends every session of the user: "sign out everywhere" for oneself. */
  endSessions(userId: string): Observable<RevokeSessionsResponse> {
    return this.http.delete<RevokeSessionsResponse>(
      `${this.baseUrl}/auth/users/${encodeURIComponent(userId)}/sessions`,
    );
  }

  listUsers(query: UserAdminListQuery): Observable<UserAdminView[]> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) if (value) params = params.set(key, String(value));
    return this.http
      .get<UserAdminListResponse>(`${this.baseUrl}/admin/users`, { params })
      .pipe(map((page) => page.items));
  }

  createUser(request: CreateUserRequest): Observable<CreateUserResponse> {
    return this.http.post<CreateUserResponse>(`${this.baseUrl}/admin/users`, request);
  }

  updateUser(id: string, version: number, request: UpdateUserRequest): Observable<UserAdminView> {
    return this.http.patch<UserAdminView>(`${this.baseUrl}/admin/users/${encodeURIComponent(id)}`, request, {
      headers: { 'if-match': `"${version}"` },
    });
  }

  resetLink(id: string): Observable<PasswordLinkView> {
    return this.http.post<PasswordLinkView>(`${this.baseUrl}/admin/users/${encodeURIComponent(id)}/password-link`, {});
  }

  tenants(): Observable<TenantListResponse['items']> {
    return this.http.get<TenantListResponse>(`${this.baseUrl}/tenants`).pipe(map((p) => p.items));
  }

  sites(tenantId: string): Observable<SiteListResponse['items']> {
    return this.http.get<SiteListResponse>(`${this.baseUrl}/sites`, { params: { tenantId } }).pipe(map((p) => p.items));
  }
}

/**
 * The text for a failed call, in the current language: the server's error codes (`fields[].code`,
 * `details.code`) by their translation `account.error.<code>`, otherwise by status.
 */
export function describeAccountError(error: unknown, i18n: Pick<I18nService, 't'>): string {
  if (!(error instanceof HttpErrorResponse)) return i18n.t('account.error.http', { status: '?' });
  const body = (error.error ?? {}) as Partial<ApiError>;
  const codes = [
    ...(body.fields ?? []).map((f) => f.code).filter((c): c is string => !!c),
    ...(typeof body.details?.['code'] === 'string' ? [body.details['code']] : []),
  ];
  if (codes.length > 0) return codes.map((c) => i18n.t(`account.error.${c}`)).join(' ');
  switch (error.status) {
    case 0:
      return i18n.t('account.error.unreachable');
    case 400:
      return i18n.t('account.error.fields', { fields: (body.fields ?? []).map((f) => f.field).join(', ') });
    case 403:
      return i18n.t('account.error.forbidden');
    case 404:
      return i18n.t('account.error.notFound');
    case 412:
      return i18n.t('account.error.stale');
    case 429:
      return i18n.t('account.error.tooMany');
    default:
      return i18n.t('account.error.http', { status: error.status });
  }
}
