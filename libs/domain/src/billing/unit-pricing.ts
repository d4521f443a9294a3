import type { DecimalString } from '../money/decimal';
import { dec, roundCents, toDecimalString, toMoneyString } from '../money/money';
import type { MoneyString } from '../money/money';
import { compilePriceList } from './price-list.compiled';
import { ServiceReportInvalidError } from './price-list.errors';
import type { PriceList } from './price-list.types';
import { findTier } from './tiers';

export interface MaterialUnitPrice {
  readonly netUnitPrice: MoneyString;
  readonly overheadPercent: DecimalString;
  /** net × (1 + overhead/100), rounded half-up to cents (rounding point 2 in money.ts). */
  readonly unitSellPrice: MoneyString;
}

/** Sell price of one unit of material under the list's overhead tiers ("0.40" → +500 % → "2.40"). */
export function priceMaterialUnit(priceList: PriceList, netUnitPrice: MoneyString): MaterialUnitPrice {
  const pl = compilePriceList(priceList);
  const net = dec(netUnitPrice);
  let overhead = dec('0');
  if (pl.overhead.bounds.length > 0) {
    const o = pl.overhead.values[findTier(pl.overhead.bounds, net)];
    if (o === undefined) {
      throw new ServiceReportInvalidError([
        { path: 'netUnitPrice', message: `${netUnitPrice} € is not covered by any material overhead tier` },
      ]);
    }
    overhead = o;
  }
  return {
    netUnitPrice: toMoneyString(net),
    overheadPercent: toDecimalString(overhead),
    unitSellPrice: toMoneyString(roundCents(net.times(overhead.div(100).plus(1)))),
  };
}

/** Gross of a net amount: net × (1 + VAT/100), rounded half-up to cents ("50.00" at 19 % → "59.50"). */
export function grossFromNet(net: MoneyString, vatPercent: DecimalString): MoneyString {
  return toMoneyString(roundCents(dec(net).times(dec(vatPercent).div(100).plus(1))));
}
