import { Dec } from '../money/decimal';
import { ID_PATTERN, IssueCollector, LOCAL_DATE_PATTERN, joinPath } from '../money/data-issues';
import type { JsonObject } from '../money/data-issues';
import { toDecimalString } from '../money/money';
import { ContractCalculationInvalidError } from './contract.errors';
import type { ContractCalculation, ContractLineItem } from './contract.types';

const ZERO = new Dec(0);
const ONE = new Dec(1);
const NON_NEGATIVE = { min: ZERO, expect: 'must not be negative' } as const;
const SHARE = { min: ZERO, max: ONE, expect: 'must be a share between 0 and 1' } as const;
const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const ID = { pattern: ID_PATTERN, expect: 'a kebab-case id' } as const;
const GRACE_RULES = ['none', 'one-day', 'twenty-percent'] as const;

/**
 * Validates a contract-calculation JSON document and returns it typed and frozen. Throws
 * `ContractCalculationInvalidError` listing every problem with its JSON path: missing/unknown fields,
 * amounts as JSON numbers, negative fees, unknown asset groups or variants or cost rates, indexation
 * shares that do not add up to exactly 1, bonus/malus points out of order, …
 */
export function parseContractCalculation(json: unknown): ContractCalculation {
  const c = new IssueCollector();
  const root = c.object(json, '');
  if (root === undefined) {
    throw new ContractCalculationInvalidError(c.issues);
  }
  c.noUnknownKeys(root, '', [
    'schemaVersion',
    'id',
    'name',
    'source',
    'currency',
    'notes',
    'term',
    'areaM2',
    'assetGroups',
    'variants',
    'inspectionBands',
    'indexation',
    'indexationScenario',
    'bonusMalus',
    'capexGate',
    'availabilityTargets',
    'slaTargets',
    'energyKpi',
    'scope',
    'internalCostRates',
    'effortPlan',
    'maintenance',
  ]);
  if (root['schemaVersion'] !== 1) {
    c.add('schemaVersion', `expected 1, got ${JSON.stringify(root['schemaVersion']) ?? 'nothing'}`);
  }
  c.string(root['id'], 'id', ID);
  c.string(root['name'], 'name');
  c.optionalString(root['source'], 'source');
  c.oneOf(root['currency'], 'currency', ['EUR'] as const);
  if (root['notes'] !== undefined) {
    c.array(root['notes'], 'notes')?.forEach((n, i) => c.string(n, joinPath('notes', i)));
  }
  if (root['term'] !== undefined) {
    const t = c.object(root['term'], 'term');
    if (t !== undefined) {
      c.noUnknownKeys(t, 'term', ['from', 'to']);
      const from = c.string(t['from'], 'term.from', { pattern: LOCAL_DATE_PATTERN, expect: 'a date YYYY-MM-DD' });
      const to = c.string(t['to'], 'term.to', { pattern: LOCAL_DATE_PATTERN, expect: 'a date YYYY-MM-DD' });
      if (from !== undefined && to !== undefined && to < from) {
        c.add('term.to', `ends (${to}) before it starts (${from})`);
      }
    }
  }
  if (root['areaM2'] !== undefined) {
    c.decimal(root['areaM2'], 'areaM2', { min: new Dec('0.01'), expect: 'must be a positive area' });
  }
  const groups = readAssetGroups(c, root['assetGroups']);
  const variants = readVariants(c, root['variants'], groups, root['areaM2'] !== undefined);
  readInspectionBands(c, root['inspectionBands'], groups);
  readIndexation(c, root['indexation'], root['indexationScenario'], variants);
  readBonusMalus(c, root['bonusMalus']);
  if (root['capexGate'] !== undefined) {
    const g = c.object(root['capexGate'], 'capexGate');
    if (g !== undefined) {
      c.noUnknownKeys(g, 'capexGate', ['thresholdNet', 'label']);
      c.decimal(g['thresholdNet'], 'capexGate.thresholdNet', NON_NEGATIVE);
      c.string(g['label'], 'capexGate.label');
    }
  }
  objects(c, root['availabilityTargets'], 'availabilityTargets', ['assetClass', 'targetPercent'], (o, p) => {
    c.string(o['assetClass'], joinPath(p, 'assetClass'));
    c.decimal(o['targetPercent'], joinPath(p, 'targetPercent'), {
      min: ZERO,
      max: new Dec(100),
      expect: 'must be a percentage between 0 and 100',
    });
  });
  objects(c, root['slaTargets'], 'slaTargets', ['assetClass', 'acceptMinutes', 'restoreMinutes'], (o, p) => {
    c.string(o['assetClass'], joinPath(p, 'assetClass'));
    c.integer(o['acceptMinutes'], joinPath(p, 'acceptMinutes'), { min: 1 });
    c.integer(o['restoreMinutes'], joinPath(p, 'restoreMinutes'), { min: 1 });
  });
  if (root['energyKpi'] !== undefined) {
    const e = c.object(root['energyKpi'], 'energyKpi');
    if (e !== undefined) {
      c.noUnknownKeys(e, 'energyKpi', ['baseYear', 'reductionPercentPerYear', 'firstTargetYear', 'lastTargetYear']);
      const base = c.integer(e['baseYear'], 'energyKpi.baseYear', { min: 1900, max: 2200 });
      c.decimal(e['reductionPercentPerYear'], 'energyKpi.reductionPercentPerYear', NON_NEGATIVE);
      const first = c.integer(e['firstTargetYear'], 'energyKpi.firstTargetYear', { min: 1900, max: 2200 });
      const last = c.integer(e['lastTargetYear'], 'energyKpi.lastTargetYear', { min: 1900, max: 2200 });
      if (base !== undefined && first !== undefined && first <= base) {
        c.add('energyKpi.firstTargetYear', `must be after the base year ${base}`);
      }
      if (first !== undefined && last !== undefined && last < first) {
        c.add('energyKpi.lastTargetYear', `must not be before firstTargetYear ${first}`);
      }
    }
  }
  readScope(c, root['scope']);
  const rates = new Set<string>();
  objects(c, root['internalCostRates'], 'internalCostRates', ['id', 'label', 'hourlyCost'], (o, p) => {
    const id = c.string(o['id'], joinPath(p, 'id'), ID);
    if (id !== undefined) {
      rates.add(id);
    }
    c.string(o['label'], joinPath(p, 'label'));
    c.decimal(o['hourlyCost'], joinPath(p, 'hourlyCost'), { min: ZERO, expect: 'an hourly cost must not be negative' });
  });
  readEffortPlan(c, root['effortPlan'], variants, rates);
  if (root['maintenance'] !== undefined) {
    const m = c.object(root['maintenance'], 'maintenance');
    if (m !== undefined) {
      c.noUnknownKeys(m, 'maintenance', ['grace']);
      c.oneOf(m['grace'], 'maintenance.grace', GRACE_RULES);
    }
  }

  if (c.issues.length > 0) {
    throw new ContractCalculationInvalidError(c.issues);
  }
  return deepFreeze(structuredClone(root)) as unknown as ContractCalculation;
}

function objects(
  c: IssueCollector,
  value: unknown,
  path: string,
  keys: readonly string[],
  each: (o: JsonObject, path: string) => void,
  opts: { required?: boolean; nonEmpty?: boolean } = {},
): void {
  if (value === undefined && opts.required !== true) {
    return;
  }
  c.array(value, path, { nonEmpty: opts.nonEmpty === true })?.forEach((raw, i) => {
    const p = joinPath(path, i);
    const o = c.object(raw, p);
    if (o !== undefined) {
      c.noUnknownKeys(o, p, keys);
      each(o, p);
    }
  });
}

function readAssetGroups(c: IssueCollector, value: unknown): ReadonlySet<string> {
  const ids = new Set<string>();
  const refs: { id: string; path: string }[] = [];
  objects(
    c,
    value,
    'assetGroups',
    ['id', 'label', 'count', 'assetClass'],
    (o, p) => {
      const id = c.string(o['id'], joinPath(p, 'id'), ID);
      if (id !== undefined) {
        ids.add(id);
        refs.push({ id, path: joinPath(p, 'id') });
      }
      c.string(o['label'], joinPath(p, 'label'));
      c.decimal(o['count'], joinPath(p, 'count'), { min: ZERO, integer: true, expect: 'must not be negative' });
      c.optionalString(o['assetClass'], joinPath(p, 'assetClass'));
    },
    { required: true },
  );
  c.uniqueIds(refs, 'asset group');
  return ids;
}

function readGroupRefs(c: IssueCollector, value: unknown, path: string, groups: ReadonlySet<string>): void {
  if (value === undefined) {
    return;
  }
  c.array(value, path, { nonEmpty: true })?.forEach((g, i) => {
    const id = c.string(g, joinPath(path, i));
    if (id !== undefined && !groups.has(id)) {
      c.add(joinPath(path, i), `unknown asset group '${id}' (known: ${[...groups].join(', ')})`);
    }
  });
}

const LINE_KEYS: Readonly<Record<ContractLineItem['kind'], readonly string[]>> = {
  perAsset: ['feePerAsset', 'per', 'assetGroupIds'],
  lumpSum: ['amount', 'per'],
  personnel: ['heads', 'employerCost', 'overheadPercent'],
  callOuts: ['callOutsPerAssetPerYear', 'travelFlat', 'hourlyRate', 'hoursPerCallOut', 'assetGroupIds'],
  inspection: ['feePerAsset', 'cycleMonths', 'assetGroupIds'],
  task: ['hours', 'hourlyRate', 'per', 'agreedPrice'],
};
const LINE_KINDS = Object.keys(LINE_KEYS) as readonly ContractLineItem['kind'][];
const PERIODS = ['month', 'year'] as const;

function readLine(c: IssueCollector, o: JsonObject, p: string, groups: ReadonlySet<string>): string | undefined {
  const kind = c.oneOf(o['kind'], joinPath(p, 'kind'), LINE_KINDS);
  const common = ['kind', 'id', 'label', 'group', 'module', 'statedAnnual', 'statedSharePercentOfTotal'];
  c.noUnknownKeys(o, p, [...common, ...(kind === undefined ? [] : LINE_KEYS[kind])]);
  const id = c.string(o['id'], joinPath(p, 'id'), ID);
  c.string(o['label'], joinPath(p, 'label'));
  c.optionalString(o['group'], joinPath(p, 'group'));
  c.optionalString(o['module'], joinPath(p, 'module'));
  if (o['statedAnnual'] !== undefined) {
    c.decimal(o['statedAnnual'], joinPath(p, 'statedAnnual'), NON_NEGATIVE);
  }
  if (o['statedSharePercentOfTotal'] !== undefined) {
    c.decimal(o['statedSharePercentOfTotal'], joinPath(p, 'statedSharePercentOfTotal'), NON_NEGATIVE);
  }
  const money = (key: string, what = 'an amount'): void => {
    c.decimal(o[key], joinPath(p, key), { min: ZERO, expect: `${what} must not be negative` });
  };
  switch (kind) {
    case 'perAsset':
      money('feePerAsset', 'a fee');
      c.oneOf(o['per'], joinPath(p, 'per'), PERIODS);
      readGroupRefs(c, o['assetGroupIds'], joinPath(p, 'assetGroupIds'), groups);
      break;
    case 'lumpSum':
      money('amount');
      c.oneOf(o['per'], joinPath(p, 'per'), PERIODS);
      break;
    case 'personnel':
      c.decimal(o['heads'], joinPath(p, 'heads'), NON_NEGATIVE);
      money('employerCost', 'a cost');
      c.decimal(o['overheadPercent'], joinPath(p, 'overheadPercent'), NON_NEGATIVE);
      break;
    case 'callOuts':
      c.decimal(o['callOutsPerAssetPerYear'], joinPath(p, 'callOutsPerAssetPerYear'), NON_NEGATIVE);
      money('travelFlat');
      money('hourlyRate', 'a rate');
      c.decimal(o['hoursPerCallOut'], joinPath(p, 'hoursPerCallOut'), NON_NEGATIVE);
      readGroupRefs(c, o['assetGroupIds'], joinPath(p, 'assetGroupIds'), groups);
      break;
    case 'inspection':
      money('feePerAsset', 'a fee');
      c.integer(o['cycleMonths'], joinPath(p, 'cycleMonths'), { min: 1, max: 240 });
      readGroupRefs(c, o['assetGroupIds'], joinPath(p, 'assetGroupIds'), groups);
      break;
    case 'task':
      c.decimal(o['hours'], joinPath(p, 'hours'), NON_NEGATIVE);
      money('hourlyRate', 'a rate');
      c.oneOf(o['per'], joinPath(p, 'per'), PERIODS);
      if (o['agreedPrice'] !== undefined) {
        money('agreedPrice', 'a price');
      }
      break;
    case undefined:
      // an unknown kind is already reported by `oneOf`
      break;
  }
  return id;
}

function readVariants(
  c: IssueCollector,
  value: unknown,
  groups: ReadonlySet<string>,
  hasArea: boolean,
): ReadonlySet<string> {
  const ids = new Set<string>();
  const refs: { id: string; path: string }[] = [];
  objects(
    c,
    value,
    'variants',
    ['id', 'label', 'volumeBasis', 'lineItems', 'stated'],
    (v, p) => {
      const id = c.string(v['id'], joinPath(p, 'id'), ID);
      if (id !== undefined) {
        ids.add(id);
        refs.push({ id, path: joinPath(p, 'id') });
      }
      c.string(v['label'], joinPath(p, 'label'));
      const basis = c.oneOf(v['volumeBasis'], joinPath(p, 'volumeBasis'), ['computed', 'stated'] as const);
      const lineRefs: { id: string; path: string }[] = [];
      const items = c.array(v['lineItems'], joinPath(p, 'lineItems'), { nonEmpty: true }) ?? [];
      items.forEach((raw, i) => {
        const lp = joinPath(joinPath(p, 'lineItems'), i);
        const line = c.object(raw, lp);
        if (line !== undefined) {
          const lid = readLine(c, line, lp, groups);
          if (lid !== undefined) {
            lineRefs.push({ id: lid, path: joinPath(lp, 'id') });
          }
        }
      });
      c.uniqueIds(lineRefs, 'line item');
      const stated = v['stated'] === undefined ? undefined : c.object(v['stated'], joinPath(p, 'stated'));
      if (stated !== undefined) {
        const sp = joinPath(p, 'stated');
        c.noUnknownKeys(stated, sp, ['annualTotal', 'perM2Year', 'fte', 'groupTotals']);
        for (const key of ['annualTotal', 'perM2Year', 'fte']) {
          if (stated[key] !== undefined) {
            c.decimal(stated[key], joinPath(sp, key), NON_NEGATIVE);
          }
        }
        if (stated['perM2Year'] !== undefined && !hasArea) {
          c.add(joinPath(sp, 'perM2Year'), 'a stated €/m²·a needs areaM2 on the calculation');
        }
        objects(c, stated['groupTotals'], joinPath(sp, 'groupTotals'), ['group', 'annual'], (g, gp) => {
          c.string(g['group'], joinPath(gp, 'group'));
          c.decimal(g['annual'], joinPath(gp, 'annual'), NON_NEGATIVE);
        });
      }
      if (basis === 'stated' && (stated === undefined || stated['annualTotal'] === undefined)) {
        c.add(
          joinPath(p, 'volumeBasis'),
          "'stated' needs stated.annualTotal",
          'add stated.annualTotal or use "computed"',
        );
      }
    },
    { required: true, nonEmpty: true },
  );
  c.uniqueIds(refs, 'variant');
  return ids;
}

function readInspectionBands(c: IssueCollector, value: unknown, groups: ReadonlySet<string>): void {
  objects(
    c,
    value,
    'inspectionBands',
    ['id', 'label', 'assetGroupIds', 'inspections', 'statedPerAssetYear'],
    (b, p) => {
      c.string(b['id'], joinPath(p, 'id'), ID);
      c.string(b['label'], joinPath(p, 'label'));
      readGroupRefs(c, b['assetGroupIds'], joinPath(p, 'assetGroupIds'), groups);
      objects(
        c,
        b['inspections'],
        joinPath(p, 'inspections'),
        ['label', 'cycleMonths', 'feeMin', 'feeMax'],
        (i, ip) => {
          c.string(i['label'], joinPath(ip, 'label'));
          c.integer(i['cycleMonths'], joinPath(ip, 'cycleMonths'), { min: 1, max: 240 });
          const min = c.decimal(i['feeMin'], joinPath(ip, 'feeMin'), NON_NEGATIVE);
          const max = c.decimal(i['feeMax'], joinPath(ip, 'feeMax'), NON_NEGATIVE);
          if (min !== undefined && max !== undefined && max.lt(min)) {
            c.add(joinPath(ip, 'feeMax'), `${max.toString()} is below feeMin ${min.toString()}`);
          }
        },
        { required: true, nonEmpty: true },
      );
      if (b['statedPerAssetYear'] !== undefined) {
        const s = c.object(b['statedPerAssetYear'], joinPath(p, 'statedPerAssetYear'));
        if (s !== undefined) {
          c.noUnknownKeys(s, joinPath(p, 'statedPerAssetYear'), ['min', 'max']);
          c.decimal(s['min'], joinPath(p, 'statedPerAssetYear.min'), NON_NEGATIVE);
          c.decimal(s['max'], joinPath(p, 'statedPerAssetYear.max'), NON_NEGATIVE);
        }
      }
    },
  );
}

function readIndexation(c: IssueCollector, value: unknown, scenario: unknown, variants: ReadonlySet<string>): void {
  if (value !== undefined) {
    const x = c.object(value, 'indexation');
    if (x !== undefined) {
      c.noUnknownKeys(x, 'indexation', [
        'fixedShare',
        'labourShare',
        'materialShare',
        'labourIndex',
        'materialIndex',
        'labourSeries',
        'materialSeries',
        'basePeriod',
        'minChangePercent',
        'maxChangePercent',
        'correctionFactor',
      ]);
      c.optionalString(x['labourSeries'], 'indexation.labourSeries');
      c.optionalString(x['materialSeries'], 'indexation.materialSeries');
      const base = c.optionalString(x['basePeriod'], 'indexation.basePeriod');
      if (base !== undefined && !/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(base)) {
        c.add('indexation.basePeriod', `expected a month 'YYYY-MM' or a year 'YYYY', got '${base}'`);
      }
      for (const key of ['minChangePercent', 'maxChangePercent'] as const) {
        if (x[key] !== undefined) c.decimal(x[key], `indexation.${key}`, NON_NEGATIVE);
      }
      if (x['correctionFactor'] !== undefined) {
        c.decimal(x['correctionFactor'], 'indexation.correctionFactor', {
          min: new Dec('0.0001'),
          expect: 'must be a positive factor',
        });
      }
      const a = c.decimal(x['fixedShare'], 'indexation.fixedShare', SHARE);
      const b = c.decimal(x['labourShare'], 'indexation.labourShare', SHARE);
      const m = c.decimal(x['materialShare'], 'indexation.materialShare', SHARE);
      c.optionalString(x['labourIndex'], 'indexation.labourIndex');
      c.optionalString(x['materialIndex'], 'indexation.materialIndex');
      if (a !== undefined && b !== undefined && m !== undefined && !a.plus(b).plus(m).eq(ONE)) {
        c.add(
          'indexation',
          `fixedShare + labourShare + materialShare = ${toDecimalString(a.plus(b).plus(m))}, must be exactly 1`,
          `e.g. set fixedShare to "${toDecimalString(ONE.minus(b).minus(m))}"`,
        );
      }
    }
  }
  if (scenario !== undefined) {
    const s = c.object(scenario, 'indexationScenario');
    if (s !== undefined) {
      c.noUnknownKeys(s, 'indexationScenario', ['variantId', 'labour', 'material']);
      const v = c.string(s['variantId'], 'indexationScenario.variantId');
      if (v !== undefined && !variants.has(v)) {
        c.add('indexationScenario.variantId', `unknown variant '${v}'`);
      }
      if (value === undefined) {
        c.add('indexationScenario', 'a scenario needs an indexation clause');
      }
      for (const key of ['labour', 'material']) {
        const iv = c.object(s[key], joinPath('indexationScenario', key));
        if (iv !== undefined) {
          const ip = joinPath('indexationScenario', key);
          c.noUnknownKeys(iv, ip, ['base', 'current']);
          c.decimal(iv['base'], joinPath(ip, 'base'), {
            min: new Dec('0.000001'),
            expect: 'an index must be positive',
          });
          c.decimal(iv['current'], joinPath(ip, 'current'), {
            min: new Dec('0.000001'),
            expect: 'an index must be positive',
          });
        }
      }
    }
  }
}

function readBonusMalus(c: IssueCollector, value: unknown): void {
  if (value === undefined) {
    return;
  }
  const bm = c.object(value, 'bonusMalus');
  if (bm === undefined) {
    return;
  }
  c.noUnknownKeys(bm, 'bonusMalus', ['capPercentOfVolume', 'kpis']);
  c.decimal(bm['capPercentOfVolume'], 'bonusMalus.capPercentOfVolume', NON_NEGATIVE);
  const kpiRefs: { id: string; path: string }[] = [];
  objects(
    c,
    bm['kpis'],
    'bonusMalus.kpis',
    ['kpi', 'label', 'unit', 'rule'],
    (k, p) => {
      const id = c.string(k['kpi'], joinPath(p, 'kpi'), ID);
      if (id !== undefined) {
        kpiRefs.push({ id, path: joinPath(p, 'kpi') });
      }
      c.string(k['label'], joinPath(p, 'label'));
      c.string(k['unit'], joinPath(p, 'unit'));
      const r = c.object(k['rule'], joinPath(p, 'rule'));
      if (r === undefined) {
        return;
      }
      const rp = joinPath(p, 'rule');
      const kind = c.oneOf(r['kind'], joinPath(rp, 'kind'), ['linear', 'stepped'] as const);
      if (kind === 'linear') {
        c.noUnknownKeys(r, rp, ['kind', 'points']);
        let previous: Dec | undefined;
        objects(
          c,
          r['points'],
          joinPath(rp, 'points'),
          ['value', 'percentOfVolume'],
          (pt, pp) => {
            const v = c.decimal(pt['value'], joinPath(pp, 'value'));
            c.decimal(pt['percentOfVolume'], joinPath(pp, 'percentOfVolume'));
            if (v !== undefined && previous !== undefined && !v.gt(previous)) {
              c.add(
                joinPath(pp, 'value'),
                `points must have strictly ascending values: ${v.toString()} after ${previous.toString()}`,
              );
            }
            previous = v ?? previous;
          },
          { required: true, nonEmpty: true },
        );
      } else if (kind === 'stepped') {
        c.noUnknownKeys(r, rp, ['kind', 'otherwisePercentOfVolume', 'steps']);
        c.decimal(r['otherwisePercentOfVolume'], joinPath(rp, 'otherwisePercentOfVolume'));
        let previous: Dec | undefined;
        objects(
          c,
          r['steps'],
          joinPath(rp, 'steps'),
          ['atLeast', 'percentOfVolume'],
          (st, sp) => {
            const v = c.decimal(st['atLeast'], joinPath(sp, 'atLeast'));
            c.decimal(st['percentOfVolume'], joinPath(sp, 'percentOfVolume'));
            if (v !== undefined && previous !== undefined && !v.gt(previous)) {
              c.add(
                joinPath(sp, 'atLeast'),
                `steps must have strictly ascending thresholds: ${v.toString()} after ${previous.toString()}`,
              );
            }
            previous = v ?? previous;
          },
          { required: true, nonEmpty: true },
        );
      }
    },
    { required: true, nonEmpty: true },
  );
  c.uniqueIds(kpiRefs, 'KPI');
}

function readScope(c: IssueCollector, value: unknown): void {
  if (value === undefined) {
    return;
  }
  const s = c.object(value, 'scope');
  if (s === undefined) {
    return;
  }
  c.noUnknownKeys(s, 'scope', ['inScope', 'outOfScope', 'outOfScopePriceListId']);
  for (const key of ['inScope', 'outOfScope']) {
    objects(
      c,
      s[key],
      joinPath('scope', key),
      ['id', 'label'],
      (o, p) => {
        c.string(o['id'], joinPath(p, 'id'), ID);
        c.string(o['label'], joinPath(p, 'label'));
      },
      { required: true },
    );
  }
  c.optionalString(s['outOfScopePriceListId'], 'scope.outOfScopePriceListId');
}

function readEffortPlan(
  c: IssueCollector,
  value: unknown,
  variants: ReadonlySet<string>,
  rates: ReadonlySet<string>,
): void {
  if (value === undefined) {
    return;
  }
  const e = c.object(value, 'effortPlan');
  if (e === undefined) {
    return;
  }
  c.noUnknownKeys(e, 'effortPlan', ['variantId', 'months']);
  const v = c.string(e['variantId'], 'effortPlan.variantId');
  if (v !== undefined && !variants.has(v)) {
    c.add('effortPlan.variantId', `unknown variant '${v}' (variants: ${[...variants].join(', ')})`);
  }
  objects(
    c,
    e['months'],
    'effortPlan.months',
    ['month', 'hours', 'materials'],
    (m, p) => {
      c.string(m['month'], joinPath(p, 'month'), { pattern: MONTH_PATTERN, expect: 'a month YYYY-MM' });
      objects(
        c,
        m['hours'],
        joinPath(p, 'hours'),
        ['rateId', 'hours'],
        (h, hp) => {
          const r = c.string(h['rateId'], joinPath(hp, 'rateId'));
          if (r !== undefined && !rates.has(r)) {
            c.add(
              joinPath(hp, 'rateId'),
              `unknown internal cost rate '${r}' (known: ${[...rates].join(', ') || 'none'})`,
            );
          }
          c.decimal(h['hours'], joinPath(hp, 'hours'), NON_NEGATIVE);
        },
        { required: true },
      );
      objects(
        c,
        m['materials'],
        joinPath(p, 'materials'),
        ['label', 'cost'],
        (x, xp) => {
          c.string(x['label'], joinPath(xp, 'label'));
          c.decimal(x['cost'], joinPath(xp, 'cost'), NON_NEGATIVE);
        },
        { required: true },
      );
    },
    { required: true, nonEmpty: true },
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) {
      deepFreeze(v);
    }
    Object.freeze(value);
  }
  return value;
}
