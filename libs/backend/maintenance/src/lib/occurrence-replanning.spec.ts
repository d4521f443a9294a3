import { jobIdFor, jobOptionsFor } from '@leitstand/backend/jobs';
import { bodySetShorterDeadline, completionReplans } from './occurrence-execution.service';
import type { OccurrenceRow } from './occurrence-views';

/** The fields of an occurrence row the pure pieces read. */
const row = (over: Partial<OccurrenceRow>): OccurrenceRow =>
  ({
    kind: 'main',
    anchor_kind: 'statutory',
    cadence_every: 2,
    cadence_unit: 'year',
    inspection_record: null,
    ...over,
  }) as OccurrenceRow;

const record = (date: string, nextDeadline?: string) =>
  ({
    date,
    type: 'Hauptprüfung',
    scope: 'BetrSichV Anhang 2 Abschnitt 2',
    result: 'no-defects',
    defects: [],
    inspector: 'M. Berger',
    ...(nextDeadline ? { nextDeadline } : {}),
    recordedBy: 'u-1',
    recordedAt: `${date}T10:00:00.000Z`,
  }) satisfies OccurrenceRow['inspection_record'];

describe('completionReplans', () => {
  it.each([
    ['statutory', true], // the next main and the intermediate count from a main inspection; the body's deadline
    ['floating', true], // the next period counts from the completion
    ['fixed-grid', false], // the grid never moves
  ] as const)('%s plans re-plan on completion: %s', (anchor, expected) => {
    expect(completionReplans(row({ anchor_kind: anchor }))).toBe(expected);
  });
});

describe('bodySetShorterDeadline', () => {
  it('is the record’s next deadline when it comes before the schedule (test date + cadence)', () => {
    // tested 2026-03-10, every 2 years → scheduled 2028-03-10; the body wants 2027-09-10
    expect(bodySetShorterDeadline(row({ inspection_record: record('2026-03-10', '2027-09-10') }), '2026-03-12')).toBe(
      '2027-09-10',
    );
  });

  it('is null for the schedule’s own date or a later one, without a deadline, and for an intermediate inspection', () => {
    expect(bodySetShorterDeadline(row({ inspection_record: record('2026-03-10', '2028-03-10') }), '2026-03-12')).toBe(
      null,
    );
    expect(bodySetShorterDeadline(row({ inspection_record: record('2026-03-10') }), '2026-03-12')).toBeNull();
    expect(
      bodySetShorterDeadline(
        row({ kind: 'intermediate', inspection_record: record('2026-03-10', '2027-01-10') }),
        '2026-03-12',
      ),
    ).toBeNull();
  });

  it('counts the interval from the completion when the record has no date, month ends clipped (31st → 28th)', () => {
    // 1-month cadence from 2027-01-31 → scheduled 2027-02-28; a deadline of 2027-02-27 is shorter, 02-28 is not
    const monthly = { cadence_every: 1, cadence_unit: 'month' as const };
    const noDate = (next: string) =>
      ({ ...record('2027-01-31', next), date: undefined }) as unknown as OccurrenceRow['inspection_record'];
    expect(bodySetShorterDeadline(row({ ...monthly, inspection_record: noDate('2027-02-27') }), '2027-01-31')).toBe(
      '2027-02-27',
    );
    expect(
      bodySetShorterDeadline(row({ ...monthly, inspection_record: noDate('2027-02-28') }), '2027-01-31'),
    ).toBeNull();
  });
});

describe('the generation job a completion writes', () => {
  it('shares the contract’s deterministic id with requirement changes: one pending run, the newest kept', () => {
    const completed = { contractId: 'c-1', reason: 'occurrence-completed' } as const;
    expect(jobIdFor('maintenance.generate', completed)).toBe(
      jobIdFor('maintenance.generate', { contractId: 'c-1', reason: 'requirement-changed' }),
    );
    expect(jobOptionsFor('maintenance.generate', completed).deduplication).toEqual({
      id: 'maintenance-generate.c-1',
      keepLastIfActive: true,
    });
  });
});
