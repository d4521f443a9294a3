import type { ContractView, CostView, KpiView } from '@leitstand/api-contracts';

/** Test data in the API's shapes (October 2026 of the KPI integration test's contract). */
const META = {
  contractId: 'c-1',
  contractName: 'Technischer Gesamtservice',
  tenantId: 't-1',
  period: {
    key: '2026-10',
    kind: 'month' as const,
    from: '2026-10-01',
    to: '2026-11-01',
    timezone: 'Europe/Berlin',
    measuredUntil: '2026-10-31T23:00:00.000Z',
  },
  term: { startsOn: '2026-01-01', endsOn: null, coverage: 'full' as const },
  computedAt: '2026-11-01T01:30:00.000Z',
  notes: ['energy-vs-target: nicht gemessen'],
};

export const KPI_FIXTURE: KpiView = {
  ...META,
  availability: {
    basis: '24-7',
    method: 'EN 13306',
    contract: {
      assets: 3,
      basisMinutes: '134100',
      downtimeMinutes: '480',
      availability: '0.996421',
      availabilityPercent: '99.6421',
    },
    classes: [
      {
        assetClass: 'A',
        assets: 2,
        basisMinutes: '89400',
        downtimeMinutes: '480',
        availability: '0.994631',
        availabilityPercent: '99.4631',
        target: '0.995',
        allowedDowntimeMinutes: '447',
        targetMet: false,
        mttrMinutes: '165',
        mtbfMinutes: '29640',
        repairs: 4,
        failures: 3,
      },
      {
        assetClass: 'C',
        assets: 1,
        basisMinutes: '44700',
        downtimeMinutes: '0',
        availability: '1',
        availabilityPercent: '100',
        mttrMinutes: null,
        mtbfMinutes: null,
        repairs: 0,
        failures: 0,
      },
    ],
    assets: [
      {
        assetId: 'a-1',
        code: 'A-01',
        assetClass: 'A',
        basisMinutes: '44700',
        downtimeMinutes: '180',
        availability: '0.995973',
        availabilityPercent: '99.5973',
        target: '0.995',
        targetMet: true,
        downtime: [],
        mttrMinutes: '120',
        mtbfMinutes: '22260',
        repairs: ['2026-900001', '2026-900002'],
        failures: ['2026-900001', '2026-900002'],
      },
    ],
  },
  slaCompliance: {
    method: 'met / (met + breached)',
    cells: [
      {
        priority: 'A',
        clock: 'response',
        met: 2,
        breached: 0,
        compliance: '1',
        breachedTicketIds: [],
        breachedTickets: [],
      },
      {
        priority: 'A',
        clock: 'restore',
        met: 2,
        breached: 1,
        compliance: '0.666667',
        breachedTicketIds: ['x'],
        breachedTickets: ['2026-900001'],
      },
    ],
    overall: { met: 4, breached: 1, compliance: '0.8' },
  },
  bonusMalus: {
    kpiValues: { 'availability-a': '99.4631' },
    skipped: [{ kpi: 'energy-vs-target', reason: 'nicht gemessen' }],
    result: {
      periodVolume: '10000.00',
      kpis: [
        {
          kpi: 'availability-a',
          label: 'Verfügbarkeit Klasse A',
          value: '99.4631',
          percentOfVolume: '-0.05535',
          amount: '-5.54',
          derivation: 'linear: 98,5 → −1,5 %; 99,5 → 0 %',
        },
      ],
      uncapped: '-5.54',
      cap: '500.00',
      capped: false,
      amount: '-5.54',
      derivation: 'Summe −5,54 €',
    },
  },
};

export const COST_FIXTURE: CostView = {
  ...META,
  periodFraction: '0.083333',
  lines: [
    { id: 'flat-fees', amount: '10000.00', derivation: '120.000,00 € × 1/12' },
    { id: 'out-of-scope-work', amount: '143.75', derivation: '1 Servicebericht' },
    { id: 'inspections', amount: '0.00', derivation: 'nicht modelliert' },
    { id: 'bonus-malus', amount: '-5.54', derivation: 'Malus' },
  ],
  total: '10138.21',
  serviceReports: [],
  effort: { labour: '97.50', materials: '20.00', total: '117.50', derivation: ['2,17 h × 45,00 €'] },
  margin: '10020.71',
  marginPercent: '98.84',
  loss: false,
};

export function contractFixture(
  id: string,
  name: string,
  term: Partial<Pick<ContractView, 'startsOn' | 'endsOn'>> = {},
): ContractView {
  return { id, name, ...term } as ContractView;
}

/** A period outside the contract's term as the API answers it: no figures (see ContractTermView). */
export function noFiguresFixture(period: string, term: { startsOn: string; endsOn: string | null }) {
  const meta = {
    ...META,
    notes: [],
    period: { ...META.period, key: period },
    term: { ...term, coverage: 'none' as const },
  };
  const kpis: KpiView = {
    ...meta,
    availability: {
      basis: '24-7',
      method: '',
      contract: { assets: 0, basisMinutes: '0', downtimeMinutes: '0', availability: null, availabilityPercent: null },
      classes: [],
      assets: [],
    },
    slaCompliance: { method: '', cells: [], overall: { met: 0, breached: 0, compliance: null } },
    bonusMalus: { kpiValues: {}, skipped: [], result: null },
  };
  const costs: CostView = {
    ...meta,
    periodFraction: '0',
    lines: [],
    total: '0.00',
    serviceReports: [],
    effort: null,
    margin: null,
    marginPercent: null,
    loss: null,
  };
  return { kpis, costs };
}
