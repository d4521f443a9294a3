import { Inject, Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import {
  APP_CONFIG,
  NotFoundError,
  canSeeTenant,
  isUuid,
  type AppConfig,
  type AuthUser,
} from '@leitstand/backend/core';
import { SiteEntity } from '@leitstand/backend/data-access';
import { STAFF_ROLES, assertRole } from './catalog.common';

/** A4 in points, 3 × 8 labels of 70 × 37 mm (the common sheet, e.g. Avery Zweckform 3475). */
const PAGE = { width: 595.28, height: 841.89 };
const COLUMNS = 3;
const ROWS = 8;
const LABEL = { width: PAGE.width / COLUMNS, height: 104.88 };
const TOP = (PAGE.height - ROWS * LABEL.height) / 2;
const PAD = 8;
const QR_SIZE = LABEL.height - 2 * PAD;

/** The portal's fault report with the asset preselected (what a label's QR code opens). */
export function faultReportUrl(publicUiUrl: string, assetId: string): string {
  return `${publicUiUrl}/portal/report?asset=${encodeURIComponent(assetId)}`;
}

/**
 * The printable QR label sheet of a site: one label per asset (by code) with a QR code of the
 * portal's fault report URL for that asset, the asset code, name and site. The QR code is drawn
 * as vector squares (sharp at any printer resolution) and carries a link annotation with the same
 * URL, so a PDF viewer opens it on click too.
 */
@Injectable()
export class AssetLabelsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sheet(user: AuthUser, siteId: string): Promise<{ pdf: Buffer; siteName: string }> {
    assertRole(user, STAFF_ROLES);
    const site = isUuid(siteId) ? await this.dataSource.getRepository(SiteEntity).findOneBy({ id: siteId }) : null;
    if (!site || !canSeeTenant(user, site.tenantId)) throw new NotFoundError('Site', siteId);
    const assets = (await this.dataSource.query(
      `SELECT id, code, name FROM assets WHERE site_id = $1 ORDER BY code, id`,
      [site.id],
    )) as Array<{ id: string; code: string; name: string }>;
    const doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      autoFirstPage: true,
      info: { Title: `QR labels ${site.name}`, Author: 'Leitstand' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
      doc.on('end', () => resolve());
      doc.on('error', reject);
    });
    if (assets.length === 0) {
      doc.font('Helvetica').fontSize(12).text(`${site.name}: no assets`, 40, 40);
    }
    assets.forEach((asset, i) => {
      const slot = i % (COLUMNS * ROWS);
      if (i > 0 && slot === 0) doc.addPage({ size: 'A4', margin: 0 });
      const x = (slot % COLUMNS) * LABEL.width;
      const y = TOP + Math.floor(slot / COLUMNS) * LABEL.height;
      const url = faultReportUrl(this.config.http.publicUiUrl, asset.id);
      drawQr(doc, url, x + PAD, y + PAD, QR_SIZE);
      doc.link(x + PAD, y + PAD, QR_SIZE, QR_SIZE, url);
      const textX = x + PAD + QR_SIZE + 6;
      const textWidth = LABEL.width - (textX - x) - PAD;
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .fillColor('black')
        .text(asset.code, textX, y + PAD + 2, { width: textWidth, lineBreak: false, ellipsis: true });
      doc
        .font('Helvetica')
        .fontSize(8)
        .text(asset.name, textX, y + PAD + 18, { width: textWidth, height: 40, ellipsis: true });
      doc
        .fontSize(7)
        .fillColor('#444444')
        .text(site.name, textX, y + LABEL.height - PAD - 18, { width: textWidth, height: 18, ellipsis: true });
    });
    doc.end();
    await done;
    return { pdf: Buffer.concat(chunks), siteName: site.name };
  }
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.save().fillColor('black');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
    }
  }
  doc.fill().restore();
}
