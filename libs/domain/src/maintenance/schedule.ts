import { assertCadence } from './cadence';
import { MaintenanceError } from './maintenance.errors';
import type { Cadence, IsoDate, PlannedOccurrence, RequirementSchedule, ScheduleContext } from './maintenance.types';
import { addCadenceToDay, addMonthsToDay, cadenceMonths, dayNumber, fromDayNumber } from './plain-date';
import { shiftToWorkingDay } from './working-days';

/** A planning target moves at most this far when looking for a working day; used to widen the horizon scan. */
const SCAN_SLACK_DAYS = 32;
const MAX_HORIZON_DAYS = 366 * 100;

/**
 * The occurrences of one requirement (on one asset) whose planning target lies in [ctx.from, ctx.to].
 *
 * Every date depends only on the schedule, the anchor facts (last completion, last main inspection, body
 * deadline) and the calendar — never on the horizon — so overlapping horizons yield the same periodNo with the
 * same dates, and a generator may insert "ON CONFLICT DO NOTHING" by (requirement, asset, periodNo).
 *
 * Rules:
 * - fixed grid: raw target of period k (k ≥ 0) = start + k × interval (from the start, never chained).
 * - floating: period lastPeriodNo + j = lastCompletion + j × interval (j ≥ 1); before the first completion,
 *   period j = start + j × interval. Periods after the next one are projections that move with completions.
 * - statutory: cycle c (c ≥ 0) after the last main test L: main deadline = L + (c + 1) × interval (the body's
 *   shorter deadline replaces the first one and the cycles after it count from it); the intermediate inspection
 *   is due half-way between the previous main deadline (or L) and this one. periodNo: main = base + 2(c + 1),
 *   intermediate = base + 2c + 1, with base = 0 for anchor.lastTest or ctx.lastPeriodNo for a newer
 *   ctx.lastMainInspection.
 * - Holidays and weekends: a statutory legal latest date moves EARLIER to a working day (never later); a
 *   planning target moves LATER to a working day, but never past the legal latest date.
 * - Non-statutory legal latest date = the day before the next period's raw target.
 * - earliestStart = the day after the previous period's planning target (floating: after the last completion);
 *   workOrderFrom = targetDate − leadDays, not before earliestStart (no second open work order per plan).
 */
export function planOccurrences(s: RequirementSchedule, ctx: ScheduleContext): PlannedOccurrence[] {
  const cadence = assertCadence(s.cadence, 'cadence');
  if (!Number.isInteger(s.leadDays) || s.leadDays < 0 || s.leadDays > 366) {
    throw new MaintenanceError('leadDays', `expected a whole number of days 0…366, got ${JSON.stringify(s.leadDays)}`);
  }
  const fromN = dayNumber(ctx.from, 'from');
  const toN = dayNumber(ctx.to, 'to');
  if (toN < fromN) {
    throw new MaintenanceError('to', `the horizon ends (${ctx.to}) before it starts (${ctx.from})`);
  }
  if (toN - fromN > MAX_HORIZON_DAYS) {
    throw new MaintenanceError('to', 'the horizon is longer than 100 years');
  }
  if (typeof ctx.isWorkingDay !== 'function') {
    throw new MaintenanceError('isWorkingDay', 'expected a function (date) => boolean');
  }
  const planner = new Planner(cadence, s.leadDays, ctx.isWorkingDay, fromN, toN);
  const anchor = s.anchor;
  switch (anchor?.kind) {
    case 'fixed-grid': {
      const start = dayNumber(anchor.start, 'anchor.start');
      return planner.series(start, 0, 0, s.statutory, firstIndex(start, cadence, fromN));
    }
    case 'floating': {
      const start = dayNumber(anchor.start, 'anchor.start');
      if (ctx.lastCompletion === undefined) {
        return planner.series(start, 0, 0, s.statutory, firstIndex(start, cadence, fromN));
      }
      const done = dayNumber(ctx.lastCompletion, 'lastCompletion');
      const last = requirePeriodNo(ctx.lastPeriodNo, 'lastCompletion');
      // series index j counts intervals after the completion; period = last + j, j ≥ 1
      return planner.series(done, last, 1, s.statutory, Math.max(1, firstIndex(done, cadence, fromN)), done + 1);
    }
    case 'statutory':
      return planner.statutory(statutoryFacts(anchor.lastTest, cadence, ctx), anchor.intermediate === true);
    default:
      throw new MaintenanceError('anchor.kind', 'expected fixed-grid, floating or statutory');
  }
}

function requirePeriodNo(value: number | undefined, what: string): number {
  if (value === undefined || !Number.isInteger(value) || value < 0) {
    throw new MaintenanceError(
      'lastPeriodNo',
      `${what} needs the periodNo of the occurrence it completed (a whole number ≥ 0), got ${JSON.stringify(value) ?? 'nothing'}`,
    );
  }
  return value;
}

/** A safe lower bound of the first series index whose target can reach `fromN` (scanning starts there). */
function firstIndex(anchor: number, cadence: Cadence, fromN: number): number {
  const gap = fromN - SCAN_SLACK_DAYS - anchor;
  if (gap <= 0) {
    return 0;
  }
  const months = cadenceMonths(cadence);
  const longest = months === undefined ? 7 * cadence.every : 31 * months;
  return Math.max(0, Math.floor(gap / longest) - 1);
}

interface StatutoryFacts {
  /** Day number of the last main test the cycles count from. */
  readonly last: number;
  /** periodNo of that test (0 = anchor.lastTest). */
  readonly base: number;
  /** Day number of the body's shorter deadline for the next main inspection, when it applies. */
  readonly overridden: number | undefined;
}

function statutoryFacts(anchorLastTest: IsoDate, cadence: Cadence, ctx: ScheduleContext): StatutoryFacts {
  let last = dayNumber(anchorLastTest, 'anchor.lastTest');
  let base = 0;
  if (ctx.lastMainInspection !== undefined) {
    const newer = dayNumber(ctx.lastMainInspection, 'lastMainInspection');
    if (newer >= last) {
      last = newer;
      base = requirePeriodNo(ctx.lastPeriodNo, 'lastMainInspection');
      if (base % 2 !== 0) {
        throw new MaintenanceError('lastPeriodNo', `a main inspection has an even periodNo, got ${base}`);
      }
    }
  }
  let overridden: number | undefined;
  if (ctx.bodyDeadline !== undefined) {
    const body = dayNumber(ctx.bodyDeadline, 'bodyDeadline');
    // the body's shorter deadline replaces the next main deadline and later cycles count from it; a deadline
    // on or before the last main test belongs to an older report and no longer applies
    overridden = body > last && body < addCadenceToDay(last, cadence, 1) ? body : undefined;
  }
  return { last, base, overridden };
}

class Planner {
  constructor(
    private readonly cadence: Cadence,
    private readonly leadDays: number,
    private readonly isWorkingDay: (d: IsoDate) => boolean,
    private readonly fromN: number,
    private readonly toN: number,
  ) {}

  /**
   * A regular series: raw target of index i = base + i × interval, periodNo = offset + i, for i ≥ minIndex.
   * `startAt` scans from a later index (a lower bound of the horizon); `firstEarliest` replaces the earliest
   * start of index minIndex (floating: the day after the last completion).
   */
  series(
    base: number,
    offset: number,
    minIndex: number,
    statutory: boolean,
    startAt: number,
    firstEarliest?: number,
  ): PlannedOccurrence[] {
    const out: PlannedOccurrence[] = [];
    const raw = (i: number): number => addCadenceToDay(base, this.cadence, i);
    let i = Math.max(minIndex, startAt);
    let rawCur = raw(i);
    let rawNext = raw(i + 1);
    let prevTarget = this.plan(raw(i - 1), rawCur, statutory).target;
    while (rawCur - SCAN_SLACK_DAYS <= this.toN) {
      const { target, legal } = this.plan(rawCur, rawNext, statutory);
      if (target >= this.fromN && target <= this.toN) {
        const earliest = i === minIndex && firstEarliest !== undefined ? firstEarliest : prevTarget + 1;
        out.push(this.occurrence(offset + i, 'regular', earliest, target, legal));
      }
      prevTarget = target;
      rawCur = rawNext;
      i++;
      rawNext = raw(i + 1);
    }
    return out;
  }

  statutory(facts: StatutoryFacts, intermediate: boolean): PlannedOccurrence[] {
    const { last, base, overridden } = facts;
    const mainDeadline = (c: number): number => {
      if (overridden === undefined) {
        return addCadenceToDay(last, this.cadence, c + 1);
      }
      return c === 0 ? overridden : addCadenceToDay(overridden, this.cadence, c);
    };
    const months = cadenceMonths(this.cadence);
    const halfway = (prev: number, next: number, regular: boolean): number =>
      regular && months !== undefined && months % 2 === 0
        ? addMonthsToDay(prev, months / 2)
        : prev + Math.floor((next - prev) / 2);
    const out: PlannedOccurrence[] = [];
    let prevDeadline = last;
    let prevTarget = last;
    for (let c = 0; prevDeadline - SCAN_SLACK_DAYS <= this.toN; c++) {
      const deadline = mainDeadline(c);
      if (intermediate) {
        const regular = !(c === 0 && overridden !== undefined);
        const { target, legal } = this.plan(halfway(prevDeadline, deadline, regular), deadline, true);
        if (target >= this.fromN && target <= this.toN) {
          out.push(this.occurrence(base + 2 * c + 1, 'intermediate', prevTarget + 1, target, legal));
        }
        prevTarget = target;
      }
      const { target, legal } = this.plan(deadline, deadline, true);
      if (target >= this.fromN && target <= this.toN) {
        out.push(this.occurrence(base + 2 * (c + 1), 'main', prevTarget + 1, target, legal));
      }
      prevTarget = target;
      prevDeadline = deadline;
    }
    return out;
  }

  /**
   * The legal latest date and planning target of a raw target: statutory → the raw date moved EARLIER to a
   * working day; otherwise the day before the next raw target. The target moves LATER, capped at the legal one.
   */
  private plan(raw: number, rawNext: number, statutory: boolean): { target: number; legal: number } {
    const legal = statutory ? shiftToWorkingDay(raw, -1, this.isWorkingDay) : rawNext - 1;
    const later = legal <= raw ? legal : shiftToWorkingDay(raw, 1, this.isWorkingDay, legal);
    return { target: Math.min(later, legal), legal };
  }

  private occurrence(
    periodNo: number,
    kind: PlannedOccurrence['kind'],
    earliestStart: number,
    targetDate: number,
    legalLatest: number,
  ): PlannedOccurrence {
    const earliest = Math.min(earliestStart, targetDate);
    return {
      periodNo,
      kind,
      earliestStart: fromDayNumber(earliest),
      targetDate: fromDayNumber(targetDate),
      legalLatest: fromDayNumber(legalLatest),
      workOrderFrom: fromDayNumber(Math.max(earliest, targetDate - this.leadDays)),
    };
  }
}
