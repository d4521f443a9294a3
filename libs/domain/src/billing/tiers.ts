import type { Dec } from '../money/decimal';
import type { IssueCollector } from '../money/data-issues';

/**
 * Tier tables (material overhead by net unit price, travel charge by distance) are closed ranges
 * [from, to] on a grid: prices on whole cents (resolution 0.01), distances on whole km (resolution 1).
 * Consecutive tiers must touch exactly: tier[i+1].from = tier[i].to + resolution. Anything else is a
 * gap (values nobody priced) or an overlap (values priced twice) and is rejected with a fix.
 */
export interface TierBounds {
  readonly from: Dec;
  /** null = open upper end; only the last tier may be open. */
  readonly to: Dec | null;
}

export interface TierCheckOptions {
  /** JSON path of the tier array, e.g. 'material.overheadTiers'. */
  readonly basePath: string;
  readonly fromField: string;
  readonly toField: string;
  readonly resolution: Dec;
  /** Formats a bound for messages without unit, e.g. 20.01 → '20.01'. */
  readonly format: (value: Dec) => string;
  /** Unit appended to values and ranges in messages, e.g. '€' or 'km'. */
  readonly unit: string;
  /** Formats a bound as it must be written in the file, e.g. '"20.01"'. */
  readonly literal: (value: Dec) => string;
  /** When true the last tier must be open so that every value above the first bound is covered. */
  readonly requireOpenEnd: boolean;
}

export function checkTiers(c: IssueCollector, tiers: readonly TierBounds[], o: TierCheckOptions): void {
  const at = (i: number, field: string): string => `${o.basePath}[${i}].${field}`;
  const one = (v: Dec): string => `${o.format(v)} ${o.unit}`;
  const range = (a: Dec, b: Dec): string => `${o.format(a)}–${o.format(b)} ${o.unit}`;
  tiers.forEach((t, i) => {
    if (t.to !== null && t.to.lt(t.from)) {
      c.add(at(i, o.toField), `${one(t.to)} is below ${o.fromField} ${one(t.from)}`);
    }
    if (t.to === null && i !== tiers.length - 1) {
      c.add(at(i, o.toField), `only the last tier may be open (${o.toField}: null)`);
    }
  });
  for (let i = 0; i + 1 < tiers.length; i += 1) {
    const cur = tiers[i];
    const next = tiers[i + 1];
    if (cur === undefined || next === undefined || cur.to === null) {
      continue;
    }
    if (next.from.lt(cur.from)) {
      c.add(
        at(i + 1, o.fromField),
        `tiers must be in ascending order: ${one(next.from)} comes after ${one(cur.from)}`,
        'sort the tiers by their lower bound',
      );
      continue;
    }
    const expected = cur.to.plus(o.resolution);
    if (next.from.gt(expected)) {
      const gapEnd = next.from.minus(o.resolution);
      c.add(
        at(i + 1, o.fromField),
        `gap: ${range(expected, gapEnd)} is not covered by any tier ` +
          `(tier ${i} ends at ${one(cur.to)}, tier ${i + 1} starts at ${one(next.from)})`,
        `set ${at(i + 1, o.fromField)} to ${o.literal(expected)}, or set ${at(i, o.toField)} to ${o.literal(gapEnd)}, ` +
          `or insert a tier ${range(expected, gapEnd)} with its own value`,
      );
    } else if (next.from.lt(expected)) {
      const overlapEnd = next.to !== null && next.to.lt(cur.to) ? next.to : cur.to;
      c.add(
        at(i + 1, o.fromField),
        `overlap: ${range(next.from, overlapEnd)} is covered by tier ${i} and tier ${i + 1}`,
        `set ${at(i + 1, o.fromField)} to ${o.literal(expected)} (or lower ${at(i, o.toField)})`,
      );
    }
  }
  const last = tiers[tiers.length - 1];
  if (o.requireOpenEnd && last !== undefined && last.to !== null) {
    c.add(
      at(tiers.length - 1, o.toField),
      `values above ${one(last.to)} are not covered by any tier`,
      `set ${at(tiers.length - 1, o.toField)} to null (open end) or add a final open tier`,
    );
  }
}

/** Index of the tier containing `value`, or -1. Tiers must have passed `checkTiers` (ascending, no overlap). */
export function findTier(tiers: readonly TierBounds[], value: Dec): number {
  let lo = 0;
  let hi = tiers.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tiers[mid];
    if (t === undefined) {
      break;
    }
    if (t.from.lte(value)) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const t = tiers[found];
  return t !== undefined && (t.to === null || value.lte(t.to)) ? found : -1;
}
