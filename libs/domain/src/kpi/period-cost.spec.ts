import { computeContractPeriodCost, periodEffort, priceBillableTickets } from './period-cost';

const rates = [
  { id: 'technician', label: 'Technik', hourlyCost: '45.00' },
  { id: 'engineer', label: 'Ingenieur', hourlyCost: '80.00' },
];
const h = (hours: number): number => hours * 3_600_000;

describe('periodEffort', () => {
  it.each([
    {
      name: 'role of a rate',
      msByRole: [['engineer', h(2)]],
      material: '0.00',
      hours: [{ rateId: 'engineer', hours: '2' }],
      materials: [],
    },
    {
      name: 'unknown roles go to the first rate and add up',
      msByRole: [
        ['service-technician', h(1.5)],
        ['technician', h(0.5)],
      ],
      material: '12.30',
      hours: [{ rateId: 'technician', hours: '2' }],
      materials: [{ label: 'Material (Einstandspreis)', cost: '12.30' }],
    },
    {
      name: 'hours to 6 places',
      msByRole: [['technician', 1]],
      material: '0.00',
      hours: [{ rateId: 'technician', hours: '0' }],
      materials: [],
    },
    {
      name: 'one second',
      msByRole: [['technician', 1000]],
      material: '0.00',
      hours: [{ rateId: 'technician', hours: '0.000278' }],
      materials: [],
    },
  ] as const)('$name', ({ msByRole, material, hours, materials }) => {
    const r = periodEffort(rates, new Map(msByRole), material);
    expect(r).toEqual({ effort: { hours, materials }, notes: [] });
  });

  it.each([{ rates: undefined }, { rates: [] }])('no rates ($rates): no effort and a note', ({ rates: none }) => {
    expect(periodEffort(none, new Map([['technician', h(1)]]), '0.00')).toEqual({
      notes: ['Keine internen Kostensätze im Vertrag (economics.internalCostRates): keine Marge'],
    });
  });
});

describe('priceBillableTickets', () => {
  const ticket = {
    ticketId: 'x9',
    number: '2026-000009',
    site: { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BY' },
    work: [],
    materials: [],
  };
  it.each([
    {
      name: 'no price list',
      problem: undefined,
      note: '1 Ticket(s) außerhalb des Umfangs, aber keine Preisliste am Vertrag: nicht bepreist',
    },
    {
      name: 'an invalid price list',
      problem: 'die Preisliste ist ungültig (x)',
      note: '1 Ticket(s) außerhalb des Umfangs, aber die Preisliste ist ungültig (x): nicht bepreist',
    },
  ])('$name: noted, not priced', ({ problem, note }) => {
    expect(priceBillableTickets([ticket], null, problem)).toEqual({ serviceReports: [], priced: [], notes: [note] });
  });

  it('nothing billable, no price list: no note', () => {
    expect(priceBillableTickets([], null).notes).toEqual([]);
  });
});

describe('computeContractPeriodCost', () => {
  it.each([
    // 120,000 / 12 = 10,000.00; − 175.00 malus
    { period: { from: '2026-11-01', to: '2026-12-01' }, bonusMalus: '-175.00', total: '9825.00' },
    { period: { from: '2026-01-01', to: '2027-01-01' }, bonusMalus: undefined, total: '120000.00' },
  ])('$period.from … $period.to', ({ period, bonusMalus, total }) => {
    const cost = computeContractPeriodCost({
      contract: { id: 'c1', name: 'Test', annualVolume: '120000.00', internalCostRates: undefined },
      period,
      serviceReports: [],
      ...(bonusMalus === undefined ? {} : { bonusMalus }),
    });
    expect(cost.total).toBe(total);
    expect(cost.margin).toBeUndefined();
  });

  it('with effort: the margin', () => {
    const { effort } = periodEffort(rates, new Map([['technician', h(1.5)]]), '12.30');
    const cost = computeContractPeriodCost({
      contract: { id: 'c1', name: 'Test', annualVolume: '120000.00', internalCostRates: rates },
      period: { from: '2026-11-01', to: '2026-12-01' },
      serviceReports: [],
      ...(effort === undefined ? {} : { effort }),
    });
    // 1.5 h × 45.00 = 67.50 + 12.30 = 79.80; 10,000.00 − 79.80
    expect([cost.effort?.total, cost.margin, cost.loss]).toEqual(['79.80', '9920.20', false]);
  });
});
