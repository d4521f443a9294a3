import { parseKpiPeriod, termCoverage } from './kpi-period';

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
