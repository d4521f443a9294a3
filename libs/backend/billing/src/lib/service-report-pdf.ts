import PDFDocument from 'pdfkit';
import type { ServiceReportPdfLanguage } from '@leitstand/api-contracts';

/** A service report as signed (the snapshot stored at sign-off): what the PDF prints. */
export interface SignedServiceReport {
  readonly ticketNumber: string;
  readonly ticketTitle: string;
  readonly tenantName: string;
  readonly siteName: string;
  readonly workDate: string;
  readonly priceListName: string | null;
  readonly coveredByContract: boolean;
  readonly billable: boolean;
  readonly lines: readonly {
    readonly category: string;
    readonly quantity: string;
    readonly unit: string;
    readonly unitPrice: string;
    readonly surchargePercent: string;
    readonly amount: string;
    readonly explanation: string;
  }[];
  readonly discounts: readonly {
    readonly label: string;
    readonly percent: string;
    readonly base: string;
    readonly amount: string;
  }[];
  readonly linesTotal: string;
  readonly net: string;
  readonly vatPercent: string;
  readonly vat: string;
  readonly gross: string;
  readonly signerName: string;
  readonly signedAt: string;
}

const TEXTS = {
  de: {
    title: 'Leistungsnachweis',
    ticket: 'Ticket',
    customer: 'Kunde',
    site: 'Standort',
    workDate: 'Leistungsdatum',
    priceList: 'Preisliste',
    covered: 'Durch den Vertrag abgedeckt (nicht berechnet)',
    billable: 'Abrechenbar',
    quantity: 'Menge',
    unitPrice: 'Einzelpreis',
    surcharge: 'Zuschlag',
    amount: 'Betrag',
    linesTotal: 'Summe der Positionen',
    net: 'Netto',
    vat: 'USt.',
    gross: 'Brutto',
    signed: 'Unterschrieben von',
    at: 'am',
  },
  en: {
    title: 'Service report',
    ticket: 'Ticket',
    customer: 'Customer',
    site: 'Site',
    workDate: 'Work date',
    priceList: 'Price list',
    covered: 'Covered by the contract (not charged)',
    billable: 'Billable',
    quantity: 'Quantity',
    unitPrice: 'Unit price',
    surcharge: 'Surcharge',
    amount: 'Amount',
    linesTotal: 'Total of lines',
    net: 'Net',
    vat: 'VAT',
    gross: 'Gross',
    signed: 'Signed by',
    at: 'on',
  },
} as const;

const LOCALES: Record<ServiceReportPdfLanguage, string> = { de: 'de-DE', en: 'en-GB' };
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A decimal string as euros in `locale`, formatted by Intl from the string (no float). */
export function pdfMoney(value: string, lang: ServiceReportPdfLanguage): string {
  if (!DECIMAL.test(value)) return value;
  const format = new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'EUR' });
  // Intl reads a numeric string as an exact decimal (ECMA-402 NumberFormat v3); no-break spaces → spaces
  // so that the PDF's standard fonts print them and a text search finds "197,45 €".
  return format.format(value as unknown as number).replace(/\u00a0|\u202f/g, ' ');
}

function pdfDecimal(value: string, lang: ServiceReportPdfLanguage): string {
  if (!DECIMAL.test(value)) return value;
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 6 }).format(value as unknown as number);
}

function signedAtText(iso: string, lang: ServiceReportPdfLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/**
 * The signed service report as a PDF (A4, pdfkit's standard Helvetica, WinAnsi: umlauts and € print): ticket,
 * customer, site, work date, every line with quantity, unit price, surcharge and amount and its explanation,
 * discounts, net, VAT, gross, the signer with the instant and the signature image. `compress: false` keeps the
 * content streams readable (tests search them; the files stay small).
 */
export async function renderServiceReportPdf(
  report: SignedServiceReport,
  signaturePng: Buffer | null,
  lang: ServiceReportPdfLanguage,
): Promise<Buffer> {
  const t = TEXTS[lang];
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    compress: false,
    info: { Title: `${t.title} ${report.ticketNumber}`, Author: 'Leitstand' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const left = 48;
  const width = doc.page.width - 96;

  doc.font('Helvetica-Bold').fontSize(18).text(`${t.title} ${report.ticketNumber}`, left);
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(10);
  doc.text(`${t.ticket}: ${report.ticketNumber} – ${report.ticketTitle}`);
  doc.text(`${t.customer}: ${report.tenantName}`);
  doc.text(`${t.site}: ${report.siteName}`);
  doc.text(`${t.workDate}: ${report.workDate}`);
  if (report.priceListName !== null) doc.text(`${t.priceList}: ${report.priceListName}`);
  doc.text(report.coveredByContract ? t.covered : report.billable ? t.billable : '');
  doc.moveDown();

  const cols = { qty: left, price: left + 150, surcharge: left + 260, amount: left + 340 };
  const head = doc.y;
  doc.font('Helvetica-Bold');
  doc.text(t.quantity, cols.qty, head, { width: 140 });
  doc.text(t.unitPrice, cols.price, head, { width: 100, align: 'right' });
  doc.text(t.surcharge, cols.surcharge, head, { width: 70, align: 'right' });
  doc.text(t.amount, cols.amount, head, { width: width - 340, align: 'right' });
  doc.font('Helvetica');
  for (const line of report.lines) {
    if (doc.y > doc.page.height - 160) doc.addPage();
    const y = doc.y + 4;
    doc.text(`${pdfDecimal(line.quantity, lang)} ${line.unit}`, cols.qty, y, { width: 140 });
    doc.text(pdfMoney(line.unitPrice, lang), cols.price, y, { width: 100, align: 'right' });
    doc.text(`${pdfDecimal(line.surchargePercent, lang)} %`, cols.surcharge, y, { width: 70, align: 'right' });
    doc.text(pdfMoney(line.amount, lang), cols.amount, y, { width: width - 340, align: 'right' });
    doc.fontSize(8).fillColor('#444444').text(line.explanation, left, doc.y, { width });
    doc.fontSize(10).fillColor('black');
  }
  doc.moveDown();
  const total = (label: string, value: string, bold = false): void => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(label, left, y, { width: 300 });
    doc.text(value, cols.amount, y, { width: width - 340, align: 'right' });
  };
  total(t.linesTotal, pdfMoney(report.linesTotal, lang));
  for (const d of report.discounts) total(`${d.label} (${pdfDecimal(d.percent, lang)} %)`, pdfMoney(d.amount, lang));
  total(t.net, pdfMoney(report.net, lang), true);
  total(`${t.vat} ${pdfDecimal(report.vatPercent, lang)} %`, pdfMoney(report.vat, lang));
  total(t.gross, pdfMoney(report.gross, lang), true);
  doc.moveDown(2);
  if (doc.y > doc.page.height - 160) doc.addPage();
  doc.font('Helvetica').text(`${t.signed}: ${report.signerName}, ${t.at} ${signedAtText(report.signedAt, lang)}`, left);
  if (signaturePng !== null) {
    doc.image(signaturePng, left, doc.y + 6, { fit: [240, 90] });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
