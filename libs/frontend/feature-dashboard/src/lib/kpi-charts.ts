import type { CostView, KpiView } from '@leitstand/api-contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { formatMoney, formatPercent, formatShareAsPercent, shareToPercent } from './decimal-format';

/*
 * No animation: the figures are read, not watched (and print, screenshots and reduced motion get the final bars).
 * Chart options and their text summaries. ECharts plots numbers: the decimal strings become numbers only
 * for the bar heights (Number(), no arithmetic); every label and the tables show the exact strings.
 */
const CLOCK_LABELS: Readonly<Record<string, string>> = { response: 'Reaktion', restore: 'Wiederherstellung' };

export function availabilityChart(k: KpiView): { options: EChartsCoreOption; label: string } {
  const classes = k.availability.classes;
  const targets = classes.filter((c) => c.target !== undefined);
  return {
    options: {
      animation: false,
      grid: { left: 56, right: 96, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: classes.map((c) => `Klasse ${c.assetClass}`) },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: '{value} %' } },
      series: [
        {
          name: 'Verfügbarkeit',
          type: 'bar',
          data: classes.map((c) => (c.availabilityPercent === null ? null : Number(c.availabilityPercent))),
          label: { show: true, position: 'top', formatter: '{c} %' },
          markLine: {
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#b3261e' },
            label: { formatter: '{b}' },
            data: targets.map((c) => ({
              name: `Ziel ${c.assetClass}: ${formatShareAsPercent(c.target)}`,
              yAxis: Number(shareToPercent(c.target ?? '0')),
            })),
          },
        },
      ],
    },
    label:
      classes.length === 0
        ? 'Verfügbarkeit: keine Anlagen im Zeitraum'
        : `Verfügbarkeit je Anlagenklasse: ${classes
            .map(
              (c) =>
                `Klasse ${c.assetClass} ${formatPercent(c.availabilityPercent)}` +
                (c.target === undefined
                  ? ''
                  : ` (Ziel ${formatShareAsPercent(c.target)}, ${c.targetMet ? 'erreicht' : 'verfehlt'})`),
            )
            .join('; ')}. Details in der Tabelle.`,
  };
}

export function slaChart(k: KpiView): { options: EChartsCoreOption; label: string } {
  const cells = k.slaCompliance.cells;
  const names = cells.map((c) => `${c.priority} ${CLOCK_LABELS[c.clock] ?? c.clock}`);
  return {
    options: {
      animation: false,
      grid: { left: 56, right: 24, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
      series: [
        {
          name: 'SLA-Erfüllung',
          type: 'bar',
          data: cells.map((c) => (c.compliance === null ? null : Number(shareToPercent(c.compliance)))),
          label: { show: true, position: 'top', formatter: '{c} %' },
        },
      ],
    },
    label:
      cells.length === 0
        ? 'SLA-Erfüllung: keine abgeschlossenen Uhren im Zeitraum'
        : `SLA-Erfüllung: ${cells
            .map((c, i) => `${names[i]} ${formatShareAsPercent(c.compliance)}`)
            .join('; ')}. Details in der Tabelle.`,
  };
}

const COST_SHORT: Readonly<Record<string, string>> = {
  'flat-fees': 'Pauschalen',
  'out-of-scope-work': 'Zusatzleistungen',
  inspections: 'Inspektionen',
  'bonus-malus': 'Bonus/Malus',
};

export function costChart(c: CostView): { options: EChartsCoreOption; label: string } {
  const items: { name: string; amount: string | null }[] = [
    ...c.lines.map((l) => ({ name: COST_SHORT[l.id] ?? l.id, amount: l.amount })),
    { name: 'Summe', amount: c.total },
    { name: 'Aufwand', amount: c.effort?.total ?? null },
    { name: 'Marge', amount: c.margin },
  ];
  return {
    options: {
      animation: false,
      grid: { left: 80, right: 24, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: items.map((i) => i.name) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value} €' } },
      series: [
        {
          name: 'Betrag',
          type: 'bar',
          data: items.map((i) => (i.amount === null ? null : Number(i.amount))),
        },
      ],
    },
    label: `Kosten und Marge: ${items.map((i) => `${i.name} ${formatMoney(i.amount)}`).join('; ')}. Details in der Tabelle.`,
  };
}
