import { Dec, isDecimalString } from '../../money/decimal';
import type { IssueCollector } from '../../money/data-issues';
import { formatDecimalDe, formatEuroDe, roundCents, toDecimalString, toMoneyString } from '../../money/money';
import type { CompiledPriceList } from '../price-list.compiled';
import type { TravelChargeBasis } from '../price-list.types';
import type { TravelInput } from '../service-report.types';
import { findTier } from '../tiers';
import type { PooledWork } from './labour';
import { formatRanges } from './labour';
import type { LineSink } from './lines';
import { perPriceList } from './lines';

/*
 * TRAVEL — when travel is not work time: per started period per worker (pooled over the order), or a
 * zone amount per worker and day, or a distance band (distance rounded half-up to the list's km grid).
 */

const BASIS_TEXT: Readonly<Record<TravelChargeBasis, string>> = {
  order: 'je Auftrag',
  day: 'je Einsatztag',
  'worker-day': 'je Arbeitskraft und Tag',
};

/** Texts of the list's travel rules that do not depend on the report. */
const travelTexts = perPriceList((pl) => {
  const zones = new Map<string, { readonly amountText: string; readonly explanationTail: string }>();
  const z = pl.zones;
  if (z !== undefined) {
    for (const [id, zone] of z.byId) {
      zones.set(id, {
        amountText: toMoneyString(zone.amount),
        explanationTail: ` × ${z.label} ${zone.label} ${BASIS_TEXT[z.chargedPer]} à ${formatEuroDe(zone.amount)}`,
      });
    }
  }
  const tt = pl.travelTime;
  const time =
    tt === undefined
      ? undefined
      : { unitPriceText: toMoneyString(tt.amountPerPeriod), euro: formatEuroDe(tt.amountPerPeriod) };
  return { zones, time };
});

function chargeCount(basis: TravelChargeBasis, work: PooledWork): number {
  switch (basis) {
    case 'order':
      return 1;
    case 'day':
      return Math.max(work.days.size, 1);
    case 'worker-day':
      return Math.max(work.workerDays, 1);
  }
}

export function priceTravel(
  travel: TravelInput | undefined,
  work: PooledWork,
  pl: CompiledPriceList,
  issues: IssueCollector,
  lines: LineSink,
): void {
  if (travel === undefined) {
    return;
  }
  const texts = travelTexts(pl);
  if (travel.method === 'time') {
    const tt = pl.travelTime;
    if (tt === undefined || texts.time === undefined) {
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
    for (const [workerId, g] of work.travelTime) {
      const periods = Math.ceil(g.ms / tt.periodMs);
      const amount = roundCents(tt.amountPerPeriod.times(periods));
      const who = work.nameWorkers ? ` (${work.workers.get(workerId) ?? workerId})` : '';
      lines.add(
        {
          category: 'travel',
          key: `travel/time/${workerId}`,
          quantity: String(periods),
          unit: `${tt.periodMinutes} min`,
          unitPrice: texts.time.unitPriceText,
          surchargePercent: '0',
          amount: toMoneyString(amount),
          discountable: false,
          explanation: `${periods} × ${tt.periodMinutes} min ${tt.label}${who} ${formatRanges(g.pieces)} à ${texts.time.euro}`,
        },
        amount,
      );
    }
    return;
  }
  if (travel.method === 'zone') {
    const zones = pl.zones;
    const zone = zones?.byId.get(travel.zoneId);
    const zoneTexts = texts.zones.get(travel.zoneId);
    if (zones === undefined || zone === undefined || zoneTexts === undefined) {
      issues.add(
        'travel.zoneId',
        zones === undefined
          ? 'the price list has no travel zones'
          : `unknown zone '${travel.zoneId}' (zones: ${[...zones.byId.keys()].join(', ')})`,
      );
      return;
    }
    const count = chargeCount(zones.chargedPer, work);
    const amount = roundCents(zone.amount.times(count));
    lines.add(
      {
        category: 'travel',
        key: `travel/zone/${travel.zoneId}`,
        quantity: String(count),
        unit: 'pauschal',
        unitPrice: zoneTexts.amountText,
        surchargePercent: '0',
        amount: toMoneyString(amount),
        discountable: false,
        explanation: `${count}${zoneTexts.explanationTail}`,
      },
      amount,
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
  if (bounds === undefined || value === undefined) {
    issues.add('travel.km', `${travel.km} km is not covered by the price list's distance bands`);
    return;
  }
  const count = chargeCount(dist.chargedPer, work);
  const range = `${toDecimalString(bounds.from)}–${bounds.to === null ? '' : toDecimalString(bounds.to)} km`;
  const amount = roundCents(value.times(count));
  lines.add(
    {
      category: 'travel',
      key: 'travel/distance',
      quantity: String(count),
      unit: 'pauschal',
      unitPrice: toMoneyString(value),
      surchargePercent: '0',
      amount: toMoneyString(amount),
      discountable: false,
      explanation: `${count} × ${dist.label} ${formatDecimalDe(new Dec(travel.km))} km (Band ${range}) ${BASIS_TEXT[dist.chargedPer]} à ${formatEuroDe(value)}`,
    },
    amount,
  );
}
