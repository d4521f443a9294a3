import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  CreateCommentRequest,
  CreateTicketRequest,
  CustomerTicketDetail,
  CustomerTicketListResponse,
  TicketAction,
  TicketDetail,
  TicketListQuery,
  TicketListResponse,
  TicketTimelineResponse,
  UpdateTicketRequest,
} from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';

/** HTTP client for `/api/tickets`. Stateless: callers (features, stores) own loading and error state. */
@Injectable({ providedIn: 'root' })
export class TicketsApiService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** GET /api/tickets — one page (sorted by nearest deadline), filtered by `query`; pass `cursor` for the next. */
  list(query: TicketListQuery = {}): Observable<TicketListResponse> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query) as Array<[string, unknown]>) {
      if (value !== undefined && value !== null && value !== '') {
        params = params.set(name, String(value));
      }
    }
    return this.http.get<TicketListResponse>(`${this.baseUrl}/tickets`, { params });
  }

  /** GET /api/tickets as a customer: the customer view of each item (no internal fields). */
  customerList(query: TicketListQuery = {}): Observable<CustomerTicketListResponse> {
    return this.list(query) as unknown as Observable<CustomerTicketListResponse>;
  }

  /** GET /api/tickets/:id as a customer: status, times, clocks, public comments, the technician's name. */
  customerGet(id: string): Observable<CustomerTicketDetail> {
    return this.http.get<CustomerTicketDetail>(this.url(id));
  }

  /** GET /api/tickets/:id — the ticket with both clocks and its `version`. */
  get(id: string): Observable<TicketDetail> {
    return this.http.get<TicketDetail>(this.url(id));
  }

  /** GET /api/tickets/:id/timeline — every event, oldest first. */
  timeline(id: string): Observable<TicketTimelineResponse> {
    return this.http.get<TicketTimelineResponse>(`${this.url(id)}/timeline`);
  }

  /**
   * POST /api/tickets — creates a ticket and answers with it. Send the same `idempotencyKey` on a retry of
   * the same form so that a lost answer never creates the ticket twice.
   */
  create(request: CreateTicketRequest, idempotencyKey?: string): Observable<TicketDetail> {
    const headers: Record<string, string> = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {};
    return this.http.post<TicketDetail>(`${this.baseUrl}/tickets`, request, { headers });
  }

  /** POST /api/tickets/:id/<action> with `If-Match: "<version>"` (409: not allowed now, 412: stale version). */
  act(id: string, action: TicketAction, version: number, body: object = {}): Observable<TicketDetail> {
    return this.http.post<TicketDetail>(`${this.url(id)}/${action}`, body, {
      headers: { 'If-Match': `"${version}"` },
    });
  }

  /** PATCH /api/tickets/:id with `If-Match: "<version>"` (412: stale version); a priority change needs a reason. */
  update(id: string, request: UpdateTicketRequest, version: number): Observable<TicketDetail> {
    return this.http.patch<TicketDetail>(this.url(id), request, { headers: { 'If-Match': `"${version}"` } });
  }

  /** POST /api/tickets/:id/comments. */
  addComment(id: string, request: CreateCommentRequest): Observable<unknown> {
    return this.http.post(`${this.url(id)}/comments`, request);
  }

  private url(id: string): string {
    return `${this.baseUrl}/tickets/${encodeURIComponent(id)}`;
  }
}
