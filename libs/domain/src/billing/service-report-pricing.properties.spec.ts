import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { Dec } from '../money/decimal';
import { parsePriceList } from './price-list.parser';
import type { PriceList } from './price-list.types';
import { priceServiceReport } from './service-report.pricing';
import type { ServiceReport, WorkInterval } from './service-report.types';
import { LINE_CATEGORIES } from './service-report.types';

const load = (name: string) =>
  parsePriceList(JSON.parse(readFileSync(path.join(__dirname, '../../../demo-data/data/price-lists', name), 'utf8')));
const lists = [load('seed-003-service-price-list.json'), load('seed-004-itk-service-price-list.json')];
function listAt(i: number): PriceList {
  const list = lists[i];
  if (list === undefined) {
    throw new Error(`no price list #${i}`);
  }
  return list;
}
const site = { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BW' };
const BASE = Date.parse('2024-03-01T00:00:00Z');
const MINUTE = 60_000;

const price = fc.integer({ min: 1, max: 200_000 }).map((cents) => new Dec(cents).div(100).toFixed(2));
const qty = fc.integer({ min: 1, max: 500 }).map((n) => new Dec(n).div(10).toString());
const interval = fc.record({
  worker: fc.constantFrom('w1', 'w2', 'w3'),
  startMin: fc.integer({ min: 0, max: 60 * 24 * 40 }), // spans weekdays, weekends, DST switch on 2024-03-31
  minutes: fc.integer({ min: 1, max: 600 }),
  kind: fc.constantFrom('travel' as const, 'on-site' as const),
});
const iso = (min: number): string => new Date(BASE + min * MINUTE).toISOString();

function reportArb(listIndex: number): fc.Arbitrary<ServiceReport> {
  const list = lists[listIndex];
  const roles = list?.roles.map((r) => r.id) ?? [];
  return fc
    .record({
      work: fc.array(fc.tuple(interval, fc.constantFrom(...roles)), { minLength: 1, maxLength: 6 }),
      materials: fc.array(fc.record({ netUnitPrice: price, quantity: qty }), { maxLength: 5 }),
      partner: fc.array(price, { maxLength: 2 }),
      emergency: fc.boolean(),
      smallMaterial: fc.boolean(),
      discounts: fc.subarray(list?.discounts.map((d) => d.id) ?? []),
    })
    .map((r) => ({
      orderId: 'prop',
      work: r.work.map(([iv, roleId]): WorkInterval => ({
        workerId: iv.worker,
        roleId,
        kind: iv.kind,
        start: iso(iv.startMin),
        end: iso(iv.startMin + iv.minutes),
      })),
      materials: r.materials.map((m) => ({ description: 'Teil', ...m })),
      ...(list?.partnerWork === undefined
        ? {}
        : { partnerInvoices: r.partner.map((net) => ({ description: 'Partner', net })) }),
      smallMaterial: r.smallMaterial,
      discounts: r.discounts,
      ...(listIndex === 0
        ? { travel: { method: 'distance' as const, km: '12' } }
        : { travel: { method: 'zone' as const, zoneId: '1' } }),
      flags: { emergency: r.emergency, underMaintenanceContract: false, inScope: false },
    }));
}

describe('service-report pricing — properties', () => {
  it.each([0, 1])(
    'price list #%i: the lines add up to the category subtotals, and subtotals to the lines total',
    (i) => {
      fc.assert(
        fc.property(reportArb(i), (report) => {
          const r = priceServiceReport(report, listAt(i), site);
          for (const cat of LINE_CATEGORIES) {
            const sum = r.lines.filter((l) => l.category === cat).reduce((a, l) => a.plus(l.amount), new Dec(0));
            expect(sum.eq(r.subtotals[cat])).toBe(true);
          }
          const all = LINE_CATEGORIES.reduce((a, c) => a.plus(r.subtotals[c]), new Dec(0));
          expect(all.eq(r.linesTotal)).toBe(true);
          // net = lines − discounts; gross = net + vat
          expect(new Dec(r.linesTotal).minus(r.discountTotal).eq(r.net)).toBe(true);
          expect(new Dec(r.net).plus(r.vat).eq(r.gross)).toBe(true);
        }),
        { numRuns: 150 },
      );
    },
  );

  it.each([0, 1])('price list #%i: amounts are never negative for valid input', (i) => {
    fc.assert(
      fc.property(reportArb(i), (report) => {
        const r = priceServiceReport(report, listAt(i), site);
        for (const l of r.lines) {
          expect(new Dec(l.amount).isNegative()).toBe(false);
        }
        for (const v of [r.linesTotal, r.discountTotal, r.net, r.vat, r.gross]) {
          expect(new Dec(v).isNegative()).toBe(false);
        }
        expect(new Dec(r.gross).gte(r.net)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it.each([0, 1])('price list #%i: splitting a work interval inside one band never changes the price', (i) => {
    // Pooling per worker/role/band makes any split point price-neutral; split at an arbitrary minute.
    fc.assert(
      fc.property(reportArb(i), fc.nat(), fc.integer({ min: 1, max: 10_000 }), (report, pick, at) => {
        const list = listAt(i);
        const idx = pick % report.work.length;
        const iv = report.work[idx];
        if (iv === undefined) {
          return;
        }
        const s = Date.parse(iv.start);
        const e = Date.parse(iv.end);
        if (e - s < 2 * MINUTE) {
          return;
        }
        const cut = s + (1 + (at % Math.floor((e - s) / MINUTE - 1))) * MINUTE;
        const split: ServiceReport = {
          ...report,
          work: [
            ...report.work.slice(0, idx),
            { ...iv, end: new Date(cut).toISOString() },
            { ...iv, start: new Date(cut).toISOString() },
            ...report.work.slice(idx + 1),
          ],
        };
        const a = priceServiceReport(report, list, site);
        const b = priceServiceReport(split, list, site);
        expect(b.net).toBe(a.net);
        const view = (r: typeof a) => r.lines.map((l) => `${l.key} ${l.quantity} ${l.amount}`).sort();
        expect(view(b)).toEqual(view(a));
      }),
      { numRuns: 150 },
    );
  });
});
