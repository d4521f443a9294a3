import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DocumentListResponse, DocumentView } from '@leitstand/api-contracts';
import {
  CLOCK,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  canSeeTenant,
  isUuid,
  type AuthUser,
  type Clock,
} from '@leitstand/backend/core';
import { isCivilDate, retentionUntil, type DocumentClass } from '@leitstand/domain';
import { DOCUMENT_UPLOADER_ROLES, canReadDocument, toDocumentView, type DocumentRow } from './document-access';

/** What a document is attached to. The next issue adds inspection records. */
export interface DocumentTarget {
  kind: 'ticket' | 'asset';
  id: string;
}

/** A checked target: its tenant. */
export interface VisibleTarget extends DocumentTarget {
  tenantId: string;
}

export interface NewDocument {
  bytes: Buffer;
  /** Sniffed by the HTTP layer (never the client's claim). */
  contentType: string;
  fileName: string;
  title: string;
  documentClass: DocumentClass;
  customerVisible: boolean;
  nextTestDue: string | null;
}

/** What a PATCH of a document may change. */
export interface DocumentChanges {
  title?: string;
  customerVisible?: boolean;
}

/** Who may retitle a document or show it to customers: the office, not the phone. */
export const DOCUMENT_EDITOR_ROLES: readonly AuthUser['role'][] = ['admin', 'agent', 'manager'];

/** The content of a document, opened for download. */
export interface DocumentContent {
  document: DocumentView;
  /** The bytes, read from PostgreSQL chunk by chunk. */
  stream: Readable;
}

/** Bytes per read of a download: 1 MiB (one substring() of the EXTERNAL-stored bytea each). */
export const CONTENT_CHUNK_BYTES = 1024 * 1024;

const SELECT_DOCUMENT = `SELECT d.id, d.tenant_id, d.sha256, d.title, d.file_name, d.document_class,
    d.retention_until::text AS retention_until, d.customer_visible, d.uploaded_by, d.uploaded_at, d.version,
    c.content_type, c.size_bytes
  FROM documents d JOIN document_contents c ON c.sha256 = d.sha256`;

/** The provider's civil date of an instant (retention dates are Europe/Berlin days). */
function berlinDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * The document store (issue 14): content addressed by SHA-256, metadata per upload, links to tickets and
 * assets. PostgreSQL refuses what must never happen (see migration DocumentStore1795320000000); this
 * service decides who may do what. Everything outside the caller's reach is 404.
 */
@Injectable()
export class DocumentsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The ticket or asset a caller is about to upload to or list: 404 unless it exists inside the caller's
   * tenants. Called before the upload's body is read, so nobody streams 25 MB at a target they cannot see.
   */
  async visibleTarget(user: AuthUser, target: DocumentTarget): Promise<VisibleTarget> {
    const what = target.kind;
    if (!isUuid(target.id)) throw new NotFoundError(what, target.id);
    const table = target.kind === 'ticket' ? 'tickets' : 'assets';
    const [row] = (await this.dataSource.query(`SELECT tenant_id FROM ${table} WHERE id = $1`, [target.id])) as Array<{
      tenant_id: string;
    }>;
    if (!row || !canSeeTenant(user, row.tenant_id)) throw new NotFoundError(what, target.id);
    return { ...target, tenantId: row.tenant_id };
  }

  /** Checks the caller may upload at all (the HTTP layer calls it before reading the body). */
  assertMayUpload(user: AuthUser): void {
    if (!DOCUMENT_UPLOADER_ROLES.includes(user.role)) throw new ForbiddenError(`role ${user.role} may not upload`);
  }

  /**
   * Stores one upload: the content row once per hash (a second upload of the same bytes shares it), a new
   * document row with its own title and retention, and the link — in one transaction.
   */
  async upload(user: AuthUser, target: VisibleTarget, input: NewDocument): Promise<DocumentView> {
    this.assertMayUpload(user);
    if (input.nextTestDue !== null && !isCivilDate(input.nextTestDue)) {
      throw InvalidInputError.of('nextTestDue', 'nextTestDue must be a date YYYY-MM-DD');
    }
    const now = this.clock.now();
    const retention = retentionUntil({
      documentClass: input.documentClass,
      uploadedOn: berlinDate(now),
      nextTestDue: input.nextTestDue,
    });
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const id = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO document_contents (sha256, bytes, size_bytes, content_type) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sha256) DO NOTHING`,
        [sha256, input.bytes, input.bytes.length, input.contentType],
      );
      const [doc] = (await manager.query(
        `INSERT INTO documents (tenant_id, sha256, title, file_name, document_class, retention_until, customer_visible,
           uploaded_by, uploaded_at, version)
         VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, 1) RETURNING id`,
        [
          target.tenantId,
          sha256,
          input.title,
          input.fileName,
          input.documentClass,
          retention,
          input.customerVisible,
          user.id,
          now,
        ],
      )) as Array<{ id: string }>;
      const docId = (doc as { id: string }).id;
      await manager.query(
        `INSERT INTO document_links (document_id, tenant_id, ticket_id, asset_id, linked_by, linked_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          docId,
          target.tenantId,
          target.kind === 'ticket' ? target.id : null,
          target.kind === 'asset' ? target.id : null,
          user.id,
          now,
        ],
      );
      return docId;
    });
    return this.get(user, id);
  }

  /** The documents attached to a ticket or asset the caller sees, newest first (customers: theirs only). */
  async list(user: AuthUser, target: DocumentTarget): Promise<DocumentListResponse> {
    const visible = await this.visibleTarget(user, target);
    const column = visible.kind === 'ticket' ? 'ticket_id' : 'asset_id';
    const rows = (await this.dataSource.query(
      `${SELECT_DOCUMENT} JOIN document_links l ON l.document_id = d.id
        WHERE l.${column} = $1 AND d.tenant_id = $2 AND ($3::boolean = false OR d.customer_visible)
        ORDER BY d.uploaded_at DESC, d.id`,
      [visible.id, visible.tenantId, user.role === 'customer'],
    )) as DocumentRow[];
    return { items: rows.filter((r) => canReadDocument(user, r)).map((r) => toDocumentView(user, r)) };
  }

  /** One document's metadata; 404 when unknown or not the caller's to read. */
  async get(user: AuthUser, id: string): Promise<DocumentView> {
    return toDocumentView(user, await this.findReadable(user, id));
  }

  /**
   * Changes what may change of a document: its title and whether the tenant's customers see it. Office staff
   * only (a technician's photo is published by the desk, not by the phone); If-Match names the version read.
   * Content, class, file name and uploader stay as uploaded (the table's trigger refuses anything else).
   */
  async update(user: AuthUser, id: string, version: number, changes: DocumentChanges): Promise<DocumentView> {
    if (!DOCUMENT_EDITOR_ROLES.includes(user.role)) {
      throw new ForbiddenError(`role ${user.role} may not edit documents`);
    }
    const row = await this.findReadable(user, id);
    if (row.version !== version) throw new PreconditionFailedError(version, row.version);
    const title = changes.title?.trim();
    if (title === undefined && changes.customerVisible === undefined) return toDocumentView(user, row);
    const updated = (await this.dataSource.query(
      `UPDATE documents SET title = COALESCE($3, title), customer_visible = COALESCE($4, customer_visible),
         version = version + 1
       WHERE id = $1 AND version = $2 RETURNING id`,
      [id, version, title ?? null, changes.customerVisible ?? null],
    )) as [Array<{ id: string }>, number];
    if (updated[1] === 0) {
      const now = await this.findReadable(user, id);
      throw new PreconditionFailedError(version, now.version);
    }
    return this.get(user, id);
  }

  /** Opens the content of a document for download (404 as `get`). */
  async open(user: AuthUser, id: string): Promise<DocumentContent> {
    const row = await this.findReadable(user, id);
    return { document: toDocumentView(user, row), stream: this.contentStream(row.sha256, row.size_bytes) };
  }

  private async findReadable(user: AuthUser, id: string): Promise<DocumentRow> {
    if (!isUuid(id)) throw new NotFoundError('document', id);
    const [row] = (await this.dataSource.query(`${SELECT_DOCUMENT} WHERE d.id = $1`, [id])) as DocumentRow[];
    if (!row || !canReadDocument(user, row)) throw new NotFoundError('document', id);
    return row;
  }

  /** The bytes of a content row as a stream of CONTENT_CHUNK_BYTES pieces (content never changes). */
  private contentStream(sha256: string, size: number): Readable {
    const query = (offset: number): Promise<Array<{ part: Buffer }>> =>
      this.dataSource.query(
        `SELECT substring(bytes FROM $2::int FOR $3::int) AS part FROM document_contents WHERE sha256 = $1`,
        [sha256, offset + 1, CONTENT_CHUNK_BYTES],
      ) as Promise<Array<{ part: Buffer }>>;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let offset = 0; offset < size; offset += CONTENT_CHUNK_BYTES) {
        const [row] = await query(offset);
        if (!row) throw new Error(`document content ${sha256} vanished`);
        yield row.part;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }
}
