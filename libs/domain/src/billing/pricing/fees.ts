import type { Dec } from '../../money/decimal';
import { ZERO } from '../../money/decimal';
import type { IssueCollector } from '../../money/data-issues';
import { formatEuroDe, roundCents, toMoneyString } from '../../money/money';
import { MINUTES_PER_DAY, isoDateToEpochDay, weekdayOfEpochDay } from '../local-time';
import type { CompiledPriceList } from '../price-list.compiled';
import type { PricedLine, ServiceReport } from '../service-report.types';
import { MS_PER_MINUTE } from '../site-clock';
import type { SiteClock } from '../site-clock';
import type { ParsedInterval } from './labour';
import { localDayMinute } from './labour';
import type { LineSink } from './lines';
import { perPriceList } from './lines';

/*
 * FEES — order flat fee once per order (waived under a maintenance contract when every interval lies in
 * the waiver windows and on no public holiday); small-material flat; quote fee (0.00 when credited).
 */

/** A flat fee: its rounded amount (rounding point 1) and the texts of its line. */
interface Flat {
  readonly amount: Dec;
  readonly amountText: string;
  readonly unitPriceText: string;
  /** formatEuroDe of the unrounded amount, e.g. "28,70 €" */
  readonly euro: string;
}

function flat(value: Dec): Flat {
  const amount = roundCents(value);
  return { amount, amountText: toMoneyString(amount), unitPriceText: toMoneyString(value), euro: formatEuroDe(value) };
}

const feeTables = perPriceList((pl) => {
  const s = pl.smallMaterialFlat;
  const small = s === undefined ? undefined : flat(s.amount);
  const smallMaterial: { readonly line: PricedLine; readonly amount: Dec } | undefined =
    s === undefined || small === undefined
      ? undefined
      : {
          line: {
            category: 'fee',
            key: 'fee/small-material',
            quantity: '1',
            unit: 'pauschal',
            unitPrice: small.unitPriceText,
            surchargePercent: '0',
            amount: small.amountText,
            discountable: false,
            explanation: `${s.label} ${small.euro}`,
          },
          amount: small.amount,
        };
  return {
    orderFlat: pl.orderFlat === undefined ? undefined : flat(pl.orderFlat.amount),
    quote: pl.quote === undefined ? undefined : flat(pl.quote.amount),
    smallMaterial,
  };
});

export function priceFees(
  report: ServiceReport,
  work: readonly ParsedInterval[],
  pl: CompiledPriceList,
  clock: SiteClock,
  issues: IssueCollector,
  lines: LineSink,
  notes: string[],
): void {
  const tables = feeTables(pl);
  const orderFlat = pl.orderFlat;
  const f = tables.orderFlat;
  if (orderFlat !== undefined && f !== undefined) {
    const w = orderFlat.waiver;
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
        unitPrice: waived ? '0.00' : f.unitPriceText,
        surchargePercent: '0',
        amount: waived ? '0.00' : f.amountText,
        discountable: false,
        explanation: waived
          ? `${orderFlat.label} entfällt (${w?.label ?? ''})`
          : `${orderFlat.label} einmal je Auftrag ${f.euro}`,
      },
      waived ? ZERO : f.amount,
    );
    if (waived) {
      notes.push(`${orderFlat.label} ${f.euro} entfällt: ${w?.label ?? ''}`);
    }
  }
  if (report.smallMaterial === true) {
    const s = tables.smallMaterial;
    if (s === undefined) {
      issues.add('smallMaterial', 'the price list has no small-material flat');
    } else {
      lines.add({ ...s.line }, s.amount);
    }
  }
  if (report.quote !== undefined) {
    const q = pl.quote;
    const qf = tables.quote;
    const quoted = isoDateToEpochDay(report.quote.quotedOn);
    const ordered = isoDateToEpochDay(report.quote.orderedOn);
    if (q === undefined || qf === undefined) {
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
          unitPrice: qf.unitPriceText,
          surchargePercent: '0',
          amount: credited ? '0.00' : qf.amountText,
          discountable: false,
          explanation: credited
            ? `${q.label} ${qf.euro} vom ${report.quote.quotedOn} verrechnet (Auftrag innerhalb von ${q.creditWithinWeeks} Wochen)`
            : `${q.label} vom ${report.quote.quotedOn} ${qf.euro}`,
        },
        credited ? ZERO : qf.amount,
      );
    }
  }
}

/** True when the interval lies on one local day, on no public holiday, inside one of the waiver windows. */
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
