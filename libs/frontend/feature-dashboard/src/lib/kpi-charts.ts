import type { CostView, KpiView } from '@leitstand/api-contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { formatChartNumber, formatMoney, formatPercent, formatShareAsPercent, shareToPercent } from './decimal-format';
import { COST_LINES, clockLabel, knownText } from './kpi-tables';
import type { Localizer } from './localizer';

/*
 * No animation: the figures are read, not watched (and print, screenshots and reduced motion get the final bars).
 * Chart options and their text summaries in the UI language and locale (built again on a language switch, and
 * ngx-echarts redraws on new options). ECharts plots numbers: the decimal strings become numbers only for the
 * bar heights (Number(), no arithmetic); bar labels, the aria summary and the tables show the exact strings.
 */

export interface KpiChart {
  readonly options: EChartsCoreOption;
  readonly label: string;
}

/** The label of bar `dataIndex`: the exact text prepared for it. */
function barLabel(texts: readonly string[]): (params: { dataIndex: number }) => string {
  return ({ dataIndex }) => texts[dataIndex] ?? '';
}

export function availabilityChart(k: KpiView, l: Localizer): KpiChart {
  const classes = k.availability.classes;
  const targets = classes.filter((c) => c.target !== undefined);
  const className = (assetClass: string) => l.t('dashboard.class', { class: assetClass });
  return {
    options: {
      animation: false,
      grid: { left: 64, right: 112, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => formatChartNumber(value, l.locale, 'percent') },
      xAxis: { type: 'category', data: classes.map((c) => className(c.assetClass)) },
      yAxis: {
        type: 'value',
        scale: true,
        axisLabel: { formatter: (value: number) => formatChartNumber(value, l.locale, 'percent') },
      },
      series: [
        {
          name: l.t('dashboard.chart.availability'),
          type: 'bar',
          data: classes.map((c) => (c.availabilityPercent === null ? null : Number(c.availabilityPercent))),
          label: {
            show: true,
            position: 'top',
            formatter: barLabel(classes.map((c) => formatPercent(c.availabilityPercent, l.locale))),
          },
          markLine: {
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#b3261e' },
            label: { formatter: '{b}' },
            data: targets.map((c) => ({
              name: l.t('dashboard.chart.target', {
                class: c.assetClass,
                target: formatShareAsPercent(c.target, l.locale),
              }),
              yAxis: Number(shareToPercent(c.target ?? '0')),
            })),
          },
        },
      ],
    },
    label:
      classes.length === 0
        ? l.t('dashboard.chart.availabilityNone')
        : l.t('dashboard.chart.availabilityLabel', {
            figures: classes
              .map((c) => {
                const figure = l.t('dashboard.chart.classFigure', {
                  class: c.assetClass,
                  percent: formatPercent(c.availabilityPercent, l.locale),
                });
                return c.target === undefined
                  ? figure
                  : `${figure} ${l.t('dashboard.chart.classTarget', {
                      target: formatShareAsPercent(c.target, l.locale),
                      result: l.t(c.targetMet ? 'dashboard.chart.met' : 'dashboard.chart.missed'),
                    })}`;
              })
              .join('; '),
          }),
  };
}

export function slaChart(k: KpiView, l: Localizer): KpiChart {
  const cells = k.slaCompliance.cells;
  const names = cells.map((c) => `${c.priority} ${clockLabel(c.clock, l)}`);
  const values = cells.map((c) => formatShareAsPercent(c.compliance, l.locale));
  return {
    options: {
      animation: false,
      grid: { left: 64, right: 24, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => formatChartNumber(value, l.locale, 'percent') },
      xAxis: { type: 'category', data: names },
      yAxis: {
        type: 'value',
        max: 100,
        axisLabel: { formatter: (value: number) => formatChartNumber(value, l.locale, 'percent') },
      },
      series: [
        {
          name: l.t('dashboard.chart.sla'),
          type: 'bar',
          data: cells.map((c) => (c.compliance === null ? null : Number(shareToPercent(c.compliance)))),
          label: { show: true, position: 'top', formatter: barLabel(values) },
        },
      ],
    },
    label:
      cells.length === 0
        ? l.t('dashboard.chart.slaNone')
        : l.t('dashboard.chart.slaLabel', { figures: cells.map((_, i) => `${names[i]} ${values[i]}`).join('; ') }),
  };
}

export function costChart(c: CostView, l: Localizer): KpiChart {
  const items: { name: string; amount: string | null }[] = [
    ...c.lines.map((line) => ({
      name: knownText('dashboard.chart.cost.', line.id, COST_LINES, l),
      amount: line.amount,
    })),
    { name: l.t('dashboard.chart.total'), amount: c.total },
    { name: l.t('dashboard.chart.effort'), amount: c.effort?.total ?? null },
    { name: l.t('dashboard.chart.margin'), amount: c.margin },
  ];
  return {
    options: {
      animation: false,
      grid: { left: 96, right: 24, top: 24, bottom: 32 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: number) => formatChartNumber(value, l.locale, 'euro'),
      },
      xAxis: { type: 'category', data: items.map((i) => i.name) },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (value: number) => formatChartNumber(value, l.locale, 'euro') },
      },
      series: [
        {
          name: l.t('dashboard.chart.amount'),
          type: 'bar',
          data: items.map((i) => (i.amount === null ? null : Number(i.amount))),
        },
      ],
    },
    label: l.t('dashboard.chart.costLabel', {
      figures: items.map((i) => `${i.name} ${formatMoney(i.amount, l.locale)}`).join('; '),
    }),
  };
}
