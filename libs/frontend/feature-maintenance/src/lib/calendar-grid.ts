import { OCCURRENCE_STATUS_ORDER, type OccurrenceStatusValue } from '@leitstand/frontend/ui';

/**
 * The planner calendar's pure parts: month grids (Monday-first weeks of ISO dates) and year tables (12 months ×
 * count per status). Plan dates are plain dates ('yyyy-mm-dd' in the site's zone), so all arithmetic is on UTC
 * midnights of those dates: no zone and no daylight-saving shift can move a day.
 */

/** A month key 'yyyy-mm'. */
export type MonthKey = string;
export type IsoDay = string;

/** What the calendar needs of an occurrence row. */
export interface CalendarItem {
  readonly id: string;
  readonly targetDate: IsoDay;
  readonly status: string;
}

export interface CalendarDay<T extends CalendarItem> {
  readonly date: IsoDay;
  /** Day of the month (1–31). */
  readonly day: number;
  /** false for the leading/trailing days of the neighbouring months that fill the first and last week. */
  readonly inMonth: boolean;
  readonly isToday: boolean;
  readonly weekend: boolean;
  readonly items: readonly T[];
}

export interface CalendarWeek<T extends CalendarItem> {
  /** ISO 8601 week number of the week's Thursday. */
  readonly isoWeek: number;
  readonly days: readonly CalendarDay<T>[];
}

export interface MonthGrid<T extends CalendarItem> {
  readonly month: MonthKey;
  /** First and last day shown (a Monday and a Sunday): the range to load. */
  readonly from: IsoDay;
  readonly to: IsoDay;
  readonly weeks: readonly CalendarWeek<T>[];
}

const DAY_MS = 86_400_000;

export function isMonthKey(value: string | null | undefined): value is MonthKey {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

export function isIsoDay(value: string | null | undefined): value is IsoDay {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return toIsoDay(toUtc(value)) === value;
}

function toUtc(day: IsoDay): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function toIsoDay(ms: number): IsoDay {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `day` plus `n` days (n may be negative). */
export function addDays(day: IsoDay, n: number): IsoDay {
  return toIsoDay(toUtc(day) + n * DAY_MS);
}

/** The month `delta` months after `month` ('2026-12' + 1 → '2027-01'). */
export function shiftMonth(month: MonthKey, delta: number): MonthKey {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Number of days of a month (leap years included). */
export function daysInMonth(month: MonthKey): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(day: IsoDay): number {
  return new Date(toUtc(day)).getUTCDay() || 7;
}

/** ISO 8601 week number: the week of the year that holds its Thursday. */
export function isoWeek(day: IsoDay): number {
  const thursday = toUtc(addDays(day, 4 - isoWeekday(day)));
  const jan1 = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - jan1) / DAY_MS / 7) + 1;
}

/** The first and last day of a month. */
export function monthBounds(month: MonthKey): { from: IsoDay; to: IsoDay } {
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(month)).padStart(2, '0')}` };
}

/** The first and last day of a year. */
export function yearBounds(year: number): { from: IsoDay; to: IsoDay } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The days a month view shows: from the Monday on or before the 1st to the Sunday on or after the last day. */
export function monthGridRange(month: MonthKey): { from: IsoDay; to: IsoDay } {
  const { from, to } = monthBounds(month);
  return { from: addDays(from, 1 - isoWeekday(from)), to: addDays(to, 7 - isoWeekday(to)) };
}

/**
 * The month view: Monday-first weeks (4–6) covering the month, each day with the items whose target date it is,
 * sorted by status order (missed and overdue first draw the eye, then the rest as in the legend) and title-stable.
 */
export function buildMonthGrid<T extends CalendarItem>(
  month: MonthKey,
  items: readonly T[],
  today: IsoDay,
): MonthGrid<T> {
  const { from, to } = monthGridRange(month);
  const byDay = new Map<IsoDay, T[]>();
  for (const item of items) {
    const list = byDay.get(item.targetDate);
    if (list) list.push(item);
    else byDay.set(item.targetDate, [item]);
  }
  const weeks: CalendarWeek<T>[] = [];
  for (let start = from; start <= to; start = addDays(start, 7)) {
    const days: CalendarDay<T>[] = [];
    for (let i = 0; i < 7; i++) {
      const date = addDays(start, i);
      days.push({
        date,
        day: Number(date.slice(8, 10)),
        inMonth: date.startsWith(month),
        isToday: date === today,
        weekend: i >= 5,
        items: [...(byDay.get(date) ?? [])].sort(byUrgency),
      });
    }
    weeks.push({ isoWeek: isoWeek(start), days });
  }
  return { month, from, to, weeks };
}

/** Missed, overdue and due first (they need action), then planned, done and cancelled. */
const URGENCY: Readonly<Record<string, number>> = {
  missed: 0,
  overdue: 1,
  due: 2,
  planned: 3,
  'done-late': 4,
  'done-on-time': 5,
  cancelled: 6,
};

function byUrgency(a: CalendarItem, b: CalendarItem): number {
  return (URGENCY[a.status] ?? 7) - (URGENCY[b.status] ?? 7) || a.id.localeCompare(b.id);
}

export type StatusCounts = Readonly<Record<OccurrenceStatusValue, number>> & { readonly total: number };

export interface YearRow {
  readonly month: MonthKey;
  readonly counts: StatusCounts;
}

export interface YearTable {
  readonly year: number;
  readonly rows: readonly YearRow[];
  readonly totals: StatusCounts;
}

function emptyCounts(): Record<OccurrenceStatusValue, number> & { total: number } {
  const counts = { total: 0 } as Record<OccurrenceStatusValue, number> & { total: number };
  for (const status of OCCURRENCE_STATUS_ORDER) counts[status] = 0;
  return counts;
}

/**
 * The year view: for each of the 12 months the number of occurrences per status (by target date), and the year's
 * totals. Items outside the year and unknown statuses are not counted in a status column (unknown ones still
 * count in the month's total, so the total never hides a row).
 */
export function buildYearTable(year: number, items: readonly CalendarItem[]): YearTable {
  const rows = Array.from({ length: 12 }, (_, i) => ({
    month: `${year}-${String(i + 1).padStart(2, '0')}`,
    counts: emptyCounts(),
  }));
  const totals = emptyCounts();
  const prefix = `${year}-`;
  for (const item of items) {
    if (!item.targetDate.startsWith(prefix)) continue;
    const row = rows[Number(item.targetDate.slice(5, 7)) - 1];
    if (!row) continue;
    row.counts.total++;
    totals.total++;
    if ((OCCURRENCE_STATUS_ORDER as readonly string[]).includes(item.status)) {
      row.counts[item.status as OccurrenceStatusValue]++;
      totals[item.status as OccurrenceStatusValue]++;
    }
  }
  return { year, rows, totals };
}

/** Today's date in a zone as 'yyyy-mm-dd' (the planner looks at the site's days; Europe/Berlin by default). */
export function todayIn(now: Date, timeZone = 'Europe/Berlin'): IsoDay {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
