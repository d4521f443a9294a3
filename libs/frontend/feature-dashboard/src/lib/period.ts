import type { Localizer } from './localizer';

/** Period keys of the KPI API: month '2026-10', quarter '2026-Q4', year '2026' (local to the contract's zone). */
export type PeriodKind = 'month' | 'quarter' | 'year';

export interface PeriodOption {
  readonly key: string;
  readonly label: string;
}

/** Year and month (1–12) of an instant in a zone. */
function localYearMonth(now: Date, timeZone: string): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month') };
}

function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The last full month before `now` in the zone (Europe/Berlin by default): the dashboard's default period. */
export function lastFullMonth(now: Date, timeZone = 'Europe/Berlin'): string {
  const { year, month } = localYearMonth(now, timeZone);
  return month === 1 ? monthKey(year - 1, 12) : monthKey(year, month - 1);
}

export function periodKind(key: string): PeriodKind | null {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter';
  if (/^\d{4}$/.test(key)) return 'year';
  return null;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

function monthName(locale: string, year: number, month: number): string {
  let format = monthFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' });
    monthFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(year, month - 1, 15)));
}

/** "2026-10" → "Oktober 2026" / "October 2026", "2026-Q4" → "4. Quartal 2026" / "Q4 2026", "2026" → "Jahr 2026". */
export function periodLabel(key: string, texts: Localizer): string {
  switch (periodKind(key)) {
    case 'month':
      return monthName(texts.locale, Number(key.slice(0, 4)), Number(key.slice(5, 7)));
    case 'quarter':
      return texts.t('dashboard.period.quarter', { quarter: key.slice(6), year: key.slice(0, 4) });
    case 'year':
      return texts.t('dashboard.period.year', { year: key });
    case null:
      return key;
  }
}

/** The picker's choices of a kind, newest first, ending with the period that contains `now`. */
export function periodOptions(
  kind: PeriodKind,
  now: Date,
  texts: Localizer,
  timeZone = 'Europe/Berlin',
): PeriodOption[] {
  const { year, month } = localYearMonth(now, timeZone);
  const keys: string[] = [];
  if (kind === 'month') {
    for (let i = 0; i < 24; i++) {
      const index = year * 12 + (month - 1) - i;
      keys.push(monthKey(Math.floor(index / 12), (index % 12) + 1));
    }
  } else if (kind === 'quarter') {
    const current = year * 4 + Math.floor((month - 1) / 3);
    for (let i = 0; i < 8; i++) {
      const index = current - i;
      keys.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`);
    }
  } else {
    for (let i = 0; i < 4; i++) keys.push(String(year - i));
  }
  return keys.map((key) => ({ key, label: periodLabel(key, texts) }));
}

/** The period of another kind that contains the given one's start (month 2026-10 → 2026-Q4 → 2026). */
export function convertPeriod(key: string, kind: PeriodKind): string {
  const year = key.slice(0, 4);
  let month = 1;
  if (periodKind(key) === 'month') month = Number(key.slice(5, 7));
  if (periodKind(key) === 'quarter') month = (Number(key.slice(6)) - 1) * 3 + 1;
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  return monthKey(Number(year), month);
}
