import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CustomerServiceReportView, ServiceReportPdfLanguage, ServiceReportView } from '@leitstand/api-contracts';
import { SIGNER_NAME_MAX_LENGTH } from '@leitstand/api-contracts';
import {
  CLOCK,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  canSeeTenant,
  isUuid,
  type AuthUser,
  type Clock,
} from '@leitstand/backend/core';
import { renderServiceReportPdf, type SignedServiceReport } from './service-report-pdf';
import { ServiceReportService } from './service-report.service';

/** Where the sign-off puts its files: documents of the ticket (the app wires the document store in). */
export interface SignOffDocuments {
  /** Stores the signature PNG (staff only) and returns its document id. */
  storeSignature(user: AuthUser, ticketId: string, png: Buffer, fileName: string): Promise<string>;
  /** Stores the PDF (visible to the ticket's customers) and returns its document id. */
  storePdf(user: AuthUser, ticketId: string, pdf: Buffer, fileName: string): Promise<string>;
}

export const SIGN_OFF_DOCUMENTS = Symbol('SIGN_OFF_DOCUMENTS');

export interface SignOffInput {
  readonly signerName: unknown;
  /** The decoded, type-checked PNG (the HTTP layer checks the data URL, size and file type). */
  readonly signaturePng: Buffer;
  readonly lang: ServiceReportPdfLanguage;
}

const SIGNERS = new Set(['admin', 'manager', 'agent']);
const SIGNABLE_STATUSES = new Set(['restored', 'closed']);

interface SignedRow {
  tenant_id: string;
  signed_at: Date | null;
  signed_snapshot: SignedServiceReport | null;
  signature_document_id: string | null;
  pdf_document_id: string | null;
}

/**
 * The customer's sign-off of a service report on the technician's phone (issue 16): after the restore, the
 * assigned technician (or staff) records the customer's typed name and drawn signature with If-Match of the
 * report's version. The signature PNG and the PDF become documents of the ticket, the priced report is stored
 * as signed (lines and totals), an event `service_report_signed` joins the ticket's log, and the choices are
 * frozen (a PATCH answers 409). Customers see only signed reports, of their own tenant.
 */
@Injectable()
export class ServiceReportSignOffService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ServiceReportService) private readonly reports: ServiceReportService,
    @Inject(SIGN_OFF_DOCUMENTS) private readonly documents: SignOffDocuments,
  ) {}

  async signOff(user: AuthUser, ticketId: string, expected: number, input: SignOffInput): Promise<ServiceReportView> {
    const signerName = typeof input.signerName === 'string' ? input.signerName.trim() : '';
    if (signerName === '') throw InvalidInputError.of('signerName', 'signerName: the customer’s name is required');
    if (signerName.length > SIGNER_NAME_MAX_LENGTH) {
      throw InvalidInputError.of('signerName', `signerName: at most ${SIGNER_NAME_MAX_LENGTH} characters`);
    }
    return this.dataSource.transaction(async (manager) => {
      const { ticket, view } = await this.reports.forSignOff(user, ticketId, manager);
      if (!SIGNERS.has(user.role) && !(user.role === 'technician' && ticket.assigneeId === user.id)) {
        throw new ForbiddenError('only the assigned technician or staff may take the sign-off');
      }
      if (view.signOff !== null) {
        throw new ConflictError(`the service report was already signed off by ${view.signOff.signerName}`, {
          signOff: view.signOff,
        });
      }
      if (view.version !== expected) throw new PreconditionFailedError(expected, view.version);
      const [facts] = (await manager.query(
        `SELECT t.status, t.title, s.name AS site_name, n.name AS tenant_name
           FROM tickets t JOIN sites s ON s.id = t.site_id JOIN tenants n ON n.id = t.tenant_id
          WHERE t.id = $1`,
        [ticket.id],
      )) as Array<{ status: string; title: string; site_name: string; tenant_name: string }>;
      if (facts === undefined) throw new NotFoundError('ticket', ticketId);
      if (!SIGNABLE_STATUSES.has(facts.status)) {
        throw new ConflictError(`the customer signs off after the restore; the ticket is ${facts.status}`, {
          currentStatus: facts.status,
        });
      }
      const pricing = view.pricing;
      if (pricing === null) {
        throw new ConflictError(
          `the service report cannot be priced: ${view.problems.map((p) => p.field).join(', ')}`,
          {
            problems: view.problems,
          },
        );
      }
      const signedAt = this.clock.now();
      const snapshot: SignedServiceReport = {
        ticketNumber: ticket.number,
        ticketTitle: facts.title,
        tenantName: facts.tenant_name,
        siteName: facts.site_name,
        workDate: view.workDate,
        priceListName: view.priceList?.name ?? null,
        coveredByContract: view.coveredByContract,
        billable: view.billable,
        lines: pricing.lines.map((l) => ({
          category: l.category,
          quantity: l.quantity,
          unit: l.unit,
          unitPrice: l.unitPrice,
          surchargePercent: l.surchargePercent,
          amount: l.amount,
          explanation: l.explanation,
        })),
        discounts: pricing.discounts.map((d) => ({
          label: d.label,
          percent: d.percent,
          base: d.base,
          amount: d.amount,
        })),
        linesTotal: pricing.linesTotal,
        net: pricing.net,
        vatPercent: pricing.vatPercent,
        vat: pricing.vat,
        gross: pricing.gross,
        signerName,
        signedAt: signedAt.toISOString(),
      };
      const base = `Leistungsnachweis-${ticket.number}`;
      const signatureId = await this.documents.storeSignature(
        user,
        ticket.id,
        input.signaturePng,
        `${base}-Unterschrift.png`,
      );
      const pdf = await renderServiceReportPdf(snapshot, input.signaturePng, input.lang);
      const pdfId = await this.documents.storePdf(user, ticket.id, pdf, `${base}.pdf`);
      const c = view.choices;
      const rows = (await manager.query(
        `WITH written AS (
           INSERT INTO service_reports (ticket_id, tenant_id, small_material, emergency, work_type, travel_method,
                  catalog_items, discounts, updated_by, version, signed_at, signer_name, signed_by,
                  signature_document_id, pdf_document_id, signed_snapshot)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, 1, $10, $11, $9, $12, $13, $14::jsonb)
           ON CONFLICT (ticket_id) DO UPDATE
              SET signed_at = EXCLUDED.signed_at, signer_name = EXCLUDED.signer_name, signed_by = EXCLUDED.signed_by,
                  signature_document_id = EXCLUDED.signature_document_id, pdf_document_id = EXCLUDED.pdf_document_id,
                  signed_snapshot = EXCLUDED.signed_snapshot, updated_by = EXCLUDED.updated_by, updated_at = now(),
                  version = service_reports.version + 1
            WHERE service_reports.version = $15 AND service_reports.signed_at IS NULL
           RETURNING version)
         SELECT version FROM written`,
        [
          ticket.id,
          ticket.tenantId,
          c.smallMaterial,
          c.emergency,
          c.workType,
          c.travelMethod,
          JSON.stringify(c.catalogItems),
          JSON.stringify(c.discounts),
          user.id,
          signedAt,
          signerName,
          signatureId,
          pdfId,
          JSON.stringify(snapshot),
          expected,
        ],
      )) as Array<{ version: number }>;
      const version = rows[0]?.version;
      if (version === undefined) throw new PreconditionFailedError(expected, expected + 1);
      await manager.query(
        `INSERT INTO ticket_events (ticket_id, type, actor, occurred_at, payload) VALUES ($1, 'service_report_signed', $2, $3, $4::jsonb)`,
        [
          ticket.id,
          user.id,
          signedAt,
          JSON.stringify({
            actorId: user.id,
            actorName: user.displayName,
            actorRole: user.role,
            signerName,
            signedAt: signedAt.toISOString(),
            net: pricing.net,
            gross: pricing.gross,
            pdfDocumentId: pdfId,
          }),
        ],
      );
      return {
        ...view,
        version,
        signOff: {
          signerName,
          signedAt: signedAt.toISOString(),
          signatureDocumentId: signatureId,
          pdfDocumentId: pdfId,
        },
      };
    });
  }

  /**
   * The signed report as the customer sees it (lines and totals as signed, no internal fields). Staff and the
   * ticket's own customers; another tenant's ticket is 404; before the sign-off customers get 403, staff 409.
   */
  async signed(user: AuthUser, ticketId: string): Promise<CustomerServiceReportView> {
    const { row, number } = await this.signedRow(user, ticketId);
    const s = row.signed_snapshot as SignedServiceReport;
    return {
      ticketId,
      ticketNumber: number,
      workDate: s.workDate,
      coveredByContract: s.coveredByContract,
      lines: s.lines.map((l) => ({
        category: l.category as CustomerServiceReportView['lines'][number]['category'],
        quantity: l.quantity,
        unit: l.unit,
        unitPrice: l.unitPrice,
        surchargePercent: l.surchargePercent,
        amount: l.amount,
        explanation: l.explanation,
      })),
      discounts: s.discounts.map((d) => ({ label: d.label, percent: d.percent, base: d.base, amount: d.amount })),
      net: s.net,
      vatPercent: s.vatPercent,
      vat: s.vat,
      gross: s.gross,
      signOff: {
        signerName: s.signerName,
        signedAt: s.signedAt,
        signatureDocumentId: user.role === 'customer' ? null : row.signature_document_id,
        pdfDocumentId: row.pdf_document_id,
      },
    };
  }

  /** The signed report as PDF in `lang`, rendered from the snapshot and the stored signature. */
  async pdf(
    user: AuthUser,
    ticketId: string,
    lang: ServiceReportPdfLanguage,
  ): Promise<{ pdf: Buffer; fileName: string }> {
    const { row, number } = await this.signedRow(user, ticketId);
    const [signature] = row.signature_document_id
      ? ((await this.dataSource.query(
          `SELECT c.bytes FROM documents d JOIN document_contents c ON c.sha256 = d.sha256 WHERE d.id = $1`,
          [row.signature_document_id],
        )) as Array<{ bytes: Buffer }>)
      : [];
    const pdf = await renderServiceReportPdf(
      row.signed_snapshot as SignedServiceReport,
      signature?.bytes ?? null,
      lang,
    );
    const name = lang === 'de' ? 'Leistungsnachweis' : 'Service-report';
    return { pdf, fileName: `${name}-${number}.pdf` };
  }

  private async signedRow(user: AuthUser, ticketId: string): Promise<{ row: SignedRow; number: string }> {
    const [t] = isUuid(ticketId)
      ? ((await this.dataSource.query(`SELECT tenant_id, number FROM tickets WHERE id = $1`, [ticketId])) as Array<{
          tenant_id: string;
          number: string;
        }>)
      : [];
    if (t === undefined || !canSeeTenant(user, t.tenant_id)) throw new NotFoundError('ticket', ticketId);
    const [row] = (await this.dataSource.query(
      `SELECT tenant_id, signed_at, signed_snapshot, signature_document_id, pdf_document_id
         FROM service_reports WHERE ticket_id = $1`,
      [ticketId],
    )) as SignedRow[];
    if (row === undefined || row.signed_at === null || row.signed_snapshot === null) {
      if (user.role === 'customer') throw new ForbiddenError('customers see a service report once it is signed');
      throw new ConflictError('the service report is not signed yet', { signed: false });
    }
    return { row, number: t.number };
  }
}
