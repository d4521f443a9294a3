import type { Dec } from '../../money/decimal';
import { isDecimalString, parseDecimalCached } from '../../money/decimal';
import type { IssueCollector } from '../../money/data-issues';
import { joinPath } from '../../money/data-issues';
import type { CompiledPriceList } from '../price-list.compiled';
import type { PricedLine } from '../service-report.types';

/** The priced lines of one report, with their `Dec` amounts kept for the totals (no re-parsing of strings). */
export class LineSink {
  readonly list: PricedLine[] = [];
  readonly amounts: Dec[] = [];

  /** `line.amount` must be `toMoneyString(amount)`. */
  add(line: PricedLine, amount: Dec): void {
    this.list.push(line);
    this.amounts.push(amount);
  }
}

/**
 * A function of a compiled price list, computed once per list (WeakMap): the texts and factors that
 * every report priced with that list needs.
 */
export function perPriceList<T>(build: (pl: CompiledPriceList) => T): (pl: CompiledPriceList) => T {
  const cache = new WeakMap<CompiledPriceList, T>();
  return (pl) => {
    let hit = cache.get(pl);
    if (hit === undefined) {
      hit = build(pl);
      cache.set(pl, hit);
    }
    return hit;
  };
}

/**
 * Reads the decimal string at `base`.`field` of the report (non-negative, or positive); undefined, with
 * an issue naming the field, otherwise. The path is only built when there is an issue.
 */
export function readAmount(
  issues: IssueCollector,
  value: string,
  base: string,
  field: string,
  positive = false,
): Dec | undefined {
  if (!isDecimalString(value) || value.startsWith('-')) {
    issues.add(
      joinPath(base, field),
      `expected a ${positive ? 'positive' : 'non-negative'} decimal string, got '${String(value)}'`,
    );
    return undefined;
  }
  const d = parseDecimalCached(value);
  if (positive && d.isZero()) {
    issues.add(joinPath(base, field), `expected a positive decimal string, got '${value}'`);
    return undefined;
  }
  return d;
}
