import { HttpErrorResponse } from '@angular/common/http';
import { describeAccountError } from './account-api.service';

const i18n = {
  t: (key: string, params?: Record<string, string | number>): string => `${key}${params ? JSON.stringify(params) : ''}`,
};

describe('describeAccountError', () => {
  it('translates the server codes of fields and details', () => {
    const fields = new HttpErrorResponse({
      status: 400,
      error: { fields: [{ field: 'password', messages: ['x'], code: 'password_common' }] },
    });
    expect(describeAccountError(fields, i18n)).toBe('account.error.password_common');
    const conflict = new HttpErrorResponse({
      status: 409,
      error: { details: { field: 'email', code: 'email_taken' } },
    });
    expect(describeAccountError(conflict, i18n)).toBe('account.error.email_taken');
  });

  it('falls back to the status', () => {
    expect(describeAccountError(new HttpErrorResponse({ status: 412 }), i18n)).toBe('account.error.stale');
    expect(describeAccountError(new HttpErrorResponse({ status: 0 }), i18n)).toBe('account.error.unreachable');
    expect(describeAccountError(new HttpErrorResponse({ status: 503 }), i18n)).toBe('account.error.http{"status":503}');
  });
});
