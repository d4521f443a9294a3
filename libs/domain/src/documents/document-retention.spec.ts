import {
  DOCUMENT_CLASSES,
  addYears,
  contentTypesFor,
  isCivilDate,
  isDocumentClass,
  retentionUntil,
} from './document-class';

describe('document retention', () => {
  it.each([
    // invoice of 14 Mar 2026: 8 years from the end of 2026 → 31 Dec 2034 (AO §147 (3), (4) since 2025)
    ['invoice', '2026-03-14', '2034-12-31'],
    // uploaded on 31 Dec: the year still ends that day → 31 Dec 2034
    ['invoice', '2026-12-31', '2034-12-31'],
    // 1 Jan 2027 belongs to 2027 → 31 Dec 2035
    ['invoice', '2027-01-01', '2035-12-31'],
    ['service-report', '2026-07-01', '2034-12-31'],
    // photo: 3 years from the end of 2026 (BGB §§195, 199)
    ['photo', '2026-12-07', '2029-12-31'],
    // other: 1 year from the day
    ['other', '2026-12-07', '2027-12-07'],
    // other on 29 Feb: 28 Feb of the common year after
    ['other', '2028-02-29', '2029-02-28'],
    // inspection report without a known next test: 5 years from the day
    ['inspection-report', '2026-12-07', '2031-12-07'],
  ] as const)('%s uploaded on %s is kept until %s', (documentClass, uploadedOn, until) => {
    expect(retentionUntil({ documentClass, uploadedOn })).toBe(until);
  });

  it('keeps an inspection report until the next test, but at least 2 years', () => {
    // next main inspection in 2 years + 1 month: until then
    expect(
      retentionUntil({ documentClass: 'inspection-report', uploadedOn: '2026-12-07', nextTestDue: '2029-01-07' }),
    ).toBe('2029-01-07');
    // intermediate inspection after 1 year: still 2 years from the upload
    expect(
      retentionUntil({ documentClass: 'inspection-report', uploadedOn: '2026-12-07', nextTestDue: '2027-12-07' }),
    ).toBe('2028-12-07');
    // a next test before the upload (a late report) changes nothing
    expect(
      retentionUntil({ documentClass: 'inspection-report', uploadedOn: '2026-12-07', nextTestDue: '2026-01-01' }),
    ).toBe('2028-12-07');
  });

  it('ignores a next test date for classes that do not depend on it', () => {
    expect(retentionUntil({ documentClass: 'photo', uploadedOn: '2026-12-07', nextTestDue: '2040-01-01' })).toBe(
      '2029-12-31',
    );
  });

  it('refuses dates that are not real calendar days', () => {
    expect(() => retentionUntil({ documentClass: 'invoice', uploadedOn: '2026-02-30' })).toThrow(RangeError);
    expect(() =>
      retentionUntil({ documentClass: 'inspection-report', uploadedOn: '2026-12-07', nextTestDue: '2027-13-01' }),
    ).toThrow(/nextTestDue/);
    for (const bad of ['2026-2-1', '26-02-01', '2026-02-29', '0000-01-01', '1899-12-31', '2026-00-10', ' 2026-01-01']) {
      expect({ bad, ok: isCivilDate(bad) }).toEqual({ bad, ok: false });
    }
    expect(isCivilDate('2028-02-29')).toBe(true);
    expect(isCivilDate('9999-12-31')).toBe(true);
  });

  it('adds years across leap days', () => {
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2026-06-30', 0)).toBe('2026-06-30');
  });

  it('knows exactly its classes', () => {
    expect(DOCUMENT_CLASSES).toEqual(['photo', 'inspection-report', 'service-report', 'invoice', 'other']);
    expect(isDocumentClass('invoice')).toBe(true);
    for (const bad of ['Invoice', 'invoice ', '', null, 1, '__proto__']) expect(isDocumentClass(bad)).toBe(false);
  });

  it('accepts images only for photos, PDFs and images for the rest', () => {
    expect(contentTypesFor('photo')).not.toContain('application/pdf');
    expect(contentTypesFor('photo')).toContain('image/heic');
    for (const c of DOCUMENT_CLASSES.filter((x) => x !== 'photo')) {
      expect(contentTypesFor(c)).toEqual([
        'application/pdf',
        'image/jpeg',
        'image/png',
        'image/webp',
        'image/heic',
        'image/heif',
      ]);
    }
  });
});
