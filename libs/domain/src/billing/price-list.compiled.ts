import { Dec } from '../money/decimal';
import { formatDecimalDe, formatEuroDe, toDecimalString, toUnitPriceString } from '../money/money';
import { MINUTES_PER_DAY, parseLocalTime } from './local-time';
import type { PriceList, WeeklyWindow, TravelChargeBasis } from './price-list.types';
import { WEEKDAYS } from './price-list.types';
import type { TierBounds } from './tiers';

/**
 * A price list turned into lookup tables with `Dec` values, built once per PriceList object and
 * cached (WeakMap), so that pricing a report does no parsing of the list.
 */
export interface CompiledRole {
  readonly id: string;
  readonly label: string;
  readonly hourlyRate: Dec;
  readonly hourlyRateText: string;
  readonly incrementMinutes: number;
  readonly incrementMs: number;
  /** Price of one increment before surcharge (rate × increment / 60). */
  readonly unitPrice: Dec;
  readonly unitPriceText: string;
  readonly unitLabel: string;
  /** Per band index: unit price × (1 + surcharge/100), and the same for an emergency. */
  readonly bandUnitPrices: readonly Dec[];
  readonly bandUnitPricesEmergency: readonly Dec[];
}

export interface CompiledBand {
  readonly id: string;
  readonly label: string;
  readonly surchargePercent: Dec;
  /** Surcharge when the report is an emergency (combined per the list's emergency rule). */
  readonly emergencySurchargePercent: Dec;
  readonly surchargeText: string;
  readonly emergencySurchargeText: string;
  /** Explanation suffix, e.g. ' + 25 % Samstag 09:00–15:00' ('' without surcharge). */
  readonly surchargeLabel: string;
  readonly emergencySurchargeLabel: string;
}

/** Segments of one local day: [start, end) minute → band index; sorted, covering 0…1440. */
export interface DaySchedule {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly bands: readonly number[];
}

export interface CompiledWindows {
  /** Per Monday-based weekday: list of [from, to) minute windows. */
  readonly byDay: readonly (readonly (readonly [number, number])[])[];
}

export interface CompiledTiers {
  readonly bounds: readonly TierBounds[];
  readonly values: readonly Dec[];
  /** 1 + value/100 (for percentage tiers). */
  readonly factors: readonly Dec[];
  readonly valueTexts: readonly string[];
}

export interface CompiledPriceList {
  readonly source: PriceList;
  readonly vatPercent: Dec;
  readonly roles: ReadonlyMap<string, CompiledRole>;
  readonly bands: readonly CompiledBand[];
  readonly week: readonly DaySchedule[];
  /** Schedule of a public holiday, or undefined when the list has no holiday band. */
  readonly holiday: DaySchedule | undefined;
  readonly emergencyLabel: string | undefined;
  readonly travelCountsAsWork: boolean;
  readonly distance:
    | {
        readonly label: string;
        readonly chargedPer: TravelChargeBasis;
        readonly resolution: Dec;
        readonly tiers: CompiledTiers;
      }
    | undefined;
  readonly zones:
    | {
        readonly label: string;
        readonly chargedPer: TravelChargeBasis;
        readonly byId: ReadonlyMap<string, { label: string; amount: Dec }>;
      }
    | undefined;
  readonly travelTime:
    | {
        readonly label: string;
        readonly amountPerPeriod: Dec;
        readonly periodMs: number;
        readonly periodMinutes: number;
      }
    | undefined;
  readonly orderFlat:
    | {
        readonly label: string;
        readonly amount: Dec;
        readonly waiver: { label: string; underMaintenanceContract: boolean; windows: CompiledWindows } | undefined;
      }
    | undefined;
  readonly smallMaterialFlat: { readonly label: string; readonly amount: Dec } | undefined;
  readonly quote: { readonly label: string; readonly amount: Dec; readonly creditWithinWeeks: number } | undefined;
  readonly materialLabel: string;
  readonly overhead: CompiledTiers;
  readonly partnerWork: { readonly label: string; readonly markupPercent: Dec } | undefined;
  readonly passThrough: { readonly label: string; readonly markupPercent: Dec } | undefined;
  readonly discounts: ReadonlyMap<string, { label: string; percent: Dec }>;
  readonly catalog: ReadonlyMap<string, { label: string; net: Dec }>;
}

const cache = new WeakMap<PriceList, CompiledPriceList>();

function minutes(text: string): number {
  const m = parseLocalTime(text);
  if (m === undefined) {
    throw new RangeError(`invalid local time '${text}' in a validated price list`);
  }
  return m;
}

export function unitLabelFor(incrementMinutes: number): string {
  switch (incrementMinutes) {
    case 15:
      return '¼ h';
    case 30:
      return '½ h';
    case 45:
      return '¾ h';
    case 60:
      return 'h';
    default:
      return `${incrementMinutes} min`;
  }
}

function compileWindows(windows: readonly WeeklyWindow[]): CompiledWindows {
  const byDay: [number, number][][] = WEEKDAYS.map(() => []);
  for (const w of windows) {
    for (const d of w.days) {
      byDay[WEEKDAYS.indexOf(d)]?.push([minutes(w.from), minutes(w.to)]);
    }
  }
  return { byDay };
}

function schedule(entries: { from: number; to: number; band: number }[]): DaySchedule {
  entries.sort((a, b) => a.from - b.from);
  return { starts: entries.map((e) => e.from), ends: entries.map((e) => e.to), bands: entries.map((e) => e.band) };
}

export function compilePriceList(list: PriceList): CompiledPriceList {
  const hit = cache.get(list);
  if (hit !== undefined) {
    return hit;
  }
  const emergency = list.emergency;
  const bands: CompiledBand[] = list.timeBands.map((b) => {
    const s = new Dec(b.surchargePercent);
    let e = s;
    if (emergency !== undefined) {
      const es = new Dec(emergency.surchargePercent);
      e = emergency.combine === 'add' ? s.plus(es) : Dec.max(s, es);
    }
    const emergencyLabel = emergency !== undefined && !e.eq(s) ? emergency.label : b.label;
    return {
      id: b.id,
      label: b.label,
      surchargePercent: s,
      emergencySurchargePercent: e,
      surchargeText: toDecimalString(s),
      emergencySurchargeText: toDecimalString(e),
      surchargeLabel: s.isZero() ? '' : ` + ${formatPercentDe(s)} ${b.label}`,
      emergencySurchargeLabel: e.isZero() ? '' : ` + ${formatPercentDe(e)} ${emergencyLabel}`,
    };
  });
  const roles = new Map<string, CompiledRole>();
  for (const r of list.roles) {
    const rate = new Dec(r.hourlyRate);
    const unitPrice = rate.times(r.incrementMinutes).div(60);
    roles.set(r.id, {
      id: r.id,
      label: r.label,
      hourlyRate: rate,
      hourlyRateText: formatEuroDe(rate),
      incrementMinutes: r.incrementMinutes,
      incrementMs: r.incrementMinutes * 60_000,
      unitPrice,
      unitPriceText: toUnitPriceString(unitPrice),
      unitLabel: unitLabelFor(r.incrementMinutes),
      bandUnitPrices: bands.map((b) => unitPrice.times(b.surchargePercent.div(100).plus(1))),
      bandUnitPricesEmergency: bands.map((b) => unitPrice.times(b.emergencySurchargePercent.div(100).plus(1))),
    });
  }
  const week: DaySchedule[] = WEEKDAYS.map((day) => {
    const entries: { from: number; to: number; band: number }[] = [];
    list.timeBands.forEach((b, band) => {
      for (const w of b.windows) {
        if (w.days.includes(day)) {
          entries.push({ from: minutes(w.from), to: minutes(w.to), band });
        }
      }
    });
    return schedule(entries);
  });
  const holidayBand = list.timeBands.findIndex((b) => b.publicHolidays === true);
  const t = list.travel;
  const tiers = (rows: readonly { from: string; to: string | null; value: string }[]): CompiledTiers => ({
    bounds: rows.map((r) => ({ from: new Dec(r.from), to: r.to === null ? null : new Dec(r.to) })),
    values: rows.map((r) => new Dec(r.value)),
    factors: rows.map((r) => new Dec(r.value).div(100).plus(1)),
    valueTexts: rows.map((r) => toDecimalString(new Dec(r.value))),
  });
  const fees = list.fees;
  const compiled: CompiledPriceList = {
    source: list,
    vatPercent: new Dec(list.vatPercent),
    roles,
    bands,
    week,
    holiday: holidayBand >= 0 ? schedule([{ from: 0, to: MINUTES_PER_DAY, band: holidayBand }]) : undefined,
    emergencyLabel: emergency?.label,
    travelCountsAsWork: t.countsAsWorkTime,
    distance:
      t.distance === undefined
        ? undefined
        : {
            label: t.distance.label,
            chargedPer: t.distance.chargedPer,
            resolution: new Dec(t.distance.resolutionKm),
            tiers: tiers(t.distance.bands.map((b) => ({ from: b.fromKm, to: b.toKm, value: b.amount }))),
          },
    zones:
      t.zones === undefined
        ? undefined
        : {
            label: t.zones.label,
            chargedPer: t.zones.chargedPer,
            byId: new Map(t.zones.zones.map((z) => [z.id, { label: z.label, amount: new Dec(z.amount) }])),
          },
    travelTime:
      t.time === undefined
        ? undefined
        : {
            label: t.time.label,
            amountPerPeriod: new Dec(t.time.amountPerPeriod),
            periodMs: t.time.periodMinutes * 60_000,
            periodMinutes: t.time.periodMinutes,
          },
    orderFlat:
      fees.orderFlat === undefined
        ? undefined
        : {
            label: fees.orderFlat.label,
            amount: new Dec(fees.orderFlat.amount),
            waiver:
              fees.orderFlat.waiver === undefined
                ? undefined
                : {
                    label: fees.orderFlat.waiver.label,
                    underMaintenanceContract: fees.orderFlat.waiver.underMaintenanceContract,
                    windows: compileWindows(fees.orderFlat.waiver.windows),
                  },
          },
    smallMaterialFlat:
      fees.smallMaterialFlat === undefined
        ? undefined
        : { label: fees.smallMaterialFlat.label, amount: new Dec(fees.smallMaterialFlat.amount) },
    quote:
      fees.quote === undefined
        ? undefined
        : {
            label: fees.quote.label,
            amount: new Dec(fees.quote.amount),
            creditWithinWeeks: fees.quote.creditWithinWeeks,
          },
    materialLabel: list.material.label,
    overhead: tiers(
      list.material.overheadTiers.map((o) => ({ from: o.fromPrice, to: o.toPrice, value: o.overheadPercent })),
    ),
    partnerWork:
      list.partnerWork === undefined
        ? undefined
        : { label: list.partnerWork.label, markupPercent: new Dec(list.partnerWork.markupPercent) },
    passThrough:
      list.passThroughCosts === undefined
        ? undefined
        : { label: list.passThroughCosts.label, markupPercent: new Dec(list.passThroughCosts.markupPercent) },
    discounts: new Map(list.discounts.map((d) => [d.id, { label: d.label, percent: new Dec(d.percent) }])),
    catalog: new Map(list.catalog.map((c) => [c.code, { label: c.label, net: new Dec(c.net) }])),
  };
  cache.set(list, compiled);
  return compiled;
}

/** "25" → "25 %", "12.5" → "12,5 %". */
export function formatPercentDe(percent: Dec): string {
  return `${formatDecimalDe(percent)} %`;
}
