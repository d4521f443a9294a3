/**
 * CSV as spreadsheets write it (RFC 4180): UTF-8 with or without BOM; the delimiter (',' ';' or tab) found from
 * the first line; cells in double quotes may hold delimiters, quotes ("") and line breaks. One reader and one
 * writer for every CSV the product reads or writes (asset register, price lists), in the browser and the server.
 */
export type CsvDelimiter = ',' | ';' | '\t';

/** Why a text is not readable CSV: a quote that never closes, or more cells than the caller allows. */
export class CsvFormatError extends Error {
  override readonly name = 'CsvFormatError';
  constructor(readonly reason: 'unclosed-quote' | 'too-many-cells') {
    super(
      reason === 'unclosed-quote'
        ? 'the CSV ends inside a quoted cell (a " is not closed)'
        : 'the file has too many cells for one import',
    );
  }
}

export function detectDelimiter(firstLine: string): CsvDelimiter {
  const count = (c: string): number => firstLine.split(c).length - 1;
  return ([';', '\t', ','] as const).reduce<CsvDelimiter>((best, c) => (count(c) > count(best) ? c : best), ',');
}

/** Every record of the text as cells; an empty text has no records. */
export function readCsvRecords(text: string, maxCells = Number.POSITIVE_INFINITY): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(body.split(/\r?\n/, 1)[0] ?? '');
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let cells = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      record.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      record.push(cell);
      records.push(record);
      cells += record.length;
      if (cells > maxCells) throw new CsvFormatError('too-many-cells');
      record = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new CsvFormatError('unclosed-quote');
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

/** The records as CSV text with a BOM (so Excel opens UTF-8 right) and CRLF line ends. */
export function writeCsvText(records: readonly (readonly string[])[], delimiter: CsvDelimiter): string {
  const quote = (v: string): string =>
    v.includes(delimiter) || /["\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
  return `\uFEFF${records.map((r) => r.map(quote).join(delimiter)).join('\r\n')}\r\n`;
}
