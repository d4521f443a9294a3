import { isKpiPeriodClosed, kpiPeriodClosesAtMs, parseKpiPeriod, termCoverage } from './kpi-period';

describe('termCoverage', () => {
  const term2027 = { startsOn: '2027-01-01', endsOn: '2031-12-31' };
  it.each([
    // the 2027–2031 contract of the demo data has no figures for any period of 2026
    { period: '2026-11', term: term2027, expected: 'none' },
    { period: '2026-Q4', term: term2027, expected: 'none' },
    { period: '2026', term: term2027, expected: 'none' },
    { period: '2027-01', term: term2027, expected: 'full' },
    { period: '2031-12', term: term2027, expected: 'full' },
    { period: '2032-01', term: term2027, expected: 'none' },
    // a term starting mid-month covers that month partly; one ending on a month's last day covers it fully
    { period: '2026-06', term: { startsOn: '2026-06-15', endsOn: null }, expected: 'partial' },
    { period: '2026-Q2', term: { startsOn: '2026-06-30', endsOn: null }, expected: 'partial' },
    { period: '2026-07', term: { startsOn: '2026-07-31', endsOn: null }, expected: 'partial' },
    { period: '2026-06', term: { startsOn: '2026-07-01', endsOn: null }, expected: 'none' },
    { period: '2026-06', term: { startsOn: '2025-01-01', endsOn: '2026-06-01' }, expected: 'partial' },
    { period: '2026-06', term: { startsOn: '2025-01-01', endsOn: '2026-05-31' }, expected: 'none' },
    { period: '2026-06', term: { startsOn: '2025-01-01', endsOn: '2026-06-30' }, expected: 'full' },
    { period: '2026', term: { startsOn: '2026-01-01', endsOn: null }, expected: 'full' },
  ])('$period against $term.startsOn…$term.endsOn → $expected', ({ period, term, expected }) => {
    expect(termCoverage(parseKpiPeriod(period, 'Europe/Berlin'), term)).toBe(expected);
  });
});

describe('kpiPeriodClosesAtMs / isKpiPeriodClosed', () => {
  it.each([
    // a month closes one month after it ends, at local midnight (CET in December: 23:00Z the day before)
    { period: '2026-10', closes: '2026-11-30T23:00:00.000Z' },
    // November ends 1 Dec; closes 1 Jan 2027 00:00 CET
    { period: '2026-11', closes: '2026-12-31T23:00:00.000Z' },
    // January 2028 ends 1 Feb; closes 1 Mar 2028 (a leap year: February has 29 days)
    { period: '2028-01', closes: '2028-02-29T23:00:00.000Z' },
    // a quarter and a year close one month after their last month: 1 Feb 2027
    { period: '2026-Q4', closes: '2027-01-31T23:00:00.000Z' },
    { period: '2026', closes: '2027-01-31T23:00:00.000Z' },
    // summer time: September ends 1 Oct; closes 1 Nov 2026 00:00 CET = 31 Oct 23:00Z (after the switch)
    { period: '2026-09', closes: '2026-10-31T23:00:00.000Z' },
  ])('$period closes at $closes', ({ period, closes }) => {
    const p = parseKpiPeriod(period, 'Europe/Berlin');
    const at = kpiPeriodClosesAtMs(p);
    expect(new Date(at).toISOString()).toBe(closes);
    expect(isKpiPeriodClosed(p, at - 1)).toBe(false);
    expect(isKpiPeriodClosed(p, at)).toBe(true);
  });
});
