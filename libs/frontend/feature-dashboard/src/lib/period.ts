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

/** A contract's term as the contract list gives it (local dates, `endsOn` inclusive, null = open-ended). */
export interface ContractTerm {
  readonly id: string;
  readonly startsOn?: string;
  readonly endsOn?: string | null;
}

function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** First and last local day of a period ('2026-Q4' → 2026-10-01 … 2026-12-31). */
export function periodDays(key: string): { first: string; last: string } {
  const year = Number(key.slice(0, 4));
  const kind = periodKind(key);
  const month =
    kind === 'month' ? Number(key.slice(5, 7)) : kind === 'quarter' ? (Number(key.slice(6)) - 1) * 3 + 1 : 1;
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  return { first: isoDate(year, month, 1), last: isoDate(year, month + months, 0) };
}

/** True when the term covers at least one day of the period (as the KPI API's `term.coverage !== 'none'`). */
export function periodInTerm(key: string, term: ContractTerm): boolean {
  const { first, last } = periodDays(key);
  if (term.startsOn !== undefined && term.startsOn > last) return false;
  return term.endsOn === undefined || term.endsOn === null || term.endsOn >= first;
}

/**
 * What the dashboard opens on. A contract and period from the URL win. Otherwise the period is the last full
 * month, and the contract the first one whose term covers it (the manager's landing page shows figures, not
 * a contract that has not started); a contract whose term ended opens on its last month.
 */
export function openingView(
  contracts: readonly ContractTerm[] | null,
  url: { readonly contract?: string | undefined; readonly period?: string | undefined },
  now: Date,
): { contractId: string | null; period: string } {
  const urlPeriod = url.period && periodKind(url.period) ? url.period : undefined;
  const period = urlPeriod ?? lastFullMonth(now);
  // Before the list arrives only a full link (contract and period) can load at once.
  if (contracts === null) return { contractId: url.contract && urlPeriod ? url.contract : null, period };
  const fromUrl = url.contract ? contracts.find((c) => c.id === url.contract) : undefined;
  const contract = fromUrl ?? contracts.find((c) => periodInTerm(period, c)) ?? contracts[0];
  if (contract === undefined) return { contractId: null, period };
  if (urlPeriod === undefined && !periodInTerm(period, contract) && contract.endsOn && contract.endsOn < period) {
    return { contractId: contract.id, period: contract.endsOn.slice(0, 7) };
  }
  return { contractId: contract.id, period };
}
