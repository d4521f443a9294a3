import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  ContractEconomicsView,
  IndexationPreviewView,
  PriceVersionView,
  ContractListResponse,
  CostView,
  KpiPeriodKey,
  KpiView,
} from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';

/** HTTP client for the contract KPI and cost roll-ups (admins, agents and managers). Stateless. */
@Injectable({ providedIn: 'root' })
export class KpiApiService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** GET /api/contracts — the contracts of the caller's tenants (first page). */
  contracts(): Observable<ContractListResponse> {
    return this.http.get<ContractListResponse>(`${this.baseUrl}/contracts`);
  }

  /** GET /api/contracts/:id/kpis?period= — availability, SLA compliance, MTTR/MTBF, bonus/malus. */
  kpis(contractId: string, period: KpiPeriodKey): Observable<KpiView> {
    return this.http.get<KpiView>(`${this.baseUrl}/contracts/${encodeURIComponent(contractId)}/kpis`, {
      params: new HttpParams().set('period', period),
    });
  }

  /** GET /api/contracts/:id/costs?period= — cost lines, effort and the provider's margin. */
  costs(contractId: string, period: KpiPeriodKey): Observable<CostView> {
    return this.http.get<CostView>(`${this.baseUrl}/contracts/${encodeURIComponent(contractId)}/costs`, {
      params: new HttpParams().set('period', period),
    });
  }

  /** GET /api/contracts/:id/economics?year= — computed against stated figures, months, contract types. */
  economics(contractId: string, year?: string): Observable<ContractEconomicsView> {
    return this.http.get<ContractEconomicsView>(
      `${this.baseUrl}/contracts/${encodeURIComponent(contractId)}/economics`,
      {
        params: year === undefined ? new HttpParams() : new HttpParams().set('year', year),
      },
    );
  }

  /** GET /api/contracts/:id/indexation/preview?on= — P0 → P1 with the index values used. */
  indexationPreview(contractId: string, on: string): Observable<IndexationPreviewView> {
    return this.http.get<IndexationPreviewView>(
      `${this.baseUrl}/contracts/${encodeURIComponent(contractId)}/indexation/preview`,
      { params: new HttpParams().set('on', on) },
    );
  }

  /** POST /api/contracts/:id/price-versions — approves the indexation on `on` (admins, managers). */
  approveIndexation(contractId: string, on: string): Observable<PriceVersionView> {
    return this.http.post<PriceVersionView>(
      `${this.baseUrl}/contracts/${encodeURIComponent(contractId)}/price-versions`,
      {
        on,
      },
    );
  }

  /** GET /api/contracts/:id/price-versions — the approved price versions, oldest first. */
  priceVersions(contractId: string): Observable<{ items: PriceVersionView[] }> {
    return this.http.get<{ items: PriceVersionView[] }>(
      `${this.baseUrl}/contracts/${encodeURIComponent(contractId)}/price-versions`,
    );
  }
}
