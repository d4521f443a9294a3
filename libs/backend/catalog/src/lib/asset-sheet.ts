import ExcelJS from 'exceljs';
import { InvalidInputError } from '@leitstand/backend/core';
import { CsvFormatError, readCsvRecords, writeCsvText } from '@leitstand/domain';

/**
 * Spreadsheet I/O of the asset register: CSV (the domain's reader and writer, RFC 4180) and XLSX (the first worksheet, via exceljs) into string cells,
 * and the reverse for the export. Cells are strings: dates become 'YYYY-MM-DD', numbers their
 * decimal text, formulas their cached result.
 */
export interface Sheet {
  header: string[];
  rows: string[][];
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_SHEET_CELLS = 20_001 * 80;

export function parseCsv(text: string): Sheet {
  let records: string[][];
  try {
    records = readCsvRecords(text, MAX_SHEET_CELLS);
  } catch (error) {
    if (error instanceof CsvFormatError) throw InvalidInputError.of('file', error.message);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw InvalidInputError.of('file', 'the file is empty (a header row is needed)');
  return { header, rows };
}

export function writeCsv(sheet: Sheet, delimiter: ',' | ';'): Buffer {
  return Buffer.from(writeCsvText([sheet.header, ...sheet.rows], delimiter), 'utf8');
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // exceljs reads a date cell as the UTC instant of its local wall time.
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

export async function parseXlsx(bytes: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw InvalidInputError.of('file', 'the XLSX file cannot be read (damaged or not a workbook)');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw InvalidInputError.of('file', 'the workbook has no worksheet');
  const width = sheet.columnCount;
  if (sheet.rowCount * width > MAX_SHEET_CELLS) {
    throw InvalidInputError.of('file', 'the file has too many cells for one import');
  }
  const records: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    records.push(cells);
  }
  const [header, ...rows] = records;
  if (!header) throw InvalidInputError.of('file', 'the worksheet is empty (a header row is needed)');
  return { header, rows };
}

/** Every cell as text (so codes like '0012' and dates stay what they are). */
export async function writeXlsx(sheet: Sheet, title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' ') || 'Assets');
  ws.addRow(sheet.header).font = { bold: true };
  for (const row of sheet.rows) ws.addRow(row);
  ws.columns.forEach((col) => {
    col.numFmt = '@';
    col.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
