import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AnchorView,
  AssetMaintenanceLogEntry,
  AssetMaintenanceLogResponse,
  CadenceUnitValue,
  CadenceView,
  CalendarTokenResponse,
  CancelApproverListResponse,
  CancelOccurrenceRequest,
  ChecklistItemView,
  ChecklistResultInput,
  ComplianceResponse,
  CreateMaintenanceRequirementRequest,
  CreateOccurrenceMaterialRequest,
  CreateOccurrenceWorkLogRequest,
  DocumentClassValue,
  DocumentView,
  InspectionRecordInput,
  MaintenanceRequirementListQuery,
  MaintenanceRequirementListResponse,
  MaintenanceRequirementView,
  MaintenanceTaskListResponse,
  MaintenanceTaskView,
  OccurrenceCalendarQuery,
  OccurrenceCalendarResponse,
  OccurrenceDetail,
  OccurrenceMaterialView,
  OccurrenceStatusValue,
  OccurrenceWorkLogView,
  PerformerValue,
  PlanDate,
  PutChecklistRequest,
  TechnicianOccurrenceListResponse,
  TechnicianRange,
  UpdateMaintenanceRequirementRequest,
} from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';
import { ifMatch } from './catalog-api.service';

// The api-contracts shapes (maintenance.types.ts); plans, calendar rows and the log under the names the screens use.

export type MaintenanceDate = PlanDate;
export type MaintenancePerformer = PerformerValue;
export type CadenceUnit = CadenceUnitValue;
export type MaintenanceCadence = CadenceView;
export type AnchorRuleInput = AnchorView;
export type OccurrenceStatus = OccurrenceStatusValue;
export type ChecklistItemDefinition = ChecklistItemView;
export type { MaintenanceTaskView };
export type RequirementView = MaintenanceRequirementView;
export type CreateRequirementRequest = CreateMaintenanceRequirementRequest;
export type UpdateRequirementRequest = UpdateMaintenanceRequirementRequest;
export type RequirementListQuery = MaintenanceRequirementListQuery;
export type OccurrenceListQuery = OccurrenceCalendarQuery;
export type MaintenanceLogEntry = AssetMaintenanceLogEntry;

export type {
  CancelApprover,
  CancelOccurrenceRequest,
  ChecklistOutcome,
  ChecklistResultInput,
  ComplianceFigureView,
  ComplianceResponse,
  CreateOccurrenceMaterialRequest,
  CreateOccurrenceWorkLogRequest,
  InspectionRecordInput,
  InspectionRecordView,
  InspectionResult,
  NonCompliantOccurrence,
  OccurrenceDetail,
  OccurrenceEventView,
  OccurrenceMaterialView,
  OccurrenceWorkLogView,
  TechnicianOccurrenceRow,
  TechnicianRange,
} from '@leitstand/api-contracts';

/** A calendar occurrence with its requirement and asset resolved: what the calendar page draws. */
export interface OccurrenceRow {
  id: string;
  targetDate: PlanDate;
  status: OccurrenceStatusValue;
  requirementId: string;
  taskKey: string;
  title: string;
  assetId: string;
  assetCode: string;
  assetName: string;
  trade: string;
}

/**
 * The calendar answer as rows (in the answer's order): each item with the requirement and asset it indexes
 * (the answer lists each of them once). An item whose index names nothing is left out.
 */
export function calendarRows(answer: OccurrenceCalendarResponse): OccurrenceRow[] {
  const rows: OccurrenceRow[] = [];
  for (const item of answer.items) {
    const requirement = answer.requirements[item.requirement];
    const asset = answer.assets[item.asset];
    if (!requirement || !asset) continue;
    rows.push({
      id: item.id,
      targetDate: item.targetDate,
      status: item.status,
      requirementId: requirement.id,
      taskKey: requirement.taskKey,
      title: requirement.title,
      assetId: asset.id,
      assetCode: asset.code,
      assetName: asset.name,
      trade: asset.trade,
    });
  }
  return rows;
}

/** The items of one of the maintenance API's list answers (`{ items }`). */
export function itemsOf<T>(answer: { items: T[] }): T[] {
  return answer.items;
}

/**
 * HTTP client of planned maintenance and statutory inspections (issue 15): the task catalogue, requirements,
 * the calendar's occurrences, an occurrence's detail and execution, the technician's due work, compliance and
 * an asset's maintenance log. Stateless; writes of versioned records send If-Match.
 */
@Injectable({ providedIn: 'root' })
export class MaintenanceApiService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** GET /api/maintenance/tasks — the task catalogue. */
  tasks(): Observable<MaintenanceTaskListResponse> {
    return this.http.get<MaintenanceTaskListResponse>(`${this.url}/tasks`);
  }

  /** GET /api/maintenance/requirements?contractId&siteId&assetId. */
  requirements(query: RequirementListQuery): Observable<MaintenanceRequirementListResponse> {
    return this.http.get<MaintenanceRequirementListResponse>(`${this.url}/requirements`, { params: paramsOf(query) });
  }

  /** POST /api/maintenance/requirements (admin/manager; enqueues generation). */
  createRequirement(body: CreateRequirementRequest): Observable<RequirementView> {
    return this.http.post<RequirementView>(`${this.url}/requirements`, body);
  }

  /** PATCH /api/maintenance/requirements/:id with If-Match. */
  updateRequirement(id: string, version: number, body: UpdateRequirementRequest): Observable<RequirementView> {
    return this.http.patch<RequirementView>(`${this.url}/requirements/${encodeURIComponent(id)}`, body, {
      headers: ifMatch(version),
    });
  }

  /**
   * GET /api/maintenance/occurrences?siteId&trade&from&to&status — the calendar's items with their requirements
   * and assets listed once (calendarRows resolves them).
   */
  occurrences(query: OccurrenceListQuery): Observable<OccurrenceCalendarResponse> {
    return this.http.get<OccurrenceCalendarResponse>(`${this.url}/occurrences`, { params: paramsOf(query) });
  }

  /** GET /api/maintenance/occurrences/:id — the detail. */
  occurrence(id: string): Observable<OccurrenceDetail> {
    return this.http.get<OccurrenceDetail>(this.occurrenceUrl(id));
  }

  /** GET /api/technician/occurrences?range=today|week — my own and unassigned released work. */
  technicianOccurrences(range: TechnicianRange): Observable<TechnicianOccurrenceListResponse> {
    return this.http.get<TechnicianOccurrenceListResponse>(`${this.baseUrl}/technician/occurrences`, {
      params: new HttpParams().set('range', range),
    });
  }

  /** POST …/start. */
  start(id: string, version: number): Observable<OccurrenceDetail> {
    return this.http.post<OccurrenceDetail>(`${this.occurrenceUrl(id)}/start`, {}, { headers: ifMatch(version) });
  }

  /** PUT …/checklist with every answered item (replaces the last list), If-Match. */
  saveChecklist(id: string, version: number, results: ChecklistResultInput[]): Observable<OccurrenceDetail> {
    const body: PutChecklistRequest = { results };
    return this.http.put<OccurrenceDetail>(`${this.occurrenceUrl(id)}/checklist`, body, { headers: ifMatch(version) });
  }

  /** PUT …/inspection-record (BetrSichV §17), If-Match. */
  saveInspectionRecord(id: string, version: number, record: InspectionRecordInput): Observable<OccurrenceDetail> {
    return this.http.put<OccurrenceDetail>(`${this.occurrenceUrl(id)}/inspection-record`, record, {
      headers: ifMatch(version),
    });
  }

  /** POST …/work-logs. */
  addWorkLog(id: string, body: CreateOccurrenceWorkLogRequest): Observable<OccurrenceWorkLogView> {
    return this.http.post<OccurrenceWorkLogView>(`${this.occurrenceUrl(id)}/work-logs`, body);
  }

  /** POST …/materials. */
  addMaterial(id: string, body: CreateOccurrenceMaterialRequest): Observable<OccurrenceMaterialView> {
    return this.http.post<OccurrenceMaterialView>(`${this.occurrenceUrl(id)}/materials`, body);
  }

  /** POST …/documents (multipart like tickets: the fields first, the file last). */
  uploadDocument(
    id: string,
    file: Blob,
    fileName: string,
    documentClass: DocumentClassValue,
    nextTestDue?: string,
  ): Observable<DocumentView> {
    const form = new FormData();
    form.append('documentClass', documentClass);
    if (nextTestDue) form.append('nextTestDue', nextTestDue);
    form.append('file', file, fileName);
    return this.http.post<DocumentView>(`${this.occurrenceUrl(id)}/documents`, form);
  }

  /** POST …/complete — 409 `{ code: 'evidence-missing', missing }` while evidence is missing. */
  complete(id: string, version: number): Observable<OccurrenceDetail> {
    return this.http.post<OccurrenceDetail>(`${this.occurrenceUrl(id)}/complete`, {}, { headers: ifMatch(version) });
  }

  /** GET …/cancel-approvers: who may approve cancelling the occurrence (managers of its tenant, admins). */
  cancelApprovers(id: string): Observable<CancelApproverListResponse> {
    return this.http.get<CancelApproverListResponse>(`${this.occurrenceUrl(id)}/cancel-approvers`);
  }

  /** POST …/cancel with a reason and an approver, If-Match. */
  cancel(id: string, body: CancelOccurrenceRequest, version: number): Observable<OccurrenceDetail> {
    return this.http.post<OccurrenceDetail>(`${this.occurrenceUrl(id)}/cancel`, body, { headers: ifMatch(version) });
  }

  /** POST /api/account/calendar-token: a new secret feed URL of the technician's work orders (replaces the old). */
  issueCalendarToken(): Observable<CalendarTokenResponse> {
    return this.http.post<CalendarTokenResponse>(`${this.baseUrl}/account/calendar-token`, {});
  }

  /** GET /api/maintenance/compliance?contractId&from&to. */
  compliance(contractId: string, from: MaintenanceDate, to: MaintenanceDate): Observable<ComplianceResponse> {
    return this.http.get<ComplianceResponse>(`${this.url}/compliance`, { params: paramsOf({ contractId, from, to }) });
  }

  /** GET /api/assets/:id/maintenance-log. */
  assetLog(assetId: string): Observable<AssetMaintenanceLogResponse> {
    return this.http.get<AssetMaintenanceLogResponse>(
      `${this.baseUrl}/assets/${encodeURIComponent(assetId)}/maintenance-log`,
    );
  }

  private get url(): string {
    return `${this.baseUrl}/maintenance`;
  }

  private occurrenceUrl(id: string): string {
    return `${this.url}/occurrences/${encodeURIComponent(id)}`;
  }
}

function paramsOf(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' && value !== '') params = params.set(key, value);
  }
  return params;
}
