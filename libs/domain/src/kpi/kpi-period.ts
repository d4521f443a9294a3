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

/** True when `text` has the shape of a period key (no zone needed). */
export function isKpiPeriodKey(text: unknown): text is string {
  return typeof text === 'string' && PERIOD.test(text) && Number(text.slice(0, 4)) >= 1970;
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
