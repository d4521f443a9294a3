import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AnchorKindValue,
  AnchorView,
  AssetMaintenanceLogEntry,
  CadenceUnitValue,
  CadenceView,
  ChecklistItemView,
  CreateMaintenanceRequirementRequest,
  DocumentClassValue,
  DocumentView,
  EvidenceKindValue,
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
  OccurrenceKindValue,
  OccurrenceStatusValue,
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

// Mirrors of the execution shapes H2b (maint-exec) adds to maintenance.types.ts, same names and fields.
export const CHECKLIST_OUTCOMES = ['pass', 'fail', 'not-applicable'] as const;
export type ChecklistOutcome = (typeof CHECKLIST_OUTCOMES)[number];

/** One answered checklist item (the domain's ChecklistResult). */
export interface ChecklistResultInput {
  key: string;
  outcome: ChecklistOutcome;
  /** The measured value of a 'value' item, as text (e.g. '0.42'). */
  value?: string;
  note?: string;
}

/** PUT /maintenance/occurrences/:id/checklist (the whole list). */
export interface PutChecklistRequest {
  results: ChecklistResultInput[];
}

export const INSPECTION_RESULTS = ['no-defects', 'minor-defects', 'major-defects', 'dangerous'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

/** PUT /maintenance/occurrences/:id/inspection-record: the BetrSichV §17 fields (the asset is the occurrence's). */
export interface InspectionRecordInput {
  /** yyyy-mm-dd, not in the future. */
  date: string;
  type: string;
  scope: string;
  result: InspectionResult;
  /** Empty exactly when result is 'no-defects'. */
  defects: string[];
  nextDeadline?: string;
  inspector: string;
  /** The approved inspection body (ZÜS); required when the performer is 'approved-body'. */
  body?: string;
}

export interface CreateOccurrenceWorkLogRequest {
  /** 1–1440. */
  minutes: number;
  loggedAt?: string;
  note?: string;
}

export interface CreateOccurrenceMaterialRequest {
  description: string;
  /** Decimal string > 0, at most 3 decimals. */
  quantity: string;
  unit?: string;
  /** Net EUR per unit, decimal string with at most 2 decimals; omitted: not priced. */
  unitPrice?: string;
}

export const TECHNICIAN_RANGES = ['today', 'week'] as const;
export type TechnicianRange = (typeof TECHNICIAN_RANGES)[number];

/** A work order on the technician's list (GET /technician/occurrences), ordered by target date. */
export interface TechnicianOccurrenceRow {
  id: string;
  tenantId: string;
  siteId: string;
  siteName: string;
  assetId: string;
  assetCode: string;
  assetName: string;
  taskKey: string;
  title: string;
  trade: string;
  kind: OccurrenceKindValue;
  targetDate: PlanDate;
  legalLatest: PlanDate;
  status: OccurrenceStatusValue;
  technicianId: string | null;
  startedAt: IsoInstant | null;
  version: number;
}

export interface TechnicianOccurrenceListResponse {
  items: TechnicianOccurrenceRow[];
}

export interface OccurrenceEventView {
  id: string;
  type: string;
  at: string;
  actorId: string | null;
  payload: Record<string, unknown>;
}

export interface OccurrenceWorkLogView {
  id: string;
  occurrenceId: string;
  technicianId: string;
  minutes: number;
  note: string | null;
  loggedAt: string;
}

export interface OccurrenceMaterialView {
  id: string;
  occurrenceId: string;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string | null;
}

/** The stored inspection record: the input plus who recorded it, when. */
export interface InspectionRecordView extends InspectionRecordInput {
  recordedBy: string;
  recordedAt: string;
}

/** GET /maintenance/occurrences/:id (staff and technicians of the tenant; ETag = version). */
export interface OccurrenceDetail {
  id: string;
  tenantId: string;
  contractId: string;
  siteId: string;
  siteName: string;
  siteTimezone: string;
  requirementId: string;
  periodNo: number;
  kind: OccurrenceKindValue;
  trade: string;
  earliestStart: string;
  targetDate: string;
  legalLatest: string;
  onTimeLimit: string;
  workOrderFrom: string;
  releasedAt: string | null;
  technicianId: string | null;
  status: OccurrenceStatusValue;
  startedAt: string | null;
  completedAt: string | null;
  completedOn: string | null;
  completedBy: string | null;
  evidenceAccepted: boolean;
  cancelReason: string | null;
  cancelledBy: string | null;
  cancelApprovedBy: string | null;
  followUpTicketIds: string[];
  version: number;
  task: MaintenanceTaskView;
  requirement: {
    id: string;
    title: string;
    performer: PerformerValue;
    evidence: EvidenceKindValue[];
    anchorKind: AnchorKindValue;
    cadence: CadenceView;
    statutory: boolean;
  };
  asset: { id: string; code: string; name: string; assetClass: 'A' | 'B' | 'C'; trade: string };
  checklist: ChecklistResultInput[];
  inspectionRecord: InspectionRecordView | null;
  events: OccurrenceEventView[];
  documents: DocumentView[];
  workLogs: OccurrenceWorkLogView[];
  materials: OccurrenceMaterialView[];
  /** What completion still lacks, e.g. 'checklist.brakes', 'inspectionRecord', 'document:inspection-report'. */
  missingEvidence: string[];
}

/** 409 of POST …/complete: `details` of the ApiError. */
export interface EvidenceMissingDetails {
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
  /** Decimal string with 2 places, null when nothing was due. */
  percent: string | null;
  /** German lines deriving the figure. */
  derivation: string[];
}

/** A late, missed or open occurrence behind a compliance figure (drill-down). */
export interface NonCompliantOccurrence {
  occurrenceId: string;
  reason: 'late' | 'missed' | 'open';
  taskKey: string;
  title: string;
  trade: string;
  siteId: string;
  assetId: string;
  assetCode: string;
  assetName: string;
  targetDate: string;
  onTimeLimit: string;
  legalLatest: string;
  completedOn: PlanDate | null;
  status: OccurrenceStatusValue;
}

/** GET /maintenance/compliance. */
export interface ComplianceResponse {
  contractId: string;
  from: string;
  to: string;
  /** The day "open" and "missed" were judged on (Europe/Berlin). */
  today: string;
  total: ComplianceFigureView;
  byTrade: Record<string, ComplianceFigureView>;
  nonCompliant: NonCompliantOccurrence[];
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

  /** GET /api/maintenance/occurrences?siteId&trade&from&to&status — calendar rows. */
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
