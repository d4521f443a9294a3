import { civilFromDays, daysFromCivil, isoDate, parseIsoDate } from '../calendar/civil-date';
import { MaintenanceError } from './maintenance.errors';
import type { Cadence, IsoDate } from './maintenance.types';

/**
 * Plain-date arithmetic for plans, on day numbers (0 = 1970-01-01; exact integers, no zone, no DST).
 *
 * Months and years follow luxon's calendar rule (`DateTime.plus({ months })`): the day of month is kept and
 * clamped to the target month's length — 2027-01-31 + 1 month = 2027-02-28, 2028-01-31 + 1 month =
 * 2028-02-29, 2028-02-29 + 1 year = 2029-02-28. Callers always add k × interval to the ANCHOR, never to the
 * previous result, so a clamped February never drags later periods to the 28th. The arithmetic is done on
 * integers because luxon (fromISO + plus + toISODate per period) made planning 600,000 occurrences take
 * ≈ 25 CPU-seconds instead of 0.7 (bench/maintenance.bench.ts); plain-date.spec.ts checks it against
 * luxon for every day of 2027–2029 and random days of 1900–2200.
 */

/** Day number of a strict 'yyyy-mm-dd'; throws MaintenanceError naming `field`. */
export function dayNumber(date: IsoDate, field: string): number {
  const d = typeof date === 'string' ? parseIsoDate(date) : undefined;
  if (d === undefined) {
    throw new MaintenanceError(field, `expected a date yyyy-mm-dd, got ${JSON.stringify(date) ?? 'nothing'}`);
  }
  return daysFromCivil(d.year, d.month, d.day);
}

/** Formatted dates by day number: plans of many assets repeat the same few hundred dates (bounded). */
const FORMAT_LIMIT = 20_000;
const formatted = new Map<number, IsoDate>();

/** 'yyyy-mm-dd' of a day number. */
export function fromDayNumber(n: number): IsoDate {
  let text = formatted.get(n);
  if (text === undefined) {
    text = isoDate(n);
    if (formatted.size >= FORMAT_LIMIT) {
      formatted.clear();
    }
    formatted.set(n, text);
  }
  return text;
}

export function isValidIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== undefined;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoDate(dayNumber(date, 'date') + days);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The day number of `anchor` (a day number) + `months` calendar months, the day clamped to the month's end. */
export function addMonthsToDay(anchor: number, months: number): number {
  const { year, month, day } = civilFromDays(anchor);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** anchor + times × cadence as a day number, computed from the anchor in one step (month ends clamp once). */
export function addCadenceToDay(anchor: number, cadence: Cadence, times: number): number {
  switch (cadence.unit) {
    case 'week':
      return anchor + 7 * cadence.every * times;
    case 'month':
      return addMonthsToDay(anchor, cadence.every * times);
    case 'year':
      return addMonthsToDay(anchor, 12 * cadence.every * times);
  }
}

/** anchor + times × cadence ('yyyy-mm-dd'), computed from the anchor in one step. */
export function addCadence(anchor: IsoDate, cadence: Cadence, times: number): IsoDate {
  return isoDate(addCadenceToDay(dayNumber(anchor, 'anchor'), cadence, times));
}

/** The cadence in months (weeks: undefined). */
export function cadenceMonths(cadence: Cadence): number | undefined {
  if (cadence.unit === 'week') {
    return undefined;
  }
  return cadence.unit === 'year' ? 12 * cadence.every : cadence.every;
}

/** Nominal interval length in days as SMRP counts it: a week 7, a month 30, a year 360. */
export function nominalDays(cadence: Cadence): number {
  switch (cadence.unit) {
    case 'week':
      return 7 * cadence.every;
    case 'month':
      return 30 * cadence.every;
    case 'year':
      return 360 * cadence.every;
  }
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}
