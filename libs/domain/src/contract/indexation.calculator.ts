import { Dec, isDecimalString } from '../money/decimal';
import type { DecimalString } from '../money/decimal';
import type { DataIssue } from '../money/data-issues';
import { formatDecimalDe, formatEuroDe, roundCents, toDecimalString, toMoneyString } from '../money/money';
import type { MoneyString } from '../money/money';
import { ContractInputInvalidError } from './contract.errors';
import type { IndexValues, IndexationClause } from './contract.types';

export interface IndexationResult {
  readonly basePrice: MoneyString;
  /** a + b·L1/L0 + c·M1/M0, exact (not rounded). */
  readonly factor: DecimalString;
  /** P1 = P0 × factor, rounded half-up to cents. */
  readonly indexedPrice: MoneyString;
  /** P1 − P0 (negative when the indices fell: decreases pass through). */
  readonly change: MoneyString;
  readonly derivation: string;
}

function read(value: string, path: string, issues: DataIssue[], positive: boolean): Dec | undefined {
  if (!isDecimalString(value)) {
    issues.push({ path, message: `expected a decimal string, got '${String(value)}'` });
    return undefined;
  }
  const d = new Dec(value);
  if (positive ? !d.gt(0) : d.lt(0)) {
    issues.push({
      path,
      message: positive ? `an index must be positive, got ${value}` : `must not be negative, got ${value}`,
    });
    return undefined;
  }
  return d;
}

/**
 * Price indexation (Preisgleitklausel): P1 = P0 × (a + b·L1/L0 + c·M1/M0) with a + b + c = 1 exactly.
 * Seed 002: a = 0, b = 0.6 (labour), c = 0.4 (material); labour +4 %, material +2 %
 *   → 0.6 × 1.04 + 0.4 × 1.02 = 1.032; 2,360,000.00 × 1.032 = 2,435,520.00.
 * Decreases pass through (no floor). The factor stays exact; only P1 is rounded to cents.
 */
export function indexPrice(input: {
  readonly basePrice: MoneyString;
  readonly clause: IndexationClause;
  readonly labour: IndexValues;
  readonly material: IndexValues;
}): IndexationResult {
  const issues: DataIssue[] = [];
  const p0 = read(input.basePrice, 'basePrice', issues, false);
  const a = read(input.clause.fixedShare, 'clause.fixedShare', issues, false);
  const b = read(input.clause.labourShare, 'clause.labourShare', issues, false);
  const c = read(input.clause.materialShare, 'clause.materialShare', issues, false);
  const l0 = read(input.labour.base, 'labour.base', issues, true);
  const l1 = read(input.labour.current, 'labour.current', issues, true);
  const m0 = read(input.material.base, 'material.base', issues, true);
  const m1 = read(input.material.current, 'material.current', issues, true);
  if (a !== undefined && b !== undefined && c !== undefined && !a.plus(b).plus(c).eq(1)) {
    issues.push({
      path: 'clause',
      message: `fixedShare + labourShare + materialShare = ${toDecimalString(a.plus(b).plus(c))}, must be exactly 1`,
    });
  }
  if (
    issues.length > 0 ||
    p0 === undefined ||
    a === undefined ||
    b === undefined ||
    c === undefined ||
    l0 === undefined ||
    l1 === undefined ||
    m0 === undefined ||
    m1 === undefined
  ) {
    throw new ContractInputInvalidError(issues);
  }
  const factor = a.plus(b.times(l1).div(l0)).plus(c.times(m1).div(m0));
  const p1 = roundCents(p0.times(factor));
  const f = formatDecimalDe;
  return {
    basePrice: toMoneyString(p0),
    factor: toDecimalString(factor),
    indexedPrice: toMoneyString(p1),
    change: toMoneyString(p1.minus(p0)),
    derivation:
      `P1 = ${formatEuroDe(p0)} × (${f(a)} + ${f(b)} × ${f(l1)}/${f(l0)} + ${f(c)} × ${f(m1)}/${f(m0)}) ` +
      `= ${formatEuroDe(p0)} × ${f(factor)} = ${formatEuroDe(p1)}`,
  };
}
