import { HttpErrorResponse } from '@angular/common/http';
import type { ChecklistItemDefinition } from '@leitstand/frontend/data-access';
import {
  checklistDrafts,
  checklistResults,
  evidenceMissingOf,
  failedKeys,
  followUpTicketNumbers,
  isClosed,
  minutesOf,
  needsInspectionRecord,
  recordDraftOf,
  recordOf,
} from './occurrence-execution';

const CHECKLIST: ChecklistItemDefinition[] = [
  { key: 'brake', label: { de: 'Bremse', en: 'Brake' }, kind: 'pass-fail' },
  { key: 'rope', label: { de: 'Tragseile', en: 'Ropes' }, kind: 'pass-fail' },
  { key: 'speed', label: { de: 'Geschwindigkeit', en: 'Speed' }, kind: 'value', unit: 'm/s' },
];

describe('occurrence execution', () => {
  it("prefills the drafts from what is saved and sends only answered items, in the definition's order", () => {
    const drafts = checklistDrafts(CHECKLIST, [{ key: 'rope', outcome: 'pass' }]);
    expect(drafts).toEqual({
      brake: { outcome: null, value: '', note: '' },
      rope: { outcome: 'pass', value: '', note: '' },
      speed: { outcome: null, value: '', note: '' },
    });
    drafts['speed'] = { outcome: 'pass', value: ' 1,6 ', note: '' };
    drafts['brake'] = { outcome: 'fail', value: '', note: ' Belag verschlissen ' };
    expect(checklistResults(CHECKLIST, drafts)).toEqual([
      { key: 'brake', outcome: 'fail', note: 'Belag verschlissen' },
      { key: 'rope', outcome: 'pass' },
      { key: 'speed', outcome: 'pass', value: '1,6' },
    ]);
    expect(failedKeys(drafts)).toEqual(['brake']);
  });

  it('builds the BetrSichV §17 record: one defect per line, optional fields only when filled', () => {
    const draft = recordDraftOf(null, '2026-12-07');
    expect(draft).toMatchObject({ date: '2026-12-07', result: '', defects: '' });
    expect(
      recordOf({
        ...draft,
        type: ' Hauptprüfung ',
        scope: 'Aufzugsanlage AZ-01',
        result: 'minor-defects',
        defects: 'Bremsbelag verschlissen\n\n  Notruf leise  \n',
        inspector: 'M. Prüfer',
      }),
    ).toEqual({
      date: '2026-12-07',
      type: 'Hauptprüfung',
      scope: 'Aufzugsanlage AZ-01',
      result: 'minor-defects',
      defects: ['Bremsbelag verschlissen', 'Notruf leise'],
      inspector: 'M. Prüfer',
    });
    const saved = {
      date: '2026-11-30',
      type: 'Zwischenprüfung',
      scope: 'AZ-01',
      result: 'no-defects' as const,
      defects: ['a', 'b'],
      nextDeadline: '2027-05-31',
      inspector: 'X',
      body: 'TÜV',
    };
    expect(recordOf(recordDraftOf(saved, '2026-12-07'))).toEqual(saved);
  });

  it('reads the 409 evidence-missing answer (top level or inside details) and nothing else', () => {
    const missing = ['checklist.brake', 'document:inspection-report'];
    expect(
      evidenceMissingOf(new HttpErrorResponse({ status: 409, error: { code: 'evidence-missing', missing } })),
    ).toEqual(missing);
    expect(
      evidenceMissingOf(
        new HttpErrorResponse({
          status: 409,
          error: { statusCode: 409, message: 'x', details: { code: 'evidence-missing', missing } },
        }),
      ),
    ).toEqual(missing);
    expect(evidenceMissingOf(new HttpErrorResponse({ status: 409, error: { code: 'version' } }))).toBeNull();
    expect(
      evidenceMissingOf(new HttpErrorResponse({ status: 400, error: { code: 'evidence-missing', missing } })),
    ).toBeNull();
    expect(evidenceMissingOf(new Error('x'))).toBeNull();
  });

  it("asks for the inspection record when the plan's evidence names one", () => {
    expect(needsInspectionRecord({ requirement: { evidence: ['checklist', 'inspection-record'] } })).toBe(true);
    expect(needsInspectionRecord({ requirement: { evidence: ['checklist', 'photo'] } })).toBe(false);
  });

  it('knows closed occurrences and valid minutes', () => {
    expect(isClosed('done-late')).toBe(true);
    expect(isClosed('missed')).toBe(false); // a missed one may still be completed (late never heals it)
    expect(minutesOf('45')).toBe(45);
    expect(minutesOf('0')).toBeNull();
    expect(minutesOf('1441')).toBeNull();
    expect(minutesOf('4.5')).toBeNull();
  });

  it("reads the follow-up tickets' numbers from the completion events, each once", () => {
    const followUp = (ticketId: string, number: string, cause: string) => ({ ticketId, number, cause });
    expect(
      followUpTicketNumbers([
        { type: 'started', payload: {} },
        {
          type: 'completed',
          payload: {
            followUpTicketIds: ['t1', 't2'],
            followUps: [followUp('t1', 'T-2026-000123', 'checklist.brake'), followUp('t2', 'T-2026-000124', 'x')],
          },
        },
        { type: 'completed', payload: { followUps: [followUp('t1', 'T-2026-000123', 'checklist.brake'), 7, null] } },
        { type: 'checklist', payload: { followUps: [followUp('t3', 'T-2026-000125', 'x')] } },
      ]),
    ).toEqual(['T-2026-000123', 'T-2026-000124']);
    expect(followUpTicketNumbers([{ type: 'completed', payload: { followUpTicketIds: [] } }])).toEqual([]);
  });
});
