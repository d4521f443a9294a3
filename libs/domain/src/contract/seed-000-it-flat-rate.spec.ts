import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DateTime } from 'luxon';
import { parsePriceList } from '../billing/price-list.parser';
import { priceServiceReport } from '../billing/service-report.pricing';
import type { ServiceReport } from '../billing/service-report.types';
import { computeContractVolume } from './contract-volume.calculator';
import { parseContractCalculation } from './contract.parser';
import { computeMonthlyMargins, computePeriodCost } from './period-cost.calculator';

// Seed 000 — IT flat-rate contract, two identical sites, 3 years, from the demo-data files.
const data = path.join(__dirname, '../../../demo-data/data');
const calc = parseContractCalculation(
  JSON.parse(readFileSync(path.join(data, 'contracts/seed-000-it-flat-rate.json'), 'utf8')),
);
const priceList = parsePriceList(
  JSON.parse(readFileSync(path.join(data, 'price-lists/seed-004-itk-service-price-list.json'), 'utf8')),
);

describe('seed 000 — defined-task pricing', () => {
  it('8 cameras lens cleaning monthly = 4 h at 70 €/h = 280 €/month list; 240 €/month under contract', () => {
    const v = computeContractVolume(calc, 'defined-task');
    const line = v.lines[0];
    expect(line?.perPeriod).toEqual({ amount: '240.00', per: 'month' });
    expect(line?.listAnnual).toBe('3360.00'); // 12 × 280.00 (4 × 70.00)
    expect(v.annualTotal).toBe('2880.00'); // 12 × 240.00
    expect(line?.derivation).toBe(
      'Listenpreis 4 h × 70,00 € = 280,00 €/Monat; im Vertrag 240,00 €/Monat → 2.880,00 €/Jahr',
    );
  });
});

describe('seed 000 — modular offer', () => {
  const v = computeContractVolume(calc, 'modular');

  it('monitoring 1 h/month × 50 € + updates 5 h/month × 100 € = 550 €/month', () => {
    const monthly = v.lines.filter((l) => l.group === 'monthly-services').map((l) => l.perPeriod?.amount);
    expect(monthly).toEqual(['50.00', '500.00']);
    expect(v.groupTotals.find((g) => g.group === 'monthly-services')?.annual).toBe('6600.00'); // 12 × 550.00
  });

  it('+ cleaning per device: 3 € × 16 devices + 5 € × 4 PCs = 68 €/year', () => {
    // devices: 2 NAS + 8 cameras + 4 printers + 2 routers = 16; PCs: 4 workstations
    expect(v.lines.find((l) => l.id === 'cleaning-devices')?.annual).toBe('48.00');
    expect(v.lines.find((l) => l.id === 'cleaning-pcs')?.annual).toBe('20.00');
    expect(v.annualTotal).toBe('6668.00'); // 6,600 + 48 + 20
  });
});

describe('seed 000 — risk month', () => {
  const months = computeMonthlyMargins(calc);

  it('shows revenue vs effort per month: February (GPU + NAS disk ≈ 1,000 €) is a loss', () => {
    // revenue: 6,668.00 × 1/12 = 555.666… → 555.67; effort: 6 h × 45.00 = 270.00 (+ 1,000.00 parts in February)
    expect(months.map((m) => [m.month, m.total, m.effort?.total, m.margin, m.loss])).toEqual([
      ['2026-01', '555.67', '270.00', '285.67', false],
      ['2026-02', '555.67', '1270.00', '-714.33', true],
      ['2026-03', '555.67', '270.00', '285.67', false],
    ]);
    expect(months[0]?.marginPercent).toBe('51.41'); // 285.67 / 555.67
  });

  it('explains the effort of the risk month', () => {
    expect(months[1]?.effort?.derivation).toEqual([
      '6 h × 45,00 € eigene Technikerstunde (Annahme) = 270,00 €',
      'Quadro-Grafikkarte (Workstation) 650,00 €',
      'NAS-Festplatte 350,00 €',
    ]);
  });
});

describe('seed 000 — scope', () => {
  const site = { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BW' };
  const utc = (local: string): string => DateTime.fromISO(local, { zone: site.timeZone }).toUTC().toISO() ?? '';
  const ticket = (orderId: string, inScope: boolean): ServiceReport => ({
    orderId,
    work: [
      {
        workerId: 'it-1',
        roleId: 'service-technician',
        kind: 'on-site',
        start: utc('2026-02-10T10:00'),
        end: utc('2026-02-10T10:25'),
      },
    ],
    travel: { method: 'zone', zoneId: '1' },
    flags: { emergency: false, underMaintenanceContract: true, inScope },
  });

  it('lists user errors, paper jams and wilful damage as out of scope, priced by the seed 004 list', () => {
    expect(calc.scope?.outOfScope.map((s) => s.id)).toEqual(['user-error', 'paper-jam', 'wilful-damage']);
    expect(calc.scope?.outOfScopePriceListId).toBe(priceList.id);
  });

  it('tickets flagged out of scope are billed by the price list; in-scope tickets are covered by the flat fee', () => {
    // "y and z swapped on the keyboard": 25 min → 2 × ¼ h × 52.00 = 26.00 + zone 1 12.00 = 38.00 net
    const userError = priceServiceReport(ticket('T-1001', false), priceList, site);
    expect(userError).toMatchObject({ net: '38.00', billable: true });
    const nasFault = priceServiceReport(ticket('T-1002', true), priceList, site);
    expect(nasFault.billable).toBe(false);

    const feb = computePeriodCost({
      calculation: calc,
      variantId: 'modular',
      period: { from: '2026-02-01', to: '2026-03-01' },
      serviceReports: [userError, nasFault],
    });
    expect(feb.lines.map((l) => [l.id, l.amount])).toEqual([
      ['flat-fees', '555.67'],
      ['out-of-scope-work', '38.00'],
    ]);
    expect(feb.total).toBe('593.67'); // 555.67 + 38.00
    // The pro-rata share reads as a fraction, not as 0.08333… with 34 digits.
    expect(feb.lines[0]?.derivation).toBe('Pauschale 6.668,00 €/Jahr × 1/12 Jahr = 555,67 €');
    const days = computePeriodCost({
      calculation: calc,
      variantId: 'modular',
      period: { from: '2026-02-10', to: '2026-03-01' },
    });
    expect(days.lines[0]?.derivation).toMatch(/ × 19\/365 Jahr = /);
  });
});
