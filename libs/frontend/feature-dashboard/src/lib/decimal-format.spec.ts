import {
  formatDecimal,
  formatInstant,
  formatMoney,
  formatPercent,
  formatShareAsPercent,
  shareToPercent,
} from './decimal-format';
import { convertPeriod, lastFullMonth, periodLabel, periodOptions } from './period';

const nbsp = (text: string) => text.replace(/\u00a0/g, ' ');

describe('decimal display (de-DE, from decimal strings)', () => {
  it('formats money with grouping, two places and the euro sign', () => {
    expect(nbsp(formatMoney('10000.00'))).toBe('10.000,00 €');
    expect(nbsp(formatMoney('-5.54'))).toBe('-5,54 €');
    expect(nbsp(formatMoney('0.1'))).toBe('0,10 €');
    expect(formatMoney(null)).toBe('–');
  });

  it('keeps digits a double would lose', () => {
    expect(nbsp(formatMoney('90071992547409.93'))).toBe('90.071.992.547.409,93 €');
  });

  it('shifts shares to percentages exactly', () => {
    expect(shareToPercent('0.995')).toBe('99.5');
    expect(shareToPercent('0.666667')).toBe('66.6667');
    expect(shareToPercent('1')).toBe('100');
    expect(shareToPercent('0')).toBe('0');
    expect(shareToPercent('0.05')).toBe('5');
    expect(formatShareAsPercent('0.994631')).toBe('99,4631 %');
    expect(formatPercent('99.4631')).toBe('99,4631 %');
    expect(formatDecimal('22260')).toBe('22.260');
    expect(formatDecimal('447.125')).toBe('447,125');
  });

  it('formats instants in the given zone', () => {
    expect(formatInstant('2026-10-31T23:00:00.000Z', 'Europe/Berlin')).toBe('01.11.2026, 00:00');
  });
});

describe('periods', () => {
  it('defaults to the last full month in Berlin', () => {
    expect(lastFullMonth(new Date('2026-11-21T12:00:00Z'))).toBe('2026-10');
    expect(lastFullMonth(new Date('2026-01-10T12:00:00Z'))).toBe('2025-12');
    // 31 Oct 23:30 UTC is already 1 November in Berlin
    expect(lastFullMonth(new Date('2026-10-31T23:30:00Z'))).toBe('2026-10');
  });

  it('labels and lists months, quarters and years', () => {
    expect(periodLabel('2026-10')).toBe('Oktober 2026');
    expect(periodLabel('2026-Q4')).toBe('4. Quartal 2026');
    expect(periodLabel('2026')).toBe('Jahr 2026');
    const now = new Date('2026-02-15T12:00:00Z');
    expect(
      periodOptions('month', now)
        .slice(0, 3)
        .map((o) => o.key),
    ).toEqual(['2026-02', '2026-01', '2025-12']);
    expect(
      periodOptions('quarter', now)
        .slice(0, 2)
        .map((o) => o.key),
    ).toEqual(['2026-Q1', '2025-Q4']);
    expect(periodOptions('year', now)[0]?.key).toBe('2026');
  });

  it('converts between kinds by the period start', () => {
    expect(convertPeriod('2026-10', 'quarter')).toBe('2026-Q4');
    expect(convertPeriod('2026-Q4', 'month')).toBe('2026-10');
    expect(convertPeriod('2026-Q2', 'year')).toBe('2026');
    expect(convertPeriod('2026', 'month')).toBe('2026-01');
  });
});
