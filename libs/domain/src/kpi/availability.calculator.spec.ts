import fc from 'fast-check';

import { BusinessCalendar } from '../calendar/business-calendar';
import { Dec } from '../money/decimal';
import { toDecimalString } from '../money/money';
import {
  availabilityShare,
  computeAssetAvailability,
  meanMinutes,
  msToMinutes,
  rollUpAvailability,
  shareToPercent,
} from './availability.calculator';
import type { DowntimeTicket } from './availability.calculator';
import { mergeIntervals } from './intervals';
import { parseKpiPeriod } from './kpi-period';

const H = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const t = (ticketId: string, from: string, to: string | null): DowntimeTicket => ({
  ticketId,
  faultBeganMs: at(from),
  restoredMs: to === null ? null : at(to),
});

describe('availability of one asset on a 24/7 basis (wall-clock, Europe/Berlin month boundaries)', () => {
  const nov = parseKpiPeriod('2026-11', 'Europe/Berlin'); // 30 d = 720 h = 43,200 min
  const cases: {
    name: string;
    tickets: DowntimeTicket[];
    maintenance?: { fromMs: number; toMs: number }[];
    downtimeMinutes: string;
    basisMinutes: string;
    availability: string;
    sources: string[][];
  }[] = [
    {
      // no tickets: 0 / 43,200 → 1
      name: 'no downtime',
      tickets: [],
      downtimeMinutes: '0',
      basisMinutes: '43200',
      availability: '1',
      sources: [],
    },
    {
      // seed 002: 99.5 % of 720 h allows 3.6 h = 216 min; 216 / 43,200 = 0.005 → 0.995 exactly
      name: 'exactly the allowed 3.6 h',
      tickets: [t('T1', '2026-11-10T08:00:00Z', '2026-11-10T11:36:00Z')],
      downtimeMinutes: '216',
      basisMinutes: '43200',
      availability: '0.995',
      sources: [['T1']],
    },
    {
      // overlap: 08:00–10:00 and 09:00–11:00 merge to 08:00–11:00 = 180 min (not 240);
      // 1 − 180/43,200 = 0.9958333… → 0.995833
      name: 'overlapping tickets count once',
      tickets: [
        t('T1', '2026-11-10T08:00:00Z', '2026-11-10T10:00:00Z'),
        t('T2', '2026-11-10T09:00:00Z', '2026-11-10T11:00:00Z'),
      ],
      downtimeMinutes: '180',
      basisMinutes: '43200',
      availability: '0.995833',
      sources: [['T1', 'T2']],
    },
    {
      // touching intervals merge too: 08–09 + 09–10 = one interval of 120 min; 1 − 120/43,200 = 0.99722…
      name: 'touching tickets merge',
      tickets: [
        t('T1', '2026-11-10T08:00:00Z', '2026-11-10T09:00:00Z'),
        t('T2', '2026-11-10T09:00:00Z', '2026-11-10T10:00:00Z'),
      ],
      downtimeMinutes: '120',
      basisMinutes: '43200',
      availability: '0.997222',
      sources: [['T1', 'T2']],
    },
    {
      // period starts 2026-10-31T23:00Z (midnight CET); fault from 22:00Z → clipped to 23:00Z … 01:00Z = 120 min
      name: 'clipped at the period start (local midnight)',
      tickets: [t('T1', '2026-10-31T22:00:00Z', '2026-11-01T01:00:00Z')],
      downtimeMinutes: '120',
      basisMinutes: '43200',
      availability: '0.997222',
      sources: [['T1']],
    },
    {
      // period ends 2026-11-30T23:00Z; fault 22:00Z → 2026-12-01T05:00Z clipped to 60 min; 1 − 60/43,200 = 0.998611…
      name: 'clipped at the period end',
      tickets: [t('T1', '2026-11-30T22:00:00Z', '2026-12-01T05:00:00Z')],
      downtimeMinutes: '60',
      basisMinutes: '43200',
      availability: '0.998611',
      sources: [['T1']],
    },
    {
      // entirely outside the period: ignored
      name: 'ticket outside the period',
      tickets: [t('T1', '2026-10-01T08:00:00Z', '2026-10-02T08:00:00Z')],
      downtimeMinutes: '0',
      basisMinutes: '43200',
      availability: '1',
      sources: [],
    },
    {
      // maintenance 10:00–12:00 is cut from both: downtime 08:00–14:00 (360) − 120 = 240 min in two pieces;
      // basis 43,200 − 120 = 43,080; 1 − 240/43,080 = 0.994428969… → 0.994429
      name: 'planned maintenance excluded from downtime and basis',
      tickets: [t('T1', '2026-11-10T08:00:00Z', '2026-11-10T14:00:00Z')],
      maintenance: [{ fromMs: at('2026-11-10T10:00:00Z'), toMs: at('2026-11-10T12:00:00Z') }],
      downtimeMinutes: '240',
      basisMinutes: '43080',
      availability: '0.994429',
      sources: [['T1'], ['T1']],
    },
    {
      // whole month down: 1 − 43,200/43,200 = 0
      name: 'down all month',
      tickets: [t('T1', '2026-10-01T00:00:00Z', '2026-12-05T00:00:00Z')],
      downtimeMinutes: '43200',
      basisMinutes: '43200',
      availability: '0',
      sources: [['T1']],
    },
  ];
  it.each(cases)('$name', (c) => {
    const r = computeAssetAvailability({
      assetId: 'a1',
      period: nov,
      tickets: c.tickets,
      ...(c.maintenance === undefined ? {} : { maintenanceWindows: c.maintenance }),
    });
    expect(r.downtimeMinutes).toBe(c.downtimeMinutes);
    expect(r.basisMinutes).toBe(c.basisMinutes);
    expect(r.availability).toBe(c.availability);
    expect(r.intervals.map((i) => i.sources)).toEqual(c.sources);
  });
});

describe('month length and DST (Europe/Berlin)', () => {
  it.each([
    // 30 d = 720 h; allowed 3.6 h (seed 002)
    { period: '2026-11', hours: '720', allowedMinutes: '216' },
    // 31 d = 744 h; allowed 3.72 h = 223.2 min
    { period: '2026-12', hours: '744', allowedMinutes: '223.2' },
    // 2026-03-29 spring forward: 31 d − 1 h = 743 h; 0.005 × 743 h = 3.715 h = 222.9 min
    { period: '2026-03', hours: '743', allowedMinutes: '222.9' },
    // 2026-10-25 fall back: 31 d + 1 h = 745 h; 0.005 × 745 h = 3.725 h = 223.5 min
    { period: '2026-10', hours: '745', allowedMinutes: '223.5' },
    // Q4 2026: 31 + 30 + 31 d = 92 d = 2208 h + 1 h (Oct 25) = 2209 h
    { period: '2026-Q4', hours: '2209', allowedMinutes: '662.7' },
    // 2026: 365 d = 8760 h (one h lost in March, one gained in October); 0.005 × 8760 h = 43.8 h = 2628 min
    { period: '2026', hours: '8760', allowedMinutes: '2628' },
  ])('$period has $hours h; 99.5 % allows $allowedMinutes min', ({ period, hours, allowedMinutes }) => {
    const p = parseKpiPeriod(period, 'Europe/Berlin');
    const a = computeAssetAvailability({ assetId: 'a', period: p, tickets: [] });
    expect(a.basisMs / H).toBe(Number(hours));
    const roll = rollUpAvailability([a], '0.995');
    expect(roll.allowedDowntimeMinutes).toBe(allowedMinutes);
    expect(roll.targetMet).toBe(true);
  });

  it('a fault across the fall-back night counts its real 3 h, not the 2 h the wall clock shows', () => {
    // 01:30 CEST (23:30Z) → 03:30 CET (02:30Z) is 3 real hours = 180 min; basis 745 h = 44,700 min
    // 1 − 180/44,700 = 0.995973154… → 0.995973
    const p = parseKpiPeriod('2026-10', 'Europe/Berlin');
    const a = computeAssetAvailability({
      assetId: 'a',
      period: p,
      tickets: [t('T1', '2026-10-24T23:30:00Z', '2026-10-25T02:30:00Z')],
    });
    expect(a.downtimeMinutes).toBe('180');
    expect(a.availability).toBe('0.995973');
  });
});

describe('business-time basis (service calendar)', () => {
  // Mon–Fri 07:00–17:00 Europe/Berlin, no holidays: November 2026 has 21 weekdays → 210 h = 12,600 min
  const cal = BusinessCalendar.fromSpec({
    timezone: 'Europe/Berlin',
    week: {
      mon: [['07:00', '17:00']],
      tue: [['07:00', '17:00']],
      wed: [['07:00', '17:00']],
      thu: [['07:00', '17:00']],
      fri: [['07:00', '17:00']],
    },
  });
  const basis = (a: number, b: number): number => cal.businessMsBetween(a, b);
  const nov = parseKpiPeriod('2026-11', 'Europe/Berlin');

  it('counts only open time of both downtime and basis', () => {
    // Tue 2026-11-10 15:00 CET (14:00Z) → Wed 09:00 CET (08:00Z): open 15–17 (120) + 07–09 (120) = 240 min
    // 1 − 240/12,600 = 0.980952380… → 0.980952
    const a = computeAssetAvailability({
      assetId: 'a',
      period: nov,
      basis,
      tickets: [t('T1', '2026-11-10T14:00:00Z', '2026-11-11T08:00:00Z')],
    });
    expect(a.basisMinutes).toBe('12600');
    expect(a.downtimeMinutes).toBe('240');
    expect(a.availability).toBe('0.980952');
  });

  it('a weekend outage costs nothing on a weekday calendar', () => {
    // Sat 2026-11-14 → Sun 2026-11-15: closed → 0 min
    const a = computeAssetAvailability({
      assetId: 'a',
      period: nov,
      basis,
      tickets: [t('T1', '2026-11-14T08:00:00Z', '2026-11-15T20:00:00Z')],
    });
    expect(a.downtimeMinutes).toBe('0');
    expect(a.availability).toBe('1');
  });
});

describe('open tickets and a running period', () => {
  it('counts an unrestored ticket until asOf and measures the basis only to asOf', () => {
    // period Nov from 2026-10-31T23:00Z, asOf 2026-11-02T23:00Z → basis 48 h = 2,880 min;
    // down since 2026-11-02T11:00Z → 12 h = 720 min; 1 − 720/2,880 = 0.75
    const nov = parseKpiPeriod('2026-11', 'Europe/Berlin');
    const a = computeAssetAvailability({
      assetId: 'a',
      period: nov,
      asOfMs: at('2026-11-02T23:00:00Z'),
      tickets: [t('T1', '2026-11-02T11:00:00Z', null)],
    });
    expect(a.basisMinutes).toBe('2880');
    expect(a.downtimeMinutes).toBe('720');
    expect(a.availability).toBe('0.75');
  });

  it('a period entirely in the future has no basis: availability null', () => {
    const a = computeAssetAvailability({
      assetId: 'a',
      period: parseKpiPeriod('2027-01', 'Europe/Berlin'),
      asOfMs: at('2026-11-02T23:00:00Z'),
      tickets: [],
    });
    expect(a.basisMs).toBe(0);
    expect(a.availability).toBeNull();
  });
});

describe('roll-ups are time-weighted', () => {
  it('weights each asset by its basis time', () => {
    // asset 1: 720 h, 7.2 h down (0.99); asset 2: 72 h basis, 0 down (1)
    // weighted: 1 − 7.2 / 792 = 0.990909… → 0.990909 (a plain mean would say 0.995)
    const r = rollUpAvailability(
      [
        { basisMs: 720 * H, downtimeMs: 7.2 * H },
        { basisMs: 72 * H, downtimeMs: 0 },
      ],
      '0.995',
    );
    expect(r.availability).toBe('0.990909');
    expect(r.targetMet).toBe(false);
    // (1 − 0.995) × 792 h = 3.96 h = 237.6 min
    expect(r.allowedDowntimeMinutes).toBe('237.6');
    expect(shareToPercent(r.availability ?? '')).toBe('99.0909');
  });

  it('no assets: null availability and no verdict', () => {
    const r = rollUpAvailability([], '0.995');
    expect(r.availability).toBeNull();
    expect(r.targetMet).toBeUndefined();
  });
});

describe('properties', () => {
  const period = { fromMs: 0, toMs: 1_000_000 };
  const ticketArb = fc
    .tuple(
      fc.integer({ min: -200_000, max: 1_200_000 }),
      fc.integer({ min: 0, max: 400_000 }),
      fc.boolean(),
      fc.integer({ min: 0, max: 1_000_000 }),
    )
    .map(([from, len, open, id]): DowntimeTicket => ({
      ticketId: `T${id}`,
      faultBeganMs: from,
      restoredMs: open ? null : from + len,
    }));
  const windowArb = fc
    .tuple(fc.integer({ min: -100_000, max: 1_100_000 }), fc.integer({ min: 0, max: 300_000 }))
    .map(([from, len]) => ({ fromMs: from, toMs: from + len }));

  it('availability is in [0, 1] and downtime ≤ basis', () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 20 }), fc.array(windowArb, { maxLength: 4 }), (tickets, mw) => {
        const a = computeAssetAvailability({ assetId: 'a', period, tickets, maintenanceWindows: mw });
        expect(a.downtimeMs).toBeLessThanOrEqual(a.basisMs);
        if (a.availability !== null) {
          expect(Number(a.availability)).toBeGreaterThanOrEqual(0);
          expect(Number(a.availability)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('merging is idempotent and yields disjoint, sorted intervals', () => {
    fc.assert(
      fc.property(fc.array(windowArb, { maxLength: 30 }), (ws) => {
        const once = mergeIntervals(ws.map((w, i) => ({ ...w, sources: [`s${i}`] })));
        expect(mergeIntervals(once)).toEqual(once);
        for (let i = 1; i < once.length; i += 1) {
          expect((once[i] as { fromMs: number }).fromMs).toBeGreaterThan((once[i - 1] as { toMs: number }).toMs);
        }
      }),
    );
  });

  it('ticket order does not matter', () => {
    fc.assert(
      fc.property(fc.array(ticketArb, { maxLength: 15 }), (tickets) => {
        const a = computeAssetAvailability({ assetId: 'a', period, tickets });
        const b = computeAssetAvailability({ assetId: 'a', period, tickets: [...tickets].reverse() });
        expect(b.downtimeMs).toBe(a.downtimeMs);
      }),
    );
  });
});

describe('exact integer rounding equals decimal.js half-up rounding', () => {
  it('msToMinutes, meanMinutes and availabilityShare', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000_000_000 }),
        fc.integer({ min: 1, max: 40_000_000_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        (a, b, n) => {
          const dec = (x: Dec): string => toDecimalString(x);
          expect(msToMinutes(a)).toBe(dec(new Dec(a).div(60_000).toDecimalPlaces(3, Dec.ROUND_HALF_UP)));
          expect(meanMinutes(a, n)).toBe(dec(new Dec(a).div(n).div(60_000).toDecimalPlaces(3, Dec.ROUND_HALF_UP)));
          const down = Math.min(a, b);
          expect(availabilityShare(down, b)).toBe(
            dec(new Dec(1).minus(new Dec(down).div(b)).toDecimalPlaces(6, Dec.ROUND_HALF_UP)),
          );
          const share = availabilityShare(down, b) ?? '0';
          expect(shareToPercent(share)).toBe(dec(new Dec(share).times(100)));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
