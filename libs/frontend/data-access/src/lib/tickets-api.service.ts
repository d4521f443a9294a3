import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { CreateTicketRequest, TicketDetail, TicketListResponse } from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';

/** HTTP client for `/api/tickets`. Stateless: callers (features, stores) own loading and error state. */
@Injectable({ providedIn: 'root' })
export class TicketsApiService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** GET /api/tickets — the first page of tickets. */
  list(): Observable<TicketListResponse> {
    return this.http.get<TicketListResponse>(`${this.baseUrl}/tickets`);
  }

  /** POST /api/tickets — creates a ticket and answers with it. */
  create(request: CreateTicketRequest): Observable<TicketDetail> {
    return this.http.post<TicketDetail>(`${this.baseUrl}/tickets`, request);
  }
}
