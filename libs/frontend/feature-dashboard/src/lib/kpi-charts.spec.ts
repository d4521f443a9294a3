import type { ClassKpiView, KpiView } from '@leitstand/api-contracts';
import { BAR_MET, BAR_MISSED, BAR_NEUTRAL, availabilityAxis, availabilityChart, slaChart } from './kpi-charts';
import { KPI_FIXTURE } from './kpi.fixtures';
import type { Localizer } from './localizer';

const l: Localizer = { locale: 'de-DE', t: (key) => key };

interface Options {
  yAxis: { min?: number; max?: number; scale?: boolean };
  series: {
    data: { value: number | null; itemStyle: { color: string } }[];
    markLine?: { data: { yAxis: number }[] };
  }[];
}

function withClasses(classes: Partial<ClassKpiView>[]): KpiView {
  const base = KPI_FIXTURE.availability.classes[0] as ClassKpiView;
  return {
    ...KPI_FIXTURE,
    availability: { ...KPI_FIXTURE.availability, classes: classes.map((c) => ({ ...base, ...c })) },
  };
}

describe('availability chart', () => {
  it('a class at 93 % has its bar and the 99.5 % target line stays on a fixed axis up to 100 %', () => {
    // Before: `scale: true` let ECharts pick the range, so the 93 % bar had no height and the target fell off.
    const k = withClasses([
      { assetClass: 'A', availabilityPercent: '93', target: '0.995', targetMet: false },
      { assetClass: 'B', availabilityPercent: '99.8', target: '0.995', targetMet: true },
      { assetClass: 'C', availabilityPercent: '100', target: undefined, targetMet: undefined },
    ]);
    const options = availabilityChart(k, l).options as unknown as Options;
    expect(options.yAxis).toEqual(expect.objectContaining({ min: 92, max: 100 }));
    expect(options.yAxis.scale).toBeUndefined();
    const [series] = options.series;
    expect(series?.data.map((d) => d.value)).toEqual([93, 99.8, 100]);
    expect(series?.data.map((d) => d.itemStyle.color)).toEqual([BAR_MISSED, BAR_MET, BAR_NEUTRAL]);
    const targets = series?.markLine?.data.map((d) => d.yAxis) ?? [];
    expect(targets).toEqual([99.5, 99.5]);
    for (const t of targets) expect(t).toBeGreaterThanOrEqual(options.yAxis.min ?? Infinity);
  });

  it('one class at 100 % reads 99–100 %, not an axis of 40–160 %', () => {
    const options = availabilityChart(withClasses([{ availabilityPercent: '100', targetMet: true }]), l)
      .options as unknown as Options;
    expect([options.yAxis.min, options.yAxis.max]).toEqual([99, 100]);
  });

  it.each([
    { percents: [99.4631, 99.5], expected: { min: 98, max: 100 } },
    { percents: [0.5], expected: { min: 0, max: 100 } },
    { percents: [null], expected: { min: 99, max: 100 } },
    { percents: [], expected: { min: 99, max: 100 } },
  ])('axis of $percents → $expected.min–$expected.max', ({ percents, expected }) => {
    expect(availabilityAxis(percents)).toEqual(expected);
  });
});

describe('SLA chart', () => {
  it('runs from 0 to 100 %', () => {
    const options = slaChart(KPI_FIXTURE, l).options as unknown as Options;
    expect([options.yAxis.min, options.yAxis.max]).toEqual([0, 100]);
  });
});
