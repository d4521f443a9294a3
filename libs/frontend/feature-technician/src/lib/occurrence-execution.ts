import { HttpErrorResponse } from '@angular/common/http';
import type {
  ChecklistItemDefinition,
  ChecklistOutcome,
  ChecklistResultInput,
  InspectionRecordInput,
  InspectionResult,
  OccurrenceDetail,
  OccurrenceStatus,
} from '@leitstand/frontend/data-access';
import { followUpTickets } from '@leitstand/frontend/ui';

/** One checklist item as the technician fills it in (no outcome yet = not answered). */
export interface ChecklistDraft {
  outcome: ChecklistOutcome | null;
  value: string;
  note: string;
}

/** The drafts of every item of the definition, prefilled from what the occurrence already holds. */
export function checklistDrafts(
  definition: readonly ChecklistItemDefinition[],
  saved: readonly ChecklistResultInput[],
): Record<string, ChecklistDraft> {
  const byKey = new Map(saved.map((r) => [r.key, r]));
  const drafts: Record<string, ChecklistDraft> = {};
  for (const item of definition) {
    const result = byKey.get(item.key);
    drafts[item.key] = { outcome: result?.outcome ?? null, value: result?.value ?? '', note: result?.note ?? '' };
  }
  return drafts;
}

/**
 * The answered items as the API's ChecklistResult[] in the definition's order (unanswered items are left out:
 * the server names them as missing evidence). Values and notes are trimmed; empty ones are not sent.
 */
export function checklistResults(
  definition: readonly ChecklistItemDefinition[],
  drafts: Readonly<Record<string, ChecklistDraft>>,
): ChecklistResultInput[] {
  const results: ChecklistResultInput[] = [];
  for (const item of definition) {
    const draft = drafts[item.key];
    if (!draft?.outcome) continue;
    const value = draft.value.trim();
    const note = draft.note.trim();
    results.push({ key: item.key, outcome: draft.outcome, ...(value ? { value } : {}), ...(note ? { note } : {}) });
  }
  return results;
}

/** The items answered "fail" (each becomes a fault ticket on completion). */
export function failedKeys(drafts: Readonly<Record<string, ChecklistDraft>>): string[] {
  return Object.entries(drafts)
    .filter(([, d]) => d.outcome === 'fail')
    .map(([key]) => key);
}

/** The inspection record form's flat value. */
export interface InspectionRecordDraft {
  date: string;
  type: string;
  scope: string;
  result: InspectionResult | '';
  defects: string;
  nextDeadline: string;
  inspector: string;
  body: string;
}

export function recordDraftOf(record: InspectionRecordInput | null, today: string): InspectionRecordDraft {
  return {
    date: record?.date ?? today,
    type: record?.type ?? '',
    scope: record?.scope ?? '',
    result: record?.result ?? '',
    defects: (record?.defects ?? []).join('\n'),
    nextDeadline: record?.nextDeadline ?? '',
    inspector: record?.inspector ?? '',
    body: record?.body ?? '',
  };
}

/**
 * The API's record from the form: defects one per line (blank lines dropped), optional fields only when filled.
 * The server validates (and names the field of each problem); an unpicked result is sent as '' so it does.
 */
export function recordOf(draft: InspectionRecordDraft): InspectionRecordInput {
  const body = draft.body.trim();
  return {
    date: draft.date,
    type: draft.type.trim(),
    scope: draft.scope.trim(),
    result: draft.result as InspectionResult,
    defects: draft.defects
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    ...(draft.nextDeadline ? { nextDeadline: draft.nextDeadline } : {}),
    inspector: draft.inspector.trim(),
    ...(body ? { body } : {}),
  };
}

/** Whether the plan asks for an inspection record (BetrSichV §17), so the form is shown. */
export function needsInspectionRecord(detail: {
  requirement: Pick<OccurrenceDetail['requirement'], 'evidence'>;
}): boolean {
  return detail.requirement.evidence.includes('inspection-record');
}

/** The occurrence is finished: no more writes. */
export function isClosed(status: OccurrenceStatus | string): boolean {
  return status === 'done-on-time' || status === 'done-late' || status === 'cancelled';
}

/**
 * The missing evidence of a refused completion (409 `{ code: 'evidence-missing', missing: [...] }`, also accepted
 * inside `details` of the API's error body), or null when the error is something else.
 */
export function evidenceMissingOf(error: unknown): string[] | null {
  if (!(error instanceof HttpErrorResponse) || error.status !== 409) return null;
  const body = (typeof error.error === 'object' && error.error !== null ? error.error : {}) as Record<string, unknown>;
  const details = (typeof body['details'] === 'object' && body['details'] !== null ? body['details'] : {}) as Record<
    string,
    unknown
  >;
  const code = body['code'] ?? details['code'];
  const missing = body['missing'] ?? details['missing'];
  if (code !== 'evidence-missing' || !Array.isArray(missing)) return null;
  return missing.filter((m): m is string => typeof m === 'string');
}

/** The numbers of the fault tickets a completion raised (see followUpTickets): a number is what people quote. */
export function followUpTicketNumbers(events: Parameters<typeof followUpTickets>[0]): string[] {
  return followUpTickets(events).map((f) => f.number);
}

/** A work log's minutes from the input: a whole number 1–1440 (one day), else null. */
export function minutesOf(text: string): number | null {
  if (!/^\s*\d{1,4}\s*$/.test(text)) return null;
  const minutes = Number(text.trim());
  return minutes >= 1 && minutes <= 1440 ? minutes : null;
}
