import { formatDuration } from './kpi-tables';

describe('durations (MTTR, MTBF)', () => {
  it.each([
    ['165', 'de-DE', '2 h 45 min'],
    ['29640', 'de-DE', '494 h 0 min'],
    ['44.5', 'de-DE', '45 min'],
    ['44.49', 'de-DE', '44 min'],
    ['90000', 'de-DE', '1.500 h 0 min'],
    ['90000', 'en-GB', '1,500 h 0 min'],
    ['59.5', 'en-GB', '1 h 0 min'],
  ])('%s min in %s → %s', (minutes, locale, expected) => {
    expect(formatDuration(minutes, locale)).toBe(expected);
  });

  it('shows a dash without a figure', () => {
    expect(formatDuration(null, 'de-DE')).toBe('–');
  });
});
