// Benchmark: price typical service reports (3 workers, 2 band crossings, 5 materials) on one core.
// Run: npx tsx libs/domain/bench/billing.bench.ts
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Bench } from 'tinybench';
import { parsePriceList, priceServiceReport } from '../src/billing';
import type { ServiceReport } from '../src/billing';

const priceList = parsePriceList(
  JSON.parse(
    readFileSync(path.join(__dirname, '../../demo-data/data/price-lists/seed-004-itk-service-price-list.json'), 'utf8'),
  ),
);
const site = { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BW' };

// Monday 2024-03-18 (CET = UTC+1). Worker 1 crosses 18:00 (regular → early/late shift),
// worker 2 crosses 21:00 (early/late → night): two band crossings; worker 3 stays in regular hours.
function report(i: number): ServiceReport {
  const minute = String(10 + (i % 40));
  return {
    orderId: `bench-${i}`,
    work: [
      {
        workerId: 'w1',
        roleId: 'service-technician',
        kind: 'travel',
        start: '2024-03-18T15:30:00Z',
        end: '2024-03-18T16:00:00Z',
      },
      {
        workerId: 'w1',
        roleId: 'service-technician',
        kind: 'on-site',
        start: '2024-03-18T16:00:00Z',
        end: `2024-03-18T17:${minute}:00Z`,
      },
      {
        workerId: 'w2',
        roleId: 'service-engineer',
        kind: 'on-site',
        start: '2024-03-18T19:15:00Z',
        end: `2024-03-18T20:${minute}:00Z`,
      },
      {
        workerId: 'w3',
        roleId: 'assembly-skilled-worker',
        kind: 'on-site',
        start: '2024-03-18T09:00:00Z',
        end: `2024-03-18T11:${minute}:00Z`,
      },
    ],
    materials: [
      { description: 'Dübel', netUnitPrice: '0.40', quantity: '12' },
      { description: 'TAE-Dose', netUnitPrice: '4.90', quantity: '2' },
      { description: 'Patchkabel', netUnitPrice: '20.50', quantity: '3' },
      { description: 'Switch', netUnitPrice: '120.00', quantity: '1' },
      { description: 'Installationskabel', netUnitPrice: '0.85', quantity: '25.5', unit: 'm' },
    ],
    smallMaterial: true,
    travel: { method: 'zone', zoneId: '2' },
    discounts: ['cash'],
    flags: { emergency: false, underMaintenanceContract: false, inScope: false },
  };
}

const reports = Array.from({ length: 1000 }, (_, i) => report(i));
const sample = priceServiceReport(reports[0] as ServiceReport, priceList, site);
if (sample.lines.filter((l) => l.category === 'labour').length !== 5) {
  throw new Error(
    `expected 5 labour lines (3 workers, 2 band crossings), got ${sample.lines.filter((l) => l.category === 'labour').length}`,
  );
}

async function main(): Promise<void> {
  let n = 0;
  const bench = new Bench({ time: 2000, warmupTime: 500 });
  bench.add('billing.priceServiceReport', () => {
    priceServiceReport(reports[n % reports.length] as ServiceReport, priceList, site);
    n += 1;
  });
  await bench.run();
  for (const task of bench.tasks) {
    const result = task.result as { latency?: { mean?: number }; mean?: number } | undefined;
    const meanMs = result?.latency?.mean ?? result?.mean ?? Number.NaN;
    const perSecond = Math.round(1000 / meanMs);
    process.stdout.write(
      `${task.name}: ${perSecond.toLocaleString('en-US')} reports/s (mean ${(meanMs * 1000).toFixed(1)} µs)\n`,
    );
  }
  process.stdout.write(
    `sample: ${sample.lines.length} lines, net ${sample.net}, VAT ${sample.vat}, gross ${sample.gross}\n`,
  );
}

void main();
