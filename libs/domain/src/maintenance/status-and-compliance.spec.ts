import { computeCompliance } from './compliance';
import type { ComplianceInput } from './maintenance.types';
import { graceDays, occurrenceStatus, onTimeLimit } from './status';

describe('the three SMRP grace rules', () => {
  it.each([
    // 20 % of the nominal interval (week 7, month 30, year 360 days), rounded half up, capped at 28 days
    [{ every: 1, unit: 'week' }, 1], // 7 × 0.2 = 1.4 → 1
    [{ every: 2, unit: 'week' }, 3], // 14 × 0.2 = 2.8 → 3
    [{ every: 1, unit: 'month' }, 6], // 30 × 0.2 = 6
    [{ every: 2, unit: 'month' }, 12],
    [{ every: 3, unit: 'month' }, 18],
    [{ every: 4, unit: 'month' }, 24],
    [{ every: 6, unit: 'month' }, 28], // 36 → cap 28
    [{ every: 1, unit: 'year' }, 28],
  ] as const)('twenty-percent of %j = %i days', (cadence, days) => {
    expect(graceDays(cadence, 'twenty-percent')).toBe(days);
  });

  it('none = by the target date, one-day = + 1', () => {
    expect(graceDays({ every: 1, unit: 'month' }, 'none')).toBe(0);
    expect(graceDays({ every: 1, unit: 'month' }, 'one-day')).toBe(1);
  });

  it('onTimeLimit = min(target + grace, legalLatest)', () => {
    const o = { targetDate: '2027-03-01', legalLatest: '2027-04-30' };
    expect(onTimeLimit(o, { every: 2, unit: 'month' }, 'none')).toBe('2027-03-01');
    expect(onTimeLimit(o, { every: 2, unit: 'month' }, 'one-day')).toBe('2027-03-02');
    expect(onTimeLimit(o, { every: 2, unit: 'month' }, 'twenty-percent')).toBe('2027-03-13'); // + 12 days
    // a statutory deadline: target = legal latest, so no grace rule passes it
    const lift = { targetDate: '2027-03-10', legalLatest: '2027-03-10' };
    expect(onTimeLimit(lift, { every: 2, unit: 'year' }, 'twenty-percent')).toBe('2027-03-10');
    // weekly: 2027-08-02 + 1 day grace, but the legal latest date is the same day
    expect(
      onTimeLimit({ targetDate: '2027-08-08', legalLatest: '2027-08-08' }, { every: 1, unit: 'week' }, 'one-day'),
    ).toBe('2027-08-08');
  });
});

describe('occurrence status', () => {
  const o = {
    workOrderFrom: '2027-01-25',
    targetDate: '2027-03-01',
    onTimeLimit: '2027-03-13',
    legalLatest: '2027-04-30',
    cancelled: false,
  };
  it.each([
    ['2027-01-24', {}, 'planned'],
    ['2027-01-25', {}, 'due'],
    ['2027-03-01', {}, 'due'],
    ['2027-03-02', {}, 'overdue'], // not started after its target date
    ['2027-03-02', { startedOn: '2027-03-02' }, 'due'], // started, not yet complete
    ['2027-05-01', {}, 'missed'],
    ['2027-05-01', { startedOn: '2027-04-01' }, 'missed'],
    ['2027-03-20', { completedOn: '2027-03-13' }, 'done-on-time'],
    ['2027-03-20', { completedOn: '2027-03-14' }, 'done-late'],
    ['2027-06-01', { completedOn: '2027-04-30' }, 'done-late'],
    ['2027-06-01', { completedOn: '2027-05-02' }, 'missed'], // a late completion never heals a miss
    ['2027-02-01', { cancelled: true }, 'cancelled'],
  ] as const)('on %s with %j → %s', (today, extra, status) => {
    expect(occurrenceStatus({ ...o, ...extra }, today)).toBe(status);
  });
});

describe('compliance per period and trade', () => {
  const base = { onTimeLimit: '', legalLatest: '', evidenceAccepted: true, cancelled: false };
  const item = (
    id: string,
    trade: string,
    targetDate: string,
    onTime: string,
    legal: string,
    extra: Partial<ComplianceInput> = {},
  ): ComplianceInput => ({
    ...base,
    occurrenceId: id,
    trade,
    targetDate,
    onTimeLimit: onTime,
    legalLatest: legal,
    ...extra,
  });

  const items: ComplianceInput[] = [
    // elevators: 4 due in January 2027
    item('e1', 'elevators', '2027-01-04', '2027-01-04', '2027-02-28', { completedOn: '2027-01-04' }), // on time
    item('e2', 'elevators', '2027-01-11', '2027-01-11', '2027-03-07', { completedOn: '2027-01-12' }), // late
    item('e3', 'elevators', '2027-01-18', '2027-01-18', '2027-01-18', { completedOn: '2027-01-20' }), // statutory: missed
    item('e4', 'elevators', '2027-01-25', '2027-01-25', '2027-03-21', {
      completedOn: '2027-01-22',
      evidenceAccepted: false,
    }), // open
    // sprinkler: 2 due, 1 cancelled (asset out of service), 1 outside the period
    item('s1', 'sprinkler', '2027-01-06', '2027-01-06', '2027-01-06', { completedOn: '2027-01-05' }),
    item('s2', 'sprinkler', '2027-01-13', '2027-01-13', '2027-01-13'), // never completed → missed
    item('s3', 'sprinkler', '2027-01-20', '2027-01-20', '2027-01-20', { cancelled: true }),
    item('s4', 'sprinkler', '2027-02-03', '2027-02-03', '2027-02-03', { completedOn: '2027-02-03' }),
  ];

  it('on time ÷ due with the derivation in German, per trade and in total', () => {
    const r = computeCompliance(items, { from: '2027-01-01', to: '2027-01-31' }, '2027-02-15');
    // total: due = 4 elevators + 2 sprinkler = 6 (s3 cancelled, s4 outside); on time e1, s1 = 2 → 2 ÷ 6 = 33.33 %
    expect(r.total).toMatchObject({ due: 6, onTime: 2, late: 1, missed: 2, open: 1, cancelled: 1, percent: '33.33' });
    expect(r.total.derivation).toEqual([
      'Alle Gewerke, Zeitraum 01.01.2027–31.01.2027, Stand 15.02.2027',
      'Fällig im Zeitraum (Zieldatum im Zeitraum, offene eingeschlossen): 6 (1 storniert, nicht gezählt)',
      'Fristgerecht mit anerkanntem Nachweis: 2',
      'Verspätet (nach Toleranz, vor spätestem Termin): 1',
      'Versäumt (spätester Termin überschritten oder ohne anerkannten Nachweis): 2',
      'Offen: 1',
      'Quote: 2 ÷ 6 × 100 = 33,33 %',
    ]);
    expect(r.total.nonCompliant).toEqual([
      { occurrenceId: 'e2', reason: 'late' },
      { occurrenceId: 'e3', reason: 'missed' },
      { occurrenceId: 'e4', reason: 'open' },
      { occurrenceId: 's2', reason: 'missed' },
    ]);
    // elevators 1 ÷ 4 = 25.00 %, sprinkler 1 ÷ 2 = 50.00 %
    expect(Object.keys(r.byTrade)).toEqual(['elevators', 'sprinkler']);
    expect(r.byTrade['elevators']?.percent).toBe('25.00');
    expect(r.byTrade['sprinkler']?.percent).toBe('50.00');
    expect(r.byTrade['sprinkler']?.derivation[0]).toBe(
      'Gewerk Sprinkler, Zeitraum 01.01.2027–31.01.2027, Stand 15.02.2027',
    );
  });

  it('completed in time without accepted evidence is open until the legal latest date, then missed', () => {
    const e4 = items[3] as ComplianceInput;
    expect(computeCompliance([e4], { from: '2027-01-01', to: '2027-01-31' }, '2027-03-21').total.nonCompliant).toEqual([
      { occurrenceId: 'e4', reason: 'open' },
    ]);
    expect(computeCompliance([e4], { from: '2027-01-01', to: '2027-01-31' }, '2027-03-22').total.nonCompliant).toEqual([
      { occurrenceId: 'e4', reason: 'missed' },
    ]);
  });

  it('a malformed date is refused naming the item and field (dates compare as strings)', () => {
    const bad = { ...(items[0] as ComplianceInput), legalLatest: '2027-2-28' };
    expect(() => computeCompliance([bad], { from: '2027-01-01', to: '2027-01-31' }, '2027-02-15')).toThrow(
      expect.objectContaining({ field: 'items[0].legalLatest' }),
    );
  });

  it('nothing due → percent null, "keine Daten"', () => {
    const r = computeCompliance([], { from: '2027-01-01', to: '2027-01-31' }, '2027-02-15');
    expect(r.total.percent).toBeNull();
    expect(r.total.derivation.at(-1)).toBe('Quote: keine Fälligkeiten im Zeitraum – keine Daten');
  });
});
