import { deflateSync } from 'node:zlib';
import { crc32 } from 'node:zlib';
import { pdfMoney, renderServiceReportPdf, type SignedServiceReport } from './service-report-pdf';

/** The text a PDF shows: every TJ/Tj string of its (uncompressed) content streams, hex or literal, WinAnsi. */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const winAnsi = (code: number): string => (code === 0x80 ? '€' : String.fromCharCode(code));
  const lines: string[] = [];
  for (const m of source.matchAll(/\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ/g)) {
    const parts = [...(m[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((h) =>
      (h[1]?.match(/../g) ?? []).map((b) => winAnsi(parseInt(b, 16))).join(''),
    );
    lines.push(parts.join(''));
  }
  return lines.join('\n');
}

/** A w × h PNG (8-bit greyscale), built by hand: what a canvas' toDataURL() gives, smaller. */
function png(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(0, 9);
  const rows = Buffer.concat(
    Array.from({ length: h }, (_, y) =>
      Buffer.from([0, ...Array.from({ length: w }, (_, x) => ((x + y) % 2 ? 0 : 255))]),
    ),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const report: SignedServiceReport = {
  ticketNumber: '2026-000003',
  ticketTitle: 'Aufzug bleibt stehen',
  tenantName: 'Wohnbau Süd GmbH',
  siteName: 'Wohnanlage Über den Gärten',
  workDate: '2026-03-10',
  priceListName: 'Servicepreisliste 2022',
  coveredByContract: false,
  billable: true,
  lines: [
    {
      category: 'labour',
      quantity: '3',
      unit: '½ h',
      unitPrice: '41.25',
      surchargePercent: '0',
      amount: '123.75',
      explanation: '3 × ½ h Kundendiensttechniker Di 10:00–11:10 à 82,50 €',
    },
  ],
  discounts: [],
  linesTotal: '197.45',
  net: '197.45',
  vatPercent: '19',
  vat: '37.52',
  gross: '234.97',
  signerName: 'Erika Müller',
  signedAt: '2026-03-10T10:30:00.000Z',
};

describe('service report PDF', () => {
  it('prints ticket, site, lines, totals and the signer in German, with the signature image', async () => {
    const pdf = await renderServiceReportPdf(report, png(40, 20), 'de');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Leistungsnachweis 2026-000003');
    expect(text).toContain('Wohnanlage Über den Gärten');
    expect(text).toContain('123,75 €');
    expect(text).toContain('197,45 €');
    expect(text).toContain('234,97 €');
    expect(text).toContain('Unterschrieben von: Erika Müller');
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
  });

  it('prints English labels and money', async () => {
    const text = pdfText(await renderServiceReportPdf(report, null, 'en'));
    expect(text).toContain('Service report 2026-000003');
    expect(text).toContain('€197.45');
    expect(text).toContain('€234.97');
    expect(text).toContain('Signed by: Erika Müller');
  });

  it('formats money from the decimal string', () => {
    expect(pdfMoney('1234.5', 'de')).toBe('1.234,50 €');
    expect(pdfMoney('0.1000000000000000055', 'en')).toBe('€0.10');
  });
});
