import { BusinessCalendar } from '../calendar/business-calendar';
import { assertBudget } from './sla-clock';
import { SlaInputError } from './sla.errors';
import type { ClockKind, Priority, SlaBudget, SlaMatrix, SlaTarget } from './sla.types';
import { CLOCK_KINDS, PRIORITIES } from './sla.types';

/** Warning share used when a stored target gives none. */
export const DEFAULT_WARNING_SHARE = 0.75;

/** One SLA target as stored data: the calendar is referenced by key (e.g. '24-7', 'seed-002-on-site'). */
export interface SlaTargetSpec {
  budget: SlaBudget;
  calendar: string;
  warningShare?: number;
}

export type SlaMatrixSpec = Record<Priority, Record<ClockKind, SlaTargetSpec>>;

/**
 * Builds a contract's SLA matrix from stored JSON and the calendars it refers to.
 * Throws SlaInputError naming the bad field ('matrix.C.restore.calendar', …).
 */
export function buildSlaMatrix(spec: SlaMatrixSpec, calendars: Readonly<Record<string, BusinessCalendar>>): SlaMatrix {
  const matrix = {} as SlaMatrix;
  for (const priority of PRIORITIES) {
    const row = {} as Record<ClockKind, SlaTarget>;
    for (const clock of CLOCK_KINDS) {
      const field = `matrix.${priority}.${clock}`;
      const target = (spec as Partial<Record<Priority, Partial<Record<ClockKind, SlaTargetSpec>>>> | undefined)?.[
        priority
      ]?.[clock];
      if (target === undefined || target === null || typeof target !== 'object') {
        throw new SlaInputError(field, 'missing SLA target');
      }
      assertBudget(target.budget, `${field}.budget`);
      const calendar = Object.prototype.hasOwnProperty.call(calendars, target.calendar)
        ? calendars[target.calendar]
        : undefined;
      if (!(calendar instanceof BusinessCalendar)) {
        throw new SlaInputError(`${field}.calendar`, `unknown calendar '${String(target.calendar)}'`);
      }
      const warningShare = target.warningShare ?? DEFAULT_WARNING_SHARE;
      if (!(Number.isFinite(warningShare) && warningShare > 0 && warningShare <= 1)) {
        throw new SlaInputError(`${field}.warningShare`, `expected a share in (0, 1], got ${warningShare}`);
      }
      const budget: SlaBudget =
        target.budget.kind === 'minutes'
          ? { kind: 'minutes', minutes: target.budget.minutes }
          : { kind: 'businessDays', days: target.budget.days };
      row[clock] = { budget, calendar, warningShare };
    }
    matrix[priority] = row;
  }
  return matrix;
}
