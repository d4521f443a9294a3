import type { Dec } from '../../money/decimal';
import type { IssueCollector } from '../../money/data-issues';
import { joinPath } from '../../money/data-issues';
import {
  formatDecimalDe,
  formatDecimalTextDe,
  formatEuroDe,
  roundCents,
  toDecimalString,
  toMoneyString,
  toUnitPriceString,
} from '../../money/money';
import type { CompiledPriceList } from '../price-list.compiled';
import { formatPercentDe } from '../price-list.compiled';
import type { CatalogUse, MaterialUse, ServiceReport } from '../service-report.types';
import { findTier } from '../tiers';
import type { LineSink } from './lines';
import { readAmount } from './lines';

/*
 * MATERIAL — unit sell price = net unit price × (1 + tier overhead), rounded to cents; × quantity, rounded.
 * PARTNER / PASS-THROUGH — net × (1 + markup), rounded to cents. CATALOG — flat net × quantity.
 */

/** A priced material line without its description and position. */
interface MaterialEntry {
  readonly netUnitPrice: string;
  readonly quantity: string;
  readonly unit: string;
  readonly quantityText: string;
  readonly unitPriceText: string;
  readonly overheadText: string;
  readonly amount: Dec;
  readonly amountText: string;
  /** "12,00 Stk " — followed by the description */
  readonly explanationHead: string;
  /** " à 0,40 € + 500,00 % Gemeinkostenzuschlag = 2,40 €/Stk" */
  readonly explanationTail: string;
}

const MATERIAL_MEMO_LIMIT = 4096;
/**
 * The material memo: per price list, the priced line of a (net unit price, quantity, unit) — real parts
 * repeat across reports. Bounded: cleared when full.
 */
const materialMemos = new WeakMap<CompiledPriceList, Map<string, MaterialEntry>>();

export function priceMaterials(
  materials: readonly MaterialUse[] | undefined,
  pl: CompiledPriceList,
  issues: IssueCollector,
  lines: LineSink,
  useMemo: boolean,
): void {
  let memo = useMemo ? materialMemos.get(pl) : undefined;
  if (useMemo && memo === undefined) {
    memo = new Map();
    materialMemos.set(pl, memo);
  }
  const uses = materials ?? [];
  for (let i = 0; i < uses.length; i += 1) {
    const m = uses[i];
    if (m === undefined) {
      continue;
    }
    const unit = m.unit ?? 'Stk';
    const memoKey = memo === undefined ? '' : `${m.netUnitPrice}|${m.quantity}|${unit}`;
    let entry = memo?.get(memoKey);
    // a key is ambiguous only for invalid input ('|' inside a price or quantity): compare the parts
    if (
      entry === undefined ||
      entry.netUnitPrice !== m.netUnitPrice ||
      entry.quantity !== m.quantity ||
      entry.unit !== unit
    ) {
      entry = priceMaterial(pl, issues, m, unit, i);
      if (entry === undefined) {
        continue;
      }
      if (memo !== undefined) {
        if (memo.size >= MATERIAL_MEMO_LIMIT) {
          memo.clear();
        }
        memo.set(memoKey, entry);
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
      entry.amount,
    );
  }
}

/** Validates and prices one material use (rounding points 2 and 1); undefined, with issues, when invalid. */
function priceMaterial(
  pl: CompiledPriceList,
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
  let factor: Dec | undefined;
  let overheadText = '0';
  if (pl.overhead.bounds.length > 0) {
    const tier = findTier(pl.overhead.bounds, unitNet);
    factor = pl.overhead.factors[tier];
    overheadText = pl.overhead.valueTexts[tier] ?? '0';
    if (factor === undefined) {
      issues.add(joinPath(path, 'netUnitPrice'), `${m.netUnitPrice} € is not covered by any material overhead tier`);
      return undefined;
    }
  }
  const unitSell = factor === undefined ? roundCents(unitNet) : roundCents(unitNet.times(factor));
  const amount = roundCents(unitSell.times(qty));
  const quantityText = toDecimalString(qty);
  const unitPriceText = toUnitPriceString(unitNet);
  const derivation =
    factor === undefined
      ? ''
      : ` + ${formatDecimalTextDe(overheadText)} % Gemeinkostenzuschlag = ${formatDecimalTextDe(toMoneyString(unitSell))} €/${unit}`;
  return {
    netUnitPrice: m.netUnitPrice,
    quantity: m.quantity,
    unit,
    quantityText,
    unitPriceText,
    overheadText,
    amount,
    amountText: toMoneyString(amount),
    explanationHead: `${formatDecimalTextDe(quantityText)} ${unit} `,
    explanationTail: ` à ${formatDecimalTextDe(unitPriceText)} €${derivation}`,
  };
}

/** Partner invoices and pass-through costs: net × (1 + markup), one line each. */
export function priceExternal(
  report: ServiceReport,
  pl: CompiledPriceList,
  issues: IssueCollector,
  lines: LineSink,
): void {
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
      const base = readAmount(issues, item.net, path, 'net');
      if (base === undefined) {
        return;
      }
      const amount = roundCents(base.times(rule.markupPercent.div(100).plus(1)));
      lines.add(
        {
          category,
          key: `${category}/${i}`,
          quantity: '1',
          unit: 'pauschal',
          unitPrice: toUnitPriceString(base),
          surchargePercent: toDecimalString(rule.markupPercent),
          amount: toMoneyString(amount),
          discountable: true,
          explanation: `${rule.label}: ${item.description} ${formatEuroDe(base)} + ${formatPercentDe(rule.markupPercent)} = ${formatEuroDe(amount)}`,
        },
        amount,
      );
    });
  }
}

/** Catalog items: the item's flat net × quantity, not discountable. */
export function priceCatalog(
  items: readonly CatalogUse[] | undefined,
  pl: CompiledPriceList,
  issues: IssueCollector,
  lines: LineSink,
): void {
  (items ?? []).forEach((c, i) => {
    const path = joinPath('catalogItems', i);
    const item = pl.catalog.get(c.code);
    const qty = readAmount(issues, c.quantity, path, 'quantity', true);
    if (item === undefined) {
      issues.add(joinPath(path, 'code'), `unknown catalog item '${c.code}'`);
      return;
    }
    if (qty === undefined) {
      return;
    }
    const amount = roundCents(item.net.times(qty));
    lines.add(
      {
        category: 'catalog',
        key: `catalog/${c.code}`,
        quantity: toDecimalString(qty),
        unit: 'pauschal',
        unitPrice: toMoneyString(item.net),
        surchargePercent: '0',
        amount: toMoneyString(amount),
        discountable: false,
        explanation: `${formatDecimalDe(qty)} × ${c.code} ${item.label} à ${formatEuroDe(item.net)}`,
      },
      amount,
    );
  });
}
