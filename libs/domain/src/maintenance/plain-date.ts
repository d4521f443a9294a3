import { DateTime } from 'luxon';

import { daysFromCivil, isoDate, parseIsoDate } from '../calendar/civil-date';
import { MaintenanceError } from './maintenance.errors';
import type { Cadence, IsoDate } from './maintenance.types';

/**
 * Plain-date arithmetic for plans. Calendar months and years go through luxon in UTC (a plain date has no
 * zone; UTC has no DST), which clamps month ends: 2027-01-31 + 1 month = 2027-02-28, 2028-01-31 + 1 month =
 * 2028-02-29, 2028-02-29 + 1 year = 2029-02-28. Callers always add k × interval to the ANCHOR, never to the
 * previous result, so a clamped February never drags later periods to the 28th. Days are day numbers.
 */

/** Day number (0 = 1970-01-01) of a strict 'yyyy-mm-dd'; throws MaintenanceError naming `field`. */
export function dayNumber(date: IsoDate, field: string): number {
  const d = typeof date === 'string' ? parseIsoDate(date) : undefined;
  if (d === undefined) {
    throw new MaintenanceError(field, `expected a date yyyy-mm-dd, got ${JSON.stringify(date) ?? 'nothing'}`);
  }
  return daysFromCivil(d.year, d.month, d.day);
}

export function fromDayNumber(n: number): IsoDate {
  return isoDate(n);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return isoDate(dayNumber(date, 'date') + days);
}

export function isValidIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== undefined;
}

/** anchor + times × cadence, computed from the anchor in one step (month ends clamp once). */
export function addCadence(anchor: IsoDate, cadence: Cadence, times: number): IsoDate {
  if (cadence.unit === 'week') {
    return isoDate(dayNumber(anchor, 'anchor') + 7 * cadence.every * times);
  }
  const base = DateTime.fromISO(anchor, { zone: 'UTC' });
  const months = cadence.unit === 'year' ? 12 * cadence.every * times : cadence.every * times;
  return base.plus({ months }).toISODate() as IsoDate;
}

/** Whole months between two cadences' multiples are not needed; this gives the cadence in months (weeks: undefined). */
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

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
