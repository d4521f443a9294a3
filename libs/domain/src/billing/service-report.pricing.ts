import { Dec, isDecimalString, parseDecimalCached } from '../money/decimal';
import { IssueCollector, joinPath } from '../money/data-issues';
import {
  formatDecimalDe,
  formatDecimalTextDe,
  formatEuroDe,
  roundCents,
  toDecimalString,
  toMoneyString,
  toUnitPriceString,
} from '../money/money';
import { MINUTES_PER_DAY, WEEKDAY_ABBR_DE, formatLocalTime, isoDateToEpochDay, weekdayOfEpochDay } from './local-time';
import { compilePriceList, formatPercentDe } from './price-list.compiled';
import type { CompiledPriceList, CompiledRole, DaySchedule } from './price-list.compiled';
import { ServiceReportInvalidError } from './price-list.errors';
import type { PriceList, TravelChargeBasis } from './price-list.types';
import type {
  AppliedDiscount,
  LineCategory,
  PricedLine,
  ServiceReport,
  ServiceReportPricing,
  SiteCalendar,
  WorkInterval,
} from './service-report.types';
import { LINE_CATEGORIES } from './service-report.types';
import { MS_PER_DAY, MS_PER_MINUTE, SiteClock } from './site-clock';
import { findTier } from './tiers';

/**
 * Prices one service report (one order's work) with a price list, in the site's time zone and with the
 * public holidays of the site's state.
 *
 * LABOUR — band split and increment rule
 *   1. Every work interval is split at the borders of the weekly time bands in LOCAL time (and at a DST
 *      offset change). A public holiday of the site's state is one band for the whole local day.
 *   2. The pieces are pooled per (worker, role, band) over the whole order — travel and on-site time
 *      together when the list counts travel as work time (seed 003), on-site time only otherwise.
 *   3. The pooled duration is rounded UP to started increments of the role ("je angefangene 30/15 Minuten"):
 *        increments = ceil(pooled minutes / increment). 70 min @ 30 → 3 × ½ h; 50 min @ 15 → 4 × ¼ h.
 *      Consequence: splitting an interval inside one band never changes the price, and an interval that
 *      crosses a band border is rounded up once per band it touches.
 *   4. amount = increments × hourly rate × increment/60 × (1 + surcharge/100), rounded half-up to cents.
 *      The surcharge is the band's; for an emergency it is combined with the emergency surcharge as the
 *      list says ('max' in seed 004: Sunday 150 % stays 150 %).
 * TRAVEL — when travel is not work time: per started period per worker (pooled over the order), or a zone
 *   amount per worker and day, or a distance band (distance rounded half-up to the list's km grid).
 * FEES — order flat fee once per order (waived under a maintenance contract when every interval lies in the
 *   waiver windows and on no public holiday); small-material flat; quote fee (0.00 when credited).
 * MATERIAL — unit sell price = net unit price × (1 + tier overhead), rounded to cents; × quantity, rounded.
 * PARTNER / PASS-THROUGH — net × (1 + markup), rounded to cents. CATALOG — flat net × quantity.
 * DISCOUNTS — each on the same base (Σ discountable lines, i.e. not on flat-rate items), rounded to cents.
 * VAT — (lines − discounts) × VAT rate, rounded half-up to cents; gross = net + VAT.
 */
export function priceServiceReport(
  report: ServiceReport,
  priceList: PriceList,
  site: SiteCalendar,
): ServiceReportPricing {
  const pl = compilePriceList(priceList);
  const clock = new SiteClock(site.timeZone, site.holidayRegion);
  const issues = new IssueCollector();
  const work = readWork(report.work, pl, issues);
  const lines = new LineSink();
  const notes: string[] = [];

  const workers = new Map<string, string>();
  for (const w of report.work) {
    if (!workers.has(w.workerId)) {
      workers.set(w.workerId, w.workerName ?? w.workerId);
    }
  }
  const nameWorkers = workers.size > 1;

  // 1–2: split and pool
  const labour = new Map<string, LabourGroup>();
  const travelTime = new Map<string, Group>();
  const workerDays = new Set<string>();
  const days = new Set<number>();
  for (const iv of work) {
    const asLabour = iv.kind === 'on-site' || pl.travelCountsAsWork;
    splitByBand(iv.startMs, iv.endMs, clock, pl, (piece, band) => {
      workerDays.add(`${iv.workerId}|${piece.day}`);
      days.add(piece.day);
      if (asLabour) {
        const key = `${iv.workerId}|${iv.role.id}|${band}`;
        let g = labour.get(key);
        if (g === undefined) {
          g = { workerId: iv.workerId, role: iv.role, band, ms: 0, pieces: [] };
          labour.set(key, g);
        }
        g.ms += piece.endMs - piece.startMs;
        g.pieces.push(piece);
      } else if (report.travel?.method === 'time') {
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

  // 3–4: labour lines
  const emergency = report.flags.emergency;
  for (const g of labour.values()) {
    const band = pl.bands[g.band];
    const unitWithSurcharge = (emergency ? g.role.bandUnitPricesEmergency : g.role.bandUnitPrices)[g.band];
    if (band === undefined || unitWithSurcharge === undefined) {
      continue;
    }
    const increments = Math.ceil(g.ms / g.role.incrementMs);
    const amount = roundCents(unitWithSurcharge.times(increments));
    const who = nameWorkers ? ` (${workers.get(g.workerId) ?? g.workerId})` : '';
    lines.push({
      category: 'labour',
      key: `labour/${g.workerId}/${g.role.id}/${band.id}`,
      quantity: String(increments),
      unit: g.role.unitLabel,
      unitPrice: g.role.unitPriceText,
      surchargePercent: emergency ? band.emergencySurchargeText : band.surchargeText,
      amount,
      discountable: true,
      explanation:
        `${increments} × ${g.role.unitLabel} ${g.role.label}${who} ${formatRanges(g.pieces)} à ${g.role.hourlyRateText}` +
        (emergency ? band.emergencySurchargeLabel : band.surchargeLabel),
    });
  }

  priceTravel(report, pl, issues, lines, travelTime, workerDays, days, workers, nameWorkers);
  priceFees(report, pl, clock, work, issues, lines, notes);
  priceMaterials(report, pl, issues, lines);
  priceExternal(report, pl, issues, lines);
  priceCatalog(report, pl, issues, lines);

  const requestedDiscounts: { id: string; label: string; percent: Dec }[] = [];
  (report.discounts ?? []).forEach((id, i) => {
    const d = pl.discounts.get(id);
    if (d === undefined) {
      issues.add(
        joinPath('discounts', i),
        `unknown discount '${id}' (price list offers: ${[...pl.discounts.keys()].join(', ') || 'none'})`,
      );
    } else {
      requestedDiscounts.push({ id, ...d });
    }
  });

  if (issues.issues.length > 0) {
    throw new ServiceReportInvalidError(issues.issues);
  }
  return totals(report, pl, lines, requestedDiscounts, notes);
}

/** A priced line whose amount is still a Dec (rounded to cents). */
type DecLine = Omit<PricedLine, 'amount'> & { readonly amount: Dec };

/** Collects priced lines and keeps their Dec amounts for the totals (no re-parsing of strings). */
class LineSink {
  readonly list: PricedLine[] = [];
  readonly amounts: Dec[] = [];

  push(l: DecLine): void {
    this.amounts.push(l.amount);
    this.list.push({
      category: l.category,
      key: l.key,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      surchargePercent: l.surchargePercent,
      amount: toMoneyString(l.amount),
      discountable: l.discountable,
      explanation: l.explanation,
    });
  }
}

interface ParsedInterval {
  readonly workerId: string;
  readonly role: CompiledRole;
  readonly kind: WorkInterval['kind'];
  readonly startMs: number;
  readonly endMs: number;
}

/** A stretch of one interval inside one band and one UTC offset; local ms = utc ms + offset. */
interface Piece {
  readonly startMs: number;
  readonly endMs: number;
  readonly offsetMs: number;
  readonly day: number;
}

interface Group {
  ms: number;
  readonly pieces: Piece[];
}

interface LabourGroup extends Group {
  readonly workerId: string;
  readonly role: CompiledRole;
  readonly band: number;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_INTERVAL_MS = 7 * MS_PER_DAY;

function readWork(work: readonly WorkInterval[], pl: CompiledPriceList, issues: IssueCollector): ParsedInterval[] {
  const out: ParsedInterval[] = [];
  work.forEach((w, i) => {
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
    const startMs = ISO_UTC.test(w.start) ? Date.parse(w.start) : Number.NaN;
    const endMs = ISO_UTC.test(w.end) ? Date.parse(w.end) : Number.NaN;
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
  });
  out.sort((a, b) => a.startMs - b.startMs);
  return out;
}

function scheduleOf(pl: CompiledPriceList, clock: SiteClock, day: number): DaySchedule | undefined {
  if (pl.holiday !== undefined && clock.isHoliday(day)) {
    return pl.holiday;
  }
  return pl.week[weekdayOfEpochDay(day)];
}

/** Splits [startMs, endMs) at band borders (local time) and at UTC offset changes. */
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

function localDayMinute(localMs: number): { day: number; minute: number } {
  const day = Math.floor(localMs / MS_PER_DAY);
  return { day, minute: Math.floor((localMs - day * MS_PER_DAY) / MS_PER_MINUTE) };
}

/** "Di 10:00–11:10", several ranges joined by ", "; touching pieces are merged. */
function formatRanges(pieces: readonly Piece[]): string {
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

function chargeCount(basis: TravelChargeBasis, workerDays: ReadonlySet<string>, days: ReadonlySet<number>): number {
  switch (basis) {
    case 'order':
      return 1;
    case 'day':
      return Math.max(days.size, 1);
    case 'worker-day':
      return Math.max(workerDays.size, 1);
  }
}

const BASIS_TEXT: Readonly<Record<TravelChargeBasis, string>> = {
  order: 'je Auftrag',
  day: 'je Einsatztag',
  'worker-day': 'je Arbeitskraft und Tag',
};

function priceTravel(
  report: ServiceReport,
  pl: CompiledPriceList,
  issues: IssueCollector,
  lines: LineSink,
  travelTime: ReadonlyMap<string, Group>,
  workerDays: ReadonlySet<string>,
  days: ReadonlySet<number>,
  workers: ReadonlyMap<string, string>,
  nameWorkers: boolean,
): void {
  const travel = report.travel;
  if (travel === undefined) {
    return;
  }
  if (travel.method === 'time') {
    const tt = pl.travelTime;
    if (tt === undefined) {
      issues.add('travel.method', "the price list does not bill travel by time (no 'travel.time' rule)");
      return;
    }
    if (pl.travelCountsAsWork) {
      issues.add(
        'travel.method',
        'the price list bills travel time as work time; do not request a separate travel-time charge',
      );
      return;
    }
    for (const [workerId, g] of travelTime) {
      const periods = Math.ceil(g.ms / tt.periodMs);
      const amount = roundCents(tt.amountPerPeriod.times(periods));
      const who = nameWorkers ? ` (${workers.get(workerId) ?? workerId})` : '';
      lines.push({
        category: 'travel',
        key: `travel/time/${workerId}`,
        quantity: String(periods),
        unit: `${tt.periodMinutes} min`,
        unitPrice: toMoneyString(tt.amountPerPeriod),
        surchargePercent: '0',
        amount,
        discountable: false,
        explanation: `${periods} × ${tt.periodMinutes} min ${tt.label}${who} ${formatRanges(g.pieces)} à ${formatEuroDe(tt.amountPerPeriod)}`,
      });
    }
    return;
  }
  if (travel.method === 'zone') {
    const zones = pl.zones;
    const zone = zones?.byId.get(travel.zoneId);
    if (zones === undefined || zone === undefined) {
      issues.add(
        'travel.zoneId',
        zones === undefined
          ? 'the price list has no travel zones'
          : `unknown zone '${travel.zoneId}' (zones: ${[...zones.byId.keys()].join(', ')})`,
      );
      return;
    }
    const count = chargeCount(zones.chargedPer, workerDays, days);
    lines.push({
      category: 'travel',
      key: `travel/zone/${travel.zoneId}`,
      quantity: String(count),
      unit: 'pauschal',
      unitPrice: toMoneyString(zone.amount),
      surchargePercent: '0',
      amount: roundCents(zone.amount.times(count)),
      discountable: false,
      explanation: `${count} × ${zones.label} ${zone.label} ${BASIS_TEXT[zones.chargedPer]} à ${formatEuroDe(zone.amount)}`,
    });
    return;
  }
  const dist = pl.distance;
  if (dist === undefined) {
    issues.add('travel.method', 'the price list has no distance bands');
    return;
  }
  if (!isDecimalString(travel.km) || travel.km.startsWith('-')) {
    issues.add('travel.km', `expected a non-negative decimal string, got '${String(travel.km)}'`);
    return;
  }
  const km = new Dec(travel.km).toNearest(dist.resolution, Dec.ROUND_HALF_UP);
  const tier = findTier(dist.tiers.bounds, km);
  const bounds = dist.tiers.bounds[tier];
  const value = dist.tiers.values[tier];
  if (bounds === undefined || value === undefined) {
    issues.add('travel.km', `${travel.km} km is not covered by the price list's distance bands`);
    return;
  }
  const count = chargeCount(dist.chargedPer, workerDays, days);
  const range = `${toDecimalString(bounds.from)}–${bounds.to === null ? '' : toDecimalString(bounds.to)} km`;
  lines.push({
    category: 'travel',
    key: 'travel/distance',
    quantity: String(count),
    unit: 'pauschal',
    unitPrice: toMoneyString(value),
    surchargePercent: '0',
    amount: roundCents(value.times(count)),
    discountable: false,
    explanation: `${count} × ${dist.label} ${formatDecimalDe(new Dec(travel.km))} km (Band ${range}) ${BASIS_TEXT[dist.chargedPer]} à ${formatEuroDe(value)}`,
  });
}

function insideWaiver(iv: ParsedInterval, pl: CompiledPriceList, clock: SiteClock): boolean {
  const windows = pl.orderFlat?.waiver?.windows;
  if (windows === undefined) {
    return false;
  }
  const s = localDayMinute(iv.startMs + clock.offsetMs(iv.startMs));
  const endLocal = iv.endMs + clock.offsetMs(iv.endMs - 1);
  let e = localDayMinute(endLocal + MS_PER_MINUTE - 1);
  if (e.day === s.day + 1 && e.minute === 0) {
    e = { day: s.day, minute: MINUTES_PER_DAY };
  }
  if (e.day !== s.day || clock.isHoliday(s.day)) {
    return false;
  }
  const todays = windows.byDay[weekdayOfEpochDay(s.day)] ?? [];
  return todays.some(([from, to]) => from <= s.minute && e.minute <= to);
}

function priceFees(
  report: ServiceReport,
  pl: CompiledPriceList,
  clock: SiteClock,
  work: readonly ParsedInterval[],
  issues: IssueCollector,
  lines: LineSink,
  notes: string[],
): void {
  const flat = pl.orderFlat;
  if (flat !== undefined) {
    const w = flat.waiver;
    const waived =
      w !== undefined &&
      (!w.underMaintenanceContract || report.flags.underMaintenanceContract) &&
      work.length > 0 &&
      work.every((iv) => insideWaiver(iv, pl, clock));
    lines.push({
      category: 'fee',
      key: 'fee/order-flat',
      quantity: '1',
      unit: 'pauschal',
      unitPrice: toMoneyString(waived ? new Dec(0) : flat.amount),
      surchargePercent: '0',
      amount: waived ? new Dec(0) : roundCents(flat.amount),
      discountable: false,
      explanation: waived
        ? `${flat.label} entfällt (${w?.label ?? ''})`
        : `${flat.label} einmal je Auftrag ${formatEuroDe(flat.amount)}`,
    });
    if (waived) {
      notes.push(`${flat.label} ${formatEuroDe(flat.amount)} entfällt: ${w?.label ?? ''}`);
    }
  }
  if (report.smallMaterial === true) {
    const s = pl.smallMaterialFlat;
    if (s === undefined) {
      issues.add('smallMaterial', 'the price list has no small-material flat');
    } else {
      lines.push(flatLine('fee', 'fee/small-material', s.label, s.amount));
    }
  }
  if (report.quote !== undefined) {
    const q = pl.quote;
    const quoted = isoDateToEpochDay(report.quote.quotedOn);
    const ordered = isoDateToEpochDay(report.quote.orderedOn);
    if (q === undefined) {
      issues.add('quote', 'the price list has no quote fee');
    } else if (quoted === undefined || ordered === undefined) {
      issues.add('quote', 'quotedOn and orderedOn must be dates YYYY-MM-DD');
    } else {
      const credited = ordered >= quoted && ordered - quoted <= q.creditWithinWeeks * 7;
      lines.push({
        category: 'fee',
        key: 'fee/quote',
        quantity: '1',
        unit: 'pauschal',
        unitPrice: toMoneyString(q.amount),
        surchargePercent: '0',
        amount: credited ? new Dec(0) : roundCents(q.amount),
        discountable: false,
        explanation: credited
          ? `${q.label} ${formatEuroDe(q.amount)} vom ${report.quote.quotedOn} verrechnet (Auftrag innerhalb von ${q.creditWithinWeeks} Wochen)`
          : `${q.label} vom ${report.quote.quotedOn} ${formatEuroDe(q.amount)}`,
      });
    }
  }
}

function flatLine(category: LineCategory, key: string, label: string, amount: Dec): DecLine {
  return {
    category,
    key,
    quantity: '1',
    unit: 'pauschal',
    unitPrice: toMoneyString(amount),
    surchargePercent: '0',
    amount: roundCents(amount),
    discountable: false,
    explanation: `${label} ${formatEuroDe(amount)}`,
  };
}

function readAmount(issues: IssueCollector, value: string, path: string, positive = false): Dec | undefined {
  if (!isDecimalString(value) || value.startsWith('-')) {
    issues.add(path, `expected a ${positive ? 'positive' : 'non-negative'} decimal string, got '${String(value)}'`);
    return undefined;
  }
  const d = parseDecimalCached(value);
  if (positive && d.isZero()) {
    issues.add(path, `expected a positive decimal string, got '${value}'`);
    return undefined;
  }
  return d;
}

function priceMaterials(report: ServiceReport, pl: CompiledPriceList, issues: IssueCollector, lines: LineSink): void {
  (report.materials ?? []).forEach((m, i) => {
    const path = joinPath('materials', i);
    const unitNet = readAmount(issues, m.netUnitPrice, joinPath(path, 'netUnitPrice'));
    const qty = readAmount(issues, m.quantity, joinPath(path, 'quantity'), true);
    if (unitNet === undefined || qty === undefined) {
      return;
    }
    let factor: Dec | undefined;
    let overheadText = '0';
    if (pl.overhead.bounds.length > 0) {
      const tier = findTier(pl.overhead.bounds, unitNet);
      factor = pl.overhead.factors[tier];
      overheadText = pl.overhead.valueTexts[tier] ?? '0';
      if (factor === undefined) {
        issues.add(joinPath(path, 'netUnitPrice'), `${m.netUnitPrice} € is not covered by any material overhead tier`);
        return;
      }
    }
    const unitSell = factor === undefined ? roundCents(unitNet) : roundCents(unitNet.times(factor));
    const amount = roundCents(unitSell.times(qty));
    const unit = m.unit ?? 'Stk';
    const qtyText = toDecimalString(qty);
    const unitNetText = toUnitPriceString(unitNet);
    const derivation =
      factor === undefined
        ? ''
        : ` + ${formatDecimalTextDe(overheadText)} % Gemeinkostenzuschlag = ${formatDecimalTextDe(toMoneyString(unitSell))} €/${unit}`;
    lines.push({
      category: 'material',
      key: `material/${i}`,
      quantity: qtyText,
      unit,
      unitPrice: unitNetText,
      surchargePercent: overheadText,
      amount,
      discountable: true,
      explanation: `${formatDecimalTextDe(qtyText)} ${unit} ${m.description} à ${formatDecimalTextDe(unitNetText)} €${derivation}`,
    });
  });
}

function priceExternal(report: ServiceReport, pl: CompiledPriceList, issues: IssueCollector, lines: LineSink): void {
  const kinds = [
    ['partnerInvoices', 'partner', report.partnerInvoices, pl.partnerWork],
    ['passThroughCosts', 'passThrough', report.passThroughCosts, pl.passThrough],
  ] as const;
  for (const [field, category, items, rule] of kinds) {
    (items ?? []).forEach((item, i) => {
      const path = joinPath(field, i);
      if (rule === undefined) {
        issues.add(
          path,
          `the price list has no rule for ${field === 'partnerInvoices' ? 'partner work' : 'pass-through costs'}`,
        );
        return;
      }
      const base = readAmount(issues, item.net, joinPath(path, 'net'));
      if (base === undefined) {
        return;
      }
      const amount = roundCents(base.times(rule.markupPercent.div(100).plus(1)));
      lines.push({
        category,
        key: `${category}/${i}`,
        quantity: '1',
        unit: 'pauschal',
        unitPrice: toUnitPriceString(base),
        surchargePercent: toDecimalString(rule.markupPercent),
        amount,
        discountable: true,
        explanation: `${rule.label}: ${item.description} ${formatEuroDe(base)} + ${formatPercentDe(rule.markupPercent)} = ${formatEuroDe(amount)}`,
      });
    });
  }
}

function priceCatalog(report: ServiceReport, pl: CompiledPriceList, issues: IssueCollector, lines: LineSink): void {
  (report.catalogItems ?? []).forEach((c, i) => {
    const path = joinPath('catalogItems', i);
    const item = pl.catalog.get(c.code);
    const qty = readAmount(issues, c.quantity, joinPath(path, 'quantity'), true);
    if (item === undefined) {
      issues.add(joinPath(path, 'code'), `unknown catalog item '${c.code}'`);
      return;
    }
    if (qty === undefined) {
      return;
    }
    lines.push({
      category: 'catalog',
      key: `catalog/${c.code}`,
      quantity: toDecimalString(qty),
      unit: 'pauschal',
      unitPrice: toMoneyString(item.net),
      surchargePercent: '0',
      amount: roundCents(item.net.times(qty)),
      discountable: false,
      explanation: `${formatDecimalDe(qty)} × ${c.code} ${item.label} à ${formatEuroDe(item.net)}`,
    });
  });
}

function totals(
  report: ServiceReport,
  pl: CompiledPriceList,
  sink: LineSink,
  discounts: readonly { id: string; label: string; percent: Dec }[],
  notes: string[],
): ServiceReportPricing {
  const sub = new Map<LineCategory, Dec>();
  let linesTotal = new Dec(0);
  let base = new Dec(0);
  const lines = sink.list;
  for (let i = 0; i < lines.length; i += 1) {
    const l = lines[i];
    const a = sink.amounts[i];
    if (l === undefined || a === undefined) {
      continue;
    }
    linesTotal = linesTotal.plus(a);
    sub.set(l.category, (sub.get(l.category) ?? new Dec(0)).plus(a));
    if (l.discountable) {
      base = base.plus(a);
    }
  }
  const subtotals = {} as Record<LineCategory, string>;
  for (const cat of LINE_CATEGORIES) {
    const v = sub.get(cat);
    subtotals[cat] = v === undefined ? '0.00' : toMoneyString(v);
  }
  let discountTotal = new Dec(0);
  const applied: AppliedDiscount[] = discounts.map((d) => {
    const amount = roundCents(base.times(d.percent).div(100));
    discountTotal = discountTotal.plus(amount);
    return {
      id: d.id,
      label: d.label,
      percent: toDecimalString(d.percent),
      base: toMoneyString(base),
      amount: toMoneyString(amount),
      explanation: `${formatPercentDe(d.percent)} ${d.label} auf ${formatEuroDe(base)} (ohne Pauschalen) = ${formatEuroDe(amount)}`,
    };
  });
  const net = linesTotal.minus(discountTotal);
  const vat = roundCents(net.times(pl.vatPercent).div(100));
  const billable = !(report.flags.underMaintenanceContract && report.flags.inScope);
  if (!billable) {
    notes.push(
      'Leistung im Umfang des Wartungsvertrags: durch die Vertragspauschale abgegolten, nicht gesondert berechnet',
    );
  }
  return {
    orderId: report.orderId,
    priceListId: pl.source.id,
    currency: 'EUR',
    lines,
    subtotals,
    linesTotal: toMoneyString(linesTotal),
    discountableBase: toMoneyString(base),
    discounts: applied,
    discountTotal: toMoneyString(discountTotal),
    net: toMoneyString(net),
    vatPercent: toDecimalString(pl.vatPercent),
    vat: toMoneyString(vat),
    gross: toMoneyString(net.plus(vat)),
    billable,
    notes,
  };
}
