import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { AssetListResponse, SiteListResponse, TenantListResponse } from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';

/** Read-only catalog look-ups of the intake: sites and the asset search. */
@Injectable({ providedIn: 'root' })
export class CatalogApiService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** GET /api/sites — the caller's sites. */
  sites(): Observable<SiteListResponse> {
    return this.http.get<SiteListResponse>(`${this.baseUrl}/sites`);
  }

  /** GET /api/tenants — the tenants in the caller's scope. */
  tenants(): Observable<TenantListResponse> {
    return this.http.get<TenantListResponse>(`${this.baseUrl}/tenants`);
  }

  /** GET /api/assets?siteId&q — assets of a site whose code, name or trade contains `q`. */
  searchAssets(siteId: string, q: string, limit = 20): Observable<AssetListResponse> {
    const params: Record<string, string> = { siteId, limit: String(limit) };
    if (q.trim()) {
      params['q'] = q.trim();
    }
    return this.http.get<AssetListResponse>(`${this.baseUrl}/assets`, { params });
  }
}
