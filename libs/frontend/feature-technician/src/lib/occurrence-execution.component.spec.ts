import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { of } from 'rxjs';
import type { OccurrenceDetail } from '@leitstand/api-contracts';
import { MaintenanceApiService } from '@leitstand/frontend/data-access';
import { provideLsIcons } from '@leitstand/frontend/ui';
import { OccurrenceExecutionComponent } from './occurrence-execution.component';

/** Just what the execution screen reads of a detail: a released, unstarted inspection, then its completion. */
function detail(version: number, patch: Partial<OccurrenceDetail> = {}): OccurrenceDetail {
  return {
    id: 'occ-1',
    siteName: 'Verwaltung Nord',
    status: 'due',
    targetDate: '2026-12-11',
    legalLatest: '2026-12-11',
    startedAt: null,
    version,
    asset: { id: 'a1', code: 'AZ-01', name: 'Lastenaufzug', assetClass: 'B', trade: 'elevators' },
    task: {
      kind: 'statutory-test',
      basis: 'BetrSichV §16',
      checklist: [
        { key: 'logbook', label: { de: 'Anlagenbuch vorgelegt', en: 'Logbook presented' }, kind: 'pass-fail' },
      ],
    },
    requirement: { title: 'Aufzugsprüfung durch ZÜS', evidence: ['checklist'] },
    checklist: [],
    inspectionRecord: null,
    events: [],
    documents: [],
    workLogs: [],
    materials: [],
    followUpTicketIds: [],
    missingEvidence: [],
    ...patch,
  } as unknown as OccurrenceDetail;
}

describe('occurrence execution screen', () => {
  let api: Record<string, jest.Mock>;

  beforeEach(() => {
    localStorage.clear();
    api = {
      occurrence: jest.fn(() => of(detail(3))),
      start: jest.fn(() => of(detail(4, { startedAt: '2026-12-07T09:00:00Z' }))),
      saveChecklist: jest.fn(),
      complete: jest.fn(() =>
        of(
          detail(6, {
            status: 'done-on-time',
            followUpTicketIds: ['t1'],
            events: [
              {
                id: '9',
                type: 'completed',
                at: '2026-12-07T10:00:00Z',
                actorId: 'tech-1',
                payload: { followUps: [{ ticketId: 't1', number: '2026-000123', cause: 'checklist.logbook' }] },
              },
            ],
          }),
        ),
      ),
    };
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideLsIcons(), { provide: MaintenanceApiService, useValue: api }],
    });
  });

  it('loads the occurrence once per id — an answer does not trigger the next load', async () => {
    const fixture = TestBed.createComponent(OccurrenceExecutionComponent);
    fixture.componentRef.setInput('id', 'occ-1');
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();
    // Before, load() read occurrence() inside the effect: every answer re-ran it, an endless GET loop.
    expect(api['occurrence']).toHaveBeenCalledTimes(1);
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('Aufzugsprüfung durch ZÜS');

    // A write reloads once, and its confirmation stays.
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button.start')?.click();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(api['start']).toHaveBeenCalledWith('occ-1', 3);
    expect(api['occurrence']).toHaveBeenCalledTimes(2);
    expect((fixture.nativeElement as HTMLElement).querySelector('p.message')?.textContent?.trim()).toBe('Begonnen.');
  });

  it("names the completion's fault tickets by number", async () => {
    api['occurrence']?.mockReturnValueOnce(of(detail(5))).mockImplementation(() => api['complete']?.());
    const fixture = TestBed.createComponent(OccurrenceExecutionComponent);
    fixture.componentRef.setInput('id', 'occ-1');
    await fixture.whenStable();
    fixture.detectChanges();
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button.complete')?.click();
    await fixture.whenStable();
    fixture.detectChanges();
    const root = fixture.nativeElement as HTMLElement;
    expect(root.querySelector('p.message')?.textContent?.trim()).toBe(
      'Abgeschlossen: Fristgerecht erledigt. Störungsticket angelegt: 2026-000123.',
    );
    expect(Array.from(root.querySelectorAll('section.follow-ups li'), (li) => li.textContent?.trim())).toEqual([
      '2026-000123',
    ]);
  });
});
