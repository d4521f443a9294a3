import type { AuthUser } from '@leitstand/backend/core';
import { canReadDocument, toDocumentView, type DocumentRow } from './document-access';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const user = (role: AuthUser['role'], tenantIds: AuthUser['tenantIds'], tenantId: string | null = null): AuthUser => ({
  id: 'u',
  email: 'u@example.test',
  displayName: 'U',
  role,
  tenantId,
  tenantIds,
  sessionId: 's',
});
const row: DocumentRow = {
  id: 'd',
  tenant_id: T1,
  sha256: 'a'.repeat(64),
  title: 'Foto',
  file_name: 'foto.jpg',
  document_class: 'photo',
  retention_until: '2029-12-31',
  customer_visible: false,
  uploaded_by: 'uploader',
  uploaded_at: new Date('2026-12-07T09:00:00Z'),
  version: 1,
  content_type: 'image/jpeg',
  size_bytes: 10,
};

describe('document access', () => {
  it.each([
    ['admin sees every tenant', user('admin', 'all'), row, true],
    ['agent sees every tenant', user('agent', 'all'), row, true],
    ['manager of the tenant', user('manager', [T1]), row, true],
    ['manager of another tenant', user('manager', [T2]), row, false],
    ['technician serving the tenant', user('technician', [T2, T1]), row, true],
    ['technician serving others', user('technician', [T2]), row, false],
    ['customer, internal document', user('customer', [T1], T1), row, false],
    ['customer, marked for customers', user('customer', [T1], T1), { ...row, customer_visible: true }, true],
    ['customer of another tenant', user('customer', [T2], T2), { ...row, customer_visible: true }, false],
  ] as const)('%s → %s', (_label, who, doc, expected) => {
    expect(canReadDocument(who, doc)).toBe(expected);
  });

  it('hides the uploader from customers', () => {
    const customer = user('customer', [T1], T1);
    expect(toDocumentView(customer, row).uploadedBy).toBeNull();
    expect(toDocumentView(user('agent', 'all'), row)).toEqual({
      id: 'd',
      tenantId: T1,
      title: 'Foto',
      fileName: 'foto.jpg',
      documentClass: 'photo',
      contentType: 'image/jpeg',
      sizeBytes: 10,
      sha256: 'a'.repeat(64),
      retentionUntil: '2029-12-31',
      customerVisible: false,
      uploadedBy: 'uploader',
      uploadedAt: '2026-12-07T09:00:00.000Z',
      version: 1,
      contentUrl: '/api/documents/d/content',
    });
  });
});
