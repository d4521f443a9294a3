import type { ComplianceFigure, ComplianceResult } from '../maintenance/maintenance.types';
import { Dec } from '../money/decimal';
import { formatDecimalTextDe } from '../money/money';

/*
 * The maintenance and inspection compliance of a quarter or a year as the sum of its months: a closed month
 * counts as it was frozen (later edits never reach it), the others as computed now. Counts add up; the percentage
 * is onTime ÷ due × 100 of the sums (2 places, half up) — never an average of monthly percentages.
 */

export interface CompliancePart {
  /** E.g. '2026-10 (eingefroren)'. */
  readonly label: string;
  readonly result: ComplianceResult;
}

type Mutable = {
  due: number;
  onTime: number;
  late: number;
  missed: number;
  open: number;
  cancelled: number;
  nonCompliant: ComplianceFigure['nonCompliant'][number][];
};

const empty = (): Mutable => ({ due: 0, onTime: 0, late: 0, missed: 0, open: 0, cancelled: 0, nonCompliant: [] });

function add(sum: Mutable, f: ComplianceFigure): void {
  sum.due += f.due;
  sum.onTime += f.onTime;
  sum.late += f.late;
  sum.missed += f.missed;
  sum.open += f.open;
  sum.cancelled += f.cancelled;
  sum.nonCompliant.push(...f.nonCompliant);
}

function percentOf(s: Mutable): string | null {
  return s.due === 0 ? null : new Dec(s.onTime).times(100).div(s.due).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
}

function figure(s: Mutable, lines: string[]): ComplianceFigure {
  const percent = percentOf(s);
  return {
    ...s,
    percent,
    derivation: [
      ...lines,
      `Summe: fällig ${s.due}, fristgerecht ${s.onTime}, verspätet ${s.late}, versäumt ${s.missed}, offen ${s.open}` +
        (s.cancelled > 0 ? ` (${s.cancelled} storniert, nicht gezählt)` : ''),
      percent === null
        ? 'Quote: keine Fälligkeiten im Zeitraum – keine Daten'
        : `Quote: ${s.onTime} ÷ ${s.due} × 100 = ${formatDecimalTextDe(percent)} %`,
    ],
  };
}

/** The sum of the parts, in total and per trade, with one derivation line per part. */
export function sumCompliance(parts: readonly CompliancePart[]): ComplianceResult {
  const total = empty();
  const trades = new Map<string, { sum: Mutable; lines: string[] }>();
  const lines: string[] = [];
  for (const p of parts) {
    const t = p.result.total;
    add(total, t);
    lines.push(`${p.label}: ${t.onTime} von ${t.due} fristgerecht`);
    for (const [trade, f] of Object.entries(p.result.byTrade)) {
      const entry = trades.get(trade) ?? { sum: empty(), lines: [] };
      add(entry.sum, f);
      entry.lines.push(`${p.label}: ${f.onTime} von ${f.due} fristgerecht`);
      trades.set(trade, entry);
    }
  }
  const byTrade: Record<string, ComplianceFigure> = {};
  for (const trade of [...trades.keys()].sort()) {
    const entry = trades.get(trade) as { sum: Mutable; lines: string[] };
    byTrade[trade] = figure(entry.sum, entry.lines);
  }
  return { total: figure(total, lines), byTrade };
}
