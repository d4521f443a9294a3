import { Dec, isDecimalString as isDecimalStringImported } from '../money/decimal';
import type { Dec as DecValue } from '../money/decimal';
import { IssueCollector, joinPath } from '../money/data-issues';
import {
  canonicalDecimalText as canonicalDecimalTextImported,
  centsToMoneyString as centsToMoneyStringImported,
  mulToCents as mulToCentsImported,
  parseScaled as parseScaledImported,
  roundToCents as roundToCentsImported,
  scaledFromDec,
  unitPriceText as unitPriceTextImported,
} from '../money/fixed-point';
import type { Scaled } from '../money/fixed-point';
import {
  formatDecimalDe,
  formatDecimalTextDe as formatDecimalTextDeImported,
  formatEuroDe,
  roundCents,
  toDecimalString,
  toMoneyString,
} from '../money/money';
import {
  MINUTES_PER_DAY as MINUTES_PER_LOCAL_DAY,
  WEEKDAY_ABBR_DE as WEEKDAY_ABBR_DE_IMPORTED,
  formatLocalTime as formatLocalTimeImported,
  isoDateToEpochDay,
  parseIsoInstant as parseIsoInstantImported,
  weekdayOfEpochDay as weekdayOfEpochDayImported,
} from './local-time';
import { compilePriceList, formatPercentDe } from './price-list.compiled';
import type { CompiledPriceList, CompiledRole, DaySchedule } from './price-list.compiled';
import { ServiceReportInvalidError } from './price-list.errors';
import type { PriceList, TravelChargeBasis } from './price-list.types';
import type {
  AppliedDiscount,
  LineCategory,
  MaterialUse,
  PricedLine,
  ServiceReport,
  ServiceReportPricing,
  SiteCalendar,
  WorkInterval,
} from './service-report.types';
import { LINE_CATEGORIES } from './service-report.types';
import { MS_PER_DAY as DAY_MS, MS_PER_MINUTE as MINUTE_MS, SiteClock } from './site-clock';
import { findTier, findTierScaled as findTierScaledImported, scaledTierBounds } from './tiers';
import type { ScaledTierBounds } from './tiers';

// Module-local bindings of the functions called per report, per line or per piece: in CommonJS output
// (tsx, ts-jest) an imported binding is a getter call on the other module's exports at every use.
const isDecimalString = isDecimalStringImported;
const canonicalDecimalText = canonicalDecimalTextImported;
const centsToMoneyString = centsToMoneyStringImported;
const mulToCents = mulToCentsImported;
const parseScaled = parseScaledImported;
const roundToCents = roundToCentsImported;
const unitPriceText = unitPriceTextImported;
const formatDecimalTextDe = formatDecimalTextDeImported;
const WEEKDAY_ABBR_DE = WEEKDAY_ABBR_DE_IMPORTED;
const formatLocalTime = formatLocalTimeImported;
const parseIsoInstant = parseIsoInstantImported;
const weekdayOfEpochDay = weekdayOfEpochDayImported;
const findTierScaled = findTierScaledImported;

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
 *
 * ARITHMETIC — exact fixed-point on BigInt (money/fixed-point.ts): line amounts and all totals are BigInt
 * cents; every product is exact and rounded only at the points above. Price-list values (rates per
 * increment, surcharge factors, percentages) are computed once per list with decimal.js and converted
 * exactly. The results are those of the former decimal.js engine (proven by fixed-point-equivalence.spec.ts).
 */
export function priceServiceReport(
  report: ServiceReport,
  priceList: PriceList,
  site: SiteCalendar,
  options: PricingOptions = {},
): ServiceReportPricing {
  const pl = compilePriceList(priceList);
  const tables = tablesOf(pl);
  const clock = SiteClock.of(site.timeZone, site.holidayRegion);
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

  // 1–2: split and pool (groups in order of first appearance)
  const labour: LabourGroup[] = [];
  const travelTime = new Map<string, Group>();
  const workerDays = new WorkerDays();
  const days = new Set<number>();
  const timeTravel = report.travel?.method === 'time';
  for (const iv of work) {
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

  // 3–4: labour lines
  const emergency = report.flags.emergency;
  for (const g of labour) {
    const band = pl.bands[g.band];
    const unitWithSurcharge = (emergency ? g.role.bandUnitPricesEmergency : g.role.bandUnitPrices)[g.band];
    if (band === undefined || unitWithSurcharge === undefined) {
      continue;
    }
    const increments = Math.ceil(g.ms / g.role.incrementMs);
    const { cents: lineCents, amountText } = labourAmount(
      tables,
      g.role,
      2 * g.band + (emergency ? 1 : 0),
      unitWithSurcharge,
      increments,
    );
    const who = nameWorkers ? ` (${workers.get(g.workerId) ?? g.workerId})` : '';
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
      lineCents,
    );
  }

  priceTravel(report, pl, tables, issues, lines, travelTime, workerDays.size, days, workers, nameWorkers);
  priceFees(report, pl, tables, clock, work, issues, lines, notes);
  priceMaterials(report, pl, tables, issues, lines, options.materialMemo !== false);
  priceExternal(report, pl, tables, issues, lines);
  priceCatalog(report, pl, tables, issues, lines);

  const requestedDiscounts: DiscountTable[] = [];
  const discountIds = report.discounts ?? [];
  for (let i = 0; i < discountIds.length; i += 1) {
    const id = discountIds[i] ?? '';
    const d = tables.discounts.get(id);
    if (d === undefined) {
      issues.add(
        joinPath('discounts', i),
        `unknown discount '${id}' (price list offers: ${[...pl.discounts.keys()].join(', ') || 'none'})`,
      );
    } else {
      requestedDiscounts.push(d);
    }
  }

  if (issues.issues.length > 0) {
    throw new ServiceReportInvalidError(issues.issues);
  }
  return totals(report, pl, tables, lines, requestedDiscounts, notes);
}

/** Options of `priceServiceReport`. */
export interface PricingOptions {
  /**
   * Reuse the priced material line (without its description) per price list and (net unit price,
   * quantity, unit): real parts repeat across reports. Bounded (cleared when full); results are
   * identical with and without it. Default true.
   */
  readonly materialMemo?: boolean;
}

/** Collects priced lines and keeps their amounts in BigInt cents for the totals (no re-parsing of strings). */
class LineSink {
  readonly list: PricedLine[] = [];
  readonly cents: bigint[] = [];

  /** `line.amount` must be `centsToMoneyString(lineCents)`. */
  add(line: PricedLine, lineCents: bigint): void {
    this.list.push(line);
    this.cents.push(lineCents);
  }
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

/**
 * Derived texts and factors of a compiled price list that every report needs (built once per list), and
 * the bounded material memo.
 */
interface PricingTables {
  /** VAT percent / 100, exact. */
  readonly vatFactor: Scaled;
  readonly vatPercentText: string;
  readonly discounts: ReadonlyMap<string, DiscountTable>;
  readonly zones: ReadonlyMap<
    string,
    { readonly amount: Scaled; readonly amountText: string; readonly explanationTail: string }
  >;
  readonly smallMaterial: { readonly line: PricedLine; readonly cents: bigint } | undefined;
  /** Order flat fee and quote fee: rounded amount in cents and the texts of their lines. */
  readonly orderFlat: FlatTexts | undefined;
  readonly quote: FlatTexts | undefined;
  readonly travelTime:
    { readonly perPeriod: Scaled; readonly unitPriceText: string; readonly euro: string } | undefined;
  readonly distanceValues: readonly Scaled[];
  /** Material overhead tiers: bounds, 1 + overhead/100 and the German overhead text per tier. */
  readonly overheadBounds: readonly ScaledTierBounds[];
  readonly overheadFactors: readonly Scaled[];
  readonly overheadTextsDe: readonly string[];
  /** 1 + markup/100 of partner work and pass-through costs. */
  readonly markupFactors: { readonly partner: Scaled | undefined; readonly passThrough: Scaled | undefined };
  readonly catalogNets: ReadonlyMap<string, Scaled>;
  readonly materials: Map<string, MaterialEntry>;
  /** Per role, per (band, emergency) slot, per number of increments: see `labourAmount`. */
  readonly labour: Map<CompiledRole, (LabourAmount | undefined)[][]>;
}

interface FlatTexts {
  readonly cents: bigint;
  readonly amountText: string;
  readonly unitPriceText: string;
  /** formatEuroDe of the unrounded amount, e.g. "28,70 €" */
  readonly euro: string;
}

interface DiscountTable {
  readonly id: string;
  readonly label: string;
  readonly percentText: string;
  /** percent / 100, exact: base × factor = base × percent / 100. */
  readonly factor: Scaled;
  /** "3 % Rabatt bei Sofortzahlung auf " */
  readonly explanationHead: string;
}

/** A priced material line without its description and position. */
interface MaterialEntry {
  readonly netUnitPrice: string;
  readonly quantity: string;
  readonly unit: string;
  readonly quantityText: string;
  readonly unitPriceText: string;
  readonly overheadText: string;
  readonly cents: bigint;
  readonly amountText: string;
  /** "12,00 Stk " — followed by the description */
  readonly explanationHead: string;
  /** " à 0,40 € + 500,00 % Gemeinkostenzuschlag = 2,40 €/Stk" */
  readonly explanationTail: string;
}

const MATERIAL_MEMO_LIMIT = 4096;
/** Labour amounts are tabulated up to this many increments (a week in quarter hours); more are computed. */
const LABOUR_TABLE_INCREMENTS = 672;

/** A labour line amount (rounding point 1) in cents and its money string. */
interface LabourAmount {
  readonly cents: bigint;
  readonly amountText: string;
}

/** roundCents(unit price with surcharge × increments), in fixed point. */
function computeLabourAmount(unitWithSurcharge: DecValue, increments: number): LabourAmount {
  const unit = scaledFromDec(unitWithSurcharge);
  const lineCents = mulToCents(unit.units, unit.scale, BigInt(increments), 0);
  return { cents: lineCents, amountText: centsToMoneyString(lineCents) };
}

/**
 * roundCents(unit price with surcharge × increments), from a per-list table filled on first use: the
 * amount depends only on (role, band, emergency, increments), so it is computed once per combination.
 */
function labourAmount(
  tables: PricingTables,
  role: CompiledRole,
  slot: number,
  unitWithSurcharge: DecValue,
  increments: number,
): LabourAmount {
  if (increments > LABOUR_TABLE_INCREMENTS) {
    return computeLabourAmount(unitWithSurcharge, increments);
  }
  let perSlot = tables.labour.get(role);
  if (perSlot === undefined) {
    perSlot = [];
    tables.labour.set(role, perSlot);
  }
  let row = perSlot[slot];
  if (row === undefined) {
    row = [];
    perSlot[slot] = row;
  }
  let hit = row[increments];
  if (hit === undefined) {
    hit = computeLabourAmount(unitWithSurcharge, increments);
    row[increments] = hit;
  }
  return hit;
}
const tablesCache = new WeakMap<CompiledPriceList, PricingTables>();

function flatTexts(flat: DecValue): FlatTexts {
  const rounded = roundCents(flat);
  const s = scaledFromDec(rounded);
  return {
    cents: roundToCents(s.units, s.scale),
    amountText: toMoneyString(rounded),
    unitPriceText: toMoneyString(flat),
    euro: formatEuroDe(flat),
  };
}

function tablesOf(pl: CompiledPriceList): PricingTables {
  const hit = tablesCache.get(pl);
  if (hit !== undefined) {
    return hit;
  }
  const discounts = new Map<string, DiscountTable>();
  for (const [id, d] of pl.discounts) {
    discounts.set(id, {
      id,
      label: d.label,
      percentText: toDecimalString(d.percent),
      factor: scaledFromDec(d.percent.div(100)),
      explanationHead: `${formatPercentDe(d.percent)} ${d.label} auf `,
    });
  }
  const zones = new Map<string, { amount: Scaled; amountText: string; explanationTail: string }>();
  const z = pl.zones;
  if (z !== undefined) {
    for (const [id, zone] of z.byId) {
      zones.set(id, {
        amount: scaledFromDec(zone.amount),
        amountText: toMoneyString(zone.amount),
        explanationTail: ` × ${z.label} ${zone.label} ${BASIS_TEXT[z.chargedPer]} à ${formatEuroDe(zone.amount)}`,
      });
    }
  }
  const s = pl.smallMaterialFlat;
  const smallMaterial = s === undefined ? undefined : flatLine('fee', 'fee/small-material', s.label, s.amount);
  const flat = pl.orderFlat;
  const quote = pl.quote;
  const tt = pl.travelTime;
  const markup = (rule: { readonly markupPercent: DecValue } | undefined): Scaled | undefined =>
    rule === undefined ? undefined : scaledFromDec(rule.markupPercent.div(100).plus(1));
  const tables: PricingTables = {
    vatFactor: scaledFromDec(pl.vatPercent.div(100)),
    vatPercentText: toDecimalString(pl.vatPercent),
    discounts,
    zones,
    smallMaterial,
    orderFlat: flat === undefined ? undefined : flatTexts(flat.amount),
    quote: quote === undefined ? undefined : flatTexts(quote.amount),
    travelTime:
      tt === undefined
        ? undefined
        : {
            perPeriod: scaledFromDec(tt.amountPerPeriod),
            unitPriceText: toMoneyString(tt.amountPerPeriod),
            euro: formatEuroDe(tt.amountPerPeriod),
          },
    distanceValues: (pl.distance?.tiers.values ?? []).map(scaledFromDec),
    overheadBounds: scaledTierBounds(pl.overhead.bounds),
    overheadFactors: pl.overhead.factors.map(scaledFromDec),
    overheadTextsDe: pl.overhead.valueTexts.map(formatDecimalTextDe),
    markupFactors: { partner: markup(pl.partnerWork), passThrough: markup(pl.passThrough) },
    catalogNets: new Map([...pl.catalog].map(([code, item]) => [code, scaledFromDec(item.net)])),
    materials: new Map(),
    labour: new Map(),
  };
  tablesCache.set(pl, tables);
  return tables;
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

// Module-local copies of the time constants used in the split and format loops (an imported binding
// is a property read through the module namespace on every use in CommonJS output such as tsx's).
const MS_PER_DAY: number = DAY_MS;
const MS_PER_MINUTE: number = MINUTE_MS;
const MINUTES_PER_DAY: number = MINUTES_PER_LOCAL_DAY;
const MAX_INTERVAL_MS = 7 * MS_PER_DAY;

function readWork(work: readonly WorkInterval[], pl: CompiledPriceList, issues: IssueCollector): ParsedInterval[] {
  const out: ParsedInterval[] = [];
  for (let i = 0; i < work.length; i += 1) {
    const w = work[i];
    if (w === undefined) {
      continue;
    }
    const role = pl.roles.get(w.roleId);
    if (role === undefined) {
      issues.add(
        joinPath(joinPath('work', i), 'roleId'),
        `unknown role '${w.roleId}' (price list roles: ${[...pl.roles.keys()].join(', ')})`,
      );
    }
    if (typeof w.workerId !== 'string' || w.workerId === '') {
      issues.add(joinPath(joinPath('work', i), 'workerId'), 'expected a worker id');
    }
    if (w.kind !== 'travel' && w.kind !== 'on-site') {
      issues.add(joinPath(joinPath('work', i), 'kind'), `expected 'travel' or 'on-site', got '${String(w.kind)}'`);
    }
    const startMs = parseIsoInstant(w.start);
    const endMs = parseIsoInstant(w.end);
    if (Number.isNaN(startMs)) {
      issues.add(
        joinPath(joinPath('work', i), 'start'),
        `'${w.start}' is not an ISO-8601 instant with zone (e.g. 2024-03-12T09:00:00Z)`,
      );
    }
    if (Number.isNaN(endMs)) {
      issues.add(
        joinPath(joinPath('work', i), 'end'),
        `'${w.end}' is not an ISO-8601 instant with zone (e.g. 2024-03-12T10:10:00Z)`,
      );
    }
    if (!Number.isNaN(startMs) && !Number.isNaN(endMs)) {
      if (endMs <= startMs) {
        issues.add(
          joinPath(joinPath('work', i), 'end'),
          `interval ends (${w.end}) before or when it starts (${w.start})`,
        );
      } else if (endMs - startMs > MAX_INTERVAL_MS) {
        issues.add(
          joinPath(joinPath('work', i), 'end'),
          'an interval may not be longer than 7 days; report one interval per day',
        );
      } else if (role !== undefined) {
        out.push({ workerId: w.workerId, role, kind: w.kind, startMs, endMs });
      }
    }
  }
  let sorted = true;
  for (let i = 1; i < out.length && sorted; i += 1) {
    sorted = (out[i - 1]?.startMs ?? 0) <= (out[i]?.startMs ?? 0);
  }
  if (!sorted) {
    out.sort((a, b) => a.startMs - b.startMs);
  }
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

function chargeCount(basis: TravelChargeBasis, workerDays: number, days: ReadonlySet<number>): number {
  switch (basis) {
    case 'order':
      return 1;
    case 'day':
      return Math.max(days.size, 1);
    case 'worker-day':
      return Math.max(workerDays, 1);
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
  tables: PricingTables,
  issues: IssueCollector,
  lines: LineSink,
  travelTime: ReadonlyMap<string, Group>,
  workerDays: number,
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
    const perPeriod = tables.travelTime;
    for (const [workerId, g] of travelTime) {
      const periods = Math.ceil(g.ms / tt.periodMs);
      if (perPeriod === undefined) {
        break;
      }
      const lineCents = mulToCents(perPeriod.perPeriod.units, perPeriod.perPeriod.scale, BigInt(periods), 0);
      const who = nameWorkers ? ` (${workers.get(workerId) ?? workerId})` : '';
      lines.add(
        {
          category: 'travel',
          key: `travel/time/${workerId}`,
          quantity: String(periods),
          unit: `${tt.periodMinutes} min`,
          unitPrice: perPeriod.unitPriceText,
          surchargePercent: '0',
          amount: centsToMoneyString(lineCents),
          discountable: false,
          explanation: `${periods} × ${tt.periodMinutes} min ${tt.label}${who} ${formatRanges(g.pieces)} à ${perPeriod.euro}`,
        },
        lineCents,
      );
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
    const texts = tables.zones.get(travel.zoneId);
    const perCount = texts?.amount ?? scaledFromDec(zone.amount);
    const lineCents = mulToCents(perCount.units, perCount.scale, BigInt(count), 0);
    lines.add(
      {
        category: 'travel',
        key: `travel/zone/${travel.zoneId}`,
        quantity: String(count),
        unit: 'pauschal',
        unitPrice: texts?.amountText ?? toMoneyString(zone.amount),
        surchargePercent: '0',
        amount: centsToMoneyString(lineCents),
        discountable: false,
        explanation:
          texts === undefined
            ? `${count} × ${zones.label} ${zone.label} ${BASIS_TEXT[zones.chargedPer]} à ${formatEuroDe(zone.amount)}`
            : `${count}${texts.explanationTail}`,
      },
      lineCents,
    );
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
  const perCount = tables.distanceValues[tier];
  if (bounds === undefined || value === undefined || perCount === undefined) {
    issues.add('travel.km', `${travel.km} km is not covered by the price list's distance bands`);
    return;
  }
  const count = chargeCount(dist.chargedPer, workerDays, days);
  const range = `${toDecimalString(bounds.from)}–${bounds.to === null ? '' : toDecimalString(bounds.to)} km`;
  const lineCents = mulToCents(perCount.units, perCount.scale, BigInt(count), 0);
  lines.add(
    {
      category: 'travel',
      key: 'travel/distance',
      quantity: String(count),
      unit: 'pauschal',
      unitPrice: toMoneyString(value),
      surchargePercent: '0',
      amount: centsToMoneyString(lineCents),
      discountable: false,
      explanation: `${count} × ${dist.label} ${formatDecimalDe(new Dec(travel.km))} km (Band ${range}) ${BASIS_TEXT[dist.chargedPer]} à ${formatEuroDe(value)}`,
    },
    lineCents,
  );
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
  tables: PricingTables,
  clock: SiteClock,
  work: readonly ParsedInterval[],
  issues: IssueCollector,
  lines: LineSink,
  notes: string[],
): void {
  const flat = pl.orderFlat;
  const flatTable = tables.orderFlat;
  if (flat !== undefined && flatTable !== undefined) {
    const w = flat.waiver;
    const waived =
      w !== undefined &&
      (!w.underMaintenanceContract || report.flags.underMaintenanceContract) &&
      work.length > 0 &&
      work.every((iv) => insideWaiver(iv, pl, clock));
    lines.add(
      {
        category: 'fee',
        key: 'fee/order-flat',
        quantity: '1',
        unit: 'pauschal',
        unitPrice: waived ? '0.00' : flatTable.unitPriceText,
        surchargePercent: '0',
        amount: waived ? '0.00' : flatTable.amountText,
        discountable: false,
        explanation: waived
          ? `${flat.label} entfällt (${w?.label ?? ''})`
          : `${flat.label} einmal je Auftrag ${flatTable.euro}`,
      },
      waived ? 0n : flatTable.cents,
    );
    if (waived) {
      notes.push(`${flat.label} ${flatTable.euro} entfällt: ${w?.label ?? ''}`);
    }
  }
  if (report.smallMaterial === true) {
    const s = tables.smallMaterial;
    if (s === undefined) {
      issues.add('smallMaterial', 'the price list has no small-material flat');
    } else {
      lines.add({ ...s.line }, s.cents);
    }
  }
  if (report.quote !== undefined) {
    const q = pl.quote;
    const qt = tables.quote;
    const quoted = isoDateToEpochDay(report.quote.quotedOn);
    const ordered = isoDateToEpochDay(report.quote.orderedOn);
    if (q === undefined || qt === undefined) {
      issues.add('quote', 'the price list has no quote fee');
    } else if (quoted === undefined || ordered === undefined) {
      issues.add('quote', 'quotedOn and orderedOn must be dates YYYY-MM-DD');
    } else {
      const credited = ordered >= quoted && ordered - quoted <= q.creditWithinWeeks * 7;
      lines.add(
        {
          category: 'fee',
          key: 'fee/quote',
          quantity: '1',
          unit: 'pauschal',
          unitPrice: qt.unitPriceText,
          surchargePercent: '0',
          amount: credited ? '0.00' : qt.amountText,
          discountable: false,
          explanation: credited
            ? `${q.label} ${qt.euro} vom ${report.quote.quotedOn} verrechnet (Auftrag innerhalb von ${q.creditWithinWeeks} Wochen)`
            : `${q.label} vom ${report.quote.quotedOn} ${qt.euro}`,
        },
        credited ? 0n : qt.cents,
      );
    }
  }
}

function flatLine(
  category: LineCategory,
  key: string,
  label: string,
  flat: DecValue,
): { readonly line: PricedLine; readonly cents: bigint } {
  const t = flatTexts(flat);
  return {
    line: {
      category,
      key,
      quantity: '1',
      unit: 'pauschal',
      unitPrice: t.unitPriceText,
      surchargePercent: '0',
      amount: t.amountText,
      discountable: false,
      explanation: `${label} ${t.euro}`,
    },
    cents: t.cents,
  };
}

/**
 * Reads the decimal string at `base`.`field` as an exact fixed-point value; the path is only built when
 * there is an issue.
 */
function readAmount(
  issues: IssueCollector,
  value: string,
  base: string,
  field: string,
  positive = false,
): Scaled | undefined {
  if (!isDecimalString(value) || value.startsWith('-')) {
    issues.add(
      joinPath(base, field),
      `expected a ${positive ? 'positive' : 'non-negative'} decimal string, got '${String(value)}'`,
    );
    return undefined;
  }
  const d = parseScaled(value);
  if (positive && d.units === 0n) {
    issues.add(joinPath(base, field), `expected a positive decimal string, got '${value}'`);
    return undefined;
  }
  return d;
}

function priceMaterials(
  report: ServiceReport,
  pl: CompiledPriceList,
  tables: PricingTables,
  issues: IssueCollector,
  lines: LineSink,
  memo: boolean,
): void {
  const materials = report.materials ?? [];
  for (let i = 0; i < materials.length; i += 1) {
    const m = materials[i];
    if (m === undefined) {
      continue;
    }
    const unit = m.unit ?? 'Stk';
    const memoKey = memo ? `${m.netUnitPrice}|${m.quantity}|${unit}` : '';
    let entry = memo ? tables.materials.get(memoKey) : undefined;
    // a key is ambiguous only for invalid input ('|' inside a price or quantity): compare the parts
    if (
      entry === undefined ||
      entry.netUnitPrice !== m.netUnitPrice ||
      entry.quantity !== m.quantity ||
      entry.unit !== unit
    ) {
      entry = priceMaterial(pl, tables, issues, m, unit, i);
      if (entry === undefined) {
        continue;
      }
      if (memo) {
        if (tables.materials.size >= MATERIAL_MEMO_LIMIT) {
          tables.materials.clear();
        }
        tables.materials.set(memoKey, memoEntry(entry));
      }
    }
    lines.add(
      {
        category: 'material',
        key: `material/${i}`,
        quantity: entry.quantityText,
        unit,
        unitPrice: entry.unitPriceText,
        surchargePercent: entry.overheadText,
        amount: entry.amountText,
        discountable: true,
        explanation: `${entry.explanationHead}${m.description}${entry.explanationTail}`,
      },
      entry.cents,
    );
  }
}

/**
 * A copy of a material entry for the memo, allocated HERE rather than in `priceMaterial`: V8 pretenures
 * the objects of an allocation site whose objects tend to survive (memo entries live long), and would
 * then allocate every short-lived entry of `priceMaterial` in the old generation too — which made pricing
 * without the memo twice as slow in a process that had priced with it before.
 */
function memoEntry(e: MaterialEntry): MaterialEntry {
  return {
    netUnitPrice: e.netUnitPrice,
    quantity: e.quantity,
    unit: e.unit,
    quantityText: e.quantityText,
    unitPriceText: e.unitPriceText,
    overheadText: e.overheadText,
    cents: e.cents,
    amountText: e.amountText,
    explanationHead: e.explanationHead,
    explanationTail: e.explanationTail,
  };
}

/** Validates and prices one material use (rounding points 2 and 1); undefined, with issues, when invalid. */
function priceMaterial(
  pl: CompiledPriceList,
  tables: PricingTables,
  issues: IssueCollector,
  m: MaterialUse,
  unit: string,
  i: number,
): MaterialEntry | undefined {
  const path = joinPath('materials', i);
  const unitNet = readAmount(issues, m.netUnitPrice, path, 'netUnitPrice');
  const qty = readAmount(issues, m.quantity, path, 'quantity', true);
  if (unitNet === undefined || qty === undefined) {
    return undefined;
  }
  let factor: Scaled | undefined;
  let overheadText = '0';
  let overheadDe = '0';
  if (tables.overheadBounds.length > 0) {
    const tier = findTierScaled(tables.overheadBounds, unitNet.units, unitNet.scale);
    factor = tables.overheadFactors[tier];
    overheadText = pl.overhead.valueTexts[tier] ?? '0';
    overheadDe = tables.overheadTextsDe[tier] ?? '0';
    if (factor === undefined) {
      issues.add(joinPath(path, 'netUnitPrice'), `${m.netUnitPrice} € is not covered by any material overhead tier`);
      return undefined;
    }
  }
  // rounding point 2 (unit sell price), then rounding point 1 (line amount)
  const unitSellCents =
    factor === undefined
      ? roundToCents(unitNet.units, unitNet.scale)
      : mulToCents(unitNet.units, unitNet.scale, factor.units, factor.scale);
  const lineCents = mulToCents(unitSellCents, 2, qty.units, qty.scale);
  const quantityText = canonicalDecimalText(m.quantity);
  const netText = unitPriceText(m.netUnitPrice);
  const derivation =
    factor === undefined
      ? ''
      : ` + ${overheadDe} % Gemeinkostenzuschlag = ${formatDecimalTextDe(centsToMoneyString(unitSellCents))} €/${unit}`;
  return {
    netUnitPrice: m.netUnitPrice,
    quantity: m.quantity,
    unit,
    quantityText,
    unitPriceText: netText,
    overheadText,
    cents: lineCents,
    amountText: centsToMoneyString(lineCents),
    explanationHead: `${formatDecimalTextDe(quantityText)} ${unit} `,
    explanationTail: ` à ${formatDecimalTextDe(netText)} €${derivation}`,
  };
}

function priceExternal(
  report: ServiceReport,
  pl: CompiledPriceList,
  tables: PricingTables,
  issues: IssueCollector,
  lines: LineSink,
): void {
  const kinds = [
    ['partnerInvoices', 'partner', report.partnerInvoices, pl.partnerWork, tables.markupFactors.partner],
    ['passThroughCosts', 'passThrough', report.passThroughCosts, pl.passThrough, tables.markupFactors.passThrough],
  ] as const;
  for (const [field, category, items, rule, factor] of kinds) {
    (items ?? []).forEach((item, i) => {
      const path = joinPath(field, i);
      if (rule === undefined || factor === undefined) {
        issues.add(
          path,
          `the price list has no rule for ${field === 'partnerInvoices' ? 'partner work' : 'pass-through costs'}`,
        );
        return;
      }
      const base = readAmount(issues, item.net, path, 'net');
      if (base === undefined) {
        return;
      }
      const lineCents = mulToCents(base.units, base.scale, factor.units, factor.scale);
      const amountText = centsToMoneyString(lineCents);
      const baseEuro = formatDecimalTextDe(centsToMoneyString(roundToCents(base.units, base.scale)));
      lines.add(
        {
          category,
          key: `${category}/${i}`,
          quantity: '1',
          unit: 'pauschal',
          unitPrice: unitPriceText(item.net),
          surchargePercent: toDecimalString(rule.markupPercent),
          amount: amountText,
          discountable: true,
          explanation: `${rule.label}: ${item.description} ${baseEuro} € + ${formatPercentDe(rule.markupPercent)} = ${formatDecimalTextDe(amountText)} €`,
        },
        lineCents,
      );
    });
  }
}

function priceCatalog(
  report: ServiceReport,
  pl: CompiledPriceList,
  tables: PricingTables,
  issues: IssueCollector,
  lines: LineSink,
): void {
  (report.catalogItems ?? []).forEach((c, i) => {
    const path = joinPath('catalogItems', i);
    const item = pl.catalog.get(c.code);
    const net = tables.catalogNets.get(c.code);
    const qty = readAmount(issues, c.quantity, path, 'quantity', true);
    if (item === undefined || net === undefined) {
      issues.add(joinPath(path, 'code'), `unknown catalog item '${c.code}'`);
      return;
    }
    if (qty === undefined) {
      return;
    }
    const lineCents = mulToCents(net.units, net.scale, qty.units, qty.scale);
    const quantityText = canonicalDecimalText(c.quantity);
    lines.add(
      {
        category: 'catalog',
        key: `catalog/${c.code}`,
        quantity: quantityText,
        unit: 'pauschal',
        unitPrice: toMoneyString(item.net),
        surchargePercent: '0',
        amount: centsToMoneyString(lineCents),
        discountable: false,
        explanation: `${quantityText.replace('.', ',')} × ${c.code} ${item.label} à ${formatEuroDe(item.net)}`,
      },
      lineCents,
    );
  });
}

/** Index of a line category in LINE_CATEGORIES. */
const CATEGORY_INDEX: Readonly<Record<LineCategory, number>> = {
  labour: 0,
  travel: 1,
  fee: 2,
  material: 3,
  partner: 4,
  passThrough: 5,
  catalog: 6,
};

/**
 * Subtotals, discounts, net, VAT and gross in BigInt cents. Line amounts are summed once per (category,
 * discountable) slot; subtotals, the discountable base and the lines total are sums of those slots. They
 * are sums of whole cents, hence exact in any order (rounding happens only at the documented points:
 * each discount and the VAT).
 */
function totals(
  report: ServiceReport,
  pl: CompiledPriceList,
  tables: PricingTables,
  sink: LineSink,
  discounts: readonly DiscountTable[],
  notes: string[],
): ServiceReportPricing {
  const lines = sink.list;
  // slot 2c: category c, flat-rate (not discountable); slot 2c + 1: category c, discountable
  const slotCents: bigint[] = [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n];
  for (let i = 0; i < lines.length; i += 1) {
    const l = lines[i];
    const lineCents: bigint | undefined = sink.cents[i];
    if (l === undefined || lineCents === undefined) {
      continue;
    }
    const slot = 2 * CATEGORY_INDEX[l.category] + (l.discountable ? 1 : 0);
    const slotSum: bigint = slotCents[slot] ?? 0n;
    slotCents[slot] = slotSum + lineCents;
  }
  let totalCents = 0n;
  let baseCents = 0n;
  const subtotalTexts: string[] = [];
  for (let c = 0; c < LINE_CATEGORIES.length; c += 1) {
    const flatCents: bigint = slotCents[2 * c] ?? 0n;
    const discountableCents: bigint = slotCents[2 * c + 1] ?? 0n;
    const subCents: bigint = flatCents + discountableCents;
    subtotalTexts.push(subCents === 0n ? '0.00' : centsToMoneyString(subCents));
    totalCents += subCents;
    baseCents += discountableCents;
  }
  const subtotals: Record<LineCategory, string> = {
    labour: subtotalTexts[0] ?? '0.00',
    travel: subtotalTexts[1] ?? '0.00',
    fee: subtotalTexts[2] ?? '0.00',
    material: subtotalTexts[3] ?? '0.00',
    partner: subtotalTexts[4] ?? '0.00',
    passThrough: subtotalTexts[5] ?? '0.00',
    catalog: subtotalTexts[6] ?? '0.00',
  };
  const baseText = centsToMoneyString(baseCents);
  let discountCents = 0n;
  const applied: AppliedDiscount[] = [];
  if (discounts.length > 0) {
    const baseEuro = `${formatDecimalTextDe(baseText)} €`;
    for (const d of discounts) {
      // rounding point 3
      const oneDiscountCents = mulToCents(baseCents, 2, d.factor.units, d.factor.scale);
      const amountText = centsToMoneyString(oneDiscountCents);
      discountCents += oneDiscountCents;
      applied.push({
        id: d.id,
        label: d.label,
        percent: d.percentText,
        base: baseText,
        amount: amountText,
        explanation: `${d.explanationHead}${baseEuro} (ohne Pauschalen) = ${formatDecimalTextDe(amountText)} €`,
      });
    }
  }
  const netCents: bigint = totalCents - discountCents;
  // rounding point 4
  const vatCents = mulToCents(netCents, 2, tables.vatFactor.units, tables.vatFactor.scale);
  const grossCents: bigint = netCents + vatCents;
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
    linesTotal: centsToMoneyString(totalCents),
    discountableBase: baseText,
    discounts: applied,
    discountTotal: centsToMoneyString(discountCents),
    net: centsToMoneyString(netCents),
    vatPercent: tables.vatPercentText,
    vat: centsToMoneyString(vatCents),
    gross: centsToMoneyString(grossCents),
    billable,
    notes,
  };
}
