import type {
  AssetClass,
  BonusMalusInput,
  CalendarSpecInput,
  ContractKind,
  ContractView,
  CreateContractRequest,
  IndexationInput,
  KpiRuleInput,
  SlaTargetInput,
} from '@leitstand/api-contracts';

/**
 * The contract editor's plain model (what the form holds: texts, so that a half-typed value never turns into a
 * wrong number) and its mapping to and from the API's contract. Pure: no Angular, no I/O.
 */

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number];
export const PRIORITY_KEYS: readonly AssetClass[] = ['A', 'B', 'C'];
export const CLOCK_KEYS = ['response', 'restore'] as const;
export type ClockKey = (typeof CLOCK_KEYS)[number];

export interface CalendarModel {
  key: string;
  /** '' = the site's. */
  timezone: string;
  /** '' = the site's Bundesland. */
  holidayRegion: string;
  /** Per weekday: "08:00-18:00, 19:00-22:00" ('' = closed). */
  week: Record<WeekdayKey, string>;
  /** Open windows on public holidays instead of closing the day ('' = closed on holidays). */
  holidayWindows: string;
  /** Extra closed dates, "2026-12-24, 2026-12-31". */
  holidays: string;
}

export interface SlaCellModel {
  kind: 'minutes' | 'businessDays';
  /** Minutes or business days, as typed. */
  amount: string;
  calendar: string;
  /** Share of the budget at which the warning fires, "0.75". */
  warningShare: string;
}

export interface KpiModel {
  kpi: string;
  label: string;
  unit: string;
  kind: 'linear' | 'stepped';
  /** One "value: percentOfVolume" (linear) or "atLeast: percentOfVolume" (stepped) per line. */
  rows: string;
  /** Stepped only: the percentage below the lowest step. */
  otherwise: string;
}

export interface ContractModel {
  name: string;
  type: ContractKind;
  startsOn: string;
  endsOn: string;
  siteIds: string[];
  annualVolume: string;
  priceListId: string;
  capexThreshold: string;
  trades: string;
  assetClasses: AssetClass[];
  exclusions: string;
  calendars: CalendarModel[];
  slaMatrix: Record<AssetClass, Record<ClockKey, SlaCellModel>>;
  availabilityTargets: Record<AssetClass, string>;
  availabilityBasis: string;
  quietWarningsCalendar: string;
  bonusMalusEnabled: boolean;
  bonusMalusCap: string;
  kpis: KpiModel[];
  indexationEnabled: boolean;
  fixedShare: string;
  labourShare: string;
  materialShare: string;
  labourIndex: string;
  materialIndex: string;
}

/** "08:00-18:00, 19:00-22:00" → [['08:00','18:00'], ['19:00','22:00']]; the domain validates the times. */
export function parseWindows(text: string): Array<[string, string]> {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [from = '', to = ''] = part.split(/\s*[-–]\s*/);
      return [from.trim(), to.trim()];
    });
}

export function formatWindows(windows: ReadonlyArray<readonly [string, string]> | undefined): string {
  return (windows ?? []).map(([from, to]) => `${from}-${to}`).join(', ');
}

function splitList(text: string, separator: RegExp): string[] {
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function emptyCalendar(key: string): CalendarModel {
  return {
    key,
    timezone: '',
    holidayRegion: '',
    week: { mon: '', tue: '', wed: '', thu: '', fri: '', sat: '', sun: '' },
    holidayWindows: '',
    holidays: '',
  };
}

/** Seed 004's regular hours (Mon–Fri 08:00–18:00) as the first calendar of a new contract. */
export function regularHoursCalendar(key = 'regular'): CalendarModel {
  const calendar = emptyCalendar(key);
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) calendar.week[day] = '08:00-18:00';
  return calendar;
}

/** Round the clock, holidays included. */
export function alwaysCalendar(key = '24-7'): CalendarModel {
  const calendar = emptyCalendar(key);
  for (const day of WEEKDAY_KEYS) calendar.week[day] = '00:00-24:00';
  calendar.holidayWindows = '00:00-24:00';
  return calendar;
}

export function toCalendarSpec(model: CalendarModel): CalendarSpecInput {
  const week: CalendarSpecInput['week'] = {};
  for (const day of WEEKDAY_KEYS) {
    const windows = parseWindows(model.week[day]);
    if (windows.length > 0) week[day] = windows;
  }
  const holidays = splitList(model.holidays, /[,;\s]+/);
  const holidayWindows = parseWindows(model.holidayWindows);
  return {
    ...(model.timezone.trim() ? { timezone: model.timezone.trim() } : {}),
    week,
    ...(model.holidayRegion ? { holidayRegion: model.holidayRegion } : {}),
    ...(holidays.length > 0 ? { holidays } : {}),
    ...(holidayWindows.length > 0 ? { holidayWindows } : {}),
  };
}

export function fromCalendarSpec(key: string, spec: CalendarSpecInput): CalendarModel {
  const model = emptyCalendar(key);
  model.timezone = spec.timezone ?? '';
  model.holidayRegion = spec.holidayRegion ?? '';
  for (const day of WEEKDAY_KEYS) model.week[day] = formatWindows(spec.week[day]);
  model.holidayWindows = formatWindows(spec.holidayWindows);
  model.holidays = (spec.holidays ?? []).join(', ');
  return model;
}

/** A number as typed; NaN when it is not one (the API then names the field). */
function toNumber(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

export function toSlaTarget(cell: SlaCellModel): SlaTargetInput {
  const amount = toNumber(cell.amount);
  const share = toNumber(cell.warningShare);
  return {
    budget: cell.kind === 'minutes' ? { kind: 'minutes', minutes: amount } : { kind: 'businessDays', days: amount },
    calendar: cell.calendar,
    ...(Number.isNaN(share) ? {} : { warningShare: share }),
  };
}

function fromSlaTarget(target: SlaTargetInput | undefined, fallbackCalendar: string): SlaCellModel {
  if (!target) return { kind: 'minutes', amount: '', calendar: fallbackCalendar, warningShare: '0.75' };
  return {
    kind: target.budget.kind,
    amount: String(target.budget.kind === 'minutes' ? target.budget.minutes : target.budget.days),
    calendar: target.calendar,
    warningShare: target.warningShare === undefined ? '' : String(target.warningShare),
  };
}

/** "98.5: -1.5" lines → pairs; a line without ':' keeps its text as the value (the API names it). */
export function parseRows(text: string): Array<[string, string]> {
  return splitList(text, /\n/).map((line) => {
    const [left = '', right = ''] = line.split(':');
    return [left.trim(), right.trim()];
  });
}

export function toKpiRule(kpi: KpiModel): KpiRuleInput {
  const rows = parseRows(kpi.rows);
  return kpi.kind === 'linear'
    ? { kind: 'linear', points: rows.map(([value, percentOfVolume]) => ({ value, percentOfVolume })) }
    : {
        kind: 'stepped',
        otherwisePercentOfVolume: kpi.otherwise.trim(),
        steps: rows.map(([atLeast, percentOfVolume]) => ({ atLeast, percentOfVolume })),
      };
}

function fromKpiRule(entry: BonusMalusInput['kpis'][number]): KpiModel {
  const rule = entry.rule;
  return {
    kpi: entry.kpi,
    label: entry.label,
    unit: entry.unit,
    kind: rule.kind,
    rows:
      rule.kind === 'linear'
        ? rule.points.map((p) => `${p.value}: ${p.percentOfVolume}`).join('\n')
        : rule.steps.map((s) => `${s.atLeast}: ${s.percentOfVolume}`).join('\n'),
    otherwise: rule.kind === 'stepped' ? rule.otherwisePercentOfVolume : '',
  };
}

function decimalOrNull(text: string): string | null {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? null : trimmed;
}

/** Seed 002's matrix (A 15 min / 1 h, B 30 min / 4 h on the first calendar, C next business day). */
export function newContractModel(): ContractModel {
  const calendars = [alwaysCalendar(), regularHoursCalendar()];
  const cell = (kind: SlaCellModel['kind'], amount: string, calendar: string): SlaCellModel => ({
    kind,
    amount,
    calendar,
    warningShare: '0.75',
  });
  return {
    name: '',
    type: 'full_maintenance',
    startsOn: '',
    endsOn: '',
    siteIds: [],
    annualVolume: '',
    priceListId: '',
    capexThreshold: '5000.00',
    trades: '',
    assetClasses: [],
    exclusions: '',
    calendars,
    slaMatrix: {
      A: { response: cell('minutes', '15', '24-7'), restore: cell('minutes', '60', '24-7') },
      B: { response: cell('minutes', '30', '24-7'), restore: cell('minutes', '240', '24-7') },
      C: { response: cell('businessDays', '1', 'regular'), restore: cell('businessDays', '1', 'regular') },
    },
    availabilityTargets: { A: '0.995', B: '', C: '' },
    availabilityBasis: '24-7',
    quietWarningsCalendar: '',
    bonusMalusEnabled: false,
    bonusMalusCap: '2',
    kpis: [],
    indexationEnabled: false,
    fixedShare: '0',
    labourShare: '0.6',
    materialShare: '0.4',
    labourIndex: '',
    materialIndex: '',
  };
}

export function fromContract(contract: ContractView): ContractModel {
  const calendars = Object.entries(contract.calendars).map(([key, spec]) => fromCalendarSpec(key, spec));
  const first = calendars[0]?.key ?? '';
  const row = (p: AssetClass) => ({
    response: fromSlaTarget(contract.slaMatrix[p]?.response, first),
    restore: fromSlaTarget(contract.slaMatrix[p]?.restore, first),
  });
  return {
    name: contract.name,
    type: contract.type,
    startsOn: contract.startsOn,
    endsOn: contract.endsOn ?? '',
    siteIds: [...contract.siteIds],
    annualVolume: contract.annualVolume,
    priceListId: contract.priceListId ?? '',
    capexThreshold: contract.capexThreshold ?? '',
    trades: (contract.scope.trades ?? []).join(', '),
    assetClasses: [...(contract.scope.assetClasses ?? [])],
    exclusions: (contract.scope.exclusions ?? []).join('\n'),
    calendars,
    slaMatrix: { A: row('A'), B: row('B'), C: row('C') },
    availabilityTargets: {
      A: contract.availabilityTargets.A ?? '',
      B: contract.availabilityTargets.B ?? '',
      C: contract.availabilityTargets.C ?? '',
    },
    availabilityBasis: contract.availabilityBasis,
    quietWarningsCalendar: contract.quietWarningsCalendar ?? '',
    bonusMalusEnabled: contract.bonusMalus !== null,
    bonusMalusCap: contract.bonusMalus?.capPercentOfVolume ?? '2',
    kpis: (contract.bonusMalus?.kpis ?? []).map(fromKpiRule),
    indexationEnabled: contract.indexation !== null,
    fixedShare: contract.indexation?.fixedShare ?? '0',
    labourShare: contract.indexation?.labourShare ?? '0.6',
    materialShare: contract.indexation?.materialShare ?? '0.4',
    labourIndex: contract.indexation?.labourIndex ?? '',
    materialIndex: contract.indexation?.materialIndex ?? '',
  };
}

export function toCalendars(models: readonly CalendarModel[]): Record<string, CalendarSpecInput> {
  return Object.fromEntries(models.map((c) => [c.key.trim(), toCalendarSpec(c)]));
}

/** The request body of a create (with the tenant) or, without `tenantId`, of an update. */
export function toContractRequest(model: ContractModel): Omit<CreateContractRequest, 'tenantId'> {
  const targets: Partial<Record<AssetClass, string>> = {};
  for (const p of PRIORITY_KEYS) {
    const share = decimalOrNull(model.availabilityTargets[p]);
    if (share !== null) targets[p] = share;
  }
  const trades = splitList(model.trades, /,/);
  const exclusions = splitList(model.exclusions, /\n/);
  const bonusMalus: BonusMalusInput | null = model.bonusMalusEnabled
    ? {
        capPercentOfVolume: model.bonusMalusCap.trim(),
        kpis: model.kpis.map((k) => ({
          kpi: k.kpi.trim(),
          label: k.label.trim(),
          unit: k.unit.trim(),
          rule: toKpiRule(k),
        })),
      }
    : null;
  const indexation: IndexationInput | null = model.indexationEnabled
    ? {
        fixedShare: model.fixedShare.trim(),
        labourShare: model.labourShare.trim(),
        materialShare: model.materialShare.trim(),
        ...(model.labourIndex.trim() ? { labourIndex: model.labourIndex.trim() } : {}),
        ...(model.materialIndex.trim() ? { materialIndex: model.materialIndex.trim() } : {}),
      }
    : null;
  const row = (p: AssetClass) => ({
    response: toSlaTarget(model.slaMatrix[p].response),
    restore: toSlaTarget(model.slaMatrix[p].restore),
  });
  return {
    name: model.name.trim(),
    type: model.type,
    startsOn: model.startsOn,
    endsOn: model.endsOn === '' ? null : model.endsOn,
    siteIds: [...model.siteIds],
    calendars: toCalendars(model.calendars),
    slaMatrix: { A: row('A'), B: row('B'), C: row('C') },
    availabilityTargets: targets,
    availabilityBasis: model.availabilityBasis,
    bonusMalus,
    priceListId: model.priceListId === '' ? null : model.priceListId,
    annualVolume: model.annualVolume.trim().replace(',', '.'),
    indexation,
    capexThreshold: decimalOrNull(model.capexThreshold),
    scope: {
      ...(trades.length > 0 ? { trades } : {}),
      ...(model.assetClasses.length > 0 ? { assetClasses: [...model.assetClasses] } : {}),
      ...(exclusions.length > 0 ? { exclusions } : {}),
    },
    quietWarningsCalendar: model.quietWarningsCalendar === '' ? null : model.quietWarningsCalendar,
  };
}
