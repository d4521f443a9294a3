import { Dec } from '../money/decimal';
import { MaintenanceError } from './maintenance.errors';
import type {
  ComplianceFigure,
  ComplianceInput,
  ComplianceResult,
  IsoDate,
  NonComplianceReason,
} from './maintenance.types';
import { dayNumber } from './plain-date';
import { findTrade } from './task-catalogue';

type Outcome = 'on-time' | NonComplianceReason;

const DATE_SHAPE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Maintenance and inspection compliance of a period, in total and per trade.
 *
 * - Due in the period = occurrences whose targetDate lies in [period.from, period.to]; open ones count,
 *   cancelled ones (asset out of service, with reason and approver) do not.
 * - On time (the numerator) = completed by onTimeLimit (target + the contract's SMRP grace, never past
 *   legalLatest) WITH accepted evidence.
 * - late = completed after onTimeLimit but by legalLatest; missed = not completed by legalLatest, or completed
 *   after it (a late completion never heals a miss), or completed in time but without accepted evidence once
 *   legalLatest has passed; open = everything else (not yet completed, or evidence still to be accepted).
 * - percent = onTime ÷ due × 100, 2 places (half up); null when nothing was due.
 */
export function computeCompliance(
  items: readonly ComplianceInput[],
  period: { readonly from: IsoDate; readonly to: IsoDate },
  today: IsoDate,
): ComplianceResult {
  if (dayNumber(period.to, 'period.to') < dayNumber(period.from, 'period.from')) {
    throw new MaintenanceError('period.to', `the period ends (${period.to}) before it starts (${period.from})`);
  }
  dayNumber(today, 'today');
  const total = new Tally();
  const trades = new Map<string, Tally>();
  items.forEach((item, i) => {
    // dates compare as strings, so each must be a well-formed 'yyyy-mm-dd'
    assertDate(item.targetDate, i, 'targetDate');
    if (item.targetDate < period.from || item.targetDate > period.to) {
      return;
    }
    assertDate(item.onTimeLimit, i, 'onTimeLimit');
    assertDate(item.legalLatest, i, 'legalLatest');
    if (item.completedOn !== undefined) {
      assertDate(item.completedOn, i, 'completedOn');
    }
    let tally = trades.get(item.trade);
    if (tally === undefined) {
      tally = new Tally();
      trades.set(item.trade, tally);
    }
    if (item.cancelled) {
      total.cancelled++;
      tally.cancelled++;
      return;
    }
    const outcome = classify(item, today);
    total.add(item.occurrenceId, outcome);
    tally.add(item.occurrenceId, outcome);
  });
  const byTrade: Record<string, ComplianceFigure> = {};
  for (const key of [...trades.keys()].sort()) {
    byTrade[key] = (trades.get(key) as Tally).figure(period, today, key);
  }
  return { total: total.figure(period, today), byTrade };
}

function assertDate(value: unknown, index: number, field: string): void {
  if (typeof value !== 'string' || !DATE_SHAPE.test(value)) {
    throw new MaintenanceError(
      `items[${index}].${field}`,
      `expected a date yyyy-mm-dd, got ${JSON.stringify(value) ?? 'nothing'}`,
    );
  }
}

function classify(item: ComplianceInput, today: IsoDate): Outcome {
  const done = item.completedOn;
  if (done === undefined) {
    return today > item.legalLatest ? 'missed' : 'open';
  }
  if (done > item.legalLatest) {
    return 'missed';
  }
  if (done > item.onTimeLimit) {
    return 'late';
  }
  if (item.evidenceAccepted) {
    return 'on-time';
  }
  return today > item.legalLatest ? 'missed' : 'open';
}

class Tally {
  onTime = 0;
  late = 0;
  missed = 0;
  open = 0;
  cancelled = 0;
  readonly nonCompliant: { occurrenceId: string; reason: NonComplianceReason }[] = [];

  add(occurrenceId: string, outcome: Outcome): void {
    switch (outcome) {
      case 'on-time':
        this.onTime++;
        return;
      case 'late':
        this.late++;
        break;
      case 'missed':
        this.missed++;
        break;
      case 'open':
        this.open++;
        break;
    }
    this.nonCompliant.push({ occurrenceId, reason: outcome });
  }

  figure(period: { from: IsoDate; to: IsoDate }, today: IsoDate, trade?: string): ComplianceFigure {
    return complianceFigure(this, this.nonCompliant, period, today, trade);
  }
}

/** The counts of one figure (total or one trade) as {@link computeCompliance} classifies them. */
export interface ComplianceCounts {
  readonly onTime: number;
  readonly late: number;
  readonly missed: number;
  readonly open: number;
  readonly cancelled: number;
}

/** A figure from its counts: due, percent (2 places, half up; null when nothing was due) and the derivation. */
function complianceFigure(
  counts: ComplianceCounts,
  nonCompliant: readonly { readonly occurrenceId: string; readonly reason: NonComplianceReason }[],
  period: { readonly from: IsoDate; readonly to: IsoDate },
  today: IsoDate,
  trade?: string,
): ComplianceFigure {
  const { onTime, late, missed, open, cancelled } = counts;
  const due = onTime + late + missed + open;
  const percent = due === 0 ? null : new Dec(onTime).times(100).div(due).toFixed(2);
  const derivation = [
    `${trade === undefined ? 'Alle Gewerke' : `Gewerk ${findTrade(trade)?.label.de ?? trade}`}, Zeitraum ${de(period.from)}–${de(period.to)}, Stand ${de(today)}`,
    `Fällig im Zeitraum (Zieldatum im Zeitraum, offene eingeschlossen): ${due}` +
      (cancelled > 0 ? ` (${cancelled} storniert, nicht gezählt)` : ''),
    `Fristgerecht mit anerkanntem Nachweis: ${onTime}`,
    `Verspätet (nach Toleranz, vor spätestem Termin): ${late}`,
    `Versäumt (spätester Termin überschritten oder ohne anerkannten Nachweis): ${missed}`,
    `Offen: ${open}`,
    percent === null
      ? 'Quote: keine Fälligkeiten im Zeitraum – keine Daten'
      : `Quote: ${onTime} ÷ ${due} × 100 = ${percent.replace('.', ',')} %`,
  ];
  return {
    due,
    onTime,
    late,
    missed,
    open,
    cancelled,
    percent,
    derivation,
    nonCompliant: nonCompliant.map(({ occurrenceId, reason }) => ({ occurrenceId, reason })),
  };
}

/** 'yyyy-mm-dd' → 'dd.mm.yyyy'. */
function de(d: IsoDate): string {
  return `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
}

/**
 * Not decided yet on `today`: not completed and its on-time limit not passed — it can still be done on time,
 * so it counts neither as on time nor against the figure until it is decided.
 */
export function isUndecided(item: Pick<ComplianceInput, 'completedOn' | 'onTimeLimit'>, today: IsoDate): boolean {
  return item.completedOn === undefined && item.onTimeLimit >= today;
}

/** {@link provisionalCompliance}: the figures, what they were measured up to, and what was left undecided. */
export interface ProvisionalComplianceResult extends ComplianceResult {
  /** The last target date counted: min(period.to, today). */
  readonly measuredTo: IsoDate;
  /** Occurrences of the period (not cancelled) that the figures do not count yet, in total and per trade. */
  readonly undecided: { readonly total: number; readonly byTrade: Readonly<Record<string, number>> };
}

/**
 * The compliance of a period as it stands on `today` — the rule of the KPI roll-up of a running period: only
 * target dates up to today count (later ones are not due yet), and of those only decided ones (completed, or
 * past their on-time limit); so today's work, still within its grace, never reads as a miss. A closed period
 * (today after period.to) has nothing undecided once its last on-time limit has passed. Everything in the
 * period that is not counted — and not cancelled — is `undecided`.
 *
 * Example (today 2026-03-10, period March 2026, no grace):
 *   A target 03-02, completed 03-02 with evidence → on time
 *   B target 03-05, on-time limit 03-05, legal latest 03-20, not completed → decided, open (counts against)
 *   C target 03-09, on-time limit 03-12, not completed → undecided (can still be done on time)
 *   D target 03-25 → undecided (not due yet)
 *   → due 2 (A, B), on time 1 → 1 ÷ 2 × 100 = 50,00 %, undecided 2 (computeCompliance alone: 1 ÷ 4 = 25,00 %).
 */
export function provisionalCompliance(
  items: readonly ComplianceInput[],
  period: { readonly from: IsoDate; readonly to: IsoDate },
  today: IsoDate,
): ProvisionalComplianceResult {
  const measuredTo = measuredToOf(period, today);
  const decided: ComplianceInput[] = [];
  let undecided = 0;
  const undecidedByTrade: Record<string, number> = {};
  items.forEach((item, i) => {
    assertDate(item.targetDate, i, 'targetDate');
    assertDate(item.onTimeLimit, i, 'onTimeLimit');
    if (item.targetDate < period.from || item.targetDate > period.to) return;
    if (item.targetDate <= measuredTo && (item.cancelled || !isUndecided(item, today))) {
      decided.push(item);
    } else if (!item.cancelled) {
      undecided++;
      undecidedByTrade[item.trade] = (undecidedByTrade[item.trade] ?? 0) + 1;
    }
  });
  const result =
    measuredTo < period.from
      ? computeCompliance([], { from: period.from, to: period.from }, today)
      : computeCompliance(decided, { from: period.from, to: measuredTo }, today);
  return withUndecided(result, measuredTo, { total: undecided, byTrade: undecidedByTrade });
}

/** min(period.to, today), after checking both dates and that the period does not end before it starts. */
function measuredToOf(period: { readonly from: IsoDate; readonly to: IsoDate }, today: IsoDate): IsoDate {
  if (dayNumber(period.to, 'period.to') < dayNumber(period.from, 'period.from')) {
    throw new MaintenanceError('period.to', `the period ends (${period.to}) before it starts (${period.from})`);
  }
  dayNumber(today, 'today');
  return today < period.to ? today : period.to;
}

/** The figures with the note of what is left undecided (in total and per trade, where there is any). */
function withUndecided(
  result: ComplianceResult,
  measuredTo: IsoDate,
  undecided: { readonly total: number; readonly byTrade: Readonly<Record<string, number>> },
): ProvisionalComplianceResult {
  const note = (n: number): string =>
    `Noch nicht entschieden (nicht erledigt und Toleranz läuft noch, oder Zieldatum nach ${de(measuredTo)}): ${n} – nicht gezählt`;
  const withNote = (f: ComplianceFigure, n: number): ComplianceFigure =>
    n === 0 ? f : { ...f, derivation: [...f.derivation, note(n)] };
  const byTrade: Record<string, ComplianceFigure> = {};
  for (const [trade, f] of Object.entries(result.byTrade)) byTrade[trade] = withNote(f, undecided.byTrade[trade] ?? 0);
  return { total: withNote(result.total, undecided.total), byTrade, measuredTo, undecided };
}

/**
 * The counts of one trade as a store counts them (an SQL GROUP BY trade) with the rule of
 * {@link provisionalCompliance}: of the occurrences with a target date in the period, those up to measuredTo
 * that are cancelled or decided (see {@link isUndecided}) classified as {@link computeCompliance} does
 * (cancelled, on time, late, missed, open); every other one not cancelled is undecided.
 */
export interface TradeComplianceCounts extends ComplianceCounts {
  readonly trade: string;
  readonly undecided: number;
}

/** A late, missed or open occurrence behind the figures, with its trade. */
export interface NonCompliantEntry {
  readonly occurrenceId: string;
  readonly trade: string;
  readonly reason: NonComplianceReason;
}

/**
 * {@link provisionalCompliance} from counts instead of occurrences — for a store that counts in SQL what
 * provisionalCompliance counts in memory (the compliance endpoint over hundreds of thousands of occurrences).
 * `counts` holds one entry per trade; a trade appears in `byTrade` when it has an occurrence that was counted or
 * cancelled, in `undecided.byTrade` when it has an undecided one. `nonCompliant` lists the late, missed and open
 * occurrences in the order of the figures' lists (target date, then id); each figure lists those of its trade.
 * It may be a part of them (the caller caps the drill-down); the counts never are.
 */
export function provisionalComplianceOfCounts(
  counts: readonly TradeComplianceCounts[],
  nonCompliant: readonly NonCompliantEntry[],
  period: { readonly from: IsoDate; readonly to: IsoDate },
  today: IsoDate,
): ProvisionalComplianceResult {
  const measuredTo = measuredToOf(period, today);
  const figurePeriod =
    measuredTo < period.from ? { from: period.from, to: period.from } : { from: period.from, to: measuredTo };
  const total = { onTime: 0, late: 0, missed: 0, open: 0, cancelled: 0 };
  let undecided = 0;
  const undecidedByTrade: Record<string, number> = {};
  const byTrade: Record<string, ComplianceFigure> = {};
  const listed = new Map<string, NonCompliantEntry[]>();
  for (const n of nonCompliant) listed.set(n.trade, [...(listed.get(n.trade) ?? []), n]);
  for (const c of [...counts].sort((a, b) => (a.trade < b.trade ? -1 : a.trade > b.trade ? 1 : 0))) {
    total.onTime += c.onTime;
    total.late += c.late;
    total.missed += c.missed;
    total.open += c.open;
    total.cancelled += c.cancelled;
    if (c.undecided > 0) {
      undecided += c.undecided;
      undecidedByTrade[c.trade] = c.undecided;
    }
    if (c.onTime + c.late + c.missed + c.open + c.cancelled > 0) {
      byTrade[c.trade] = complianceFigure(c, listed.get(c.trade) ?? [], figurePeriod, today, c.trade);
    }
  }
  return withUndecided({ total: complianceFigure(total, nonCompliant, figurePeriod, today), byTrade }, measuredTo, {
    total: undecided,
    byTrade: undecidedByTrade,
  });
}
