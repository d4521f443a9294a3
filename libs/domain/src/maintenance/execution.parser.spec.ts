import { MaintenanceError } from './maintenance.errors';
import { parseChecklistResults, parseInspectionRecord } from './execution.parser';
import { findTask } from './task-catalogue';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof MaintenanceError) {
      return e.issues.map((i) => i.field);
    }
    throw e;
  }
  return [];
};

describe('checklist results from the technician', () => {
  const water = findTask('legionella-sampling');
  if (water === undefined) throw new Error('catalogue lacks legionella sampling');

  it('keeps known items, trims notes, allows a partial save', () => {
    expect(
      parseChecklistResults(water, [
        { key: 'legionella', outcome: 'pass', value: '80', note: '  Probe 3 OG  ' },
        { key: 'sampling-points', outcome: 'not-applicable' },
      ]),
    ).toEqual([
      { key: 'legionella', outcome: 'pass', value: '80', note: 'Probe 3 OG' },
      { key: 'sampling-points', outcome: 'not-applicable' },
    ]);
  });

  it('names every bad entry', () => {
    expect(
      fieldsOf(() =>
        parseChecklistResults(water, [
          { key: 'legionella', outcome: 'ok', value: '80' },
          { key: 'unknown', outcome: 'pass' },
          { key: 'sampling-points', outcome: 'pass', value: '1' }, // a pass/fail item has no value
          { key: 'hot-water-temperature', outcome: 'pass', value: '61,5' }, // decimal point, not comma
          { key: 'hot-water-temperature', outcome: 'pass', value: '61.5' }, // the same item twice
          { key: 'legionella', outcome: 'fail', colour: 'red' },
        ]),
      ),
    ).toEqual(['[0].outcome', '[1].key', '[2].value', '[3].value', '[4].key', '[5].colour', '[5].key']);
    expect(fieldsOf(() => parseChecklistResults(water, { key: 'legionella' }))).toEqual(['']);
  });
});

describe('inspection record (BetrSichV §17)', () => {
  const record = {
    date: '2027-03-08',
    type: 'Hauptprüfung',
    scope: 'Aufzugsanlage nach BetrSichV Anh. 2 Abschn. 2',
    result: 'minor-defects',
    defects: [' Schachtbeleuchtung defekt '],
    nextDeadline: '2029-03-08',
    inspector: 'M. Beispiel',
    body: 'TÜV SÜD Industrie Service GmbH',
  };

  it('accepts a complete record and trims texts', () => {
    expect(parseInspectionRecord(record, '2027-03-09')).toEqual({ ...record, defects: ['Schachtbeleuchtung defekt'] });
    const { defects: _d, body: _b, nextDeadline: _n, ...minimal } = record;
    expect(parseInspectionRecord({ ...minimal, result: 'no-defects' }, '2027-03-09')).toEqual({
      ...minimal,
      result: 'no-defects',
      defects: [],
    });
  });

  it('names every missing or wrong field', () => {
    expect(
      fieldsOf(() =>
        parseInspectionRecord(
          {
            ...record,
            date: '2027-03-10',
            type: ' ',
            result: 'major-defects',
            defects: [],
            nextDeadline: '2027-03-01',
            inspector: undefined,
            extra: 1,
          },
          '2027-03-09',
        ),
      ),
    ).toEqual(['extra', 'date', 'type', 'defects', 'nextDeadline', 'inspector']);
  });
});
