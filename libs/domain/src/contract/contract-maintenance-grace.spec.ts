import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ContractCalculationInvalidError } from './contract.errors';
import { parseContractCalculation } from './contract.parser';

const file = path.join(__dirname, '../../../demo-data/data/contracts/seed-002-total-technical-service.json');
const fresh = (): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

function issuesOf(json: unknown): { path: string; message: string }[] {
  try {
    parseContractCalculation(json);
  } catch (e) {
    if (e instanceof ContractCalculationInvalidError) {
      return e.issues.map((i) => ({ path: i.path, message: i.message }));
    }
    throw e;
  }
  throw new Error('expected the contract calculation to be rejected');
}

describe('contract maintenance terms (SMRP grace rule of the compliance KPI)', () => {
  it('is optional: a contract without it parses and has no maintenance terms (grace "none" by default)', () => {
    expect(parseContractCalculation(fresh()).maintenance).toBeUndefined();
  });

  it.each(['none', 'one-day', 'twenty-percent'] as const)('accepts grace %s', (grace) => {
    expect(parseContractCalculation({ ...fresh(), maintenance: { grace } }).maintenance).toEqual({ grace });
  });

  it('rejects an unknown grace rule and unknown keys, naming the field', () => {
    const issues = issuesOf({ ...fresh(), maintenance: { grace: '10-percent', buffer: 3 } });
    expect(issues.map((i) => i.path)).toEqual(['maintenance.buffer', 'maintenance.grace']);
    expect(issues[1]?.message).toContain('twenty-percent');
  });

  it('rejects maintenance terms that are not an object', () => {
    expect(issuesOf({ ...fresh(), maintenance: 'none' }).map((i) => i.path)).toEqual(['maintenance']);
  });
});
