import { CalendarSpecError, SlaInputError } from '@leitstand/domain';
import type { ContractEntity } from './entities/contract.entity';
import { calendarsForSite, contractTermsForSite } from './contract-terms';
import { databaseName } from './database-admin';

const ALL_DAY: Array<[string, string]> = [['00:00', '24:00']];
const onSite = {
  week: {
    mon: [['06:00', '22:00']],
    tue: [['06:00', '22:00']],
    wed: [['06:00', '22:00']],
    thu: [['06:00', '22:00']],
    fri: [['06:00', '22:00']],
  },
};
const always = {
  week: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
};
const target = (minutes: number, calendar: string) => ({
  budget: { kind: 'minutes', minutes },
  calendar,
  warningShare: 0.75,
});

function contract(overrides: Partial<ContractEntity> = {}): ContractEntity {
  return {
    calendars: { 'on-site': onSite, '24-7': always },
    slaMatrix: {
      A: { response: target(15, '24-7'), restore: target(60, '24-7') },
      B: { response: target(30, '24-7'), restore: target(240, '24-7') },
      C: { response: target(60, 'on-site'), restore: target(480, 'on-site') },
    },
    ...overrides,
  } as ContractEntity;
}

describe('contract terms per site', () => {
  const bavaria = { state: 'DE-BY', timezone: 'Europe/Berlin' };
  const berlin = { state: 'DE-BE', timezone: 'Europe/Berlin' };

  it("closes the site's public holidays: Corpus Christi 2026-06-04 is closed in Bavaria, open in Berlin", () => {
    const thursdayNoon = new Date('2026-06-04T10:00:00Z'); // 12:00 CEST
    expect(calendarsForSite(contract(), bavaria)['on-site']?.isOpen(thursdayNoon)).toBe(false);
    expect(calendarsForSite(contract(), berlin)['on-site']?.isOpen(thursdayNoon)).toBe(true);
  });

  it('keeps a calendar that names its own region', () => {
    const c = contract({ calendars: { 'on-site': { ...onSite, holidayRegion: 'DE-BE' } } });
    expect(calendarsForSite(c, bavaria)['on-site']?.isOpen(new Date('2026-06-04T10:00:00Z'))).toBe(true);
  });

  it('builds the SLA matrix: an A-fault on Friday 21:50 must be accepted by 22:05 on 24/7', () => {
    const terms = contractTermsForSite(contract(), bavaria);
    const start = new Date('2026-05-22T19:50:00Z'); // Fri 21:50 CEST
    expect(terms.slaMatrix.A.response.calendar.addMinutes(start, 15).toISOString()).toBe('2026-05-22T20:05:00.000Z');
  });

  it('names the calendar of a bad spec with its key', () => {
    const c = contract({ calendars: { 'on-site': { week: { mon: [['22:00', '06:00']] } } } });
    expect(() => calendarsForSite(c, bavaria)).toThrow(CalendarSpecError);
    try {
      calendarsForSite(c, bavaria);
    } catch (error) {
      expect((error as CalendarSpecError).field).toMatch(/^calendars\.on-site\.week\.mon/);
    }
  });

  it('names the SLA target that refers to an unknown calendar', () => {
    const c = contract({ calendars: { '24-7': always } });
    let caught: unknown;
    try {
      contractTermsForSite(c, bavaria);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SlaInputError);
    expect((caught as SlaInputError).field).toBe('slaMatrix.C.response.calendar');
  });
});

describe('databaseName', () => {
  it('reads the database of a postgres URL and refuses unsafe names', () => {
    expect(databaseName('postgres://u:p@db:5432/leitstand_e2e')).toBe('leitstand_e2e');
    expect(() => databaseName('postgres://db/evil";drop')).toThrow(/invalid database/);
  });
});
