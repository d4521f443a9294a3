import { ContractInputInvalidError } from './contract.errors';
import type { IndexationClause } from './contract.types';
import { previewIndexation, type IndexSeries } from './indexation.calculator';

// Seed 002: 60 % labour, 40 % material; labour +4 %, material +2 % → factor 1.032; 2,360,000 → 2,435,520 €.
const clause: IndexationClause = {
  fixedShare: '0',
  labourShare: '0.6',
  materialShare: '0.4',
  labourSeries: 'labour',
  materialSeries: 'material',
  basePeriod: '2026',
};
const series = (key: string, points: IndexSeries['points']): IndexSeries => ({
  key,
  name: key,
  source: `Destatis ${key}`,
  baseYear: 2021,
  points,
});
const labour = series('labour', [
  { period: '2026', value: '100', publishedOn: '2027-01-20' },
  { period: '2027', value: '104', publishedOn: '2028-01-20' },
  { period: '2028', value: '110', publishedOn: '2029-01-20' },
]);
const material = series('material', [
  { period: '2026', value: '100', publishedOn: '2027-01-20' },
  { period: '2027', value: '102', publishedOn: '2028-01-20' },
]);
const preview = (over: Partial<IndexationClause> = {}, on = '2028-03-01', l = labour, m = material) =>
  previewIndexation({ basePrice: '2360000.00', clause: { ...clause, ...over }, labour: l, material: m, on });

describe('previewIndexation', () => {
  it('seed 002: 0.6 × 104/100 + 0.4 × 102/100 = 1.032 → 2,435,520.00, citing the values it used', () => {
    const p = preview();
    expect(p).toMatchObject({ factor: '1.032', indexedPrice: '2435520.00', change: '75520.00', capped: null });
    expect(p.cited.labour).toEqual({
      base: {
        series: 'labour',
        source: 'Destatis labour',
        period: '2026',
        publishedOn: '2027-01-20',
        value: '100',
        rebasingFactor: '1',
        rebased: '100',
      },
      current: {
        series: 'labour',
        source: 'Destatis labour',
        period: '2027',
        publishedOn: '2028-01-20',
        value: '104',
        rebasingFactor: '1',
        rebased: '104',
      },
    });
  });

  it('uses only values published by the reference date', () => {
    // on 2028-01-10 the 2027 values are not out yet: L1 = L0, M1 = M0
    expect(preview({}, '2028-01-10').factor).toBe('1');
    // on 2029-02-01 labour 2028 is out (110), material still 2027 (102): 0.6 × 1.1 + 0.4 × 1.02 = 1.068
    expect(preview({}, '2029-02-01').factor).toBe('1.068');
  });

  it('caps the change, then applies the correction factor (in that order)', () => {
    expect(preview({ maxChangePercent: '3' })).toMatchObject({
      rawFactor: '1.032',
      cappedFactor: '1.03',
      capped: 'max',
      indexedPrice: '2430800.00',
    });
    // 1.03 × 0.98 = 1.0094 → 2,382,184.00
    expect(preview({ maxChangePercent: '3', correctionFactor: '0.98' })).toMatchObject({
      factor: '1.0094',
      indexedPrice: '2382184.00',
    });
    const falling = series('labour', [
      { period: '2026', value: '100', publishedOn: '2027-01-20' },
      { period: '2027', value: '90', publishedOn: '2028-01-20' },
    ]);
    // 0.6 × 0.9 + 0.4 × 1.02 = 0.948 → at most −5 %: 0.95
    expect(preview({ minChangePercent: '5' }, '2028-03-01', falling)).toMatchObject({
      rawFactor: '0.948',
      factor: '0.95',
      capped: 'min',
    });
  });

  it('a later indexation starts from the values the approved one used (no double count)', () => {
    // approved on 2028-03-01 with L1 = 104 (2027), M1 = 102 (2027); a year later labour 2028 = 110 is out
    const p = previewIndexation({
      basePrice: '2435520.00',
      clause,
      labour,
      material,
      on: '2029-02-01',
      basePeriods: { labour: '2027', material: '2027' },
    });
    // 0.6 × 110/104 + 0.4 × 102/102 = 1.0346153846…; 2,435,520.00 + 84,306.46 = 2,519,826.46
    expect(p.cited.labour.base.period).toBe('2027');
    expect(p.factor.startsWith('1.0346153846')).toBe(true);
    expect(p.indexedPrice).toBe('2519826.46');
  });

  it('rebases a value published on an older base year', () => {
    const old = series('labour', [
      { period: '2026', value: '80', publishedOn: '2027-01-20', rebasingFactor: '1.25' },
      { period: '2027', value: '104', publishedOn: '2028-01-20' },
    ]);
    const p = preview({}, '2028-03-01', old);
    expect(p.cited.labour.base).toMatchObject({ value: '80', rebasingFactor: '1.25', rebased: '100' });
    expect(p.factor).toBe('1.032');
  });

  it('names what is missing: the base period, a base value, a published value', () => {
    const fail = (fn: () => unknown): string[] => {
      try {
        fn();
      } catch (e) {
        if (e instanceof ContractInputInvalidError) return e.issues.map((i) => `${i.path}: ${i.message}`);
      }
      return [];
    };
    expect(fail(() => preview({ basePeriod: undefined }))).toContain(
      'indexation.basePeriod: the clause names no base period',
    );
    expect(fail(() => preview({ basePeriod: '2025' }))[0]).toMatch(/labour has no value for the base period 2025/);
    expect(fail(() => preview({}, '2026-06-01'))).toContain(
      'indexation.labourSeries: labour has no value published on or before 2026-06-01',
    );
  });
});
