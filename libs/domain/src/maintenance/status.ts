import { MaintenanceError } from './maintenance.errors';
import type { Cadence, GraceRule, IsoDate, OccurrenceStatus, OccurrenceStatusInput } from './maintenance.types';
import { addDays, dayNumber, minDate, nominalDays } from './plain-date';

/** The SMRP cap of the 20 % rule. */
const MAX_GRACE_DAYS = 28;

/**
 * Grace days of the three SMRP on-time rules:
 * - 'none': 0 (done by the required date);
 * - 'one-day': 1;
 * - 'twenty-percent': 20 % of the nominal interval (week 7, month 30, year 360 days), rounded half up and capped
 *   at 28 days — 1 week → 1, 2 weeks → 3, 1 month → 6, 2 → 12, 3 → 18, 4 → 24, ≥ 5 months → 28.
 */
export function graceDays(cadence: Cadence, grace: GraceRule): number {
  switch (grace) {
    case 'none':
      return 0;
    case 'one-day':
      return 1;
    case 'twenty-percent':
      // round(n / 5) in integers: n / 5 never ends in .5 for whole n, so floor((n + 2) / 5) rounds correctly
      return Math.min(MAX_GRACE_DAYS, Math.floor((nominalDays(cadence) + 2) / 5));
    default:
      throw new MaintenanceError('grace', `expected none, one-day or twenty-percent, got ${JSON.stringify(grace)}`);
  }
}

/** The last on-time day: min(targetDate + grace, legalLatest) — no grace ever passes the legal latest date. */
export function onTimeLimit(
  o: { readonly targetDate: IsoDate; readonly legalLatest: IsoDate },
  cadence: Cadence,
  grace: GraceRule,
): IsoDate {
  dayNumber(o.targetDate, 'targetDate');
  dayNumber(o.legalLatest, 'legalLatest');
  return minDate(addDays(o.targetDate, graceDays(cadence, grace)), o.legalLatest);
}

/**
 * The status of an occurrence on `today` (the site's local date):
 * - cancelled;
 * - completed: done-on-time by onTimeLimit, done-late by legalLatest, else missed — a late completion never
 *   heals a miss;
 * - not completed: missed after legalLatest; overdue when not started after targetDate; due from
 *   workOrderFrom; planned before.
 */
export function occurrenceStatus(o: OccurrenceStatusInput, today: IsoDate): OccurrenceStatus {
  if (o.cancelled) {
    return 'cancelled';
  }
  if (o.completedOn !== undefined) {
    if (o.completedOn <= o.onTimeLimit) {
      return 'done-on-time';
    }
    return o.completedOn <= o.legalLatest ? 'done-late' : 'missed';
  }
  if (today > o.legalLatest) {
    return 'missed';
  }
  if (o.startedOn === undefined && today > o.targetDate) {
    return 'overdue';
  }
  return today >= o.workOrderFrom ? 'due' : 'planned';
}
