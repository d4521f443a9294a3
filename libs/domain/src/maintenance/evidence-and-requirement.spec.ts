import { failedItems, missingEvidence } from './evidence';
import { MaintenanceError } from './maintenance.errors';
import type { InspectionRecord } from './maintenance.types';
import { parseRequirement } from './requirement.parser';
import { findTask } from './task-catalogue';

const lift = findTask('elevator-statutory-inspection');
const water = findTask('legionella-sampling');

const record: InspectionRecord = {
  date: '2027-03-08',
  type: 'Hauptprüfung',
  scope: 'Aufzugsanlage A1 nach BetrSichV Anh. 2 Abschn. 2',
  result: 'minor-defects',
  defects: ['Schachtbeleuchtung defekt'],
  nextDeadline: '2029-03-08',
  inspector: 'Dipl.-Ing. M. Beispiel',
  body: 'TÜV SÜD Industrie Service GmbH',
};

describe('completion gate: missingEvidence / failedItems', () => {
  it('a statutory lift inspection needs every checklist item, the §17 record and the report as a document', () => {
    if (lift === undefined) throw new Error('catalogue lacks the lift inspection');
    expect(missingEvidence(lift, { checklist: [], documents: [] })).toEqual([
      'checklist.operator-present',
      'checklist.logbook-available',
      'checklist.defects-recorded',
      'inspectionRecord',
      'document:inspection-report',
    ]);
    const checklist = lift.checklist.map((i) => ({ key: i.key, outcome: 'pass' as const }));
    expect(
      missingEvidence(lift, {
        checklist,
        inspectionRecord: { ...record, body: '', defects: [], result: 'major-defects' },
        documents: [{ class: 'photo' }],
      }),
    ).toEqual(['inspectionRecord.body', 'inspectionRecord.defects', 'document:inspection-report']);
    expect(
      missingEvidence(lift, { checklist, inspectionRecord: record, documents: [{ class: 'inspection-report' }] }),
    ).toEqual([]);
  });

  it('value items need a decimal value; a value beyond its limit fails even when ticked "pass"', () => {
    if (water === undefined) throw new Error('catalogue lacks legionella sampling');
    const checklist = [
      { key: 'sampling-points', outcome: 'pass' as const },
      { key: 'legionella', outcome: 'pass' as const, value: '250' }, // > 100 KBE/100 ml (technical action value)
      { key: 'hot-water-temperature', outcome: 'pass' as const },
    ];
    expect(
      missingEvidence(water, { checklist, inspectionRecord: record, documents: [{ class: 'inspection-report' }] }),
    ).toEqual(['checklist.hot-water-temperature.value']);
    expect(failedItems(water, checklist).map((i) => i.key)).toEqual(['legionella']);
    expect(failedItems(water, [{ key: 'sampling-points', outcome: 'fail' }]).map((i) => i.key)).toEqual([
      'sampling-points',
    ]);
    expect(failedItems(water, [{ key: 'legionella', outcome: 'not-applicable', value: '900' }])).toEqual([]);
  });
});

describe('parseRequirement', () => {
  it('fills the task defaults: cadence, lead days, performer, evidence, statutory', () => {
    expect(
      parseRequirement({
        taskKey: 'elevator-statutory-inspection',
        anchor: { kind: 'statutory', lastTest: '2025-03-10' },
      }),
    ).toEqual({
      taskKey: 'elevator-statutory-inspection',
      cadence: { every: 2, unit: 'year' },
      anchor: { kind: 'statutory', lastTest: '2025-03-10', intermediate: true },
      leadDays: 91,
      statutory: true,
      performer: 'approved-body',
      evidence: ['checklist', 'inspection-record'],
      fee: null,
    });
  });

  it('accepts "n× a year" and a fee as a decimal string', () => {
    const r = parseRequirement({
      taskKey: 'ahu-filter-change',
      cadence: { timesPerYear: 6 },
      anchor: { kind: 'fixed-grid', start: '2027-01-01' },
      fee: '85.5',
    });
    expect(r.cadence).toEqual({ every: 2, unit: 'month' });
    expect(r.leadDays).toBe(35);
    expect(r.fee).toBe('85.50');
  });

  it('lists every problem with its field', () => {
    let error: unknown;
    try {
      parseRequirement({
        taskKey: 'legionella-sampling',
        cadence: { timesPerYear: 5 },
        anchor: { kind: 'fixed-grid', start: '2027-02-29' },
        leadDays: 1.5,
        statutory: false,
        evidence: ['checklist'],
        fee: 400,
        colour: 'red',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MaintenanceError);
    expect((error as MaintenanceError).issues.map((i) => i.field)).toEqual([
      'colour',
      'cadence.timesPerYear',
      'anchor.start',
      'leadDays',
      'statutory',
      'evidence',
      'fee',
    ]);
  });

  it('an unknown task names taskKey', () => {
    expect(() => parseRequirement({ taskKey: 'nope', anchor: { kind: 'floating', start: '2027-01-01' } })).toThrow(
      expect.objectContaining({ field: 'taskKey' }),
    );
  });
});

describe('parseRequirement with the API request shape', () => {
  const api = {
    contractId: 'c1',
    siteId: 's1',
    assetId: 'a1',
    title: 'Aufzug A1',
    taskKey: 'elevator-statutory-inspection',
    anchor: { kind: 'statutory', date: '2025-03-10', intermediate: true },
    fee: '400.00',
  };
  const own = ['contractId', 'siteId', 'assetId', 'title'];

  it("accepts the AnchorView { kind, date, intermediate } and the API's own keys when named", () => {
    expect(parseRequirement(api, { extraKeys: own })).toMatchObject({
      anchor: { kind: 'statutory', lastTest: '2025-03-10', intermediate: true },
      fee: '400.00',
    });
    expect(
      parseRequirement(
        {
          ...api,
          taskKey: 'ahu-filter-change',
          anchor: { kind: 'fixed-grid', date: '2027-01-15', intermediate: false },
        },
        { extraKeys: own },
      ).anchor,
    ).toEqual({ kind: 'fixed-grid', start: '2027-01-15' });
  });

  it('names anchor.date and anchor.intermediate; keys the caller did not name stay unknown', () => {
    const fields = (input: unknown, extraKeys: string[] = own): string[] => {
      try {
        parseRequirement(input, { extraKeys });
      } catch (e) {
        return (e as MaintenanceError).issues.map((i) => i.field);
      }
      return [];
    };
    expect(fields({ ...api, anchor: { kind: 'statutory', date: '10.03.2025' } })).toEqual(['anchor.date']);
    expect(fields({ ...api, anchor: { kind: 'floating', date: '2027-01-15', intermediate: true } })).toEqual([
      'anchor.intermediate',
    ]);
    expect(fields(api, [])).toEqual(['contractId', 'siteId', 'assetId', 'title']);
  });
});
