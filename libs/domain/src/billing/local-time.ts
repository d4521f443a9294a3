import type { Weekday } from './price-list.types';
import { WEEKDAYS } from './price-list.types';

export const MINUTES_PER_DAY = 1440;

const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** "HH:MM" → minutes after local midnight, 0…1440 ("24:00" = 1440). undefined when not a time within 00:00–24:00. */
export function parseLocalTime(text: string): number | undefined {
  const m = TIME_PATTERN.exec(text);
  if (m === null) {
    return undefined;
  }
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
    return undefined;
  }
  return hours * 60 + minutes;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatHhMm(minuteOfDay: number): string {
  return `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

/** "00:00" … "24:00", built once: explanations format several local times per priced line. */
const HH_MM: readonly string[] = Array.from({ length: MINUTES_PER_DAY + 1 }, (_, m) => formatHhMm(m));

/** minutes after midnight → "HH:MM" (1440 → "24:00"). */
export function formatLocalTime(minuteOfDay: number): string {
  return HH_MM[minuteOfDay] ?? formatHhMm(minuteOfDay);
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(day: Weekday): number {
  return WEEKDAYS.indexOf(day);
}

export const WEEKDAY_ABBR_DE: readonly string[] = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'];
export const WEEKDAY_ABBR_EN: readonly string[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a local epoch-ms value → Monday-based weekday index (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

/** Days since 1970-01-01 → 'YYYY-MM-DD' (proleptic Gregorian, no time zone involved). */
export function epochDayToIsoDate(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' → days since 1970-01-01, or undefined when not a valid calendar date. */
export function isoDateToEpochDay(isoDate: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    return undefined;
  }
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate) {
    return undefined;
  }
  return Math.floor(ms / MS_PER_DAY);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Value of the two ASCII digits at `i`, or -1 when either is not a digit. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * An ISO-8601 instant with zone ("2024-03-12T09:00:00Z", "2024-03-12T10:00+01:00") → epoch ms, or NaN when
 * the text is not such an instant. Same result as `Date.parse` on texts of that form; the common
 * "YYYY-MM-DDTHH:MM:SSZ" form with an unambiguous date and time is read directly (no regex, no Date.parse).
 */
export function parseIsoInstant(text: string): number {
  if (typeof text === 'string' && text.length === 20 && text.charCodeAt(19) === 90 /* Z */) {
    const century = twoDigits(text, 0);
    const yy = twoDigits(text, 2);
    const month = twoDigits(text, 5);
    const day = twoDigits(text, 8);
    const hour = twoDigits(text, 11);
    const minute = twoDigits(text, 14);
    const second = twoDigits(text, 17);
    const year = century * 100 + yy;
    if (
      century >= 19 &&
      yy >= 0 &&
      text.charCodeAt(4) === 45 /* - */ &&
      text.charCodeAt(7) === 45 &&
      text.charCodeAt(10) === 84 /* T */ &&
      text.charCodeAt(13) === 58 /* : */ &&
      text.charCodeAt(16) === 58 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      (day <= (DAYS_IN_MONTH[month - 1] ?? 0) || (month === 2 && day === 29 && isLeapYear(year))) &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59
    ) {
      return (daysFromCivil(year, month, day) * 1440 + hour * 60 + minute) * 60_000 + second * 1000;
    }
  }
  return ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), integers only. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
