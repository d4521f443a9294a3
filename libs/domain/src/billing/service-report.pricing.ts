import { IssueCollector } from '../money/data-issues';
import { compilePriceList } from './price-list.compiled';
import { ServiceReportInvalidError } from './price-list.errors';
import type { PriceList } from './price-list.types';
import { priceFees } from './pricing/fees';
import { poolWork, priceLabour } from './pricing/labour';
import { LineSink } from './pricing/lines';
import { priceCatalog, priceExternal, priceMaterials } from './pricing/materials';
import { requestedDiscounts, totals } from './pricing/totals';
import { priceTravel } from './pricing/travel';
import type { ServiceReport, ServiceReportPricing, SiteCalendar } from './service-report.types';
import { SiteClock } from './site-clock';

/**
 * Prices one service report (one order's work) with a price list, in the site's time zone and with the
 * public holidays of the site's state.
 *
 * LABOUR (pricing/labour.ts) — band split and increment rule
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
 * TRAVEL (pricing/travel.ts) — when travel is not work time: per started period per worker (pooled over
 *   the order), or a zone amount per worker and day, or a distance band (distance rounded half-up to the
 *   list's km grid).
 * FEES (pricing/fees.ts) — order flat fee once per order (waived under a maintenance contract when every
 *   interval lies in the waiver windows and on no public holiday); small-material flat; quote fee (0.00
 *   when credited).
 * MATERIAL (pricing/materials.ts) — unit sell price = net unit price × (1 + tier overhead), rounded to
 *   cents; × quantity, rounded. PARTNER / PASS-THROUGH — net × (1 + markup), rounded to cents.
 *   CATALOG — flat net × quantity.
 * DISCOUNTS (pricing/totals.ts) — each on the same base (Σ discountable lines, i.e. not on flat-rate
 *   items), rounded to cents.
 * VAT (pricing/totals.ts) — (lines − discounts) × VAT rate, rounded half-up to cents; gross = net + VAT.
 *
 * ARITHMETIC — decimal.js (`Dec`, money/decimal.ts), rounded half-up to cents only at the points above
 * (money/money.ts). What does not depend on the report (texts, factors, flat fees, labour amounts per
 * number of increments) is computed once per compiled price list; material lines are memoised per list
 * (see `PricingOptions`). The oracle is __fixtures__/service-report-pricing-golden.json
 * (service-report-pricing.golden.spec.ts).
 *
 * Every invalid field is collected (in the order above) and thrown together as ServiceReportInvalidError.
 */
export function priceServiceReport(
  report: ServiceReport,
  priceList: PriceList,
  site: SiteCalendar,
  options: PricingOptions = {},
): ServiceReportPricing {
  const pl = compilePriceList(priceList);
  const clock = SiteClock.of(site.timeZone, site.holidayRegion);
  const issues = new IssueCollector();
  const lines = new LineSink();
  const notes: string[] = [];

  const work = poolWork(report, pl, clock, issues);
  priceLabour(work, report.flags.emergency, pl, lines);
  priceTravel(report.travel, work, pl, issues, lines);
  priceFees(report, work.intervals, pl, clock, issues, lines, notes);
  priceMaterials(report.materials, pl, issues, lines, options.materialMemo !== false);
  priceExternal(report, pl, issues, lines);
  priceCatalog(report.catalogItems, pl, issues, lines);
  const discounts = requestedDiscounts(report.discounts, pl, issues);

  if (issues.issues.length > 0) {
    throw new ServiceReportInvalidError(issues.issues);
  }
  return totals(report, pl, lines, discounts, notes);
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
