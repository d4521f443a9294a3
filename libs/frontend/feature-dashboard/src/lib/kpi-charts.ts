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

/** Bar colours: target met, missed, no target (contrast ≥ 3:1 on white). */
export const BAR_MET = '#2e7d32';
export const BAR_MISSED = '#b3261e';
export const BAR_NEUTRAL = '#5c6bc0';

/**
 * The availability axis: from a whole percent at least half a point below the lowest bar or target, to 100 %
 * — fixed, so every bar and every target line is on the chart (no auto-scaling that hides a 93 % class or
 * drops the 99.5 % line, no axis beyond 100 %).
 */
export function availabilityAxis(percents: readonly (number | null)[]): { min: number; max: number } {
  const shown = percents.filter((p): p is number => p !== null && Number.isFinite(p));
  const low = shown.length === 0 ? 100 : Math.min(...shown);
  return { min: Math.max(0, Math.min(99, Math.floor(low - 0.5))), max: 100 };
}

export function availabilityChart(k: KpiView, l: Localizer): KpiChart {
  const classes = k.availability.classes;
  const targets = classes.filter((c) => c.target !== undefined);
  const values = classes.map((c) => (c.availabilityPercent === null ? null : Number(c.availabilityPercent)));
  const targetValues = targets.map((c) => Number(shareToPercent(c.target ?? '0')));
  const axis = availabilityAxis([...values, ...targetValues]);
  const className = (assetClass: string) => l.t('dashboard.class', { class: assetClass });
  return {
    options: {
      animation: false,
      grid: { left: 64, right: 112, top: 24, bottom: 32 },
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => formatChartNumber(value, l.locale, 'percent') },
      xAxis: { type: 'category', data: classes.map((c) => className(c.assetClass)) },
      yAxis: {
        type: 'value',
        min: axis.min,
        max: axis.max,
        axisLabel: { formatter: (value: number) => formatChartNumber(value, l.locale, 'percent') },
      },
      series: [
        {
          name: l.t('dashboard.chart.availability'),
          type: 'bar',
          data: classes.map((c, i) => ({
            value: values[i] ?? null,
            itemStyle: {
              color: c.targetMet === undefined ? BAR_NEUTRAL : c.targetMet ? BAR_MET : BAR_MISSED,
            },
          })),
          label: {
            show: true,
            position: 'top',
            formatter: barLabel(classes.map((c) => formatPercent(c.availabilityPercent, l.locale))),
          },
          markLine: {
            symbol: 'none',
            lineStyle: { type: 'dashed', color: '#212121', width: 2 },
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
        min: 0,
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
