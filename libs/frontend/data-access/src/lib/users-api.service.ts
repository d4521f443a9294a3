import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { UserListQuery, UserSummary } from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';

/** HTTP client for `/api/users` (admin, agent, manager). Stateless: callers own loading and error state. */
@Injectable({ providedIn: 'root' })
export class UsersApiService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /**
   * GET /api/users — active users sorted by display name. `{ role: 'technician', tenantId }` lists the
   * technicians a ticket of that tenant can be dispatched to (404 for a tenant outside the caller's scope).
   */
  list(query: UserListQuery = {}): Observable<UserSummary[]> {
    let params = new HttpParams();
    if (query.role) params = params.set('role', query.role);
    if (query.tenantId) params = params.set('tenantId', query.tenantId);
    return this.http.get<UserSummary[]>(`${this.baseUrl}/users`, { params });
  }
}
