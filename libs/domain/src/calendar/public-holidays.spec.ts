import { UnknownHolidayRegionError, assertHolidayRegion, isPublicHoliday, publicHolidays } from './public-holidays';

// What date-holidays 3.37 says about the German states; documented in public-holidays.ts.
describe('public holidays per German state (date-holidays data, type "public" only)', () => {
  it.each([
    // [region, date, public?, what]
    ['DE-BY', '2026-06-04', true, 'Corpus Christi (Fronleichnam) in Bavaria'],
    ['DE-BE', '2026-06-04', false, 'Corpus Christi is a working day in Berlin'],
    ['DE-SN', '2026-06-04', false, 'Corpus Christi is only an observance in Saxony (statewide)'],
    ['DE-NW', '2026-06-04', true, 'Corpus Christi in North Rhine-Westphalia'],
    ['DE-SN', '2026-10-31', true, 'Reformation Day in Saxony'],
    ['DE-BB', '2026-10-31', true, 'Reformation Day in Brandenburg'],
    ['DE-BY', '2026-10-31', false, 'no Reformation Day in Bavaria'],
    ['DE-SN', '2026-11-18', true, 'Repentance Day (Buß- und Bettag) in Saxony'],
    ['DE-BY', '2026-11-18', false, 'Repentance Day is only a school holiday in Bavaria'],
    ['DE-BE', '2026-11-18', false, 'no Repentance Day in Berlin'],
    ['DE-BE', '2026-03-08', true, "International Women's Day in Berlin"],
    ['DE-MV', '2026-03-08', true, "International Women's Day in Mecklenburg-Western Pomerania"],
    ['DE-BY', '2026-03-08', false, "no Women's Day in Bavaria"],
    ['DE-TH', '2026-09-20', true, "World Children's Day in Thuringia"],
    ['DE-BY', '2026-08-15', false, 'Assumption is an observance for plain DE-BY (public only in Catholic communities)'],
    ['DE-BY-KATH', '2026-08-15', true, 'Assumption in predominantly Catholic Bavarian communities'],
    ['DE-BY-A', '2026-08-08', true, 'Augsburg Peace Festival'],
    ['DE-SL', '2026-08-15', true, 'Assumption in Saarland'],
    ['DE', '2026-10-03', true, 'German Unity Day nationwide'],
    ['DE', '2026-06-04', false, "'DE' alone holds the nationwide holidays only"],
    ['DE-BY', '2026-12-24', false, "Christmas Eve is a 'bank' holiday, not public"],
    ['DE-BY', '2026-12-25', true, 'Christmas Day'],
  ])('%s %s public = %p (%s)', (region, date, expected) => {
    expect(isPublicHoliday(region, date)).toBe(expected);
  });

  it('lists the twelve public holidays of Bavaria in 2026', () => {
    // Neujahr, Hl. Drei Könige, Karfreitag, Ostermontag, 1. Mai, Himmelfahrt, Pfingstmontag, Fronleichnam,
    // Tag der Deutschen Einheit, Allerheiligen, 1. + 2. Weihnachtstag = 12
    expect([...publicHolidays('DE-BY', 2026)].sort()).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-06-04',
      '2026-10-03',
      '2026-11-01',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('knows all sixteen states', () => {
    for (const state of [
      'BB',
      'BE',
      'BW',
      'BY',
      'HB',
      'HE',
      'HH',
      'MV',
      'NI',
      'NW',
      'RP',
      'SH',
      'SL',
      'SN',
      'ST',
      'TH',
    ]) {
      expect(() => assertHolidayRegion(`DE-${state}`)).not.toThrow();
    }
  });

  it.each(['DE-XX', 'XX', 'de-by', 'Bayern', 'DE-BY-NOPE', 'DE-BY-KATH-X', ''])(
    'rejects the unknown region %p',
    (region) => {
      expect(() => assertHolidayRegion(region)).toThrow(UnknownHolidayRegionError);
    },
  );
});
