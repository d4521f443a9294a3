import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ContractCalculationInvalidError, ContractInputInvalidError } from './contract.errors';
import { parseContractCalculation } from './contract.parser';
import { allowedDowntime } from './contract-terms.calculator';
import { indexPrice } from './indexation.calculator';

const file = path.join(__dirname, '../../../demo-data/data/contracts/seed-002-total-technical-service.json');
type Json = Record<string, unknown>;
const fresh = (): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;
function set(root: Json, jsonPath: string, value: unknown): Json {
  const keys = jsonPath.replace(/\[(\d+)\]/g, '.$1').split('.');
  let target: unknown = root;
  for (const key of keys.slice(0, -1)) {
    target = (target as Record<string, unknown>)[key];
  }
  (target as Record<string, unknown>)[keys[keys.length - 1] ?? ''] = value;
  return root;
}
function issuesOf(json: Json): { path: string; message: string }[] {
  try {
    parseContractCalculation(json);
  } catch (e) {
    if (e instanceof ContractCalculationInvalidError) {
      return [...e.issues];
    }
    throw e;
  }
  throw new Error('expected the contract calculation to be rejected');
}

describe('contract calculation validation', () => {
  it('accepts the shipped seed contract files', () => {
    for (const name of [
      'seed-000-it-flat-rate.json',
      'seed-001-elevators.json',
      'seed-002-total-technical-service.json',
    ]) {
      const json: unknown = JSON.parse(readFileSync(path.join(path.dirname(file), name), 'utf8'));
      expect(() => parseContractCalculation(json)).not.toThrow();
    }
  });

  it('indexation shares must add up to exactly 1 (a + b + c = 1)', () => {
    expect(issuesOf(set(fresh(), 'indexation.materialShare', '0.3'))).toEqual([
      expect.objectContaining({
        path: 'indexation',
        message: 'fixedShare + labourShare + materialShare = 0.9, must be exactly 1',
      }),
    ]);
  });

  it('negative fees and unknown asset groups are reported with their paths', () => {
    const json = set(fresh(), 'variants[0].lineItems[5].amount', '-5800.00');
    set(json, 'variants[0].lineItems', [
      ...((json['variants'] as Json[])[0]?.['lineItems'] as unknown[]),
      { kind: 'perAsset', id: 'x', label: 'X', feePerAsset: '1.00', per: 'month', assetGroupIds: ['boilers'] },
    ]);
    expect(issuesOf(json).map((i) => [i.path, i.message])).toEqual([
      ['variants[0].lineItems[5].amount', 'an amount must not be negative, got -5800.00'],
      [
        'variants[0].lineItems[28].assetGroupIds[0]',
        "unknown asset group 'boilers' (known: air-handling, compressed-air, elevators, cranes)",
      ],
    ]);
  });

  it('bonus/malus thresholds must ascend', () => {
    const issues = issuesOf(set(fresh(), 'bonusMalus.kpis[0].rule.points[1].value', '98.0'));
    expect(issues[0]?.path).toBe('bonusMalus.kpis[0].rule.points[1].value');
  });

  it('indexPrice rejects shares that do not add up to 1 and non-positive indices', () => {
    expect(() =>
      indexPrice({
        basePrice: '100.00',
        clause: { fixedShare: '0.1', labourShare: '0.6', materialShare: '0.4' },
        labour: { base: '0', current: '104' },
        material: { base: '100', current: '102' },
      }),
    ).toThrow(ContractInputInvalidError);
  });

  it('allowedDowntime rejects a share above 1', () => {
    expect(() => allowedDowntime('99.5', '8760')).toThrow("targetShare: expected a share between 0 and 1, got '99.5'");
  });
});
