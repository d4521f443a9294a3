import type { Dec } from '../../money/decimal';
import { ZERO } from '../../money/decimal';
import type { IssueCollector } from '../../money/data-issues';
import { joinPath } from '../../money/data-issues';
import { formatDecimalTextDe, roundCents, toDecimalString, toMoneyString } from '../../money/money';
import type { CompiledPriceList } from '../price-list.compiled';
import { formatPercentDe } from '../price-list.compiled';
import type { AppliedDiscount, LineCategory, ServiceReport, ServiceReportPricing } from '../service-report.types';
import { LINE_CATEGORIES } from '../service-report.types';
import type { LineSink } from './lines';
import { perPriceList } from './lines';

/*
 * DISCOUNTS — each on the same base (Σ discountable lines, i.e. not on flat-rate items), rounded to cents.
 * VAT — (lines − discounts) × VAT rate, rounded half-up to cents; gross = net + VAT.
 */

interface Discount {
  readonly id: string;
  readonly label: string;
  readonly percentText: string;
  /** percent / 100, exact: base × factor = base × percent / 100. */
  readonly factor: Dec;
  /** "3 % Rabatt bei Sofortzahlung auf " */
  readonly explanationHead: string;
}

const totalTables = perPriceList((pl) => {
  const discounts = new Map<string, Discount>();
  for (const [id, d] of pl.discounts) {
    discounts.set(id, {
      id,
      label: d.label,
      percentText: toDecimalString(d.percent),
      factor: d.percent.div(100),
      explanationHead: `${formatPercentDe(d.percent)} ${d.label} auf `,
    });
  }
  return { discounts, vatFactor: pl.vatPercent.div(100), vatPercentText: toDecimalString(pl.vatPercent) };
});

/** The report's discounts, looked up in the list; an unknown one is an issue naming its index. */
export function requestedDiscounts(
  ids: readonly string[] | undefined,
  pl: CompiledPriceList,
  issues: IssueCollector,
): Discount[] {
  const { discounts } = totalTables(pl);
  const out: Discount[] = [];
  (ids ?? []).forEach((id, i) => {
    const d = discounts.get(id);
    if (d === undefined) {
      issues.add(
        joinPath('discounts', i),
        `unknown discount '${id}' (price list offers: ${[...pl.discounts.keys()].join(', ') || 'none'})`,
      );
    } else {
      out.push(d);
    }
  });
  return out;
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

function plusOrFirst(acc: Dec | undefined, value: Dec): Dec {
  return acc === undefined ? value : acc.plus(value);
}

/**
 * Subtotals, discounts, net, VAT and gross. Line amounts are summed once per (category, discountable)
 * slot; subtotals, the discountable base and the lines total are sums of those slots. They are sums of
 * whole cents, hence exact in any order (rounding happens only at the documented points).
 */
export function totals(
  report: ServiceReport,
  pl: CompiledPriceList,
  sink: LineSink,
  discounts: readonly Discount[],
  notes: string[],
): ServiceReportPricing {
  const { vatFactor, vatPercentText } = totalTables(pl);
  const lines = sink.list;
  // slot 2c: category c, flat-rate (not discountable); slot 2c + 1: category c, discountable
  const slots = new Array<Dec | undefined>(2 * LINE_CATEGORIES.length).fill(undefined);
  for (let i = 0; i < lines.length; i += 1) {
    const l = lines[i];
    const a = sink.amounts[i];
    if (l !== undefined && a !== undefined) {
      const slot = 2 * CATEGORY_INDEX[l.category] + (l.discountable ? 1 : 0);
      slots[slot] = plusOrFirst(slots[slot], a);
    }
  }
  let linesTotal: Dec | undefined;
  let base: Dec | undefined;
  const subtotalTexts: string[] = [];
  for (let c = 0; c < LINE_CATEGORIES.length; c += 1) {
    const flat = slots[2 * c];
    const discountable = slots[2 * c + 1];
    const sub = flat === undefined ? discountable : discountable === undefined ? flat : flat.plus(discountable);
    subtotalTexts.push(sub === undefined ? '0.00' : toMoneyString(sub));
    if (sub !== undefined) {
      linesTotal = plusOrFirst(linesTotal, sub);
    }
    if (discountable !== undefined) {
      base = plusOrFirst(base, discountable);
    }
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
  const discountBase = base ?? ZERO;
  const baseText = toMoneyString(discountBase);
  let discountTotal: Dec | undefined;
  const applied: AppliedDiscount[] = [];
  if (discounts.length > 0) {
    const baseEuro = `${formatDecimalTextDe(baseText)} €`;
    for (const d of discounts) {
      // rounding point 3
      const amount = roundCents(discountBase.times(d.factor));
      const amountText = toMoneyString(amount);
      discountTotal = plusOrFirst(discountTotal, amount);
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
  const total = linesTotal ?? ZERO;
  const net = discountTotal === undefined ? total : total.minus(discountTotal);
  // rounding point 4
  const vat = roundCents(net.times(vatFactor));
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
    linesTotal: toMoneyString(total),
    discountableBase: baseText,
    discounts: applied,
    discountTotal: discountTotal === undefined ? '0.00' : toMoneyString(discountTotal),
    net: toMoneyString(net),
    vatPercent: vatPercentText,
    vat: toMoneyString(vat),
    gross: toMoneyString(net.plus(vat)),
    billable,
    notes,
  };
}
