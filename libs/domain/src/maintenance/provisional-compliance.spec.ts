import { computeCompliance, isUndecided, provisionalCompliance, provisionalComplianceOfCounts } from './compliance';
import type { ComplianceInput } from './maintenance.types';

const item = (
  occurrenceId: string,
  targetDate: string,
  onTimeLimit: string,
  legalLatest: string,
  more: Partial<ComplianceInput> = {},
): ComplianceInput => ({
  occurrenceId,
  trade: 'elevators',
  targetDate,
  onTimeLimit,
  legalLatest,
  evidenceAccepted: false,
  cancelled: false,
  ...more,
});

const MARCH = { from: '2026-03-01', to: '2026-03-31' };

describe('undecided occurrences', () => {
  it('are those neither completed nor past their on-time limit', () => {
    expect(isUndecided({ onTimeLimit: '2026-03-12' }, '2026-03-10')).toBe(true);
    expect(isUndecided({ onTimeLimit: '2026-03-10' }, '2026-03-10')).toBe(true); // the limit day itself still counts
    expect(isUndecided({ onTimeLimit: '2026-03-09' }, '2026-03-10')).toBe(false);
    expect(isUndecided({ onTimeLimit: '2026-03-12', completedOn: '2026-03-08' }, '2026-03-10')).toBe(false);
  });
});

describe('provisional compliance (the rule of the KPI roll-up)', () => {
  it('counts decided occurrences up to today; the rest is undecided, never a miss', () => {
    // today 2026-03-10:
    //   A target 03-02, done 03-02 with evidence → on time
    //   B target 03-05, limit 03-05, legal 03-20, not done → decided (limit passed), open: counts against
    //   C target 03-09, limit 03-12, not done → undecided (can still be done on time)
    //   D target 03-25, not done → undecided (not due yet)
    //   E target 03-26, done early 03-09 with evidence → not counted before its target date (as in the roll-up)
    //   F target 03-04, cancelled → cancelled, not counted
    // → due 2 (A, B), on time 1 → 1 ÷ 2 × 100 = 50.00 %, undecided 3 (C, D, E)
    const items = [
      item('A', '2026-03-02', '2026-03-02', '2026-03-16', { completedOn: '2026-03-02', evidenceAccepted: true }),
      item('B', '2026-03-05', '2026-03-05', '2026-03-20'),
      item('C', '2026-03-09', '2026-03-12', '2026-03-23'),
      item('D', '2026-03-25', '2026-03-25', '2026-04-08'),
      item('E', '2026-03-26', '2026-03-26', '2026-04-09', { completedOn: '2026-03-09', evidenceAccepted: true }),
      item('F', '2026-03-04', '2026-03-04', '2026-03-18', { cancelled: true }),
    ];
    const r = provisionalCompliance(items, MARCH, '2026-03-10');
    expect(r.measuredTo).toBe('2026-03-10');
    expect(r.total).toMatchObject({ due: 2, onTime: 1, late: 0, missed: 0, open: 1, cancelled: 1, percent: '50.00' });
    expect(r.total.nonCompliant).toEqual([{ occurrenceId: 'B', reason: 'open' }]);
    expect(r.undecided).toEqual({ total: 3, byTrade: { elevators: 3 } });
    expect(r.total.derivation.at(-1)).toBe(
      'Noch nicht entschieden (nicht erledigt und Toleranz läuft noch, oder Zieldatum nach 10.03.2026): 3 – nicht gezählt',
    );
    // the plain figure counts the whole month: A and E on time, B, C and D open against it → 2 ÷ 5 = 40.00 %
    expect(computeCompliance(items, MARCH, '2026-03-10').total).toMatchObject({ due: 5, open: 3, percent: '40.00' });
  });

  it('equals computeCompliance for a closed period whose on-time limits have all passed', () => {
    const items = [
      item('A', '2026-03-02', '2026-03-03', '2026-03-16', { completedOn: '2026-03-03', evidenceAccepted: true }),
      item('B', '2026-03-15', '2026-03-15', '2026-03-30', { completedOn: '2026-03-20', evidenceAccepted: true }),
      item('C', '2026-03-31', '2026-03-31', '2026-04-14'),
    ];
    const today = '2026-04-20';
    const r = provisionalCompliance(items, MARCH, today);
    const plain = computeCompliance(items, MARCH, today);
    expect(r.measuredTo).toBe('2026-03-31');
    expect(r.undecided.total).toBe(0);
    expect(r.total).toEqual(plain.total);
    expect(r.byTrade).toEqual(plain.byTrade);
    // 1 on time, 1 late, 1 missed (legal latest 04-14 passed) → 1 ÷ 3 = 33.33 %
    expect(r.total).toMatchObject({ due: 3, onTime: 1, late: 1, missed: 1, percent: '33.33' });
  });

  it('has nothing due in a period wholly ahead: every occurrence is undecided, per trade', () => {
    const items = [
      item('A', '2026-03-02', '2026-03-02', '2026-03-16'),
      item('B', '2026-03-20', '2026-03-20', '2026-04-02', { trade: 'sprinkler' }),
    ];
    const r = provisionalCompliance(items, MARCH, '2026-02-27');
    expect(r.total).toMatchObject({ due: 0, percent: null });
    expect(r.undecided).toEqual({ total: 2, byTrade: { elevators: 1, sprinkler: 1 } });
  });

  it('notes undecided ones per trade only where the trade has them', () => {
    const items = [
      item('A', '2026-03-02', '2026-03-02', '2026-03-16', { completedOn: '2026-03-02', evidenceAccepted: true }),
      item('B', '2026-03-03', '2026-03-03', '2026-03-17', { trade: 'sprinkler' }),
      item('C', '2026-03-09', '2026-03-12', '2026-03-23', { trade: 'sprinkler' }),
    ];
    const r = provisionalCompliance(items, MARCH, '2026-03-10');
    expect(r.byTrade['elevators']?.derivation.some((l) => l.startsWith('Noch nicht entschieden'))).toBe(false);
    expect(r.byTrade['sprinkler']?.derivation.at(-1)).toContain(': 1 – nicht gezählt');
    expect(r.byTrade['sprinkler']).toMatchObject({ due: 1, onTime: 0, open: 1, percent: '0.00' });
  });

  it('refuses a period that ends before it starts, naming period.to', () => {
    expect(() => provisionalCompliance([], { from: '2026-03-31', to: '2026-03-01' }, '2026-03-10')).toThrow(
      expect.objectContaining({ field: 'period.to' }),
    );
  });
});

describe('provisional compliance from counts (what the compliance endpoint counts in SQL)', () => {
  const zero = { onTime: 0, late: 0, missed: 0, open: 0, cancelled: 0, undecided: 0 };

  it('gives the figures, derivations and undecided notes of provisionalCompliance over the same occurrences', () => {
    // today 2026-03-10, March:
    //   elevators: A on time, B open (limit passed), C undecided (limit ahead), F cancelled
    //   sprinkler: G late (done 03-06 after its limit 03-04), H missed (legal latest 03-09 passed), D undecided (ahead)
    const items = [
      item('A', '2026-03-02', '2026-03-02', '2026-03-16', { completedOn: '2026-03-02', evidenceAccepted: true }),
      item('G', '2026-03-03', '2026-03-04', '2026-03-12', {
        trade: 'sprinkler',
        completedOn: '2026-03-06',
        evidenceAccepted: true,
      }),
      item('F', '2026-03-04', '2026-03-04', '2026-03-18', { cancelled: true }),
      item('B', '2026-03-05', '2026-03-05', '2026-03-20'),
      item('H', '2026-03-05', '2026-03-05', '2026-03-09', { trade: 'sprinkler' }),
      item('C', '2026-03-09', '2026-03-12', '2026-03-23'),
      item('D', '2026-03-25', '2026-03-25', '2026-04-08', { trade: 'sprinkler' }),
    ];
    const expected = provisionalCompliance(items, MARCH, '2026-03-10');
    const r = provisionalComplianceOfCounts(
      [
        { ...zero, trade: 'sprinkler', late: 1, missed: 1, undecided: 1 },
        { ...zero, trade: 'elevators', onTime: 1, open: 1, cancelled: 1, undecided: 1 },
      ],
      [
        { occurrenceId: 'G', trade: 'sprinkler', reason: 'late' },
        { occurrenceId: 'B', trade: 'elevators', reason: 'open' },
        { occurrenceId: 'H', trade: 'sprinkler', reason: 'missed' },
      ],
      MARCH,
      '2026-03-10',
    );
    expect(r).toEqual(expected);
    // 1 on time of 4 due (A; B open, G late, H missed) → 1 ÷ 4 × 100 = 25.00 %; 2 undecided (C, D)
    expect(r.total).toMatchObject({ due: 4, onTime: 1, late: 1, missed: 1, open: 1, cancelled: 1, percent: '25.00' });
    expect(Object.keys(r.byTrade)).toEqual(['elevators', 'sprinkler']);
  });

  it('lists a trade with only undecided occurrences in undecidedByTrade, not among the figures', () => {
    const r = provisionalComplianceOfCounts([{ ...zero, trade: 'sprinkler', undecided: 3 }], [], MARCH, '2026-02-27');
    expect(r).toEqual(
      provisionalCompliance(
        ['A', 'B', 'C'].map((id) => item(id, '2026-03-20', '2026-03-20', '2026-04-02', { trade: 'sprinkler' })),
        MARCH,
        '2026-02-27',
      ),
    );
    expect(r.byTrade).toEqual({});
    expect(r.total.derivation[0]).toBe('Alle Gewerke, Zeitraum 01.03.2026–01.03.2026, Stand 27.02.2026');
  });

  it('refuses a period that ends before it starts, naming period.to', () => {
    expect(() => provisionalComplianceOfCounts([], [], { from: '2026-03-31', to: '2026-03-01' }, '2026-03-10')).toThrow(
      expect.objectContaining({ field: 'period.to' }),
    );
  });
});
