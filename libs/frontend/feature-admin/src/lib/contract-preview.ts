import type { AssetClass, CalendarSpecInput, SlaMatrixInput } from '@leitstand/api-contracts';
import {
  BusinessCalendar,
  CalendarRangeError,
  CalendarSpecError,
  type CalendarSpec,
  SlaInputError,
  type SlaMatrixSpec,
  buildSlaMatrix,
  computeSlaClocks,
} from '@leitstand/domain';
import type { FieldProblem } from './api-problems';

/**
 * The contract editor's preview, computed in the browser by the same pure functions the server's SLA clocks use
 * (@leitstand/domain: BusinessCalendar, buildSlaMatrix, computeSlaClocks), so what the editor shows is what a
 * ticket will get. Calendars without their own zone or holiday region take the site's, as on the server.
 */

/** Where the calendars are evaluated: the first covered site, or Europe/Berlin with nationwide holidays. */
export interface PreviewRegion {
  timezone: string;
  state: string;
}

export const DEFAULT_REGION: PreviewRegion = { timezone: 'Europe/Berlin', state: 'DE' };

export interface PreviewCalendars {
  calendars: Record<string, BusinessCalendar>;
  /** Problems at the API's paths (`calendars.<key>.week.mon[0]`), one per broken calendar. */
  problems: FieldProblem[];
}

export function buildPreviewCalendars(
  specs: Readonly<Record<string, CalendarSpecInput>>,
  region: PreviewRegion,
): PreviewCalendars {
  const calendars: Record<string, BusinessCalendar> = {};
  const problems: FieldProblem[] = [];
  for (const [key, spec] of Object.entries(specs)) {
    try {
      calendars[key] = BusinessCalendar.fromSpec({
        ...spec,
        timezone: spec.timezone ?? region.timezone,
        ...(spec.holidayRegion === undefined ? { holidayRegion: region.state } : {}),
      } as CalendarSpec);
    } catch (error) {
      if (!(error instanceof CalendarSpecError)) throw error;
      problems.push({ field: `calendars.${key}.${error.field}`, messages: [error.reason] });
    }
  }
  return { calendars, problems };
}

/** One open period of a calendar; `to` null when it stays open for longer than the horizon (24/7). */
export interface Opening {
  from: Date;
  to: Date | null;
}

const MINUTE = 60_000;
const HORIZON_MINUTES = 8 * 24 * 60;

/** Is the calendar open during the whole of [from, from + minutes)? */
function openThrough(calendar: BusinessCalendar, from: Date, minutes: number): boolean {
  return calendar.minutesBetween(from, new Date(from.getTime() + minutes * MINUTE)) === minutes;
}

/**
 * The next `count` open periods from `now` on (the current one first when open). Windows are whole minutes, so the
 * end of a period is found by a binary search over minutes (at most log2(8 days) ≈ 14 steps).
 */
export function nextOpenings(calendar: BusinessCalendar, now: Date, count: number): Opening[] {
  const openings: Opening[] = [];
  let at = now;
  for (let i = 0; i < count; i++) {
    let from: Date;
    try {
      from = calendar.nextOpening(at);
    } catch (error) {
      if (error instanceof CalendarRangeError) break; // never opens again
      throw error;
    }
    // Windows start and end on whole minutes: when `from` is "now" inside a window, the minute it began in is
    // open too, and the search runs from there so that the end lands on the window's edge.
    const base = new Date(Math.floor(from.getTime() / MINUTE) * MINUTE);
    if (openThrough(calendar, base, HORIZON_MINUTES)) {
      openings.push({ from, to: null });
      break;
    }
    let low = 0; // open through `low` minutes
    let high = HORIZON_MINUTES; // not open through `high` minutes
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (openThrough(calendar, base, mid)) low = mid;
      else high = mid;
    }
    const to = new Date(base.getTime() + low * MINUTE);
    openings.push({ from, to });
    at = to;
  }
  return openings;
}

export interface SampleDeadline {
  clock: 'response' | 'restore';
  /** null: the budget never ends on this calendar (it never opens). */
  deadline: Date | null;
  warningAt: Date | null;
  budgetMinutes: number;
}

export type SampleResult = { ok: true; deadlines: SampleDeadline[] } | { ok: false; problems: FieldProblem[] };

/**
 * When would a ticket of `priority` reported at `reportedAt` have to be accepted and restored? The matrix is built
 * with the domain's buildSlaMatrix and the clocks with computeSlaClocks at the report instant (nothing used yet).
 */
export function sampleDeadlines(
  matrix: SlaMatrixInput,
  calendars: Readonly<Record<string, BusinessCalendar>>,
  priority: AssetClass,
  reportedAt: Date,
): SampleResult {
  try {
    const built = buildSlaMatrix(matrix as unknown as SlaMatrixSpec, calendars);
    const clocks = computeSlaClocks({
      events: [{ type: 'created', at: reportedAt, priority }],
      matrix: built,
      now: reportedAt,
    });
    return {
      ok: true,
      deadlines: (['response', 'restore'] as const).map((clock) => ({
        clock,
        deadline: clocks[clock].deadline,
        warningAt: clocks[clock].warningAt,
        budgetMinutes: clocks[clock].budgetMinutes,
      })),
    };
  } catch (error) {
    if (error instanceof SlaInputError) {
      return {
        ok: false,
        problems: [{ field: `slaMatrix.${error.field.replace(/^matrix\./, '')}`, messages: [error.reason] }],
      };
    }
    if (error instanceof CalendarRangeError) {
      return { ok: false, problems: [{ field: 'slaMatrix', messages: [error.message] }] };
    }
    throw error;
  }
}
