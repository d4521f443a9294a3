import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DateTime } from 'luxon';
import { PriceListInvalidError } from './price-list.errors';
import { parsePriceList } from './price-list.parser';
import { priceServiceReport } from './service-report.pricing';
import type { ServiceReport, SiteCalendar } from './service-report.types';
import { grossFromNet, priceMaterialUnit } from './unit-pricing';

// Seed 004 — ITK service price list (flat items, time bands, zones), from the demo-data file.
const file = path.join(__dirname, '../../../demo-data/data/price-lists/seed-004-itk-service-price-list.json');
const rawJson = (): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const priceList = parsePriceList(rawJson());
// The provider sits near Calw (Zone 0: Lützenhardt, Sommenhardt, Zavelstein): Baden-Württemberg.
const site: SiteCalendar = { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BW' };

function serviceReport(
  roleId: string,
  day: string,
  from: string,
  to: string,
  flags: Partial<ServiceReport['flags']> = {},
): ServiceReport {
  const utc = (hhmm: string): string =>
    DateTime.fromISO(`${day}T${hhmm}`, { zone: site.timeZone }).toUTC().toISO() ?? '';
  return {
    orderId: `seed-004-${day}`,
    work: [{ workerId: 'st-1', roleId, kind: 'on-site', start: utc(from), end: utc(to) }],
    flags: { emergency: false, underMaintenanceContract: false, inScope: false, ...flags },
  };
}

describe('seed 004 — net → gross × 1.19', () => {
  it.each([
    ['50.00', '59.50'], // 50.00 × 1.19
    ['80.00', '95.20'], // 80.00 × 1.19
    ['25.00', '29.75'], // 25.00 × 1.19
    ['100.00', '119.00'], // 100.00 × 1.19
  ])('%s net → %s gross', (net, gross) => {
    expect(grossFromNet(net, priceList.vatPercent)).toBe(gross);
  });

  it('every catalog item of the data file has net × 1.19 = its printed gross (checked on import)', () => {
    for (const item of priceList.catalog) {
      expect(grossFromNet(item.net, priceList.vatPercent)).toBe(item.gross);
    }
    expect(priceList.catalog.find((c) => c.code === '2 01 51')).toMatchObject({ net: '100.00', gross: '119.00' });
  });
});

describe('seed 004 — assembly and service rates', () => {
  it('assembly per started 30 min: trainee 28.00, skilled worker 48.00, master 52.00 €/h', () => {
    expect(
      priceList.roles.filter((r) => r.category === 'assembly').map((r) => [r.hourlyRate, r.incrementMinutes]),
    ).toEqual([
      ['28.00', 30],
      ['48.00', 30],
      ['52.00', 30],
    ]);
  });

  it('service per started 15 min: helper 28.00, service technician 52.00, service engineer 60.00 €/h', () => {
    expect(
      priceList.roles.filter((r) => r.category === 'service').map((r) => [r.hourlyRate, r.incrementMinutes]),
    ).toEqual([
      ['28.00', 15],
      ['52.00', 15],
      ['60.00', 15],
    ]);
  });
});

describe('seed 004 — Saturday service', () => {
  it('service technician Sat 10:00–10:50 = 4 quarter hours = 1 h × 52.00 × 1.25 = 65.00 net', () => {
    const result = priceServiceReport(
      serviceReport('service-technician', '2024-03-16', '10:00', '10:50'),
      priceList,
      site,
    );
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatchObject({
      quantity: '4', // ceil(50 / 15)
      unit: '¼ h',
      unitPrice: '13.00', // 52.00 / 4
      surchargePercent: '25',
      amount: '65.00', // 4 × 13.00 × 1.25
      explanation: '4 × ¼ h Servicetechniker Sa 10:00–10:50 à 52,00 € + 25 % Samstag 09:00–15:00',
    });
    expect(result.net).toBe('65.00');
  });
});

describe('seed 004 — evening service', () => {
  it('service technician Mon 19:00–19:20 = 2 quarter hours = 0.5 h × 52.00 × 1.5 = 39.00 net', () => {
    const result = priceServiceReport(
      serviceReport('service-technician', '2024-03-18', '19:00', '19:20'),
      priceList,
      site,
    );
    expect(result.lines[0]).toMatchObject({ quantity: '2', surchargePercent: '50', amount: '39.00' });
    expect(result.net).toBe('39.00');
  });
});

describe('seed 004 — Sunday emergency', () => {
  it('service engineer Sun 03:00–04:00 as an emergency = 1 h × 60.00 × 2.5 = 150.00 net (150 % beats the 100 % emergency surcharge)', () => {
    const report = serviceReport('service-engineer', '2024-03-17', '03:00', '04:00', { emergency: true });
    const result = priceServiceReport(report, priceList, site);
    expect(result.lines[0]).toMatchObject({
      quantity: '4',
      unitPrice: '15.00',
      surchargePercent: '150',
      amount: '150.00',
    });
    expect(result.net).toBe('150.00');
  });

  it('the emergency surcharge lifts a regular-hours call to +100 %: Tue 10:00–11:00 = 1 h × 60.00 × 2 = 120.00', () => {
    const report = serviceReport('service-engineer', '2024-03-19', '10:00', '11:00', { emergency: true });
    const line = priceServiceReport(report, priceList, site).lines[0];
    expect(line).toMatchObject({ surchargePercent: '100', amount: '120.00' });
    expect(line?.explanation).toBe('4 × ¼ h Serviceingenieur Di 10:00–11:00 à 60,00 € + 100 % Notfall');
  });
});

describe('seed 004 — material overhead tiers', () => {
  it('cheap part: unit net 0.40 € + 500 % → 2.40 €', () => {
    // 0.40 × (1 + 5.00) = 2.40
    expect(priceMaterialUnit(priceList, '0.40')).toEqual({
      netUnitPrice: '0.40',
      overheadPercent: '500',
      unitSellPrice: '2.40',
    });
  });

  it('mid part: unit net 120.00 € + 30 % → 156.00 €', () => {
    // 120.00 × 1.30 = 156.00
    expect(priceMaterialUnit(priceList, '120.00')).toEqual({
      netUnitPrice: '120.00',
      overheadPercent: '30',
      unitSellPrice: '156.00',
    });
  });

  it('tier edges: 20.00 → 50 %, 20.01 → 40 % (corrected gap), 400.00 → 25 %, 400.01 → 20 %', () => {
    expect(priceMaterialUnit(priceList, '20.00').unitSellPrice).toBe('30.00'); // 20.00 × 1.5
    expect(priceMaterialUnit(priceList, '20.01').unitSellPrice).toBe('28.01'); // 20.01 × 1.4 = 28.014
    expect(priceMaterialUnit(priceList, '20.50').unitSellPrice).toBe('28.70'); // 20.50 × 1.4
    expect(priceMaterialUnit(priceList, '400.00').unitSellPrice).toBe('500.00'); // 400.00 × 1.25
    expect(priceMaterialUnit(priceList, '400.01').unitSellPrice).toBe('480.01'); // 400.01 × 1.2 = 480.012
  });

  it('the raw seed table (21.01–50.00 € → 40 %, nothing for 20.01–21.00 €) is rejected with the gap and how to fix it', () => {
    const raw = rawJson() as { material: { overheadTiers: { fromPrice: string }[] } };
    const tier = raw.material.overheadTiers[7];
    if (tier === undefined) {
      throw new Error('fixture: tier 7 missing');
    }
    tier.fromPrice = '21.01'; // as printed in seed 004
    let error: unknown;
    try {
      parsePriceList(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PriceListInvalidError);
    const issues = (error as PriceListInvalidError).issues;
    expect(issues).toEqual([
      {
        path: 'material.overheadTiers[7].fromPrice',
        message: 'gap: 20.01–21.00 € is not covered by any tier (tier 6 ends at 20.00 €, tier 7 starts at 21.01 €)',
        hint:
          'set material.overheadTiers[7].fromPrice to "20.01", or set material.overheadTiers[6].toPrice to "21.00", ' +
          'or insert a tier 20.01–21.00 € with its own value',
      },
    ]);
    expect((error as Error).message).toContain('material.overheadTiers[7].fromPrice: gap: 20.01–21.00 €');
  });
});
