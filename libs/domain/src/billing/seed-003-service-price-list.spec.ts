import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DateTime } from 'luxon';
import { parsePriceList } from './price-list.parser';
import { priceServiceReport } from './service-report.pricing';
import type { ServiceReport, SiteCalendar } from './service-report.types';

// Seed 003 — "Servicepreisliste, gültig ab 01.01.2022", loaded from the same file the demo data ships.
const file = path.join(__dirname, '../../../demo-data/data/price-lists/seed-003-service-price-list.json');
const priceList = parsePriceList(JSON.parse(readFileSync(file, 'utf8')));
const site: SiteCalendar = { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BY' };

/**
 * Service technician call-out of 70 minutes starting at `from` local time:
 * travel 20 min, on site 35 min, travel back 15 min (e.g. Tue 10:00–10:20–10:55–11:10).
 */
function callOut(day: string, from: string, flags: Partial<ServiceReport['flags']> = {}): ServiceReport {
  const t0 = DateTime.fromISO(`${day}T${from}`, { zone: site.timeZone });
  const at = (min: number): string => t0.plus({ minutes: min }).toUTC().toISO() ?? '';
  return {
    orderId: `seed-003-${day}`,
    work: [
      { workerId: 'kd-1', roleId: 'service-technician', kind: 'travel', start: at(0), end: at(20) },
      { workerId: 'kd-1', roleId: 'service-technician', kind: 'on-site', start: at(20), end: at(55) },
      { workerId: 'kd-1', roleId: 'service-technician', kind: 'travel', start: at(55), end: at(70) },
    ],
    smallMaterial: true,
    travel: { method: 'distance', km: '20' },
    flags: { emergency: false, underMaintenanceContract: false, inScope: false, ...flags },
  };
}

describe('seed 003 — service price list as data', () => {
  it('holds the rates, the 30-minute increment, travel as work time and 19 % VAT', () => {
    expect(priceList.roles.map((r) => [r.id, r.hourlyRate, r.incrementMinutes])).toEqual([
      ['skilled-worker', '69.90', 30],
      ['service-technician', '82.50', 30],
    ]);
    expect(priceList.travel.countsAsWorkTime).toBe(true);
    expect(priceList.vatPercent).toBe('19');
    expect(priceList.fees.orderFlat?.amount).toBe('28.70');
    expect(priceList.fees.smallMaterialFlat?.amount).toBe('15.00');
    expect(priceList.travel.distance?.bands.map((b) => [b.fromKm, b.toKm, b.amount])).toEqual([
      ['0', '4', '0.00'],
      ['5', '15', '15.00'],
      ['16', '29', '30.00'],
      ['30', '50', '40.00'],
    ]);
  });

  it('surcharges: outside Mon–Fri 08:00–18:00 +25 %, Saturday +50 %, Sunday/holiday/night +100 %', () => {
    const bands = Object.fromEntries(priceList.timeBands.map((b) => [b.id, b.surchargePercent]));
    expect(bands).toEqual({
      regular: '0',
      'outside-hours': '25',
      saturday: '50',
      night: '100',
      sunday: '100',
      'public-holiday': '100',
    });
  });
});

describe('seed 003 — weekday call-out', () => {
  // service technician, Tuesday 10:00–11:10 (70 min incl. travel), 20 km, small material
  const result = priceServiceReport(callOut('2024-03-12', '10:00'), priceList, site);

  it('bills 70 minutes as 3 started half hours: 3 × 0.5 h × 82.50 = 123.75', () => {
    const labour = result.lines.filter((l) => l.category === 'labour');
    expect(labour).toHaveLength(1);
    expect(labour[0]).toMatchObject({
      quantity: '3',
      unit: '½ h',
      unitPrice: '41.25', // 82.50 / 2
      surchargePercent: '0',
      amount: '123.75', // 3 × 41.25
      explanation: '3 × ½ h Kundendiensttechniker Di 10:00–11:10 à 82,50 €',
    });
  });

  it('adds order flat 28.70, small material 15.00 and the 16–29 km vehicle charge 30.00: net 197.45', () => {
    expect(result.subtotals).toMatchObject({ labour: '123.75', fee: '43.70', travel: '30.00' });
    // 123.75 + 28.70 + 15.00 + 30.00 = 197.45
    expect(result.net).toBe('197.45');
  });

  it('VAT 19 % of 197.45 = 37.5155 → 37.52 (half-up), gross 234.97', () => {
    expect(result.vat).toBe('37.52');
    expect(result.gross).toBe('234.97'); // 197.45 + 37.52
  });
});

describe('seed 003 — contract work', () => {
  it('waives the order flat fee for maintenance-contract work on Wednesday 09:00 (inside Mon–Thu 07:00–17:00)', () => {
    // Wednesday 2024-03-13, 09:00–10:10 local
    const result = priceServiceReport(
      callOut('2024-03-13', '09:00', { underMaintenanceContract: true }),
      priceList,
      site,
    );
    const fee = result.lines.find((l) => l.key === 'fee/order-flat');
    expect(fee?.amount).toBe('0.00');
    expect(fee?.explanation).toBe('Auftragspauschale entfällt (Wartungsvertrag, Arbeiten Mo–Do 07:00–17:00)');
    // 123.75 + 0.00 + 15.00 + 30.00 = 168.75
    expect(result.net).toBe('168.75');
  });

  it('still charges the order flat fee for contract work on a Friday (outside Mon–Thu)', () => {
    const result = priceServiceReport(
      callOut('2024-03-15', '09:00', { underMaintenanceContract: true }),
      priceList,
      site,
    );
    expect(result.lines.find((l) => l.key === 'fee/order-flat')?.amount).toBe('28.70');
  });

  it('still charges the order flat fee for contract work that ends after 17:00 (Wed 16:30–17:40)', () => {
    const result = priceServiceReport(
      callOut('2024-03-13', '16:30', { underMaintenanceContract: true }),
      priceList,
      site,
    );
    expect(result.lines.find((l) => l.key === 'fee/order-flat')?.amount).toBe('28.70');
  });

  it('still charges the order flat fee for work without a maintenance contract on Wednesday', () => {
    const result = priceServiceReport(callOut('2024-03-13', '09:00'), priceList, site);
    expect(result.lines.find((l) => l.key === 'fee/order-flat')?.amount).toBe('28.70');
  });
});
