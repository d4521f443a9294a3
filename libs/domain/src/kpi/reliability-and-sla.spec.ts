import { computeReliability, rollUpReliability } from './reliability.calculator';
import { computeSlaCompliance } from './sla-compliance.calculator';
import { isKpiPeriodKey, parseKpiPeriod } from './kpi-period';
import { KpiInputInvalidError } from './kpi.errors';

const at = (iso: string): number => Date.parse(iso);
const period = { fromMs: at('2026-11-01T00:00:00Z'), toMs: at('2026-12-01T00:00:00Z') };

describe('MTTR and MTBF', () => {
  it.each([
    {
      // repairs restored in Nov: T1 2 h (120 min), T2 4 h (240 min) → MTTR 180 min;
      // T0 began in Oct (restored in Nov, 10 h): a repair of November (600) but no failure of November
      //   → MTTR (120 + 240 + 600) / 3 = 320 min
      // failures beginning in Nov: T1, T2, T3 (T3 still open) = 3; uptime 43,000 min → MTBF 14,333.333… min
      name: 'repairs by restore, failures by fault start',
      tickets: [
        { ticketId: 'T0', faultBeganMs: at('2026-10-31T14:00:00Z'), restoredMs: at('2026-11-01T00:00:00Z') },
        { ticketId: 'T1', faultBeganMs: at('2026-11-03T08:00:00Z'), restoredMs: at('2026-11-03T10:00:00Z') },
        { ticketId: 'T2', faultBeganMs: at('2026-11-05T08:00:00Z'), restoredMs: at('2026-11-05T12:00:00Z') },
        { ticketId: 'T3', faultBeganMs: at('2026-11-29T08:00:00Z'), restoredMs: null },
      ],
      uptimeMs: 43_000 * 60_000,
      mttr: '320',
      mtbf: '14333.333',
      repairs: ['T0', 'T1', 'T2'],
      failures: ['T1', 'T2', 'T3'],
    },
    {
      // no tickets: no repairs, no failures → both null
      name: 'no failures',
      tickets: [],
      uptimeMs: 43_200 * 60_000,
      mttr: null,
      mtbf: null,
      repairs: [],
      failures: [],
    },
  ])('$name', (c) => {
    const r = computeReliability({ period, tickets: c.tickets, uptimeMs: c.uptimeMs });
    expect(r.mttrMinutes).toBe(c.mttr);
    expect(r.mtbfMinutes).toBe(c.mtbf);
    expect(r.repairTicketIds).toEqual(c.repairs);
    expect(r.failureTicketIds).toEqual(c.failures);
  });

  it('class values pool the assets', () => {
    // Σ TTR 300 + 60 = 360 min over 3 repairs → 120; Σ uptime 86,000 min over 4 failures → 21,500
    const r = rollUpReliability([
      { repairs: 2, repairMs: 300 * 60_000, failures: 3, uptimeMs: 43_000 * 60_000 },
      { repairs: 1, repairMs: 60 * 60_000, failures: 1, uptimeMs: 43_000 * 60_000 },
    ]);
    expect(r.mttrMinutes).toBe('120');
    expect(r.mtbfMinutes).toBe('21500');
    expect(r.uptimeMinutes).toBe('86000');
  });
});

describe('SLA compliance per priority and clock', () => {
  it('met / (met + breached), running and paused not counted', () => {
    const r = computeSlaCompliance([
      { ticketId: 'a', priority: 'A', clock: 'response', state: 'met' },
      { ticketId: 'b', priority: 'A', clock: 'response', state: 'met' },
      { ticketId: 'c', priority: 'A', clock: 'response', state: 'breached' },
      { ticketId: 'a', priority: 'A', clock: 'restore', state: 'met' },
      { ticketId: 'd', priority: 'B', clock: 'restore', state: 'running' },
      { ticketId: 'e', priority: 'B', clock: 'restore', state: 'paused' },
    ]);
    // A/response: 2 / 3 = 0.666666… → 0.666667; A/restore 1/1 = 1; B/restore no finished clocks → no cell
    expect(r.cells).toEqual([
      { priority: 'A', clock: 'response', met: 2, breached: 1, compliance: '0.666667', breachedTicketIds: ['c'] },
      { priority: 'A', clock: 'restore', met: 1, breached: 0, compliance: '1', breachedTicketIds: [] },
    ]);
    // overall 3 / 4 = 0.75
    expect(r.overall).toEqual({ met: 3, breached: 1, compliance: '0.75' });
  });

  it('nothing finished → null', () => {
    expect(computeSlaCompliance([]).overall.compliance).toBeNull();
  });
});

describe('periods', () => {
  it.each([
    { key: '2026-10', from: '2026-10-01', to: '2026-11-01', fromIso: '2026-09-30T22:00:00.000Z', kind: 'month' },
    { key: '2026-12', from: '2026-12-01', to: '2027-01-01', fromIso: '2026-11-30T23:00:00.000Z', kind: 'month' },
    { key: '2026-Q3', from: '2026-07-01', to: '2026-10-01', fromIso: '2026-06-30T22:00:00.000Z', kind: 'quarter' },
    { key: '2026', from: '2026-01-01', to: '2027-01-01', fromIso: '2025-12-31T23:00:00.000Z', kind: 'year' },
  ])('$key in Europe/Berlin', (c) => {
    const p = parseKpiPeriod(c.key, 'Europe/Berlin');
    expect([p.fromDate, p.toDate, new Date(p.fromMs).toISOString(), p.kind]).toEqual([c.from, c.to, c.fromIso, c.kind]);
  });

  // '9999-12', '9999-Q4' and '9999' end in year 10000 (the fuzz test's GET …/costs?period=9999-12 answered 500).
  it.each(['2026-13', '2026-Q5', '26', '2026-1', '2026-10-01', '', 'abcd', '1969-12', '9999-12', '9999-Q4', '9999'])(
    'rejects %p naming the period',
    (text) => {
      expect(isKpiPeriodKey(text)).toBe(false);
      expect(() => parseKpiPeriod(text, 'Europe/Berlin')).toThrow(KpiInputInvalidError);
      try {
        parseKpiPeriod(text, 'Europe/Berlin');
      } catch (e) {
        expect((e as KpiInputInvalidError).issues[0]?.path).toBe('period');
      }
    },
  );

  it('rejects an unknown zone', () => {
    expect(() => parseKpiPeriod('2026-10', 'Mars/Olympus')).toThrow(/timezone/);
  });
});
