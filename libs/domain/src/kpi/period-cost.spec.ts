import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SERVICE_REPORT_CHOICES, parsePriceList } from '../billing';
import { parseContractCalculation } from '../contract/contract.parser';
import {
  billedOccurrenceFees,
  computeContractPeriodCost,
  inspectionBandViews,
  periodEffort,
  priceBillableTickets,
  type BilledOccurrence,
} from './period-cost';

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
    site: { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BY', distanceKm: null, travelZone: null },
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

  // Seed 003's call-out as an out-of-scope repair (Wed 09:00–10:10, inside the Mon–Thu 07:00–17:00 waiver
  // window): the order fee is charged — the waiver is for maintenance work — and the report's choices count.
  const seed003 = parsePriceList(
    JSON.parse(
      readFileSync(
        path.join(__dirname, '../../../demo-data/data/price-lists/seed-003-service-price-list.json'),
        'utf8',
      ),
    ),
  );
  const callOut = {
    ...ticket,
    site: { ...ticket.site, distanceKm: '20', travelZone: null },
    work: [
      {
        workerId: 'w',
        roleId: 'service-technician',
        kind: 'travel' as const,
        start: '2026-03-11T08:00:00Z',
        end: '2026-03-11T08:20:00Z',
      },
      {
        workerId: 'w',
        roleId: 'service-technician',
        kind: 'on-site' as const,
        start: '2026-03-11T08:20:00Z',
        end: '2026-03-11T08:55:00Z',
      },
      {
        workerId: 'w',
        roleId: 'service-technician',
        kind: 'travel' as const,
        start: '2026-03-11T08:55:00Z',
        end: '2026-03-11T09:10:00Z',
      },
    ],
  };
  it('charges the order fee on an out-of-scope repair and applies the report’s choices: 197.45', () => {
    const plain = priceBillableTickets([callOut], seed003);
    expect(plain.serviceReports[0]?.lines.find((l) => l.key === 'fee/order-flat')?.amount).toBe('28.70');
    expect(plain.serviceReports[0]?.net).toBe('182.45'); // 123.75 + 28.70 + 30.00
    const chosen = priceBillableTickets(
      [{ ...callOut, choices: { ...DEFAULT_SERVICE_REPORT_CHOICES, smallMaterial: true } }],
      seed003,
    );
    expect(chosen.serviceReports[0]?.net).toBe('197.45');
  });

  it('lists a report the price list cannot price with the field that stops it', () => {
    const r = priceBillableTickets(
      [{ ...callOut, work: callOut.work.map((w) => ({ ...w, roleId: 'astronaut' })) }],
      seed003,
    );
    expect(r.serviceReports[0]).toMatchObject({
      net: '0.00',
      billable: false,
      error: expect.stringContaining('astronaut'),
    });
    expect(r.notes).toEqual(['Ticket 2026-000009: Leistungsnachweis nicht bepreisbar']);
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

describe('billed occurrence fees in the period cost (seed 001)', () => {
  // Seed 001, scenario A: statutory inspections by the approved body 400 €/lift/year "im Mittel"; a lift has one
  // inspection a year (main every 2 years, intermediate half-way), so the requirement's fee is 400.00 per
  // completed occurrence. The flat fee of the demo contract (2 lifts) excludes them: 4,990 − 2 × 400 = 4,190.
  const zues = (id: string, kind: BilledOccurrence['kind'], asset: string, on: string): BilledOccurrence => ({
    occurrenceId: id,
    requirementId: 'r-zues',
    title: 'Prüfung Aufzug durch ZÜS',
    kind,
    assetCode: asset,
    completedOn: on,
    fee: '400.00',
  });

  it('groups by requirement, kind and fee; each item is count × fee, exactly', () => {
    const items = billedOccurrenceFees([
      zues('o2', 'intermediate', 'PA-P-2', '2026-09-14'),
      zues('o1', 'main', 'PA-P-1', '2026-09-03'),
      { ...zues('o3', 'regular', 'NGD-CAM-1', '2026-09-30'), title: 'Linsenreinigung Kamera', fee: '30' },
      { ...zues('o4', 'regular', 'NGD-CAM-2', '2026-09-29'), title: 'Linsenreinigung Kamera', fee: '30.00' },
    ]);
    expect(items).toEqual([
      // 2 × 30.00 = 60.00, ordered by completion date
      { label: 'Linsenreinigung Kamera', count: 2, unitFee: '30.00', amount: '60.00', occurrenceIds: ['o4', 'o3'] },
      {
        label: 'Prüfung Aufzug durch ZÜS — Hauptprüfung',
        count: 1,
        unitFee: '400.00',
        amount: '400.00',
        occurrenceIds: ['o1'],
      },
      {
        label: 'Prüfung Aufzug durch ZÜS — Zwischenprüfung',
        count: 1,
        unitFee: '400.00',
        amount: '400.00',
        occurrenceIds: ['o2'],
      },
    ]);
  });

  it('September: flat fee 4,190 × 1/12 = 349.17 + inspections 2 × 400 = 800.00 → 1,149.17', () => {
    const cost = computeContractPeriodCost({
      contract: { id: 'c', name: 'Parkblick', annualVolume: '4190.00', internalCostRates: undefined },
      period: { from: '2026-09-01', to: '2026-10-01' },
      serviceReports: [],
      occurrenceFees: billedOccurrenceFees([
        zues('o1', 'main', 'PA-P-1', '2026-09-03'),
        zues('o2', 'main', 'PA-P-2', '2026-09-10'),
      ]),
    });
    expect(cost.lines).toEqual([
      { id: 'flat-fees', amount: '349.17', derivation: 'Pauschale 4.190,00 €/Jahr × 1/12 Jahr = 349,17 €' },
      {
        id: 'inspections',
        amount: '800.00',
        derivation: 'Prüfung Aufzug durch ZÜS — Hauptprüfung: 2 × 400,00 € = 800,00 €',
      },
    ]);
    expect(cost.total).toBe('1149.17');
  });

  it('a year of the 2 lifts: 4,190.00 + 2 × 400.00 = 4,990.00 (the seed figure 14,970 / 6 × 2)', () => {
    const cost = computeContractPeriodCost({
      contract: { id: 'c', name: 'Parkblick', annualVolume: '4190.00', internalCostRates: undefined },
      period: { from: '2026-01-01', to: '2027-01-01' },
      serviceReports: [],
      occurrenceFees: billedOccurrenceFees([
        zues('o1', 'main', 'PA-P-1', '2026-03-03'),
        zues('o2', 'intermediate', 'PA-P-2', '2026-09-10'),
      ]),
    });
    expect(cost.total).toBe('4990.00');
  });

  it('without billed occurrences there is no inspection line', () => {
    const cost = computeContractPeriodCost({
      contract: { id: 'c', name: 'Parkblick', annualVolume: '4190.00', internalCostRates: undefined },
      period: { from: '2026-09-01', to: '2026-10-01' },
      serviceReports: [],
      occurrenceFees: [],
    });
    expect(cost.lines.map((l) => l.id)).toEqual(['flat-fees']);
  });

  it('the inspection band of seed 001 for 2 lifts: stated 300–550 €/lift/year vs 250–400 € from the cycles, both shown', () => {
    const file = path.join(__dirname, '../../../demo-data/data/contracts/seed-001-elevators.json');
    const calc = parseContractCalculation(JSON.parse(readFileSync(file, 'utf8')));
    const [band] = inspectionBandViews(calc, 2);
    expect(band).toMatchObject({
      id: 'zues-inspections',
      assets: 2,
      statedPerAssetYear: { min: '300.00', max: '550.00' },
      // main every 24 months 200–300 → 100–150 €/a; intermediate every 12 months 150–250 €/a → 250–400 €/a
      computedPerAssetYear: { min: '250.00', max: '400.00' },
      statedYear: { min: '600.00', max: '1100.00' }, // 2 × 300, 2 × 550
      computedYear: { min: '500.00', max: '800.00' }, // 2 × 250, 2 × 400
    });
    expect(band?.derivation).toEqual([
      'Hauptprüfung alle 24 Monate 200,00 € – 300,00 € → 100,00 € – 150,00 € je Anlage und Jahr',
      'Zwischenprüfung alle 12 Monate 150,00 € – 250,00 € → 150,00 € – 250,00 € je Anlage und Jahr',
      'aus den Prüfzyklen 250,00 € – 400,00 € je Anlage und Jahr × 2 = 500,00 € – 800,00 €',
      'laut Quelle 300,00 € – 550,00 € je Anlage und Jahr × 2 = 600,00 € – 1.100,00 € (weicht von den Prüfzyklen ab)',
    ]);
    expect(inspectionBandViews(null, 2)).toEqual([]);
  });
});
