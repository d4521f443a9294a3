import { computeCompliance } from '../maintenance/compliance';
import type { ComplianceInput } from '../maintenance/maintenance.types';
import { sumCompliance } from './compliance-sum';

const item = (id: string, trade: string, targetDate: string, completedOn?: string): ComplianceInput => ({
  occurrenceId: id,
  trade,
  targetDate,
  onTimeLimit: targetDate,
  legalLatest: `${targetDate.slice(0, 8)}28`,
  ...(completedOn === undefined ? {} : { completedOn }),
  evidenceAccepted: completedOn !== undefined,
  cancelled: false,
});

describe('sumCompliance', () => {
  const items = [
    item('a', 'elevators', '2026-10-05', '2026-10-05'), // on time
    item('b', 'sprinklers', '2026-10-12', '2026-10-14'), // late
    item('c', 'sprinklers', '2026-11-03', '2026-11-03'), // on time
    item('d', 'sprinklers', '2026-11-10'), // missed (28 Nov passed)
    item('e', 'elevators', '2026-12-01', '2026-12-01'), // on time
  ];
  const today = '2026-12-20';
  const month = (from: string, to: string) => computeCompliance(items, { from, to }, today);

  it('adds the months up: the quarter is 3 of 5 = 60.00 %, as if computed at once', () => {
    const sum = sumCompliance([
      { label: '2026-10 (eingefroren)', result: month('2026-10-01', '2026-10-31') },
      { label: '2026-11 (eingefroren)', result: month('2026-11-01', '2026-11-30') },
      { label: '2026-12', result: month('2026-12-01', '2026-12-31') },
    ]);
    const direct = computeCompliance(items, { from: '2026-10-01', to: '2026-12-31' }, today);
    // Oct 1 of 2, Nov 1 of 2, Dec 1 of 1 → 3 of 5 = 60.00 %
    expect(sum.total).toMatchObject({ due: 5, onTime: 3, late: 1, missed: 1, open: 0, percent: '60.00' });
    expect({ ...sum.total, derivation: [] }).toEqual({ ...direct.total, derivation: [] });
    expect(sum.total.derivation).toEqual([
      '2026-10 (eingefroren): 1 von 2 fristgerecht',
      '2026-11 (eingefroren): 1 von 2 fristgerecht',
      '2026-12: 1 von 1 fristgerecht',
      'Summe: fällig 5, fristgerecht 3, verspätet 1, versäumt 1, offen 0',
      'Quote: 3 ÷ 5 × 100 = 60,00 %',
    ]);
    // elevators 2 of 2 = 100.00 %; sprinklers 1 of 3 = 33.33 %
    expect(Object.fromEntries(Object.entries(sum.byTrade).map(([k, f]) => [k, f.percent]))).toEqual({
      elevators: '100.00',
      sprinklers: '33.33',
    });
  });

  it('a frozen month keeps what it was frozen with, whatever the occurrences say now', () => {
    const frozenOctober = month('2026-10-01', '2026-10-31'); // 1 of 2
    const edited = items.map((i) => (i.occurrenceId === 'b' ? { ...i, completedOn: '2026-10-12' } : i));
    const liveOctober = computeCompliance(edited, { from: '2026-10-01', to: '2026-10-31' }, today); // 2 of 2
    expect(liveOctober.total.percent).toBe('100.00');
    const sum = sumCompliance([{ label: '2026-10 (eingefroren)', result: frozenOctober }]);
    expect(sum.total.percent).toBe('50.00');
  });

  it('nothing due: no percentage', () => {
    expect(sumCompliance([]).total).toMatchObject({ due: 0, percent: null });
  });
});
