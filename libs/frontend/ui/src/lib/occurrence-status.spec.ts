import { TestBed } from '@angular/core/testing';
import { DE, EN, I18nService } from '@leitstand/frontend/i18n';
import {
  OCCURRENCE_STATUS_DISPLAY,
  OCCURRENCE_STATUS_ORDER,
  followUpTickets,
  formatPlanDate,
  missingEvidenceText,
  occurrenceStatusDisplay,
} from './occurrence-status';
import { OccurrenceStatusComponent } from './occurrence-status.component';

const de = (key: string, params?: Readonly<Record<string, string | number>>) =>
  (DE as Record<string, string>)[key]?.replace(/\{(\w+)\}/g, (_, n: string) => String(params?.[n])) ?? key;

describe('occurrence status display', () => {
  it('gives every status a text in both languages, its own symbol and its own tone', () => {
    for (const status of OCCURRENCE_STATUS_ORDER) {
      const { labelKey } = OCCURRENCE_STATUS_DISPLAY[status];
      expect(DE[labelKey]).toBeTruthy();
      expect(EN[labelKey]).toBeTruthy();
    }
    const symbols = OCCURRENCE_STATUS_ORDER.map((s) => OCCURRENCE_STATUS_DISPLAY[s].symbol);
    const tones = OCCURRENCE_STATUS_ORDER.map((s) => OCCURRENCE_STATUS_DISPLAY[s].tone);
    expect(new Set(symbols).size).toBe(OCCURRENCE_STATUS_ORDER.length);
    expect(new Set(tones).size).toBe(OCCURRENCE_STATUS_ORDER.length);
    expect(OCCURRENCE_STATUS_DISPLAY.missed).toEqual({ labelKey: 'maint.status.missed', symbol: '✗', tone: 'danger' });
  });

  it('shows an unknown status neutral under its own name', () => {
    expect(occurrenceStatusDisplay('paused')).toMatchObject({ known: false, tone: 'neutral', symbol: '?' });
    expect(occurrenceStatusDisplay('due')).toMatchObject({ known: true, tone: 'info' });
  });

  it('names missing evidence in words', () => {
    const task = { checklist: [{ key: 'brake', label: { de: 'Bremse', en: 'Brake' } }] };
    expect(missingEvidenceText('checklist.brake', task, de, 'de')).toBe('Checkliste: Bremse');
    expect(missingEvidenceText('checklist.unknown', task, de, 'de')).toBe('Checkliste: unknown');
    expect(missingEvidenceText('checklist.brake.value', task, de, 'de')).toBe('Checkliste: Messwert fehlt bei Bremse');
    expect(missingEvidenceText('inspectionRecord.result', task, de, 'de')).toBe('Prüfbericht: Ergebnis');
    expect(missingEvidenceText('inspectionRecord.inspector', null, de, 'de')).toBe('Prüfbericht: Prüfer');
    expect(missingEvidenceText('inspectionRecord', null, de, 'de')).toBe('Prüfbericht (BetrSichV §17) fehlt');
    expect(missingEvidenceText('document:inspection-report', null, de, 'de')).toBe('Dokument fehlt: Prüfbericht');
    expect(missingEvidenceText('document:photo', null, de, 'de')).toBe('Dokument fehlt: Foto');
    expect(missingEvidenceText('something-else', null, de, 'de')).toBe('something-else');
  });

  it('formats plan dates without shifting the day', () => {
    expect(formatPlanDate('2026-12-31', 'de-DE')).toBe('31.12.2026');
    expect(formatPlanDate('2026-01-05', 'en-GB')).toBe('05/01/2026');
    expect(formatPlanDate(null, 'de-DE')).toBe('');
    expect(formatPlanDate('soon', 'de-DE')).toBe('soon');
  });
});

describe('OccurrenceStatusComponent', () => {
  it('always carries the text: visible, or for screen readers when compact', async () => {
    TestBed.configureTestingModule({});
    TestBed.inject(I18nService).setLanguage('de');
    const fixture = TestBed.createComponent(OccurrenceStatusComponent);
    fixture.componentRef.setInput('status', 'done-late');
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.textContent?.replace(/\s+/g, ' ').trim()).toBe('✓! Verspätet erledigt');
    expect(host.getAttribute('data-tone')).toBe('caution');
    expect(host.getAttribute('title')).toBe('Verspätet erledigt');

    fixture.componentRef.setInput('compact', true);
    TestBed.inject(I18nService).setLanguage('en');
    await fixture.whenStable();
    expect(host.querySelector('.cdk-visually-hidden')?.textContent).toBe('Done late');
    TestBed.inject(I18nService).setLanguage('de');
  });
});

describe('followUpTickets', () => {
  it('reads id and number of each fault ticket from the completed events, each once, ignoring malformed entries', () => {
    expect(
      followUpTickets([
        { type: 'started', payload: { followUps: [{ ticketId: 'x', number: 'ignored' }] } },
        {
          type: 'completed',
          payload: {
            followUps: [
              { ticketId: 't1', number: '2026-000123', cause: 'checklist.brake' },
              { ticketId: 't2', number: '2026-000124', cause: 'inspectionRecord.defects' },
              { ticketId: 't1', number: '2026-000123', cause: 'again' },
              { number: '2026-000999' },
              'nonsense',
              null,
            ],
          },
        },
        { type: 'completed', payload: { followUps: 'not a list' } },
      ]),
    ).toEqual([
      { ticketId: 't1', number: '2026-000123' },
      { ticketId: 't2', number: '2026-000124' },
    ]);
    expect(followUpTickets([])).toEqual([]);
  });
});
