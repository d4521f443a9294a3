import {
  addDays,
  buildMonthGrid,
  buildYearTable,
  daysInMonth,
  isIsoDay,
  isMonthKey,
  isoWeek,
  monthGridRange,
  shiftMonth,
  todayIn,
} from './calendar-grid';

const item = (id: string, targetDate: string, status: string) => ({ id, targetDate, status });

describe('calendar grid', () => {
  it('shifts months across year ends', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-03', -15)).toBe('2024-12');
    expect(shiftMonth('2026-03', 0)).toBe('2026-03');
  });

  it('knows month lengths, leap years included', () => {
    expect(daysInMonth('2028-02')).toBe(29);
    expect(daysInMonth('2026-02')).toBe(28);
    expect(daysInMonth('2100-02')).toBe(28); // divisible by 100, not by 400
    expect(daysInMonth('2000-02')).toBe(29);
    expect(daysInMonth('2026-04')).toBe(30);
    expect(daysInMonth('2026-12')).toBe(31);
  });

  it('adds days on plain dates without a zone shift (the DST change in Berlin is on 2026-03-29)', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('numbers ISO weeks by their Thursday', () => {
    expect(isoWeek('2026-01-01')).toBe(1); // a Thursday
    expect(isoWeek('2027-01-01')).toBe(53); // a Friday: still week 53 of 2026
    expect(isoWeek('2026-12-07')).toBe(50);
    expect(isoWeek('2024-12-30')).toBe(1); // Monday of week 1 of 2025
  });

  it('spans Monday to Sunday around the month', () => {
    // December 2026 starts on a Tuesday and ends on a Thursday.
    expect(monthGridRange('2026-12')).toEqual({ from: '2026-11-30', to: '2027-01-03' });
    // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
    expect(monthGridRange('2027-02')).toEqual({ from: '2027-02-01', to: '2027-02-28' });
  });

  it('builds 4–6 weeks with the items on their target days, most urgent first', () => {
    const grid = buildMonthGrid(
      '2026-12',
      [
        item('b', '2026-12-07', 'planned'),
        item('a', '2026-12-07', 'missed'),
        item('c', '2026-12-07', 'done-on-time'),
        item('d', '2026-12-07', 'overdue'),
        item('e', '2026-11-30', 'done-late'), // leading day of the previous month
        item('f', '2027-01-10', 'planned'), // outside the grid: not shown
      ],
      '2026-12-07',
    );
    expect(grid.weeks).toHaveLength(5);
    expect(grid.weeks.map((w) => w.isoWeek)).toEqual([49, 50, 51, 52, 53]);
    expect(grid.weeks.every((w) => w.days.length === 7)).toBe(true);
    const first = grid.weeks[0]?.days[0];
    expect(first).toMatchObject({ date: '2026-11-30', day: 30, inMonth: false, weekend: false });
    expect(first?.items.map((i) => i.id)).toEqual(['e']);
    const today = grid.weeks[1]?.days[0];
    expect(today).toMatchObject({ date: '2026-12-07', isToday: true, inMonth: true });
    expect(today?.items.map((i) => i.id)).toEqual(['a', 'd', 'b', 'c']);
    expect(grid.weeks[1]?.days[5]).toMatchObject({ date: '2026-12-12', weekend: true });
    const all = grid.weeks.flatMap((w) => w.days.flatMap((d) => d.items.map((i) => i.id)));
    expect(all.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('gives a month starting on Monday exactly its own days', () => {
    const grid = buildMonthGrid('2027-02', [], '2026-12-07');
    expect(grid.weeks).toHaveLength(4);
    expect(grid.weeks.flatMap((w) => w.days).every((d) => d.inMonth && !d.isToday)).toBe(true);
  });

  it('counts a year per month and status, with totals that miss no row', () => {
    const table = buildYearTable(2026, [
      item('1', '2026-01-15', 'done-on-time'),
      item('2', '2026-01-31', 'done-late'),
      item('3', '2026-02-28', 'missed'),
      item('4', '2026-12-31', 'planned'),
      item('5', '2026-12-01', 'planned'),
      item('6', '2025-12-31', 'missed'), // another year
      item('7', '2026-06-01', 'something-new'), // unknown status: in the total only
    ]);
    expect(table.rows).toHaveLength(12);
    expect(table.rows[0]).toMatchObject({ month: '2026-01' });
    expect(table.rows[0]?.counts).toMatchObject({ 'done-on-time': 1, 'done-late': 1, missed: 0, total: 2 });
    expect(table.rows[1]?.counts).toMatchObject({ missed: 1, total: 1 });
    expect(table.rows[5]?.counts.total).toBe(1);
    expect(table.rows[11]?.counts).toMatchObject({ planned: 2, total: 2 });
    expect(table.totals).toMatchObject({
      planned: 2,
      due: 0,
      overdue: 0,
      'done-on-time': 1,
      'done-late': 1,
      missed: 1,
      cancelled: 0,
      total: 6,
    });
  });

  it('validates month keys and dates', () => {
    expect(isMonthKey('2026-12')).toBe(true);
    expect(isMonthKey('2026-13')).toBe(false);
    expect(isMonthKey(undefined)).toBe(false);
    expect(isIsoDay('2028-02-29')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2026-2-1')).toBe(false);
  });

  it("takes today in the site's zone, not the browser's", () => {
    const lateEvening = new Date('2026-12-31T23:30:00Z');
    expect(todayIn(lateEvening, 'Europe/Berlin')).toBe('2027-01-01');
    expect(todayIn(lateEvening, 'UTC')).toBe('2026-12-31');
  });
});
