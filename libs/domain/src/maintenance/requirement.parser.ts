import { isDecimalString } from '../money/decimal';
import { cadenceFromTimesPerYear, assertCadence, defaultLeadDays } from './cadence';
import { MaintenanceError } from './maintenance.errors';
import type { MaintenanceIssue } from './maintenance.errors';
import type { AnchorRule, Cadence, EvidenceKind, ParsedRequirement, Performer } from './maintenance.types';
import { findTask } from './task-catalogue';
import { isValidIsoDate } from './plain-date';

const KEYS = ['taskKey', 'cadence', 'anchor', 'leadDays', 'statutory', 'performer', 'evidence', 'fee'];
const EVIDENCE: readonly EvidenceKind[] = ['checklist', 'photo', 'inspection-record'];
const PERFORMERS: readonly Performer[] = ['provider', 'approved-body'];
const FEE = /^(0|[1-9]\d{0,9})(\.\d{1,2})?$/;

export interface ParseRequirementOptions {
  /**
   * Further top-level keys the caller validates itself (e.g. the API's contractId, siteId, assetId, title,
   * active); every other unknown key is an error.
   */
  readonly extraKeys?: readonly string[];
}

/**
 * Validates requirement input from the API and fills the task's defaults:
 * `{ taskKey, cadence?: { every, unit } | { timesPerYear }, anchor, leadDays?, statutory?, performer?,
 *    evidence?, fee?: "123.45" | null }` with the anchor as an AnchorRule (`{ kind, start }`,
 * `{ kind: 'statutory', lastTest, intermediate? }`) or as the API's AnchorView `{ kind, date, intermediate }`.
 * Throws MaintenanceError listing every problem with its field ('anchor.date', 'cadence.every', …).
 * A statutory task stays statutory and keeps at least its evidence; the cadence and leadDays default to the
 * task's cadence and defaultLeadDays(cadence); `intermediate` defaults to the task's.
 */
export function parseRequirement(input: unknown, options: ParseRequirementOptions = {}): ParsedRequirement {
  const issues: MaintenanceIssue[] = [];
  const add = (field: string, message: string): void => {
    issues.push({ field, message });
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new MaintenanceError('', 'expected a requirement object');
  }
  const o = input as Record<string, unknown>;
  const extra = options.extraKeys ?? [];
  for (const key of Object.keys(o)) {
    if (!KEYS.includes(key) && !extra.includes(key)) {
      add(key, 'unknown field');
    }
  }
  const task = typeof o['taskKey'] === 'string' ? findTask(o['taskKey']) : undefined;
  if (task === undefined) {
    add('taskKey', `unknown task ${JSON.stringify(o['taskKey']) ?? 'nothing'} (see GET /maintenance/tasks)`);
  }
  const cadence = readCadence(o['cadence'], task?.defaultCadence, add);
  const anchor = readAnchor(o['anchor'], task?.intermediate === true, add);

  let leadDays = cadence === undefined ? 0 : defaultLeadDays(cadence);
  if (o['leadDays'] !== undefined) {
    const v = o['leadDays'];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 366) {
      add('leadDays', `expected a whole number of days 0…366, got ${JSON.stringify(v)}`);
    } else {
      leadDays = v;
    }
  }
  let statutory = task?.statutory ?? false;
  if (o['statutory'] !== undefined) {
    if (typeof o['statutory'] !== 'boolean') {
      add('statutory', 'expected true or false');
    } else if (task?.statutory === true && !o['statutory']) {
      add('statutory', `task ${task.key} is a statutory test (${task.basis}) and cannot be made non-statutory`);
    } else {
      statutory = o['statutory'];
    }
  }
  if (anchor?.kind === 'statutory') {
    statutory = true;
  }
  let performer: Performer = task?.performer ?? 'provider';
  if (o['performer'] !== undefined) {
    if (!(PERFORMERS as readonly unknown[]).includes(o['performer'])) {
      add('performer', `expected one of ${PERFORMERS.join(', ')}`);
    } else {
      performer = o['performer'] as Performer;
    }
  }
  let evidence: readonly EvidenceKind[] = task?.evidence ?? [];
  if (o['evidence'] !== undefined) {
    const v = o['evidence'];
    if (!Array.isArray(v) || v.some((e) => !(EVIDENCE as readonly unknown[]).includes(e))) {
      add('evidence', `expected a list of ${EVIDENCE.join(', ')}`);
    } else if (new Set(v).size !== v.length) {
      add('evidence', 'lists an evidence kind twice');
    } else {
      const lacking = statutory && task !== undefined ? task.evidence.filter((e) => !v.includes(e)) : [];
      if (lacking.length > 0) {
        add('evidence', `a statutory test needs ${lacking.join(', ')}`);
      } else {
        evidence = v as EvidenceKind[];
      }
    }
  }
  let fee: string | null = null;
  if (o['fee'] !== undefined && o['fee'] !== null) {
    const v = o['fee'];
    if (!isDecimalString(v) || !FEE.test(v)) {
      add('fee', 'expected a non-negative amount as a decimal string with at most 2 places, e.g. "400.00"');
    } else {
      fee = v.includes('.') ? v.padEnd(v.indexOf('.') + 3, '0') : `${v}.00`;
    }
  }
  if (issues.length > 0 || task === undefined || cadence === undefined || anchor === undefined) {
    const first = issues[0] ?? { field: '', message: 'invalid requirement' };
    throw new MaintenanceError(first.field, first.message, issues);
  }
  return { taskKey: task.key, cadence, anchor, leadDays, statutory, performer, evidence, fee };
}

function readCadence(
  value: unknown,
  fallback: Cadence | undefined,
  add: (field: string, message: string) => void,
): Cadence | undefined {
  if (value === undefined) {
    return fallback;
  }
  try {
    if (typeof value === 'object' && value !== null && 'timesPerYear' in value) {
      const keys = Object.keys(value);
      if (keys.length !== 1) {
        add('cadence', 'give either { timesPerYear } or { every, unit }');
        return undefined;
      }
      return cadenceFromTimesPerYear((value as { timesPerYear: number }).timesPerYear, 'cadence.timesPerYear');
    }
    if (typeof value === 'object' && value !== null) {
      const extra = Object.keys(value).filter((k) => k !== 'every' && k !== 'unit');
      if (extra.length > 0) {
        add(`cadence.${extra[0]}`, 'unknown field');
        return undefined;
      }
    }
    return assertCadence(value, 'cadence');
  } catch (e) {
    if (e instanceof MaintenanceError) {
      add(e.field, e.issues[0]?.message ?? e.message);
      return undefined;
    }
    throw e;
  }
}

function readAnchor(
  value: unknown,
  defaultIntermediate: boolean,
  add: (field: string, message: string) => void,
): AnchorRule | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    add('anchor', 'expected { kind, start } or { kind: "statutory", lastTest, intermediate }');
    return undefined;
  }
  const a = value as Record<string, unknown>;
  const kind = a['kind'];
  // the API's AnchorView names the date 'date' for every kind
  const viewForm = 'date' in a;
  const date = (key: string): string | undefined => {
    const field = viewForm ? 'date' : key;
    const v = a[field];
    if (!isValidIsoDate(v)) {
      add(`anchor.${field}`, `expected a date yyyy-mm-dd, got ${JSON.stringify(v) ?? 'nothing'}`);
      return undefined;
    }
    return v;
  };
  const only = (keys: string[]): void => {
    const allowed = viewForm ? ['kind', 'date', 'intermediate'] : keys;
    for (const k of Object.keys(a)) {
      if (!allowed.includes(k)) {
        add(`anchor.${k}`, `unknown field for a ${String(kind)} anchor`);
      }
    }
  };
  const intermediateFlag = (fallback: boolean): boolean | undefined => {
    const v = a['intermediate'];
    if (v === undefined) {
      return fallback;
    }
    if (typeof v !== 'boolean') {
      add('anchor.intermediate', 'expected true or false');
      return undefined;
    }
    return v;
  };
  if (kind === 'fixed-grid' || kind === 'floating') {
    only(['kind', 'start']);
    const start = date('start');
    if (intermediateFlag(false) === true) {
      add('anchor.intermediate', 'an intermediate inspection needs the statutory anchor');
      return undefined;
    }
    return start === undefined ? undefined : { kind, start };
  }
  if (kind === 'statutory') {
    only(['kind', 'lastTest', 'intermediate']);
    const lastTest = date('lastTest');
    const intermediate = intermediateFlag(defaultIntermediate);
    return lastTest === undefined || intermediate === undefined ? undefined : { kind, lastTest, intermediate };
  }
  add('anchor.kind', `expected fixed-grid, floating or statutory, got ${JSON.stringify(kind) ?? 'nothing'}`);
  return undefined;
}
