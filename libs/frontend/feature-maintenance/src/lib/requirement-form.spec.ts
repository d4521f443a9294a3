import { HttpErrorResponse } from '@angular/common/http';
import type { MaintenanceTaskView, RequirementView } from '@leitstand/frontend/data-access';
import {
  EMPTY_REQUIREMENT_FORM,
  changesOf,
  formFieldOfPath,
  formValueOf,
  localProblems,
  normalizeFee,
  requestOf,
  suggestedLeadDays,
  taskDefaults,
  toSaveFailure,
} from './requirement-form';

const ELEVATOR_INSPECTION: MaintenanceTaskView = {
  key: 'elevator-main-inspection',
  trade: 'elevators',
  kind: 'statutory-test',
  performer: 'approved-body',
  statutory: true,
  title: { de: 'Hauptprüfung Aufzug', en: 'Elevator main inspection' },
  basis: 'BetrSichV §16',
  defaultCadence: { every: 2, unit: 'year' },
  evidence: ['checklist', 'inspection-record'],
  checklist: [],
};

describe('requirement form', () => {
  it('reads fees as decimal strings, never as floats', () => {
    expect(normalizeFee('')).toBeNull();
    expect(normalizeFee(' 400 ')).toBe('400');
    expect(normalizeFee('400,5')).toBe('400.5');
    expect(normalizeFee('0400.00')).toBe('400.00');
    expect(normalizeFee('0,10')).toBe('0.10');
    expect(normalizeFee('1.234,50')).toBeUndefined();
    expect(normalizeFee('400.123')).toBeUndefined();
    expect(normalizeFee('-5')).toBeUndefined();
    expect(normalizeFee('abc')).toBeUndefined();
  });

  it('suggests lead times like the domain: weekly 2 days, monthly 28, quarterly 42, yearly 91', () => {
    expect(suggestedLeadDays(1, 'week')).toBe(2);
    expect(suggestedLeadDays(1, 'month')).toBe(28);
    expect(suggestedLeadDays(3, 'month')).toBe(42);
    expect(suggestedLeadDays(6, 'month')).toBe(91);
    expect(suggestedLeadDays(1, 'year')).toBe(91);
  });

  it("proposes a statutory task's cadence, performer and anchor rule", () => {
    expect(taskDefaults(ELEVATOR_INSPECTION)).toEqual({
      cadenceEvery: '2',
      cadenceUnit: 'year',
      performer: 'approved-body',
      anchorKind: 'statutory',
      intermediate: true,
      leadDays: '91',
    });
  });

  it('checks the form before sending and names the fields', () => {
    const problems = localProblems({ ...EMPTY_REQUIREMENT_FORM, cadenceEvery: '0', leadDays: '-1', fee: '12,345' });
    expect(problems.map((p) => [p.field, p.keys?.[0]])).toEqual([
      ['taskKey', 'maint.req.required'],
      ['cadenceEvery', 'maint.req.positive'],
      ['anchorDate', 'maint.req.required'],
      ['leadDays', 'maint.req.nonNegative'],
      ['fee', 'maint.req.feeInvalid'],
    ]);
    expect(localProblems({ ...EMPTY_REQUIREMENT_FORM, taskKey: 'x', anchorDate: '2026-01-01', leadDays: '0' })).toEqual(
      [],
    );
  });

  it('builds the API body: a statutory anchor from the last test, a selection by trade without asset', () => {
    const body = requestOf(
      {
        ...EMPTY_REQUIREMENT_FORM,
        taskKey: 'elevator-main-inspection',
        title: '  ',
        ...taskDefaults(ELEVATOR_INSPECTION),
        anchorDate: '2025-05-14',
        fee: '400,00',
      },
      { contractId: 'c-1', siteId: 's-1', trade: 'elevators' },
    );
    expect(body).toEqual({
      contractId: 'c-1',
      siteId: 's-1',
      taskKey: 'elevator-main-inspection',
      assetId: null,
      trade: 'elevators',
      cadence: { every: 2, unit: 'year' },
      anchor: { kind: 'statutory', lastTest: '2025-05-14', intermediate: true },
      leadDays: 91,
      performer: 'approved-body',
      fee: '400.00',
      active: true,
    });
    const grid = requestOf(
      {
        ...EMPTY_REQUIREMENT_FORM,
        taskKey: 't',
        assetId: 'a-1',
        anchorDate: '2026-01-31',
        cadenceEvery: '2',
        cadenceUnit: 'month',
      },
      { contractId: 'c-1', siteId: 's-1', trade: null },
    );
    expect(grid).toMatchObject({
      assetId: 'a-1',
      anchor: { kind: 'fixed-grid', start: '2026-01-31' },
      fee: null,
    });
    expect(grid).not.toHaveProperty('trade');
    // an edit never sends what cannot change (contract, site, task, selection)
    expect(changesOf(grid)).toEqual({
      cadence: { every: 2, unit: 'month' },
      anchor: { kind: 'fixed-grid', start: '2026-01-31' },
      leadDays: 28,
      performer: 'provider',
      fee: null,
      active: true,
    });
  });

  it('round-trips a requirement through the form', () => {
    const requirement: RequirementView = {
      id: 'r-1',
      tenantId: 't-1',
      contractId: 'c-1',
      taskKey: 'elevator-main-inspection',
      title: 'Hauptprüfung AZ-01',
      siteId: 's-1',
      assetId: 'a-1',
      trade: null,
      assetClass: null,
      cadence: { every: 2, unit: 'year' },
      kind: 'statutory-test',
      statutory: true,
      anchor: { kind: 'statutory', lastTest: '2025-05-14', intermediate: true },
      leadDays: 91,
      performer: 'approved-body',
      evidence: ['inspection-record'],
      createdAt: '2026-12-01T08:00:00.000Z',
      updatedAt: '2026-12-01T08:00:00.000Z',
      fee: '400.00',
      active: true,
      version: 3,
    };
    const value = formValueOf(requirement);
    expect(value).toMatchObject({
      anchorKind: 'statutory',
      anchorDate: '2025-05-14',
      intermediate: true,
      fee: '400.00',
    });
    expect(requestOf(value, { contractId: 'c-1', siteId: 's-1', trade: null })).toMatchObject({
      title: 'Hauptprüfung AZ-01',
      anchor: requirement.anchor,
      cadence: requirement.cadence,
      fee: '400.00',
    });
  });

  it("maps the API's field paths onto the form's controls", () => {
    expect(formFieldOfPath('cadence.every')).toBe('cadenceEvery');
    expect(formFieldOfPath('cadence.unit')).toBe('cadenceUnit');
    expect(formFieldOfPath('anchor.lastTest')).toBe('anchorDate');
    expect(formFieldOfPath('anchor.start')).toBe('anchorDate');
    expect(formFieldOfPath('anchor')).toBe('anchorKind');
    expect(formFieldOfPath('fee')).toBe('fee');
    expect(formFieldOfPath('anchor.intermediate.x')).toBe('intermediate');
    expect(formFieldOfPath('cadence[0]')).toBe('cadenceEvery');
    expect(formFieldOfPath('contractId')).toBeNull();
  });

  it('puts server problems at their fields and keeps the rest for the summary', () => {
    const failure = toSaveFailure(
      new HttpErrorResponse({
        status: 400,
        error: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'Ungültige Eingabe',
          fields: [
            { field: 'cadence.every', messages: ['muss ≥ 1 sein'] },
            { field: 'anchor.lastTest', messages: ['kein Datum'] },
            { field: 'contractId', messages: ['unbekannt'] },
          ],
        },
      }),
    );
    expect(failure).toMatchObject({
      status: 400,
      key: 'maint.error.invalid',
      serverMessage: 'Ungültige Eingabe',
      stale: false,
    });
    expect(failure.fields).toEqual([
      { field: 'cadenceEvery', messages: ['cadence.every: muss ≥ 1 sein'] },
      { field: 'anchorDate', messages: ['anchor.lastTest: kein Datum'] },
    ]);
    expect(failure.other).toEqual([{ field: 'contractId', messages: ['unbekannt'] }]);

    expect(toSaveFailure(new HttpErrorResponse({ status: 412 }))).toMatchObject({
      key: 'maint.error.stale',
      stale: true,
    });
    expect(toSaveFailure(new HttpErrorResponse({ status: 403 })).key).toBe('maint.error.forbidden');
    expect(toSaveFailure(new HttpErrorResponse({ status: 503 })).key).toBe('maint.error.server');
    expect(toSaveFailure(new Error('boom')).status).toBe(-1);
  });
});
