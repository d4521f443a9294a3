import type { CostView, KpiView } from '@leitstand/api-contracts';
import { type CsvCell, toCsv } from './csv';
import {
  csvDecimal,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatShareAsPercent,
  shareToPercent,
} from './decimal-format';

/**
 * The dashboard's and the report's tables as data: every cell keeps its raw API value and its kind, so the
 * screen shows de-DE text (1.234,56 €, 99,4631 %) and the CSV export the same value with a decimal comma.
 */
export type CellKind = 'text' | 'money' | 'percent' | 'share' | 'minutes' | 'count';

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly kind: CellKind;
}

export type Row = Readonly<Record<string, string | null>> & { readonly rowKind?: 'total' | 'detail' | null };

export interface DataTable {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
}

const CLOCK_LABELS: Readonly<Record<string, string>> = { response: 'Reaktion', restore: 'Wiederherstellung' };
const COST_LABELS: Readonly<Record<string, string>> = {
  'flat-fees': 'Pauschalen',
  'out-of-scope-work': 'Zusatzleistungen (außerhalb des Umfangs)',
  inspections: 'Inspektionen',
  'bonus-malus': 'Bonus/Malus',
};

/** Screen text of one cell. */
export function displayCell(kind: CellKind, value: string | null | undefined): string {
  switch (kind) {
    case 'money':
      return formatMoney(value);
    case 'percent':
      return formatPercent(value);
    case 'share':
      return formatShareAsPercent(value);
    case 'minutes':
      return value === null || value === undefined ? '–' : `${formatDecimal(value)} min`;
    case 'count':
      return value === null || value === undefined ? '–' : formatDecimal(value, 0);
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

function targetText(met: boolean | undefined): string {
  if (met === undefined) return '– kein Ziel';
  return met ? '✓ erreicht' : '✗ verfehlt';
}

export function availabilityTable(k: KpiView): DataTable {
  const c = k.availability.contract;
  return {
    id: 'verfuegbarkeit',
    title: 'Verfügbarkeit je Anlagenklasse',
    columns: [
      { key: 'class', label: 'Anlagenklasse', kind: 'text' },
      { key: 'assets', label: 'Anlagen', kind: 'count' },
      { key: 'basis', label: 'Basis', kind: 'minutes' },
      { key: 'downtime', label: 'Ausfallzeit', kind: 'minutes' },
      { key: 'allowed', label: 'Zulässige Ausfallzeit', kind: 'minutes' },
      { key: 'availability', label: 'Verfügbarkeit', kind: 'percent' },
      { key: 'target', label: 'Ziel', kind: 'share' },
      { key: 'met', label: 'Ziel erreicht', kind: 'text' },
    ],
    rows: [
      ...k.availability.classes.map((x) => ({
        class: `Klasse ${x.assetClass}`,
        assets: String(x.assets),
        basis: x.basisMinutes,
        downtime: x.downtimeMinutes,
        allowed: x.allowedDowntimeMinutes ?? null,
        availability: x.availabilityPercent,
        target: x.target ?? null,
        met: targetText(x.targetMet),
      })),
      {
        rowKind: 'total' as const,
        class: 'Vertrag gesamt',
        assets: String(c.assets),
        basis: c.basisMinutes,
        downtime: c.downtimeMinutes,
        allowed: c.allowedDowntimeMinutes ?? null,
        availability: c.availabilityPercent,
        target: c.target ?? null,
        met: targetText(c.targetMet),
      },
    ],
  };
}

export function slaTable(k: KpiView): DataTable {
  const o = k.slaCompliance.overall;
  return {
    id: 'sla-erfuellung',
    title: 'SLA-Erfüllung je Priorität und Uhr',
    columns: [
      { key: 'priority', label: 'Priorität', kind: 'text' },
      { key: 'clock', label: 'Uhr', kind: 'text' },
      { key: 'met', label: 'Eingehalten', kind: 'count' },
      { key: 'breached', label: 'Verletzt', kind: 'count' },
      { key: 'compliance', label: 'Erfüllung', kind: 'share' },
      { key: 'tickets', label: 'Verletzte Tickets', kind: 'text' },
    ],
    rows: [
      ...k.slaCompliance.cells.map((x) => ({
        priority: x.priority,
        clock: CLOCK_LABELS[x.clock] ?? x.clock,
        met: String(x.met),
        breached: String(x.breached),
        compliance: x.compliance,
        tickets: x.breachedTickets.length ? x.breachedTickets.join(', ') : '–',
      })),
      {
        rowKind: 'total' as const,
        priority: 'Gesamt',
        clock: 'alle',
        met: String(o.met),
        breached: String(o.breached),
        compliance: o.compliance,
        tickets: null,
      },
    ],
  };
}

export function reliabilityTable(k: KpiView): DataTable {
  return {
    id: 'mttr-mtbf',
    title: 'MTTR und MTBF',
    columns: [
      { key: 'scope', label: 'Klasse / Anlage', kind: 'text' },
      { key: 'repairs', label: 'Reparaturen', kind: 'count' },
      { key: 'mttr', label: 'MTTR', kind: 'minutes' },
      { key: 'failures', label: 'Ausfälle', kind: 'count' },
      { key: 'mtbf', label: 'MTBF', kind: 'minutes' },
    ],
    rows: [
      ...k.availability.classes.map((x) => ({
        rowKind: 'total' as const,
        scope: `Klasse ${x.assetClass}`,
        repairs: String(x.repairs),
        mttr: x.mttrMinutes,
        failures: String(x.failures),
        mtbf: x.mtbfMinutes,
      })),
      ...k.availability.assets.map((a) => ({
        rowKind: 'detail' as const,
        scope: `${a.code} (Klasse ${a.assetClass})`,
        repairs: String(a.repairs.length),
        mttr: a.mttrMinutes,
        failures: String(a.failures.length),
        mtbf: a.mtbfMinutes,
      })),
    ],
  };
}

export function bonusMalusTable(k: KpiView): DataTable {
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
    rows.push({ kpi: s.kpi, value: null, rule: `nicht berücksichtigt: ${s.reason}`, percent: null, amount: null });
  }
  if (r) {
    rows.push(
      { rowKind: 'total', kpi: 'Summe vor Deckelung', value: null, rule: null, percent: null, amount: r.uncapped },
      {
        rowKind: 'total',
        kpi: 'Deckelung (±)',
        value: null,
        rule: r.capped ? 'Deckelung greift' : 'Deckelung greift nicht',
        percent: null,
        amount: r.cap,
      },
      { rowKind: 'total', kpi: 'Bonus/Malus', value: null, rule: r.derivation, percent: null, amount: r.amount },
    );
  }
  return {
    id: 'bonus-malus',
    title: 'Bonus/Malus mit Herleitung',
    columns: [
      { key: 'kpi', label: 'KPI', kind: 'text' },
      { key: 'value', label: 'Wert', kind: 'percent' },
      { key: 'rule', label: 'Regel', kind: 'text' },
      { key: 'percent', label: 'Anteil am Volumen', kind: 'percent' },
      { key: 'amount', label: 'Betrag', kind: 'money' },
    ],
    rows,
  };
}

export function costTable(c: CostView): DataTable {
  return {
    id: 'kosten',
    title: 'Kosten des Vertrags',
    columns: [
      { key: 'item', label: 'Position', kind: 'text' },
      { key: 'amount', label: 'Betrag', kind: 'money' },
      { key: 'derivation', label: 'Herleitung', kind: 'text' },
    ],
    rows: [
      ...c.lines.map((l) => ({ item: COST_LABELS[l.id] ?? l.id, amount: l.amount, derivation: l.derivation })),
      { rowKind: 'total' as const, item: 'Summe (Umsatz des Dienstleisters)', amount: c.total, derivation: null },
    ],
  };
}

export function marginTable(c: CostView): DataTable {
  const e = c.effort;
  return {
    id: 'marge',
    title: 'Marge des Dienstleisters',
    columns: [
      { key: 'item', label: 'Position', kind: 'text' },
      { key: 'amount', label: 'Betrag', kind: 'money' },
      { key: 'derivation', label: 'Herleitung', kind: 'text' },
    ],
    rows: [
      { item: 'Umsatz', amount: c.total, derivation: null },
      {
        item: 'Aufwand Lohn',
        amount: e?.labour ?? null,
        derivation: e ? e.derivation.join(' · ') : 'kein Aufwand erfasst',
      },
      { item: 'Aufwand Material', amount: e?.materials ?? null, derivation: null },
      { item: 'Aufwand gesamt', amount: e?.total ?? null, derivation: null },
      {
        rowKind: 'total',
        item: c.loss ? 'Marge (Verlust)' : 'Marge',
        amount: c.margin,
        derivation: c.marginPercent === null ? null : `${formatPercent(c.marginPercent, 2)} vom Umsatz`,
      },
    ],
  };
}
