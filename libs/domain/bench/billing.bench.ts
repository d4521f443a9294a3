/**
 * Billing benchmark: price typical service reports (3 workers, 2 band crossings, 5 materials) on one core.
 * Run: npx tsx libs/domain/bench/billing.bench.ts
 *
 * Honest inputs: 1,024 different reports (seeded PRNG) on 1,024 different weekdays-and-times across two
 * years (CET and CEST, so both UTC offsets), with different durations, roles, zones, discounts, an
 * occasional emergency, and 5 materials each drawn from a pool of 64 parts with different prices, units
 * and quantities. Every report is checked before timing: exactly 5 labour lines (worker 1 crosses 18:00,
 * worker 2 crosses 21:00, worker 3 stays in regular hours) and 5 material lines.
 * Target: ≥ 50,000 reports/s with the material memo (issue 12). The wall-clock figure depends on the
 * machine's load; the per-CPU-second figure printed after it much less.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DateTime } from 'luxon';
import { Bench } from 'tinybench';
import { isPublicHoliday } from '../src/calendar';
import { parsePriceList, priceServiceReport } from '../src/billing';
import type { MaterialUse, ServiceReport } from '../src/billing';

const priceList = parsePriceList(
  JSON.parse(
    readFileSync(path.join(__dirname, '../../demo-data/data/price-lists/seed-004-itk-service-price-list.json'), 'utf8'),
  ),
);
const site = { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BW' };
const REPORTS = 1024;
const PARTS = 64;

// deterministic PRNG (mulberry32), so every run prices the same reports
let state = 0x5eed_2024;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
function pick<T>(items: readonly T[]): T {
  const item = items[int(0, items.length - 1)];
  if (item === undefined) {
    throw new Error('pick from an empty list');
  }
  return item;
}

/** A part catalogue: prices as decimal strings built from whole cents (no float ever involved). */
const parts: { description: string; netUnitPrice: string; unit: string | undefined; quantities: string[] }[] =
  Array.from({ length: PARTS }, (_, i) => {
    const cents = pick([int(5, 1_500), int(1_500, 5_000), int(5_000, 50_000), int(50_000, 250_000)]);
    const byLength = i % 4 === 0;
    return {
      description: `Teil ${String(i + 1).padStart(3, '0')}`,
      netUnitPrice: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      unit: byLength ? 'm' : undefined,
      quantities: byLength ? ['2.5', '5', '10', '12.5', '25.5', '50'] : ['1', '2', '3', '4', '6', '10', '12'],
    };
  });

/** UTC ISO instant of a local wall-clock time in the site's zone. */
function at(day: DateTime, minuteOfDay: number): string {
  return day.plus({ minutes: minuteOfDay }).toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}

function makeReport(i: number, day: DateTime): ServiceReport {
  const w1Start = int(15 * 60, 17 * 60 + 30); // regular hours …
  const w1End = int(18 * 60 + 1, 20 * 60 + 30); // … into the early/late shift
  const w2Start = int(18 * 60 + 15, 20 * 60 + 45); // early/late shift …
  const w2End = int(21 * 60 + 1, 23 * 60 + 50); // … into the night shift
  const w3Start = int(8 * 60, 11 * 60);
  const w3End = int(w3Start + 30, 17 * 60 + 55); // regular hours only
  const materials: MaterialUse[] = [];
  const used = new Set<number>();
  while (materials.length < 5) {
    const p = int(0, PARTS - 1);
    const part = parts[p];
    if (part === undefined || used.has(p)) {
      continue;
    }
    used.add(p);
    materials.push({
      description: part.description,
      netUnitPrice: part.netUnitPrice,
      quantity: pick(part.quantities),
      ...(part.unit === undefined ? {} : { unit: part.unit }),
    });
  }
  return {
    orderId: `bench-${i}`,
    work: [
      {
        workerId: 'w1',
        workerName: 'Anna Keller',
        roleId: pick(['service-technician', 'service-helper']),
        kind: 'travel',
        start: at(day, w1Start - int(15, 60)),
        end: at(day, w1Start),
      },
      {
        workerId: 'w1',
        workerName: 'Anna Keller',
        roleId: pick(['service-technician', 'service-helper']),
        kind: 'on-site',
        start: at(day, w1Start),
        end: at(day, w1End),
      },
      {
        workerId: 'w2',
        workerName: 'Bernd Roth',
        roleId: 'service-engineer',
        kind: 'on-site',
        start: at(day, w2Start),
        end: at(day, w2End),
      },
      {
        workerId: 'w3',
        workerName: 'Cem Yilmaz',
        roleId: pick(['assembly-skilled-worker', 'assembly-master', 'assembly-trainee']),
        kind: 'on-site',
        start: at(day, w3Start),
        end: at(day, w3End),
      },
    ],
    materials,
    smallMaterial: random() < 0.7,
    travel: { method: 'zone', zoneId: pick(['0', '1', '2', '3']) },
    discounts: pick([[], ['cash'], ['partner'], ['cash', 'prepayment']]),
    flags: { emergency: random() < 0.1, underMaintenanceContract: random() < 0.3, inScope: false },
  };
}

// 1,024 distinct working days (Mon–Fri, no public holiday) from 2024-01-01 on, in the site's zone
const days: DateTime[] = [];
for (let d = DateTime.fromISO('2024-01-01', { zone: site.timeZone }); days.length < REPORTS; d = d.plus({ days: 1 })) {
  if (d.weekday <= 5 && !isPublicHoliday(site.holidayRegion, d.toISODate() ?? '')) {
    days.push(d);
  }
}
const reports = days.map((day, i) => makeReport(i, day));

for (const r of reports) {
  const priced = priceServiceReport(r, priceList, site);
  const labour = priced.lines.filter((l) => l.category === 'labour').length;
  const material = priced.lines.filter((l) => l.category === 'material').length;
  if (labour !== 5 || material !== 5) {
    throw new Error(`${r.orderId}: expected 5 labour and 5 material lines, got ${labour} and ${material}`);
  }
  if (JSON.stringify(priced) !== JSON.stringify(priceServiceReport(r, priceList, site, { materialMemo: false }))) {
    throw new Error(`${r.orderId}: pricing with and without the material memo disagree`);
  }
}
const distinctMaterials = new Set(
  reports.flatMap((r) => (r.materials ?? []).map((m) => `${m.netUnitPrice}|${m.quantity}`)),
);

async function main(): Promise<void> {
  let n = 0;
  let m = 0;
  const bench = new Bench({ time: 3000, warmupTime: 1000 });
  bench.add('billing.priceServiceReport (material memo on: parts repeat across reports)', () => {
    priceServiceReport(reports[n % REPORTS] as ServiceReport, priceList, site);
    n += 1;
  });
  bench.add('billing.priceServiceReport (material memo off: every material priced from scratch)', () => {
    priceServiceReport(reports[m % REPORTS] as ServiceReport, priceList, site, { materialMemo: false });
    m += 1;
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
  // The same two runs timed by the CPU time of this process (all its threads, GC included), which a
  // busy machine distorts much less than wall-clock time: reports per second of CPU.
  const cpuRuns: [string, (r: ServiceReport) => unknown][] = [
    ['memo on', (r) => priceServiceReport(r, priceList, site)],
    ['memo off', (r) => priceServiceReport(r, priceList, site, { materialMemo: false })],
  ];
  const CPU_RUN_REPORTS = 50 * REPORTS;
  const cpuFigures: string[] = [];
  for (const [label, price] of cpuRuns) {
    const before = process.cpuUsage();
    for (let i = 0; i < CPU_RUN_REPORTS; i += 1) {
      price(reports[i % REPORTS] as ServiceReport);
    }
    const used = process.cpuUsage(before);
    const perSecond = Math.round(CPU_RUN_REPORTS / ((used.user + used.system) / 1e6));
    cpuFigures.push(`${label} ${perSecond.toLocaleString('en-US')}`);
  }
  process.stdout.write(`per second of CPU time (${CPU_RUN_REPORTS} reports each): ${cpuFigures.join(', ')}\n`);
  const sample = priceServiceReport(reports[0] as ServiceReport, priceList, site);
  process.stdout.write(
    `inputs: ${REPORTS} different reports rotated (3 workers, 2 band crossings, 5 materials each), ` +
      `${distinctMaterials.size} different (price, quantity) material uses from ${PARTS} parts; ` +
      'money in decimal.js; labour amounts come from a per-list table by (role, band, increments), fee and ' +
      'travel texts are built once per list, zone offsets and holidays come from bounded caches\n' +
      `sample: ${sample.lines.length} lines, net ${sample.net}, VAT ${sample.vat}, gross ${sample.gross}\n`,
  );
}
void main();
