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

/** minutes after midnight → "HH:MM" (1440 → "24:00"). */
export function formatLocalTime(minuteOfDay: number): string {
  return `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
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
