import type { ContractEconomicsView } from '@leitstand/api-contracts';
import { formatDecimal, formatMoney } from './decimal-format';
import type { DataTable } from './kpi-tables';
import type { Localizer } from './localizer';

type Variant = NonNullable<ContractEconomicsView['calculation']>['variants'][number];

/**
 * The tables of the economics page (`/dashboard/economics?contract=`), built from the API's figures in the UI
 * language: per offer variant its line items and the stated-against-computed checks (differences flagged),
 * the contract types repriced with the year's actual quantities (the cheapest flagged), and revenue against
 * effort per month (loss months flagged).
 */
export function variantLinesTable(v: Variant, l: Localizer): DataTable {
  return {
    id: `positionen-${v.variantId}`,
    title: `${l.t('economics.variant')}: ${v.label}`,
    columns: [
      { key: 'line', label: l.t('economics.line'), kind: 'text' },
      { key: 'annual', label: l.t('economics.annual'), kind: 'money' },
      { key: 'derivation', label: l.t('economics.derivation'), kind: 'text' },
    ],
    rows: [
      ...v.lines.map((line) => ({ line: line.label, annual: line.annual, derivation: line.derivation })),
      { rowKind: 'total' as const, line: l.t('economics.computedTotal'), annual: v.annualTotal, derivation: null },
      ...(v.perM2Year === undefined
        ? []
        : [{ line: l.t('economics.perM2Year'), annual: v.perM2Year, derivation: null }]),
      ...(v.fte === undefined ? [] : [{ line: l.t('economics.fte'), annual: null, derivation: v.fte }]),
      {
        line: l.t('economics.contractVolume'),
        annual: v.contractVolume,
        derivation: l.t(v.volumeBasis === 'stated' ? 'economics.basis.stated' : 'economics.basis.computed'),
      },
    ],
  };
}

export function checksTable(v: Variant, l: Localizer): DataTable {
  return {
    id: `pruefungen-${v.variantId}`,
    title: `${l.t('economics.variants')} — ${v.label}`,
    columns: [
      { key: 'check', label: l.t('economics.check'), kind: 'text' },
      { key: 'stated', label: l.t('economics.stated'), kind: 'text' },
      { key: 'computed', label: l.t('economics.computed'), kind: 'text' },
      { key: 'difference', label: l.t('economics.difference'), kind: 'text' },
      { key: 'result', label: l.t('economics.result'), kind: 'text' },
    ],
    rows: v.checks.map((c) => ({
      rowKind: c.matches ? null : ('alert' as const),
      check: c.label,
      stated: figure(c.id, c.stated, l),
      computed: figure(c.id, c.computed, l),
      difference: figure(c.id, c.difference, l),
      result: l.t(c.matches ? 'economics.matches' : 'economics.differs'),
    })),
  };
}

export function comparisonTable(e: ContractEconomicsView, l: Localizer): DataTable | null {
  const c = e.comparison;
  if (c === undefined) return null;
  return {
    id: 'vertragstypen',
    title: l.t('economics.comparison'),
    columns: [
      { key: 'variant', label: l.t('economics.variant'), kind: 'text' },
      { key: 'planned', label: l.t('economics.planned'), kind: 'money' },
      { key: 'actual', label: l.t('economics.actual'), kind: 'money' },
      { key: 'note', label: l.t('economics.note'), kind: 'text' },
    ],
    rows: c.variants.map((v) => ({
      rowKind: v.cheapest ? ('total' as const) : null,
      variant: v.label,
      planned: v.planned,
      actual: v.actual,
      note: v.cheapest ? l.t('economics.cheapest') : '',
    })),
  };
}

export function monthsTable(e: ContractEconomicsView, l: Localizer): DataTable {
  return marginMonths(
    'monate',
    l.t('economics.months'),
    e.months.map((m) => ({ month: m.month, revenue: m.revenue, effort: m.effort, margin: m.margin, loss: m.loss })),
    l,
  );
}

export function plannedMonthsTable(e: ContractEconomicsView, l: Localizer): DataTable | null {
  const months = e.calculation?.monthlyMargins;
  if (months === undefined) return null;
  return marginMonths(
    'plan-monate',
    l.t('economics.plannedMonths'),
    months.map((m) => ({
      month: m.month,
      revenue: m.total,
      effort: m.effort?.total ?? null,
      margin: m.margin ?? null,
      loss: m.loss ?? null,
    })),
    l,
  );
}

interface MarginMonth {
  readonly month: string;
  readonly revenue: string;
  readonly effort: string | null;
  readonly margin: string | null;
  readonly loss: boolean | null;
}

/** Revenue against effort per month, a loss month flagged: the actual months and the planned ones alike. */
function marginMonths(id: string, title: string, months: readonly MarginMonth[], l: Localizer): DataTable {
  return {
    id,
    title,
    columns: [
      { key: 'month', label: l.t('economics.month'), kind: 'text' },
      { key: 'revenue', label: l.t('economics.revenue'), kind: 'money' },
      { key: 'effort', label: l.t('economics.effort'), kind: 'money' },
      { key: 'margin', label: l.t('economics.margin'), kind: 'money' },
      { key: 'note', label: l.t('economics.note'), kind: 'text' },
    ],
    rows: months.map((m) => ({
      rowKind: m.loss === true ? ('alert' as const) : null,
      month: monthLabel(m.month, l.locale),
      revenue: m.revenue,
      effort: m.effort,
      margin: m.margin,
      note: m.loss === true ? l.t('economics.loss') : '',
    })),
  };
}

/** "März 2026" / "March 2026" from 'YYYY-MM' (UTC, no zone shift). */
export function monthLabel(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, 1),
  );
}

/** A check's figure: money for totals and lines, a plain decimal for FTE. */
function figure(checkId: string, value: string, l: Localizer): string {
  if (checkId === 'fte') return formatDecimal(value, l.locale);
  return formatMoney(value, l.locale);
}
