import { publicHolidays } from '../calendar/public-holidays';
import { WEEKDAYS } from '../calendar/calendar.types';
import type { CalendarSpec, Weekday } from '../calendar/calendar.types';
import { weekdayIndex } from '../calendar/civil-date';
import { MaintenanceError } from './maintenance.errors';
import type { IsoDate } from './maintenance.types';
import { dayNumber, fromDayNumber } from './plain-date';

/** How far a date may move to find a working day before the calendar is considered broken. */
const MAX_SHIFT_DAYS = 31;
/** Remembered working-day answers per rule (≈ 27 years of days). */
const MEMO_LIMIT = 10_000;

export interface WorkingDayOptions {
  /** Public holidays of this region close the day ('DE', 'DE-BY', …; see publicHolidays). */
  readonly holidayRegion?: string;
  /** Extra closed dates (plant shutdown, company holidays). */
  readonly holidays?: readonly IsoDate[];
  /** Working weekdays; Monday to Friday when omitted. */
  readonly weekdays?: readonly Weekday[];
}

/**
 * The site's working-day predicate for ScheduleContext.isWorkingDay: a working weekday that is neither a
 * public holiday of the region (libs/domain/src/calendar, date-holidays data) nor an extra closed date.
 * Throws UnknownHolidayRegionError for an unknown region on first use.
 */
export function workingDayRule(options: WorkingDayOptions = {}): (d: IsoDate) => boolean {
  const open = new Set((options.weekdays ?? WEEKDAYS.slice(0, 5)).map((w) => WEEKDAYS.indexOf(w)));
  const extra = new Set(options.holidays ?? []);
  const region = options.holidayRegion;
  if (region !== undefined) {
    publicHolidays(region, 2000); // fail fast on an unknown region
  }
  // plans of many assets ask about the same few hundred dates: remember the answers (bounded)
  const memo = new Map<string, boolean>();
  return (d: IsoDate): boolean => {
    const hit = memo.get(d);
    if (hit !== undefined) {
      return hit;
    }
    const working =
      open.has(weekdayIndex(dayNumber(d, 'date'))) &&
      !extra.has(d) &&
      (region === undefined || !publicHolidays(region, Number(d.slice(0, 4))).has(d));
    if (memo.size >= MEMO_LIMIT) {
      memo.clear();
    }
    memo.set(d, working);
    return working;
  };
}

/** Working days of a business calendar spec: a weekday with open windows, no holiday of its region or list. */
export function workingDayRuleFromCalendar(spec: CalendarSpec): (d: IsoDate) => boolean {
  return workingDayRule({
    weekdays: WEEKDAYS.filter((w) => (spec.week[w] ?? []).length > 0),
    ...(spec.holidayRegion !== undefined ? { holidayRegion: spec.holidayRegion } : {}),
    ...(spec.holidays !== undefined ? { holidays: spec.holidays } : {}),
  });
}

/** The date itself when it is a working day, else the closest EARLIER one (statutory deadlines). */
export function previousWorkingDay(d: IsoDate, isWorkingDay: (d: IsoDate) => boolean): IsoDate {
  return fromDayNumber(shiftToWorkingDay(dayNumber(d, 'date'), -1, isWorkingDay));
}

/** The date itself when it is a working day, else the closest LATER one (planning targets). */
export function nextWorkingDay(d: IsoDate, isWorkingDay: (d: IsoDate) => boolean): IsoDate {
  return fromDayNumber(shiftToWorkingDay(dayNumber(d, 'date'), 1, isWorkingDay));
}

/**
 * The day number itself when it is a working day, else the closest one in direction `step`. With `limit`
 * (forward only) the search stops there and returns `limit` even when it is not a working day — a planning
 * target never passes the legal latest date. Throws MaintenanceError when a month has no working day.
 */
export function shiftToWorkingDay(
  day: number,
  step: 1 | -1,
  isWorkingDay: (d: IsoDate) => boolean,
  limit?: number,
): number {
  let n = day;
  for (let i = 0; i <= MAX_SHIFT_DAYS; i++) {
    if (limit !== undefined && n >= limit) {
      return limit;
    }
    if (isWorkingDay(fromDayNumber(n))) {
      return n;
    }
    n += step;
  }
  throw new MaintenanceError('isWorkingDay', `no working day within ${MAX_SHIFT_DAYS} days of ${fromDayNumber(day)}`);
}
