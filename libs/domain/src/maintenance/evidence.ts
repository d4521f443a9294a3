import { Dec, isDecimalString } from '../money/decimal';
import type {
  ChecklistItemDefinition,
  ChecklistResult,
  CompletionEvidence,
  RequirementEvidence,
} from './maintenance.types';

/** Document classes (libs/domain/src/documents) that prove photo and inspection-record evidence. */
export const EVIDENCE_DOCUMENT_CLASS = { photo: 'photo', 'inspection-record': 'inspection-report' } as const;

/**
 * What is still missing before the occurrence may be completed (the completion gate), [] when complete:
 * - checklist: `checklist.<key>` for every item without a result, `checklist.<key>.value` for a value item
 *   (not marked not-applicable) without a decimal value;
 * - photo: `document:photo` without a photo document;
 * - inspection-record (BetrSichV §17): `inspectionRecord` when absent, else `inspectionRecord.<field>` for
 *   each empty required field (date, type, scope, result, inspector; body for approved-body work; defects
 *   when the result is not 'no-defects'), and `document:inspection-report` without the report as a document.
 */
export function missingEvidence(task: RequirementEvidence, c: CompletionEvidence): string[] {
  const missing: string[] = [];
  const results = new Map(c.checklist.map((r) => [r.key, r]));
  const hasDoc = (cls: string): boolean => c.documents.some((d) => d.class === cls);
  if (task.evidence.includes('checklist')) {
    for (const item of task.checklist) {
      const r = results.get(item.key);
      if (r === undefined) {
        missing.push(`checklist.${item.key}`);
      } else if (item.kind === 'value' && r.outcome !== 'not-applicable' && !isDecimalString(r.value)) {
        missing.push(`checklist.${item.key}.value`);
      }
    }
  }
  if (task.evidence.includes('photo') && !hasDoc(EVIDENCE_DOCUMENT_CLASS.photo)) {
    missing.push('document:photo');
  }
  if (task.evidence.includes('inspection-record')) {
    const rec = c.inspectionRecord;
    if (rec === undefined) {
      missing.push('inspectionRecord');
    } else {
      const blank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';
      for (const field of ['date', 'type', 'scope', 'result', 'inspector'] as const) {
        if (blank(rec[field])) {
          missing.push(`inspectionRecord.${field}`);
        }
      }
      if (task.performer === 'approved-body' && blank(rec.body)) {
        missing.push('inspectionRecord.body');
      }
      if (!blank(rec.result) && rec.result !== 'no-defects' && (rec.defects ?? []).every((d) => blank(d))) {
        missing.push('inspectionRecord.defects');
      }
    }
    if (!hasDoc(EVIDENCE_DOCUMENT_CLASS['inspection-record'])) {
      missing.push('document:inspection-report');
    }
  }
  return missing;
}

/**
 * The checklist items that failed: outcome 'fail', or a value item whose recorded value lies outside its
 * limits (even when ticked 'pass'). Each one becomes a linked fault ticket.
 */
export function failedItems(
  task: { readonly checklist: readonly ChecklistItemDefinition[] },
  checklist: readonly ChecklistResult[],
): ChecklistItemDefinition[] {
  const results = new Map(checklist.map((r) => [r.key, r]));
  return task.checklist.filter((item) => {
    const r = results.get(item.key);
    if (r === undefined || r.outcome === 'not-applicable') {
      return false;
    }
    return r.outcome === 'fail' || outsideLimits(item, r.value);
  });
}

function outsideLimits(item: ChecklistItemDefinition, value: string | undefined): boolean {
  if (item.kind !== 'value' || item.limits === undefined || !isDecimalString(value)) {
    return false;
  }
  const v = new Dec(value);
  const { min, max } = item.limits;
  return (min !== undefined && v.lt(new Dec(min))) || (max !== undefined && v.gt(new Dec(max)));
}
