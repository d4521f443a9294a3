import { computeAssetKpis } from './asset-kpis.calculator';
import type { AssetKpiRecord } from './asset-kpis.calculator';
import { explainAssetKpis, recordsFromExplanations } from './asset-kpi.explanation';
import { decodeKpiDerivation, encodeKpiDerivation } from './kpi-derivation.codec';
import { KpiInputInvalidError } from './kpi.errors';

const at = (iso: string): number => Date.parse(iso);
const t0 = at('2026-11-01T00:00:00Z');
const record = (overrides: Partial<AssetKpiRecord> = {}): AssetKpiRecord => ({
  assetId: 'a1',
  code: 'A-1',
  assetClass: 'A',
  basisMinutes: '43200',
  downtimeMinutes: '432',
  availability: '0.99',
  downtime: [{ fromMs: at('2026-11-10T00:00:00Z'), toMs: at('2026-11-10T07:12:00Z'), minutes: '432', tickets: ['T1'] }],
  mttrMinutes: '432',
  mtbfMinutes: '42768',
  repairs: ['T1'],
  failures: ['T1'],
  ...overrides,
});

describe('the compact derivation', () => {
  it.each([
    { name: 'an asset with one downtime', records: [record()] },
    {
      name: 'no downtime, no basis (null availability, MTTR, MTBF)',
      records: [
        record({
          basisMinutes: '0',
          downtimeMinutes: '0',
          availability: null,
          downtime: [],
          mttrMinutes: null,
          mtbfMinutes: null,
          repairs: [],
          failures: [],
        }),
      ],
    },
    { name: 'fractional minutes', records: [record({ downtimeMinutes: '0.017', mtbfMinutes: '14333.333' })] },
    {
      name: 'a non-canonical decimal stays a string',
      records: [record({ basisMinutes: '43200.0', downtimeMinutes: '1e3' })],
    },
    {
      name: 'maintenance windows by index, one reason each',
      records: [
        record({
          maintenance: [
            {
              windowId: 'w1',
              fromMs: at('2026-11-10T06:00:00Z'),
              toMs: at('2026-11-10T10:00:00Z'),
              minutes: '240',
              downtimeMinutes: '72',
            },
          ],
          excludedDowntimeMinutes: '72',
        }),
        record({ assetId: 'a2', code: 'A-2', maintenance: [], excludedDowntimeMinutes: '0' }),
      ],
    },
    { name: 'a ticket behind two assets is stored once', records: [record(), record({ assetId: 'a2', code: 'A-2' })] },
  ])('round trip: $name', ({ records }) => {
    const derivation = { targets: { A: '0.995' }, windowReasons: { w1: 'Jahreswartung' }, assets: records };
    const stored = JSON.parse(JSON.stringify(encodeKpiDerivation(derivation, t0))) as unknown;
    const back = decodeKpiDerivation(stored);
    expect(back.assets).toEqual(records);
    expect(back.targets).toEqual({ A: '0.995' });
    expect((JSON.stringify(stored).match(/"T1"/g) ?? []).length).toBeLessThanOrEqual(1);
  });

  it('stores ticket numbers once and instants as offsets from t0', () => {
    const stored = encodeKpiDerivation(
      { targets: {}, windowReasons: {}, assets: [record(), record({ assetId: 'a2' })] },
      t0,
    );
    expect(stored.tickets).toEqual(['T1']);
    expect(stored.assets[0]?.[8]).toEqual([[9 * 86_400_000, 9 * 86_400_000 + 432 * 60_000, 432, 0]]);
  });

  it.each([
    { name: 'not a derivation', stored: null },
    { name: 'another format', stored: { v: 1, t0, tickets: [], windows: [], assets: [] } },
    {
      name: 'a ticket index out of range',
      stored: {
        v: 2,
        t0,
        targets: {},
        tickets: [],
        windows: [],
        assets: [['a1', 'A-1', 'A', 1, 0, 1, null, null, [], [3], []]],
      },
    },
    {
      name: 'an asset without minutes',
      stored: {
        v: 2,
        t0,
        targets: {},
        tickets: [],
        windows: [],
        assets: [['a1', 'A-1', 'A', null, 0, 1, null, null, [], [], []]],
      },
    },
  ])('rejects $name', ({ stored }) => {
    expect(() => decodeKpiDerivation(stored)).toThrow(KpiInputInvalidError);
  });

  it('the long form comes back from the records, and the records from the long form', () => {
    const kpis = computeAssetKpis({
      period: { fromMs: t0, toMs: at('2026-12-01T00:00:00Z') },
      asOfMs: at('2027-01-01T00:00:00Z'),
      targets: { A: '0.995' },
      assets: [
        { id: 'a1', code: 'A-1', assetClass: 'A', siteId: 's1' },
        { id: 'c1', code: 'C-1', assetClass: 'C', siteId: 's1' },
      ],
      basisBySite: new Map(),
      downtimeTickets: [
        {
          ticketId: 'x1',
          number: 'T1',
          assetId: 'a1',
          faultBeganMs: at('2026-11-10T00:00:00Z'),
          restoredMs: at('2026-11-10T07:12:00Z'),
        },
      ],
      maintenanceWindows: [
        {
          id: 'w1',
          assetId: 'a1',
          reason: 'Jahreswartung',
          fromMs: at('2026-11-10T06:00:00Z'),
          toMs: at('2026-11-10T10:00:00Z'),
        },
      ],
    });
    const context = { targets: { A: '0.995' }, windowReasons: kpis.windowReasons };
    const views = explainAssetKpis(kpis.assets, context);
    expect(views[0]).toMatchObject({
      availabilityPercent: '99.162',
      target: '0.995',
      targetMet: false,
      downtime: [{ from: '2026-11-10T00:00:00.000Z', to: '2026-11-10T06:00:00.000Z', minutes: '360', tickets: ['T1'] }],
      maintenance: [
        { windowId: 'w1', from: '2026-11-10T06:00:00.000Z', to: '2026-11-10T10:00:00.000Z', reason: 'Jahreswartung' },
      ],
    });
    expect(views[1]).not.toHaveProperty('target');
    const back = recordsFromExplanations(views);
    expect(back.records).toEqual(kpis.assets);
    expect(explainAssetKpis(back.records, back.context)).toEqual(views);
  });
});
