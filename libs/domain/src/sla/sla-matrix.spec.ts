import { BusinessCalendar } from '../calendar/business-calendar';
import { DEFAULT_WARNING_SHARE, buildSlaMatrix } from './sla-matrix';
import type { SlaMatrixSpec } from './sla-matrix';
import { SlaInputError } from './sla.errors';

const calendars = { '24-7': BusinessCalendar.always('Europe/Berlin') };
const spec = (): SlaMatrixSpec => ({
  A: {
    response: { budget: { kind: 'minutes', minutes: 15 }, calendar: '24-7', warningShare: 0.5 },
    restore: { budget: { kind: 'minutes', minutes: 60 }, calendar: '24-7' },
  },
  B: {
    response: { budget: { kind: 'minutes', minutes: 30 }, calendar: '24-7' },
    restore: { budget: { kind: 'minutes', minutes: 240 }, calendar: '24-7' },
  },
  C: {
    response: { budget: { kind: 'minutes', minutes: 480 }, calendar: '24-7' },
    restore: { budget: { kind: 'businessDays', days: 2 }, calendar: '24-7' },
  },
});

describe('buildSlaMatrix from stored JSON', () => {
  it('resolves calendar keys and defaults the warning share to 75 %', () => {
    const matrix = buildSlaMatrix(spec(), calendars);
    expect(matrix.A.response.warningShare).toBe(0.5);
    expect(matrix.A.restore.warningShare).toBe(DEFAULT_WARNING_SHARE);
    expect(DEFAULT_WARNING_SHARE).toBe(0.75);
    expect(matrix.C.restore.budget).toEqual({ kind: 'businessDays', days: 2 });
    expect(matrix.B.restore.calendar).toBe(calendars['24-7']);
  });

  it.each([
    [
      'unknown calendar',
      (s: SlaMatrixSpec) => ({ ...s, B: { ...s.B, restore: { ...s.B.restore, calendar: 'on-site' } } }),
      'matrix.B.restore.calendar',
    ],
    [
      'inherited key',
      (s: SlaMatrixSpec) => ({ ...s, B: { ...s.B, restore: { ...s.B.restore, calendar: 'toString' } } }),
      'matrix.B.restore.calendar',
    ],
    [
      'missing entry',
      (s: SlaMatrixSpec) => ({ ...s, C: { response: s.C.response } }) as unknown as SlaMatrixSpec,
      'matrix.C.restore',
    ],
    [
      'zero days',
      (s: SlaMatrixSpec) =>
        ({
          ...s,
          C: { ...s.C, restore: { budget: { kind: 'businessDays', days: 0 }, calendar: '24-7' } },
        }) as SlaMatrixSpec,
      'matrix.C.restore.budget.days',
    ],
    [
      'unknown budget kind',
      (s: SlaMatrixSpec) =>
        ({
          ...s,
          A: { ...s.A, response: { budget: { kind: 'hours', hours: 1 }, calendar: '24-7' } },
        }) as unknown as SlaMatrixSpec,
      'matrix.A.response.budget',
    ],
    [
      'warning share > 1',
      (s: SlaMatrixSpec) => ({ ...s, A: { ...s.A, response: { ...s.A.response, warningShare: 1.5 } } }),
      'matrix.A.response.warningShare',
    ],
  ])('rejects %s, naming %s', (_what, change, field) => {
    const call = (): unknown => buildSlaMatrix(change(spec()), calendars);
    expect(call).toThrow(SlaInputError);
    expect(call).toThrow(`${field}: `);
  });
});
