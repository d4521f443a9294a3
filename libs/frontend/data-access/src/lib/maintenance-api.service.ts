import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AnchorView,
  AssetMaintenanceLogEntry,
  CadenceUnitValue,
  CadenceView,
  ChecklistItemView,
  CreateMaintenanceRequirementRequest,
  DecimalString,
  DocumentClassValue,
  DocumentView,
  IsoInstant,
  MaintenanceRequirementListQuery,
  MaintenanceRequirementListResponse,
  MaintenanceRequirementView,
  MaintenanceTaskListResponse,
  MaintenanceTaskView,
  AssetMaintenanceLogResponse,
  OccurrenceCalendarQuery,
  OccurrenceCalendarResponse,
  OccurrenceCalendarRow,
  OccurrenceStatusValue,
  Page,
  PerformerValue,
  PlanDate,
  UpdateMaintenanceRequirementRequest,
} from '@leitstand/api-contracts';
import { API_BASE_URL } from './api-base-url.token';
import { ifMatch } from './catalog-api.service';

// ---------------------------------------------------------------------------------------------------------------
// Plans, calendar rows and the asset log are the api-contracts shapes (maintenance.types.ts), under the names the
// maintenance screens use. The execution, technician and compliance shapes follow API.md (issue 15) and stay here
// until api-contracts carries them.
// ---------------------------------------------------------------------------------------------------------------

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
export type OccurrenceRow = OccurrenceCalendarRow;
export type OccurrenceListQuery = OccurrenceCalendarQuery;
export type MaintenanceLogEntry = AssetMaintenanceLogEntry;

export type ChecklistOutcome = 'pass' | 'fail' | 'not-applicable';
export interface ChecklistResult {
  key: string;
  outcome: ChecklistOutcome;
  value?: string;
  note?: string;
}
export const INSPECTION_RESULTS = ['no-defects', 'minor-defects', 'major-defects', 'dangerous'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];
/** BetrSichV §17: the record of an inspection (the asset is the occurrence's). */
export interface InspectionRecord {
  date: MaintenanceDate;
  type: string;
  scope: string;
  result: InspectionResult;
  defects: string[];
  nextDeadline?: MaintenanceDate;
  inspector: string;
  body?: string;
}
export interface OccurrenceEventView {
  id: string;
  type: string;
  at: IsoInstant;
  actorId: string | null;
  payload: Record<string, unknown> | null;
}
export interface OccurrenceWorkLogView {
  id: string;
  technicianId: string;
  minutes: number;
  note: string | null;
  loggedAt: IsoInstant;
}
export interface OccurrenceMaterialView {
  id: string;
  description: string;
  quantity: DecimalString;
  unit: string | null;
  unitPrice: DecimalString | null;
}
/** `GET /maintenance/occurrences/:id`. */
export interface OccurrenceDetail extends OccurrenceRow {
  contractId: string;
  siteId: string;
  siteName?: string;
  periodNo: number;
  earliestStart: MaintenanceDate;
  workOrderFrom: MaintenanceDate;
  startedAt: IsoInstant | null;
  completedAt: IsoInstant | null;
  task: MaintenanceTaskView | null;
  requirement: RequirementView | null;
  checklist: ChecklistResult[];
  inspectionRecord: InspectionRecord | null;
  evidenceAccepted: boolean;
  followUpTicketIds: string[];
  events: OccurrenceEventView[];
  documents: DocumentView[];
  workLogs: OccurrenceWorkLogView[];
  materials: OccurrenceMaterialView[];
  missingEvidence: string[];
  version: number;
}
/** `GET /technician/occurrences?range=`: the calendar row plus where it is. */
export interface TechnicianOccurrenceRow extends OccurrenceRow {
  siteId?: string;
  siteName?: string;
}
export type TechnicianRange = 'today' | 'week';

export interface OccurrenceWorkLogRequest {
  minutes: number;
  note?: string;
}
export interface OccurrenceMaterialRequest {
  description: string;
  quantity: DecimalString;
  unit?: string;
  unitPrice?: DecimalString;
}
/** The 409 of `POST …/complete` when evidence is missing. */
export interface EvidenceMissingError {
  code: 'evidence-missing';
  missing: string[];
}

export interface ComplianceFigureView {
  due: number;
  onTime: number;
  late: number;
  missed: number;
  open: number;
  cancelled: number;
  percent: DecimalString | null;
  derivation: string[];
}
export type NonCompliantReason = 'late' | 'missed' | 'open';
export interface NonCompliantOccurrence extends OccurrenceRow {
  reason: NonCompliantReason;
}
/** `GET /maintenance/compliance?contractId&from&to`. */
export interface ComplianceView {
  total: ComplianceFigureView;
  byTrade: Record<string, ComplianceFigureView>;
  nonCompliant: NonCompliantOccurrence[];
}

/** A list answer: `{ items }` (the maintenance API's lists), a page, or a bare array. */
type ListAnswer<T> = T[] | Page<T> | { items: T[] };

/** The items of a list answer. */
export function itemsOf<T>(answer: ListAnswer<T>): T[] {
  return Array.isArray(answer) ? answer : answer.items;
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

  /** GET /api/maintenance/occurrences?siteId&trade&from&to&status — calendar rows. */
  occurrences(query: OccurrenceListQuery): Observable<OccurrenceCalendarResponse> {
    return this.http.get<OccurrenceCalendarResponse>(`${this.url}/occurrences`, { params: paramsOf(query) });
  }

  /** GET /api/maintenance/occurrences/:id — the detail. */
  occurrence(id: string): Observable<OccurrenceDetail> {
    return this.http.get<OccurrenceDetail>(this.occurrenceUrl(id));
  }

  /** GET /api/technician/occurrences?range=today|week — my own and unassigned released work. */
  technicianOccurrences(range: TechnicianRange): Observable<ListAnswer<TechnicianOccurrenceRow>> {
    return this.http.get<ListAnswer<TechnicianOccurrenceRow>>(`${this.baseUrl}/technician/occurrences`, {
      params: new HttpParams().set('range', range),
    });
  }

  /** POST …/start. */
  start(id: string, version: number): Observable<OccurrenceDetail> {
    return this.http.post<OccurrenceDetail>(`${this.occurrenceUrl(id)}/start`, {}, { headers: ifMatch(version) });
  }

  /** PUT …/checklist with every item's result. */
  saveChecklist(id: string, results: ChecklistResult[]): Observable<OccurrenceDetail> {
    return this.http.put<OccurrenceDetail>(`${this.occurrenceUrl(id)}/checklist`, results);
  }

  /** PUT …/inspection-record (BetrSichV §17). */
  saveInspectionRecord(id: string, record: InspectionRecord): Observable<OccurrenceDetail> {
    return this.http.put<OccurrenceDetail>(`${this.occurrenceUrl(id)}/inspection-record`, record);
  }

  /** POST …/work-logs. */
  addWorkLog(id: string, body: OccurrenceWorkLogRequest): Observable<OccurrenceWorkLogView> {
    return this.http.post<OccurrenceWorkLogView>(`${this.occurrenceUrl(id)}/work-logs`, body);
  }

  /** POST …/materials. */
  addMaterial(id: string, body: OccurrenceMaterialRequest): Observable<OccurrenceMaterialView> {
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

  /** GET /api/maintenance/compliance?contractId&from&to. */
  compliance(contractId: string, from: MaintenanceDate, to: MaintenanceDate): Observable<ComplianceView> {
    return this.http.get<ComplianceView>(`${this.url}/compliance`, { params: paramsOf({ contractId, from, to }) });
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
