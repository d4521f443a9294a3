import type { CostView, KpiView } from '@leitstand/api-contracts';
import type { I18nKey } from '@leitstand/frontend/i18n';
import { type CsvCell, toCsv } from './csv';
import {
  csvDecimal,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatShareAsPercent,
  shareToPercent,
} from './decimal-format';
import type { Localizer } from './localizer';

/**
 * The dashboard's and the report's tables as data: every cell keeps its raw API value and its kind, so the
 * screen shows it in the UI locale (1.234,56 € / €1,234.56) and the CSV export the same value with a decimal
 * comma. Titles, column headers and row labels are in the UI language (the CSV header, too); texts the API sends
 * (KPI labels, derivations) are shown as they come.
 */
export type CellKind = 'text' | 'money' | 'percent' | 'share' | 'minutes' | 'duration' | 'count';

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly kind: CellKind;
}

/** `alert` marks a row that needs attention (a loss month, a stated figure that differs). */
export type Row = Readonly<Record<string, string | null>> & {
  readonly rowKind?: 'total' | 'detail' | 'alert' | null;
};

export interface DataTable {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
}

const CLOCKS = ['response', 'restore'];
/** The cost lines the UI names itself (others are shown by their id). */
export const COST_LINES: readonly string[] = ['flat-fees', 'out-of-scope-work', 'inspections', 'bonus-malus'];

/** The clock's name ("Reaktion" / "Response"); an unknown one as the API names it. */
export function clockLabel(clock: string, l: Localizer): string {
  return CLOCKS.includes(clock) ? l.t(`dashboard.clock.${clock}` as I18nKey) : clock;
}

/** A text of a known id under `prefix`, else the id itself. */
export function knownText(prefix: string, id: string, ids: readonly string[], l: Localizer): string {
  return ids.includes(id) ? l.t(`${prefix}${id}` as I18nKey) : id;
}

/**
 * Decimal minutes as hours and minutes, rounded half-up to the minute ("165" → "2 h 45 min", "29640" →
 * "494 h 0 min", "44.5" → "45 min"); string and BigInt only, no float. The CSV keeps the exact minutes.
 */
export function formatDuration(minutes: string | null | undefined, locale: string): string {
  const m = minutes === null || minutes === undefined ? null : /^(\d+)(?:\.(\d))?\d*$/.exec(minutes.trim());
  if (!m) return '–';
  const whole = BigInt(m[1] ?? '0') + (Number(m[2] ?? '0') >= 5 ? 1n : 0n);
  const hours = whole / 60n;
  const rest = whole % 60n;
  if (hours === 0n) return `${rest} min`;
  return `${new Intl.NumberFormat(locale).format(hours)} h ${rest} min`;
}

/** Screen text of one cell. */
export function displayCell(kind: CellKind, value: string | null | undefined, locale: string): string {
  switch (kind) {
    case 'money':
      return formatMoney(value, locale);
    case 'percent':
      return formatPercent(value, locale);
    case 'share':
      return formatShareAsPercent(value, locale);
    case 'minutes':
      return value === null || value === undefined ? '–' : `${formatDecimal(value, locale)} min`;
    case 'duration':
      return formatDuration(value, locale);
    case 'count':
      return value === null || value === undefined ? '–' : formatDecimal(value, locale, 0);
    case 'text':
      return value ?? '–';
  }
}

function csvCell(kind: CellKind, value: string | null | undefined): CsvCell {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'text':
      return value;
    case 'share':
      return { number: csvDecimal(shareToPercent(value)) };
    case 'money':
    case 'percent':
    case 'minutes':
    case 'duration':
    case 'count':
      return { number: csvDecimal(value) };
  }
}

function csvHeader(column: Column): string {
  switch (column.kind) {
    case 'money':
      return `${column.label} (EUR)`;
    case 'percent':
    case 'share':
      return `${column.label} (%)`;
    case 'minutes':
    case 'duration':
      return `${column.label} (min)`;
    case 'text':
    case 'count':
      return column.label;
  }
}

export function tableToCsv(table: DataTable): string {
  return toCsv(
    table.columns.map(csvHeader),
    table.rows.map((row) => table.columns.map((c) => csvCell(c.kind, row[c.key]))),
  );
}

function targetText(met: boolean | undefined, l: Localizer): string {
  if (met === undefined) return l.t('dashboard.target.none');
  return l.t(met ? 'dashboard.target.met' : 'dashboard.target.missed');
}

export function availabilityTable(k: KpiView, l: Localizer): DataTable {
  /** A class's row and the contract's total row show the same roll-up figures. */
  const figures = (x: KpiView['availability']['contract']) => ({
    assets: String(x.assets),
    basis: x.basisMinutes,
    downtime: x.downtimeMinutes,
    allowed: x.allowedDowntimeMinutes ?? null,
    availability: x.availabilityPercent,
    target: x.target ?? null,
    met: targetText(x.targetMet, l),
  });
  return {
    id: 'verfuegbarkeit',
    title: l.t('dashboard.table.availability'),
    columns: [
      { key: 'class', label: l.t('dashboard.col.assetClass'), kind: 'text' },
      { key: 'assets', label: l.t('dashboard.col.assets'), kind: 'count' },
      { key: 'basis', label: l.t('dashboard.col.basis'), kind: 'minutes' },
      { key: 'downtime', label: l.t('dashboard.col.downtime'), kind: 'minutes' },
      { key: 'allowed', label: l.t('dashboard.col.allowed'), kind: 'minutes' },
      { key: 'availability', label: l.t('dashboard.col.availability'), kind: 'percent' },
      { key: 'target', label: l.t('dashboard.col.target'), kind: 'share' },
      { key: 'met', label: l.t('dashboard.col.targetMet'), kind: 'text' },
    ],
    rows: [
      ...k.availability.classes.map((x) => ({
        class: l.t('dashboard.class', { class: x.assetClass }),
        ...figures(x),
      })),
      {
        rowKind: 'total' as const,
        class: l.t('dashboard.row.contractTotal'),
        ...figures(k.availability.contract),
      },
    ],
  };
}

export function slaTable(k: KpiView, l: Localizer): DataTable {
  const o = k.slaCompliance.overall;
  return {
    id: 'sla-erfuellung',
    title: l.t('dashboard.table.sla'),
    columns: [
      { key: 'priority', label: l.t('dashboard.col.priority'), kind: 'text' },
      { key: 'clock', label: l.t('dashboard.col.clock'), kind: 'text' },
      { key: 'met', label: l.t('dashboard.col.met'), kind: 'count' },
      { key: 'breached', label: l.t('dashboard.col.breached'), kind: 'count' },
      { key: 'compliance', label: l.t('dashboard.col.compliance'), kind: 'share' },
      { key: 'tickets', label: l.t('dashboard.col.breachedTickets'), kind: 'text' },
    ],
    rows: [
      ...k.slaCompliance.cells.map((x) => ({
        priority: x.priority,
        clock: clockLabel(x.clock, l),
        met: String(x.met),
        breached: String(x.breached),
        compliance: x.compliance,
        tickets: x.breachedTickets.length ? x.breachedTickets.join(', ') : '–',
      })),
      {
        rowKind: 'total' as const,
        priority: l.t('dashboard.row.total'),
        clock: l.t('dashboard.row.allClocks'),
        met: String(o.met),
        breached: String(o.breached),
        compliance: o.compliance,
        tickets: null,
      },
    ],
  };
}

export function reliabilityTable(k: KpiView, l: Localizer): DataTable {
  return {
    id: 'mttr-mtbf',
    title: l.t('dashboard.table.reliability'),
    columns: [
      { key: 'scope', label: l.t('dashboard.col.scope'), kind: 'text' },
      { key: 'repairs', label: l.t('dashboard.col.repairs'), kind: 'count' },
      { key: 'mttr', label: l.t('dashboard.col.mttr'), kind: 'duration' },
      { key: 'failures', label: l.t('dashboard.col.failures'), kind: 'count' },
      { key: 'mtbf', label: l.t('dashboard.col.mtbf'), kind: 'duration' },
    ],
    rows: [
      ...k.availability.classes.map((x) => ({
        rowKind: 'total' as const,
        scope: l.t('dashboard.class', { class: x.assetClass }),
        repairs: String(x.repairs),
        mttr: x.mttrMinutes,
        failures: String(x.failures),
        mtbf: x.mtbfMinutes,
      })),
      ...k.availability.assets.map((a) => ({
        rowKind: 'detail' as const,
        scope: l.t('dashboard.row.assetInClass', { code: a.code, class: a.assetClass }),
        repairs: String(a.repairs.length),
        mttr: a.mttrMinutes,
        failures: String(a.failures.length),
        mtbf: a.mtbfMinutes,
      })),
    ],
  };
}

export function bonusMalusTable(k: KpiView, l: Localizer): DataTable {
  const r = k.bonusMalus.result;
  const rows: Row[] = [];
  if (r) {
    for (const x of r.kpis) {
      rows.push({
        kpi: x.label,
        value: x.value,
        rule: x.derivation,
        percent: x.percentOfVolume,
        amount: x.amount,
      });
    }
  }
  for (const s of k.bonusMalus.skipped) {
    rows.push({
      kpi: s.kpi,
      value: null,
      rule: l.t('dashboard.row.skipped', { reason: s.reason }),
      percent: null,
      amount: null,
    });
  }
  if (r) {
    rows.push(
      {
        rowKind: 'total',
        kpi: l.t('dashboard.row.uncapped'),
        value: null,
        rule: null,
        percent: null,
        amount: r.uncapped,
      },
      {
        rowKind: 'total',
        kpi: l.t('dashboard.row.cap'),
        value: null,
        rule: l.t(r.capped ? 'dashboard.row.capApplies' : 'dashboard.row.capDoesNotApply'),
        percent: null,
        amount: r.cap,
      },
      {
        rowKind: 'total',
        kpi: l.t('dashboard.row.bonusMalus'),
        value: null,
        rule: r.derivation,
        percent: null,
        amount: r.amount,
      },
    );
  }
  return {
    id: 'bonus-malus',
    title: l.t('dashboard.table.bonusMalus'),
    columns: [
      { key: 'kpi', label: l.t('dashboard.col.kpi'), kind: 'text' },
      { key: 'value', label: l.t('dashboard.col.value'), kind: 'percent' },
      { key: 'rule', label: l.t('dashboard.col.rule'), kind: 'text' },
      { key: 'percent', label: l.t('dashboard.col.shareOfVolume'), kind: 'percent' },
      { key: 'amount', label: l.t('dashboard.col.amount'), kind: 'money' },
    ],
    rows,
  };
}

export function costTable(c: CostView, l: Localizer): DataTable {
  return {
    id: 'kosten',
    title: l.t('dashboard.table.cost'),
    columns: [
      { key: 'item', label: l.t('dashboard.col.item'), kind: 'text' },
      { key: 'amount', label: l.t('dashboard.col.amount'), kind: 'money' },
      { key: 'derivation', label: l.t('dashboard.col.derivation'), kind: 'text' },
    ],
    rows: [
      ...c.lines.map((line) => ({
        item: knownText('dashboard.cost.', line.id, COST_LINES, l),
        amount: line.amount,
        derivation: line.derivation,
      })),
      { rowKind: 'total' as const, item: l.t('dashboard.cost.total'), amount: c.total, derivation: null },
    ],
  };
}

export function marginTable(c: CostView, l: Localizer): DataTable {
  const e = c.effort;
  return {
    id: 'marge',
    title: l.t('dashboard.table.margin'),
    columns: [
      { key: 'item', label: l.t('dashboard.col.item'), kind: 'text' },
      { key: 'amount', label: l.t('dashboard.col.amount'), kind: 'money' },
      { key: 'derivation', label: l.t('dashboard.col.derivation'), kind: 'text' },
    ],
    rows: [
      { item: l.t('dashboard.margin.revenue'), amount: c.total, derivation: null },
      {
        item: l.t('dashboard.margin.labour'),
        amount: e?.labour ?? null,
        derivation: e ? e.derivation.join(' · ') : l.t('dashboard.margin.noEffort'),
      },
      { item: l.t('dashboard.margin.materials'), amount: e?.materials ?? null, derivation: null },
      { item: l.t('dashboard.margin.effort'), amount: e?.total ?? null, derivation: null },
      {
        rowKind: 'total',
        item: l.t(c.loss ? 'dashboard.margin.loss' : 'dashboard.margin.margin'),
        amount: c.margin,
        derivation:
          c.marginPercent === null
            ? null
            : l.t('dashboard.margin.ofRevenue', { percent: formatPercent(c.marginPercent, l.locale, 2) }),
      },
    ],
  };
}
