import { IANAZone } from 'luxon';

import { CalendarSpecError } from './calendar.errors';
import type { CalendarSpec, Weekday } from './calendar.types';
import { WEEKDAYS } from './calendar.types';
import { parseIsoDate } from './civil-date';
import { UnknownHolidayRegionError, assertHolidayRegion } from './public-holidays';

/** Minutes of the day; a window is [start, end) with 0 ≤ start < end ≤ 1440. */
export const MINUTES_PER_DAY = 1440;

/**
 * A validated spec in the form the calendar computes with. Windows are flat, sorted, merged
 * minute pairs `[s0, e0, s1, e1, …]` per weekday (index 0 = Monday).
 */
export interface ParsedCalendarSpec {
  readonly timezone: string;
  readonly week: ReadonlyArray<readonly number[]>;
  readonly holidayWindows: readonly number[];
  readonly holidays: ReadonlySet<string>;
  readonly holidayRegion: string | undefined;
  /** Every day 00:00–24:00 and nothing that could close a day: business time = real time. */
  readonly alwaysOpen: boolean;
}

const HH_MM = /^(\d{2}):(\d{2})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseTime(text: unknown, field: string, isEnd: boolean): number {
  if (typeof text !== 'string') {
    throw new CalendarSpecError(field, `expected a time 'HH:mm', got ${JSON.stringify(text)}`);
  }
  const m = HH_MM.exec(text);
  const hours = m ? Number(m[1]) : NaN;
  const minutes = m ? Number(m[2]) : NaN;
  if (isEnd && text === '24:00') {
    return MINUTES_PER_DAY;
  }
  if (!m || hours > 23 || minutes > 59) {
    const hint = isEnd ? "'00:00'..'23:59' or '24:00'" : "'00:00'..'23:59'";
    throw new CalendarSpecError(field, `malformed time '${text}', expected 'HH:mm' in ${hint}`);
  }
  return hours * 60 + minutes;
}

/** Validates a weekday's (or the holidays') window list into sorted, merged minute pairs. */
function parseWindows(value: unknown, field: string): number[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new CalendarSpecError(field, "expected a list of windows like [['08:00', '18:00']]");
  }
  const windows: Array<{ start: number; end: number; index: number }> = [];
  value.forEach((window: unknown, index) => {
    const at = `${field}[${index}]`;
    if (!Array.isArray(window) || window.length !== 2) {
      throw new CalendarSpecError(at, "expected a window ['HH:mm', 'HH:mm']");
    }
    const start = parseTime(window[0], at, false);
    const end = parseTime(window[1], at, true);
    if (end <= start) {
      throw new CalendarSpecError(
        at,
        `window ends before it starts ('${String(window[1])}' ≤ '${String(window[0])}'); ` +
          "split an overnight window at midnight: ['22:00','24:00'] today and ['00:00','06:00'] the next day",
      );
    }
    windows.push({ start, end, index });
  });
  windows.sort((a, b) => a.start - b.start || a.index - b.index);
  const flat: number[] = [];
  let previous: { start: number; end: number; index: number } | undefined;
  for (const w of windows) {
    if (previous && w.start < previous.end) {
      const [later, earlier] = w.index > previous.index ? [w, previous] : [previous, w];
      throw new CalendarSpecError(`${field}[${later.index}]`, `window overlaps ${field}[${earlier.index}]`);
    }
    if (previous && w.start === previous.end) {
      flat[flat.length - 1] = w.end; // adjacent windows are one open span
    } else {
      flat.push(w.start, w.end);
    }
    previous = w;
  }
  return flat;
}

/**
 * Validates untrusted calendar data (a JSON column, a request body) and normalises it.
 * Throws CalendarSpecError naming the first bad field.
 */
export function parseCalendarSpec(input: unknown): ParsedCalendarSpec {
  if (!isRecord(input)) {
    throw new CalendarSpecError('spec', 'expected an object { timezone, week, holidays?, holidayRegion? }');
  }
  const spec = input as Partial<Record<keyof CalendarSpec, unknown>>;

  if (typeof spec.timezone !== 'string' || spec.timezone.length === 0) {
    throw new CalendarSpecError('timezone', "expected an IANA time zone name such as 'Europe/Berlin'");
  }
  if (!IANAZone.isValidZone(spec.timezone)) {
    throw new CalendarSpecError(
      'timezone',
      `unknown time zone '${spec.timezone}' (expected an IANA name such as 'Europe/Berlin')`,
    );
  }

  if (!isRecord(spec.week)) {
    throw new CalendarSpecError('week', "expected an object of weekday windows, e.g. { mon: [['08:00', '18:00']] }");
  }
  const weekInput = spec.week;
  for (const key of Object.keys(weekInput)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      throw new CalendarSpecError(`week.${key}`, `unknown weekday '${key}' (expected one of ${WEEKDAYS.join(', ')})`);
    }
  }
  const week = WEEKDAYS.map((day: Weekday) => parseWindows(weekInput[day], `week.${day}`));
  if (week.every((windows) => windows.length === 0)) {
    throw new CalendarSpecError('week', 'the calendar has no open time at all (every weekday is closed)');
  }

  const holidays = new Set<string>();
  if (spec.holidays !== undefined) {
    if (!Array.isArray(spec.holidays)) {
      throw new CalendarSpecError('holidays', "expected a list of local dates 'YYYY-MM-DD'");
    }
    spec.holidays.forEach((date: unknown, index) => {
      if (typeof date !== 'string' || parseIsoDate(date) === undefined) {
        throw new CalendarSpecError(
          `holidays[${index}]`,
          `expected a real local date 'YYYY-MM-DD', got ${JSON.stringify(date)}`,
        );
      }
      holidays.add(date);
    });
  }

  let holidayRegion: string | undefined;
  if (spec.holidayRegion !== undefined) {
    if (typeof spec.holidayRegion !== 'string') {
      throw new CalendarSpecError('holidayRegion', "expected a region code such as 'DE' or 'DE-BY'");
    }
    try {
      assertHolidayRegion(spec.holidayRegion);
    } catch (error) {
      if (error instanceof UnknownHolidayRegionError) {
        throw new CalendarSpecError(
          'holidayRegion',
          `unknown holiday region '${spec.holidayRegion}' (expected e.g. 'DE', 'DE-BY', 'DE-SN')`,
        );
      }
      throw error;
    }
    holidayRegion = spec.holidayRegion;
  }

  const holidayWindows = parseWindows(spec.holidayWindows, 'holidayWindows');

  const fullDay = (w: readonly number[]): boolean => w.length === 2 && w[0] === 0 && w[1] === MINUTES_PER_DAY;
  const closesSomeDay = holidays.size > 0 || (holidayRegion !== undefined && !fullDay(holidayWindows));
  const alwaysOpen = week.every(fullDay) && !closesSomeDay;

  return { timezone: spec.timezone, week, holidayWindows, holidays, holidayRegion, alwaysOpen };
}
