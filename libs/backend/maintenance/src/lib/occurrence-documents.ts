import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { DocumentView } from '@leitstand/api-contracts';
import { InvalidInputError, type AuthUser } from '@leitstand/backend/core';
import { isCivilDate, retentionUntil, type DocumentClass } from '@leitstand/domain';
import { civilDate, toDocumentView, type OccurrenceDocumentRow, type OccurrenceRow } from './occurrence-views';

/** The classes of evidence an occurrence takes: photos and the inspection body's report. */
export const OCCURRENCE_DOCUMENT_CLASSES = ['photo', 'inspection-report'] as const satisfies readonly DocumentClass[];
export type OccurrenceDocumentClass = (typeof OCCURRENCE_DOCUMENT_CLASSES)[number];

/** One upload to an occurrence, read and sniffed by the HTTP layer (never the client's claimed type). */
export interface OccurrenceDocumentInput {
  bytes: Buffer;
  contentType: string;
  fileName: string;
  title: string;
  documentClass: DocumentClass;
  customerVisible: boolean;
  nextTestDue: string | null;
}

export function isOccurrenceDocumentClass(c: string): c is OccurrenceDocumentClass {
  return (OCCURRENCE_DOCUMENT_CLASSES as readonly string[]).includes(c);
}

/**
 * Stores a document attached to an occurrence with `manager` (the caller's transaction): the content row
 * once per hash, a document row with its retention (the document store's rules, Europe/Berlin days) and
 * the link with `occurrence_id` — PostgreSQL's guard trigger checks that the occurrence is of the same
 * tenant. Returns the stored document as the caller sees it.
 */
export async function storeOccurrenceDocument(
  manager: EntityManager,
  user: AuthUser,
  o: Pick<OccurrenceRow, 'id' | 'tenant_id'>,
  input: OccurrenceDocumentInput,
  now: Date,
): Promise<DocumentView> {
  if (!isOccurrenceDocumentClass(input.documentClass)) {
    throw InvalidInputError.of(
      'documentClass',
      `an occurrence takes ${OCCURRENCE_DOCUMENT_CLASSES.join(' or ')} documents, not ${input.documentClass}`,
    );
  }
  if (input.nextTestDue !== null && !isCivilDate(input.nextTestDue)) {
    throw InvalidInputError.of('nextTestDue', 'nextTestDue must be a date YYYY-MM-DD');
  }
  const retention = retentionUntil({
    documentClass: input.documentClass,
    uploadedOn: civilDate(now, 'Europe/Berlin'),
    nextTestDue: input.nextTestDue,
  });
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  await manager.query(
    `INSERT INTO document_contents (sha256, bytes, size_bytes, content_type) VALUES ($1, $2, $3, $4)
     ON CONFLICT (sha256) DO NOTHING`,
    [sha256, input.bytes, input.bytes.length, input.contentType],
  );
  const [doc] = (await manager.query(
    `INSERT INTO documents (tenant_id, sha256, title, file_name, document_class, retention_until, customer_visible,
       uploaded_by, uploaded_at, version)
     VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, 1)
     RETURNING id, tenant_id, sha256, title, file_name, document_class, retention_until::text AS retention_until,
       customer_visible, uploaded_by, uploaded_at, version`,
    [
      o.tenant_id,
      sha256,
      input.title,
      input.fileName,
      input.documentClass,
      retention,
      input.customerVisible,
      user.id,
      now,
    ],
  )) as Array<Omit<OccurrenceDocumentRow, 'content_type' | 'size_bytes'>>;
  const row = doc as Omit<OccurrenceDocumentRow, 'content_type' | 'size_bytes'>;
  await manager.query(
    `INSERT INTO document_links (document_id, tenant_id, occurrence_id, linked_by, linked_at) VALUES ($1, $2, $3, $4, $5)`,
    [row.id, o.tenant_id, o.id, user.id, now],
  );
  const [content] = (await manager.query(`SELECT content_type, size_bytes FROM document_contents WHERE sha256 = $1`, [
    sha256,
  ])) as Array<{ content_type: string; size_bytes: number }>;
  return toDocumentView(user, {
    ...row,
    content_type: content?.content_type ?? input.contentType,
    size_bytes: content?.size_bytes ?? input.bytes.length,
  });
}
