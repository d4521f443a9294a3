import { TestBed } from '@angular/core/testing';
import { I18nService, formatInstant, type Language } from '@leitstand/frontend/i18n';
import { formatPlanDate } from '@leitstand/frontend/ui';
import {
  formatChartNumber,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatShareAsPercent,
  shareToPercent,
} from './decimal-format';
import { type Localizer, localizer } from './localizer';
import { convertPeriod, lastFullMonth, periodLabel, periodOptions } from './period';

const nbsp = (text: string) => text.replace(/\u00a0/g, ' ');

/** The real texts and locale of a language. */
function speak(language: Language): Localizer {
  const i18n = TestBed.inject(I18nService);
  i18n.setLanguage(language);
  return localizer(i18n);
}

afterEach(() => localStorage.clear());

describe('decimal display (from decimal strings, in the UI locale)', () => {
  it('formats money with grouping, two places and the euro sign', () => {
    expect(nbsp(formatMoney('10000.00', 'de-DE'))).toBe('10.000,00 €');
    expect(nbsp(formatMoney('-5.54', 'de-DE'))).toBe('-5,54 €');
    expect(nbsp(formatMoney('0.1', 'de-DE'))).toBe('0,10 €');
    expect(formatMoney(null, 'de-DE')).toBe('–');
    expect(formatMoney('1234.56', 'en-GB')).toBe('€1,234.56');
    expect(formatMoney('-5.54', 'en-GB')).toBe('-€5.54');
  });

  it('keeps digits a double would lose', () => {
    expect(nbsp(formatMoney('90071992547409.93', 'de-DE'))).toBe('90.071.992.547.409,93 €');
    expect(formatMoney('90071992547409.93', 'en-GB')).toBe('€90,071,992,547,409.93');
  });

  it('shifts shares to percentages exactly', () => {
    expect(shareToPercent('0.995')).toBe('99.5');
    expect(shareToPercent('0.666667')).toBe('66.6667');
    expect(shareToPercent('1')).toBe('100');
    expect(shareToPercent('0')).toBe('0');
    expect(shareToPercent('0.05')).toBe('5');
    expect(formatShareAsPercent('0.994631', 'de-DE')).toBe('99,4631 %');
    expect(formatShareAsPercent('0.994631', 'en-GB')).toBe('99.4631%');
    expect(formatPercent('99.4631', 'de-DE')).toBe('99,4631 %');
    expect(formatDecimal('22260', 'de-DE')).toBe('22.260');
    expect(formatDecimal('22260', 'en-GB')).toBe('22,260');
    expect(formatDecimal('447.125', 'de-DE')).toBe('447,125');
    expect(formatDecimal('447.125', 'en-GB')).toBe('447.125');
  });

  it('formats chart ticks with the locale and the unit', () => {
    expect(nbsp(formatChartNumber(2360000, 'de-DE', 'euro'))).toBe('2.360.000 €');
    expect(formatChartNumber(2360000, 'en-GB', 'euro')).toBe('€2,360,000');
    expect(formatChartNumber(99.5, 'de-DE', 'percent')).toBe('99,5 %');
    expect(formatChartNumber(99.5, 'en-GB', 'percent')).toBe('99.5%');
  });

  it('formats instants in the given zone and calendar dates, day before month', () => {
    expect(formatInstant('2026-10-31T23:00:00.000Z', 'de-DE', 'Europe/Berlin')).toBe('01.11.2026, 00:00');
    expect(formatInstant('2026-11-21T13:05:00.000Z', 'en-GB', 'Europe/Berlin')).toBe('21/11/2026, 14:05');
    expect(formatInstant('nope', 'de-DE', 'Europe/Berlin')).toBe('–');
    expect(formatPlanDate('2026-10-01', 'de-DE')).toBe('01.10.2026');
    expect(formatPlanDate('2026-10-01', 'en-GB')).toBe('01/10/2026');
  });
});

describe('periods', () => {
  it('defaults to the last full month in Berlin', () => {
    expect(lastFullMonth(new Date('2026-11-21T12:00:00Z'))).toBe('2026-10');
    expect(lastFullMonth(new Date('2026-01-10T12:00:00Z'))).toBe('2025-12');
    // 31 Oct 23:30 UTC is already 1 November in Berlin
    expect(lastFullMonth(new Date('2026-10-31T23:30:00Z'))).toBe('2026-10');
  });

  it('labels and lists months, quarters and years in German', () => {
    const de = speak('de');
    expect(periodLabel('2026-10', de)).toBe('Oktober 2026');
    expect(periodLabel('2026-03', de)).toBe('März 2026');
    expect(periodLabel('2026-Q4', de)).toBe('4. Quartal 2026');
    expect(periodLabel('2026', de)).toBe('Jahr 2026');
    const now = new Date('2026-02-15T12:00:00Z');
    expect(
      periodOptions('month', now, de)
        .slice(0, 3)
        .map((o) => o.key),
    ).toEqual(['2026-02', '2026-01', '2025-12']);
    expect(
      periodOptions('quarter', now, de)
        .slice(0, 2)
        .map((o) => o.key),
    ).toEqual(['2026-Q1', '2025-Q4']);
    expect(periodOptions('year', now, de)[0]?.key).toBe('2026');
  });

  it('labels periods in English', () => {
    const en = speak('en');
    expect(periodLabel('2026-10', en)).toBe('October 2026');
    expect(periodLabel('2026-Q4', en)).toBe('Q4 2026');
    expect(periodLabel('2026', en)).toBe('Year 2026');
    expect(periodOptions('month', new Date('2026-02-15T12:00:00Z'), en)[0]?.label).toBe('February 2026');
  });

  it('converts between kinds by the period start', () => {
    expect(convertPeriod('2026-10', 'quarter')).toBe('2026-Q4');
    expect(convertPeriod('2026-Q4', 'month')).toBe('2026-10');
    expect(convertPeriod('2026-Q2', 'year')).toBe('2026');
    expect(convertPeriod('2026', 'month')).toBe('2026-01');
  });
});
