import { CsvFormatError, detectDelimiter, readCsvRecords, writeCsvText } from './csv';

describe('CSV reader and writer (RFC 4180)', () => {
  it('finds the delimiter from the first line: ; before tab before ,', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a\tb')).toBe('\t');
    expect(detectDelimiter('a,b')).toBe(',');
    expect(detectDelimiter('a;b,c,d')).toBe(','); // the most frequent wins
    expect(detectDelimiter('abc')).toBe(',');
  });

  it('reads quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF and a BOM', () => {
    expect(readCsvRecords('\uFEFFa;b\r\n"x;y";"say ""hi"""\r\n"two\nlines";\n')).toEqual([
      ['a', 'b'],
      ['x;y', 'say "hi"'],
      ['two\nlines', ''],
    ]);
    expect(readCsvRecords('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(readCsvRecords('')).toEqual([]);
  });

  it('refuses an open quote and more cells than allowed', () => {
    expect(() => readCsvRecords('a;b\n"x;y\n')).toThrow(new CsvFormatError('unclosed-quote'));
    expect(() => readCsvRecords('a;b\nc;d\ne;f\n', 4)).toThrow(CsvFormatError);
    expect(readCsvRecords('a;b\nc;d\n', 4)).toHaveLength(2);
  });

  it('writes what it reads back, quoting only where needed', () => {
    const records = [
      ['path', 'value'],
      ['notes[0]', 'a; b'],
      ['x', ' padded '],
      ['y', 'say "x"'],
    ];
    const text = writeCsvText(records, ';');
    expect(text).toBe('\uFEFFpath;value\r\nnotes[0];"a; b"\r\nx;" padded "\r\ny;"say ""x"""\r\n');
    expect(readCsvRecords(text)).toEqual(records);
  });
});
