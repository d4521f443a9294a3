import { HttpErrorResponse } from '@angular/common/http';
import { problemsAt, problemsOutside, toWriteFailure } from './api-problems';

const problems = [
  { field: 'calendars.regular.week.mon[0]', messages: ['window ends before it starts'] },
  { field: 'calendars.regular-2', messages: ['bad'] },
  { field: 'slaMatrix.A.response.calendar', messages: ["unknown calendar 'x'"] },
  { field: 'name', messages: ['name should not be empty'] },
];

describe('api problems', () => {
  it('reads a 400 with fields into the invalid headline and every field problem', () => {
    const failure = toWriteFailure(
      new HttpErrorResponse({
        status: 400,
        error: { statusCode: 400, error: 'Bad Request', message: 'Invalid input', fields: problems },
      }),
    );
    expect(failure.key).toBe('admin.error.invalid');
    expect(failure.serverMessage).toBe('Invalid input');
    expect(failure.fields.map((f) => f.field)).toEqual(problems.map((p) => p.field));
    expect(failure.stale).toBe(false);
  });

  it('marks 412 (stale If-Match) as stale and 409 as a conflict; 0 is offline, 503 a server error', () => {
    expect(toWriteFailure(new HttpErrorResponse({ status: 412, error: { message: 'stale' } }))).toMatchObject({
      key: 'admin.error.stale',
      stale: true,
    });
    expect(toWriteFailure(new HttpErrorResponse({ status: 409, error: null }))).toMatchObject({
      key: 'admin.error.conflict',
      stale: false,
      serverMessage: null,
    });
    expect(toWriteFailure(new HttpErrorResponse({ status: 0 })).key).toBe('admin.error.offline');
    expect(toWriteFailure(new HttpErrorResponse({ status: 503 })).key).toBe('admin.error.server');
    expect(toWriteFailure(new Error('x')).key).toBe('admin.error.unknown');
  });

  it('finds the problems at a path and below it, not at a sibling with the same prefix', () => {
    expect(problemsAt(problems, 'calendars.regular').map((p) => p.field)).toEqual(['calendars.regular.week.mon[0]']);
    expect(problemsAt(problems, 'slaMatrix.A').map((p) => p.field)).toEqual(['slaMatrix.A.response.calendar']);
    expect(problemsAt(problems, 'slaMatrix.B')).toEqual([]);
  });

  it('keeps the problems no field shows for the summary', () => {
    expect(problemsOutside(problems, ['calendars.regular', 'slaMatrix', 'name']).map((p) => p.field)).toEqual([
      'calendars.regular-2',
    ]);
  });
});
