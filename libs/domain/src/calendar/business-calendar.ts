import { DateTime, IANAZone } from 'luxon';

import { CalendarRangeError } from './calendar.errors';
import type { CalendarSpec } from './calendar.types';
import { WEEKDAYS } from './calendar.types';
import type { ParsedCalendarSpec } from './calendar-spec';
import { MINUTES_PER_DAY, parseCalendarSpec } from './calendar-spec';
import { BoundedCache } from './bounded-cache';
import { civilFromDays, isoDate, weekdayIndex } from './civil-date';
import { isPublicHoliday } from './public-holidays';

/*
 * ──────────────────────────────────────────────────────────────────────────────────────────────
 *  Business calendar semantics (decided once; each rule has a test in business-calendar-*.spec.ts)
 * ──────────────────────────────────────────────────────────────────────────────────────────────
 *  1. Open time is the union of half-open intervals [opening, closing). `isOpen` is true at an
 *     opening instant and false at a closing instant.
 *  2. Business time is real elapsed time inside open intervals, measured in epoch milliseconds.
 *     Across DST a 24/7 day has 23 h (2026-03-29 Europe/Berlin) or 25 h (2026-10-25); a window
 *     06:00–22:00 is 16 h on both days because it does not contain the switch.
 *  3. Windows are local wall-clock times in the calendar's zone, and day boundaries are the zone's
 *     local midnights — never the server's zone. A local time that does not exist (spring-forward gap)
 *     is read the way luxon, java.time and Temporal ('compatible') read it: shifted forward by the
 *     length of the gap (02:30 on 2026-03-29 → 03:30 CEST). A local time that exists twice (fall-back)
 *     is read as its later, standard-time occurrence (02:30 on 2026-10-25 → 02:30 CET = 01:30Z), as
 *     luxon does. If either rule makes a window empty or overlap its predecessor, it is clipped.
 *  4. A window ending '24:00' ends at the next local midnight; a window starting '00:00' the next day
 *     continues it without a gap, so an overnight on-call span is one open span.
 *  5. Holidays (region public holidays + the spec's extra `holidays`) close whole local days
 *     00:00–24:00, or apply `holidayWindows` instead when the spec gives them.
 *  6. The direction is the operation's, never the sign of the amount: add and subtract take m ≥ 0 and
 *     reject m < 0 (−0 counts as 0). Fractional minutes are fine; results are rounded to the ms.
 *     addMinutes(start, m): the instant at which m business minutes, counted forward from `start`, are
 *     used up. A start in closed time counts from the next opening. A budget used up exactly at a
 *     closing instant ends at that closing instant (not at the next opening). m = 0 returns `start`
 *     when open and the next opening when closed.
 *     subtractMinutes(start, m): the same backwards. A start in closed time counts back from the
 *     previous closing (the end of the last open interval before `start`; a closing instant is its own
 *     previous closing), and a budget used up exactly at an opening instant ends at that opening.
 *     m = 0 returns `start` when open (an opening instant is open) and, when closed, the previous
 *     closing — the zero-length subtraction as GLPI, biz, business_time and KADAI define it.
 *  7. minutesBetween(from, to): business minutes in [from, to); to < from gives the negative of
 *     minutesBetween(to, from). Invariants, for m ≥ 0 (exact for whole minutes, within rounding to the
 *     ms otherwise): minutesBetween(s, addMinutes(s, m)) === m and
 *     minutesBetween(subtractMinutes(s, m), s) === m.
 *  8. nextOpening(at): `at` itself when open, otherwise the next opening instant.
 *  9. closeOfBusinessDay(start, n): "by the close of the n-th business day". A business day is a
 *     local date with any open time. The day on which the clock starts counts as day 1 only if the
 *     clock starts at that day's first opening (a ticket raised before opening, or on a closed day,
 *     gets the whole next business day); otherwise day 1 is the following business day. The close is
 *     the end of that day's last window.
 *
 *  Speed and memory: per local day (key = civil day number in the calendar's zone) the open intervals
 *  are precomputed once as epoch-ms pairs and kept in a bounded two-generation cache (≤ 2,048 days),
 *  so cost grows with the days and windows crossed, never with the minutes, and memory stays bounded
 *  when one calendar is used across decades.
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** Days kept per cache generation; at most twice as many are held. */
const DAY_CACHE_GENERATION = 1024;
/** A search for open time gives up after this many consecutive closed days (~10 years). */
const MAX_CONSECUTIVE_CLOSED_DAYS = 3660;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

/** One local day of the calendar, as epoch milliseconds. */
interface CalendarDay {
  /** Civil day number of the local date (0 = 1970-01-01). */
  readonly key: number;
  /** First instant of the local day (local midnight). */
  readonly start: number;
  /** First instant of the next local day. */
  readonly end: number;
  /** Open intervals as flat pairs [s0, e0, s1, e1, …]: sorted, disjoint, inside [start, end]. */
  readonly open: readonly number[];
  /** Total open milliseconds of the day. */
  readonly openMs: number;
}

function toMs(at: Date, what: string): number {
  const ms = at instanceof Date ? at.getTime() : NaN;
  if (!Number.isFinite(ms)) {
    throw new CalendarRangeError(`${what}: expected a valid Date`);
  }
  return ms;
}

function minutesToMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new CalendarRangeError(`minutes: expected a finite number ≥ 0, got ${minutes}`);
  }
  return minutes * MS_PER_MINUTE;
}

/** Both operations take a finite, non-negative amount; the direction is the operation's (semantics 6). */
function checkBusinessMs(operation: string, startMs: number, ms: number): void {
  if (!Number.isFinite(startMs) || !Number.isFinite(ms)) {
    throw new CalendarRangeError(`${operation}: expected finite numbers`);
  }
  if (ms < 0) {
    throw new CalendarRangeError(`${operation}: expected business ms ≥ 0, got ${ms}`);
  }
}

function toDate(ms: number): Date {
  return new Date(Math.round(ms));
}

export class BusinessCalendar {
  private readonly zone: IANAZone;
  private readonly days = new BoundedCache<number, CalendarDay>(DAY_CACHE_GENERATION);
  private lastDay: CalendarDay | undefined;

  private constructor(
    private readonly parsed: ParsedCalendarSpec,
    private readonly source: CalendarSpec,
  ) {
    this.zone = IANAZone.create(parsed.timezone);
  }

  /** Validates and builds a calendar. Throws CalendarSpecError naming the bad field. */
  static fromSpec(spec: CalendarSpec): BusinessCalendar {
    const parsed = parseCalendarSpec(spec);
    return new BusinessCalendar(parsed, cloneSpec(spec));
  }

  /** A 24/7 calendar: business time equals real elapsed time. */
  static always(timezone = 'UTC'): BusinessCalendar {
    return BusinessCalendar.fromSpec(alwaysOpenSpec(timezone));
  }

  /** The IANA zone the calendar reads its windows in. */
  get timezone(): string {
    return this.parsed.timezone;
  }

  /** True when the calendar is open every instant (24/7 without holidays). */
  get isAlwaysOpen(): boolean {
    return this.parsed.alwaysOpen;
  }

  /** A copy of the spec this calendar was built from (plain data, for storage). */
  toSpec(): CalendarSpec {
    return cloneSpec(this.source);
  }

  /** Days currently cached (bounded; exposed for the memory benchmark and tests). */
  get cachedDays(): number {
    return this.days.size;
  }

  isOpen(at: Date): boolean {
    return this.isOpenAt(toMs(at, 'at'));
  }

  private isOpenAt(ms: number): boolean {
    if (this.parsed.alwaysOpen) {
      return true;
    }
    const open = this.dayAt(ms).open;
    for (let i = 0; i < open.length; i += 2) {
      if (ms < (open[i] as number)) {
        return false;
      }
      if (ms < (open[i + 1] as number)) {
        return true;
      }
    }
    return false;
  }

  /** `at` when open, otherwise the next opening instant. */
  nextOpening(at: Date): Date {
    return toDate(this.addBusinessMs(toMs(at, 'at'), 0));
  }

  /** See semantics 6: `minutes` business minutes forward from `start` (≥ 0, fractional allowed). */
  addMinutes(start: Date, minutes: number): Date {
    return toDate(this.addBusinessMs(toMs(start, 'start'), minutesToMs(minutes)));
  }

  /** See semantics 6: `minutes` business minutes backward from `start` (≥ 0, fractional allowed). */
  subtractMinutes(start: Date, minutes: number): Date {
    return toDate(this.subtractBusinessMs(toMs(start, 'start'), minutesToMs(minutes)));
  }

  /** See semantics 7: business minutes in [from, to), signed. */
  minutesBetween(from: Date, to: Date): number {
    return this.businessMsBetween(toMs(from, 'from'), toMs(to, 'to')) / MS_PER_MINUTE;
  }

  /** See semantics 9: the close of the n-th business day counted from `start`. */
  closeOfBusinessDay(start: Date, n: number): Date {
    if (!Number.isInteger(n) || n < 1) {
      throw new CalendarRangeError(`businessDays: expected a whole number ≥ 1, got ${n}`);
    }
    const begin = this.addBusinessMs(toMs(start, 'start'), 0);
    let day = this.dayAt(begin);
    let count = day.open[0] === begin ? 1 : 0;
    let closed = 0;
    for (;;) {
      if (count === n) {
        return toDate(day.open[day.open.length - 1] as number);
      }
      day = this.day(day.key + 1);
      if (day.openMs > 0) {
        count += 1;
        closed = 0;
      } else if (++closed > MAX_CONSECUTIVE_CLOSED_DAYS) {
        throw this.noOpenTime();
      }
    }
  }

  /**
   * Epoch-millisecond core of addMinutes (no Date allocation; the result may be fractional when
   * `ms` is). Exposed for callers that already work in epoch ms (SLA clocks, the backend).
   */
  addBusinessMs(startMs: number, ms: number): number {
    checkBusinessMs('addBusinessMs', startMs, ms);
    if (this.parsed.alwaysOpen) {
      return startMs + ms;
    }
    return this.forward(startMs, ms);
  }

  /** Epoch-millisecond core of subtractMinutes (see addBusinessMs). */
  subtractBusinessMs(startMs: number, ms: number): number {
    checkBusinessMs('subtractBusinessMs', startMs, ms);
    if (this.parsed.alwaysOpen) {
      return startMs - ms;
    }
    if (ms === 0 && this.isOpenAt(startMs)) {
      // an opening instant is open: zero minutes back stay there (backward() would skip its interval)
      return startMs;
    }
    return this.backward(startMs, ms);
  }

  /** Epoch-millisecond core of minutesBetween: open milliseconds in [fromMs, toMs), signed. */
  businessMsBetween(fromMs: number, toMs: number): number {
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
      throw new CalendarRangeError('businessMsBetween: expected finite numbers');
    }
    if (toMs < fromMs) {
      return 0 - this.businessMsBetween(toMs, fromMs); // 0 − x, never −0
    }
    if (this.parsed.alwaysOpen || toMs === fromMs) {
      return toMs - fromMs;
    }
    let day = this.dayAt(fromMs);
    let sum = 0;
    for (;;) {
      if (fromMs <= day.start && day.end <= toMs) {
        sum += day.openMs;
      } else {
        const open = day.open;
        for (let i = 0; i < open.length; i += 2) {
          const lo = Math.max(open[i] as number, fromMs);
          const hi = Math.min(open[i + 1] as number, toMs);
          if (hi > lo) {
            sum += hi - lo;
          }
        }
      }
      if (toMs <= day.end) {
        return sum;
      }
      day = this.day(day.key + 1);
    }
  }

  private forward(startMs: number, budget: number): number {
    let t = startMs;
    let rest = budget;
    let day = this.dayAt(t);
    let closed = 0;
    for (;;) {
      if (t <= day.start && rest > day.openMs) {
        // the whole day lies ahead and does not use the budget up: skip it in one step
        rest -= day.openMs;
        t = day.end;
      } else {
        const open = day.open;
        for (let i = 0; i < open.length; i += 2) {
          const end = open[i + 1] as number;
          if (end <= t) {
            continue;
          }
          const begin = open[i] as number;
          if (t < begin) {
            t = begin;
          }
          const available = end - t;
          if (rest <= available) {
            return t + rest;
          }
          rest -= available;
          t = end;
        }
      }
      if (day.openMs > 0) {
        closed = 0;
      } else if (++closed > MAX_CONSECUTIVE_CLOSED_DAYS) {
        throw this.noOpenTime();
      }
      day = this.day(day.key + 1);
    }
  }

  private backward(startMs: number, budget: number): number {
    let t = startMs;
    let rest = budget;
    // an instant exactly at a day's start belongs, going backwards, to the previous day
    let day = this.dayAt(t);
    if (t === day.start) {
      day = this.day(day.key - 1);
    }
    let closed = 0;
    for (;;) {
      if (t >= day.end && rest > day.openMs) {
        rest -= day.openMs;
        t = day.start;
      } else {
        const open = day.open;
        for (let i = open.length - 2; i >= 0; i -= 2) {
          const begin = open[i] as number;
          if (begin >= t) {
            continue;
          }
          const end = open[i + 1] as number;
          if (t > end) {
            t = end;
          }
          const available = t - begin;
          if (rest <= available) {
            return t - rest;
          }
          rest -= available;
          t = begin;
        }
      }
      if (day.openMs > 0) {
        closed = 0;
      } else if (++closed > MAX_CONSECUTIVE_CLOSED_DAYS) {
        throw this.noOpenTime();
      }
      day = this.day(day.key - 1);
    }
  }

  private noOpenTime(): CalendarRangeError {
    return new CalendarRangeError(`no open time within ${MAX_CONSECUTIVE_CLOSED_DAYS} consecutive days`);
  }

  /** The local day containing the instant `ms`. */
  private dayAt(ms: number): CalendarDay {
    const last = this.lastDay;
    if (last !== undefined && ms >= last.start && ms < last.end) {
      return last;
    }
    // UTC offsets are within ±18 h, so the local day is the UTC day or one of its neighbours
    let day = this.day(Math.floor(ms / MS_PER_DAY));
    while (ms < day.start) {
      day = this.day(day.key - 1);
    }
    while (ms >= day.end) {
      day = this.day(day.key + 1);
    }
    this.lastDay = day;
    return day;
  }

  private day(key: number): CalendarDay {
    const hit = this.days.get(key);
    if (hit !== undefined) {
      return hit;
    }
    const built = this.buildDay(key);
    this.days.set(key, built);
    return built;
  }

  private buildDay(key: number): CalendarDay {
    const { year } = civilFromDays(key);
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new CalendarRangeError(`instant outside the supported years ${MIN_YEAR}–${MAX_YEAR}`);
    }
    const start = this.localMs(key, 0);
    const end = this.localMs(key + 1, 0);
    const date = isoDate(key);
    const region = this.parsed.holidayRegion;
    const holiday = this.parsed.holidays.has(date) || (region !== undefined && isPublicHoliday(region, date));
    const windows = holiday ? this.parsed.holidayWindows : (this.parsed.week[weekdayIndex(key)] ?? []);
    const open: number[] = [];
    let openMs = 0;
    for (let i = 0; i < windows.length; i += 2) {
      const from = windows[i] as number;
      const to = windows[i + 1] as number;
      const previousEnd = open.length > 0 ? (open[open.length - 1] as number) : start;
      // clip what a DST gap may have shifted (semantics 3)
      const s = Math.max(this.localMs(key, from), previousEnd);
      const e = Math.min(to === MINUTES_PER_DAY ? end : this.localMs(key, to), end);
      if (e <= s) {
        continue;
      }
      if (open.length > 0 && s === previousEnd) {
        open[open.length - 1] = e;
      } else {
        open.push(s, e);
      }
      openMs += e - s;
    }
    return { key, start, end, open, openMs };
  }

  /** Epoch ms of local wall time `minuteOfDay` on civil day `key` in the calendar's zone. */
  private localMs(key: number, minuteOfDay: number): number {
    const { year, month, day } = civilFromDays(key);
    const local = DateTime.fromObject(
      { year, month, day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 },
      { zone: this.zone },
    );
    if (!local.isValid) {
      throw new CalendarRangeError(`cannot read local time ${isoDate(key)} in ${this.parsed.timezone}`);
    }
    return local.toMillis();
  }
}

/** The spec of a 24/7 calendar in `timezone`. */
export function alwaysOpenSpec(timezone = 'UTC'): CalendarSpec {
  const week: CalendarSpec['week'] = {};
  for (const day of WEEKDAYS) {
    week[day] = [['00:00', '24:00']];
  }
  return { timezone, week };
}

function cloneSpec(spec: CalendarSpec): CalendarSpec {
  const week: CalendarSpec['week'] = {};
  for (const day of WEEKDAYS) {
    const windows = spec.week[day];
    if (windows !== undefined) {
      week[day] = windows.map(([from, to]): [string, string] => [from, to]);
    }
  }
  const copy: CalendarSpec = { timezone: spec.timezone, week };
  if (spec.holidays !== undefined) {
    copy.holidays = [...spec.holidays];
  }
  if (spec.holidayRegion !== undefined) {
    copy.holidayRegion = spec.holidayRegion;
  }
  if (spec.holidayWindows !== undefined) {
    copy.holidayWindows = spec.holidayWindows.map(([from, to]): [string, string] => [from, to]);
  }
  return copy;
}
