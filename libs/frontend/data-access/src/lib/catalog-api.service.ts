import { HttpClient, HttpHeaders } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AssetExportFormat,
  AssetImportReport,
  SheetLanguage,
  AssetListQuery,
  AssetTicketListResponse,
  CreateLocationRequest,
  LocationTreeResponse,
  LocationView,
  UpdateLocationRequest,
  AssetListResponse,
  AssetView,
  ContractListResponse,
  ContractView,
  CreateAssetRequest,
  CreateContractRequest,
  CreateMaintenanceWindowRequest,
  CreatePriceListRequest,
  CreateSiteRequest,
  CreateTenantRequest,
  MaintenanceWindowListResponse,
  MaintenanceWindowView,
  PriceListListResponse,
  PriceListView,
  SiteListResponse,
  SiteView,
  TenantListResponse,
  TenantView,
  UpdateAssetRequest,
  UpdateContractRequest,
  UpdateMaintenanceWindowRequest,
  UpdatePriceListRequest,
  UpdateSiteRequest,
  UpdateTenantRequest,
} from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';

/** The `If-Match` header every catalog PATCH needs: the version the editor loaded (a stale one answers 412). */
export function ifMatch(version: number): HttpHeaders {
  return new HttpHeaders({ 'If-Match': `"${version}"` });
}

/**
 * The catalog API: tenants, sites, assets, contracts, price lists and maintenance windows. Reads for the intake and
 * the portal, writes for the administration (admins; managers for their tenants where the API allows). Stateless:
 * callers own loading and error state. Every update sends the loaded version as `If-Match`.
 */
@Injectable({ providedIn: 'root' })
export class CatalogApiService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  // ── tenants ──────────────────────────────────────────────────────────────────────────────────
  /** GET /api/tenants — the tenants in the caller's scope. */
  tenants(): Observable<TenantListResponse> {
    return this.http.get<TenantListResponse>(`${this.baseUrl}/tenants`);
  }

  tenant(id: string): Observable<TenantView> {
    return this.http.get<TenantView>(`${this.baseUrl}/tenants/${encodeURIComponent(id)}`);
  }

  createTenant(body: CreateTenantRequest): Observable<TenantView> {
    return this.http.post<TenantView>(`${this.baseUrl}/tenants`, body);
  }

  updateTenant(id: string, version: number, body: UpdateTenantRequest): Observable<TenantView> {
    return this.http.patch<TenantView>(`${this.baseUrl}/tenants/${encodeURIComponent(id)}`, body, {
      headers: ifMatch(version),
    });
  }

  // ── sites ────────────────────────────────────────────────────────────────────────────────────
  /** GET /api/sites — the caller's sites, or those of one tenant. */
  sites(tenantId?: string): Observable<SiteListResponse> {
    const params: Record<string, string> = tenantId ? { tenantId } : {};
    return this.http.get<SiteListResponse>(`${this.baseUrl}/sites`, { params });
  }

  site(id: string): Observable<SiteView> {
    return this.http.get<SiteView>(`${this.baseUrl}/sites/${encodeURIComponent(id)}`);
  }

  createSite(body: CreateSiteRequest): Observable<SiteView> {
    return this.http.post<SiteView>(`${this.baseUrl}/sites`, body);
  }

  updateSite(id: string, version: number, body: UpdateSiteRequest): Observable<SiteView> {
    return this.http.patch<SiteView>(`${this.baseUrl}/sites/${encodeURIComponent(id)}`, body, {
      headers: ifMatch(version),
    });
  }

  // ── assets ───────────────────────────────────────────────────────────────────────────────────
  /** GET /api/assets?siteId&q — assets of a site whose code, name or trade contains `q`. */
  searchAssets(siteId: string, q: string, limit = 20): Observable<AssetListResponse> {
    const params: Record<string, string> = { siteId, limit: String(limit) };
    if (q.trim()) {
      params['q'] = q.trim();
    }
    return this.http.get<AssetListResponse>(`${this.baseUrl}/assets`, { params });
  }

  /** GET /api/assets — the register: filters as given (empty ones left out), `cursor` for the next page. */
  assets(query: AssetListQuery = {}): Observable<AssetListResponse> {
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(query) as Array<[string, unknown]>) {
      if (value !== undefined && value !== null && value !== '') params[name] = String(value);
    }
    return this.http.get<AssetListResponse>(`${this.baseUrl}/assets`, { params });
  }

  asset(id: string): Observable<AssetView> {
    return this.http.get<AssetView>(`${this.baseUrl}/assets/${encodeURIComponent(id)}`);
  }

  createAsset(body: CreateAssetRequest): Observable<AssetView> {
    return this.http.post<AssetView>(`${this.baseUrl}/assets`, body);
  }

  updateAsset(id: string, version: number, body: UpdateAssetRequest): Observable<AssetView> {
    return this.http.patch<AssetView>(`${this.baseUrl}/assets/${encodeURIComponent(id)}`, body, {
      headers: ifMatch(version),
    });
  }

  /** GET /api/assets/:id/tickets — the asset's recent tickets (staff). */
  assetTickets(id: string): Observable<AssetTicketListResponse> {
    return this.http.get<AssetTicketListResponse>(`${this.baseUrl}/assets/${encodeURIComponent(id)}/tickets`);
  }

  // ── asset import / export / QR labels of a site ─────────────────────────────────────────────
  /**
   * POST /api/sites/:id/asset-import (multipart: file, dryRun). A dry run reports every row's problems and writes
   * nothing; the real import is one transaction (a file with problems answers 400 and writes nothing).
   */
  importAssets(siteId: string, file: Blob, fileName: string, dryRun: boolean): Observable<AssetImportReport> {
    const form = new FormData();
    form.append('dryRun', dryRun ? 'true' : 'false');
    form.append('file', file, fileName);
    return this.http.post<AssetImportReport>(`${this.baseUrl}/sites/${encodeURIComponent(siteId)}/asset-import`, form);
  }

  /** The download address of the site's register (the session cookie authorises a plain link). */
  assetExportUrl(siteId: string, format: AssetExportFormat, lang: SheetLanguage): string {
    return `${this.baseUrl}/sites/${encodeURIComponent(siteId)}/asset-export?format=${format}&lang=${lang}`;
  }

  /** The address of the site's printable QR label sheet (PDF). */
  assetLabelsUrl(siteId: string): string {
    return `${this.baseUrl}/sites/${encodeURIComponent(siteId)}/asset-labels`;
  }

  // ── locations (building → floor → room) ──────────────────────────────────────────────────────
  /** GET /api/sites/:id/locations — the site's location tree with asset counts. */
  locations(siteId: string): Observable<LocationTreeResponse> {
    return this.http.get<LocationTreeResponse>(`${this.baseUrl}/sites/${encodeURIComponent(siteId)}/locations`);
  }

  createLocation(siteId: string, body: CreateLocationRequest): Observable<LocationView> {
    return this.http.post<LocationView>(`${this.baseUrl}/sites/${encodeURIComponent(siteId)}/locations`, body);
  }

  updateLocation(id: string, version: number, body: UpdateLocationRequest): Observable<LocationView> {
    return this.http.patch<LocationView>(`${this.baseUrl}/locations/${encodeURIComponent(id)}`, body, {
      headers: ifMatch(version),
    });
  }

  /** DELETE /api/locations/:id — only while empty (409 otherwise). */
  deleteLocation(id: string): Observable<void> {
    return this.http.delete<void>(`${this.baseUrl}/locations/${encodeURIComponent(id)}`);
  }

  // ── contracts ────────────────────────────────────────────────────────────────────────────────
  contracts(tenantId?: string): Observable<ContractListResponse> {
    const params: Record<string, string> = tenantId ? { tenantId } : {};
    return this.http.get<ContractListResponse>(`${this.baseUrl}/contracts`, { params });
  }

  contract(id: string): Observable<ContractView> {
    return this.http.get<ContractView>(`${this.baseUrl}/contracts/${encodeURIComponent(id)}`);
  }

  createContract(body: CreateContractRequest): Observable<ContractView> {
    return this.http.post<ContractView>(`${this.baseUrl}/contracts`, body);
  }

  updateContract(id: string, version: number, body: UpdateContractRequest): Observable<ContractView> {
    return this.http.patch<ContractView>(`${this.baseUrl}/contracts/${encodeURIComponent(id)}`, body, {
      headers: ifMatch(version),
    });
  }

  // ── price lists ──────────────────────────────────────────────────────────────────────────────
  priceLists(): Observable<PriceListListResponse> {
    return this.http.get<PriceListListResponse>(`${this.baseUrl}/price-lists`);
  }

  priceList(id: string): Observable<PriceListView> {
    return this.http.get<PriceListView>(`${this.baseUrl}/price-lists/${encodeURIComponent(id)}`);
  }

  createPriceList(body: CreatePriceListRequest): Observable<PriceListView> {
    return this.http.post<PriceListView>(`${this.baseUrl}/price-lists`, body);
  }

  updatePriceList(id: string, version: number, body: UpdatePriceListRequest): Observable<PriceListView> {
    return this.http.patch<PriceListView>(`${this.baseUrl}/price-lists/${encodeURIComponent(id)}`, body, {
      headers: ifMatch(version),
    });
  }

  // ── maintenance windows ──────────────────────────────────────────────────────────────────────
  maintenanceWindows(assetId: string): Observable<MaintenanceWindowListResponse> {
    return this.http.get<MaintenanceWindowListResponse>(
      `${this.baseUrl}/assets/${encodeURIComponent(assetId)}/maintenance-windows`,
    );
  }

  createMaintenanceWindow(assetId: string, body: CreateMaintenanceWindowRequest): Observable<MaintenanceWindowView> {
    return this.http.post<MaintenanceWindowView>(
      `${this.baseUrl}/assets/${encodeURIComponent(assetId)}/maintenance-windows`,
      body,
    );
  }

  updateMaintenanceWindow(
    id: string,
    version: number,
    body: UpdateMaintenanceWindowRequest,
  ): Observable<MaintenanceWindowView> {
    return this.http.patch<MaintenanceWindowView>(
      `${this.baseUrl}/maintenance-windows/${encodeURIComponent(id)}`,
      body,
      { headers: ifMatch(version) },
    );
  }

  deleteMaintenanceWindow(id: string, version: number): Observable<void> {
    return this.http.delete<void>(`${this.baseUrl}/maintenance-windows/${encodeURIComponent(id)}`, {
      headers: ifMatch(version),
    });
  }
}
