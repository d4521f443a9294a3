import { assertCadence } from './cadence';
import { MaintenanceError } from './maintenance.errors';
import type { Cadence, IsoDate, PlannedOccurrence, RequirementSchedule, ScheduleContext } from './maintenance.types';
import { addCadence, addDays, cadenceMonths, dayNumber, fromDayNumber, maxDate, minDate } from './plain-date';
import { nextWorkingDay, previousWorkingDay } from './working-days';

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
  const planner = new Planner(cadence, s.leadDays, ctx);
  const anchor = s.anchor;
  switch (anchor?.kind) {
    case 'fixed-grid': {
      dayNumber(anchor.start, 'anchor.start');
      return planner.series(anchor.start, 0, 0, s.statutory, firstIndex(anchor.start, cadence, ctx.from));
    }
    case 'floating': {
      dayNumber(anchor.start, 'anchor.start');
      if (ctx.lastCompletion === undefined) {
        return planner.series(anchor.start, 0, 0, s.statutory, firstIndex(anchor.start, cadence, ctx.from));
      }
      dayNumber(ctx.lastCompletion, 'lastCompletion');
      const last = requirePeriodNo(ctx.lastPeriodNo, 'lastCompletion');
      // series index j counts intervals after the completion; period = last + j, j ≥ 1
      return planner.series(
        ctx.lastCompletion,
        last,
        1,
        s.statutory,
        Math.max(1, firstIndex(ctx.lastCompletion, cadence, ctx.from)),
        addDays(ctx.lastCompletion, 1),
      );
    }
    case 'statutory':
      return planner.statutory(anchor.lastTest, anchor.intermediate === true);
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

/** A safe lower bound of the first series index whose target can reach `from` (scanning starts there). */
function firstIndex(anchor: IsoDate, cadence: Cadence, from: IsoDate): number {
  const gap = dayNumber(from, 'from') - SCAN_SLACK_DAYS - dayNumber(anchor, 'anchor');
  if (gap <= 0) {
    return 0;
  }
  const months = cadenceMonths(cadence);
  const longest = months === undefined ? 7 * cadence.every : 31 * months;
  return Math.max(0, Math.floor(gap / longest) - 1);
}

class Planner {
  private readonly toN: number;
  private readonly from: IsoDate;
  private readonly to: IsoDate;

  constructor(
    private readonly cadence: Cadence,
    private readonly leadDays: number,
    private readonly ctx: ScheduleContext,
  ) {
    this.from = ctx.from;
    this.to = ctx.to;
    this.toN = dayNumber(ctx.to, 'to');
  }

  /**
   * A regular series: raw target of index i = base + i × interval, periodNo = offset + i, for i ≥ minIndex.
   * `startAt` scans from a later index (a lower bound of the horizon); `firstEarliest` replaces the earliest
   * start of index minIndex (floating: the day after the last completion).
   */
  series(
    base: IsoDate,
    offset: number,
    minIndex: number,
    statutory: boolean,
    startAt: number,
    firstEarliest?: IsoDate,
  ): PlannedOccurrence[] {
    const out: PlannedOccurrence[] = [];
    const raw = (i: number): IsoDate => addCadence(base, this.cadence, i);
    const legal = (i: number, r: IsoDate): IsoDate =>
      statutory ? previousWorkingDay(r, this.ctx.isWorkingDay) : addDays(raw(i + 1), -1);
    const target = (i: number): { raw: IsoDate; legal: IsoDate; target: IsoDate } => {
      const r = raw(i);
      const l = legal(i, r);
      return { raw: r, legal: l, target: minDate(nextWorkingDay(r, this.ctx.isWorkingDay), l) };
    };
    let i = Math.max(minIndex, startAt);
    let previous = target(i - 1);
    for (;;) {
      const current = target(i);
      if (dayNumber(current.raw, 'target') - SCAN_SLACK_DAYS > this.toN) {
        break;
      }
      if (current.target >= this.from && current.target <= this.to) {
        const earliest = i === minIndex && firstEarliest !== undefined ? firstEarliest : addDays(previous.target, 1);
        out.push(this.occurrence(offset + i, 'regular', earliest, current.target, current.legal));
      }
      previous = current;
      i++;
    }
    return out;
  }

  statutory(anchorLastTest: IsoDate, intermediate: boolean): PlannedOccurrence[] {
    dayNumber(anchorLastTest, 'anchor.lastTest');
    let last = anchorLastTest;
    let base = 0;
    const newer = this.ctx.lastMainInspection;
    if (newer !== undefined) {
      dayNumber(newer, 'lastMainInspection');
      if (newer >= anchorLastTest) {
        last = newer;
        base = requirePeriodNo(this.ctx.lastPeriodNo, 'lastMainInspection');
        if (base % 2 !== 0) {
          throw new MaintenanceError('lastPeriodNo', `a main inspection has an even periodNo, got ${base}`);
        }
      }
    }
    const body = this.ctx.bodyDeadline;
    let overridden: IsoDate | undefined;
    if (body !== undefined) {
      dayNumber(body, 'bodyDeadline');
      if (body <= last) {
        throw new MaintenanceError('bodyDeadline', `must be after the last main inspection ${last}, got ${body}`);
      }
      // the body's shorter deadline replaces the next main deadline; later cycles count from it
      overridden = body < addCadence(last, this.cadence, 1) ? body : undefined;
    }
    const mainDeadline = (c: number): IsoDate => {
      if (overridden === undefined) {
        return addCadence(last, this.cadence, c + 1);
      }
      return c === 0 ? overridden : addCadence(overridden, this.cadence, c);
    };
    const months = cadenceMonths(this.cadence);
    const halfway = (prev: IsoDate, next: IsoDate, regular: boolean): IsoDate => {
      if (regular && months !== undefined && months % 2 === 0) {
        return addCadence(prev, { every: months / 2, unit: 'month' }, 1);
      }
      return fromDayNumber(
        dayNumber(prev, 'date') + Math.floor((dayNumber(next, 'date') - dayNumber(prev, 'date')) / 2),
      );
    };
    const out: PlannedOccurrence[] = [];
    let prevDeadline = last;
    let prevTarget = last;
    for (let c = 0; ; c++) {
      const deadline = mainDeadline(c);
      if (dayNumber(prevDeadline, 'date') - SCAN_SLACK_DAYS > this.toN) {
        break;
      }
      if (intermediate) {
        const regular = !(c === 0 && overridden !== undefined);
        const raw = halfway(prevDeadline, deadline, regular);
        const legal = previousWorkingDay(raw, this.ctx.isWorkingDay);
        const target = minDate(nextWorkingDay(raw, this.ctx.isWorkingDay), legal);
        if (target >= this.from && target <= this.to) {
          out.push(this.occurrence(base + 2 * c + 1, 'intermediate', addDays(prevTarget, 1), target, legal));
        }
        prevTarget = target;
      }
      const legal = previousWorkingDay(deadline, this.ctx.isWorkingDay);
      const target = minDate(nextWorkingDay(deadline, this.ctx.isWorkingDay), legal);
      if (target >= this.from && target <= this.to) {
        out.push(this.occurrence(base + 2 * (c + 1), 'main', addDays(prevTarget, 1), target, legal));
      }
      prevTarget = target;
      prevDeadline = deadline;
    }
    return out;
  }

  private occurrence(
    periodNo: number,
    kind: PlannedOccurrence['kind'],
    earliestStart: IsoDate,
    targetDate: IsoDate,
    legalLatest: IsoDate,
  ): PlannedOccurrence {
    const earliest = minDate(earliestStart, targetDate);
    return {
      periodNo,
      kind,
      earliestStart: earliest,
      targetDate,
      legalLatest,
      workOrderFrom: maxDate(earliest, addDays(targetDate, -this.leadDays)),
    };
  }
}
