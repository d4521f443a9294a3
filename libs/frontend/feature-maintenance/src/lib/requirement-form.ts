import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@leitstand/api-contracts';
import type {
  AnchorRuleInput,
  CadenceUnit,
  CreateRequirementRequest,
  MaintenancePerformer,
  MaintenanceTaskView,
  RequirementView,
  UpdateRequirementRequest,
} from '@leitstand/frontend/data-access';

/** The requirement form's flat value (one control per field; the API's nested shape is built on save). */
export interface RequirementFormValue {
  taskKey: string;
  title: string;
  assetId: string;
  cadenceEvery: string;
  cadenceUnit: CadenceUnit;
  anchorKind: AnchorRuleInput['kind'];
  anchorDate: string;
  intermediate: boolean;
  leadDays: string;
  performer: MaintenancePerformer;
  fee: string;
  active: boolean;
}

export type RequirementFormField = keyof RequirementFormValue;

/** The form's fields in screen order (problems are listed in this order, too). */
export const REQUIREMENT_FORM_FIELDS: readonly RequirementFormField[] = [
  'taskKey',
  'title',
  'assetId',
  'cadenceEvery',
  'cadenceUnit',
  'anchorKind',
  'anchorDate',
  'intermediate',
  'leadDays',
  'performer',
  'fee',
  'active',
];

export const EMPTY_REQUIREMENT_FORM: RequirementFormValue = {
  taskKey: '',
  title: '',
  assetId: '',
  cadenceEvery: '1',
  cadenceUnit: 'year',
  anchorKind: 'fixed-grid',
  anchorDate: '',
  intermediate: false,
  leadDays: '28',
  performer: 'provider',
  fee: '',
  active: true,
};

/**
 * A suggested lead time (days before the target date the work order appears), as the domain's defaultLeadDays:
 * weekly work 2 days, monthly 28, quarterly 42, half-yearly and longer 91 (three months). Only a proposal the
 * planner can overwrite.
 */
export function suggestedLeadDays(every: number, unit: CadenceUnit): number {
  if (unit === 'week') return Math.min(2 * every, 14);
  const months = unit === 'year' ? every * 12 : every;
  if (months <= 1) return 28;
  if (months <= 3) return 42;
  return 91;
}

/** The date an anchor rule counts from: the start of a grid or floating plan, the last main test of a statutory one. */
export function anchorDateOf(anchor: AnchorRuleInput): string {
  return anchor.kind === 'statutory' ? anchor.lastTest : anchor.start;
}

/** The form's value for an existing requirement (for editing). */
export function formValueOf(requirement: RequirementView): RequirementFormValue {
  return {
    taskKey: requirement.taskKey,
    title: requirement.title ?? '',
    assetId: requirement.assetId ?? '',
    cadenceEvery: String(requirement.cadence.every),
    cadenceUnit: requirement.cadence.unit,
    anchorKind: requirement.anchor.kind,
    anchorDate: anchorDateOf(requirement.anchor),
    intermediate: requirement.anchor.kind === 'statutory' && requirement.anchor.intermediate,
    leadDays: String(requirement.leadDays),
    performer: requirement.performer,
    fee: requirement.fee ?? '',
    active: requirement.active,
  };
}

/** The defaults a picked catalogue task proposes: its cadence, performer, anchor rule and a lead time. */
export function taskDefaults(
  task: MaintenanceTaskView,
): Pick<
  RequirementFormValue,
  'cadenceEvery' | 'cadenceUnit' | 'performer' | 'anchorKind' | 'intermediate' | 'leadDays'
> {
  const { every, unit } = task.defaultCadence;
  return {
    cadenceEvery: String(every),
    cadenceUnit: unit,
    performer: task.performer,
    anchorKind: task.statutory ? 'statutory' : 'fixed-grid',
    // Elevators (BetrSichV): the main inspection every 2 years with an intermediate one half-way.
    intermediate: task.statutory && task.performer === 'approved-body' && unit === 'year' && every >= 2,
    leadDays: String(suggestedLeadDays(every, unit)),
  };
}

/**
 * A money input as a decimal string with at most 2 places ('400' → '400', '1.234,50' is refused, '400,5' → '400.5'),
 * '' → null (not billed), or undefined when it is no amount. Strings only: money never passes through a float.
 */
export function normalizeFee(text: string): string | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const match = /^(\d{1,10})(?:[.,](\d{1,2}))?$/.exec(trimmed);
  if (!match) return undefined;
  const whole = match[1]?.replace(/^0+(?=\d)/, '') ?? '0';
  return match[2] ? `${whole}.${match[2]}` : whole;
}

/** A whole number ≥ min from a text field, else null. */
export function wholeNumber(text: string, min: number): number | null {
  if (!/^\s*\d{1,6}\s*$/.test(text)) return null;
  const n = Number(text.trim());
  return n >= min ? n : null;
}

/** Field problems of the client's own checks (the server checks again and names the same fields). */
export function localProblems(value: RequirementFormValue): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: RequirementFormField, key: string) => problems.push({ field, messages: [], keys: [key] });
  if (value.taskKey === '') add('taskKey', 'maint.req.required');
  if (wholeNumber(value.cadenceEvery, 1) === null) add('cadenceEvery', 'maint.req.positive');
  if (value.anchorDate === '') add('anchorDate', 'maint.req.required');
  if (wholeNumber(value.leadDays, 0) === null) add('leadDays', 'maint.req.nonNegative');
  if (normalizeFee(value.fee) === undefined) add('fee', 'maint.req.feeInvalid');
  return problems;
}

/** The API body of the form (call after `localProblems` found nothing). */
export function requestOf(
  value: RequirementFormValue,
  context: { contractId: string; siteId: string; trade: string | null },
): CreateRequirementRequest {
  // fixed grid / floating: the start; statutory: the last main test (and the half-way intermediate one).
  const anchor: AnchorRuleInput =
    value.anchorKind === 'statutory'
      ? { kind: 'statutory', lastTest: value.anchorDate, intermediate: value.intermediate }
      : { kind: value.anchorKind, start: value.anchorDate };
  const title = value.title.trim();
  return {
    contractId: context.contractId,
    siteId: context.siteId,
    taskKey: value.taskKey,
    ...(title ? { title } : {}),
    ...(value.assetId ? { assetId: value.assetId } : { assetId: null, trade: context.trade }),
    cadence: { every: wholeNumber(value.cadenceEvery, 1) ?? 1, unit: value.cadenceUnit },
    anchor,
    leadDays: wholeNumber(value.leadDays, 0) ?? 0,
    performer: value.performer,
    fee: normalizeFee(value.fee) ?? null,
    active: value.active,
  };
}

/**
 * The PATCH body of an edit: a requirement's contract, site, task and selection (asset, trade, class) never change
 * (another task or asset is another plan), so only the schedule, performer, fee, title and active go.
 */
export function changesOf(body: CreateRequirementRequest): UpdateRequirementRequest {
  return {
    ...(body.title !== undefined ? { title: body.title } : {}),
    ...(body.cadence ? { cadence: body.cadence } : {}),
    anchor: body.anchor,
    ...(body.leadDays !== undefined ? { leadDays: body.leadDays } : {}),
    ...(body.performer ? { performer: body.performer } : {}),
    fee: body.fee ?? null,
    ...(body.active !== undefined ? { active: body.active } : {}),
  };
}

/** One problem at a form field: the server's messages (in its words) and/or text keys of the client's checks. */
export interface FieldProblem {
  readonly field: string;
  readonly messages: readonly string[];
  readonly keys?: readonly string[];
}

/** Why a save failed, reduced to what the form shows. */
export interface RequirementSaveFailure {
  readonly status: number;
  /** `maint.error.*` text key of the headline. */
  readonly key: string;
  readonly serverMessage: string | null;
  /** Problems at the form's fields (the API's paths mapped onto the controls). */
  readonly fields: readonly FieldProblem[];
  /** Problems no field of the form shows (listed in the summary, so none is lost). */
  readonly other: readonly FieldProblem[];
  readonly stale: boolean;
}

/** The API's field path → the form control that shows it. */
export function formFieldOfPath(path: string): RequirementFormField | null {
  const exact: Readonly<Record<string, RequirementFormField>> = {
    taskKey: 'taskKey',
    task: 'taskKey',
    title: 'title',
    assetId: 'assetId',
    trade: 'assetId',
    assetClass: 'assetId',
    cadence: 'cadenceEvery',
    'cadence.every': 'cadenceEvery',
    'cadence.unit': 'cadenceUnit',
    anchor: 'anchorKind',
    'anchor.kind': 'anchorKind',
    'anchor.start': 'anchorDate',
    'anchor.lastTest': 'anchorDate',
    'anchor.intermediate': 'intermediate',
    leadDays: 'leadDays',
    performer: 'performer',
    fee: 'fee',
    active: 'active',
  };
  if (exact[path]) return exact[path];
  const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
  return parent !== path ? formFieldOfPath(parent) : null;
}

/** The headline text key of a failed maintenance write, by HTTP status (0: the server was not reached). */
export const MAINT_ERROR_KEY_BY_STATUS: Readonly<Record<number, string>> = {
  0: 'maint.error.offline',
  400: 'maint.error.invalid',
  403: 'maint.error.forbidden',
  404: 'maint.error.notFound',
  409: 'maint.error.conflict',
  412: 'maint.error.stale',
  422: 'maint.error.invalid',
  428: 'maint.error.stale',
};

/** Reads the failure of a requirement write: the headline, and every field problem at its field or in `other`. */
export function toSaveFailure(error: unknown): RequirementSaveFailure {
  if (!(error instanceof HttpErrorResponse)) {
    return { status: -1, key: 'maint.error.server', serverMessage: null, fields: [], other: [], stale: false };
  }
  const body = (typeof error.error === 'object' ? error.error : null) as Partial<ApiError> | null;
  const fields: FieldProblem[] = [];
  const other: FieldProblem[] = [];
  for (const problem of Array.isArray(body?.fields) ? body.fields : []) {
    if (typeof problem?.field !== 'string') continue;
    const messages = Array.isArray(problem.messages) ? problem.messages.map(String) : [];
    const field = formFieldOfPath(problem.field);
    if (field) fields.push({ field, messages: problem.field === field ? messages : prefixed(problem.field, messages) });
    else other.push({ field: problem.field, messages });
  }
  return {
    status: error.status,
    key: MAINT_ERROR_KEY_BY_STATUS[error.status] ?? 'maint.error.server',
    serverMessage: typeof body?.message === 'string' && body.message !== '' ? body.message : null,
    fields,
    other,
    stale: error.status === 412 || error.status === 428,
  };
}

function prefixed(path: string, messages: string[]): string[] {
  return messages.length > 0 ? messages.map((m) => `${path}: ${m}`) : [path];
}

/** The problems shown at one field. */
export function problemsOf(problems: readonly FieldProblem[], field: RequirementFormField): FieldProblem[] {
  return problems.filter((p) => p.field === field);
}
