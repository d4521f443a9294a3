import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  contractRuleProblems,
  contractTermsProblems,
  issuesToProblems,
  priceListProblems,
  type ContractTermsInput,
} from './catalog-terms.validation';

const data = path.join(__dirname, '../../../../demo-data/data');
const json = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(data, file), 'utf8')) as Record<string, unknown>;

const onSite = { week: { mon: [['06:00', '22:00']], tue: [['06:00', '22:00']], fri: [['06:00', '22:00']] } };
const target = (calendar: string, minutes: number) => ({ budget: { kind: 'minutes', minutes }, calendar });
const matrix = (restoreCalendar = 'on-site') => ({
  A: { response: target('24-7', 15), restore: target('24-7', 60) },
  B: { response: target('24-7', 30), restore: target('24-7', 240) },
  C: {
    response: target('on-site', 480),
    restore: { budget: { kind: 'businessDays', days: 1 }, calendar: restoreCalendar },
  },
});

function terms(overrides: Partial<ContractTermsInput> = {}): ContractTermsInput {
  return {
    startsOn: '2027-01-01',
    endsOn: '2031-12-31',
    calendars: { '24-7': json('calendars/24-7.json'), 'on-site': onSite },
    slaMatrix: matrix(),
    availabilityTargets: { A: '0.995' },
    availabilityBasis: '24-7',
    quietWarningsCalendar: null,
    bonusMalus: null,
    indexation: null,
    economics: null,
    ...overrides,
  };
}

const fields = (problems: Array<{ field: string }>): string[] => problems.map((p) => p.field);

describe('price list validation with the domain parser', () => {
  it('accepts the corrected seed-004 price list', () => {
    expect(priceListProblems(json('price-lists/seed-004-itk-service-price-list.json'))).toEqual([]);
  });

  it('names the seed-004 overhead gap 20.01–21.00 € under data.material.overheadTiers', () => {
    const list = json('price-lists/seed-004-itk-service-price-list.json');
    const material = list['material'] as { overheadTiers: Array<{ fromPrice: string }> };
    const tier = material.overheadTiers.find((t) => t.fromPrice === '20.01');
    if (!tier) throw new Error('seed-004 tier 20.01 missing');
    tier.fromPrice = '21.01';
    const problems = priceListProblems(list);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toMatch(/^data\.material\.overheadTiers\[\d+\]\.fromPrice$/);
    expect(problems[0]?.messages[0]).toContain('gap: 20.01–21.00 €');
  });

  it('lists every problem, each with its own data path', () => {
    const problems = priceListProblems({ schemaVersion: 2, roles: 'x' });
    expect(problems.length).toBeGreaterThan(1);
    expect(fields(problems)).toContain('data.schemaVersion');
    expect(fields(problems).every((f) => f.startsWith('data'))).toBe(true);
  });

  it('maps issues without a path to the prefix and keeps hints', () => {
    expect(issuesToProblems('data', [{ path: '', message: 'bad', hint: 'fix it' }])).toEqual([
      { field: 'data', messages: ['bad — fix: fix it'] },
    ]);
  });
});

describe('contract terms validation', () => {
  const berlin = [{ state: 'DE-BY', timezone: 'Europe/Berlin' }];

  it('accepts a consistent contract', () => {
    expect(contractTermsProblems(terms(), berlin)).toEqual([]);
    expect(contractTermsProblems(terms(), [])).toEqual([]);
  });

  it('names an SLA target whose calendar does not exist', () => {
    const problems = contractTermsProblems(terms({ slaMatrix: matrix('office') }), berlin);
    expect(fields(problems)).toEqual(['slaMatrix.C.restore.calendar']);
    expect(problems[0]?.messages[0]).toContain("unknown calendar 'office'");
  });

  it('names a missing SLA row and a bad budget', () => {
    const noC = { A: matrix().A, B: matrix().B };
    expect(fields(contractTermsProblems(terms({ slaMatrix: noC }), berlin))).toEqual(['slaMatrix.C.response']);
    const bad = {
      ...matrix(),
      A: { ...matrix().A, response: { budget: { kind: 'minutes', minutes: -5 }, calendar: '24-7' } },
    };
    expect(fields(contractTermsProblems(terms({ slaMatrix: bad }), berlin))).toEqual([
      'slaMatrix.A.response.budget.minutes',
    ]);
  });

  it('names the calendar and the field of a malformed calendar', () => {
    const calendars = { '24-7': json('calendars/24-7.json'), 'on-site': { week: { mon: [['22:00', '06:00']] } } };
    const problems = contractTermsProblems(terms({ calendars }), berlin);
    expect(fields(problems)).toEqual(['calendars.on-site.week.mon[0]']);
  });

  it('names an unknown time zone and holiday region of a calendar', () => {
    const calendars = {
      '24-7': { ...json('calendars/24-7.json'), timezone: 'Mars/Olympus' },
      'on-site': { ...onSite, holidayRegion: 'XX-YY' },
    };
    expect(fields(contractTermsProblems(terms({ calendars }), berlin))).toEqual([
      'calendars.24-7.timezone',
      'calendars.on-site.holidayRegion',
    ]);
  });

  it('rejects a calendar that is not an object', () => {
    expect(
      fields(contractTermsProblems(terms({ calendars: { '24-7': 'always', 'on-site': onSite } }), berlin)),
    ).toEqual(['calendars.24-7']);
  });

  it('checks the term, the availability basis and the quiet-warnings calendar', () => {
    const problems = contractTermsProblems(
      terms({ endsOn: '2026-12-31', availabilityBasis: 'office', quietWarningsCalendar: 'night' }),
      berlin,
    );
    expect(fields(problems)).toEqual(['endsOn', 'availabilityBasis', 'quietWarningsCalendar']);
    expect(
      fields(contractTermsProblems(terms({ availabilityBasis: 'on-site', quietWarningsCalendar: 'on-site' }), berlin)),
    ).toEqual([]);
  });
});

describe('bonus/malus, indexation and economics with the domain contract parser', () => {
  const bonusMalus = {
    capPercentOfVolume: '2',
    kpis: [
      {
        kpi: 'availability-a',
        label: 'Verfügbarkeit A',
        unit: '%',
        rule: {
          kind: 'linear',
          points: [
            { value: '99.0', percentOfVolume: '-2' },
            { value: '99.5', percentOfVolume: '0' },
          ],
        },
      },
    ],
  };

  it('accepts seed-002-like rules and the seed contract calculations as economics', () => {
    expect(
      contractRuleProblems({
        bonusMalus,
        indexation: { fixedShare: '0', labourShare: '0.6', materialShare: '0.4' },
        economics: json('contracts/seed-002-total-technical-service.json'),
      }),
    ).toEqual([]);
  });

  it('names indexation shares that do not add up to 1 and bonus/malus points out of order', () => {
    const badKpis = [
      {
        ...bonusMalus.kpis[0],
        rule: {
          kind: 'linear',
          points: [
            { value: '99.5', percentOfVolume: '0' },
            { value: '99.0', percentOfVolume: '-2' },
          ],
        },
      },
    ];
    const problems = contractRuleProblems({
      bonusMalus: { capPercentOfVolume: 2, kpis: badKpis },
      indexation: { fixedShare: '0.1', labourShare: '0.6', materialShare: '0.4' },
      economics: null,
    });
    expect(fields(problems).sort()).toEqual([
      'bonusMalus.capPercentOfVolume',
      'bonusMalus.kpis[0].rule.points[1].value',
      'indexation',
    ]);
  });

  it('prefixes the problems of an invalid calculation with economics', () => {
    const problems = contractRuleProblems({ bonusMalus: null, indexation: null, economics: { schemaVersion: 1 } });
    expect(problems.length).toBeGreaterThan(0);
    expect(fields(problems).every((f) => f.startsWith('economics.'))).toBe(true);
  });
});
