import { InvalidInputError } from '@leitstand/backend/core';
import { findTask } from '@leitstand/domain';
import type { ChecklistResultDto, InspectionRecordDto } from './occurrence-execution.dto';
import { validateChecklist, validateInspectionRecord } from './occurrence-execution.service';

/** The fields an InvalidInputError names, with its messages joined. */
function problemsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) {
      return Object.fromEntries(error.fields.map((f) => [f.field, f.messages.join(' ')]));
    }
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

const legionella = findTask('legionella-sampling');
const items = legionella?.checklist ?? [];
const r = (key: string, outcome: ChecklistResultDto['outcome'], extra: Partial<ChecklistResultDto> = {}) =>
  ({ key, outcome, ...extra }) as ChecklistResultDto;

describe('validateChecklist', () => {
  it('keeps known items, trimmed, in the order given', () => {
    expect(
      validateChecklist('legionella-sampling', items, [
        r('legionella', 'pass', { value: '40', note: '  Probe 3 ' }),
        r('sampling-points', 'pass'),
        r('hot-water-temperature', 'not-applicable'),
      ]),
    ).toEqual([
      { key: 'legionella', outcome: 'pass', value: '40', note: 'Probe 3' },
      { key: 'sampling-points', outcome: 'pass' },
      { key: 'hot-water-temperature', outcome: 'not-applicable' },
    ]);
  });

  it('names an unknown key by its index and lists the task’s items', () => {
    const p = problemsOf(() =>
      validateChecklist('legionella-sampling', items, [r('sampling-points', 'pass'), r('flux', 'pass')]),
    );
    expect(Object.keys(p)).toEqual(['results.1.key']);
    expect(p['results.1.key']).toContain("'flux'");
    expect(p['results.1.key']).toContain('(task legionella-sampling)');
    expect(p['results.1.key']).toContain('sampling-points, legionella, hot-water-temperature');
  });

  it('refuses a key answered twice, a value that is no decimal, and a value on a pass/fail item', () => {
    const p = problemsOf(() =>
      validateChecklist('legionella-sampling', items, [
        r('sampling-points', 'pass', { value: '1' }),
        r('legionella', 'fail'),
        r('hot-water-temperature', 'pass', { value: '58 °C' }),
        r('sampling-points', 'fail'),
      ]),
    );
    // a measured item answered without its value is no 400: the completion gate names it (checklist.<key>.value)
    expect(Object.keys(p).sort()).toEqual(['results.0.value', 'results.2.value', 'results.3.key']);
    expect(p['results.2.value']).toContain('°C');
  });
});

describe('validateInspectionRecord', () => {
  const base: InspectionRecordDto = {
    date: '2026-12-03',
    type: ' Hauptprüfung ',
    scope: 'BetrSichV Anh. 2 Abschn. 2',
    result: 'minor-defects',
    defects: [' Notruf verzögert '],
    nextDeadline: '2028-06-30',
    inspector: 'M. Berger',
    body: 'TÜV SÜD',
  };

  it('keeps a valid record, trimmed', () => {
    expect(validateInspectionRecord(base, { today: '2026-12-07', performer: 'approved-body' })).toEqual({
      ...base,
      type: 'Hauptprüfung',
      defects: ['Notruf verzögert'],
    });
  });

  it('names each rule broken: future date, deadline not after it, a blank defect, missing defects', () => {
    const p = problemsOf(() =>
      validateInspectionRecord(
        { ...base, date: '2026-12-08', nextDeadline: '2026-12-08', defects: [' '] },
        { today: '2026-12-07', performer: 'approved-body' },
      ),
    );
    expect(Object.keys(p).sort()).toEqual(['date', 'defects.0', 'nextDeadline']);
    const none = problemsOf(() =>
      validateInspectionRecord(
        { ...base, result: 'dangerous', defects: [] },
        { today: '2026-12-07', performer: 'provider' },
      ),
    );
    expect(Object.keys(none)).toEqual(['defects']);
  });

  it('needs the approved body named when one performs the requirement', () => {
    const { body: _body, ...withoutBody } = base;
    expect(
      Object.keys(
        problemsOf(() => validateInspectionRecord(withoutBody, { today: '2026-12-07', performer: 'approved-body' })),
      ),
    ).toEqual(['body']);
    expect(validateInspectionRecord(withoutBody, { today: '2026-12-07', performer: 'provider' }).body).toBeUndefined();
  });
});
