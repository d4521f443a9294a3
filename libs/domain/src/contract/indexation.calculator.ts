import { Dec, isDecimalString } from '../money/decimal';
import type { DecimalString } from '../money/decimal';
import type { DataIssue } from '../money/data-issues';
import { formatDecimalDe, formatEuroDe, roundCents, toDecimalString, toMoneyString } from '../money/money';
import type { MoneyString } from '../money/money';
import { ContractInputInvalidError } from './contract.errors';
import type { IndexValues, IndexationClause } from './contract.types';

const ONE = new Dec(1);

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

/** One published value of an index series (e.g. Destatis' labour cost index for 2026-03). */
export interface IndexPoint {
  /** 'YYYY-MM' or 'YYYY'. */
  readonly period: string;
  readonly value: DecimalString;
  /** 'YYYY-MM-DD': a value counts from the day it is published. */
  readonly publishedOn: string;
  /** Converts a value published on an older base year to the series' base (value × factor); default 1. */
  readonly rebasingFactor?: DecimalString;
}

export interface IndexSeries {
  readonly key: string;
  readonly name: string;
  /** Where the values come from, e.g. 'Destatis 62221-0001'. */
  readonly source: string;
  readonly baseYear: number;
  readonly points: readonly IndexPoint[];
}

/** A value the preview used, cited as it was published, with the rebased value it computed with. */
export interface CitedIndexValue {
  readonly series: string;
  readonly source: string;
  readonly period: string;
  readonly publishedOn: string;
  readonly value: DecimalString;
  readonly rebasingFactor: DecimalString;
  readonly rebased: DecimalString;
}

export interface IndexationPreview extends IndexationResult {
  readonly on: string;
  readonly cited: {
    readonly labour: { readonly base: CitedIndexValue; readonly current: CitedIndexValue };
    readonly material: { readonly base: CitedIndexValue; readonly current: CitedIndexValue };
  };
  /** a + b·L1/L0 + c·M1/M0 before the caps. */
  readonly rawFactor: DecimalString;
  /** The factor after the caps, before the correction factor. */
  readonly cappedFactor: DecimalString;
  readonly capped: 'min' | 'max' | null;
  readonly correctionFactor: DecimalString;
}

function cite(series: IndexSeries, point: IndexPoint): CitedIndexValue {
  const factor = new Dec(point.rebasingFactor ?? '1');
  return {
    series: series.key,
    source: series.source,
    period: point.period,
    publishedOn: point.publishedOn,
    value: point.value,
    rebasingFactor: toDecimalString(factor),
    rebased: toDecimalString(new Dec(point.value).times(factor)),
  };
}

/** The value of `period` (base) or the latest period published on or before `on` (current). */
function pick(
  series: IndexSeries,
  which: 'base' | 'current',
  arg: string,
  issues: DataIssue[],
  path: string,
): CitedIndexValue | undefined {
  if (which === 'base') {
    const p = series.points.find((x) => x.period === arg);
    if (p === undefined) {
      issues.push({ path, message: `${series.key} has no value for the base period ${arg}` });
      return undefined;
    }
    return cite(series, p);
  }
  let best: IndexPoint | undefined;
  for (const p of series.points) {
    if (p.publishedOn <= arg && (best === undefined || p.period > best.period)) best = p;
  }
  if (best === undefined) {
    issues.push({ path, message: `${series.key} has no value published on or before ${arg}` });
    return undefined;
  }
  return cite(series, best);
}

/**
 * The indexation of a contract price on its reference date `on`: L0/M0 are the series' values of the clause's
 * base period, L1/M1 the latest values published by `on` (each rebased to the series' base); the factor
 * a + b·L1/L0 + c·M1/M0, then the caps on the change (min/max percent), then the correction factor, in that
 * order; P1 = P0 × factor rounded to cents. Every value used is cited. Seed 002 (labour 100 → 104, material
 * 100 → 102): 0.6 × 1.04 + 0.4 × 1.02 = 1.032 → 2,360,000.00 → 2,435,520.00.
 */
export function previewIndexation(input: {
  readonly basePrice: MoneyString;
  readonly clause: IndexationClause;
  readonly labour: IndexSeries;
  readonly material: IndexSeries;
  readonly on: string;
  /**
   * After an approved indexation the next one starts from the values that one used as current (its L1 and
   * M1 become L0 and M0), not from the clause's base period again — otherwise the same rise would count twice.
   */
  readonly basePeriods?: { readonly labour: string; readonly material: string };
}): IndexationPreview {
  const { clause } = input;
  const issues: DataIssue[] = [];
  if (input.basePeriods === undefined && clause.basePeriod === undefined) {
    issues.push({ path: 'indexation.basePeriod', message: 'the clause names no base period' });
  }
  const labourBase = input.basePeriods?.labour ?? clause.basePeriod ?? '';
  const materialBase = input.basePeriods?.material ?? clause.basePeriod ?? '';
  const l0 = pick(input.labour, 'base', labourBase, issues, 'indexation.labourSeries');
  const m0 = pick(input.material, 'base', materialBase, issues, 'indexation.materialSeries');
  const l1 = pick(input.labour, 'current', input.on, issues, 'indexation.labourSeries');
  const m1 = pick(input.material, 'current', input.on, issues, 'indexation.materialSeries');
  if (issues.length > 0 || l0 === undefined || m0 === undefined || l1 === undefined || m1 === undefined) {
    throw new ContractInputInvalidError(issues);
  }
  const raw = indexPrice({
    basePrice: input.basePrice,
    clause,
    labour: { base: l0.rebased, current: l1.rebased },
    material: { base: m0.rebased, current: m1.rebased },
  });
  const rawFactor = new Dec(raw.factor);
  const min = clause.minChangePercent === undefined ? undefined : ONE.minus(new Dec(clause.minChangePercent).div(100));
  const max = clause.maxChangePercent === undefined ? undefined : ONE.plus(new Dec(clause.maxChangePercent).div(100));
  let capped: 'min' | 'max' | null = null;
  let factor = rawFactor;
  if (min !== undefined && factor.lt(min)) {
    factor = min;
    capped = 'min';
  } else if (max !== undefined && factor.gt(max)) {
    factor = max;
    capped = 'max';
  }
  const correction = new Dec(clause.correctionFactor ?? '1');
  const cappedFactor = factor;
  factor = factor.times(correction);
  const p0 = new Dec(input.basePrice);
  const p1 = roundCents(p0.times(factor));
  const f = formatDecimalDe;
  const steps = [
    `Faktor ${f(rawFactor)}`,
    ...(capped === null
      ? []
      : [`begrenzt auf ${f(cappedFactor)} (${capped === 'max' ? 'Obergrenze' : 'Untergrenze'})`]),
    ...(correction.eq(1) ? [] : [`× Korrekturfaktor ${f(correction)} = ${f(factor)}`]),
  ];
  return {
    on: input.on,
    cited: { labour: { base: l0, current: l1 }, material: { base: m0, current: m1 } },
    rawFactor: toDecimalString(rawFactor),
    cappedFactor: toDecimalString(cappedFactor),
    capped,
    correctionFactor: toDecimalString(correction),
    basePrice: toMoneyString(p0),
    factor: toDecimalString(factor),
    indexedPrice: toMoneyString(p1),
    change: toMoneyString(p1.minus(p0)),
    derivation: `${raw.derivation}; ${steps.join(', ')}; P1 = ${formatEuroDe(p0)} × ${f(factor)} = ${formatEuroDe(p1)}`,
  };
}
