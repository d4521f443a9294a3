/**
 * A tiny CSV writer for the dashboard's exports, made for German spreadsheet programs:
 * - separator `;` (the comma is the decimal separator in de-DE), lines end with CRLF (RFC 4180);
 * - a field is quoted with `"` when it contains `;`, `"`, CR or LF or starts/ends with a space; inner `"` doubled;
 * - numbers are written by the caller with a decimal comma and no thousands grouping ("10000,00"), money without
 *   the € sign (the column header names the unit);
 * - text that a spreadsheet would run as a formula (starting with `=`, `+`, `@`, tab or CR) gets a leading `'`;
 *   numeric cells are passed as {@link CsvNumber} and never altered;
 * - the file starts with a UTF-8 byte order mark so Excel reads umlauts correctly.
 */
export interface CsvNumber {
  readonly number: string;
}

export type CsvCell = string | CsvNumber | null;

const NEEDS_QUOTES = /[;"\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+@\t\r]/;
const BOM = '\uFEFF';

export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  let text: string;
  if (typeof cell === 'string') {
    text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  } else {
    text = cell.number;
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, header line, one line per row, CRLF after every line. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(';'));
  return `${BOM}${lines.map((line) => `${line}\r\n`).join('')}`;
}

/** Offers the text as a download (Blob + temporary object URL). */
export function downloadCsv(fileName: string, csv: string, doc: Document = document): void {
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  doc.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
