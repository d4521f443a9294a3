import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import { retentionUntil, type DocumentClass, type InspectionRecord } from '@leitstand/domain';
import type { GeneratedPlans } from './demo-plans.generator';

/** What the evidence of the demo's completed occurrences added. */
export interface DemoEvidenceResult {
  /** Inspection reports (PDF) of occurrences whose task needs the §17 record. */
  reports: number;
  /** Photos (PNG) of occurrences whose task needs a photo. */
  photos: number;
}

const RESULT_TEXT: Readonly<Record<InspectionRecord['result'], string>> = {
  'no-defects': 'ohne Mängel',
  'minor-defects': 'geringfügige Mängel',
  'major-defects': 'erhebliche Mängel',
  dangerous: 'gefährliche Mängel – Betrieb untersagt',
};

/**
 * The evidence of the demo's completed occurrences, so that they pass the evidence gate they were completed
 * behind: the inspection body's report as a PDF with the BetrSichV §17 record for every task that needs the
 * record, and a photo for every task that needs one — uploaded by the technician who completed it at the
 * completion instant, linked to the occurrence, with the document store's retention. Customers see the
 * reports in the portal (as an inspection body's report is theirs); photos stay internal.
 */
export async function seedDemoEvidence(q: EntityManager, plans: GeneratedPlans): Promise<DemoEvidenceResult> {
  const result: DemoEvidenceResult = { reports: 0, photos: 0 };
  const requirements = new Map(plans.requirements.map((r) => [r.id, r]));
  const done = plans.occurrences.filter((o) => o.completedAt !== null && o.evidenceAccepted && o.technicianId);
  if (done.length === 0) return result;
  const names = new Map(
    (
      (await q.query(
        `SELECT a.id, a.code, a.name, s.name AS site_name FROM assets a JOIN sites s ON s.id = a.site_id
          WHERE a.id = ANY($1::uuid[])`,
        [[...new Set(done.map((o) => o.assetId))]],
      )) as Array<{ id: string; code: string; name: string; site_name: string }>
    ).map((a) => [a.id, a]),
  );
  for (const o of done) {
    const requirement = requirements.get(o.requirementId);
    const asset = names.get(o.assetId);
    if (!requirement || !asset || !o.completedAt || !o.technicianId) continue;
    const completedOn = o.completedOn ?? DateTime.fromJSDate(o.completedAt, { zone: 'Europe/Berlin' }).toISODate();
    const evidence = requirement.task.evidence;
    const store = async (documentClass: DocumentClass, bytes: Buffer, contentType: string, title: string) => {
      const fileName = `${asset.code}-${completedOn}-${documentClass}.${contentType === 'application/pdf' ? 'pdf' : 'png'}`;
      await storeDemoDocument(q, {
        tenantId: o.tenantId,
        occurrenceId: o.id,
        uploadedBy: o.technicianId as string,
        at: o.completedAt as Date,
        documentClass,
        bytes,
        contentType,
        title,
        fileName,
        retentionUntil: retentionUntil({
          documentClass,
          uploadedOn: completedOn as string,
          nextTestDue: o.inspectionRecord?.nextDeadline ?? null,
        }),
      });
    };
    if (evidence.includes('inspection-record') && o.inspectionRecord) {
      const pdf = await inspectionReportPdf({
        title: requirement.title,
        assetCode: asset.code,
        assetName: asset.name,
        siteName: asset.site_name,
        record: o.inspectionRecord,
        at: o.completedAt,
      });
      await store('inspection-report', pdf, 'application/pdf', `Prüfbericht ${asset.code} ${completedOn}`);
      result.reports++;
    }
    if (evidence.includes('photo')) {
      await store('photo', demoPhotoPng(o.id), 'image/png', `Foto ${asset.code} ${completedOn}`);
      result.photos++;
    }
  }
  return result;
}

async function storeDemoDocument(
  q: EntityManager,
  d: {
    tenantId: string;
    occurrenceId: string;
    uploadedBy: string;
    at: Date;
    documentClass: DocumentClass;
    bytes: Buffer;
    contentType: string;
    title: string;
    fileName: string;
    retentionUntil: string;
  },
): Promise<void> {
  const sha256 = createHash('sha256').update(d.bytes).digest('hex');
  await q.query(
    `INSERT INTO document_contents (sha256, bytes, size_bytes, content_type) VALUES ($1, $2, $3, $4)
     ON CONFLICT (sha256) DO NOTHING`,
    [sha256, d.bytes, d.bytes.length, d.contentType],
  );
  const [doc] = (await q.query(
    `INSERT INTO documents (tenant_id, sha256, title, file_name, document_class, retention_until, customer_visible,
       uploaded_by, uploaded_at, version)
     VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, 1) RETURNING id`,
    [
      d.tenantId,
      sha256,
      d.title.slice(0, 200),
      d.fileName,
      d.documentClass,
      d.retentionUntil,
      d.documentClass === 'inspection-report',
      d.uploadedBy,
      d.at,
    ],
  )) as Array<{ id: string }>;
  await q.query(
    `INSERT INTO document_links (document_id, tenant_id, occurrence_id, linked_by, linked_at) VALUES ($1, $2, $3, $4, $5)`,
    [doc?.id, d.tenantId, d.occurrenceId, d.uploadedBy, d.at],
  );
}

/** A one-page inspection report with the BetrSichV §17 record (asset, date, type, scope, result, defects, …). */
function inspectionReportPdf(r: {
  title: string;
  assetCode: string;
  assetName: string;
  siteName: string;
  record: InspectionRecord;
  at: Date;
}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `Prüfbericht ${r.assetCode}`, Author: r.record.body ?? r.record.inspector, CreationDate: r.at },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const date = (iso: string) => DateTime.fromISO(iso).toFormat('dd.MM.yyyy');
  doc.font('Helvetica-Bold').fontSize(16).text('Prüfbericht (Demo-Daten)');
  doc.moveDown(0.5).font('Helvetica').fontSize(11).text(r.title);
  doc.moveDown();
  const rows: Array<[string, string]> = [
    ['Anlage', `${r.assetCode} – ${r.assetName}`],
    ['Standort', r.siteName],
    ['Datum der Prüfung', date(r.record.date)],
    ['Art der Prüfung', r.record.type],
    ['Umfang', r.record.scope],
    ['Ergebnis', RESULT_TEXT[r.record.result]],
    ['Mängel', r.record.defects.length > 0 ? r.record.defects.join('; ') : 'keine'],
    ['Nächste Prüfung bis', r.record.nextDeadline ? date(r.record.nextDeadline) : '–'],
    ['Prüfer/in', r.record.inspector],
    ['Prüfstelle', r.record.body ?? '–'],
  ];
  for (const [label, value] of rows) {
    doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  }
  doc.moveDown().fontSize(9).text('Aufzeichnung nach § 17 BetrSichV. Erzeugt für die Demo von Leitstand.');
  doc.end();
  return done;
}

/** A small PNG standing in for a technician's photo (a grey gradient, tinted per occurrence). */
function demoPhotoPng(seed: string): Buffer {
  const width = 96;
  const height = 64;
  const tint = parseInt(seed.replace(/-/g, '').slice(0, 2), 16) || 0;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const v = 90 + Math.round((x / width) * 120);
      raw[row + 1 + x * 3] = v;
      raw[row + 2 + x * 3] = Math.min(255, v + (tint % 40));
      raw[row + 3 + x * 3] = 110 + Math.round((y / height) * 80);
    }
  }
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
