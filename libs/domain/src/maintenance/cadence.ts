import { MaintenanceError } from './maintenance.errors';
import type { Cadence } from './maintenance.types';

const UNITS: readonly Cadence['unit'][] = ['week', 'month', 'year'];

/**
 * "n× per year" as a cadence: 1 → every year, 2 → every 6 months, 3 → 4, 4 → 3, 6 → 2, 12 → 1 month; 52 → every
 * week. (1×/a is { every: 1, unit: 'year' }, as in the catalogue; it plans the same dates as 12 months.)
 * Other counts (5×/a, 8×/a …) have no whole-month interval and throw MaintenanceError — write them as weeks.
 */
export function cadenceFromTimesPerYear(n: number, field = 'timesPerYear'): Cadence {
  if (n === 52) {
    return { every: 1, unit: 'week' };
  }
  if (n === 1) {
    return { every: 1, unit: 'year' };
  }
  if (Number.isInteger(n) && n >= 1 && n <= 12 && 12 % n === 0) {
    return { every: 12 / n, unit: 'month' };
  }
  throw new MaintenanceError(
    field,
    `${JSON.stringify(n)} times a year has no whole-month interval (allowed: 1, 2, 3, 4, 6, 12, 52)`,
  );
}

/** Validates a cadence: every is a whole number 1…520 weeks / 1…240 months / 1…20 years. */
export function assertCadence(value: unknown, field = 'cadence'): Cadence {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MaintenanceError(field, 'expected an object { every, unit }');
  }
  const { every, unit } = value as Record<string, unknown>;
  if (typeof unit !== 'string' || !(UNITS as readonly string[]).includes(unit)) {
    throw new MaintenanceError(
      `${field}.unit`,
      `expected one of ${UNITS.join(', ')}, got ${JSON.stringify(unit) ?? 'nothing'}`,
    );
  }
  const max = unit === 'week' ? 520 : unit === 'month' ? 240 : 20;
  if (typeof every !== 'number' || !Number.isInteger(every) || every < 1 || every > max) {
    throw new MaintenanceError(
      `${field}.every`,
      `expected a whole number 1…${max}, got ${JSON.stringify(every) ?? 'nothing'}`,
    );
  }
  return { every, unit: unit as Cadence['unit'] };
}

/**
 * Default lead time in days (when the work order appears before the target), after UpKeep's creation cadence
 * (weekly work shortly before, monthly 28 days, yearly 3 months):
 * - weeks: 2 days per week of interval (weekly 2, fortnightly 4), at most 28;
 * - months: 21 + 7 × months, at most 91 (monthly 28, 2-monthly 35, quarterly 42, 4-monthly 49, half-yearly 63);
 * - a year or more: 91 days (≈ 3 months).
 */
export function defaultLeadDays(c: Cadence): number {
  switch (c.unit) {
    case 'week':
      return Math.min(28, 2 * c.every);
    case 'month':
      return Math.min(91, 21 + 7 * c.every);
    case 'year':
      return 91;
  }
}

/** "alle 2 Monate", "jährlich", "wöchentlich" — the German label of a cadence. */
export function cadenceLabelDe(c: Cadence): string {
  if (c.every === 1) {
    return c.unit === 'week' ? 'wöchentlich' : c.unit === 'month' ? 'monatlich' : 'jährlich';
  }
  const unit = c.unit === 'week' ? 'Wochen' : c.unit === 'month' ? 'Monate' : 'Jahre';
  return `alle ${c.every} ${unit}`;
}
