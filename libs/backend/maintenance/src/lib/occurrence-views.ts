import type { EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import type {
  AnchorKindValue,
  CadenceUnitValue,
  ChecklistResultInput,
  EvidenceKindValue,
  MaintenanceKindValue,
  MaintenanceTaskView,
  OccurrenceKindValue,
  OccurrenceStatusValue,
  PerformerValue,
  DocumentView,
  InspectionRecordView,
  OccurrenceDetail,
  OccurrenceEventView,
  OccurrenceMaterialView,
  OccurrenceWorkLogView,
} from '@leitstand/api-contracts';
import type { AuthUser } from '@leitstand/backend/core';
import {
  findTask,
  missingEvidence,
  type ChecklistResult,
  type InspectionRecord,
  type RequirementEvidence,
  type TaskDefinition,
} from '@leitstand/domain';

/** An occurrence with what execution needs of its site, requirement and asset (dates as 'yyyy-mm-dd'). */
export interface OccurrenceRow {
  id: string;
  tenant_id: string;
  contract_id: string;
  site_id: string;
  requirement_id: string;
  asset_id: string;
  trade: string;
  period_no: number;
  kind: OccurrenceKindValue;
  earliest_start: string;
  target_date: string;
  legal_latest: string;
  on_time_limit: string;
  work_order_from: string;
  released_at: Date | null;
  technician_id: string | null;
  status: OccurrenceStatusValue;
  started_at: Date | null;
  completed_at: Date | null;
  completed_on: string | null;
  completed_by: string | null;
  checklist: ChecklistResult[] | null;
  inspection_record: InspectionRecordView | null;
  evidence_accepted: boolean;
  cancel_reason: string | null;
  cancelled_by: string | null;
  cancel_approved_by: string | null;
  follow_up_ticket_ids: string[] | null;
  version: number;
  site_name: string;
  site_timezone: string;
  task_key: string;
  requirement_title: string;
  requirement_kind: MaintenanceKindValue;
  statutory: boolean;
  performer: PerformerValue;
  evidence: EvidenceKindValue[];
  anchor_kind: AnchorKindValue;
  cadence_every: number;
  cadence_unit: CadenceUnitValue;
  asset_code: string;
  asset_name: string;
  asset_class: 'A' | 'B' | 'C';
  asset_trade: string;
}

export const OCCURRENCE_SELECT = `SELECT o.id, o.tenant_id, o.contract_id, o.site_id, o.requirement_id, o.asset_id, o.trade,
    o.period_no, o.kind, o.earliest_start::text AS earliest_start, o.target_date::text AS target_date,
    o.legal_latest::text AS legal_latest, o.on_time_limit::text AS on_time_limit,
    o.work_order_from::text AS work_order_from, o.released_at, o.technician_id, o.status, o.started_at, o.completed_at,
    o.completed_on::text AS completed_on, o.completed_by, o.checklist, o.inspection_record, o.evidence_accepted,
    o.cancel_reason, o.cancelled_by, o.cancel_approved_by, o.follow_up_ticket_ids::text[] AS follow_up_ticket_ids,
    o.version, s.name AS site_name, s.timezone AS site_timezone, r.task_key, r.title AS requirement_title,
    r.kind AS requirement_kind, r.statutory, r.performer, r.evidence, r.anchor_kind, r.cadence_every, r.cadence_unit, a.code AS asset_code,
    a.name AS asset_name, a.asset_class, a.trade AS asset_trade
  FROM maintenance_occurrences o
  JOIN sites s ON s.id = o.site_id
  JOIN maintenance_requirements r ON r.id = o.requirement_id
  JOIN assets a ON a.id = o.asset_id`;

/** The civil date of `at` in `zone` ('yyyy-mm-dd'). */
export function civilDate(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() as string;
}

/** The catalogue task of an occurrence (undefined for a key the catalogue no longer has). */
export function taskOf(row: Pick<OccurrenceRow, 'task_key'>): TaskDefinition | undefined {
  return findTask(row.task_key);
}

/** What the completion gate checks: the requirement's evidence kinds, the task's checklist, the performer. */
export function evidenceOf(row: Pick<OccurrenceRow, 'task_key' | 'evidence' | 'performer'>): RequirementEvidence {
  return {
    evidence: row.evidence,
    checklist: taskOf(row)?.checklist ?? [],
    performer: row.performer,
  };
}

/** The task as the API shows it (a key outside the catalogue: its title, no checklist). */
export function taskView(row: OccurrenceRow): MaintenanceTaskView {
  const task = taskOf(row);
  if (!task) {
    return {
      key: row.task_key,
      trade: row.trade,
      kind: row.requirement_kind,
      performer: row.performer,
      statutory: row.statutory,
      title: { de: row.requirement_title, en: row.requirement_title },
      basis: '',
      defaultCadence: { every: Number(row.cadence_every), unit: row.cadence_unit },
      evidence: row.evidence,
      checklist: [],
    };
  }
  return {
    key: task.key,
    trade: task.trade,
    kind: task.kind,
    performer: task.performer,
    statutory: task.statutory,
    title: { de: task.title.de, en: task.title.en },
    basis: task.basis,
    defaultCadence: { every: task.defaultCadence.every, unit: task.defaultCadence.unit },
    evidence: [...task.evidence],
    checklist: task.checklist.map((i) => ({
      key: i.key,
      label: { de: i.label.de, en: i.label.en },
      kind: i.kind,
      ...(i.unit !== undefined ? { unit: i.unit } : {}),
    })),
  };
}

/** The document classes attached to an occurrence (what missingEvidence counts). */
export async function occurrenceDocumentClasses(manager: EntityManager, id: string): Promise<Array<{ class: string }>> {
  const rows = (await manager.query(
    `SELECT d.document_class FROM document_links l JOIN documents d ON d.id = l.document_id WHERE l.occurrence_id = $1`,
    [id],
  )) as Array<{ document_class: string }>;
  return rows.map((r) => ({ class: r.document_class }));
}

/** What completing the occurrence still lacks (the domain's rule on the stored state). */
export async function missingEvidenceOf(manager: EntityManager, row: OccurrenceRow): Promise<string[]> {
  return missingEvidence(evidenceOf(row), {
    checklist: row.checklist ?? [],
    ...(row.inspection_record ? { inspectionRecord: toDomainRecord(row.inspection_record) } : {}),
    documents: await occurrenceDocumentClasses(manager, row.id),
  });
}

/** The domain's InspectionRecord of a stored record (without who recorded it). */
export function toDomainRecord(r: InspectionRecordView): InspectionRecord {
  return {
    date: r.date,
    type: r.type,
    scope: r.scope,
    result: r.result,
    defects: r.defects,
    ...(r.nextDeadline !== undefined ? { nextDeadline: r.nextDeadline } : {}),
    inspector: r.inspector,
    ...(r.body !== undefined ? { body: r.body } : {}),
  };
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** A document row as the store reads it (metadata joined with its content's type and size). */
export interface OccurrenceDocumentRow {
  id: string;
  tenant_id: string;
  sha256: string;
  title: string;
  file_name: string;
  document_class: DocumentView['documentClass'];
  retention_until: string;
  customer_visible: boolean;
  uploaded_by: string;
  uploaded_at: Date;
  version: number;
  content_type: string;
  size_bytes: number;
}

/**
 * The document store's view of a row (DocumentsService's toDocumentView; a feature library cannot import
 * another): customers would not learn the uploader — they never see occurrences anyway.
 */
export function toDocumentView(user: AuthUser, row: OccurrenceDocumentRow): DocumentView {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    title: row.title,
    fileName: row.file_name,
    documentClass: row.document_class,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    retentionUntil: row.retention_until,
    customerVisible: row.customer_visible,
    uploadedBy: user.role === 'customer' ? null : row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
    version: row.version,
    contentUrl: `/api/documents/${row.id}/content`,
  };
}

const SELECT_OCCURRENCE_DOCUMENTS = `SELECT d.id, d.tenant_id, d.sha256, d.title, d.file_name, d.document_class,
    d.retention_until::text AS retention_until, d.customer_visible, d.uploaded_by, d.uploaded_at, d.version,
    c.content_type, c.size_bytes
  FROM document_links l
  JOIN documents d ON d.id = l.document_id
  JOIN document_contents c ON c.sha256 = d.sha256
  WHERE l.occurrence_id = $1
  ORDER BY d.uploaded_at DESC, d.id`;

/** The documents attached to an occurrence, newest first. */
export async function occurrenceDocuments(
  manager: EntityManager,
  user: AuthUser,
  occurrenceId: string,
): Promise<DocumentView[]> {
  const rows = (await manager.query(SELECT_OCCURRENCE_DOCUMENTS, [occurrenceId])) as OccurrenceDocumentRow[];
  return rows.map((r) => toDocumentView(user, r));
}

interface EventDbRow {
  id: string;
  type: OccurrenceEventView['type'];
  at: Date;
  actor_id: string | null;
  payload: Record<string, unknown> | null;
}

interface WorkLogDbRow {
  id: string;
  occurrence_id: string;
  technician_id: string;
  minutes: number;
  note: string | null;
  logged_at: Date;
}

interface MaterialDbRow {
  id: string;
  occurrence_id: string;
  description: string;
  quantity: string;
  unit: string;
  unit_price: string | null;
}

export function toWorkLogView(r: WorkLogDbRow): OccurrenceWorkLogView {
  return {
    id: String(r.id),
    occurrenceId: r.occurrence_id,
    technicianId: r.technician_id,
    minutes: Number(r.minutes),
    note: r.note,
    loggedAt: r.logged_at.toISOString(),
  };
}

export function toMaterialView(r: MaterialDbRow): OccurrenceMaterialView {
  return {
    id: String(r.id),
    occurrenceId: r.occurrence_id,
    description: r.description,
    quantity: r.quantity,
    unit: r.unit,
    unitPrice: r.unit_price,
  };
}

export const WORK_LOG_COLUMNS = 'id, occurrence_id, technician_id, minutes, note, logged_at';
export const MATERIAL_COLUMNS =
  'id, occurrence_id, description, quantity::text AS quantity, unit, unit_price::text AS unit_price';

/** The whole detail of an occurrence as staff and technicians see it. */
export async function loadOccurrenceDetail(
  manager: EntityManager,
  user: AuthUser,
  row: OccurrenceRow,
): Promise<OccurrenceDetail> {
  const [events, documents, workLogs, materials, missing] = await Promise.all([
    manager.query(
      `SELECT id::text AS id, type, at, actor_id, payload FROM occurrence_events WHERE occurrence_id = $1 ORDER BY at, id`,
      [row.id],
    ) as Promise<EventDbRow[]>,
    occurrenceDocuments(manager, user, row.id),
    manager.query(
      `SELECT ${WORK_LOG_COLUMNS} FROM occurrence_work_logs WHERE occurrence_id = $1 ORDER BY logged_at, id`,
      [row.id],
    ) as Promise<WorkLogDbRow[]>,
    manager.query(`SELECT ${MATERIAL_COLUMNS} FROM occurrence_materials WHERE occurrence_id = $1 ORDER BY id`, [
      row.id,
    ]) as Promise<MaterialDbRow[]>,
    missingEvidenceOf(manager, row),
  ]);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    contractId: row.contract_id,
    siteId: row.site_id,
    siteName: row.site_name,
    siteTimezone: row.site_timezone,
    requirementId: row.requirement_id,
    periodNo: Number(row.period_no),
    kind: row.kind,
    trade: row.trade,
    earliestStart: row.earliest_start,
    targetDate: row.target_date,
    legalLatest: row.legal_latest,
    onTimeLimit: row.on_time_limit,
    workOrderFrom: row.work_order_from,
    releasedAt: iso(row.released_at),
    technicianId: row.technician_id,
    status: row.status,
    startedAt: iso(row.started_at),
    completedAt: iso(row.completed_at),
    completedOn: row.completed_on,
    completedBy: row.completed_by,
    evidenceAccepted: row.evidence_accepted,
    cancelReason: row.cancel_reason,
    cancelledBy: row.cancelled_by,
    cancelApprovedBy: row.cancel_approved_by,
    followUpTicketIds: row.follow_up_ticket_ids ?? [],
    version: row.version,
    task: taskView(row),
    requirement: {
      id: row.requirement_id,
      title: row.requirement_title,
      performer: row.performer,
      evidence: row.evidence,
      anchorKind: row.anchor_kind,
      cadence: { every: Number(row.cadence_every), unit: row.cadence_unit },
      statutory: row.statutory,
    },
    asset: {
      id: row.asset_id,
      code: row.asset_code,
      name: row.asset_name,
      assetClass: row.asset_class,
      trade: row.asset_trade,
    },
    checklist: (row.checklist ?? []) as ChecklistResultInput[],
    inspectionRecord: row.inspection_record,
    events: events.map((e): OccurrenceEventView => ({
      id: String(e.id),
      type: e.type,
      at: e.at.toISOString(),
      actorId: e.actor_id,
      payload: e.payload ?? {},
    })),
    documents,
    workLogs: workLogs.map(toWorkLogView),
    materials: materials.map(toMaterialView),
    missingEvidence: missing,
  };
}
