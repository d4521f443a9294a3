import type { Dec } from '../../money/decimal';
import type { IssueCollector } from '../../money/data-issues';
import { joinPath } from '../../money/data-issues';
import { roundCents, toMoneyString } from '../../money/money';
import { MINUTES_PER_DAY, WEEKDAY_ABBR_DE, formatLocalTime, parseIsoInstant, weekdayOfEpochDay } from '../local-time';
import type { CompiledPriceList, CompiledRole, DaySchedule } from '../price-list.compiled';
import type { ServiceReport, WorkInterval } from '../service-report.types';
import { MS_PER_DAY as DAY_MS, MS_PER_MINUTE as MINUTE_MS } from '../site-clock';
import type { SiteClock } from '../site-clock';
import type { LineSink } from './lines';

/*
 * LABOUR — band split and increment rule (steps 1–4 of the rules in service-report.pricing.ts): the
 * report's work intervals are read, split at band borders in local time, pooled per (worker, role,
 * band) and priced per started increment.
 */

// Module-local copies of the two time constants of the split and format loops: in CommonJS output (tsx,
// ts-jest) every use of an imported binding is a getter call. Measured with billing.bench.ts (per CPU
// second, memo on, same runs as the former decimal.js reference engine): 54,007 and 58,368 reports/s
// without these copies (0.90 and 0.88 of the reference), 65,830 and 59,690 with them (1.00 and 1.01).
const MS_PER_DAY: number = DAY_MS;
const MS_PER_MINUTE: number = MINUTE_MS;
const MAX_INTERVAL_MS = 7 * MS_PER_DAY;
/** Labour amounts are tabulated up to this many increments (a week in quarter hours); more are computed. */
const LABOUR_TABLE_INCREMENTS = 672;

/** A valid work interval of the report, in epoch ms. */
export interface ParsedInterval {
  readonly workerId: string;
  readonly role: CompiledRole;
  readonly kind: WorkInterval['kind'];
  readonly startMs: number;
  readonly endMs: number;
}

/** A stretch of one interval inside one band and one UTC offset; local ms = utc ms + offset. */
export interface Piece {
  readonly startMs: number;
  readonly endMs: number;
  readonly offsetMs: number;
  /** Local day (days since 1970-01-01). */
  readonly day: number;
}

/** Pooled time: the sum of its pieces' durations, and the pieces (for the explanation). */
export interface Group {
  ms: number;
  readonly pieces: Piece[];
}

interface LabourGroup extends Group {
  readonly workerId: string;
  readonly role: CompiledRole;
  readonly band: number;
}

/** The report's work, split and pooled (steps 1–2). */
export interface PooledWork {
  /** The valid intervals, sorted by start. */
  readonly intervals: readonly ParsedInterval[];
  /** Labour groups in order of first appearance. */
  readonly labour: readonly LabourGroup[];
  /** Travel time per worker, pooled over the order (only for travel billed by time). */
  readonly travelTime: ReadonlyMap<string, Group>;
  /** Distinct (worker, local day) pairs and distinct local days with any work or travel. */
  readonly workerDays: number;
  readonly days: ReadonlySet<number>;
  /** Worker id → display name, in order of first appearance; names are shown when there are several. */
  readonly workers: ReadonlyMap<string, string>;
  readonly nameWorkers: boolean;
}

/** Steps 1–2: reads, splits and pools the report's work. Invalid intervals are reported to `issues`. */
export function poolWork(
  report: ServiceReport,
  pl: CompiledPriceList,
  clock: SiteClock,
  issues: IssueCollector,
): PooledWork {
  const intervals = readWork(report.work, pl, issues);
  const workers = new Map<string, string>();
  for (const w of report.work) {
    if (!workers.has(w.workerId)) {
      workers.set(w.workerId, w.workerName ?? w.workerId);
    }
  }
  const labour: LabourGroup[] = [];
  const travelTime = new Map<string, Group>();
  const workerDays = new WorkerDays();
  const days = new Set<number>();
  const timeTravel = report.travel?.method === 'time';
  for (const iv of intervals) {
    const asLabour = iv.kind === 'on-site' || pl.travelCountsAsWork;
    splitByBand(iv.startMs, iv.endMs, clock, pl, (piece, band) => {
      workerDays.add(iv.workerId, piece.day);
      days.add(piece.day);
      if (asLabour) {
        let g: LabourGroup | undefined;
        for (const candidate of labour) {
          if (candidate.band === band && candidate.role === iv.role && candidate.workerId === iv.workerId) {
            g = candidate;
            break;
          }
        }
        if (g === undefined) {
          g = { workerId: iv.workerId, role: iv.role, band, ms: 0, pieces: [] };
          labour.push(g);
        }
        g.ms += piece.endMs - piece.startMs;
        g.pieces.push(piece);
      } else if (timeTravel) {
        let g = travelTime.get(iv.workerId);
        if (g === undefined) {
          g = { ms: 0, pieces: [] };
          travelTime.set(iv.workerId, g);
        }
        g.ms += piece.endMs - piece.startMs;
        g.pieces.push(piece);
      }
    });
  }
  return {
    intervals,
    labour,
    travelTime,
    workerDays: workerDays.size,
    days,
    workers,
    nameWorkers: workers.size > 1,
  };
}

/** Steps 3–4: one labour line per pooled (worker, role, band). */
export function priceLabour(work: PooledWork, emergency: boolean, pl: CompiledPriceList, lines: LineSink): void {
  for (const g of work.labour) {
    const band = pl.bands[g.band];
    const unitWithSurcharge = (emergency ? g.role.bandUnitPricesEmergency : g.role.bandUnitPrices)[g.band];
    if (band === undefined || unitWithSurcharge === undefined) {
      continue;
    }
    const increments = Math.ceil(g.ms / g.role.incrementMs);
    const { amount, amountText } = labourAmount(
      g.role,
      2 * g.band + (emergency ? 1 : 0),
      unitWithSurcharge,
      increments,
    );
    const who = work.nameWorkers ? ` (${work.workers.get(g.workerId) ?? g.workerId})` : '';
    lines.add(
      {
        category: 'labour',
        key: `labour/${g.workerId}/${g.role.id}/${band.id}`,
        quantity: String(increments),
        unit: g.role.unitLabel,
        unitPrice: g.role.unitPriceText,
        surchargePercent: emergency ? band.emergencySurchargeText : band.surchargeText,
        amount: amountText,
        discountable: true,
        explanation:
          `${increments} × ${g.role.unitLabel} ${g.role.label}${who} ${formatRanges(g.pieces)} à ${g.role.hourlyRateText}` +
          (emergency ? band.emergencySurchargeLabel : band.surchargeLabel),
      },
      amount,
    );
  }
}

/** A labour line amount (rounding point 1) and its money string. */
interface LabourAmount {
  readonly amount: Dec;
  readonly amountText: string;
}

/** Per role (roles belong to one compiled list), per (band, emergency) slot, per number of increments. */
const labourAmounts = new WeakMap<CompiledRole, (LabourAmount | undefined)[][]>();

/**
 * roundCents(unit price with surcharge × increments), from a per-role table filled on first use: the
 * amount depends only on (role, band, emergency, increments), so it is computed once per combination.
 */
function labourAmount(role: CompiledRole, slot: number, unitWithSurcharge: Dec, increments: number): LabourAmount {
  if (increments > LABOUR_TABLE_INCREMENTS) {
    return computeLabourAmount(unitWithSurcharge, increments);
  }
  let perSlot = labourAmounts.get(role);
  if (perSlot === undefined) {
    perSlot = [];
    labourAmounts.set(role, perSlot);
  }
  const row = (perSlot[slot] ??= []);
  return (row[increments] ??= computeLabourAmount(unitWithSurcharge, increments));
}

function computeLabourAmount(unitWithSurcharge: Dec, increments: number): LabourAmount {
  const amount = roundCents(unitWithSurcharge.times(increments));
  return { amount, amountText: toMoneyString(amount) };
}

/** Distinct (worker, local day) pairs of an order; a report has few, so a linear scan is cheapest. */
class WorkerDays {
  private readonly workerIds: string[] = [];
  private readonly days: number[] = [];

  add(workerId: string, day: number): void {
    for (let i = 0; i < this.days.length; i += 1) {
      if (this.days[i] === day && this.workerIds[i] === workerId) {
        return;
      }
    }
    this.workerIds.push(workerId);
    this.days.push(day);
  }

  get size(): number {
    return this.days.length;
  }
}

function readWork(work: readonly WorkInterval[], pl: CompiledPriceList, issues: IssueCollector): ParsedInterval[] {
  const out: ParsedInterval[] = [];
  for (let i = 0; i < work.length; i += 1) {
    const w = work[i];
    if (w === undefined) {
      continue;
    }
    const path = joinPath('work', i);
    const role = pl.roles.get(w.roleId);
    if (role === undefined) {
      issues.add(
        joinPath(path, 'roleId'),
        `unknown role '${w.roleId}' (price list roles: ${[...pl.roles.keys()].join(', ')})`,
      );
    }
    if (typeof w.workerId !== 'string' || w.workerId === '') {
      issues.add(joinPath(path, 'workerId'), 'expected a worker id');
    }
    if (w.kind !== 'travel' && w.kind !== 'on-site') {
      issues.add(joinPath(path, 'kind'), `expected 'travel' or 'on-site', got '${String(w.kind)}'`);
    }
    const startMs = parseIsoInstant(w.start);
    const endMs = parseIsoInstant(w.end);
    if (Number.isNaN(startMs)) {
      issues.add(
        joinPath(path, 'start'),
        `'${w.start}' is not an ISO-8601 instant with zone (e.g. 2024-03-12T09:00:00Z)`,
      );
    }
    if (Number.isNaN(endMs)) {
      issues.add(joinPath(path, 'end'), `'${w.end}' is not an ISO-8601 instant with zone (e.g. 2024-03-12T10:10:00Z)`);
    }
    if (!Number.isNaN(startMs) && !Number.isNaN(endMs)) {
      if (endMs <= startMs) {
        issues.add(joinPath(path, 'end'), `interval ends (${w.end}) before or when it starts (${w.start})`);
      } else if (endMs - startMs > MAX_INTERVAL_MS) {
        issues.add(joinPath(path, 'end'), 'an interval may not be longer than 7 days; report one interval per day');
      } else if (role !== undefined) {
        out.push({ workerId: w.workerId, role, kind: w.kind, startMs, endMs });
      }
    }
  }
  out.sort((a, b) => a.startMs - b.startMs);
  return out;
}

function scheduleOf(pl: CompiledPriceList, clock: SiteClock, day: number): DaySchedule | undefined {
  if (pl.holiday !== undefined && clock.isHoliday(day)) {
    return pl.holiday;
  }
  return pl.week[weekdayOfEpochDay(day)];
}

/** Step 1: splits [startMs, endMs) at band borders (local time) and at UTC offset changes. */
function splitByBand(
  startMs: number,
  endMs: number,
  clock: SiteClock,
  pl: CompiledPriceList,
  emit: (piece: Piece, band: number) => void,
): void {
  let t = startMs;
  while (t < endMs) {
    const off = clock.offsetMs(t);
    const local = t + off;
    const day = Math.floor(local / MS_PER_DAY);
    const msInDay = local - day * MS_PER_DAY;
    const sched = scheduleOf(pl, clock, day);
    let band = -1;
    let segEnd = MINUTES_PER_DAY;
    if (sched !== undefined) {
      for (let i = 0; i < sched.starts.length; i += 1) {
        const end = sched.ends[i] ?? MINUTES_PER_DAY;
        if (msInDay < end * MS_PER_MINUTE) {
          band = sched.bands[i] ?? -1;
          segEnd = end;
          break;
        }
      }
    }
    let stepEnd = Math.min(endMs, day * MS_PER_DAY + segEnd * MS_PER_MINUTE - off);
    if (clock.offsetMs(stepEnd - 1) !== off) {
      stepEnd = clock.nextOffsetChange(t, stepEnd, off);
    }
    emit({ startMs: t, endMs: stepEnd, offsetMs: off, day }, band);
    t = stepEnd;
  }
}

/** Local day and minute of day of a local epoch-ms instant. */
export function localDayMinute(localMs: number): { day: number; minute: number } {
  const day = Math.floor(localMs / MS_PER_DAY);
  return { day, minute: Math.floor((localMs - day * MS_PER_DAY) / MS_PER_MINUTE) };
}

/** "Di 10:00–11:10", several ranges joined by ", "; touching pieces are merged. */
export function formatRanges(pieces: readonly Piece[]): string {
  const sorted = pieces.length > 1 ? [...pieces].sort((a, b) => a.startMs - b.startMs) : pieces;
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i];
    if (first === undefined) {
      break;
    }
    let last = first;
    while (i + 1 < sorted.length && sorted[i + 1]?.startMs === last.endMs) {
      i += 1;
      last = sorted[i] ?? last;
    }
    const s = localDayMinute(first.startMs + first.offsetMs);
    const endLocal = last.endMs + last.offsetMs;
    let e = localDayMinute(endLocal);
    if (e.minute === 0 && e.day === s.day + 1 && endLocal % MS_PER_MINUTE === 0) {
      e = { day: s.day, minute: MINUTES_PER_DAY };
    } else if (endLocal % MS_PER_MINUTE !== 0) {
      // show a started minute as the next full minute (10:49:30 → 10:50)
      e = localDayMinute(endLocal + MS_PER_MINUTE - (((endLocal % MS_PER_MINUTE) + MS_PER_MINUTE) % MS_PER_MINUTE));
    }
    const wd = WEEKDAY_ABBR_DE[weekdayOfEpochDay(s.day)] ?? '';
    const endText =
      e.day === s.day || (e.minute === MINUTES_PER_DAY && e.day === s.day)
        ? formatLocalTime(e.minute)
        : `${WEEKDAY_ABBR_DE[weekdayOfEpochDay(e.day)] ?? ''} ${formatLocalTime(e.minute)}`;
    parts.push(`${wd} ${formatLocalTime(s.minute)}–${endText}`);
    i += 1;
  }
  return parts.join(', ');
}
