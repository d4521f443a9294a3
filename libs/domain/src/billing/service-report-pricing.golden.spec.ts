import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { parsePriceList } from './price-list.parser';
import { grossFromNet } from './unit-pricing';
import type { PriceList } from './price-list.types';
import { priceServiceReport } from './service-report.pricing';
import type { ServiceReport, SiteCalendar, WorkInterval } from './service-report.types';

/**
 * The oracle of service-report pricing: `__fixtures__/service-report-pricing-golden.json` holds 200 cases
 * (report, list, site) with the full output or the issues each must give, written once by the decimal.js
 * engine and checked against an independent fixed-point (BigInt) engine on 1,500 further random cases
 * before that second engine was removed (issue 12). It covers both seed lists and variant lists that
 * stress the arithmetic, invalid and absurd inputs (long fractions, non-terminating unit prices), DST
 * switches and public holidays. The spec never writes the file: a missing or changed oracle fails.
 * The report generator below made those cases; it also drives the material-memo property.
 */

const load = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(__dirname, '../../../demo-data/data/price-lists', name), 'utf8')) as Record<
    string,
    unknown
  >;
const seed003 = load('seed-003-service-price-list.json');
const seed004 = load('seed-004-itk-service-price-list.json');

interface RoleJson {
  readonly hourlyRate: string;
  readonly incrementMinutes: number;
}
interface BandJson {
  readonly surchargePercent: string;
}

/**
 * Variant lists that stress the arithmetic: increments of 20 and 45 minutes (rate × minutes / 60 does
 * not terminate for 20), odd rates, fractional surcharges, VAT and discount percentages.
 */
function variant(source: Record<string, unknown>, id: string, i: number): Record<string, unknown> {
  const roles = (source['roles'] as RoleJson[]).map((r, k) => ({
    ...r,
    hourlyRate: ['71.37', '69.99', '100.01', '33.33'][(k + i) % 4] ?? r.hourlyRate,
    incrementMinutes: [20, 45, 7, 15][(k + i) % 4] ?? r.incrementMinutes,
  }));
  const bands = (source['timeBands'] as BandJson[]).map((b, k) =>
    b.surchargePercent === '0' ? b : { ...b, surchargePercent: ['12.5', '33.333', '150', '7.25'][(k + i) % 4] },
  );
  const discounts = (source['discounts'] as { percent: string }[]).map((d, k) => ({
    ...d,
    percent: ['2.5', '3.125', '10', '0.333'][(k + i) % 4] ?? d.percent,
  }));
  const vatPercent = i === 0 ? '7' : '19.5';
  // catalog gross prices must match the VAT rate (the parser checks them)
  const catalog = (source['catalog'] as { net: string; gross?: string }[]).map((c) =>
    c.gross === undefined ? c : { ...c, gross: grossFromNet(c.net, vatPercent) },
  );
  return { ...source, id, roles, timeBands: bands, discounts, catalog, vatPercent };
}

const lists: PriceList[] = [
  parsePriceList(seed003),
  parsePriceList(seed004),
  parsePriceList(variant(seed003, 'variant-003', 0)),
  parsePriceList(variant(seed004, 'variant-004', 1)),
];

const SITES: readonly SiteCalendar[] = [
  { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BW' },
  { timeZone: 'Europe/Berlin', holidayRegion: 'DE-BY-KATH' },
  { timeZone: 'Europe/Berlin', holidayRegion: 'DE-NW' },
  { timeZone: 'Europe/Berlin', holidayRegion: 'DE-SN' },
  { timeZone: 'Europe/London', holidayRegion: 'DE-BE' },
];

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** DST switches, public holidays and ordinary days in 2024–2025. */
const ANCHORS = [
  '2024-03-31',
  '2024-10-27',
  '2025-03-30',
  '2025-10-26',
  '2024-01-06',
  '2024-05-01',
  '2024-08-15',
  '2024-10-03',
  '2024-10-31',
  '2024-11-01',
  '2024-12-24',
  '2024-12-25',
  '2025-04-18',
  '2024-03-12',
  '2024-06-15',
].map((d) => Date.parse(`${d}T00:00:00Z`));

const FIRST_ANCHOR = Date.parse('2024-03-31T00:00:00Z');

function iso(ms: number, form: number): string {
  const text = new Date(ms).toISOString();
  // the common form, the form without seconds and with an offset, and the form with milliseconds
  if (form === 1 && ms % MINUTE_MS === 0) {
    const local = new Date(ms + 3_600_000).toISOString();
    return `${local.slice(0, 16)}+01:00`;
  }
  return form === 2 ? text : `${text.slice(0, 19)}Z`;
}

const cents = fc.oneof(
  fc.integer({ min: 0, max: 99 }),
  fc.integer({ min: 1, max: 5_000 }),
  fc.integer({ min: 1, max: 300_000 }),
  fc.integer({ min: 1, max: 2_000_000_000 }),
);
const moneyText = cents.map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`);
/**
 * Decimal strings with up to 46 fraction digits (products beyond decimal.js's 40 significant digits,
 * which it rounds), never a float. Integer parts stay below 10^12 so that every amount stays below
 * 10^36 € — above 10^38 € decimal.js printed money in exponent notation ("1.8e+43.00").
 */
const longDecimal = fc
  .tuple(
    fc.oneof(fc.constant('0'), fc.bigInt({ min: 1n, max: 10n ** 12n }).map(String)),
    fc
      .integer({ min: 1, max: 46 })
      .chain((n) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n })),
  )
  .map(([w, f]) => `${w}.${f.join('')}`);
const price = fc.oneof(
  { weight: 80, arbitrary: moneyText },
  {
    weight: 20,
    arbitrary: fc
      .integer({ min: 1, max: 99_999 })
      .map((m) => `${Math.floor(m / 1000)}.${String(m % 1000).padStart(3, '0')}`),
  },
  { weight: 4, arbitrary: fc.constantFrom('20.01', '20.50', '21.00', '0.50', '0.51', '1000', '0', '0.004', '0.005') },
  { weight: 8, arbitrary: longDecimal },
  { weight: 1, arbitrary: fc.constantFrom('abc', '-1.00', '1.2.3', '', '1e3', '01.5') },
);
const quantity = fc.oneof(
  { weight: 60, arbitrary: fc.integer({ min: 1, max: 50 }).map(String) },
  {
    weight: 40,
    arbitrary: fc
      .integer({ min: 1, max: 99_999 })
      .map((m) => `${Math.floor(m / 1000)}.${String(m % 1000).padStart(3, '0')}`),
  },
  { weight: 8, arbitrary: longDecimal },
  { weight: 1, arbitrary: fc.constantFrom('0', '0.000', '-2', 'x', '2|3') },
  { weight: 10, arbitrary: fc.constantFrom('10.50', '3.0', '0.001', '1.000') },
);

function reportArb(listIndex: number): fc.Arbitrary<ServiceReport> {
  const list = lists[listIndex];
  const roles = list?.roles.map((r) => r.id) ?? [];
  const discounts = list?.discounts.map((d) => d.id) ?? [];
  const catalog = list?.catalog.map((c) => c.code) ?? [];
  const interval = fc.record({
    worker: fc.constantFrom('w1', 'w2', 'w3', 'w4'),
    named: fc.boolean(),
    role: fc.oneof(
      { weight: 100, arbitrary: fc.constantFrom(...roles) },
      { weight: 1, arbitrary: fc.constant('nobody') },
    ),
    kind: fc.constantFrom('travel' as const, 'on-site' as const),
    anchor: fc.oneof(
      fc.constantFrom(...ANCHORS),
      fc.integer({ min: 0, max: 730 }).map((d) => FIRST_ANCHOR - 90 * DAY_MS + d * DAY_MS),
    ),
    startMin: fc.integer({ min: -180, max: 1_500 }),
    minutes: fc.oneof(fc.integer({ min: 1, max: 240 }), fc.integer({ min: 1, max: 3_000 })),
    seconds: fc.oneof(
      { weight: 5, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 59 }) },
    ),
    form: fc.integer({ min: 0, max: 2 }),
  });
  const distanceList = list?.travel.distance !== undefined;
  const travel = fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { method: 'zone' as const, zoneId: '1' },
        { method: 'time' as const },
        { method: 'distance' as const, km: '3' },
      ),
    },
    {
      weight: 8,
      arbitrary: distanceList
        ? fc.record({
            method: fc.constant('distance' as const),
            km: fc.oneof(
              fc.integer({ min: 0, max: 50 }).map(String),
              fc.constantFrom('4.5', '4.49', '15.5', '29.5', '0.1', '51', 'x'),
            ),
          })
        : fc.oneof(
            fc.record({ method: fc.constant('zone' as const), zoneId: fc.constantFrom('0', '1', '2', '3') }),
            fc.constant({ method: 'time' as const }),
          ),
    },
  );
  const date = fc
    .integer({ min: 0, max: 120 })
    .map((d) => new Date(FIRST_ANCHOR + d * DAY_MS).toISOString().slice(0, 10));
  return fc
    .record({
      work: fc.array(interval, { minLength: 0, maxLength: 6 }),
      materials: fc.array(
        fc.record({ netUnitPrice: price, quantity, unit: fc.constantFrom(undefined, 'm', 'Stk', 'kg') }),
        { maxLength: 7 },
      ),
      partner: fc.array(price, { maxLength: list?.partnerWork === undefined ? 0 : 2 }),
      passThrough: fc.array(price, { maxLength: list?.passThroughCosts === undefined ? 0 : 2 }),
      catalog: fc.array(
        fc.record({
          code: fc.oneof(
            { weight: 20, arbitrary: fc.constantFrom(...catalog) },
            { weight: 1, arbitrary: fc.constant('none') },
          ),
          quantity,
        }),
        { maxLength: 2 },
      ),
      smallMaterial: fc.option(fc.boolean(), { nil: undefined }),
      quote: fc.oneof(
        { weight: list?.fees.quote === undefined ? 40 : 1, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.record({ quotedOn: date, orderedOn: date }) },
      ),
      travel,
      discounts: fc.oneof(
        { weight: 40, arbitrary: fc.subarray(discounts) },
        { weight: 1, arbitrary: fc.constant(['bogus']) },
      ),
      flags: fc.record({ emergency: fc.boolean(), underMaintenanceContract: fc.boolean(), inScope: fc.boolean() }),
    })
    .map((r): ServiceReport => {
      const work = r.work.map((iv): WorkInterval => {
        const start = iv.anchor + iv.startMin * MINUTE_MS;
        const end = start + iv.minutes * MINUTE_MS + iv.seconds * 1000;
        return {
          workerId: iv.worker,
          ...(iv.named ? { workerName: `Name ${iv.worker}` } : {}),
          roleId: iv.role,
          kind: iv.kind,
          start: iso(start, iv.form),
          end: iso(end, iv.seconds === 0 ? iv.form : 0),
        };
      });
      return {
        orderId: `eq-${listIndex}`,
        work,
        materials: r.materials.map(({ unit, ...m }, i) => ({
          description: `Teil ${i}`,
          ...m,
          ...(unit === undefined ? {} : { unit }),
        })),
        ...(r.partner.length > 0 ? { partnerInvoices: r.partner.map((net) => ({ description: 'Partner', net })) } : {}),
        ...(r.passThrough.length > 0
          ? { passThroughCosts: r.passThrough.map((net) => ({ description: 'Parken', net })) }
          : {}),
        ...(r.catalog.length > 0 ? { catalogItems: r.catalog } : {}),
        ...(r.smallMaterial === undefined ? {} : { smallMaterial: r.smallMaterial }),
        ...(r.quote === undefined ? {} : { quote: r.quote }),
        ...(r.travel === undefined ? {} : { travel: r.travel }),
        discounts: r.discounts,
        flags: r.flags,
      };
    });
}

interface Case {
  readonly listIndex: number;
  readonly site: SiteCalendar;
  readonly report: ServiceReport;
}

const caseArb: fc.Arbitrary<Case> = fc
  .integer({ min: 0, max: lists.length - 1 })
  .chain((listIndex) =>
    fc.record({ listIndex: fc.constant(listIndex), site: fc.constantFrom(...SITES), report: reportArb(listIndex) }),
  );

type Engine = typeof priceServiceReport;

/** The full result, or the error (class name, message and issues) it was rejected with. */
function outcome(engine: Engine, c: Case, materialMemo: boolean): unknown {
  const list = lists[c.listIndex];
  if (list === undefined) {
    throw new Error(`no list #${c.listIndex}`);
  }
  try {
    return { result: engine(c.report, list, c.site, { materialMemo }) };
  } catch (e) {
    const err = e as Error & { issues?: unknown };
    return { error: err.name, message: err.message, issues: err.issues };
  }
}

const GOLDEN = path.join(__dirname, '__fixtures__', 'service-report-pricing-golden.json');

/** The oracle's cases and outcomes; throws (failing every test) when the file is missing or malformed. */
function readGolden(): { case: Case; outcome: { result?: unknown; error?: string } }[] {
  const golden: unknown = JSON.parse(readFileSync(GOLDEN, 'utf8'));
  if (!Array.isArray(golden) || golden.length !== 200) {
    throw new Error(`${GOLDEN}: expected the 200 golden cases`);
  }
  return golden as { case: Case; outcome: { result?: unknown; error?: string } }[];
}

describe('service-report pricing: golden outputs', () => {
  it('matches the golden outputs, with and without the material memo', () => {
    for (const g of readGolden()) {
      expect(outcome(priceServiceReport, g.case, true)).toEqual(g.outcome);
      expect(outcome(priceServiceReport, g.case, false)).toEqual(g.outcome);
    }
  });

  it('covers valid and invalid reports, every travel method, emergencies with discounts, every list', () => {
    const golden = readGolden();
    const valid = golden.filter((g) => g.outcome.result !== undefined).length;
    expect(valid).toBeGreaterThan(50);
    expect(golden.length - valid).toBeGreaterThan(20);
    for (const method of ['distance', 'zone', 'time']) {
      expect(golden.some((g) => g.case.report.travel?.method === method)).toBe(true);
    }
    expect(golden.some((g) => g.case.report.flags.emergency && (g.case.report.discounts ?? []).length > 0)).toBe(true);
    expect(new Set(golden.map((g) => g.case.listIndex)).size).toBe(lists.length);
  });
});

describe('material memo on random reports', () => {
  it('gives the same full output (or the same issues) with and without the memo', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        expect(outcome(priceServiceReport, c, true)).toEqual(outcome(priceServiceReport, c, false));
      }),
      { numRuns: 500 },
    );
  });
});
