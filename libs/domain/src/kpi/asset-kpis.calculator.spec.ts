import { computeAssetKpis } from './asset-kpis.calculator';
import type { AssetKpisInput } from './asset-kpis.calculator';

const at = (iso: string): number => Date.parse(iso);
// November 2026 in UTC: 30 d = 43,200 min.
const period = { fromMs: at('2026-11-01T00:00:00Z'), toMs: at('2026-12-01T00:00:00Z') };
const base: AssetKpisInput = {
  period,
  asOfMs: at('2027-01-01T00:00:00Z'),
  targets: { A: '0.995' },
  assets: [
    { id: 'a1', code: 'A-1', assetClass: 'A', siteId: 's1' },
    { id: 'b1', code: 'B-1', assetClass: 'B', siteId: 's1' },
  ],
  basisBySite: new Map([['s1', undefined]]),
  downtimeTickets: [],
  maintenanceWindows: [],
};
const ticket = (number: string, from: string, to: string | null) => ({
  ticketId: `id-${number}`,
  number,
  assetId: 'a1',
  faultBeganMs: at(from),
  restoredMs: to === null ? null : at(to),
});

describe('computeAssetKpis', () => {
  it.each([
    {
      name: 'no downtime: both assets 100 %, no MTTR/MTBF',
      input: {},
      a1: { basisMinutes: '43200', downtimeMinutes: '0', availability: '1', downtime: [], repairs: [], failures: [] },
      classA: { availability: '1', availabilityPercent: '100', targetMet: true, allowedDowntimeMinutes: '216' },
    },
    {
      // 432 min down: 1 − 432 / 43,200 = 0.99
      name: 'one repair inside the period',
      input: { downtimeTickets: [ticket('T1', '2026-11-10T00:00:00Z', '2026-11-10T07:12:00Z')] },
      a1: {
        downtimeMinutes: '432',
        availability: '0.99',
        mttrMinutes: '432',
        mtbfMinutes: '42768',
        downtime: [
          { fromMs: at('2026-11-10T00:00:00Z'), toMs: at('2026-11-10T07:12:00Z'), minutes: '432', tickets: ['T1'] },
        ],
        repairs: ['T1'],
        failures: ['T1'],
      },
      classA: { availability: '0.99', availabilityPercent: '99', targetMet: false },
    },
    {
      // T1 08:00–10:00 and T2 09:00–12:00 merge into 08:00–12:00 = 240 min, counted once
      name: 'overlapping tickets count once and both stand behind the interval',
      input: {
        downtimeTickets: [
          ticket('T1', '2026-11-03T08:00:00Z', '2026-11-03T10:00:00Z'),
          ticket('T2', '2026-11-03T09:00:00Z', '2026-11-03T12:00:00Z'),
        ],
      },
      a1: {
        downtimeMinutes: '240',
        downtime: [
          {
            fromMs: at('2026-11-03T08:00:00Z'),
            toMs: at('2026-11-03T12:00:00Z'),
            minutes: '240',
            tickets: ['T1', 'T2'],
          },
        ],
        mttrMinutes: '150',
      },
      classA: { downtimeMinutes: '240' },
    },
    {
      // began in October: clipped to the period start; a repair of November, no failure of November
      name: 'a downtime from the previous month is clipped to the period',
      input: { downtimeTickets: [ticket('T0', '2026-10-31T22:00:00Z', '2026-11-01T01:00:00Z')] },
      a1: { downtimeMinutes: '60', repairs: ['T0'], failures: [], mtbfMinutes: null, mttrMinutes: '180' },
      classA: { repairs: 1, failures: 0 },
    },
    {
      // window 06:00–10:00 (240 min) over a 00:00–07:12 downtime: 72 min of it excluded
      name: 'planned maintenance leaves the basis and cuts its overlap out of the downtime',
      input: {
        downtimeTickets: [ticket('T1', '2026-11-10T00:00:00Z', '2026-11-10T07:12:00Z')],
        maintenanceWindows: [
          {
            id: 'w1',
            assetId: 'a1',
            reason: 'Jahreswartung',
            fromMs: at('2026-11-10T06:00:00Z'),
            toMs: at('2026-11-10T10:00:00Z'),
          },
        ],
      },
      a1: {
        basisMinutes: '42960',
        downtimeMinutes: '360',
        availability: '0.99162',
        excludedDowntimeMinutes: '72',
        maintenance: [
          {
            windowId: 'w1',
            fromMs: at('2026-11-10T06:00:00Z'),
            toMs: at('2026-11-10T10:00:00Z'),
            minutes: '240',
            downtimeMinutes: '72',
          },
        ],
      },
      classA: { basisMinutes: '42960', downtimeMinutes: '360' },
    },
    {
      // measured until 08:00 on the 10th: 9 d 8 h = 13,440 min; the window counts up to now only
      name: 'a running period is measured up to now',
      input: {
        asOfMs: at('2026-11-10T08:00:00Z'),
        maintenanceWindows: [
          {
            id: 'w1',
            assetId: 'a1',
            reason: 'Jahreswartung',
            fromMs: at('2026-11-10T06:00:00Z'),
            toMs: at('2026-11-10T10:00:00Z'),
          },
        ],
      },
      a1: {
        basisMinutes: '13320',
        maintenance: [
          {
            windowId: 'w1',
            fromMs: at('2026-11-10T06:00:00Z'),
            toMs: at('2026-11-10T08:00:00Z'),
            minutes: '120',
            downtimeMinutes: '0',
          },
        ],
        excludedDowntimeMinutes: '0',
      },
      classA: { basisMinutes: '13320' },
    },
  ])('$name', ({ input, a1, classA }) => {
    const result = computeAssetKpis({ ...base, ...input });
    expect(result.assets.find((a) => a.assetId === 'a1')).toMatchObject(a1);
    expect(result.classes.find((c) => c.assetClass === 'A')).toMatchObject(classA);
    expect(result.assets.find((a) => a.assetId === 'b1')).not.toHaveProperty('maintenance');
  });

  it('classes are sorted, the contract pools all assets, a target without assets is noted', () => {
    const result = computeAssetKpis({
      ...base,
      targets: { A: '0.995', C: '0.98' },
      downtimeTickets: [ticket('T1', '2026-11-10T00:00:00Z', '2026-11-10T07:12:00Z')],
    });
    expect(result.classes.map((c) => [c.assetClass, c.availability])).toEqual([
      ['A', '0.99'],
      ['B', '1'],
    ]);
    // 432 / 86,400 → 1 − 0.005 = 0.995
    expect(result.contract).toMatchObject({
      assets: 2,
      downtimeMinutes: '432',
      availability: '0.995',
      availabilityPercent: '99.5',
    });
    expect(result.notes).toEqual(['Verfügbarkeitsziel für Klasse C, aber keine Anlage dieser Klasse im Vertrag']);
  });

  it('measures on the basis of the site: only open time counts', () => {
    // a basis that is open one ms in two: 43,200 → 21,600 min; the 432-min downtime → 216
    const half = (fromMs: number, toMs: number): number => (toMs - fromMs) / 2;
    const result = computeAssetKpis({
      ...base,
      basisBySite: new Map([['s1', half]]),
      downtimeTickets: [ticket('T1', '2026-11-10T00:00:00Z', '2026-11-10T07:12:00Z')],
    });
    expect(result.assets[0]).toMatchObject({ basisMinutes: '21600', downtimeMinutes: '216', availability: '0.99' });
    expect(result.assets[0]?.downtime[0]?.minutes).toBe('216');
  });
});
