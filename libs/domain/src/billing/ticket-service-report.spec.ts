import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DateTime } from 'luxon';
import { parsePriceList } from './price-list.parser';
import type { PriceList } from './price-list.types';
import {
  DEFAULT_SERVICE_REPORT_CHOICES,
  priceListVersionOn,
  ticketServiceReport,
  travelInputFor,
  workDateOf,
} from './ticket-service-report';
import type { ServiceReportChoices, TicketBillingFacts } from './ticket-service-report';

const load = (name: string): PriceList =>
  parsePriceList(
    JSON.parse(readFileSync(path.join(__dirname, `../../../demo-data/data/price-lists/${name}.json`), 'utf8')),
  );
const seed003 = load('seed-003-service-price-list');
const seed004 = load('seed-004-itk-service-price-list');
const zone = 'Europe/Berlin';
const utc = (local: string): string => DateTime.fromISO(local, { zone }).toUTC().toISO() ?? '';

/** Seed 003's call-out: travel 20 min, on site 35 min, travel back 15 min from `day` at `from`. */
function callOut(day: string, from: string, over: Partial<TicketBillingFacts> = {}): TicketBillingFacts {
  const t0 = DateTime.fromISO(`${day}T${from}`, { zone });
  const at = (min: number): string => t0.plus({ minutes: min }).toUTC().toISO() ?? '';
  return {
    ticketNumber: '2026-000042',
    hasContract: true,
    inScope: false,
    site: { timeZone: zone, holidayRegion: 'DE-BY', distanceKm: '20', travelZone: null },
    work: [
      { workerId: 'kd-1', roleId: 'service-technician', kind: 'travel', start: at(0), end: at(20) },
      { workerId: 'kd-1', roleId: 'service-technician', kind: 'on-site', start: at(20), end: at(55) },
      { workerId: 'kd-1', roleId: 'service-technician', kind: 'travel', start: at(55), end: at(70) },
    ],
    materials: [],
    ...over,
  };
}
const choose = (c: Partial<ServiceReportChoices>): ServiceReportChoices => ({
  ...DEFAULT_SERVICE_REPORT_CHOICES,
  ...c,
});
const fee = (r: ReturnType<typeof ticketServiceReport>): string | undefined =>
  r.pricing?.lines.find((l) => l.key === 'fee/order-flat')?.amount;

describe('ticketServiceReport — seed 003 through a ticket', () => {
  it('prices the weekday repair call-out: 123.75 + 28.70 + 15.00 + 30.00 = 197.45 net, 37.52 VAT, 234.97 gross', () => {
    const r = ticketServiceReport(callOut('2024-03-12', '10:00'), choose({ smallMaterial: true }), seed003);
    expect(r.problems).toEqual([]);
    expect(r.report.travel).toEqual({ method: 'distance', km: '20' });
    expect(r.pricing).toMatchObject({ net: '197.45', vat: '37.52', gross: '234.97', billable: true });
    expect(fee(r)).toBe('28.70');
  });

  it('charges the order fee for an out-of-scope repair under a contract even in the waiver window (Wed 09:00)', () => {
    const r = ticketServiceReport(callOut('2024-03-13', '09:00'), choose({ smallMaterial: true }), seed003);
    expect(r.report.flags.underMaintenanceContract).toBe(false);
    expect(fee(r)).toBe('28.70');
  });

  it('waives it for maintenance work under the contract on Wednesday 09:00: 168.75 net', () => {
    const r = ticketServiceReport(
      callOut('2024-03-13', '09:00'),
      choose({ smallMaterial: true, workType: 'maintenance' }),
      seed003,
    );
    expect(fee(r)).toBe('0.00');
    expect(r.pricing?.net).toBe('168.75');
  });

  it('waives it for in-scope work, which is priced but covered by the flat fee', () => {
    const r = ticketServiceReport(callOut('2024-03-13', '09:00', { inScope: true }), choose({}), seed003);
    expect(fee(r)).toBe('0.00');
    expect(r.pricing?.billable).toBe(false);
  });

  it('never waives it without a contract, even for maintenance work', () => {
    const r = ticketServiceReport(
      callOut('2024-03-13', '09:00', { hasContract: false }),
      choose({ workType: 'maintenance' }),
      seed003,
    );
    expect(fee(r)).toBe('28.70');
  });
});

describe('ticketServiceReport — seed 004 through a ticket', () => {
  const facts = (
    roleId: string,
    from: string,
    to: string,
    over: Partial<TicketBillingFacts> = {},
  ): TicketBillingFacts => ({
    ticketNumber: '2026-000043',
    hasContract: true,
    inScope: false,
    site: { timeZone: zone, holidayRegion: 'DE-BW', distanceKm: null, travelZone: null },
    work: [{ workerId: 'st-1', roleId, kind: 'on-site', start: utc(from), end: utc(to) }],
    materials: [],
    ...over,
  });
  const labour = (r: ReturnType<typeof ticketServiceReport>): string | undefined => r.pricing?.subtotals.labour;

  it('Saturday 10:00–10:50 service technician: 65.00; Monday 19:00–19:20: 39.00', () => {
    expect(
      labour(
        ticketServiceReport(facts('service-technician', '2026-03-14T10:00', '2026-03-14T10:50'), choose({}), seed004),
      ),
    ).toBe('65.00');
    expect(
      labour(
        ticketServiceReport(facts('service-technician', '2026-03-16T19:00', '2026-03-16T19:20'), choose({}), seed004),
      ),
    ).toBe('39.00');
  });

  it('Sunday emergency 03:00–04:00 service engineer: 150.00 (emergency flag from the report)', () => {
    const r = ticketServiceReport(
      facts('service-engineer', '2026-03-15T03:00', '2026-03-15T04:00'),
      choose({ emergency: true }),
      seed004,
    );
    expect(labour(r)).toBe('150.00');
  });

  it('material by overhead tier (0.40 → 2.40, 120.00 → 156.00), a catalogue item at its flat price, partner +10 %', () => {
    const r = ticketServiceReport(
      facts('service-technician', '2026-03-16T10:00', '2026-03-16T10:15', {
        materials: [
          { kind: 'material', description: 'Klemme', netUnitPrice: '0.40', quantity: '1', unit: 'Stk' },
          { kind: 'material', description: 'Netzteil', netUnitPrice: '120.00', quantity: '1', unit: 'Stk' },
          { kind: 'partner', description: 'Elektro Partner', netUnitPrice: '100.00', quantity: '1', unit: 'pauschal' },
        ],
      }),
      choose({ catalogItems: [{ code: '2 01 11', quantity: '1' }] }),
      seed004,
    );
    expect(r.pricing?.lines.filter((l) => l.category === 'material').map((l) => l.amount)).toEqual(['2.40', '156.00']);
    expect(r.pricing?.subtotals).toMatchObject({ catalog: '50.00', partner: '110.00' });
  });

  it('names the field of a choice the price list does not know', () => {
    const r = ticketServiceReport(
      facts('service-technician', '2026-03-16T10:00', '2026-03-16T10:15'),
      choose({ catalogItems: [{ code: '9 99 99', quantity: '1' }], discounts: ['bogus'] }),
      seed004,
    );
    expect(r.pricing).toBeNull();
    expect(r.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^catalogItems/), expect.stringMatching(/^discounts/)]),
    );
  });
});

describe('travelInputFor', () => {
  const site = { timeZone: zone, holidayRegion: 'DE-BW', distanceKm: null, travelZone: null };
  it('picks the distance band when the list has one and the site a distance', () => {
    expect(travelInputFor(seed003, { ...site, distanceKm: '12.4' }, null)).toEqual({
      travel: { method: 'distance', km: '12.4' },
    });
  });
  it('picks the zone, else logged time when travel is not work time (seed 004)', () => {
    expect(travelInputFor(seed004, { ...site, travelZone: '2' }, null)).toEqual({
      travel: { method: 'zone', zoneId: '2' },
    });
    expect(travelInputFor(seed004, site, null)).toEqual({ travel: { method: 'time' } });
  });
  it('bills no separate travel when it is work time and the site has no distance (seed 003)', () => {
    expect(travelInputFor(seed003, site, null)).toEqual({ travel: undefined });
  });
  it('names travelMethod when the chosen method lacks its figure', () => {
    expect(travelInputFor(seed004, site, 'zone').issue?.path).toBe('travelMethod');
    expect(travelInputFor(seed003, site, 'distance').issue?.message).toMatch(/distance/);
  });
});

describe('priceListVersionOn and workDateOf', () => {
  const versions = [
    { validFrom: '2022-01-01', priceList: 'v2022' },
    { validFrom: '2026-01-01', priceList: 'v2026' },
  ];
  it.each([
    ['2021-12-31', undefined],
    ['2022-01-01', 'v2022'],
    ['2025-12-31', 'v2022'],
    ['2026-01-01', 'v2026'],
  ])('on %s → %s', (date, expected) => {
    expect(priceListVersionOn(versions, date)?.priceList).toBe(expected);
  });
  it('takes the first work interval in the site zone (23:30 UTC on 31 Dec is 1 Jan in Berlin)', () => {
    const work = [
      {
        workerId: 'a',
        roleId: 'r',
        kind: 'on-site' as const,
        start: '2026-01-02T08:00:00Z',
        end: '2026-01-02T09:00:00Z',
      },
      {
        workerId: 'a',
        roleId: 'r',
        kind: 'travel' as const,
        start: '2025-12-31T23:30:00Z',
        end: '2026-01-01T00:10:00Z',
      },
    ];
    expect(workDateOf(work, zone, new Date('2020-05-05T00:00:00Z'))).toBe('2026-01-01');
    expect(workDateOf([], zone, new Date('2020-05-05T22:30:00Z'))).toBe('2020-05-06');
  });
});
