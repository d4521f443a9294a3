import { isDecimalString } from '../money/decimal';
import { MaintenanceError } from './maintenance.errors';
import type { MaintenanceIssue } from './maintenance.errors';
import type { ChecklistItemDefinition, ChecklistResult, InspectionRecord } from './maintenance.types';
import { isValidIsoDate } from './plain-date';

const OUTCOMES: readonly ChecklistResult['outcome'][] = ['pass', 'fail', 'not-applicable'];
const RESULTS: readonly InspectionRecord['result'][] = ['no-defects', 'minor-defects', 'major-defects', 'dangerous'];
const MAX_TEXT = 2000;
const MAX_DEFECTS = 200;

type Add = (field: string, message: string) => void;

function collector(): { issues: MaintenanceIssue[]; add: Add } {
  const issues: MaintenanceIssue[] = [];
  return { issues, add: (field, message) => issues.push({ field, message }) };
}

function fail(issues: MaintenanceIssue[]): never {
  const first = issues[0] ?? { field: '', message: 'invalid input' };
  throw new MaintenanceError(first.field, first.message, issues);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(o: Record<string, unknown>, key: string, path: string, add: Add, required: boolean): string | undefined {
  const v = o[key];
  if (v === undefined && !required) {
    return undefined;
  }
  if (typeof v !== 'string' || v.trim() === '') {
    add(path, required ? 'required, a non-empty text' : 'expected a non-empty text');
    return undefined;
  }
  if (v.length > MAX_TEXT) {
    add(path, `at most ${MAX_TEXT} characters`);
    return undefined;
  }
  return v.trim();
}

/**
 * Validates the checklist a technician sends (PUT …/checklist) against the task's items: an array of
 * `{ key, outcome: 'pass' | 'fail' | 'not-applicable', value?, note? }`, each key once and known to the task, a
 * value only on value items and then a decimal string ("3.5"). Items may be missing (a partial save);
 * missingEvidence reports them at completion. Throws MaintenanceError naming `[i].field`.
 */
export function parseChecklistResults(
  task: { readonly checklist: readonly ChecklistItemDefinition[] },
  input: unknown,
): ChecklistResult[] {
  const { issues, add } = collector();
  if (!Array.isArray(input)) {
    throw new MaintenanceError('', 'expected a list of checklist results');
  }
  const items = new Map(task.checklist.map((i) => [i.key, i]));
  const seen = new Set<string>();
  const out: ChecklistResult[] = [];
  input.forEach((raw, i) => {
    const p = `[${i}]`;
    if (!isObject(raw)) {
      add(p, 'expected { key, outcome, value?, note? }');
      return;
    }
    for (const k of Object.keys(raw)) {
      if (!['key', 'outcome', 'value', 'note'].includes(k)) {
        add(`${p}.${k}`, 'unknown field');
      }
    }
    const key = raw['key'];
    const item = typeof key === 'string' ? items.get(key) : undefined;
    if (item === undefined) {
      add(`${p}.key`, `not an item of this checklist (${[...items.keys()].join(', ')})`);
      return;
    }
    if (seen.has(item.key)) {
      add(`${p}.key`, `${item.key} is listed twice`);
      return;
    }
    seen.add(item.key);
    const outcome = raw['outcome'];
    if (!(OUTCOMES as readonly unknown[]).includes(outcome)) {
      add(`${p}.outcome`, `expected one of ${OUTCOMES.join(', ')}`);
      return;
    }
    const value = raw['value'];
    if (value !== undefined && item.kind !== 'value') {
      add(`${p}.value`, `${item.key} is a pass/fail item without a value`);
      return;
    }
    if (value !== undefined && !isDecimalString(value)) {
      add(`${p}.value`, `expected a decimal string${item.unit ? ` in ${item.unit}` : ''}, e.g. "3.5"`);
      return;
    }
    const note = text(raw, 'note', `${p}.note`, add, false);
    out.push({
      key: item.key,
      outcome: outcome as ChecklistResult['outcome'],
      ...(value === undefined ? {} : { value }),
      ...(note === undefined ? {} : { note }),
    });
  });
  if (issues.length > 0) {
    fail(issues);
  }
  return out;
}

/**
 * Validates an inspection record (PUT …/inspection-record, BetrSichV §17): date (not after `today`), type,
 * scope, result, defects (required unless 'no-defects'), nextDeadline (after the date), inspector, body.
 * Throws MaintenanceError listing every problem with its field.
 */
export function parseInspectionRecord(input: unknown, today: string): InspectionRecord {
  const { issues, add } = collector();
  if (!isObject(input)) {
    throw new MaintenanceError('', 'expected an inspection record object');
  }
  for (const k of Object.keys(input)) {
    if (!['date', 'type', 'scope', 'result', 'defects', 'nextDeadline', 'inspector', 'body'].includes(k)) {
      add(k, 'unknown field');
    }
  }
  const date = input['date'];
  if (!isValidIsoDate(date)) {
    add('date', 'required, a date yyyy-mm-dd');
  } else if (date > today) {
    add('date', `lies in the future (today is ${today})`);
  }
  const type = text(input, 'type', 'type', add, true);
  const scope = text(input, 'scope', 'scope', add, true);
  const result = input['result'];
  if (!(RESULTS as readonly unknown[]).includes(result)) {
    add('result', `expected one of ${RESULTS.join(', ')}`);
  }
  const defects: string[] = [];
  const rawDefects = input['defects'] ?? [];
  if (!Array.isArray(rawDefects) || rawDefects.length > MAX_DEFECTS) {
    add('defects', `expected a list of at most ${MAX_DEFECTS} texts`);
  } else {
    rawDefects.forEach((d, i) => {
      if (typeof d !== 'string' || d.trim() === '' || d.length > MAX_TEXT) {
        add(`defects[${i}]`, `expected a non-empty text of at most ${MAX_TEXT} characters`);
      } else {
        defects.push(d.trim());
      }
    });
    if (result !== undefined && result !== 'no-defects' && rawDefects.length === 0) {
      add('defects', `a result '${String(result)}' lists the defects found`);
    }
  }
  const next = input['nextDeadline'];
  if (next !== undefined && !isValidIsoDate(next)) {
    add('nextDeadline', 'expected a date yyyy-mm-dd');
  } else if (typeof next === 'string' && isValidIsoDate(date) && next <= date) {
    add('nextDeadline', `must be after the inspection date ${date}`);
  }
  const inspector = text(input, 'inspector', 'inspector', add, true);
  const body = text(input, 'body', 'body', add, false);
  if (issues.length > 0 || type === undefined || scope === undefined || inspector === undefined) {
    fail(issues);
  }
  return {
    date: date as string,
    type,
    scope,
    result: result as InspectionRecord['result'],
    defects,
    ...(next === undefined ? {} : { nextDeadline: next as string }),
    inspector,
    ...(body === undefined ? {} : { body }),
  };
}
