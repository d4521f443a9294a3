import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  CustomerServiceReportView,
  ServiceReportPdfLanguage,
  ServiceReportView,
  SignServiceReportRequest,
  UpdateServiceReportRequest,
} from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';
import { ifMatch } from './catalog-api.service';

/**
 * HTTP client for a ticket's service report (Leistungsnachweis): the priced report and its choices. Staff and the
 * assigned technician read and change it; a change sends the loaded `version` as If-Match (a stale one answers
 * 412, a choice the price list cannot price 400 naming the field). Stateless.
 */
@Injectable({ providedIn: 'root' })
export class ServiceReportApiService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** GET /api/tickets/:id/service-report. */
  get(ticketId: string): Observable<ServiceReportView> {
    return this.http.get<ServiceReportView>(this.url(ticketId));
  }

  /** PATCH /api/tickets/:id/service-report with If-Match of the loaded version. */
  update(ticketId: string, version: number, change: UpdateServiceReportRequest): Observable<ServiceReportView> {
    return this.http.patch<ServiceReportView>(this.url(ticketId), change, { headers: ifMatch(version) });
  }

  /** POST /api/tickets/:id/service-report/sign-off with If-Match: the customer's name and drawn signature. */
  signOff(ticketId: string, version: number, request: SignServiceReportRequest): Observable<ServiceReportView> {
    return this.http.post<ServiceReportView>(`${this.url(ticketId)}/sign-off`, request, { headers: ifMatch(version) });
  }

  /** GET /api/tickets/:id/service-report/signed — the signed report as customers see it (403 before). */
  signed(ticketId: string): Observable<CustomerServiceReportView> {
    return this.http.get<CustomerServiceReportView>(`${this.url(ticketId)}/signed`);
  }

  /** The address of the signed report's PDF (a download link; the session cookie authenticates it). */
  pdfUrl(ticketId: string, lang: ServiceReportPdfLanguage): string {
    return `${this.baseUrl}/tickets/${encodeURIComponent(ticketId)}/service-report.pdf?lang=${lang}`;
  }

  private url(id: string): string {
    return `${this.baseUrl}/tickets/${encodeURIComponent(id)}/service-report`;
  }
}
