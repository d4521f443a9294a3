import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { MeResponse, OccurrenceDetail } from '@leitstand/api-contracts';
import { AuthService } from '@leitstand/frontend/data-access';
import { I18nService } from '@leitstand/frontend/i18n';
import { OccurrenceCancelComponent, canCancel, cancelFailureKey } from './occurrence-cancel.component';

const MANAGER: MeResponse = {
  id: 'm-1',
  email: 'olga@example.test',
  displayName: 'Olga Objekt',
  role: 'manager',
  tenantId: null,
  tenantIds: ['t-1'],
};
const APPROVERS = {
  items: [
    { id: 'm-1', name: 'Olga Objekt', role: 'manager' },
    { id: 'a-1', name: 'Ada Admin', role: 'admin' },
  ],
};

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('canCancel', () => {
  it('offers cancelling to admins, agents and managers while the occurrence is open', () => {
    for (const role of ['admin', 'agent', 'manager']) {
      for (const status of ['planned', 'due', 'overdue'] as const) expect(canCancel({ status }, role)).toBe(true);
    }
    for (const status of ['done-on-time', 'done-late', 'missed', 'cancelled'] as const) {
      expect(canCancel({ status }, 'manager')).toBe(false);
    }
    expect(canCancel({ status: 'due' }, 'technician')).toBe(false);
    expect(canCancel({ status: 'due' }, 'customer')).toBe(false);
    expect(canCancel({ status: 'due' }, undefined)).toBe(false);
  });
});

describe('cancelFailureKey', () => {
  const failure = (status: number, body: unknown = null) => new HttpErrorResponse({ status, error: body });
  it('names a passed legal date, a stale version, missing rights, and the rest by status', () => {
    expect(cancelFailureKey(failure(409, { details: { code: 'missed' } }))).toBe('maint.cancel.missed');
    expect(cancelFailureKey(failure(409, { details: { code: 'completed' } }))).toBe('maint.error.conflict');
    expect(cancelFailureKey(failure(412))).toBe('maint.error.stale');
    expect(cancelFailureKey(failure(428))).toBe('maint.error.stale');
    expect(cancelFailureKey(failure(403))).toBe('maint.error.forbidden');
    expect(cancelFailureKey(failure(400))).toBe('maint.error.invalid');
    expect(cancelFailureKey(failure(0))).toBe('maint.error.offline');
    expect(cancelFailureKey(failure(503))).toBe('maint.error.server');
    expect(cancelFailureKey(new Error('x'))).toBe('maint.error.server');
  });
});

describe('OccurrenceCancelComponent', () => {
  let http: HttpTestingController;

  async function render() {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AuthService, useValue: { user: signal(MANAGER).asReadonly() } },
      ],
    });
    TestBed.inject(I18nService).setLanguage('de');
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(OccurrenceCancelComponent);
    fixture.componentRef.setInput('occurrence', { id: 'o 1', version: 4 });
    const emitted: OccurrenceDetail[] = [];
    fixture.componentInstance.cancelled.subscribe((d) => emitted.push(d));
    await settle();
    const root = fixture.nativeElement as HTMLElement;
    return { fixture, root, emitted };
  }
  afterEach(() => http.verify());

  it('asks for the approvers, preselects the manager themself, and sends reason and approver with If-Match', async () => {
    const { root, emitted } = await render();
    (root.querySelector('button.open') as HTMLButtonElement).click();
    await settle();
    http.expectOne({ method: 'GET', url: '/api/maintenance/occurrences/o%201/cancel-approvers' }).flush(APPROVERS);
    await settle();
    expect(root.querySelector('mat-select')?.textContent).toContain('Olga Objekt (Objektleitung)');

    // without a reason nothing is sent and the field says why
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    http.expectNone({ method: 'POST' });
    expect(root.querySelector('mat-error')?.textContent).toContain('Bitte einen Grund angeben.');

    const reason = root.querySelector('textarea') as HTMLTextAreaElement;
    reason.value = '  Anlage stillgelegt  ';
    reason.dispatchEvent(new Event('input'));
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    const post = http.expectOne({ method: 'POST', url: '/api/maintenance/occurrences/o%201/cancel' });
    expect(post.request.body).toEqual({ reason: 'Anlage stillgelegt', approverId: 'm-1' });
    expect(post.request.headers.get('If-Match')).toBe('"4"');
    post.flush({ id: 'o 1', status: 'cancelled', version: 5 });
    await settle();
    expect(emitted.map((d) => d.status)).toEqual(['cancelled']);
    expect(root.querySelector('form')).toBeNull();
  });

  it('says in words that a missed occurrence cannot be cancelled, and keeps the form', async () => {
    const { root, emitted } = await render();
    (root.querySelector('button.open') as HTMLButtonElement).click();
    await settle();
    http.expectOne({ method: 'GET', url: '/api/maintenance/occurrences/o%201/cancel-approvers' }).flush(APPROVERS);
    await settle();
    const reason = root.querySelector('textarea') as HTMLTextAreaElement;
    reason.value = 'zu spät';
    reason.dispatchEvent(new Event('input'));
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'));
    await settle();
    http
      .expectOne({ method: 'POST', url: '/api/maintenance/occurrences/o%201/cancel' })
      .flush({ statusCode: 409, details: { code: 'missed' } }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'Eine versäumte Fälligkeit kann nicht storniert werden.',
    );
    expect(emitted).toEqual([]);
    expect(root.querySelector('form')).not.toBeNull();
  });
});
