import { computeCompliance, parseKpiPeriod, type BonusMalusRules } from '@leitstand/domain';
import { computeRollup, explainRollup, noFiguresRollup, type RollupInput } from './kpi-rollup.calculator';
import { clipMaintenanceWindows } from './kpi-rollup.loader';

const RULES: BonusMalusRules = {
  capPercentOfVolume: '2',
  kpis: [
    {
      kpi: 'availability-a',
      label: 'Verfügbarkeit A-Anlagen',
      unit: '%',
      rule: {
        kind: 'linear',
        points: [
          { value: '98.5', percentOfVolume: '-1.5' },
          { value: '99.5', percentOfVolume: '0' },
          { value: '99.9', percentOfVolume: '1.5' },
        ],
      },
    },
    {
      kpi: 'sla-compliance',
      label: 'SLA-Einhaltung',
      unit: '%',
      rule: { kind: 'stepped', otherwisePercentOfVolume: '-1', steps: [{ atLeast: '95', percentOfVolume: '0' }] },
    },
    {
      kpi: 'energy-vs-target',
      label: 'Energie',
      unit: 'Prozentpunkte',
      rule: { kind: 'stepped', otherwisePercentOfVolume: '0', steps: [] },
    },
  ],
};

// November 2026, Europe/Berlin: 30 d = 720 h = 43,200 min; asOf after the period.
function input(overrides: Partial<RollupInput> = {}): RollupInput {
  return {
    contract: {
      id: 'c1',
      name: 'Test',
      tenantId: 't1',
      startsOn: '2026-01-01',
      endsOn: null,
      annualVolume: '120000.00',
      availabilityTargets: { A: '0.995' },
      availabilityBasis: '24-7',
      bonusMalus: RULES,
      internalCostRates: undefined,
    },
    period: parseKpiPeriod('2026-11', 'Europe/Berlin'),
    asOfMs: Date.parse('2027-01-01T00:00:00Z'),
    computedAt: new Date('2027-01-01T00:00:00Z'),
    assets: [
      { id: 'a1', code: 'A-1', assetClass: 'A', siteId: 's1' },
      { id: 'b1', code: 'B-1', assetClass: 'B', siteId: 's1' },
    ],
    basisBySite: new Map([['s1', undefined]]),
    downtimeTickets: [
      // 432 min on A-1: 1 − 432/43,200 = 0.99 → 99 %
      {
        ticketId: 'x1',
        number: '2026-000001',
        assetId: 'a1',
        faultBeganMs: Date.parse('2026-11-10T00:00:00Z'),
        restoredMs: Date.parse('2026-11-10T07:12:00Z'),
      },
    ],
    maintenanceWindows: [],
    slaClocks: [
      { ticketId: 'x1', number: '2026-000001', priority: 'A', clock: 'restore', state: 'breached' },
      { ticketId: 'x2', number: '2026-000002', priority: 'A', clock: 'restore', state: 'met' },
    ],
    billable: [],
    priceList: null,
    effort: { msByRole: new Map(), materialCost: '0.00' },
    maintenance: { requirements: 0, occurrences: [], billed: [], inspectedAssets: 0, frozenMonths: new Map() },
    frozenAt: null,
    notes: [],
    ...overrides,
  };
}

describe('computeRollup', () => {
  it('feeds class availability and SLA compliance to the rules and names what it left out', () => {
    const { kpis, costs } = explainRollup(computeRollup(input()));
    // A: 99 % → linear −1.5 + 1.5 × 0.5 = −0.75 %; SLA 1/2 = 50 % < 95 → −1 %; volume 120,000 / 12 = 10,000.00
    // −75.00 + −100.00 = −175.00 (within ± 200.00)
    expect(kpis.bonusMalus.kpiValues).toEqual({ 'availability-a': '99', 'sla-compliance': '50' });
    expect(kpis.bonusMalus.skipped).toEqual([
      { kpi: 'energy-vs-target', reason: 'nicht gemessen: Energieverbräuche werden nicht erfasst' },
    ]);
    expect(kpis.bonusMalus.result?.amount).toBe('-175.00');
    expect(kpis.availability.classes.map((c) => [c.assetClass, c.availability, c.targetMet])).toEqual([
      ['A', '0.99', false],
      ['B', '1', undefined],
    ]);
    expect(kpis.slaCompliance.cells[0]?.breachedTickets).toEqual(['2026-000001']);
    expect(costs.lines.map((l) => [l.id, l.amount])).toEqual([
      ['flat-fees', '10000.00'],
      ['bonus-malus', '-175.00'],
    ]);
    expect(costs.total).toBe('9825.00');
    expect(costs.margin).toBeNull();
    expect(costs.notes.join('\n')).toMatch(/keine Marge/);
  });

  it('without rules: no bonus/malus and a note; out-of-scope work without a price list is noted, not priced', () => {
    const { kpis, costs } = explainRollup(
      computeRollup(
        input({
          contract: { ...input().contract, bonusMalus: null },
          billable: [
            {
              ticketId: 'x9',
              number: '2026-000009',
              site: { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BY', distanceKm: null, travelZone: null },
              work: [],
              materials: [],
            },
          ],
        }),
      ),
    );
    expect(kpis.bonusMalus.result).toBeNull();
    expect(kpis.notes).toContain('Der Vertrag hat keine Bonus/Malus-Regeln');
    expect(costs.lines.map((l) => l.id)).toEqual(['flat-fees']);
    expect(costs.notes.join('\n')).toMatch(/1 Ticket\(s\) außerhalb des Umfangs, aber keine Preisliste/);
  });

  it('values the effort at the internal cost rate and derives the margin', () => {
    // 90 min service-technician (no rate of that id → the first rate) = 1.5 h × 45.00 = 67.50; material 12.30
    const { costs } = explainRollup(
      computeRollup(
        input({
          contract: {
            ...input().contract,
            bonusMalus: null,
            internalCostRates: [{ id: 'technician', label: 'Technik', hourlyCost: '45.00' }],
          },
          effort: { msByRole: new Map([['service-technician', 90 * 60_000]]), materialCost: '12.30' },
        }),
      ),
    );
    expect(costs.effort).toMatchObject({ labour: '67.50', materials: '12.30', total: '79.80' });
    // 10,000.00 − 79.80 = 9,920.20; 99.202 % → 99.20
    expect([costs.margin, costs.marginPercent, costs.loss]).toEqual(['9920.20', '99.2', false]);
  });

  it('planned maintenance leaves the required time and cuts its overlap out of the downtime', () => {
    // A-1 down 2026-11-10 00:00–07:12Z (432 min); window 06:00–10:00Z (240 min) covers 72 min of it.
    // Basis 43,200 − 240 = 42,960; downtime 432 − 72 = 360; 1 − 360/42,960 = 0.99162011… → 0.99162
    const { kpis } = explainRollup(
      computeRollup(
        input({
          maintenanceWindows: [
            {
              id: 'w1',
              assetId: 'a1',
              reason: 'Jahreswartung',
              fromMs: Date.parse('2026-11-10T06:00:00Z'),
              toMs: Date.parse('2026-11-10T10:00:00Z'),
            },
          ],
        }),
      ),
    );
    const a1 = kpis.availability.assets.find((a) => a.code === 'A-1');
    expect(a1).toMatchObject({
      basisMinutes: '42960',
      downtimeMinutes: '360',
      availability: '0.99162',
      excludedDowntimeMinutes: '72',
      maintenance: [
        {
          windowId: 'w1',
          from: '2026-11-10T06:00:00.000Z',
          to: '2026-11-10T10:00:00.000Z',
          reason: 'Jahreswartung',
          minutes: '240',
          downtimeMinutes: '72',
        },
      ],
    });
    expect(a1?.downtime.map((d) => [d.from, d.to, d.minutes])).toEqual([
      ['2026-11-10T00:00:00.000Z', '2026-11-10T06:00:00.000Z', '360'],
    ]);
    const b1 = kpis.availability.assets.find((a) => a.code === 'B-1');
    expect(b1).not.toHaveProperty('maintenance');
    expect(kpis.availability.classes.find((c) => c.assetClass === 'A')).toMatchObject({
      basisMinutes: '42960',
      downtimeMinutes: '360',
    });
  });

  it('a running period: a window partly after "now" counts only up to now; one wholly after it is not listed', () => {
    const { kpis } = explainRollup(
      computeRollup(
        input({
          asOfMs: Date.parse('2026-11-10T08:00:00Z'),
          maintenanceWindows: [
            {
              id: 'w1',
              assetId: 'a1',
              reason: 'Jahreswartung',
              fromMs: Date.parse('2026-11-10T06:00:00Z'),
              toMs: Date.parse('2026-11-10T10:00:00Z'),
            },
            {
              id: 'w2',
              assetId: 'a1',
              reason: 'Prüfung',
              fromMs: Date.parse('2026-11-20T06:00:00Z'),
              toMs: Date.parse('2026-11-20T07:00:00Z'),
            },
          ],
        }),
      ),
    );
    const a1 = kpis.availability.assets.find((a) => a.code === 'A-1');
    // measured 2026-10-31T23:00Z … 2026-11-10T08:00Z = 9 d 9 h = 13,500 min − 120 min window = 13,380; downtime 432 − 72 = 360
    expect(a1?.maintenance).toEqual([
      expect.objectContaining({
        windowId: 'w1',
        to: '2026-11-10T08:00:00.000Z',
        minutes: '120',
        downtimeMinutes: '72',
      }),
    ]);
    expect(a1).toMatchObject({ basisMinutes: '13380', downtimeMinutes: '360', excludedDowntimeMinutes: '72' });
  });
});

describe('clipMaintenanceWindows', () => {
  const period = { fromMs: Date.parse('2026-10-31T23:00:00Z'), toMs: Date.parse('2026-11-30T23:00:00Z') };
  const row = (id: string, from: string, to: string) => ({
    id,
    assetId: 'a1',
    reason: 'r',
    fromMs: Date.parse(from),
    toMs: Date.parse(to),
  });

  it('clips windows to the period, drops those outside or touching it, and sorts by start', () => {
    const out = clipMaintenanceWindows(
      [
        row('late', '2026-11-30T20:00:00Z', '2026-12-01T04:00:00Z'),
        row('early', '2026-10-31T20:00:00Z', '2026-11-01T02:00:00Z'),
        row('before', '2026-10-30T00:00:00Z', '2026-10-31T23:00:00Z'),
        row('after', '2026-11-30T23:00:00Z', '2026-12-01T01:00:00Z'),
        row('inside', '2026-11-15T08:00:00Z', '2026-11-15T09:30:00Z'),
      ],
      period,
    );
    expect(out.map((w) => [w.id, new Date(w.fromMs).toISOString(), new Date(w.toMs).toISOString()])).toEqual([
      ['early', '2026-10-31T23:00:00.000Z', '2026-11-01T02:00:00.000Z'],
      ['inside', '2026-11-15T08:00:00.000Z', '2026-11-15T09:30:00.000Z'],
      ['late', '2026-11-30T20:00:00.000Z', '2026-11-30T23:00:00.000Z'],
    ]);
  });

  it('a window spanning the whole period becomes the period', () => {
    const [w] = clipMaintenanceWindows([row('all', '2026-10-01T00:00:00Z', '2026-12-31T00:00:00Z')], period);
    expect(w).toMatchObject({ fromMs: period.fromMs, toMs: period.toMs });
  });
});

describe('the contract term', () => {
  it('a period inside the term carries the term with full coverage, one the term starts in a partial one', () => {
    expect(computeRollup(input()).kpis.term).toEqual({ startsOn: '2026-01-01', endsOn: null, coverage: 'full' });
    const late = explainRollup(computeRollup(input({ contract: { ...input().contract, startsOn: '2026-11-10' } })));
    expect(late.kpis.term.coverage).toBe('partial');
    expect(late.costs.term.coverage).toBe('partial');
  });

  it('a period outside the term has no figures: availability and compliance null, no bonus, no cost lines', () => {
    // The demo's 2027–2031 contract in November 2026 read 100 % "erreicht", a bonus of 2,950 € and fees of 196,666.67 €.
    const contract = { ...input().contract, startsOn: '2027-01-01', endsOn: '2031-12-31' };
    const period = parseKpiPeriod('2026-11', 'Europe/Berlin');
    const { kpis, costs } = explainRollup(noFiguresRollup(contract, period, new Date('2026-12-07T05:00:00Z')));
    expect(kpis.term).toEqual({ startsOn: '2027-01-01', endsOn: '2031-12-31', coverage: 'none' });
    expect(kpis.period).toMatchObject({ key: '2026-11', from: '2026-11-01', to: '2026-12-01' });
    expect(kpis.availability.contract.availabilityPercent).toBeNull();
    expect(kpis.availability.classes).toEqual([]);
    expect(kpis.slaCompliance.overall.compliance).toBeNull();
    expect(kpis.bonusMalus).toEqual({ kpiValues: {}, skipped: [], result: null, derivations: {} });
    expect(kpis.maintenanceCompliance).toBeNull();
    expect(kpis.frozenAt).toBeNull();
    expect(costs).toMatchObject({ lines: [], total: '0.00', margin: null, effort: null, loss: null });
  });
});

describe('maintenance and inspection compliance, billed fees, freezing', () => {
  const INSPECTION_RULE: BonusMalusRules['kpis'][number] = {
    kpi: 'inspection-compliance',
    label: 'Prüfcompliance (fristgerecht)',
    unit: '%',
    rule: {
      kind: 'stepped',
      otherwisePercentOfVolume: '-1',
      steps: [
        { atLeast: '98', percentOfVolume: '-0.5' },
        { atLeast: '100', percentOfVolume: '0.5' },
      ],
    },
  };
  const occ = (id: string, targetDate: string, completedOn?: string) => ({
    occurrenceId: id,
    trade: id.startsWith('e') ? 'elevators' : 'sprinklers',
    targetDate,
    onTimeLimit: targetDate,
    legalLatest: '2026-11-30',
    ...(completedOn === undefined ? {} : { completedOn }),
    evidenceAccepted: completedOn !== undefined,
    cancelled: false,
  });
  const maintained = input({
    contract: { ...input().contract, bonusMalus: { capPercentOfVolume: '2', kpis: [INSPECTION_RULE] } },
    maintenance: {
      requirements: 2,
      occurrences: [
        occ('e1', '2026-11-03', '2026-11-03'), // on time
        occ('e2', '2026-11-10', '2026-11-12'), // late: after the on-time limit, by the legal latest date
        occ('s1', '2026-11-05', '2026-11-04'), // on time
        occ('s2', '2026-11-20'), // missed: not completed by 30 Nov (asOf is 1 Jan 2027)
      ],
      billed: [
        {
          occurrenceId: 'e1',
          requirementId: 'r1',
          title: 'Prüfung Aufzug durch ZÜS',
          kind: 'main',
          assetCode: 'A-1',
          completedOn: '2026-11-03',
          fee: '400.00',
        },
      ],
      inspectedAssets: 1,
      frozenMonths: new Map(),
    },
    frozenAt: new Date('2027-01-01T00:00:00Z'),
  });

  it('computes the month compliance, feeds it to the rule with its derivation, and bills the fee', () => {
    const { kpis, costs } = explainRollup(computeRollup(maintained));
    // due 4: on time 2 (e1, s1), late 1 (e2), missed 1 (s2) → 2 / 4 = 50.00 %
    expect(kpis.maintenanceCompliance?.total).toMatchObject({
      due: 4,
      onTime: 2,
      late: 1,
      missed: 1,
      percent: '50.00',
    });
    expect(Object.keys(kpis.maintenanceCompliance?.byTrade ?? {})).toEqual(['elevators', 'sprinklers']);
    expect(kpis.maintenanceCompliance?.total.nonCompliant).toEqual([
      { occurrenceId: 'e2', reason: 'late' },
      { occurrenceId: 's2', reason: 'missed' },
    ]);
    // 50 % < 98 → −1 % × 10,000.00 = −100.00
    expect(kpis.bonusMalus.kpiValues).toEqual({ 'inspection-compliance': '50' });
    expect(kpis.bonusMalus.result?.amount).toBe('-100.00');
    expect(kpis.bonusMalus.derivations?.['inspection-compliance']).toEqual([
      'Fällig im Zeitraum 4 (fristgerecht 2, verspätet 1, versäumt 1, offen 0): 2 / 4 = 50,00 %',
      'Prüfcompliance (fristgerecht) 50 %: unter 98 → -1 % × 10.000,00 € = -100,00 €',
    ]);
    // flat 10,000.00 + inspections 1 × 400.00 − 100.00 = 10,300.00
    expect(costs.lines.map((l) => [l.id, l.amount])).toEqual([
      ['flat-fees', '10000.00'],
      ['inspections', '400.00'],
      ['bonus-malus', '-100.00'],
    ]);
    expect(costs.total).toBe('10300.00');
    expect(costs.occurrenceFees).toEqual([
      {
        label: 'Prüfung Aufzug durch ZÜS — Hauptprüfung',
        count: 1,
        unitFee: '400.00',
        amount: '400.00',
        occurrenceIds: ['e1'],
      },
    ]);
    expect(kpis.frozenAt).toBe('2027-01-01T00:00:00.000Z');
    expect(costs.frozenAt).toBe('2027-01-01T00:00:00.000Z');
  });

  it('a running month counts the occurrences due up to today; a month ahead has nothing due', () => {
    // computed on 15 November: e1 (3 Nov), e2 (10 Nov) and s1 (5 Nov) are due so far; s2 (20 Nov) is not yet
    const running = explainRollup(
      computeRollup({ ...maintained, asOfMs: Date.parse('2026-11-15T12:00:00Z'), frozenAt: null }),
    );
    expect(running.kpis.maintenanceCompliance?.total).toMatchObject({ due: 3, onTime: 2, late: 1, percent: '66.67' });
    expect(running.kpis.notes).toContain(
      'Laufender Zeitraum: Prüfcompliance der Fälligkeiten bis 15.11.2026, ohne die noch in ihrer Toleranz offenen',
    );
    // s2 (target = on-time limit 20 Nov, not done): not counted on its day, open from the day after
    const onItsDay = computeRollup({ ...maintained, asOfMs: Date.parse('2026-11-20T12:00:00Z'), frozenAt: null });
    expect(onItsDay.kpis.maintenanceCompliance?.total).toMatchObject({ due: 3, open: 0 });
    const dayAfter = computeRollup({ ...maintained, asOfMs: Date.parse('2026-11-21T12:00:00Z'), frozenAt: null });
    expect(dayAfter.kpis.maintenanceCompliance?.total).toMatchObject({ due: 4, open: 1, percent: '50.00' });
    const ahead = explainRollup(
      computeRollup({ ...maintained, asOfMs: Date.parse('2026-10-20T12:00:00Z'), frozenAt: null }),
    );
    expect(ahead.kpis.maintenanceCompliance?.total).toMatchObject({ due: 0, percent: null });
    expect(ahead.kpis.bonusMalus.skipped).toEqual([
      { kpi: 'inspection-compliance', reason: 'keine Fälligkeit im Zeitraum' },
    ]);
  });

  it('a quarter sums its months, a frozen month as it was frozen', () => {
    // October was frozen with its one occurrence missed (0 of 1); it has been marked done on time since (o10).
    const octoberFrozen = computeCompliance(
      [{ ...occ('o10', '2026-10-12'), legalLatest: '2026-10-31' }],
      { from: '2026-10-01', to: '2026-10-31' },
      '2026-12-01',
    );
    const q4 = explainRollup(
      computeRollup({
        ...maintained,
        period: parseKpiPeriod('2026-Q4', 'Europe/Berlin'),
        maintenance: {
          ...maintained.maintenance,
          occurrences: [
            { ...occ('o10', '2026-10-12', '2026-10-12'), legalLatest: '2026-10-31' },
            ...maintained.maintenance.occurrences,
          ],
          frozenMonths: new Map([['2026-10', octoberFrozen]]),
        },
      }),
    );
    // October 0 of 1 (frozen) + November 2 of 4 + December nothing due = 2 of 5 = 40.00 %
    expect(q4.kpis.maintenanceCompliance?.total).toMatchObject({
      due: 5,
      onTime: 2,
      missed: 2,
      late: 1,
      percent: '40.00',
    });
    expect(q4.kpis.maintenanceCompliance?.total.derivation.slice(0, 3)).toEqual([
      '2026-10 (eingefroren): 0 von 1 fristgerecht',
      '2026-11: 2 von 4 fristgerecht',
      '2026-12: 0 von 0 fristgerecht',
    ]);
  });

  it('without requirements: no compliance, the rule skipped with the reason, a note', () => {
    const { kpis } = explainRollup(
      computeRollup({ ...maintained, maintenance: { ...maintained.maintenance, requirements: 0 } }),
    );
    expect(kpis.maintenanceCompliance).toBeNull();
    expect(kpis.bonusMalus.skipped).toEqual([
      { kpi: 'inspection-compliance', reason: 'keine Wartungs- oder Prüfpläne am Vertrag' },
    ]);
    expect(kpis.notes).toContain('Keine Wartungs- oder Prüfpläne am Vertrag: keine Prüfcompliance');
  });
});
