import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { CreateMaterialRequest, CreateWorkLogRequest, MaterialView, WorkLogView } from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';

/**
 * HTTP client for what is recorded on a ticket for billing: work logs (time per worker and role) and material
 * lines. Staff and the assigned technician may read and write them; customers never. Stateless.
 */
@Injectable({ providedIn: 'root' })
export class WorkRecordsApiService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** GET /api/tickets/:id/work-logs. */
  workLogs(ticketId: string): Observable<WorkLogView[]> {
    return this.http.get<WorkLogView[]>(`${this.url(ticketId)}/work-logs`);
  }

  /** POST /api/tickets/:id/work-logs — `workerId` defaults to the caller. */
  addWorkLog(ticketId: string, request: CreateWorkLogRequest): Observable<WorkLogView> {
    return this.http.post<WorkLogView>(`${this.url(ticketId)}/work-logs`, request);
  }

  /** GET /api/tickets/:id/materials. */
  materials(ticketId: string): Observable<MaterialView[]> {
    return this.http.get<MaterialView[]>(`${this.url(ticketId)}/materials`);
  }

  /** POST /api/tickets/:id/materials — `netUnitPrice` and `quantity` as decimal strings. */
  addMaterial(ticketId: string, request: CreateMaterialRequest): Observable<MaterialView> {
    return this.http.post<MaterialView>(`${this.url(ticketId)}/materials`, request);
  }

  private url(id: string): string {
    return `${this.baseUrl}/tickets/${encodeURIComponent(id)}`;
  }
}
