import type { BusinessCalendar } from '../calendar/business-calendar';
import { SlaInputError } from './sla.errors';
import type { Pause } from './sla.types';

/*
 * Deadlines and elapsed time with pauses, on top of BusinessCalendar's semantics.
 *  - Pause time never counts, whatever the calendar says. Pauses may overlap or be unsorted; they are
 *    merged. Pause time before `start` is irrelevant. A pause without `to` lasts indefinitely.
 *  - computeDeadline returns the instant at which `budgetMinutes` business minutes are used up by
 *    active (unpaused) time from `start`. A budget used up exactly when a pause begins ends at the
 *    pause's start; a zero budget at a closed or paused instant ends at the next open, unpaused instant.
 *    It returns null when the budget is not used up before an open-ended pause: the deadline is then
 *    undefined until the pause ends (the caller shows "paused", not a date).
 *  - computeElapsed returns business minutes in [start, end) outside pauses; 0 when end ≤ start.
 */

const MS_PER_MINUTE = 60_000;

/** Active periods [from, to) from `startMs` on, as flat pairs; the last `to` may be Infinity. */
function activePeriods(startMs: number, pauses: readonly Pause[]): number[] {
  const intervals = pauses.map((pause, index) => {
    const from = pause.from instanceof Date ? pause.from.getTime() : NaN;
    if (!Number.isFinite(from)) {
      throw new SlaInputError(`pauses[${index}].from`, 'expected a valid Date');
    }
    let to = Infinity;
    if (pause.to !== undefined) {
      to = pause.to instanceof Date ? pause.to.getTime() : NaN;
      if (!Number.isFinite(to)) {
        throw new SlaInputError(`pauses[${index}].to`, 'expected a valid Date or no value while still paused');
      }
      if (to < from) {
        throw new SlaInputError(`pauses[${index}].to`, 'the pause ends before it starts');
      }
    }
    return { from, to };
  });
  intervals.sort((a, b) => a.from - b.from);
  const periods: number[] = [];
  let cursor = startMs;
  for (const { from, to } of intervals) {
    if (to <= cursor) {
      continue;
    }
    if (from > cursor) {
      periods.push(cursor, from);
    }
    cursor = to;
    if (cursor === Infinity) {
      return periods;
    }
  }
  periods.push(cursor, Infinity);
  return periods;
}

function instant(value: Date, field: string): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(ms)) {
    throw new SlaInputError(field, 'expected a valid Date');
  }
  return ms;
}

/** Epoch-ms core of computeDeadline; null for "suspended by an open-ended pause". */
function deadlineMs(calendar: BusinessCalendar, budgetMs: number, periods: readonly number[]): number | null {
  let rest = budgetMs;
  for (let i = 0; i < periods.length; i += 2) {
    const from = periods[i] as number;
    const to = periods[i + 1] as number;
    if (to === Infinity) {
      return calendar.addBusinessMs(from, rest);
    }
    const available = calendar.businessMsBetween(from, to);
    if (rest < available || (rest === available && available > 0)) {
      return calendar.addBusinessMs(from, rest);
    }
    rest -= available;
  }
  return null;
}

export function computeDeadline(a: {
  calendar: BusinessCalendar;
  start: Date;
  budgetMinutes: number;
  pauses: Pause[];
}): Date | null {
  const startMs = instant(a.start, 'start');
  if (!Number.isFinite(a.budgetMinutes) || a.budgetMinutes < 0) {
    throw new SlaInputError('budgetMinutes', `expected a finite number ≥ 0, got ${a.budgetMinutes}`);
  }
  const ms = deadlineMs(a.calendar, a.budgetMinutes * MS_PER_MINUTE, activePeriods(startMs, a.pauses));
  return ms === null ? null : new Date(Math.round(ms));
}

export function computeElapsed(a: { calendar: BusinessCalendar; start: Date; end: Date; pauses: Pause[] }): number {
  const startMs = instant(a.start, 'start');
  const endMs = instant(a.end, 'end');
  if (endMs <= startMs) {
    return 0;
  }
  const periods = activePeriods(startMs, a.pauses);
  let sum = 0;
  for (let i = 0; i < periods.length; i += 2) {
    const from = periods[i] as number;
    if (from >= endMs) {
      break;
    }
    sum += a.calendar.businessMsBetween(from, Math.min(periods[i + 1] as number, endMs));
  }
  return sum / MS_PER_MINUTE;
}
