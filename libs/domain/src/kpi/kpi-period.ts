import { DateTime, IANAZone } from 'luxon';

import { KpiInputInvalidError } from './kpi.errors';

/**
 * A reporting period in a site's zone: a month '2026-10', a quarter '2026-Q3' or a year '2026'.
 * Boundaries are local midnights of the zone (so a month that contains a DST switch has 743 h or
 * 745 h in Europe/Berlin); `to` is exclusive.
 */
export interface KpiPeriod {
  readonly key: string;
  readonly kind: 'month' | 'quarter' | 'year';
  /** Local dates, `to` exclusive: '2026-10-01' … '2026-11-01'. */
  readonly fromDate: string;
  readonly toDate: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly timezone: string;
}

const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

/**
 * Years a period may lie in: from 1970, and up to 9998 so that the period's exclusive end is a date
 * with a four-digit year ('9999-12' would end on '+010000-01-01', which no date field accepts).
 */
const FIRST_YEAR = 1970;
const LAST_YEAR = 9998;

/** True when `text` has the shape of a period key (no zone needed) in a supported year. */
export function isKpiPeriodKey(text: unknown): text is string {
  if (typeof text !== 'string' || !PERIOD.test(text)) return false;
  const year = Number(text.slice(0, 4));
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** Parse a period key in `timezone`; throws KpiInputInvalidError naming 'period' or 'timezone'. */
export function parseKpiPeriod(text: string, timezone: string): KpiPeriod {
  const m = PERIOD.exec(text);
  if (m === null || !isKpiPeriodKey(text)) {
    throw new KpiInputInvalidError([
      { path: 'period', message: `expected 'YYYY-MM', 'YYYY-Qn' or 'YYYY', got '${text}'` },
    ]);
  }
  if (!IANAZone.isValidZone(timezone)) {
    throw new KpiInputInvalidError([{ path: 'timezone', message: `unknown IANA zone '${timezone}'` }]);
  }
  const year = Number(m[1]);
  let kind: KpiPeriod['kind'] = 'year';
  let month = 1;
  let months = 12;
  if (m[2] !== undefined) {
    kind = 'month';
    month = Number(m[2]);
    months = 1;
  } else if (m[3] !== undefined) {
    kind = 'quarter';
    month = (Number(m[3]) - 1) * 3 + 1;
    months = 3;
  }
  const from = DateTime.fromObject({ year, month, day: 1 }, { zone: timezone });
  const to = from.plus({ months });
  return {
    key: text,
    kind,
    fromDate: from.toISODate() ?? '',
    toDate: to.toISODate() ?? '',
    fromMs: from.toMillis(),
    toMs: to.toMillis(),
    timezone,
  };
}

/** How much of a period a contract's term covers: none (wholly before its start or after its end), partly, or all of it. */
export type TermCoverage = 'none' | 'partial' | 'full';

/**
 * The coverage of period [fromDate, toDate) (local dates, `toDate` exclusive) by the term
 * [startsOn, endsOn] (local dates, `endsOn` inclusive, null = open-ended). Dates compare as ISO strings.
 */
export function termCoverage(
  period: { readonly fromDate: string; readonly toDate: string },
  term: { readonly startsOn: string; readonly endsOn: string | null },
): TermCoverage {
  const lastDay = DateTime.fromISO(period.toDate, { zone: 'UTC' }).minus({ days: 1 }).toISODate() ?? period.toDate;
  if (term.startsOn > lastDay) return 'none';
  if (term.endsOn !== null && term.endsOn < period.fromDate) return 'none';
  if (term.startsOn > period.fromDate) return 'partial';
  if (term.endsOn !== null && term.endsOn < lastDay) return 'partial';
  return 'full';
}

/**
 * The instant a period closes: one calendar month after it ends, at local midnight of its zone (October 2026
 * closes on 1 December 2026 00:00 Europe/Berlin; 2026-Q4 and 2026 on 1 February 2027). By then every
 * on-time limit of an occurrence due in the period has passed (target + grace ≤ 28 days, so at most the
 * following month's end) and late restores of its last days are in. A closed period is computed once and
 * frozen: later edits never change it.
 */
export function kpiPeriodClosesAtMs(period: Pick<KpiPeriod, 'toDate' | 'timezone'>): number {
  return DateTime.fromISO(period.toDate, { zone: period.timezone }).plus({ months: 1 }).toMillis();
}

/** True when `period` is closed at `nowMs` (see kpiPeriodClosesAtMs). */
export function isKpiPeriodClosed(period: Pick<KpiPeriod, 'toDate' | 'timezone'>, nowMs: number): boolean {
  return nowMs >= kpiPeriodClosesAtMs(period);
}
